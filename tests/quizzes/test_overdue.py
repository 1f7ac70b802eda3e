"""Overdue handling per quiz (Moodle's three: submit automatically, a grace period, does not count) and the timer.

Each mode at the deadline −1 s, +1 s (inside the network allowance DEADLINE_GRACE), past DEADLINE_GRACE and past
the grace period, through the services, the pages and the cron command. The server's clock decides everything.
"""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from classrooms.models import Assignment
from quizzes.models import Attempt, AttemptState, GradingMethod, OverdueHandling
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db

AUTOSUBMIT, GRACE, ABANDON = OverdueHandling.AUTOSUBMIT, OverdueHandling.GRACE_PERIOD, OverdueHandling.AUTOABANDON
LIMIT = datetime.timedelta(minutes=10)
SECOND = datetime.timedelta(seconds=1)
PAST_ALLOWANCE = datetime.timedelta(seconds=31)  # DEADLINE_GRACE is 30 s
GRACE_PERIOD = datetime.timedelta(minutes=5)


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"quizzes:{name}", args=args)


@pytest.fixture
def timed(make, learner_user, now):
    """Start a timed attempt (deadline now + 10 min) in a quiz with the given overdue handling; one answer saved."""
    def start(mode, **fields):
        quiz = make.quiz(time_limit=LIMIT, overdue_handling=mode, grace_period=GRACE_PERIOD, **fields)
        attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
        service.attempt_save_response(attempt=attempt, position=3, raw="كيريتارو", now=now)
        return attempt
    return start


def fresh(attempt):
    return Attempt.objects.select_related("quiz").get(pk=attempt.pk)


# --- the services ---------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", [AUTOSUBMIT, GRACE, ABANDON])
def test_one_second_before_the_deadline_every_mode_takes_answers_and_a_submit(timed, now, mode):
    attempt = timed(mode)
    at = attempt.deadline - SECOND
    service.attempt_save_response(attempt=attempt, position=4, raw="1867", now=at)
    attempt = service.attempt_submit(attempt=fresh(attempt), now=at)
    assert attempt.state == AttemptState.FINISHED and not attempt.finished_automatically
    assert fresh(attempt).score == 2


@pytest.mark.parametrize("mode", [AUTOSUBMIT, GRACE, ABANDON])
def test_one_second_after_the_deadline_an_answer_in_flight_still_counts(timed, mode):
    attempt = timed(mode)
    at = attempt.deadline + SECOND
    service.attempt_save_response(attempt=attempt, position=4, raw="1867", now=at)
    attempt = service.attempt_submit(attempt=fresh(attempt), now=at)
    assert attempt.state == AttemptState.FINISHED and fresh(attempt).score == 2


def test_past_the_allowance_autosubmit_submits_the_saved_answers(timed):
    attempt = timed(AUTOSUBMIT)
    at = attempt.deadline + PAST_ALLOWANCE
    with pytest.raises(service.AttemptRefused):
        service.attempt_save_response(attempt=attempt, position=4, raw="1867", now=at)
    attempt = fresh(attempt)
    assert attempt.is_finished and attempt.finished_automatically and attempt.score == 1


def test_past_the_allowance_a_late_submit_under_autosubmit_counts_as_automatic(timed):
    attempt = timed(AUTOSUBMIT)
    attempt = service.attempt_submit(attempt=attempt, now=attempt.deadline + PAST_ALLOWANCE)
    assert attempt.is_finished and attempt.finished_automatically and fresh(attempt).score == 1


def test_in_the_grace_period_answers_cannot_change_but_the_learner_may_submit(timed):
    attempt = timed(GRACE)
    at = attempt.deadline + PAST_ALLOWANCE
    assert attempt.in_grace_period(at) and not attempt.accepts_answers(at)
    with translation.override("en"), pytest.raises(service.AttemptRefused, match="may still submit"):
        service.attempt_save_response(attempt=attempt, position=4, raw="1867", now=at)
    attempt = fresh(attempt)
    assert attempt.is_in_progress and attempt.slots.get(position=4).response is None
    attempt = service.attempt_submit(attempt=attempt, now=attempt.deadline + GRACE_PERIOD - SECOND)
    assert attempt.is_finished and not attempt.finished_automatically and fresh(attempt).score == 1


