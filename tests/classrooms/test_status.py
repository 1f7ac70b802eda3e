"""Assignment status for a learner (to do, done, late, missed) as the clock moves, and grades."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from classrooms.models import Assignment, AssignmentStatus, assignment_results
from quizzes.models import Attempt, GradingMethod
from tests.classrooms.conftest import NOW, join, take

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def assignment(classroom, quiz):
    # Opens now, due in 2 days, closes in 4.
    return Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + 2 * DAY,
                                     closes_at=NOW + 4 * DAY)


@pytest.fixture
def learner(make, classroom):
    learner = make.learner()
    join(classroom, learner)
    return learner


def status(assignment, learner):
    return assignment.status_for(learner, timezone.now())


def test_on_time_work_is_done_whenever_it_is_looked_at(assignment, learner):
    with time_machine.travel(NOW + DAY, tick=False):
        assert status(assignment, learner) == AssignmentStatus.TO_DO
        take(assignment.quiz, learner, timezone.now())
        assert status(assignment, learner) == AssignmentStatus.DONE
    with time_machine.travel(NOW + 10 * DAY, tick=False):
        assert status(assignment, learner) == AssignmentStatus.DONE


def test_work_after_the_due_time_is_late_not_lost(assignment, learner):
    with time_machine.travel(NOW + 3 * DAY, tick=False):
        assert status(assignment, learner) == AssignmentStatus.TO_DO
        take(assignment.quiz, learner, timezone.now(), right=2)
        result = assignment.result_for(learner, timezone.now())
    assert result.status == AssignmentStatus.LATE and result.is_late
    assert result.percent is not None and result.percent > 0


def test_submitted_exactly_at_the_due_time_is_on_time(assignment, learner):
    take(assignment.quiz, learner, assignment.due_at)
    assert assignment.status_for(learner, NOW + 5 * DAY) == AssignmentStatus.DONE


def test_nothing_by_the_closing_time_is_missed(assignment, learner):
    with time_machine.travel(assignment.closes_at - datetime.timedelta(seconds=1), tick=False):
        assert status(assignment, learner) == AssignmentStatus.TO_DO
    with time_machine.travel(assignment.closes_at, tick=False):
        assert status(assignment, learner) == AssignmentStatus.MISSED


def test_work_after_the_closing_time_does_not_count(assignment, learner):
    take(assignment.quiz, learner, assignment.closes_at + DAY)
    assert assignment.status_for(learner, NOW + 6 * DAY) == AssignmentStatus.MISSED


def test_work_before_the_assignment_opened_does_not_count(assignment, learner):
    take(assignment.quiz, learner, NOW - DAY)
    result = assignment.result_for(learner, NOW + DAY)
    assert result.status == AssignmentStatus.TO_DO and result.percent is None


def test_an_unfinished_attempt_is_still_to_do(assignment, learner):
    from quizzes.services.attempts import attempt_start

    attempt_start(quiz=assignment.quiz, learner=learner, now=NOW + DAY)
    assert assignment.status_for(learner, NOW + DAY) == AssignmentStatus.TO_DO


def test_without_a_closing_time_nothing_is_missed_only_overdue(classroom, quiz, learner):
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY)
    result = assignment.result_for(learner, NOW + 100 * DAY)
    assert result.status == AssignmentStatus.TO_DO and result.overdue
    take(quiz, learner, NOW + 50 * DAY)
    assert assignment.status_for(learner, NOW + 100 * DAY) == AssignmentStatus.LATE


def test_an_attempt_closed_late_by_the_server_counts_at_its_deadline(assignment, learner):
    from quizzes.services.attempts import attempt_start, attempt_submit

    quiz = assignment.quiz
    quiz.time_limit = datetime.timedelta(minutes=20)
    quiz.save()
    due = assignment.due_at
    attempt = attempt_start(quiz=quiz, learner=learner, now=due - datetime.timedelta(minutes=30))
    # Time ran out 10 minutes before the due time; the attempt was only closed an hour after it.
    attempt_submit(attempt=attempt, now=due + datetime.timedelta(hours=1), automatically=True)
    assert assignment.status_for(learner, due + DAY) == AssignmentStatus.DONE


def test_the_grade_follows_the_quiz_grading_method_and_links_the_graded_attempt(assignment, learner):
    quiz = assignment.quiz
    first = take(quiz, learner, NOW + DAY, right=1)
    best = take(quiz, learner, NOW + DAY + datetime.timedelta(hours=1), right=3)
    last = take(quiz, learner, NOW + 3 * DAY, right=2)
    later = NOW + 5 * DAY
    expected = {
        GradingMethod.HIGHEST: (best.percent, best.pk),
        GradingMethod.FIRST: (first.percent, first.pk),
        GradingMethod.LAST: (last.percent, last.pk),
        GradingMethod.AVERAGE: (((first.percent + best.percent + last.percent) / 3).quantize(best.percent), last.pk),
    }
    for method, (percent, attempt_id) in expected.items():
        quiz.grading_method = method
        result = assignment.result_for(learner, later)
        assert (result.percent, result.attempt_id, result.attempts) == (percent, attempt_id, 3), method
        # On time: the first attempt was submitted before the due time, even if later ones were not.
        assert result.status == AssignmentStatus.DONE


def test_the_bulk_results_agree_with_one_by_one(classroom, quiz, make):
    assignments = [
        Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY, closes_at=NOW + 2 * DAY),
        Assignment.objects.create(classroom=classroom, quiz=make.quiz(questions=2, owner=classroom.teacher),
                                  opens_at=NOW, due_at=NOW + 3 * DAY),
    ]
    learners = [make.learner() for _ in range(4)]
    take(assignments[0].quiz, learners[0], NOW + datetime.timedelta(hours=1))
    take(assignments[0].quiz, learners[1], NOW + 1.5 * DAY, right=1)
    take(assignments[1].quiz, learners[2], NOW + DAY)
    take(assignments[1].quiz, learners[0], NOW + 4 * DAY, right=0)
    later = NOW + 5 * DAY
    results = assignment_results(
        assignments=Assignment.objects.select_related("quiz"), learner_ids=[u.pk for u in learners], now=later
    )
    assert len(results) == 8
    for learner in learners:
        for assignment in assignments:
            assert results[learner.pk, assignment.pk] == assignment.result_for(learner, later)
    assert [results[u.pk, assignments[0].pk].status for u in learners] == ["done", "late", "missed", "missed"]
    assert [results[u.pk, assignments[1].pk].status for u in learners] == ["late", "to_do", "done", "to_do"]
    assert Attempt.objects.count() == 4


def test_work_outside_the_dates_is_counted_apart_so_missed_never_hides_it(assignment, learner):
    """A learner who did the quiz after the class's closing time sees "missed" *and* why: the attempt does not
    count (a public quiz stays open after its assignment closes; a class-only one would refuse the start)."""
    take(assignment.quiz, learner, assignment.closes_at + DAY)
    result = assignment.result_for(learner, NOW + 6 * DAY)
    assert (result.status, result.uncounted) == (AssignmentStatus.MISSED, 1)


def test_counted_work_leaves_nothing_uncounted(assignment, learner):
    take(assignment.quiz, learner, NOW + DAY)
    take(assignment.quiz, learner, NOW - DAY)
    result = assignment.result_for(learner, NOW + 6 * DAY)
    assert (result.status, result.attempts, result.uncounted) == (AssignmentStatus.DONE, 1, 1)
