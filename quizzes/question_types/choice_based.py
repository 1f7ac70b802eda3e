"""What single choice, multiple response and true/false share: options with fractions."""

from __future__ import annotations

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.definitions import QuestionDef
from quizzes.question_types.base import ZERO, QuestionType, clamp, invalid_response, require_texts, text_in


class ChoiceQuestionType(QuestionType):
    """A question answered by picking one option (response: the option's key)."""

    answer_kind = "choices"

    def validate_choices(self, definition: QuestionDef, *, minimum: int = 2) -> list[ValidationError]:
        errors = []
        if len(definition.choices) < minimum:
            errors.append(
                ValidationError(
                    _("Add at least %(minimum)d choices."), code="too_few_choices", params={"minimum": minimum}
                )
            )
        errors += require_texts(definition.choices, "text", _("Choice"))
        for number, choice in enumerate(definition.choices, start=1):
            if not -1 <= choice.fraction <= 1:
                errors.append(
                    ValidationError(
                        _("Choice %(number)d: the fraction must be between -100%% and 100%%."),
                        code="fraction_range",
                        params={"number": number},
                    )
                )
        return errors

    def choice(self, definition: QuestionDef, key):
        for choice in definition.choices:
            if choice.key == key:
                return choice
        return None

    def grade(self, definition: QuestionDef, response) -> Fraction:
        choice = self.choice(definition, response)
        return clamp(choice.fraction) if choice else ZERO

    def correct_response(self, definition: QuestionDef):
        return max(definition.choices, key=lambda choice: choice.fraction).key

    def summarise(self, definition: QuestionDef, response, language: str) -> str:
        choice = self.choice(definition, response)
        return text_in(choice.text, language) if choice else ""

    def random_guess_score(self, definition: QuestionDef) -> Fraction:
        if not definition.choices:
            return ZERO
        return sum((clamp(c.fraction) for c in definition.choices), ZERO) / len(definition.choices)

    def clean_response(self, definition: QuestionDef, raw):
        if raw in (None, ""):
            return None
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if self.choice(definition, raw) is None:
            raise invalid_response()
        return raw
