"""Creating classes, joining them by code, removing learners, assigning quizzes, and the accommodations and
overrides that adjust assignments for some learners.

Every refusal carries a message in the active language and happens before anything is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from classrooms.models import (
    JOIN_CODE_LENGTH,
    Accommodation,
    Assignment,
    AssignmentOverride,
    Classroom,
    Membership,
    TimeMultiplier,
    join_code_clean,
    join_code_generate,
)
from quizzes.models import Attempt, Quiz
from quizzes.policies import policy_for

# With 244 million codes, needing more than a couple of tries means something else is wrong.
JOIN_CODE_TRIES = 10


class JoinRefused(Exception):
    """The code does not let this learner join; the message says why, in their language."""


def _with_unique_code(save) -> Classroom:
    """Call `save(code)` with fresh codes until one is not taken."""
    for _try in range(JOIN_CODE_TRIES):
        try:
            with transaction.atomic():
                return save(join_code_generate())
        except IntegrityError:
            continue
    raise RuntimeError(f"No free join code after {JOIN_CODE_TRIES} tries.")


def _require_teacher(classroom: Classroom, teacher) -> None:
    if not Classroom.objects.editable_by(teacher).filter(pk=classroom.pk).exists():
        raise PermissionDenied


@transaction.atomic
def classroom_create(*, teacher, name: str, code_expires_at=None) -> Classroom:
    """Create a class for `teacher` with a fresh join code."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the class a name.")}, code="blank")
    return _with_unique_code(
        lambda code: Classroom.objects.create(
            teacher=teacher, name=name, join_code=code, code_expires_at=code_expires_at
        )
    )


@transaction.atomic
def classroom_code_renew(*, classroom: Classroom, teacher, code_expires_at=None) -> Classroom:
    """Give the class a new join code (the old one stops working), valid until `code_expires_at`."""
    _require_teacher(classroom, teacher)

    def save(code):
        classroom.join_code, classroom.code_expires_at = code, code_expires_at
        classroom.save(update_fields=["join_code", "code_expires_at"])
        return classroom

    return _with_unique_code(save)


def classroom_for_code(*, code: str, learner, now) -> Classroom:
    """Return the class that `code` lets `learner` join, or raise JoinRefused saying why."""
    cleaned = join_code_clean(code)
    if not cleaned:
        raise JoinRefused(_("Type the class code your teacher gave you."))
    classroom = None
    if len(cleaned) == JOIN_CODE_LENGTH:
        classroom = Classroom.objects.select_related("teacher").filter(join_code=cleaned).first()
    if classroom is None or classroom.archived:
        raise JoinRefused(
            _("No class has the code “%(code)s”. Check it with your teacher.") % {"code": cleaned[:12]}
        )
    if classroom.code_has_expired(now):
        raise JoinRefused(
            _("The code “%(code)s” has expired. Ask your teacher for a new one.") % {"code": cleaned}
        )
    if classroom.teacher_id == learner.pk:
        raise JoinRefused(_("You teach “%(name)s”: your learners join it with this code.") % {"name": classroom.name})
    return classroom


@transaction.atomic
def classroom_join(*, learner, code: str, now) -> tuple[Membership, bool]:
    """Add `learner` to the class with `code`; return the membership and whether it is new.

    Joining a class twice is not an error: the existing membership comes back with False.
    """
    classroom = classroom_for_code(code=code, learner=learner, now=now)
    membership, created = Membership.objects.get_or_create(
        classroom=classroom, learner=learner, defaults={"joined_at": now}
    )
    return membership, created


@transaction.atomic
def membership_remove(*, classroom: Classroom, learner, teacher) -> bool:
    """Remove `learner` from the class; return whether they were in it. Their attempts are kept."""
    _require_teacher(classroom, teacher)
    deleted, _rows = Membership.objects.filter(classroom=classroom, learner=learner).delete()
    return bool(deleted)


@transaction.atomic
def assignment_create(*, classroom: Classroom, quiz: Quiz, teacher, opens_at, due_at, closes_at=None) -> Assignment:
    """Assign `quiz` to the class. Only the teacher's own published quizzes can be assigned."""
    _require_teacher(classroom, teacher)
    if quiz.owner_id != teacher.pk or quiz.practice_for_id is not None:
        raise ValidationError(
            {"quiz": _("You can assign only your own quizzes; “%(title)s” belongs to someone else.")
             % {"title": quiz.title}},
            code="not_owner",
        )
    if not quiz.is_published:
        raise ValidationError(
            {"quiz": _("Publish “%(title)s” before assigning it: learners cannot open it yet.") % {"title": quiz.title}},
            code="unpublished",
        )
    assignment = Assignment(classroom=classroom, quiz=quiz, opens_at=opens_at, due_at=due_at, closes_at=closes_at)
    assignment.full_clean()
    assignment.save()
    return assignment


