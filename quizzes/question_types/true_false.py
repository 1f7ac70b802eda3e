from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy as _

from quizzes.definitions import ChoiceDef
from quizzes.formats.moodlexml_syntax import answer_fraction, answer_text, question_text_format
from quizzes.question_types.base import registry
from quizzes.question_types.choice_based import ChoiceQuestionType

TRUE_TEXT = {"ar": "صواب", "en": "True"}
FALSE_TEXT = {"ar": "خطأ", "en": "False"}
# GIFT's words, upper case only, as in Moodle.
GIFT_TRUE = ("T", "TRUE")
GIFT_WORDS = ("T", "TRUE", "F", "FALSE")


@registry.register
class TrueFalse(ChoiceQuestionType):
    """A statement that is true or false: two choices, one right (100%) and one wrong (0%)."""

    name = "true_false"
    label = _("True/false")
    shuffles = False
    max_tries = 1
    gift_priority = 40
    moodlexml_types = ("truefalse",)

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

    # --- formats ----------------------------------------------------------------------------------------
    # Our convention, in every format: the first choice is "True", the second "False".

    def import_from_gift(self, block):
        """`{T}`, `{TRUE}`, `{F}` or `{FALSE}`, with up to two feedbacks: `{TRUE#first#second}`.

        Moodle shows the first feedback for the wrong answer and the second for the right one, so the first
        goes on the wrong choice and the second on the right one.
        """
        word, *feedbacks = block.answers.split("#", 2)
        if word.strip() not in GIFT_WORDS:
            return None
        wrong = block.rich(feedbacks[0]) if feedbacks else {}
        right = block.rich(feedbacks[1]) if len(feedbacks) > 1 else {}
        is_true = word.strip() in GIFT_TRUE
        true_feedback, false_feedback = (right, wrong) if is_true else (wrong, right)
        question = block.question(self.name)
        question.choices = [
            ChoiceDef(text=dict(TRUE_TEXT), fraction=Fraction(is_true), feedback=true_feedback),
            ChoiceDef(text=dict(FALSE_TEXT), fraction=Fraction(not is_true), feedback=false_feedback),
        ]
        return question

    def export_to_gift(self, question, gift):
        true_choice, false_choice = (question.choices + [ChoiceDef(text={}), ChoiceDef(text={})])[:2]
        true_is_right = true_choice.fraction >= false_choice.fraction
        right, wrong = (true_choice, false_choice) if true_is_right else (false_choice, true_choice)
        answer = "TRUE" if true_is_right else "FALSE"
        right_feedback, wrong_feedback = gift.rich(right.feedback), gift.rich(wrong.feedback)
        if right_feedback:
            answer += f"#{wrong_feedback}#{right_feedback}"
        elif wrong_feedback:
            answer += f"#{wrong_feedback}"
        general = gift.general_feedback("\t")
        return "{" + answer + (f"\n{general}\n" if general else "") + "}"

    def import_from_moodlexml(self, element, xml):
        """Always two choices, True then False; Moodle's answers say "true"/"false" in either order."""
        question = xml.question(self.name)
        text_format = question_text_format(element)
        sides = {}
        for position, answer in enumerate(element.findall("answer")):
            side = answer_text(answer).strip().lower()
            if side not in ("true", "false"):
                # Old exports wrote localised words; Moodle then takes the first answer as "true".
                side = "true" if position == 0 else "false"
                xml.warn(gettext("the answers are not marked “true” and “false”; the first was taken as true."))
            if side in sides:
                xml.warn(gettext("only the first “true” and the first “false” answers were read."))
                continue
            sides[side] = (answer_fraction(answer), xml.html(answer.find("feedback"), text_format))
        for side, text in (("true", TRUE_TEXT), ("false", FALSE_TEXT)):
            fraction, feedback = sides.get(side, (Fraction(0), {}))
            question.choices.append(ChoiceDef(text=dict(text), fraction=fraction, feedback=feedback))
        return question

    def export_to_moodlexml(self, question, xml):
        # As Moodle's own true/false: a second try costs the whole mark, since only the other answer is left.
        xml.penalty = "1"
        choices = list(question.choices) + [ChoiceDef(text={})] * 2
        lines = []
        for side, choice in zip(("true", "false"), choices[:2]):
            lines += xml.answer_lines(choice.fraction, side, choice.feedback, "moodle_auto_format")
        return lines

    def import_from_csv(self, row):
        return self.read_csv_choices(row)

    def export_to_csv(self, question, csv):
        return self.write_csv_choices(question, csv)