def test_past_the_grace_period_the_attempt_does_not_count(timed):
    attempt = timed(GRACE)
    at = attempt.deadline + GRACE_PERIOD + PAST_ALLOWANCE
    attempt = service.attempt_submit(attempt=attempt, now=at)
    attempt = fresh(attempt)
    assert attempt.state == AttemptState.ABANDONED and attempt.score is None
    assert all(slot.is_locked for slot in attempt.slots.all())
    assert attempt.slots.get(position=3).response == "كيريتارو"  # kept, for the learner and the teacher to see


def test_a_submit_inside_the_allowance_after_the_grace_period_still_counts(timed):
    attempt = timed(GRACE)
    attempt = service.attempt_submit(attempt=attempt, now=attempt.deadline + GRACE_PERIOD + SECOND)
    assert attempt.is_finished


def test_past_the_allowance_does_not_count_abandons_the_attempt(timed):
    attempt = timed(ABANDON)
    at = attempt.deadline + PAST_ALLOWANCE
    with pytest.raises(service.AttemptRefused):
        service.attempt_save_response(attempt=attempt, position=4, raw="1867", now=at)
    assert fresh(attempt).state == AttemptState.ABANDONED
    late = timed(ABANDON)
    late = service.attempt_submit(attempt=late, now=late.deadline + PAST_ALLOWANCE)
    assert late.state == AttemptState.ABANDONED and fresh(late).score is None


def test_an_abandoned_attempt_is_used_but_never_graded(make, learner_user, now):
    quiz = make.quiz(time_limit=LIMIT, overdue_handling=ABANDON, attempts_allowed=2,
                     grading_method=GradingMethod.LAST)
    first = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    service.attempt_submit(attempt=first, now=now + SECOND)
    second = service.attempt_start(quiz=quiz, learner=learner_user, now=now + 2 * SECOND)
    service.attempt_submit(attempt=second, now=second.deadline + PAST_ALLOWANCE)
    attempts = list(Attempt.objects.filter(quiz=quiz).order_by("number"))
    assert [a.state for a in attempts] == [AttemptState.FINISHED, AttemptState.ABANDONED]
    grade = service.quiz_grade(quiz=quiz, attempts=attempts)
    assert grade.percent == attempts[0].percent and grade.attempts == 2  # the last *graded* attempt
    assert service.quiz_start_problem(quiz=quiz, learner=learner_user, now=now + LIMIT * 3)  # both used


def test_class_results_ignore_an_abandoned_attempt(make, learner_user, teacher_user, now):
    from classrooms import services as classes

    quiz = make.quiz(time_limit=LIMIT, overdue_handling=ABANDON, owner=teacher_user)
    classroom = classes.classroom_create(teacher=teacher_user, name="الصف التاسع")
    classes.classroom_join(learner=learner_user, code=classroom.join_code, now=now)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=now - SECOND,
                                           due_at=now + LIMIT * 6)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert service.attempts_close_overdue(now=attempt.deadline + PAST_ALLOWANCE) == 1
    assert fresh(attempt).is_abandoned
    result = assignment.result_for(learner_user, now + LIMIT * 2)
    assert result.status == "to_do" and result.attempts == 0 and result.percent is None


# --- cron -----------------------------------------------------------------------------------------
def test_cron_closes_each_mode_as_its_quiz_says(timed):
    submit, grace, abandon = timed(AUTOSUBMIT), timed(GRACE), timed(ABANDON)
    deadline = submit.deadline
    assert service.attempts_close_overdue(now=deadline + SECOND) == 0  # answers may still be in flight
    out = io.StringIO()
    with time_machine.travel(deadline + PAST_ALLOWANCE, tick=False), translation.override("en"):
        call_command("close_overdue_attempts", stdout=out)
    assert "2 overdue attempts closed." in out.getvalue()
    assert fresh(submit).is_finished and fresh(submit).finished_automatically and fresh(submit).score == 1
    assert fresh(abandon).is_abandoned
    assert fresh(grace).is_in_progress  # its grace period goes on
    assert service.attempts_close_overdue(now=deadline + GRACE_PERIOD + PAST_ALLOWANCE) == 1
    assert fresh(grace).is_abandoned


# --- the pages ------------------------------------------------------------------------------------
def answer(client, attempt, at, **extra):
    with time_machine.travel(at, tick=False):
        return client.post(url("answer", attempt.pk, 4), {"q4": "1867"}, **extra)