# --- accommodations and overrides ----------------------------------------------------------------
def _deadlines_move(*, quiz_ids, learner_ids, now) -> int:
    """Give the in-progress attempts of `learner_ids` at `quiz_ids` the deadline their policy gives them now.

    The new deadline is counted from the attempt's start, as if the policy had held then; it is never put
    before `now`, so that taking an accommodation away does not end an attempt behind the learner's back.
    """
    moved = 0
    attempts = Attempt.objects.in_progress().select_for_update().filter(
        quiz_id__in=list(quiz_ids), learner_id__in=list(learner_ids)).select_related("quiz", "learner")
    for attempt in attempts:
        deadline = policy_for(quiz=attempt.quiz, learner=attempt.learner, now=now).deadline(attempt.started_at)
        if deadline is not None and deadline < now:
            deadline = now
        if deadline != attempt.deadline:
            attempt.deadline = deadline
            attempt.save(update_fields=["deadline"])
            moved += 1
    return moved


@transaction.atomic
def accommodation_set(*, membership: Membership, teacher, now, time_multiplier: str = TimeMultiplier.NONE,
                      extra_attempts: int = 0, fewer_choices: int = 0, fair_scoring: bool = False) -> Accommodation:
    """Set what `membership`'s learner needs on every quiz assigned to the class, and move the deadline of their
    attempts in progress at those quizzes to match. Setting nothing removes the accommodation."""
    _require_teacher(membership.classroom, teacher)
    accommodation = Accommodation.objects.filter(membership=membership).first() or Accommodation(membership=membership)
    accommodation.time_multiplier, accommodation.extra_attempts = time_multiplier, extra_attempts
    accommodation.fewer_choices, accommodation.fair_scoring = fewer_choices, fair_scoring
    accommodation.full_clean()
    if accommodation.is_empty:
        if accommodation.pk:
            accommodation.delete()
    else:
        accommodation.save()
    _deadlines_move(quiz_ids=membership.classroom.assignments.values_list("quiz_id", flat=True),
                    learner_ids=[membership.learner_id], now=now)
    return accommodation


@transaction.atomic
def override_save(*, assignment: Assignment, teacher, learners, now, override: AssignmentOverride | None = None,
                  **settings) -> AssignmentOverride:
    """Create (or change) an override of `assignment` for `learners`, who must be in its class, and move the
    deadline of their attempts in progress at its quiz to match."""
    _require_teacher(assignment.classroom, teacher)
    learners = list(learners)
    if not learners:
        raise ValidationError({"learners": _("Choose at least one learner.")}, code="no_learner")
    members = set(assignment.classroom.memberships.values_list("learner_id", flat=True))
    if any(learner.pk not in members for learner in learners):
        raise ValidationError({"learners": _("Only learners of this class can have an override.")}, code="not_member")
    override = override or AssignmentOverride(assignment=assignment)
    before = set(override.learners.values_list("pk", flat=True)) if override.pk else set()
    for name, value in settings.items():
        setattr(override, name, value)
    override.full_clean()
    if override.is_empty:
        raise ValidationError(_("Change at least one setting: an override that changes nothing does nothing."),
                              code="empty")
    override.save()
    override.learners.set(learners)
    _deadlines_move(quiz_ids=[assignment.quiz_id], learner_ids=before | {learner.pk for learner in learners}, now=now)
    return override


@transaction.atomic
def override_delete(*, override: AssignmentOverride, teacher, now) -> None:
    _require_teacher(override.assignment.classroom, teacher)
    learner_ids = list(override.learners.values_list("pk", flat=True))
    quiz_id = override.assignment.quiz_id
    override.delete()
    _deadlines_move(quiz_ids=[quiz_id], learner_ids=learner_ids, now=now)


def assignments_prepare_attempts(*, now, within) -> int:
    """Draw, ahead of time, the first attempt of every learner of each class whose assignment opens between `now`
    and `now + within` (a scheduled exam), so that the burst at the opening only starts them
    (`quizzes.services.attempts.attempts_prepare`; run from cron by `manage.py prepare_attempts`). Learners who
    join the class later, or already have an attempt, start theirs as usual. Returns how many were drawn."""
    from quizzes.services.attempts import attempts_prepare

    made = 0
    upcoming = (Assignment.objects.filter(opens_at__gt=now, opens_at__lte=now + within, quiz__is_published=True)
                .select_related("quiz").order_by("opens_at", "pk"))
    for assignment in upcoming:
        learners = [membership.learner for membership in
                    Membership.objects.filter(classroom_id=assignment.classroom_id).select_related("learner")]
        made += attempts_prepare(quiz=assignment.quiz, learners=learners, now=now)
    return made
