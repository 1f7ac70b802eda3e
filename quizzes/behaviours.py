"""Feedback behaviours: *when* responses are graded and feedback is shown (Moodle's question/behaviour).

The question types decide *how* a response is graded; a behaviour decides when that happens and what the
learner may do next. Both behaviours work over the same slots and the same types.

- Deferred feedback (exam): responses are saved as they are given and may change freely until the
  attempt is submitted; only then is every question graded. Nothing about right or wrong is shown before.
- Immediate feedback (practice): a learner checks each answer when they give it and sees at once whether
  it is right, with its feedback. Retry rule: a question that is not fully right may be checked again,
  up to MAX_TRIES checks in all (fewer for a type whose wrong try gives the answer away: true/false
  has one, as Moodle's penalty of 100% for it says); each extra check costs PENALTY of the question's fraction (Moodle's
  interactive default, 1/3), and the best penalised check counts. After a fully right check, or the
  last one, the question is locked. Questions never checked are graded at submission, without penalty.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from quizzes.display import DisplayOptions
from quizzes.models import AttemptQuestion, Behaviour

MAX_TRIES = 2
PENALTY = Fraction(1, 3)


def to_decimal(fraction: Fraction) -> Decimal:
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001"))


class DeferredFeedback:
    name = Behaviour.DEFERRED
    shows_feedback_during_attempt = False
    can_check = False

    def can_change(self, slot: AttemptQuestion) -> bool:
        return True

    def adjust_display_options(self, options: DisplayOptions, slot: AttemptQuestion) -> DisplayOptions:
        """During the attempt nothing about right or wrong shows (Moodle's deferred feedback)."""
        return DisplayOptions.hidden(readonly=options.readonly)

    def final_fraction(self, slot: AttemptQuestion) -> Fraction:
        """The fraction a slot earns when the attempt is submitted."""
        return slot.question_type.grade(slot.definition, slot.response)


class ImmediateFeedback:
    name = Behaviour.IMMEDIATE
    shows_feedback_during_attempt = True
    can_check = True

    def can_change(self, slot: AttemptQuestion) -> bool:
        return not slot.is_locked

    def adjust_display_options(self, options: DisplayOptions, slot: AttemptQuestion) -> DisplayOptions:
        """Nothing before the first check; after a check that leaves a try, whether it was right and the
        feedback on the answer given; the right answer, general feedback and explanation only once the
        question is finished (right, or out of tries): otherwise the retry would be scored for free."""
        if not slot.tries:
            return DisplayOptions.hidden(readonly=options.readonly or slot.is_locked)
        if not slot.is_locked:
            return options.only(DisplayOptions(correctness=True, marks=True, feedback=True))
        return options.but(readonly=True)

    def check(self, slot: AttemptQuestion) -> Fraction:
        """Grade the current response now; return the fraction this check earns after the penalty."""
        raw = slot.question_type.grade(slot.definition, slot.response)
        slot.tries += 1
        earned = max(Fraction(0), raw - PENALTY * (slot.tries - 1))
        best = max(earned, Fraction(slot.fraction)) if slot.fraction is not None else earned
        slot.fraction = to_decimal(best)
        slot.is_locked = raw == 1 or slot.tries >= self.max_tries(slot)
        return earned

    def tries_left(self, slot: AttemptQuestion) -> int:
        return 0 if slot.is_locked else self.max_tries(slot) - slot.tries

    def max_tries(self, slot: AttemptQuestion) -> int:
        """MAX_TRIES, or fewer where a wrong try gives the answer away (true/false: one)."""
        return min(MAX_TRIES, slot.question_type.max_tries or MAX_TRIES)

    def final_fraction(self, slot: AttemptQuestion) -> Fraction:
        if slot.tries:
            return Fraction(slot.fraction)
        return slot.question_type.grade(slot.definition, slot.response)


BEHAVIOURS = {Behaviour.DEFERRED: DeferredFeedback(), Behaviour.IMMEDIATE: ImmediateFeedback()}


def behaviour_for(quiz) -> DeferredFeedback | ImmediateFeedback:
    return BEHAVIOURS[quiz.behaviour]
