"""The dashboard shows a grade only where the quiz lets the learner see their score, charts and lists quiz attempts
only (never review sessions), and says when the next review is due instead of "0 questions are due"."""

import datetime

import pytest
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS_ALT

from progress import services
from progress.models import ReviewCard
from quizzes.services import attempts as attempt_service
from tests.progress.conftest import answer_and_submit

pytestmark = pytest.mark.django_db


def titled(quiz, title):
    quiz.title_en = title
    quiz.save(update_fields=["title_en"])
    return quiz


def dashboard(client, learner, language="en"):
    client.force_login(learner)
    with translation.override(language):
        response = client.get(f"/{language}/progress/")
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
    response, html = dashboard(client, learner_user)
    assert [point.value for point in response.context["chart"].points] == [0.0]
    assert [row.attempt.pk for _label, row in response.context["chart_rows"]] == [quiz.attempts.get().pk]


def test_review_sessions_are_not_listed_as_quiz_attempts_but_counted(client, make, learner_user, finish):
    now = timezone.now()
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(learner_user, quiz, right=set(), now=now - datetime.timedelta(days=3))
    session = services.review_session_start(learner=learner_user, now=now - datetime.timedelta(minutes=5))
    attempt_service.attempt_submit(attempt=session, now=now)
    for language, review_title in (("en", "Review"), ("ar", "مراجعة")):
        response, html = dashboard(client, learner_user, language)
        assert [row.attempt.pk for row in response.context["history"]] == [quiz.attempts.get().pk]
        assert f"/attempts/{session.pk}/review/" not in html
        assert f'<td dir="auto">{review_title}</td>' not in html
        assert response.context["review_sessions_this_week"] == 1
    assert "You finished 1 review session in the last 7 days." in dashboard(client, learner_user)[1]


def test_a_new_learner_is_told_where_review_questions_come_from(client, learner_user):
    response, html = dashboard(client, learner_user)
    assert response.context["review"] == services.ReviewOutlook(due=[], next_due=None, cards=0)
    assert "Questions you answer in quizzes come back here for review" in html
    # No "0 questions are due", no dead button, no empty deck, no "0 days in a row".
    assert "due for review today" not in html and "Review now" not in html and "disabled" not in html
    assert "review deck" not in html and '<p class="stat-value">' not in html
    assert "Finish a quiz today to start a run of days in a row." in html
    _response, html = dashboard(client, learner_user, "ar")
    assert "حان موعد مراجعت" not in html and "disabled" not in html and '<p class="stat-value">' not in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_when_nothing_is_due_the_dashboard_says_when_the_next_review_is(client, make, learner_user, finish, language):
    quiz = make.quiz(questions=1, review_right_answers="immediately")
    finish(learner_user, quiz, right={0}, now=timezone.now())  # remembered: due again later
    response, html = dashboard(client, learner_user, language)
    due = timezone.localtime(ReviewCard.objects.get().due)
    assert response.context["review"].due == [] and response.context["review"].next_due == ReviewCard.objects.get().due
    with translation.override(language):
        # Day first, the month by name, a 24-hour clock: the project's formats (config/formats).
        expected = f"{due.day} {MONTHS_ALT[due.month] if language == 'ar' else due.strftime('%B')} {due.year}"
        expected += f"{'،' if language == 'ar' else ','} {due:%H:%M}"
        assert formats.date_format(due, "DATETIME_FORMAT") == expected
    assert expected in html
    assert "Review now" not in html and "disabled" not in html
    if language == "en":
        assert "Nothing is due for review right now.</p>" in html
        assert f"Your next review is due on {expected}." in html


def test_due_questions_are_counted_beside_the_review_button(client, make, learner_user, finish):
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(learner_user, quiz, right=set(), now=timezone.now() - datetime.timedelta(days=3))
    response, html = dashboard(client, learner_user)
    assert len(response.context["review"].due) == 2
    assert '<p class="stat-value">2</p>' in html and "questions due for review today" in html
    assert "Review now</button>" in html and "disabled" not in html
    assert "Your next review is due" not in html
