"""review_outlook: what is due now and when the next review falls due, both by the rule that decides what a
review may serve (a quiz the learner answered the question in shows its key now)."""

import datetime

import pytest
from django.utils import timezone

from progress import services
from progress.models import ReviewCard
from quizzes.services import attempts as attempt_service

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


def card_of(quiz) -> ReviewCard:
    return ReviewCard.objects.get(question=quiz.fixed_questions.get().question)


def test_a_learner_without_cards_has_nothing_due_and_no_next_review(learner_user):
    assert services.review_outlook(learner_user, NOW) == services.ReviewOutlook(due=[], next_due=None, cards=0)


def test_the_next_review_is_the_earliest_card_a_review_may_serve(make, learner_user, finish):
    """A card whose quiz stopped showing keys falls due first, but no review would serve it: the next review
    is the showing quiz's card, and it is due (and served) once its time comes."""
    hiding = make.quiz(questions=1, review_right_answers="immediately")
    showing = make.quiz(questions=1, review_right_answers="immediately")
    finish(learner_user, hiding, right=set(), now=NOW)  # forgotten: due again soonest
    finish(learner_user, showing, right={0}, now=NOW)
    services.review_cards_sync(learner=learner_user, now=NOW)
    hiding.review_right_answers = "never"
    hiding.save(update_fields=["review_right_answers"])
    hidden_card, shown_card = card_of(hiding), card_of(showing)
    assert NOW < hidden_card.due < shown_card.due

    outlook = services.review_outlook(learner_user, NOW)
    assert outlook == services.ReviewOutlook(due=[], next_due=shown_card.due, cards=2)

    at_due = services.review_outlook(learner_user, shown_card.due)
    assert at_due == services.ReviewOutlook(due=[shown_card.question_id], next_due=None, cards=2)
    assert services.reviewable_question_ids(learner_user, shown_card.due) == at_due.due


def test_review_sessions_since_counts_only_review_sessions_in_the_window(make, learner_user, finish):
    """A review session nine days ago is outside the last seven; the quiz attempt is no review session."""
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(learner_user, quiz, right=set(), now=NOW - datetime.timedelta(days=10))
    old_session = services.review_session_start(learner=learner_user, now=NOW - datetime.timedelta(days=9))
    attempt_service.attempt_submit(attempt=old_session, now=NOW - datetime.timedelta(days=9))
    new_session = services.review_session_start(learner=learner_user, now=NOW - datetime.timedelta(days=1))
    attempt_service.attempt_submit(attempt=new_session, now=NOW - datetime.timedelta(days=1))
    history = services.grade_history(learner_user, NOW)
    assert services.review_sessions_since(history, NOW - datetime.timedelta(days=7)) == 1
    assert services.review_sessions_since(history, NOW - datetime.timedelta(days=30)) == 2
