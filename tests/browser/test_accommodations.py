"""In Arabic, one timed assignment: a learner with 1.5× the time and a plain one start together; at the plain
deadline the plain learner's page is submitted by the server while the other goes on. The teacher's class page,
with its accommodations form, on a phone."""

import datetime

import pytest
from django.utils import timezone

from classrooms import services
from classrooms.models import TimeMultiplier
from quizzes.models import Attempt
from tests import factories
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)
LIMIT = datetime.timedelta(seconds=10)


def log_in(page, base, username):
    page.goto(f"{base}/ar/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "a-Long-pass-123")
    page.click("form button[type=submit]")
    page.wait_for_load_state()


def test_the_plain_learner_is_submitted_at_the_deadline_and_the_accommodated_one_goes_on(live_server, page_factory,
                                                                                         screenshot):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    teacher = factories.teacher(username="ms-hana", first_name="هناء")
    classroom = services.classroom_create(teacher=teacher, name="الصف التاسع")
    quiz = factories.quiz(questions=2, owner=teacher, time_limit=LIMIT)
    now = timezone.now()
    services.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=now - datetime.timedelta(
        days=1), due_at=now + datetime.timedelta(days=1))
    learners = {}
    for username in ("amal", "badr"):
        learners[username] = factories.learner(username=username, first_name=username.title())
        services.classroom_join(learner=learners[username], code=classroom.join_code, now=now)
    services.accommodation_set(membership=classroom.memberships.get(learner=learners["amal"]), teacher=teacher,
                               now=now, time_multiplier=TimeMultiplier.HALF)

    pages = {}
    for username in ("badr", "amal"):  # the plain learner first: the other's extra time is all margin
        page = page_factory(locale="ar", phone=True)
        log_in(page, live_server.url, username)
        page.goto(f"{live_server.url}/ar/quizzes/{quiz.pk}/")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        if username == "amal":
            assert "1.5" in page.inner_text(".accommodation-note")  # their own, and only on their page
        else:
            assert page.locator(".accommodation-note").count() == 0
        page.click("form main button[type=submit], main form button[type=submit]")
        page.wait_for_load_state()
        page.wait_for_selector("[data-countdown]")
        pages[username] = page
    amal, badr = (Attempt.objects.get(learner=learners[name]) for name in ("amal", "badr"))
    assert amal.deadline - amal.started_at == LIMIT * 1.5
    assert badr.deadline - badr.started_at == LIMIT

    pages["badr"].wait_for_url("**/review/", timeout=15000)  # the countdown reloads; the server submits
    badr.refresh_from_db()
    amal.refresh_from_db()
    assert badr.is_finished and badr.finished_automatically
    assert amal.is_in_progress and timezone.now() < amal.deadline
    assert "/review/" not in pages["amal"].url
    screenshot(pages["amal"], "accommodations-amal-goes-on")
    pages["amal"].wait_for_url("**/review/", timeout=15000)
    amal.refresh_from_db()
    assert amal.is_finished and amal.finished_automatically

    teacher_page = page_factory(locale="ar", phone=True)
    log_in(teacher_page, live_server.url, "ms-hana")
    teacher_page.goto(f"{live_server.url}/ar/classes/{classroom.pk}/")
    assert teacher_page.locator(".badge-accommodation").count() == 1
    teacher_page.locator("details.accommodation summary").first.click()
    screenshot(teacher_page, "accommodations-class-page-phone")
    for page in (*pages.values(), teacher_page):
        assert not page.console_errors
