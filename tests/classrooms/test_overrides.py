"""Overrides per assignment, for one learner or several (Moodle's user and group overrides): dates, time limit and
attempts allowed, each optional; when several name a learner the most generous value of each setting wins; the
learner's accommodation applies on top; the reason is for teachers only."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from classrooms import services
from classrooms.models import AssignmentOverride, AssignmentStatus, TimeMultiplier
from quizzes.models.quiz import Visibility
from quizzes.services import attempts as attempt_service
from tests.classrooms.conftest import NOW, join, url

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def timed(make, teacher):
    return make.quiz(questions=2, owner=teacher, time_limit=20 * MINUTE, attempts_allowed=1)


@pytest.fixture
def assignment(classroom, timed, teacher):
    return services.assignment_create(classroom=classroom, quiz=timed, teacher=teacher, opens_at=NOW - DAY,
                                      due_at=NOW + DAY, closes_at=NOW + 2 * DAY)


@pytest.fixture
def amal(make, classroom):
    learner = make.learner(username="amal", first_name="Amal")
    join(classroom, learner)
    return learner


@pytest.fixture
def badr(make, classroom):
    learner = make.learner(username="badr", first_name="Badr")
    join(classroom, learner)
    return learner


def override(assignment, teacher, learners, **settings):
    return services.override_save(assignment=assignment, teacher=teacher, learners=learners, now=NOW, **settings)


def start(quiz, learner, at=NOW):
    return attempt_service.attempt_start(quiz=quiz, learner=learner, now=at)


def test_a_time_limit_override_is_for_its_learner_only(assignment, teacher, timed, amal, badr):
    override(assignment, teacher, [amal], time_limit=45 * MINUTE)
    assert start(timed, amal).deadline == NOW + 45 * MINUTE
    assert start(timed, badr).deadline == NOW + 20 * MINUTE


def test_an_attempts_override_gives_more_attempts_or_unlimited(assignment, teacher, timed, amal, badr):
    override(assignment, teacher, [amal], attempts_allowed=0)
    for _n in range(3):
        attempt_service.attempt_submit(attempt=start(timed, amal), now=NOW)
    attempt_service.attempt_submit(attempt=start(timed, badr), now=NOW)
    with pytest.raises(attempt_service.AttemptRefused):
        start(timed, badr)


def test_a_later_due_date_makes_late_work_on_time(assignment, teacher, timed, amal, badr):
    override(assignment, teacher, [amal], due_at=NOW + 36 * HOUR)
    later = NOW + 30 * HOUR
    for learner in (amal, badr):
        attempt_service.attempt_submit(attempt=start(timed, learner, later), now=later + MINUTE)
    assert assignment.status_for(amal, later + HOUR) == AssignmentStatus.DONE
    assert assignment.status_for(badr, later + HOUR) == AssignmentStatus.LATE


def test_a_later_close_counts_work_the_class_no_longer_counts(assignment, teacher, timed, amal, badr):
    override(assignment, teacher, [amal], closes_at=NOW + 3 * DAY)
    later = NOW + 60 * HOUR  # after the assignment closed, before amal's close
    for learner in (amal, badr):
        attempt_service.attempt_submit(attempt=start(timed, learner, later), now=later + MINUTE)
    assert assignment.status_for(amal, later + HOUR) == AssignmentStatus.LATE
    assert assignment.status_for(badr, later + HOUR) == AssignmentStatus.MISSED


def test_a_later_close_moves_the_deadline_of_a_class_only_quiz(make, classroom, teacher, amal, badr):
    quiz = make.quiz(questions=1, owner=teacher, time_limit=20 * MINUTE, visibility=Visibility.CLASS_ONLY)
    assignment = services.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=NOW - DAY,
                                            due_at=NOW + 5 * MINUTE, closes_at=NOW + 10 * MINUTE)
    override(assignment, teacher, [amal], closes_at=NOW + HOUR)
    assert start(quiz, amal).deadline == NOW + 20 * MINUTE
    assert start(quiz, badr).deadline == NOW + 10 * MINUTE  # the class's close comes first


def test_user_and_group_overrides_combine_setting_by_setting_the_more_generous_winning(assignment, teacher, timed,
                                                                                     amal, badr):
    override(assignment, teacher, [amal], time_limit=30 * MINUTE, attempts_allowed=3)
    override(assignment, teacher, [amal, badr], time_limit=40 * MINUTE, attempts_allowed=2)
    attempt = start(timed, amal)
    assert attempt.deadline == NOW + 40 * MINUTE  # the group's limit is longer
    for _n in range(2):
        attempt_service.attempt_submit(attempt=attempt, now=NOW)
        attempt = start(timed, amal)  # the user's three attempts
    attempt_service.attempt_submit(attempt=attempt, now=NOW)
    with pytest.raises(attempt_service.AttemptRefused):
        start(timed, amal)
    assert start(timed, badr).deadline == NOW + 40 * MINUTE


def test_an_accommodation_multiplies_the_overridden_limit(assignment, classroom, teacher, timed, amal):
    override(assignment, teacher, [amal], time_limit=30 * MINUTE)
    services.accommodation_set(membership=classroom.memberships.get(learner=amal), teacher=teacher, now=NOW,
                               time_multiplier=TimeMultiplier.HALF)
    assert start(timed, amal).deadline == NOW + 45 * MINUTE


def test_an_override_saved_or_deleted_during_an_attempt_moves_its_deadline(assignment, teacher, timed, amal):
    attempt = start(timed, amal)
    saved = override(assignment, teacher, [amal], time_limit=60 * MINUTE)
    attempt.refresh_from_db()
    assert attempt.deadline == NOW + 60 * MINUTE
    with time_machine.travel(NOW + 30 * MINUTE, tick=False):
        services.override_delete(override=saved, teacher=teacher, now=NOW + 30 * MINUTE)
    attempt.refresh_from_db()
    assert attempt.deadline == NOW + 30 * MINUTE  # back to 20 minutes, but never before the moment it changed


def test_an_override_needs_a_learner_of_the_class_and_a_setting(make, assignment, teacher, amal):
    with pytest.raises(ValidationError):
        override(assignment, teacher, [make.learner()], time_limit=MINUTE)
    with pytest.raises(ValidationError):
        override(assignment, teacher, [], time_limit=MINUTE)
    with pytest.raises(ValidationError):
        override(assignment, teacher, [amal], reason="nothing changes")
    with pytest.raises(ValidationError):
        override(assignment, teacher, [amal], due_at=NOW - 2 * DAY)  # before the assignment opens
    assert not AssignmentOverride.objects.exists()


# --- the teacher's page, and privacy ---------------------------------------------------------------------------------
def test_the_teacher_adds_an_override_for_several_learners(teacher_client, classroom, assignment, amal, badr):
    response = teacher_client.post(url("overrides", classroom.pk, assignment.pk), {
        "learners": [amal.pk, badr.pk], "time_limit_minutes": "35", "reason": "SECRET-REASON",
    })
    assert response.status_code == 302
    saved = AssignmentOverride.objects.get()
    assert saved.time_limit == 35 * MINUTE and set(saved.learners.all()) == {amal, badr}
    page = teacher_client.get(url("overrides", classroom.pk, assignment.pk)).content.decode()
    assert "SECRET-REASON" in page and "35 minutes" in page
    assert "1 override" in teacher_client.get(url("detail", classroom.pk)).content.decode()


def test_the_override_form_re_renders_with_errors(teacher_client, classroom, assignment):
    response = teacher_client.post(url("overrides", classroom.pk, assignment.pk, lang="ar"),
                                   {"time_limit_minutes": "0"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"learners", "time_limit_minutes"}
    assert not AssignmentOverride.objects.exists()


def test_the_reason_and_the_override_stay_with_teachers(client, make, classroom, assignment, teacher, timed, amal):
    saved = override(assignment, teacher, [amal], time_limit=30 * MINUTE, reason="SECRET-REASON")
    client.force_login(amal)
    with translation.override("en"):
        page = client.get(reverse("quizzes:quiz", args=[timed.pk])).content.decode()
    assert "30 minutes" in page and "SECRET-REASON" not in page
    assert "SECRET-REASON" not in client.get(url("mine")).content.decode()
    assert client.get(url("overrides", classroom.pk, assignment.pk)).status_code == 404
    client.force_login(make.teacher())
    assert client.get(url("overrides", classroom.pk, assignment.pk)).status_code == 404
    assert client.post(url("delete_override", classroom.pk, saved.pk)).status_code == 404
    assert client.post(url("overrides", classroom.pk, assignment.pk),
                       {"learners": [amal.pk], "time_limit_minutes": "90"}).status_code == 404
    assert AssignmentOverride.objects.get().time_limit == 30 * MINUTE


def test_the_teacher_deletes_an_override(teacher_client, classroom, assignment, teacher, amal):
    saved = override(assignment, teacher, [amal], attempts_allowed=2)
    assert teacher_client.post(url("delete_override", classroom.pk, saved.pk)).status_code == 302
    assert not AssignmentOverride.objects.exists()


@pytest.mark.parametrize("size", [3, 15])
def test_the_gradebook_with_overrides_runs_a_bounded_number_of_queries(teacher_client, make, classroom, teacher,
                                                                      assignment, django_assert_max_num_queries,
                                                                      size):
    learners = []
    for _n in range(size):
        learner = make.learner()
        join(classroom, learner)
        learners.append(learner)
    override(assignment, teacher, learners[::2], due_at=NOW + 36 * HOUR)
    override(assignment, teacher, learners[:1], closes_at=NOW + 4 * DAY)
    with django_assert_max_num_queries(10):
        response = teacher_client.get(url("gradebook", classroom.pk))
    assert response.content.decode().count('class="grade-cell') == size


def test_an_override_opens_a_class_only_quiz_for_its_learner_after_the_class_closed(client, make, classroom,
                                                                                      teacher, amal, badr):
    quiz = make.quiz(questions=1, owner=teacher, visibility=Visibility.CLASS_ONLY)
    assignment = services.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=NOW - 2 * DAY,
                                            due_at=NOW - DAY, closes_at=NOW - HOUR)
    override(assignment, teacher, [amal], due_at=NOW + DAY, closes_at=NOW + DAY)
    with translation.override("en"):
        target = reverse("quizzes:quiz", args=[quiz.pk])
    client.force_login(badr)
    assert client.post(target).status_code == 409  # the class's assignment is over
    client.force_login(amal)
    response = client.post(target)
    assert response.status_code == 302
    assert quiz.attempts.get(learner=amal).deadline == NOW + DAY
