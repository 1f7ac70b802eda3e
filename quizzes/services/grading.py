"""Grading by a teacher (Moodle's qbehaviour_manualgraded and the quiz's "manual grading" report).

A submitted essay waits in *needs grading* (its slot's fraction is None) and its attempt has no score (Moodle's
sumgrades NULL). `slot_grade` gives a slot the teacher's mark and comment, logs a MANUAL step, and, once no slot
of the attempt waits any more, sets the attempt's score: so the grade a learner and the gradebook see is
final only when every essay is graded. A teacher may grade again (regrade): the score follows.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from quizzes.behaviours import to_decimal
from quizzes.models import Attempt, AttemptQuestion, AttemptState, AttemptStep, StepAction
from quizzes.question_types import registry

MARK_PLACES = Decimal("0.01")


def manually_graded_types() -> list[str]:
    """The names of the types a teacher grades (`needs_manual_grading`)."""
    return [qtype.name for qtype in registry.all() if qtype.needs_manual_grading]


def gradable_slots():
    """Every slot a teacher may grade: of a manually graded type, in a finished attempt."""
    return AttemptQuestion.objects.filter(attempt__state=AttemptState.FINISHED,
                                          version__qtype__in=manually_graded_types())


def waiting(slots):
    """`slots` (a QuerySet) that need grading: answered and without a mark (an empty essay waits for no one)."""
    return slots.filter(fraction__isnull=True).exclude(Q(response__isnull=True) | Q(response=""))


def mark_bounds_error(mark: Decimal, points: Decimal) -> ValidationError | None:
    if mark < 0 or mark > points:
        return ValidationError(_("The mark must be between 0 and %(points)s."), code="mark_range",
                               params={"points": format(points.normalize(), "f")})
    if mark != mark.quantize(MARK_PLACES):
        return ValidationError(_("Give the mark with at most two decimals."), code="mark_places")
    return None


@transaction.atomic
def slot_grade(*, slot: AttemptQuestion, mark: Decimal, comment: str, grader, now) -> AttemptQuestion:
    """Give `slot` the mark (0 … its points) and comment of `grader`; set the attempt's score once no slot
    of it needs grading any more. Raise ValidationError (in the active language) for a mark out of range or a
    slot that is not a teacher's to grade."""
    # The attempt's row first: two teachers grading the last two essays of one attempt at once take turns,
    # so the second sees the first's mark and sets the score.
    attempt = Attempt.objects.select_for_update().get(pk=slot.attempt_id)
    slot = AttemptQuestion.objects.select_for_update().get(pk=slot.pk)
    if not attempt.is_finished:
        raise ValidationError(_("This attempt is not submitted yet."), code="not_finished")
    if not slot.question_type.needs_manual_grading:
        raise ValidationError(_("This question is graded automatically."), code="not_manual")
    try:
        mark = Decimal(mark)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("The mark is not a number."), code="not_a_number") from None
    problem = mark_bounds_error(mark, slot.points)
    if problem:
        raise problem
    fraction = to_decimal(Fraction(mark) / Fraction(slot.points)) if slot.points else Decimal(0)
    slot.fraction, slot.comment, slot.graded_by, slot.graded_at = fraction, comment.strip(), grader, now
    AttemptQuestion.objects.filter(pk=slot.pk).update(
        fraction=fraction, comment=slot.comment, graded_by=grader, graded_at=now, revision=F("revision") + 1)
    slot.revision += 1
    AttemptStep.objects.create(slot=slot, action=StepAction.MANUAL, response=slot.response, fraction=fraction,
                               created_at=now)
    attempt_score_update(attempt=attempt)
    slot.attempt = attempt
    return slot


def attempt_score_update(*, attempt: Attempt) -> Attempt:
    """Set the attempt's score from its slots' marks, or None while an answered essay waits for one."""
    slots = list(AttemptQuestion.objects.filter(attempt_id=attempt.pk)
                 .only("fraction", "points", "response", "is_locked", "version"))
    if any(slot.needs_grading for slot in slots):
        score = None
    else:
        score = sum((slot.fraction * slot.points for slot in slots if slot.fraction is not None), Decimal(0))
        score = score.quantize(Decimal("0.001"))
    if score != attempt.score:
        Attempt.objects.filter(pk=attempt.pk).update(score=score)
        attempt.score = score
    return attempt
