"""review_session_start: spaced review never shows a right answer that the quiz it came from hides."""

import datetime

import pytest
from django.utils import timezone

from progress import services
from progress.models import ReviewCard
from quizzes.models import QuizQuestion
from quizzes.services import attempts as attempt_service

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
LATER = NOW + datetime.timedelta(days=3)


def served(attempt) -> set[int]:
    return set() if attempt is None else set(attempt.slots.values_list("question_id", flat=True))


def question_ids(quiz) -> set[int]:
    return set(quiz.fixed_questions.values_list("question_id", flat=True))


def test_an_exam_that_never_shows_right_answers_gives_review_no_keys(client, make, learner_user, finish):
    """0/7 on the exam, then review: no exam question is served, so the second attempt learns nothing."""
    exam = make.quiz(questions=7, review_right_answers="never", attempts_allowed=2)
    first = finish(learner_user, exam, right=set(), now=NOW)
    assert first.score == 0
    assert services.review_session_start(learner=learner_user, now=LATER) is None
    assert not services.due_cards(learner_user, LATER).exists()
    client.force_login(learner_user)
    response = client.post("/en/progress/review/")
    assert response.status_code == 302 and response["Location"].endswith("/progress/")
    dashboard = client.get("/en/progress/")
    assert dashboard.context["review"] == services.ReviewOutlook(due=[], next_due=None, cards=0)


def test_cards_of_a_quiz_showing_right_answers_after_close_are_served_once_it_closes(make, learner_user, finish):
    closes = NOW + datetime.timedelta(days=5)
    quiz = make.quiz(questions=3, review_right_answers="after_close", closes_at=closes)
    finish(learner_user, quiz, right=set(), now=NOW)
    assert services.review_session_start(learner=learner_user, now=closes - datetime.timedelta(minutes=1)) is None
    attempt = services.review_session_start(learner=learner_user, now=closes)
    assert served(attempt) == question_ids(quiz)
    assert attempt.quiz.review_right_answers == "immediately"  # the review quiz shows what it checks


def test_a_question_answered_in_a_hiding_and_a_showing_quiz(make, learner_user, finish):
    """A key the learner may already read on one quiz's review is served; the hiding quiz's answers stay out."""
    exam = make.quiz(questions=2, review_right_answers="never")
    shared, exam_only = [fixed.question for fixed in exam.fixed_questions.order_by("position")]
    practice = make.quiz(questions=1, review_right_answers="immediately")
    QuizQuestion.objects.create(quiz=practice, question=shared, position=1)
    finish(learner_user, exam, right=set(), now=NOW)
    finish(learner_user, practice, right={0, 1}, now=NOW + datetime.timedelta(hours=1))
    attempt = services.review_session_start(learner=learner_user, now=LATER)
    assert shared.pk in served(attempt) and exam_only.pk not in served(attempt)
    assert served(attempt) == question_ids(practice)
    # The shared card holds only the practice answer: the exam's (hidden) mistake says nothing yet.
    card = ReviewCard.objects.get(question=shared)
    assert (card.reviews, card.lapses) == (1, 0)


def test_a_question_only_in_a_hiding_exam_is_not_served_because_it_is_elsewhere(make, learner_user, finish):
    """Sharing a question with a showing quiz the learner never took does not release the exam's key."""
    exam = make.quiz(questions=1, review_right_answers="never")
    practice = make.quiz(questions=1, review_right_answers="immediately")
    QuizQuestion.objects.create(quiz=practice, question=exam.fixed_questions.get().question, position=1)
    finish(learner_user, exam, right=set(), now=NOW)
    assert services.review_session_start(learner=learner_user, now=LATER) is None


def test_a_quiz_that_stops_showing_right_answers_takes_its_cards_out_of_review(make, learner_user, finish):
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(learner_user, quiz, right=set(), now=NOW)
    services.review_cards_sync(learner=learner_user, now=NOW)
    quiz.review_right_answers = "never"
    quiz.save(update_fields=["review_right_answers"])
    assert services.review_session_start(learner=learner_user, now=LATER) is None


def test_answers_given_in_review_keep_the_card_going(make, learner_user, finish):
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(learner_user, quiz, right=set(), now=NOW)
    session = services.review_session_start(learner=learner_user, now=LATER)
    for slot in session.slots.all():
        attempt_service.attempt_check(attempt=session, position=slot.position,
                                      raw=slot.question_type.correct_response(slot.definition), now=LATER)
    attempt_service.attempt_submit(attempt=session, now=LATER)
    services.review_cards_sync(learner=learner_user, now=LATER)
    assert [card.reviews for card in ReviewCard.objects.all()] == [2, 2]
    # The review session is itself no source of keys: when the quiz hides them again, the cards rest.
    quiz.review_right_answers = "never"
    quiz.save(update_fields=["review_right_answers"])
    assert services.review_session_start(learner=learner_user, now=LATER + datetime.timedelta(days=60)) is None
