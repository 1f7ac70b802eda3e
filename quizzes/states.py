"""The states a question of an attempt (a slot) can be in, decided once from its fraction.

Moodle's `question_state::graded_state_for_fraction()`: templates never compare fractions themselves; they
read `slot.state` (and its label and CSS class), so "right", "partly right" and "wrong" mean the same on
every page.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class SlotState(models.TextChoices):
    UNANSWERED = "unanswered", pgettext_lazy("question state", "not answered")
    # Saved, not graded yet (deferred feedback, before submitting).
    ANSWERED = "answered", pgettext_lazy("question state", "answered")
    NEEDS_GRADING = "needs_grading", pgettext_lazy("question state", "needs grading")
    RIGHT = "right", pgettext_lazy("question state", "right")
    PARTIAL = "partial", pgettext_lazy("question state", "partly right")
    WRONG = "wrong", pgettext_lazy("question state", "wrong")

    @property
    def css_class(self) -> str:
        return {"right": "right", "partial": "partial", "wrong": "wrong"}.get(self.value, "neutral")

    @property
    def needs_grading(self) -> bool:
        return self == SlotState.NEEDS_GRADING

    @property
    def is_graded(self) -> bool:
        return self in (SlotState.RIGHT, SlotState.PARTIAL, SlotState.WRONG)

    @property
    def feedback_heading(self):
        """What the feedback box says first after a check."""
        return {
            SlotState.RIGHT: _("Right!"),
            SlotState.PARTIAL: _("Partly right."),
            SlotState.WRONG: _("Not right."),
        }.get(self, "")


def graded_state_for_fraction(fraction: Fraction | Decimal | float) -> SlotState:
    """Return right (1), partly right (between 0 and 1) or wrong (0 or less) for a graded fraction."""
    if fraction >= 1:
        return SlotState.RIGHT
    if fraction > 0:
        return SlotState.PARTIAL
    return SlotState.WRONG


def state_of(*, fraction, answered: bool, needs_grading: bool = False) -> SlotState:
    """Return the state of a slot from its fraction (None until graded) and whether it was answered."""
    if fraction is not None:
        return graded_state_for_fraction(fraction)
    if needs_grading:
        return SlotState.NEEDS_GRADING
    return SlotState.ANSWERED if answered else SlotState.UNANSWERED
