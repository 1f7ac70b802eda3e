"""review_cards_sync: every graded answer a learner may learn from reaches their cards exactly once."""

import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone

from progress import services
from progress.models import ReviewCard
from quizzes.models import QuizQuestion
from quizzes.services import attempts as attempt_service
from tests.progress.conftest import answer_and_submit

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
SHOWS_KEYS = {"review_right_answers": "immediately"}


def deck(learner):
    cards = ReviewCard.objects.of(learner)
    return cards.count(), cards.aggregate(total=Sum("reviews"))["total"] or 0


def test_an_attempt_finished_after_a_later_started_one_is_still_synced(client, make, learner_user):
    """Start E, start F, finish F, open the dashboard (it syncs), finish E: E's answers reach the deck."""
    quiz_e, quiz_f = make.quiz(**SHOWS_KEYS), make.quiz(**SHOWS_KEYS)
    started_e = attempt_service.attempt_start(quiz=quiz_e, learner=learner_user, now=NOW)
    started_f = attempt_service.attempt_start(quiz=quiz_f, learner=learner_user, now=NOW)
    answer_and_submit(started_f, right={0}, now=NOW + datetime.timedelta(minutes=5))
    client.force_login(learner_user)
    assert client.get("/en/progress/").status_code == 200
    assert deck(learner_user) == (7, 7)
    answer_and_submit(started_e, right={0}, now=NOW + datetime.timedelta(minutes=10))
    assert services.review_cards_sync(learner=learner_user, now=NOW + datetime.timedelta(minutes=11)) == 7
    assert deck(learner_user) == (14, 14)
    # Re-running the sync, or visiting the dashboard again, counts nothing twice.
    assert services.review_cards_sync(learner=learner_user, now=NOW + datetime.timedelta(minutes=12)) == 0
    client.get("/en/progress/")
    assert deck(learner_user) == (14, 14)


def test_attempts_finished_at_the_same_instant_are_each_synced_once(make, learner_user, finish):
    """No cursor on finishing times: two attempts finished in the same second are both synced, once."""
    quiz = make.quiz(questions=2, **SHOWS_KEYS)
    finish(learner_user, quiz, right={0}, now=NOW)
    assert services.review_cards_sync(learner=learner_user, now=NOW) == 2
    finish(learner_user, quiz, right={0, 1}, now=NOW)
    assert services.review_cards_sync(learner=learner_user, now=NOW) == 2
    assert services.review_cards_sync(learner=learner_user, now=NOW) == 0
    assert deck(learner_user) == (2, 4)


def test_an_attempt_finished_with_an_earlier_time_than_one_already_synced_is_synced(make, learner_user):
    """A late-committing or back-dated finish (an overdue attempt is finished at its deadline's check) still counts."""
    quiz_a, quiz_b = make.quiz(questions=1, **SHOWS_KEYS), make.quiz(questions=1, **SHOWS_KEYS)
    early = attempt_service.attempt_start(quiz=quiz_a, learner=learner_user, now=NOW)
    late = attempt_service.attempt_start(quiz=quiz_b, learner=learner_user, now=NOW)
    answer_and_submit(late, right={0}, now=NOW + datetime.timedelta(hours=2))
    services.review_cards_sync(learner=learner_user, now=NOW + datetime.timedelta(hours=2))
    answer_and_submit(early, right={0}, now=NOW + datetime.timedelta(hours=1))
    assert services.review_cards_sync(learner=learner_user, now=NOW + datetime.timedelta(hours=3)) == 1
    assert deck(learner_user) == (2, 2)


def test_answers_released_late_are_replayed_in_the_order_they_were_given(make, learner_user, finish):
    """An exam's answer that joins a card after a later practice answer is scheduled as if synced in order."""
    exam = make.quiz(questions=1, review_right_answers="after_close", closes_at=NOW + datetime.timedelta(days=1))
    practice = make.quiz(questions=0, **SHOWS_KEYS)
    QuizQuestion.objects.create(quiz=practice, question=exam.fixed_questions.get().question, position=0)
    finish(learner_user, exam, right=set(), now=NOW)  # forgotten, but its key is hidden until the exam closes
    finish(learner_user, practice, right={0}, now=NOW + datetime.timedelta(hours=1))
    services.review_cards_sync(learner=learner_user, now=NOW + datetime.timedelta(hours=1))
    card = ReviewCard.objects.get()
    assert (card.reviews, card.lapses) == (1, 0)
    after_close = NOW + datetime.timedelta(days=2)
    assert services.review_cards_sync(learner=learner_user, now=after_close) == 1
    card.refresh_from_db()
    assert (card.reviews, card.lapses) == (2, 1)
    assert card.last_review == NOW + datetime.timedelta(hours=1)

    # The same two answers synced in one go (another learner) give the very same card.
    other = make.learner()
    finish(other, exam, right=set(), now=NOW)
    finish(other, practice, right={0}, now=NOW + datetime.timedelta(hours=1))
    services.review_cards_sync(learner=other, now=after_close)
    in_order = ReviewCard.objects.get(learner=other)
    assert (in_order.state, in_order.due, in_order.reviews, in_order.lapses) == (
        card.state, card.due, card.reviews, card.lapses)
