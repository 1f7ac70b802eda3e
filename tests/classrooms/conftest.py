import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from classrooms import services
from quizzes.services import attempts as attempt_service

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def teacher(make):
    return make.teacher(username="ms-hana", first_name="Hana", last_name="Saleh")


@pytest.fixture
def classroom(teacher):
    return services.classroom_create(teacher=teacher, name="الصف التاسع (ب)")


@pytest.fixture
def quiz(make, teacher):
    return make.quiz(questions=3, owner=teacher)


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"classrooms:{name}", args=args)


def join(classroom, learner, now=NOW):
    membership, _created = services.classroom_join(learner=learner, code=classroom.join_code, now=now)
    return membership


def take(quiz, learner, at, *, right: int | None = None, finish_at=None):
    """Finish an attempt at `at` with the first `right` questions answered right (all by default)."""
    attempt = attempt_service.attempt_start(quiz=quiz, learner=learner, now=at)
    for slot in attempt.slots.all():
        if right is None or slot.position < right:
            attempt_service.attempt_save_response(
                attempt=attempt, position=slot.position,
                raw=slot.question_type.correct_response(slot.definition), now=at,
            )
    return attempt_service.attempt_submit(attempt=attempt, now=finish_at or at)
