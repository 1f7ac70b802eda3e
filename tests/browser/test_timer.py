"""The timer on a phone, in Arabic: it stays in sight while the page scrolls, the question starts high, and when
the deadline passes the page shows what the server decided (submitted automatically, the default)."""

import datetime

import pytest
from django.utils import timezone, translation

from quizzes.models import Attempt, QuestionsPerPage
from quizzes.services import attempts as service
from tests import factories
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, base, username):
    page.goto(f"{base}/ar/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "a-Long-pass-123")
    page.click("form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("per_page", [QuestionsPerPage.ONE, QuestionsPerPage.ALL])
def test_the_timer_on_a_phone_stays_in_sight_and_the_server_ends_the_attempt(live_server, page_factory, screenshot,
                                                                             per_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    learner = factories.learner(username="layla")
    quiz = factories.quiz(time_limit=datetime.timedelta(minutes=20), questions_per_page=per_page)
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=timezone.now(), language="ar")
    page = page_factory(locale="ar", phone=True)
    log_in(page, live_server.url, "layla")
    with translation.override("ar"):
        page.goto(live_server.url + attempt.get_absolute_url())
    page.wait_for_selector("[data-countdown]")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    question_top = page.locator(".question").first.bounding_box()["y"]
    page.screenshot(path=str(ARTIFACTS / f"timer-phone-{per_page}-top.png"))  # the viewport, as seen
    assert question_top < 420, f"the question starts at {question_top} px of 844"

    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    clock = page.locator(".countdown").bounding_box()
    assert page.evaluate("window.scrollY") > 0 or per_page == QuestionsPerPage.ONE
    assert 0 <= clock["y"] and clock["y"] + clock["height"] <= 844, "the timer stays visible when scrolling"
    page.screenshot(path=str(ARTIFACTS / f"timer-phone-{per_page}-scrolled.png"))

    # A few seconds left, set on the attempt itself: the page counts down from what the server says and, at
    # zero, reloads; the server submits the attempt and shows its review.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + datetime.timedelta(seconds=4))
    page.reload()
    assert int(page.get_attribute("[data-countdown]", "data-countdown")) <= 4
    page.wait_for_url("**/review/", timeout=15000)
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.finished_automatically
    assert "انتهى الوقت" in page.inner_text("main")
    screenshot(page, f"timer-phone-{per_page}-finished")
    assert not page.console_errors
