"""The dashboard shows a grade only where the quiz lets the learner see their score, and charts quiz grades only."""

import datetime

import pytest
from django.utils import timezone, translation

from progress import services
from quizzes.services import attempts as attempt_service
from tests.progress.conftest import answer_and_submit

pytestmark = pytest.mark.django_db


def titled(quiz, title):
    quiz.title_en = title
    quiz.save(update_fields=["title_en"])
    return quiz


def dashboard(client, learner):
    client.force_login(learner)
    with translation.override("en"):
        response = client.get("/en/progress/")
    assert response.status_code == 200
    return response, response.content.decode()


def test_hidden_scores_stay_out_of_the_chart_and_the_attempts_show_no_percent(client, make, learner_user, finish):
    now = timezone.now()
    shown = titled(make.quiz(questions=3), "Shown quiz")
    never = titled(make.quiz(questions=3, review_score="never"), "Never quiz")
    not_yet = titled(make.quiz(questions=4, review_score="after_close", closes_at=now + datetime.timedelta(days=1)),
                     "Closing quiz")
    finish(learner_user, shown, right={0, 1}, now=now - datetime.timedelta(hours=3))  # 66.7%
    finish(learner_user, never, right={0}, now=now - datetime.timedelta(hours=2))  # 33.3%, never shown
    finish(learner_user, not_yet, right={0}, now=now - datetime.timedelta(hours=1))  # 25.0%, shown after close
    response, html = dashboard(client, learner_user)
    assert [point.value for point in response.context["chart"].points] == [66.7]
    assert [row.attempt.quiz.title_en for _label, row in response.context["chart_rows"]] == ["Shown quiz"]
    assert "66.7%" in html and "33.3%" not in html and "25.0%" not in html
    # Listed all the same (the learner did take them), without their percent.
    listed = {row.attempt.quiz.title_en: row.percent for row in response.context["history"]}
    assert listed == {"Shown quiz": shown.attempts.get().percent, "Never quiz": None, "Closing quiz": None}
    assert "Never quiz" in html and "Closing quiz" in html


def test_a_score_shown_after_close_appears_once_the_quiz_has_closed(client, make, learner_user):
    now = timezone.now()
    quiz = make.quiz(questions=4, review_score="after_close", closes_at=now - datetime.timedelta(minutes=1))
    attempt = attempt_service.attempt_start(quiz=quiz, learner=learner_user, now=now - datetime.timedelta(hours=1))
    answer_and_submit(attempt, right={0}, now=now - datetime.timedelta(minutes=30))
    response, html = dashboard(client, learner_user)
    assert [point.value for point in response.context["chart"].points] == [25.0]
    assert "25.0%" in html


def test_mastery_leaves_out_answers_whose_marks_are_hidden(client, make, learner_user, finish):
    now = timezone.now()
    hidden_event, shown_event = make.event(), make.event()
    never = make.quiz(questions=2, review_score="never")
    shown = make.quiz(questions=2)
    for quiz, event in ((never, hidden_event), (shown, shown_event)):
        for fixed in quiz.fixed_questions.select_related("question"):
            fixed.question.events.add(event)
    finish(learner_user, never, right=set(), now=now - datetime.timedelta(hours=2))
    finish(learner_user, shown, right={0}, now=now - datetime.timedelta(hours=1))
    response, html = dashboard(client, learner_user)
    assert [bar.label for bar in response.context["events"]] == [shown_event.title_en]
    assert hidden_event.title_en not in html


def test_review_sessions_are_no_quiz_grade_on_the_chart(client, make, learner_user, finish):
    now = timezone.now()
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(learner_user, quiz, right=set(), now=now - datetime.timedelta(days=3))
    session = services.review_session_start(learner=learner_user, now=now - datetime.timedelta(minutes=5))
    for slot in session.slots.all():
        attempt_service.attempt_check(attempt=session, position=slot.position,
                                      raw=slot.question_type.correct_response(slot.definition), now=now)
    attempt_service.attempt_submit(attempt=session, now=now)
    response, _html = dashboard(client, learner_user)
    assert [point.value for point in response.context["chart"].points] == [0.0]
    assert [row.attempt.pk for _label, row in response.context["chart_rows"]] == [quiz.attempts.get().pk]
    review_row = next(row for row in response.context["history"] if row.attempt.pk == session.pk)
    assert review_row.is_review_session
