"""Creating classes, joining them by code, removing learners and assigning quizzes.

Every refusal carries a message in the active language and happens before anything is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from classrooms.models import (
    JOIN_CODE_LENGTH,
    Assignment,
    Classroom,
    Membership,
    join_code_clean,
    join_code_generate,
)
from quizzes.models import Quiz

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
