"""Select missing words (Moodle's gapselect): a text with gaps, each a drop-down list of the choices of its group.

Everything but the name is shared with drag and drop into text (`quizzes.question_types.gaps`): `[[n]]` markers,
groups, grading by the share of right gaps, per-gap item statistics. A choice may be picked in several gaps.
"""

from django.utils.translation import gettext_lazy as _

from quizzes.question_types.base import registry
from quizzes.question_types.gaps import GapQuestionType


@registry.register
class GapSelect(GapQuestionType):
    name = "gapselect"
    label = _("Select missing words")
    moodlexml_types = ("gapselect",)
    moodlexml_choice = "selectoption"
    gift_refusal = "GIFT has no select missing words questions; export the bank as Moodle XML"
