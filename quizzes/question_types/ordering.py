"""Put items in order (chronology is the common case).

Response: the item keys in the learner's order. Partial credit counts right neighbours: each pair of
items the learner placed next to each other in the right order earns 1 / (n − 1) — Moodle's "relative
to the next item" rule. Reversing the whole list earns 0; one item out of place loses at most two pairs.
"""

import re
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy as _

from bilingual.punctuation import arrow
from quizzes.definitions import OrderingItemDef, is_blank
from quizzes.formats.gift_syntax import CannotWrite
from quizzes.formats.moodlexml_syntax import question_text_format, read_decimal
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
    moodlexml_types = ("ordering",)

    def start(self, definition, rng, *, shuffle, fewer_wrong=0):
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
        return arrow(language).join(text_in(by_key[key].text, language) for key in response or [] if key in by_key)

    def random_guess_score(self, definition):
        return Fraction(1, len(definition.items)) if definition.items else ZERO

    shares_formulation = True  # its items in the learner's order: `fill_formulation` below
    _ITEM = re.compile(r'<li class="sortable-item" data-key="([^"]*)">.*?</li>', re.S)

    def fill_formulation(self, html, definition, response, field_name):
        """The shared formulation lists the items in the option order; the learner's lists them in theirs."""
        items = {match.group(1): match.group(0) for match in self._ITEM.finditer(html)}
        keys = [item.key for item in ordered(definition.items, response)]
        if sorted(items) != sorted(keys):
            return None
        blocks = iter(items[key] for key in keys)
        return self._ITEM.sub(lambda _match: next(blocks), html)

    def raw_from_form(self, data, name):
        return [value for value in data.getlist(name) if value]

    def clean_response(self, definition, raw):
        if not raw:
            return []
        if not isinstance(raw, list) or sorted(raw) != sorted(item.key for item in definition.items):
            raise invalid_response()
        return list(raw)

    # --- formats ----------------------------------------------------------------------------------------
    def export_to_gift(self, question, gift):
        # GIFT has no ordering type, and the default writer's `{=a =b =c}` is what Moodle reads as a short
        # answer accepting each item: the question is left out, with a comment saying so.
        raise CannotWrite("")

    def import_from_moodlexml(self, element, xml):
        """Items in the order of the file, as Moodle's qtype_ordering imports them (it ignores their
        `fraction` and renumbers them 1..n when saving); a warning says when the fractions disagree."""
        question = xml.question(self.name)
        text_format = question_text_format(element)
        positions = []
        for answer in element.findall("answer"):
            text = xml.text_from_html(answer, default_format=text_format)
            if is_blank(text):
                continue  # Moodle drops empty items too
            question.items.append(OrderingItemDef(text=text))
            positions.append(read_decimal(answer.get("fraction", "")))
        if None not in positions and positions != sorted(positions):
            xml.warn(
                gettext(
                    "the items’ fraction values do not follow their order in the file; "
                    "the file order was kept, as Moodle does."
                )
            )
        return question

    def export_to_moodlexml(self, question, xml):
        """qtype_ordering: all items shown, graded like our type (right next item, last excluded)."""
        lines = [
            "    <layouttype>VERTICAL</layouttype>",
            "    <selecttype>ALL</selecttype>",
            f"    <selectcount>{len(question.items)}</selectcount>",
            "    <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>",
            "    <showgrading>SHOW</showgrading>",
        ]
        return lines + xml.ordered_item_lines(question.items)

    def import_from_csv(self, row):
        question = row.question(self.name)
        question.items = row.items()
        return question

    def export_to_csv(self, question, csv):
        return csv.answer_cells(question.items)
