"""Who may see and start a quiz: public, class only and link, on every page that lists or starts one.

One rule (Quiz.objects.available_to / listed_for / open_for) decides; these tests hold the quiz list, the quiz
page, the start and the class pages to it, for a learner in the class, a learner outside it, the class's
teacher (who owns the quiz), another teacher and an anonymous visitor.
"""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from classrooms import services as classroom_services
from classrooms.models import Assignment, AssignmentStatus
from quizzes.models import Attempt, Quiz
from quizzes.models.quiz import Visibility
from tests.quizzes.conftest import NOW

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
ACTORS = ("member", "outsider", "teacher", "other_teacher", "anonymous")


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(make):
    teacher = make.teacher(username="t-owner")
    classroom = classroom_services.classroom_create(teacher=teacher, name="Class A")
    member, outsider = make.learner(username="in-class"), make.learner(username="outside")
    classroom_services.classroom_join(learner=member, code=classroom.join_code, now=NOW - DAY)
    return {"teacher": teacher, "classroom": classroom, "member": member, "outsider": outsider,
            "other_teacher": make.teacher(username="t-other"), "anonymous": None}


def assigned_quiz(make, world, visibility, *, opens_at=NOW - DAY, due_at=NOW + DAY, closes_at=NOW + 2 * DAY):
    quiz = make.quiz(questions=2, owner=world["teacher"], visibility=visibility)
    Assignment.objects.create(classroom=world["classroom"], quiz=quiz, opens_at=opens_at, due_at=due_at,
                              closes_at=closes_at)
    return quiz


def client_for(client, world, actor):
    if world[actor] is not None:
        client.force_login(world[actor])
    return client


def sees_on_list(client, quiz) -> bool:
    html = client.get(url("quizzes:list")).content.decode()
    return quiz.get_absolute_url().replace("/ar/", "/en/") in html


