"""Several right options; partial credit for each right pick, and wrong picks cost.

Grade = sum of the fractions of the picked options, kept in [0, 1]. A wrong option (fraction ≤ 0) costs
its own negative fraction; when the author left it at 0 it costs 1 / (number of right options), what
one right pick is worth on average. So ticking every box never earns full marks — a loophole Moodle
leaves open when authors forget negative weights.
"""

import random
from fractions import Fraction
from itertools import product

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bilingual.punctuation import semicolon
from quizzes.formats.moodlexml_syntax import child_text, flag
from quizzes.question_types.base import ZERO, clamp, invalid_response, registry, text_in
from quizzes.question_types.choice_based import ChoiceQuestionType

# Positive fractions must add up to 100%; Moodle files write thirds as 33.33333%.
SUM_TOLERANCE = Fraction(1, 1000)
EXACT_GUESS_LIMIT = 12


@registry.register
class MultipleResponse(ChoiceQuestionType):
    name = "multiple_response"
    label = _("Multiple response")
    gift_priority = 21
    moodlexml_types = ("multichoice",)

    def validate(self, definition):
        errors = self.validate_choices(definition)
        positive = [choice.fraction for choice in definition.choices if choice.fraction > 0]
        if definition.choices and not positive:
            errors.append(ValidationError(_("At least one choice must be right."), code="no_right_choice"))
        elif positive and abs(sum(positive) - 1) > SUM_TOLERANCE:
            errors.append(
                ValidationError(
                    _("The right choices' fractions must add up to 100%%; they add up to %(total)s%%."),
                    code="fractions_sum",
                    params={"total": f"{float(sum(positive)) * 100:.4g}"},
                )
            )
        return errors

    def penalties(self, definition) -> list[Fraction]:
        right = sum(1 for choice in definition.choices if choice.fraction > 0) or 1
        return [
            choice.fraction if choice.fraction > 0 else min(choice.fraction, -Fraction(1, right))
            for choice in definition.choices
        ]

    def grade(self, definition, response) -> Fraction:
        picked = set(response or [])
        weights = self.penalties(definition)
        return clamp(sum((w for c, w in zip(definition.choices, weights) if c.key in picked), ZERO))

    def correct_response(self, definition):
        return [choice.key for choice in definition.choices if choice.fraction > 0]

    def summarise(self, definition, response, language):
        picked = set(response or [])
        return semicolon(language).join(text_in(c.text, language) for c in definition.choices if c.key in picked)

    def random_guess_score(self, definition):
        """Expected grade when each option is ticked with probability ½ (sampled beyond 12 options)."""
        weights = self.penalties(definition)
        if not weights:
            return ZERO
        if len(weights) <= EXACT_GUESS_LIMIT:
            picks = list(product((False, True), repeat=len(weights)))
        else:
            rng = random.Random(0)
            picks = [[rng.random() < 0.5 for _ in weights] for _ in range(4096)]
        total = sum((clamp(sum((w for w, on in zip(weights, pick) if on), ZERO)) for pick in picks), ZERO)
        return total / len(picks)

    def is_answered(self, response):
        return bool(response)

    def raw_from_form(self, data, name):
        return [value for value in data.getlist(name) if value]

    def clean_response(self, definition, raw):
        if raw in (None, ""):
            return []
        values = raw if isinstance(raw, list) else [raw]
        keys = {choice.key for choice in definition.choices}
        if any(value not in keys for value in values):
            raise invalid_response()
        # Keep the question's order and drop repeats, so equal responses compare equal.
        return [choice.key for choice in definition.choices if choice.key in set(values)]

    # --- formats ----------------------------------------------------------------------------------------
    def import_from_gift(self, block):
        """A `~` block with no `=` answer: Moodle's "multiple answers" (with one it is single choice's)."""
        if "~" not in block.answers:
            return None
        pieces = block.pieces("=~")
        if any(marker == "=" for marker, _piece in pieces):
            return None
        return self.read_gift_choices(block, pieces)

    def export_to_gift(self, question, gift):
        return self.write_gift_choices(question, gift, single=False)

    def import_from_moodlexml(self, element, xml):
        """A `multichoice` with `<single>false</single>`."""
        if flag(child_text(element, "single", "true")):
            return None
        return self.read_moodlexml_choices(element, xml)

    def export_to_moodlexml(self, question, xml):
        return self.write_moodlexml_choices(question, xml, single=False)

    def import_from_csv(self, row):
        return self.read_csv_choices(row)

    def export_to_csv(self, question, csv):
        return self.write_csv_choices(question, csv)
