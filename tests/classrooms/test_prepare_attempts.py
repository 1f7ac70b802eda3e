"""`manage.py prepare_attempts` (classrooms.services.assignments_prepare_attempts): the attempts of a class's
scheduled exam are drawn ahead of its opening, for its learners only, once."""

import datetime
import io

import pytest
from django.core.management import call_command

from classrooms.models import Assignment
from classrooms.services import assignments_prepare_attempts
from quizzes.models import Attempt, AttemptState
from tests.classrooms.conftest import NOW, join

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def test_an_assignment_opening_within_the_window_gets_its_learners_attempts_drawn(classroom, quiz, make):
    soon = Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW + 20 * MINUTE, due_at=NOW + 90 * MINUTE)
    later = make.quiz(questions=2, owner=classroom.teacher)
    Assignment.objects.create(classroom=classroom, quiz=later, opens_at=NOW + 3 * 60 * MINUTE, due_at=NOW + 5 * 60 * MINUTE)
    pupils = [make.learner(username=f"pupil{n}") for n in range(3)]
    for pupil in pupils:
        join(classroom, pupil)
    outsider = make.learner(username="outsider")
    assert assignments_prepare_attempts(now=NOW, within=30 * MINUTE) == 3
    prepared = Attempt.objects.filter(quiz=soon.quiz)
    assert set(prepared.values_list("learner__username", flat=True)) == {"pupil0", "pupil1", "pupil2"}
    assert set(prepared.values_list("state", flat=True)) == {AttemptState.PREPARED}
    assert not Attempt.objects.filter(quiz=later).exists() and not Attempt.objects.filter(learner=outsider).exists()
    assert assignments_prepare_attempts(now=NOW + 5 * MINUTE, within=30 * MINUTE) == 0  # cron runs again: once


def test_the_command_says_how_many_it_drew_in_the_terminals_language(classroom, quiz, make):
    from django.utils import timezone

    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=timezone.now() + 10 * MINUTE,
                              due_at=timezone.now() + 60 * MINUTE)
    join(classroom, make.learner(username="pupil"))
    out = io.StringIO()
    call_command("prepare_attempts", "--within", "30", "--language", "en", stdout=out)
    assert out.getvalue().strip() == "1 attempt drawn ahead of its opening."
