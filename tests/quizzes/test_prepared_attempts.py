"""Attempts drawn ahead of a scheduled opening (issue 17, item 3; quizzes.services.attempts.attempts_prepare):
each learner's draw is their own and unknown to them, and starting only flips the attempt's state."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Attempt, AttemptState, Quiz, QuizDraw
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(make):
    """A quiz of 5 questions drawn at random from a bank of 12, opening in an hour."""
    bank = make.bank()
    for _ in range(12):
        make.question(bank_obj=bank)
    quiz = Quiz.objects.create(owner=bank.owner, title_en="Exam", title_ar="امتحان", is_published=True,
                               shuffle_questions=True)
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=5)
    return quiz


def learners(make, count):
    return [make.learner(username=f"pupil{n}") for n in range(count)]


def test_each_learner_gets_a_drawn_attempt_of_their_own_that_they_cannot_see(make, exam, now, client):
    pupils = learners(make, 6)
    assert service.attempts_prepare(quiz=exam, learners=pupils, now=now) == 6
    prepared = list(Attempt.objects.filter(quiz=exam).prefetch_related("slots"))
    assert {a.state for a in prepared} == {AttemptState.PREPARED} and {a.number for a in prepared} == {1}
    draws = {tuple(slot.question_id for slot in a.slots.all()) for a in prepared}
    assert len(draws) > 1 and all(len(draw) == 5 for draw in draws)  # random, per learner
    assert len({a.seed for a in prepared}) == 6
    # Unknown to the learner: not among their attempts, its page not found.
    client.force_login(pupils[0])
    assert not Attempt.objects.of(pupils[0]).exists()
    assert client.get(reverse("quizzes:attempt", kwargs={"pk": prepared[0].pk})).status_code == 404
    assert service.attempts_prepare(quiz=exam, learners=pupils, now=now) == 0  # drawn once


def test_starting_flips_the_prepared_attempt_in_one_update_with_its_questions_unchanged(make, exam, now):
    pupil = learners(make, 1)[0]
    service.attempts_prepare(quiz=exam, learners=[pupil], now=now - timedelta(minutes=20))
    prepared = Attempt.objects.get(quiz=exam, learner=pupil)
    questions = list(prepared.slots.values_list("question_id", "order"))
    with CaptureQueriesContext(connection) as queries:
        started = service.attempt_start(quiz=exam, learner=pupil, now=now, language="en")
    assert started.pk == prepared.pk and started.state == AttemptState.IN_PROGRESS
    assert started.started_at == now and started.language == "en"
    assert list(started.slots.values_list("question_id", "order")) == questions
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1 and "quizzes_attempt" in writes[0]  # no draw, no slot written: one UPDATE
    sql = [q["sql"] for q in queries.captured_queries]
    after = sql[sql.index(writes[0]) + 1:]
    assert not [q for q in after if "quizzes_attempt" in q]  # the attempt is not read back after its UPDATE
    assert started.deadline == Attempt.objects.get(pk=prepared.pk).deadline and started.number == prepared.number
    assert service.attempt_start(quiz=exam, learner=pupil, now=now).pk == prepared.pk  # resumed, not started again


def test_a_prepared_attempt_does_not_use_up_the_attempts_allowed(make, exam, now):
    exam.attempts_allowed = 1
    exam.save()
    pupil = learners(make, 1)[0]
    service.attempts_prepare(quiz=exam, learners=[pupil], now=now)
    assert service.quiz_start_problem(quiz=exam, learner=pupil, now=now) is None
    attempt = service.attempt_start(quiz=exam, learner=pupil, now=now)
    service.attempt_submit(attempt=attempt, now=now)
    assert service.quiz_start_problem(quiz=exam, learner=pupil, now=now) is not None  # now it is used


def test_a_learner_with_an_attempt_already_is_left_alone(make, exam, now):
    pupil, other = learners(make, 2)
    service.attempt_start(quiz=exam, learner=pupil, now=now)
    assert service.attempts_prepare(quiz=exam, learners=[pupil, other], now=now) == 1
    assert Attempt.objects.get(learner=pupil).state == AttemptState.IN_PROGRESS


def test_preparing_costs_the_same_number_of_queries_for_ten_learners_as_for_two_plus_their_policies(make, exam, now):
    few, many = learners(make, 2), [make.learner(username=f"more{n}") for n in range(10)]

    def count(pupils):
        with CaptureQueriesContext(connection) as queries:
            service.attempts_prepare(quiz=exam, learners=pupils, now=now)
        return len(queries.captured_queries)

    per_learner = (count(many) - count(few)) / 8
    assert per_learner <= 3  # the learner's policy only (accommodations, overrides): draws and inserts are shared


@pytest.mark.parametrize("shared", [True, False])
def test_with_a_shared_cache_the_opening_reads_the_questions_rendered_ahead(make, exam, now, client, settings,
                                                                            monkeypatch, shared):
    """The cron job renders the prepared attempts' questions in both languages: the learner's first view of
    their attempt renders none (a per-process cache would keep them in the command's own process: nothing)."""
    from quizzes import rendering

    settings.SHARED_CACHE, settings.DEBUG = shared, False
    pupil = learners(make, 1)[0]
    rendered = []
    real = rendering.slot_context
    monkeypatch.setattr(rendering, "slot_context", lambda slot, **kw: rendered.append(slot.pk) or real(slot, **kw))
    service.attempts_prepare(quiz=exam, learners=[pupil], now=now - timedelta(minutes=20))
    assert len(rendered) == (10 if shared else 0)  # 5 questions, 2 languages
    rendered.clear()
    client.force_login(pupil)
    for language in ("ar", "en"):
        started = client.post(reverse("quizzes:quiz", kwargs={"pk": exam.pk}))
        page = client.get(started.url.replace("/ar/", f"/{language}/").replace("/en/", f"/{language}/"))
        assert page.status_code == 200 and page.content.decode().count('class="question') >= 5
    if shared:
        assert rendered == []
    else:  # the page shows one question at a time: the first, rendered in each language
        assert len(rendered) == 2
