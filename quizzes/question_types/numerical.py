"""A number within a tolerance: years are the common case.

Response: the text as typed. It is read after `normalise`, so Arabic-Indic (٠-٩) and Persian (۰-۹)
digits and the Arabic decimal separator ٫ work; the question's unit may follow the number.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.answer_matching import normalise
from quizzes.question_types.base import ZERO, QuestionType, clamp, registry, text_in

NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:\s*(.*))?$")


def parse_number(text: str, unit: str = "") -> Decimal | None:
    """Return the number in `text` (with an optional trailing unit), or None if it is not one."""
    folded = normalise(text or "").replace(" ", "") if not unit else normalise(text or "")
    folded = folded.replace(",", "") if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", folded) else folded
    match = NUMBER.match(folded)
    if not match:
        return None
    rest = (match.group(2) or "").strip()
    if rest and (not unit or rest != normalise(unit)):
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None


@registry.register
class Numerical(QuestionType):
    name = "numerical"
    label = _("Numerical")
    answer_rows = "numerical_answers"

    def option_fields(self):
        return {"unit": forms.CharField(label=_("unit"), max_length=40, required=False,
                                        help_text=_("Typed after the number, such as “km”; leave empty for years."))}
    MAX_RESPONSE_LENGTH = 60

    def validate(self, definition):
        errors = []
        answers = definition.numerical_answers
        if not answers:
            errors.append(ValidationError(_("Add at least one accepted number."), code="no_answers"))
        elif not any(answer.fraction == 1 for answer in answers):
            errors.append(ValidationError(_("One accepted number must be fully right (100%%)."), code="no_full_answer"))
        for number, answer in enumerate(answers, start=1):
            if answer.tolerance < 0:
                errors.append(
                    ValidationError(
                        _("Accepted number %(number)d: the tolerance cannot be negative."),
                        code="negative_tolerance",
                        params={"number": number},
                    )
                )
            if not 0 <= answer.fraction <= 1:
                errors.append(
                    ValidationError(
                        _("Accepted number %(number)d: the fraction must be between 0%% and 100%%."),
                        code="fraction_range",
                        params={"number": number},
                    )
                )
        return errors

    def translation_errors(self, definition):
        return []

    def matching_answer(self, definition, response):
        value = parse_number(response, definition.options.get("unit", ""))
        if value is None:
            return None
        best = None
        for answer in definition.numerical_answers:
            if abs(value - answer.value) <= answer.tolerance and (best is None or answer.fraction > best.fraction):
                best = answer
        return best

    def grade(self, definition, response):
        answer = self.matching_answer(definition, response)
        return clamp(answer.fraction) if answer else ZERO

    def correct_response(self, definition):
        best = max(definition.numerical_answers, key=lambda answer: answer.fraction)
        return format(best.value.normalize(), "f")

    def summarise(self, definition, response, language):
        return response or ""

    def fill_view(self, view, definition, *, order, response):
        view.value = response or ""
        if view.display.feedback and response:
            answer = self.matching_answer(definition, response)
            view.extra["feedback"] = text_in(answer.feedback, view.language) if answer else ""

    def clean_response(self, definition, raw):
        text = self.clean_typed_text(raw)
        if text and parse_number(text, definition.options.get("unit", "")) is None:
            raise ValidationError(_("Please type a number, such as 1862."), code="not_a_number")
        return text
