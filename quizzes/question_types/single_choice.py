from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.question_types.base import registry
from quizzes.question_types.choice_based import ChoiceQuestionType


@registry.register
class SingleChoice(ChoiceQuestionType):
    """One right option among at least two; other options may give partial credit."""

    name = "single_choice"
    label = _("Single choice")

    def validate(self, definition):
        errors = self.validate_choices(definition)
        right = [choice for choice in definition.choices if choice.fraction == 1]
        if definition.choices and len(right) != 1:
            errors.append(
                ValidationError(
                    _("Exactly one choice must be fully right (100%%); this question has %(count)d."),
                    code="one_right_choice",
                    params={"count": len(right)},
                )
            )
        return errors
