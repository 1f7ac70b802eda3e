"""Put items in order (chronology is the common case).

Response: the item keys in the learner's order. Partial credit counts right neighbours: each pair of
items the learner placed next to each other in the right order earns 1 / (n − 1) — Moodle's "relative
to the next item" rule. Reversing the whole list earns 0; one item out of place loses at most two pairs.
"""

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.question_types.base import (
    ZERO,
    Option,
    QuestionType,
    invalid_response,
    ordered,
    registry,
    require_texts,
    text_in,
)


@registry.register
class Ordering(QuestionType):
    name = "ordering"
    label = _("Ordering")
    answer_rows = "items"

    def start(self, definition, rng, *, shuffle):
        # Always shuffled, whatever the quiz says, or the right order would show; never into the right one.
        keys = [item.key for item in definition.items]
        shuffled = keys[:]
        while shuffled == keys and len(set(keys)) > 1:
            rng.shuffle(shuffled)
        return {"items": shuffled}

    def fill_view(self, view, definition, *, order, response):
        current = response or order.get("items")
        view.options = [Option(key=item.key, text=text_in(item.text, view.language))
                        for item in ordered(definition.items, current)]

    def validate(self, definition):
        errors = []
        if len(definition.items) < 3:
            errors.append(ValidationError(_("Add at least three items to order."), code="too_few_items"))
        errors += require_texts(definition.items, "text", _("Item"))
        return errors

    def grade(self, definition, response):
        keys = [item.key for item in definition.items]
        if len(keys) < 2 or not response:
            return ZERO
        right_next = {keys[i]: keys[i + 1] for i in range(len(keys) - 1)}
        earned = sum(1 for a, b in zip(response, response[1:]) if right_next.get(a) == b)
        return Fraction(earned, len(keys) - 1)

    def correct_response(self, definition):
        return [item.key for item in definition.items]

    def summarise(self, definition, response, language):
        by_key = {item.key: item for item in definition.items}
        return " → ".join(text_in(by_key[key].text, language) for key in response or [] if key in by_key)

    def random_guess_score(self, definition):
        return Fraction(1, len(definition.items)) if definition.items else ZERO

    def raw_from_form(self, data, name):
        return [value for value in data.getlist(name) if value]

    def clean_response(self, definition, raw):
        if not raw:
            return []
        if not isinstance(raw, list) or sorted(raw) != sorted(item.key for item in definition.items):
            raise invalid_response()
        return list(raw)
