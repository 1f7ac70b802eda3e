"""The progress dashboard's review card, for a new learner and for one whose cards are not due yet, in Arabic
and English, on a phone and a laptop: a sentence instead of "0 questions are due" and a dead button, and no
review session among the quiz attempts."""

import datetime

import pytest
from django.utils import timezone

from progress import services
from quizzes.services import attempts as attempt_service
from tests.progress.conftest import answer_and_submit

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-Long-pass-123"


def log_in(page, base, username):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url


def learner_with_cards(make):
    """Two quiz attempts, then a review session answered right a minute ago: nothing is due, a review is next."""
    learner = make.learner(username="regular", password=PASSWORD)
    quiz = make.quiz(questions=3, review_right_answers="immediately")
    now = timezone.now()
    for days_ago, right in ((3, set()), (2, {0, 1})):
        attempt = attempt_service.attempt_start(quiz=quiz, learner=learner, now=now - datetime.timedelta(days=days_ago))
        answer_and_submit(attempt, right=right, now=now - datetime.timedelta(days=days_ago))
    session = services.review_session_start(learner=learner, now=now - datetime.timedelta(minutes=2))
    for slot in session.slots.all():
        attempt_service.attempt_check(attempt=session, position=slot.position,
                                      raw=slot.question_type.correct_response(slot.definition), now=now)
    attempt_service.attempt_submit(attempt=session, now=now - datetime.timedelta(minutes=1))
    return learner, session


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_review_card_says_what_comes_next(live_server, make, page_factory, screenshot, lang):
    make.learner(username="newcomer", password=PASSWORD)
    _regular, session = learner_with_cards(make)
    for who in ("newcomer", "regular"):
        for phone in (False, True):
            page = page_factory(locale=lang, phone=phone)
            log_in(page, live_server.url, who)
            page.goto(f"{live_server.url}/{lang}/progress/")
            card = page.locator(".review-card")
            assert card.locator("button").count() == 0  # nothing due: no button, disabled or not
            assert card.locator(".review-status").is_visible()
            if who == "regular":
                assert card.locator(".review-next").is_visible()
                assert card.locator(".meta").is_visible()  # the review session, counted here
                assert page.locator(f'a[href$="/attempts/{session.pk}/review/"]').count() == 0
                assert page.locator(".line-chart circle").count() == 2  # the two quiz attempts only
            else:
                assert card.locator(".review-next").count() == 0
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            assert page.console_errors == []
            screenshot(page, f"progress.{who}.{lang}.{'phone' if phone else 'laptop'}")