# Expected for each visibility: which signed-in actors see the quiz listed, and which may open and start it.
LISTED = {
    Visibility.PUBLIC: {"member", "outsider", "teacher", "other_teacher"},
    Visibility.CLASS_ONLY: {"member", "teacher"},
    Visibility.LINK: {"member", "teacher"},  # listed only where it is assigned (and to its owner)
}
REACHABLE = {
    Visibility.PUBLIC: {"member", "outsider", "teacher", "other_teacher"},
    Visibility.CLASS_ONLY: {"member", "teacher"},
    Visibility.LINK: {"member", "outsider", "teacher", "other_teacher"},
}


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("actor", ACTORS)
def test_the_quiz_list_shows_a_quiz_to_whom_its_visibility_says(client, make, world, visibility, actor):
    quiz = assigned_quiz(make, world, visibility)
    client = client_for(client, world, actor)
    if actor == "anonymous":
        response = client.get(url("quizzes:list"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert sees_on_list(client, quiz) == (actor in LISTED[visibility])


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("actor", ACTORS)
def test_the_quiz_page_opens_for_whom_its_visibility_says(client, make, world, visibility, actor):
    quiz = assigned_quiz(make, world, visibility)
    response = client_for(client, world, actor).get(url("quizzes:quiz", quiz.pk))
    if actor == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif actor in REACHABLE[visibility]:
        assert response.status_code == 200
        assert "Start the quiz" in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("actor", ACTORS)
def test_starting_by_url_works_only_for_whom_its_visibility_says(client, make, world, visibility, actor):
    quiz = assigned_quiz(make, world, visibility)
    response = client_for(client, world, actor).post(url("quizzes:quiz", quiz.pk))
    if actor == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not Attempt.objects.exists()
    elif actor in REACHABLE[visibility]:
        attempt = Attempt.objects.get(quiz=quiz)
        assert response.status_code == 302 and response["Location"] == attempt.get_absolute_url()
        assert attempt.learner == world[actor]
    else:
        assert response.status_code == 404
        assert not Attempt.objects.exists()


@pytest.mark.parametrize("visibility", list(Visibility))
def test_the_class_pages_show_the_assignment_to_the_class_only(client, make, world, visibility):
    quiz = assigned_quiz(make, world, visibility)
    link = quiz.get_absolute_url().replace("/ar/", "/en/")
    client.force_login(world["member"])
    assert link in client.get(url("classrooms:mine")).content.decode()
    client.force_login(world["outsider"])
    assert link not in client.get(url("classrooms:mine")).content.decode()
    client.force_login(world["teacher"])
    page = client.get(url("classrooms:detail", world["classroom"].pk)).content.decode()
    assert link in page and f"visibility-{visibility}" in page
    client.force_login(world["other_teacher"])
    assert client.get(url("classrooms:detail", world["classroom"].pk)).status_code == 404
    client.logout()
    assert client.get(url("classrooms:mine")).status_code == 302


def test_a_quiz_unpublished_after_assigning_leaves_the_class_page_too(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY)
    Quiz.objects.filter(pk=quiz.pk).update(is_published=False)
    client.force_login(world["member"])
    link = quiz.get_absolute_url().replace("/ar/", "/en/")
    assert link not in client.get(url("classrooms:mine")).content.decode()
    assert client.get(url("quizzes:quiz", quiz.pk)).status_code == 404


def test_an_archived_class_no_longer_opens_its_class_only_quizzes(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY)
    world["classroom"].archived = True
    world["classroom"].save()
    client.force_login(world["member"])
    assert not sees_on_list(client, quiz)
    assert client.get(url("quizzes:quiz", quiz.pk)).status_code == 404


def test_a_class_only_quiz_assigned_nowhere_is_its_owners_alone(client, make, world):
    quiz = make.quiz(questions=2, owner=world["teacher"], visibility=Visibility.CLASS_ONLY)
    for actor in ("member", "outsider", "other_teacher"):
        client.force_login(world[actor])
        assert client.get(url("quizzes:quiz", quiz.pk)).status_code == 404
    client.force_login(world["teacher"])
    assert client.get(url("quizzes:quiz", quiz.pk)).status_code == 200


def test_a_learner_who_leaves_the_class_loses_its_class_only_quiz(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY)
    classroom_services.membership_remove(classroom=world["classroom"], learner=world["member"],
                                         teacher=world["teacher"])
    client.force_login(world["member"])
    assert not sees_on_list(client, quiz)
    assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 404


# --- the class's dates govern a class-only quiz ------------------------------------------------------
def test_the_defect_a_closed_assignment_is_neither_listed_open_nor_startable_nor_missed_when_done(
        client, make, world):
    """The report: listed as open to everyone, taken by an outsider, and "missed" on the class page though the
    learner had completed it. A class-only quiz follows its assignment's dates everywhere."""
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY, opens_at=NOW - 3 * DAY, due_at=NOW - 2 * DAY,
                         closes_at=NOW - DAY)
    # The outsider: not listed, not reachable, not startable.
    client.force_login(world["outsider"])
    assert not sees_on_list(client, quiz)
    assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 404
    # The member: the assignment has closed, so the list does not call it open and the start refuses …
    client.force_login(world["member"])
    assert not sees_on_list(client, quiz)
    page = client.get(url("quizzes:quiz", quiz.pk))
    assert page.status_code == 200 and "This quiz is closed for your class" in page.content.decode()
    assert "Start the quiz" not in page.content.decode()
    refused = client.post(url("quizzes:quiz", quiz.pk))
    assert refused.status_code == 409 and not Attempt.objects.exists()
    # … so "missed" on the class page is what the learner was told: nothing done, nothing open.
    html = client.get(url("classrooms:mine")).content.decode()
    assert 'class="badge status-missed"' in html and "does not count" not in html


def test_an_open_assignment_is_listed_open_and_done_work_is_done_on_the_class_page(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY)
    client.force_login(world["member"])
    listed = client.get(url("quizzes:list")).content.decode()
    assert 'badge badge-open' in listed
    attempt = Attempt.objects.get(pk=int(client.post(url("quizzes:quiz", quiz.pk))["Location"].split("/")[-2]))
    client.post(url("quizzes:submit", attempt.pk))
    html = client.get(url("classrooms:mine")).content.decode()
    assert 'class="badge status-done"' in html
    assert Assignment.objects.get(quiz=quiz).status_for(world["member"], NOW) == AssignmentStatus.DONE


def test_an_assignment_not_open_yet_is_upcoming_on_the_list_and_refused_at_start(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY, opens_at=NOW + DAY, due_at=NOW + 2 * DAY)
    client.force_login(world["member"])
    listed = client.get(url("quizzes:list")).content.decode()
    assert quiz.get_absolute_url().replace("/ar/", "/en/") in listed and "not open yet" in listed
    assert "Your class may start this quiz from" in client.get(url("quizzes:quiz", quiz.pk)).content.decode()
    assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 409
    # The owner tries it whenever they like.
    client.force_login(world["teacher"])
    assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 302


def test_an_assignment_without_a_closing_time_keeps_a_class_only_quiz_open(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY, opens_at=NOW - 3 * DAY, due_at=NOW - 2 * DAY,
                         closes_at=None)
    client.force_login(world["member"])
    assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 302


def test_a_second_class_with_an_open_assignment_opens_the_quiz(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY, opens_at=NOW - 3 * DAY, due_at=NOW - 2 * DAY,
                         closes_at=NOW - DAY)
    second = classroom_services.classroom_create(teacher=world["teacher"], name="Class B")
    classroom_services.classroom_join(learner=world["member"], code=second.join_code, now=NOW)
    Assignment.objects.create(classroom=second, quiz=quiz, opens_at=NOW - DAY, due_at=NOW + DAY)
    client.force_login(world["member"])
    assert sees_on_list(client, quiz)
    assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 302


def test_the_arabic_pages_say_it_in_arabic_too(client, make, world):
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY, opens_at=NOW - 3 * DAY, due_at=NOW - 2 * DAY,
                         closes_at=NOW - DAY)
    client.force_login(world["outsider"])
    assert client.get(quiz.get_absolute_url()).status_code == 404  # /ar/quizzes/<pk>/
    assert quiz.get_absolute_url() not in client.get(reverse("quizzes:list")).content.decode()


