"""A description: a text block with no grade between questions (instructions, a source excerpt, an image).

Moodle's qtype_description (`is_real_question_type()` false). It has no controls and no response, is never
answered or graded, and is not numbered: the page heads it "Information", and the questions after it keep
their numbers (`quizzes.models.attempt.number_slots`). Its slot has no points, so it adds nothing to an
attempt's maximum (`is_graded = False`, read where attempts are started, submitted and numbered, by item
statistics and by spaced review).

Formats: Moodle XML `<question type="description">`; GIFT, a question with no answer block. Its general
feedback has no place in GIFT and is not written there.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from quizzes.question_types.base import QuestionType, registry


@registry.register
class Description(QuestionType):
    name = "description"
    shares_formulation = True  # no response at all
    label = _("Description (text with no grade)")
    answer_rows = None
    is_graded = False
    # GIFT: a question with no answer block; asked first.
    gift_priority = 1
    moodlexml_types = ("description",)

    def validate(self, definition):
        return []

    def fill_view(self, view, definition, *, order, response):
        view.value = ""

    def grade(self, definition, response):
        raise TypeError("A description has no grade.")

    def correct_response(self, definition):
        return None

    def summarise(self, definition, response, language):
        return ""

    def random_guess_score(self, definition):
        return None

    def is_answered(self, response) -> bool:
        return False

    def raw_from_form(self, data, name):
        return None

    def clean_response(self, definition, raw):
        """A description takes no response: whatever is posted is dropped."""
        return None

    # --- formats -----------------------------------------------------------------------------------
    def import_from_gift(self, block):
        if getattr(block, "has_block", True):
            return None
        question = block.question(self.name)
        question.points = Decimal(0)
        return question

    def export_to_gift(self, question, gift):
        return ""  # no answer block: what GIFT reads as a description

    def import_from_moodlexml(self, element, xml):
        question = xml.question(self.name)
        question.points = Decimal(0)  # Moodle writes 0; a description has no grade whatever the file says
        return question

    def export_to_moodlexml(self, question, xml):
        xml.penalty = "0"
        return []


__all__ = ["Description"]
