"""The class pages: creating a class, joining it, assigning a quiz, removing a learner, the learner's list."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.utils import translation

from classrooms.models import Assignment, Classroom, Membership
from tests.classrooms.conftest import NOW, join, take, url

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- teachers ------------------------------------------------------------------------------------
def test_a_teacher_creates_a_class_and_sees_its_code_and_link(teacher_client, teacher):
    response = teacher_client.post(url("teaching"), {"name": "Grade 9 (C)"})
    classroom = Classroom.objects.get(name="Grade 9 (C)")
    assert response.status_code == 302 and response["Location"] == url("detail", classroom.pk)
    html = teacher_client.get(url("detail", classroom.pk)).content.decode()
    assert f'<p class="join-code" dir="ltr" translate="no">{classroom.join_code}</p>' in html
    assert f"http://testserver/en/classes/join/{classroom.join_code}/" in html
    assert "Grade 9 (C)" in teacher_client.get(url("teaching")).content.decode()


def test_a_class_without_a_name_is_refused(teacher_client):
    response = teacher_client.post(url("teaching"), {"name": ""})
    assert response.status_code == 400 and not Classroom.objects.exists()


def test_the_arabic_join_link_uses_the_arabic_prefix(teacher_client, classroom):
    html = teacher_client.get(url("detail", classroom.pk, lang="ar")).content.decode()
    assert f"/ar/classes/join/{classroom.join_code}/" in html


def test_a_teacher_assigns_one_of_their_quizzes(teacher_client, classroom, quiz, make):
    others = make.quiz(questions=1, owner=make.teacher())
    html = teacher_client.get(url("detail", classroom.pk)).content.decode()
    assert f'value="{quiz.pk}"' in html and f'value="{others.pk}"' not in html
    response = teacher_client.post(url("assign", classroom.pk), {
        "quiz": quiz.pk, "opens_at": "2026-11-25T10:00", "due_at": "2026-12-01T18:00", "closes_at": "",
    })
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.quiz == quiz and assignment.closes_at is None
    assert assignment.due_at == datetime.datetime(2026, 12, 1, 18, 0, tzinfo=datetime.UTC)


def test_each_assignment_links_to_its_quizs_item_statistics(teacher_client, classroom, quiz):
    """Statistics were reachable only from the admin (issue 14, defect 15); the teacher may open them."""
    from django.urls import reverse

    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY)
    html = teacher_client.get(url("detail", classroom.pk)).content.decode()
    with translation.override("en"):
        statistics = reverse("quizzes:statistics", args=[quiz.pk])
    assert f'href="{statistics}"' in html and "Item statistics" in html
    assert teacher_client.get(statistics).status_code == 200


def test_assigning_another_teachers_quiz_through_the_form_is_refused(teacher_client, classroom, make):
    others = make.quiz(questions=1, owner=make.teacher())
    response = teacher_client.post(url("assign", classroom.pk), {
        "quiz": others.pk, "opens_at": "2026-11-25T10:00", "due_at": "2026-12-01T18:00",
    })
    assert response.status_code == 400 and not Assignment.objects.exists()
    assert "Select a valid choice." in response.content.decode()


def test_assignment_dates_out_of_order_are_shown_on_the_form(teacher_client, classroom, quiz):
    response = teacher_client.post(url("assign", classroom.pk), {
        "quiz": quiz.pk, "opens_at": "2026-11-25T10:00", "due_at": "2026-11-24T10:00",
    })
    assert response.status_code == 400 and not Assignment.objects.exists()
    assert "The due time must come after the opening time." in response.content.decode()


def test_a_teacher_makes_a_new_code_that_expires(teacher_client, classroom):
    old = classroom.join_code
    response = teacher_client.post(url("renew_code", classroom.pk), {"code_expires_at": "2026-12-01T08:00"})
    classroom.refresh_from_db()
    assert response.status_code == 302 and classroom.join_code != old
    assert classroom.code_expires_at == datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    assert any(classroom.join_code in m for m in messages_of(response))


def test_a_teacher_removes_a_learner_after_confirming(teacher_client, classroom, make):
    learner = make.learner(username="amal")
    join(classroom, learner)
    remove = url("remove_member", classroom.pk, learner.pk)
    assert remove in teacher_client.get(url("detail", classroom.pk)).content.decode()
    page = teacher_client.get(remove)
    assert page.status_code == 200 and "Remove <bdi>amal</bdi> from" in page.content.decode()
    assert Membership.objects.exists()
    response = teacher_client.post(remove)
    assert response.status_code == 302 and not Membership.objects.exists()
    assert messages_of(response) == ["amal is no longer in the class."]
    assert teacher_client.post(remove).status_code == 404


# --- learners ------------------------------------------------------------------------------------
def test_a_learner_joins_by_typing_the_code(client, classroom, make):
    learner = make.learner()
    client.force_login(learner)
    page = client.get(url("join")).content.decode()
    assert 'dir="ltr"' in page and 'name="code"' in page
    typed = classroom.join_code.lower()[:3] + " " + classroom.join_code.lower()[3:]
    response = client.post(url("join"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == url("mine")
    assert Membership.objects.filter(classroom=classroom, learner=learner).exists()
    assert messages_of(response) == [f"Welcome to “{classroom.name}”!"]


def test_joining_twice_is_a_friendly_message(client, classroom, make):
    learner = make.learner()
    join(classroom, learner)
    client.force_login(learner)
    response = client.post(url("join"), {"code": classroom.join_code})
    assert response.status_code == 302 and messages_of(response) == [f"You are already in “{classroom.name}”."]
    assert Membership.objects.count() == 1


def test_a_wrong_code_is_explained_on_the_form(client, make):
    client.force_login(make.learner())
    response = client.post(url("join"), {"code": "zz-zz99"})
    assert response.status_code == 400
    assert "No class has the code “ZZZZ99”. Check it with your teacher." in response.content.decode()
    assert not Membership.objects.exists()


def test_the_join_link_asks_before_joining(client, classroom, make):
    learner = make.learner()
    client.force_login(learner)
    page = client.get(url("join_link", classroom.join_code))
    html = page.content.decode()
    assert page.status_code == 200 and "Join <bdi>الصف التاسع (ب)</bdi>, taught by <bdi>Hana Saleh</bdi>?" in html
    assert not Membership.objects.exists()
    client.post(url("join"), {"code": classroom.join_code})
    assert Membership.objects.filter(learner=learner).exists()
    assert "You are already in" in client.get(url("join_link", classroom.join_code)).content.decode()


def test_an_expired_join_link_says_so(client, classroom, make):
    Classroom.objects.filter(pk=classroom.pk).update(code_expires_at=NOW)
    client.force_login(make.learner())
    with time_machine.travel(NOW + DAY, tick=False):
        page = client.get(url("join_link", classroom.join_code))
    assert page.status_code == 404 and "has expired. Ask your teacher for a new one." in page.content.decode()


def test_the_join_link_sends_visitors_to_log_in_first(client, classroom):
    response = client.get(url("join_link", classroom.join_code))
    assert response.status_code == 302 and "/accounts/login/?next=" in response["Location"]


def test_a_learner_sees_their_assignments_with_status(client, classroom, quiz, make):
    learner = make.learner()
    join(classroom, learner)
    other = make.quiz(questions=2, owner=classroom.teacher)
    late_one = make.quiz(questions=2, owner=classroom.teacher)
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY)
    Assignment.objects.create(classroom=classroom, quiz=other, opens_at=NOW, due_at=NOW + DAY, closes_at=NOW + 2 * DAY)
    Assignment.objects.create(classroom=classroom, quiz=late_one, opens_at=NOW, due_at=NOW + DAY)
    take(quiz, learner, NOW + datetime.timedelta(hours=1))
    take(late_one, learner, NOW + 2 * DAY)
    client.force_login(learner)
    with time_machine.travel(NOW + 3 * DAY, tick=False):
        html = client.get(url("mine")).content.decode()
    assert html.count('class="badge status-done"') == 1
    assert html.count('class="badge status-late"') == 1
    assert html.count('class="badge status-missed"') == 1
    assert quiz.get_absolute_url().replace("/ar/", "/en/") in html


def test_a_learner_sees_only_their_own_classes(client, classroom, make):
    learner = make.learner()
    other_class = Classroom.objects.create(teacher=make.teacher(), name="Other class", join_code="QQQQQQ")
    join(classroom, learner)
    client.force_login(learner)
    html = client.get(url("mine")).content.decode()
    assert classroom.name in html and "Other class" not in html


def test_a_learner_with_no_class_is_told_how_to_join(client, make):
    client.force_login(make.learner())
    assert "You are not in any class yet." in client.get(url("mine")).content.decode()


def test_a_learner_past_the_due_time_sees_overdue_work_still_to_do(client, classroom, quiz, make):
    learner = make.learner()
    join(classroom, learner)
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY)
    client.force_login(learner)
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        html = client.get(url("mine")).content.decode()
    assert 'class="badge status-to_do">to do</span> <span class="badge status-overdue">overdue</span>' in html


@pytest.mark.parametrize("classes", [1, 4])
def test_the_learners_page_runs_a_bounded_number_of_queries(client, make, django_assert_max_num_queries, classes):
    from classrooms import services

    learner = make.learner()
    for n in range(classes):
        teacher = make.teacher()
        classroom = services.classroom_create(teacher=teacher, name=f"Class {n}")
        join(classroom, learner)
        for _ in range(2):
            quiz = make.quiz(questions=1, owner=teacher)
            Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY)
            take(quiz, learner, NOW)
    client.force_login(learner)
    # The session, the user; the classes, their assignments, the overrides of their dates, the attempts; the
    # teacher role for the nav.
    with django_assert_max_num_queries(7):
        response = client.get(url("mine"))
    assert response.content.decode().count("status-done") == 2 * classes


def test_the_class_page_says_why_completed_work_is_missed(client, classroom, quiz, make):
    learner = make.learner()
    join(classroom, learner)
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW + DAY, closes_at=NOW + 2 * DAY)
    take(quiz, learner, NOW + 3 * DAY)  # a public quiz stays open after its assignment has closed
    client.force_login(learner)
    with time_machine.travel(NOW + 4 * DAY, tick=False):
        html = client.get(url("mine")).content.decode()
    assert 'class="badge status-missed"' in html
    assert "1 attempt submitted outside the assignment’s dates does not count" in html
