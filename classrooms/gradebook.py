"""The gradebook of a class: its learners × its assignments, built from a fixed number of queries.

Five queries whatever the size of the class: the members, the assignments with their quizzes, the
overrides that move some members' dates, their accommodations, and the finished attempts of those members at
those quizzes (grouped in one pass, see
`classrooms.models.assignment_results`). The page and both exports read the same `Gradebook`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model

from classrooms.models import Accommodation, Assignment, AssignmentResult, AssignmentStatus, Classroom, assignment_results


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def by_name(users) -> list:
    """`users` sorted by the name people read, the same way on every database."""
    return sorted(users, key=lambda user: (display_name(user).casefold(), user.get_username()))


@dataclass
class GradebookRow:
    learner: object
    results: list[AssignmentResult]
    # The learner's accommodation in the class, for the teacher's badge (None: none).
    accommodation: Accommodation | None = None

    @property
    def name(self) -> str:
        return display_name(self.learner)


@dataclass
class AssignmentSummary:
    assignment: Assignment
    submitted: int
    late: int
    mean: Decimal | None


@dataclass
class Gradebook:
    classroom: Classroom
    assignments: list[Assignment]
    rows: list[GradebookRow]

    @classmethod
    def build(cls, classroom: Classroom, now) -> Gradebook:
        learners = by_name(get_user_model().objects.filter(class_memberships__classroom=classroom))
        assignments = list(classroom.assignments.select_related("quiz").order_by("due_at", "pk"))
        results = assignment_results(assignments=assignments, learner_ids=[u.pk for u in learners], now=now)
        accommodations = {a.membership.learner_id: a for a in
                          Accommodation.objects.filter(membership__classroom=classroom).select_related("membership")}
        rows = [GradebookRow(learner, [results[learner.pk, a.pk] for a in assignments], accommodations.get(learner.pk))
                for learner in learners]
        return cls(classroom, assignments, rows)

    @property
    def is_empty(self) -> bool:
        return not self.rows or not self.assignments

    def summaries(self) -> list[AssignmentSummary]:
        """Per assignment: how many submitted, how many late, and the mean grade of those graded."""
        summaries = []
        for column, assignment in enumerate(self.assignments):
            results = [row.results[column] for row in self.rows]
            percents = [r.percent for r in results if r.percent is not None]
            summaries.append(AssignmentSummary(
                assignment=assignment,
                submitted=sum(r.status in (AssignmentStatus.DONE, AssignmentStatus.LATE) for r in results),
                late=sum(r.is_late for r in results),
                mean=(sum(percents) / len(percents)).quantize(Decimal("0.1"), ROUND_HALF_UP) if percents else None,
            ))
        return summaries
