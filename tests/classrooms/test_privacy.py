"""Who sees what: a teacher only their own classes and their learners' work; learners no teacher page.

Everything else is a 404, so nobody learns that a class or an attempt exists.
"""

import datetime

import pytest

from classrooms import services
from classrooms.models import Assignment, Membership
from tests.classrooms.conftest import NOW, join, take, url

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def setting(classroom, quiz, make):
    """Teacher X (the fixture teacher) with a class, a learner in it and an attempt; teacher Y with none."""
    learner = make.learner()
    join(classroom, learner)
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW - DAY, due_at=NOW + DAY)
    attempt = take(quiz, learner, NOW)
    return {"learner": learner, "attempt": attempt, "other_teacher": make.teacher()}


def teacher_urls(classroom, setting):
    return [
        url("detail", classroom.pk),
        url("gradebook", classroom.pk),
        url("export_csv", classroom.pk),
        url("export_xlsx", classroom.pk),
        url("remove_member", classroom.pk, setting["learner"].pk),
        url("attempt_review", setting["attempt"].pk),
    ]


def test_the_teacher_opens_every_page_of_their_class(teacher_client, classroom, setting):
    for address in teacher_urls(classroom, setting):
        assert teacher_client.get(address).status_code == 200, address


def test_another_teacher_gets_404_everywhere(client, classroom, setting):
    client.force_login(setting["other_teacher"])
    for address in teacher_urls(classroom, setting):
        assert client.get(address).status_code == 404, address
    for address in (url("assign", classroom.pk), url("renew_code", classroom.pk),
                    url("remove_member", classroom.pk, setting["learner"].pk)):
        assert client.post(address, {}).status_code == 404, address
    assert Membership.objects.count() == 1 and Assignment.objects.count() == 1


def test_another_teachers_class_list_does_not_show_it(client, classroom, setting):
    client.force_login(setting["other_teacher"])
    assert classroom.name not in client.get(url("teaching")).content.decode()


def test_a_learner_gets_404_on_every_teacher_page(client, classroom, setting):
    client.force_login(setting["learner"])
    for address in [url("teaching"), *teacher_urls(classroom, setting)]:
        assert client.get(address).status_code == 404, address
    assert client.post(url("teaching"), {"name": "Mine now"}).status_code == 404


def test_a_teacher_cannot_review_attempts_of_learners_outside_their_classes(teacher_client, quiz, make):
    stranger = make.learner()
    attempt = take(quiz, stranger, NOW)  # the teacher's own quiz, but not in any of their classes
    assert teacher_client.get(url("attempt_review", attempt.pk)).status_code == 404


def test_a_removed_learners_attempts_leave_the_teachers_reach(teacher_client, classroom, teacher, setting):
    services.membership_remove(classroom=classroom, learner=setting["learner"], teacher=teacher)
    assert teacher_client.get(url("attempt_review", setting["attempt"].pk)).status_code == 404


def test_an_attempt_at_a_quiz_not_assigned_in_the_class_stays_private(teacher_client, classroom, setting, make):
    unassigned = make.quiz(questions=1, owner=make.teacher())
    attempt = take(unassigned, setting["learner"], NOW)
    assert teacher_client.get(url("attempt_review", attempt.pk)).status_code == 404


def test_an_unfinished_attempt_has_no_review(teacher_client, setting, quiz):
    from quizzes.services.attempts import attempt_start

    attempt = attempt_start(quiz=quiz, learner=setting["learner"], now=NOW + DAY)
    assert teacher_client.get(url("attempt_review", attempt.pk)).status_code == 404


def test_another_teachers_admin_does_not_list_the_class(client, classroom, setting, teacher):
    from django.urls import reverse

    client.force_login(setting["other_teacher"])
    assert classroom.name not in client.get(reverse("admin:classrooms_classroom_changelist")).content.decode()
    assert client.get(reverse("admin:classrooms_classroom_change", args=[classroom.pk])).status_code in (302, 404)
    client.force_login(teacher)
    assert classroom.name in client.get(reverse("admin:classrooms_classroom_changelist")).content.decode()


def test_visitors_are_sent_to_log_in(client, classroom, setting):
    for address in [url("mine"), url("join"), url("teaching"), *teacher_urls(classroom, setting)]:
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], address
