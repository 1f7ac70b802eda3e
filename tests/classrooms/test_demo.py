"""The demo class: the demo learner and eight generated learners with varied, finished attempts."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from classrooms.demo import CLASS_NAME, load_demo_classroom
from classrooms.gradebook import Gradebook
from classrooms.models import AssignmentStatus, Classroom
from quizzes.models import Attempt, AttemptQuestion
from tests.classrooms.conftest import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo_users(demo):
    """The demo teacher and learner, without any demo class (in case `loaddemo` already made one)."""
    User = get_user_model()
    Classroom.objects.filter(name=CLASS_NAME).delete()
    Attempt.objects.all().delete()
    User.objects.filter(username__in=[f"learner-{n}" for n in range(2, 10)]).delete()
    return User.objects.get(username="teacher"), User.objects.get(username="learner")


def test_the_demo_class_fills_the_gradebook(demo_users):
    teacher, learner = demo_users
    created = load_demo_classroom(teacher=teacher, learner=learner, now=NOW)
    assert created["classrooms"] == 1 and created["learners"] == 8 and created["memberships"] == 9
    assert created["assignments"] == 2 and created["attempts"] == Attempt.objects.count() > 10

    classroom = Classroom.objects.get(name=CLASS_NAME, teacher=teacher)
    gradebook = Gradebook.build(classroom, NOW)
    assert len(gradebook.rows) == 9 and len(gradebook.assignments) == 2
    statuses = {result.status for row in gradebook.rows for result in row.results}
    assert statuses == set(AssignmentStatus)
    percents = {result.percent for row in gradebook.rows for result in row.results if result.percent is not None}
    assert len(percents) > 4  # varied, not all right

    # The demo learner has work to do, and nothing done for them.
    mine = next(row for row in gradebook.rows if row.learner == learner)
    assert [r.status for r in mine.results] == [AssignmentStatus.MISSED, AssignmentStatus.TO_DO]

    slots = AttemptQuestion.objects.filter(attempt__state="finished")
    assert slots.filter(answered_in="en").exists() and slots.filter(answered_in="ar").exists()
    assert slots.filter(fraction=1).exists() and slots.filter(fraction=0).exists()
    assert Attempt.objects.filter(number=2).exists()
    assert not Attempt.objects.filter(finished_at__gt=NOW).exists()

    learner_2 = get_user_model().objects.get(username="learner-2")
    assert learner_2.check_password("tarikh-learner") and not learner_2.is_teacher


def test_the_demo_class_loads_twice_without_duplicates(demo_users):
    teacher, learner = demo_users
    load_demo_classroom(teacher=teacher, learner=learner, now=NOW)
    counts = (Classroom.objects.count(), Attempt.objects.count(), get_user_model().objects.count())
    again = load_demo_classroom(teacher=teacher, learner=learner, now=NOW + datetime.timedelta(days=1))
    assert set(again.values()) == {0}
    assert (Classroom.objects.count(), Attempt.objects.count(), get_user_model().objects.count()) == counts


def test_the_demo_answers_are_the_same_every_time(demo_users):
    teacher, learner = demo_users
    load_demo_classroom(teacher=teacher, learner=learner, now=NOW)
    first = sorted(Attempt.objects.values_list("learner__username", "quiz_id", "number", "score"))
    Attempt.objects.all().delete()
    load_demo_classroom(teacher=teacher, learner=learner, now=NOW)
    assert sorted(Attempt.objects.values_list("learner__username", "quiz_id", "number", "score")) == first