# --- practice quizzes and the spaced review stay their learner's ----------------------------------------
def test_a_practice_quiz_is_its_learners_alone_whatever_its_visibility(client, make, world):
    from progress.services import review_quiz

    mine = review_quiz(world["member"])
    practice = make.quiz(questions=2, owner=world["member"], practice_for=world["member"])
    for quiz in (mine, practice):
        client.force_login(world["member"])
        assert client.get(url("quizzes:quiz", quiz.pk)).status_code == 200
        for actor in ("outsider", "teacher", "other_teacher"):
            client.force_login(world[actor])
            assert client.get(url("quizzes:quiz", quiz.pk)).status_code == 404
            assert client.post(url("quizzes:quiz", quiz.pk)).status_code == 404
    for quiz in (mine, practice):
        assert set(Quiz.objects.available_to(world["outsider"]).filter(pk=quiz.pk)) == set()
        assert list(Quiz.objects.listed_for(world["member"]).filter(pk=quiz.pk)) == [quiz]


# --- the rule itself -------------------------------------------------------------------------------------
def test_the_querysets_agree_with_each_other(make, world):
    quizzes = {v: assigned_quiz(make, world, v) for v in Visibility}
    for actor in ("member", "outsider", "teacher", "other_teacher"):
        user = world[actor]
        listed = set(Quiz.objects.listed_for(user))
        available = set(Quiz.objects.available_to(user))
        open_now = set(Quiz.objects.open_for(user, NOW))
        assert listed <= available and open_now <= available
        assert {v for v, q in quizzes.items() if q in available} == {v for v in Visibility if actor in REACHABLE[v]}


