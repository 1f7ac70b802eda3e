from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.question_types.base import registry
from quizzes.question_types.choice_based import ChoiceQuestionType

TRUE_TEXT = {"ar": "صح", "en": "True"}
FALSE_TEXT = {"ar": "خطأ", "en": "False"}


@registry.register
class TrueFalse(ChoiceQuestionType):
    """A statement that is true or false: two choices, one right (100%) and one wrong (0%)."""

    name = "true_false"
    label = _("True/false")
    shuffles = False

    def validate(self, definition):
        errors = self.validate_choices(definition)
        fractions = sorted(choice.fraction for choice in definition.choices)
        if len(definition.choices) != 2 or fractions != [0, 1]:
            errors.append(
                ValidationError(
                    _("A true/false question has exactly two choices: one right (100%%) and one wrong (0%%)."),
                    code="true_false_shape",
                )
            )
        return errors
