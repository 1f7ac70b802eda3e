"""What classes grant a learner on a quiz: their accommodation in each class that assigns it, and the overrides of
those assignments that name them. Registered with quizzes.policies in ClassroomsConfig.ready(), so the quiz pages
and attempt_start ask for it without importing classrooms.

A learner in several classes that assign the quiz gets the most generous of what each class grants, setting by
setting (as for a user and a group override of one assignment: quizzes/policies.py).
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Exists, OuterRef

from classrooms.models import Accommodation, Assignment, AssignmentOverride
from quizzes.models.prepared import PreparedRead
from quizzes.models.quiz import Visibility
from quizzes.policies import LearnerPolicy, most_generous


def _closes_with_class(quiz, learner) -> bool:
    """Whether the learner's answers stop counting with the assignment (a class-only quiz that is not theirs)."""
    return quiz.visibility == Visibility.CLASS_ONLY and quiz.owner_id != learner.pk and quiz.practice_for_id is None


def _overridden(base: LearnerPolicy, override: AssignmentOverride, *, quiz, assignment: Assignment, now,
                class_bound: bool) -> LearnerPolicy:
    policy = base
    if override.time_limit is not None:
        policy = replace(policy, time_limit=override.time_limit)
    if override.attempts_allowed is not None:
        policy = replace(policy, attempts_allowed=override.attempts_allowed)
    if override.closes_at is not None and class_bound:
        closes = override.closes_at if quiz.closes_at is None else min(quiz.closes_at, override.closes_at)
        policy = replace(policy, closes_at=closes)
    if class_bound and (override.opens_at or override.closes_at):
        opens = override.opens_at or assignment.opens_at
        closes = override.closes_at or assignment.closes_at
        policy = replace(policy, open_for_learner=opens <= now and (closes is None or now < closes))
    return policy


def _learners_assignments(quiz_id, learner_id):
    """The quiz's assignments to an active class of the learner, and whether each grants them an accommodation or
    an override."""
    return Assignment.objects.filter(
        quiz_id=quiz_id, classroom__archived=False, classroom__memberships__learner_id=learner_id).only(
        "pk", "classroom_id", "opens_at", "closes_at").annotate(
        accommodated=Exists(Accommodation.objects.filter(membership__learner_id=learner_id,
                                                         membership__classroom_id=OuterRef("classroom_id"))),
        overridden=Exists(AssignmentOverride.objects.filter(assignment_id=OuterRef("pk"), learners=learner_id)))


# Read by the start page and every start (quizzes/models/prepared.py: its SQL compiled once).
_LEARNERS_ASSIGNMENTS = PreparedRead(_learners_assignments, quiz_id=int, learner_id=int)


def class_policies(*, quiz, learner, now, base: LearnerPolicy) -> list[LearnerPolicy]:
    """One policy per assignment of `quiz` to an active class of `learner` that has an accommodation or an override
    for them (nothing when none has: the quiz's own settings hold). One query when none has (the usual case:
    whether each assignment has one is read with it), three when one has."""
    if not learner.is_authenticated or quiz.pk is None:
        return []
    assignments = _LEARNERS_ASSIGNMENTS.read(quiz_id=quiz.pk, learner_id=learner.pk)
    if not any(assignment.accommodated or assignment.overridden for assignment in assignments):
        return []
    accommodations = {a.membership.classroom_id: a for a in Accommodation.objects.filter(
        membership__learner=learner, membership__classroom_id__in={a.classroom_id for a in assignments}
    ).select_related("membership")}
    overrides: dict[int, list[AssignmentOverride]] = {}
    for override in AssignmentOverride.objects.filter(assignment_id__in=[a.pk for a in assignments],
                                                      learners=learner):
        overrides.setdefault(override.assignment_id, []).append(override)
    class_bound = _closes_with_class(quiz, learner)
    granted = []
    for assignment in assignments:
        accommodation = accommodations.get(assignment.classroom_id)
        if accommodation is None and assignment.pk not in overrides:
            continue
        policy = base
        if assignment.pk in overrides:
            policy = most_generous(_overridden(base, o, quiz=quiz, assignment=assignment, now=now,
                                               class_bound=class_bound) for o in overrides[assignment.pk])
        if accommodation is not None:
            policy = accommodation.applied_to(policy)
        granted.append(policy)
    return granted