def test_one_quiz_in_hand_is_open_for_exactly_whom_the_queryset_says(make, world):
    """Quiz.is_open_for (the start page and starting ask it of the quiz in hand) against Quiz.objects.open_for,
    for every visibility, actor, assignment window, archived class, the quiz's own dates, drafts and practice
    quizzes: the same answer everywhere. Quiz.available, the same for opening the quiz at all."""
    from django.contrib.auth.models import AnonymousUser

    windows = {"open": (NOW - DAY, NOW + 2 * DAY), "open, no close": (NOW - DAY, None),
               "later": (NOW + DAY, NOW + 3 * DAY), "over": (NOW - 3 * DAY, NOW - DAY), "none": None}
    archived = classroom_services.classroom_create(teacher=world["teacher"], name="Old class")
    classroom_services.classroom_join(learner=world["member"], code=archived.join_code, now=NOW - 2 * DAY)
    archived.archived = True
    archived.save()
    quizzes = []
    for visibility in Visibility:
        for window, dates in windows.items():
            for own in ("open", "not yet", "closed", "draft"):
                quiz = make.quiz(questions=1, owner=world["teacher"], visibility=visibility)
                quiz.opens_at = NOW + DAY if own == "not yet" else None
                quiz.closes_at = NOW - DAY if own == "closed" else None
                quiz.is_published = own != "draft"
                quiz.save()
                if dates:
                    opens, closes = dates
                    Assignment.objects.create(classroom=world["classroom"], quiz=quiz, opens_at=opens,
                                              due_at=opens + DAY / 2, closes_at=closes)
                quizzes.append(quiz)
        # Open only through the archived class, which opens nothing.
        quiz = make.quiz(questions=1, owner=world["teacher"], visibility=visibility)
        Assignment.objects.create(classroom=archived, quiz=quiz, opens_at=NOW - DAY, due_at=NOW + DAY,
                                  closes_at=NOW + 2 * DAY)
        quizzes.append(quiz)
    for owner in ("member", "outsider"):  # practice quizzes, each its learner's alone
        quiz = make.quiz(questions=1, owner=world["teacher"])
        Quiz.objects.filter(pk=quiz.pk).update(practice_for=world[owner])
        quiz.refresh_from_db()
        quizzes.append(quiz)
    checked = 0
    for actor in ACTORS:
        user = world[actor] or AnonymousUser()
        # An anonymous visitor is given nothing (available_to is empty for them; open_for would not be asked).
        expected = set(Quiz.objects.open_for(user, NOW).filter(pk__in=[q.pk for q in quizzes])) if world[actor] \
            else set()
        fresh = {quiz.pk: quiz for quiz in Quiz.objects.filter(pk__in=[q.pk for q in quizzes])}
        assert {quiz for quiz in fresh.values() if quiz.is_open_for(user, NOW)} == expected, actor
        # Quiz.available (the start page's read of the quiz, prepared) against available_to, on the same cases.
        available = set(Quiz.objects.available_to(user).filter(pk__in=fresh))
        assert {quiz for quiz in fresh.values() if Quiz.available(user, quiz.pk) is not None} == available, actor
        checked += len(expected)
    assert checked > 20  # the cases open somebody's quizzes, not only closed ones


def test_an_anonymous_user_is_given_nothing(make, world):
    from django.contrib.auth.models import AnonymousUser

    make.quiz(questions=1, owner=world["teacher"])
    assert not Quiz.objects.available_to(AnonymousUser()).exists()
    assert not Quiz.objects.listed_for(AnonymousUser()).exists()


def test_the_migration_makes_assigned_quizzes_class_only_and_leaves_the_rest_public(make, world):
    assigned = assigned_quiz(make, world, Visibility.PUBLIC)
    alone = make.quiz(questions=1, owner=world["teacher"])
    migration = importlib.import_module("quizzes.migrations.0005_quiz_visibility")
    migration.assigned_quizzes_class_only(apps, None)
    assigned.refresh_from_db(), alone.refresh_from_db()
    assert (assigned.visibility, alone.visibility) == (Visibility.CLASS_ONLY, Visibility.PUBLIC)


def test_a_class_only_attempt_ends_when_its_assignment_closes(make, world):
    """Started a minute before the assignment closes, with no time limit: answers stop counting at its close."""
    from quizzes.services import attempts as attempt_service

    minute = datetime.timedelta(minutes=1)
    quiz = assigned_quiz(make, world, Visibility.CLASS_ONLY, due_at=NOW, closes_at=NOW + minute)
    attempt = attempt_service.attempt_start(quiz=quiz, learner=world["member"], now=NOW)
    assert attempt.deadline == NOW + datetime.timedelta(minutes=1)
    later = NOW + datetime.timedelta(minutes=2)
    with pytest.raises(attempt_service.AttemptRefused):
        attempt_service.attempt_save_response(attempt=attempt, position=0, raw=None, now=later)
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.finished_automatically
    public = assigned_quiz(make, world, Visibility.PUBLIC, due_at=NOW, closes_at=NOW + minute)
    assert attempt_service.attempt_start(quiz=public, learner=world["member"], now=NOW).deadline is None