@pytest.mark.parametrize("mode", [AUTOSUBMIT, GRACE, ABANDON])
def test_pages_before_the_deadline(learner_client, timed, mode):
    attempt = timed(mode)
    with time_machine.travel(attempt.deadline - SECOND, tick=False):
        html = learner_client.get(url("attempt", attempt.pk)).content.decode()
        assert 'data-countdown="1"' in html and "attempt-read-only" not in html
    assert answer(learner_client, attempt, attempt.deadline - SECOND)["Location"].endswith("?page=4#q4")


@pytest.mark.parametrize("mode", [AUTOSUBMIT, GRACE, ABANDON])
def test_an_answer_one_second_late_is_saved_and_the_submit_counts(learner_client, timed, mode):
    attempt = timed(mode)
    response = answer(learner_client, attempt, attempt.deadline + SECOND, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    with time_machine.travel(attempt.deadline + SECOND, tick=False):
        response = learner_client.post(url("submit", attempt.pk))
    assert response["Location"] == url("review", attempt.pk)
    assert fresh(attempt).is_finished and fresh(attempt).score == 2


def test_opening_the_attempt_after_the_deadline_under_autosubmit_shows_the_submitted_attempt(learner_client, timed):
    attempt = timed(AUTOSUBMIT)
    with time_machine.travel(attempt.deadline + SECOND, tick=False):
        response = learner_client.get(url("attempt", attempt.pk), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url("review", attempt.pk)
    assert "your attempt was submitted with the answers you had saved" in html
    assert fresh(attempt).is_finished and fresh(attempt).finished_automatically


def test_opening_the_attempt_after_the_deadline_under_does_not_count(learner_client, timed):
    attempt = timed(ABANDON)
    with time_machine.travel(attempt.deadline + SECOND, tick=False):
        html = learner_client.get(url("attempt", attempt.pk), follow=True).content.decode()
    assert "it does not count" in html and "so it does not count" in html  # the message, then the review
    assert "Score:" not in html
    assert fresh(attempt).is_abandoned


def test_the_grace_period_page_is_read_only_with_a_submit_button(learner_client, timed):
    attempt = timed(GRACE)
    at = attempt.deadline + PAST_ALLOWANCE
    with time_machine.travel(at, tick=False):
        html = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert '<fieldset class="attempt-read-only" disabled>' in html
    assert "answers can no longer change" in html
    assert f'action="{url("submit", attempt.pk)}"' in html
    assert "Time left to submit:" in html
    assert f'data-countdown="{int((GRACE_PERIOD - PAST_ALLOWANCE).total_seconds())}"' in html
    assert "data-countdown-live" not in html  # nothing more to announce: the grace period has its own words
    response = answer(learner_client, attempt, at, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == url("attempt", attempt.pk)
    response = answer(learner_client, attempt, at)
    assert response["Location"] == url("attempt", attempt.pk)
    assert fresh(attempt).slots.get(position=4).response is None
    with time_machine.travel(at, tick=False):
        assert "answers can no longer change" in learner_client.get(url("submit", attempt.pk)).content.decode()
        response = learner_client.post(url("submit", attempt.pk))
    assert response["Location"] == url("review", attempt.pk) and fresh(attempt).is_finished


def test_past_the_grace_period_the_pages_show_an_attempt_that_does_not_count(learner_client, timed):
    attempt = timed(GRACE)
    with time_machine.travel(attempt.deadline + GRACE_PERIOD + SECOND, tick=False):
        response = learner_client.get(url("submit", attempt.pk), follow=True)
        quiz_page = learner_client.get(url("quiz", attempt.quiz_id)).content.decode()
    assert response.redirect_chain[-1][0] == url("review", attempt.pk)
    assert fresh(attempt).is_abandoned
    assert "not submitted in time" in quiz_page and "does not count" in quiz_page
    assert f'href="{url("review", attempt.pk)}"' in quiz_page and "Continue" not in quiz_page
    assert "Start a new attempt" in quiz_page  # the in-progress slot is free again


@pytest.mark.parametrize("mode", [AUTOSUBMIT, ABANDON])
def test_a_submit_past_the_allowance_closes_the_attempt_as_the_quiz_says(learner_client, timed, mode):
    attempt = timed(mode)
    with time_machine.travel(attempt.deadline + PAST_ALLOWANCE, tick=False):
        response = learner_client.post(url("submit", attempt.pk), follow=True)
    attempt = fresh(attempt)
    assert attempt.state == (AttemptState.FINISHED if mode == AUTOSUBMIT else AttemptState.ABANDONED)
    assert attempt.finished_automatically
    assert ("it does not count" in response.content.decode()) == (mode == ABANDON)


# --- plain words ----------------------------------------------------------------------------------
WORDS = {
    AUTOSUBMIT: ("When time runs out your answers are submitted.", "عند انتهاء الوقت تُسلَّم إجاباتك."),
    GRACE: ("When time runs out you have 5 minutes to submit; you cannot change answers then.",
            "عند انتهاء الوقت يبقى لك 5 دقائق لتسليم المحاولة؛ ولا يمكنك حينها تغيير الإجابات."),
    ABANDON: ("An attempt not submitted before the time runs out does not count.",
              "المحاولة التي لا تُسلَّم قبل انتهاء الوقت لا تُحتسب."),
}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("mode", [AUTOSUBMIT, GRACE, ABANDON])
def test_the_start_and_submit_pages_say_what_happens_when_time_runs_out(learner_client, make, learner_user, now,
                                                                        mode, lang):
    from django.utils.translation import trans_real

    quiz = make.quiz(time_limit=LIMIT, overdue_handling=mode, grace_period=GRACE_PERIOD)
    english, arabic = WORDS[mode]
    with translation.override(lang):
        expected = trans_real.gettext(english) if mode != GRACE else quiz.overdue_rule()
    if lang == "en":
        assert expected == english
    html = learner_client.get(url("quiz", quiz.pk, lang=lang)).content.decode()
    assert expected in html
    for other in WORDS:
        if other != mode:
            assert WORDS[other][0] not in html
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    with time_machine.travel(now, tick=False):
        assert expected in learner_client.get(url("submit", attempt.pk, lang=lang)).content.decode()


def test_the_grace_period_is_counted_in_minutes_with_plurals(make):
    quiz = make.quiz(overdue_handling=GRACE, grace_period=datetime.timedelta(minutes=1))
    with translation.override("en"):
        assert quiz.overdue_rule() == ("When time runs out you have 1 minute to submit; you cannot change answers "
                                       "then.")
        quiz.grace_period = datetime.timedelta(seconds=90)
        assert "2 minutes" in quiz.overdue_rule()  # rounded up: the learner is never told less than they have


def test_an_untimed_quiz_says_no_rule(learner_client, make):
    html = learner_client.get(url("quiz", make.quiz().pk)).content.decode()
    assert "No time limit." in html and "overdue-rule" not in html


def test_a_grace_period_shorter_than_a_minute_is_refused(make):
    from django.core.exceptions import ValidationError

    quiz = make.quiz(overdue_handling=GRACE, grace_period=datetime.timedelta(seconds=20))
    with pytest.raises(ValidationError) as error:
        quiz.clean()
    assert "grace_period" in error.value.message_dict


# --- the timer markup -----------------------------------------------------------------------------
def test_the_timer_has_its_live_region_only_with_a_deadline(learner_client, make, learner_user, now):
    timed_quiz = make.quiz(time_limit=datetime.timedelta(hours=2))
    attempt = service.attempt_start(quiz=timed_quiz, learner=learner_user, now=now)
    with time_machine.travel(now + datetime.timedelta(seconds=0.4), tick=False), translation.override("ar"):
        html = learner_client.get(url("attempt", attempt.pk, lang="ar")).content.decode()
    # Rounded up, never localised: 7200 − 0.4 s is 7200 seconds, written with Western digits and no separator.
    assert 'data-countdown="7200"' in html and re.search(r'class="countdown-value" dir="ltr">7200<', html)
    live = re.search(r'<p class="visually-hidden" aria-live="polite" data-countdown-live ([^>]*)>', html)
    assert live and 'data-say-300="' in live.group(1) and 'data-say-60="' in live.group(1)
    timer = re.search(r'<p class="countdown"[^>]*>', html).group(0)
    assert 'role="timer"' in timer and "aria-live" not in timer  # the ticking clock itself never speaks

    untimed = service.attempt_start(quiz=make.quiz(), learner=learner_user, now=now)
    html = learner_client.get(url("attempt", untimed.pk)).content.decode()
    assert "data-countdown" not in html and 'role="timer"' not in html


def test_an_attempt_without_a_deadline_shows_no_timer_even_in_a_timed_quiz(learner_client, make, learner_user, now):
    """An accommodation may make an attempt untimed: only the attempt's own deadline shows a timer."""
    attempt = service.attempt_start(quiz=make.quiz(time_limit=LIMIT), learner=learner_user, now=now)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=None)
    html = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert "data-countdown" not in html
