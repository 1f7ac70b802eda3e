"""Drag and drop into text (Moodle's ddwtos): words dragged from a pool into the gaps of a text.

Shared with select missing words (`quizzes.question_types.gaps`): `[[n]]` markers, groups, grading by the share of
right gaps, per-gap item statistics. Here a choice leaves the pool once placed, so it fills one gap unless it is
`unlimited` (Moodle's `<infinite/>`), and a response using it twice is refused.

The page works without JavaScript: each gap is a drop-down list, as in select missing words. static/js/ddwtos.js
turns the lists into drop zones and a pool of words, which a learner can also pick and place with Enter, Space or a
tap (WCAG 2.2, 2.5.7 Dragging Movements), and writes every move back into the lists, so the form posts the same.
"""

from django.utils.translation import gettext_lazy as _

from quizzes.question_types.base import registry
from quizzes.question_types.gaps import GapQuestionType


@registry.register
class DragIntoText(GapQuestionType):
    name = "ddwtos"
    label = _("Drag and drop into text")
    moodlexml_types = ("ddwtos",)
    moodlexml_choice = "dragbox"
    limited_reuse = True
    gift_refusal = "GIFT has no drag and drop into text questions; export the bank as Moodle XML"
