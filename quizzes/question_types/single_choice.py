from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.formats.moodlexml_syntax import child_text, flag
from quizzes.question_types.base import registry
from quizzes.question_types.choice_based import ChoiceQuestionType


@registry.register
class SingleChoice(ChoiceQuestionType):
    """One right option among at least two; other options may give partial credit."""

    name = "single_choice"
    label = _("Single choice")
    gift_priority = 20
    moodlexml_types = ("multichoice",)
    hides_wrong_options = True

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

    # --- formats ----------------------------------------------------------------------------------------
    def import_from_gift(self, block):
        """A `~` block with a `=` answer (without one it is multiple response's)."""
        if "~" not in block.answers:
            return None
        pieces = block.pieces("=~")
        if not any(marker == "=" for marker, _piece in pieces):
            return None
        return self.read_gift_choices(block, pieces)

    def export_to_gift(self, question, gift):
        return self.write_gift_choices(question, gift, single=True)

    def import_from_moodlexml(self, element, xml):
        """A `multichoice` with `<single>true</single>` (Moodle's default)."""
        if not flag(child_text(element, "single", "true")):
            return None
        return self.read_moodlexml_choices(element, xml)

    def export_to_moodlexml(self, question, xml):
        return self.write_moodlexml_choices(question, xml, single=True)

    def import_from_csv(self, row):
        return self.read_csv_choices(row)

    def export_to_csv(self, question, csv):
        return self.write_csv_choices(question, csv)
