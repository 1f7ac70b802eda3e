"""Walkthroughs of attempts through the services: start, answer, submit; behaviours, grading methods, time."""

import datetime
import io
import threading
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone, translation
from django.core.management import call_command
from django.db import connection

from quizzes.models import Attempt, AttemptStep, Behaviour, GradingMethod
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English here; their Arabic is checked by the catalog tests."""
    with translation.override("en"):
        yield


def answer_all(attempt, now, *, right=True):
    for slot in attempt.slots.all():
        qtype = slot.question_type
        wrong_keys = [c.key for c in slot.definition.choices if c.fraction <= 0]
        wrong = {
            "single_choice": lambda: wrong_keys[0], "true_false": lambda: wrong_keys[0],
            "multiple_response": lambda: wrong_keys, "short_answer": lambda: "Paris", "numerical": lambda: "1900",
            "matching": lambda: {}, "ordering": lambda: list(reversed(qtype.correct_response(slot.definition))),
        }
        response = qtype.correct_response(slot.definition) if right else wrong[slot.snapshot["qtype"]]()
        service.attempt_save_response(attempt=attempt, position=slot.position, raw=response, now=now)


def run_at_once(*actions) -> list[Exception]:
    """Run `actions` in threads released together (each with its own database connection); return what they raised."""
    barrier = threading.Barrier(len(actions))
    raised = []

    def run(action):
        try:
            barrier.wait()
            action()
        except Exception as error:  # returned for the caller's assertion
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised


def unexpected(raised: list[Exception]) -> list[Exception]:
    """What a race raised besides the refusal the losing side may get."""
    return [error for error in raised if not isinstance(error, service.AttemptRefused)]


@pytest.mark.parametrize("qtype_index", range(7))
def test_walkthrough_of_each_type_right_then_wrong(make, learner_user, now, qtype_index):
    """Start an attempt of one question, answer it, finish, check the state and the mark."""
    from quizzes.models import Quiz, QuizQuestion

    definition = make.definitions_of_every_type()[qtype_index]
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Q", title_ar="س", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=definition))
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert attempt.state == "in_progress" and attempt.max_score == 1
    answer_all(attempt, now, right=True)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.is_finished and attempt.score == 1 and attempt.percent == 100

    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    answer_all(attempt, now, right=False)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.score == 0


def test_deferred_behaviour_grades_only_at_submission(make, learner_user, now):
    quiz = make.quiz(behaviour=Behaviour.DEFERRED)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    answer_all(attempt, now)
    assert all(slot.fraction is None for slot in attempt.slots.all())
    with pytest.raises(service.AttemptRefused):
        service.attempt_check(attempt=attempt, position=0, raw=None, now=now)
    service.attempt_submit(attempt=attempt, now=now)
    assert all(slot.fraction == 1 for slot in attempt.slots.all())


def test_immediate_behaviour_checks_with_one_retry_and_a_penalty(make, learner_user, now):
    quiz = make.quiz(questions=1, behaviour=Behaviour.IMMEDIATE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    slot = attempt.slots.get()
    wrong = [c.key for c in slot.definition.choices if c.fraction == 0][0]
    right = [c.key for c in slot.definition.choices if c.fraction == 1][0]
    slot = service.attempt_check(attempt=attempt, position=0, raw=wrong, now=now)
    assert slot.fraction == 0 and slot.tries == 1 and not slot.is_locked
    slot = service.attempt_check(attempt=attempt, position=0, raw=right, now=now)
    # The second check is right but costs a third: 2/3.
    assert slot.fraction == Decimal("0.6666667") and slot.is_locked
    with pytest.raises(service.QuestionLocked):
        service.attempt_save_response(attempt=attempt, position=0, raw=wrong, now=now)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.score == Decimal("0.667")


def test_immediate_right_first_time_locks_at_full_marks(make, learner_user, now):
    quiz = make.quiz(questions=1, behaviour=Behaviour.IMMEDIATE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    slot = attempt.slots.get()
    slot = service.attempt_check(attempt=attempt, position=0, raw=slot.question_type.correct_response(slot.definition),
                                 now=now)
    assert slot.fraction == 1 and slot.is_locked and slot.tries == 1
    assert list(slot.steps.values_list("action", flat=True)) == ["save", "check"]


@pytest.mark.parametrize(
    "method, expected", [(GradingMethod.HIGHEST, 100), (GradingMethod.AVERAGE, Decimal("57.1")),
                         (GradingMethod.FIRST, 0), (GradingMethod.LAST, Decimal("71.4"))]
)
def test_grading_methods(make, learner_user, now, method, expected):
    quiz = make.quiz(grading_method=method)
    results = []
    for right_count in (0, 7, 5):
        attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
        for slot in list(attempt.slots.all())[:right_count]:
            service.attempt_save_response(attempt=attempt, position=slot.position,
                                          raw=slot.question_type.correct_response(slot.definition), now=now)
        results.append(service.attempt_submit(attempt=attempt, now=now))
    assert [a.percent for a in results] == [0, 100, Decimal("71.4")]
    assert service.quiz_grade(quiz=quiz, attempts=results).percent == expected


def test_attempts_allowed_are_enforced(make, learner_user, now):
    quiz = make.quiz(questions=1, attempts_allowed=2)
    for _ in range(2):
        service.attempt_submit(attempt=service.attempt_start(quiz=quiz, learner=learner_user, now=now), now=now)
    with pytest.raises(service.AttemptRefused, match="used all your attempts"):
        service.attempt_start(quiz=quiz, learner=learner_user, now=now)


def test_closed_and_not_yet_open_quizzes_explain_themselves_with_dates(make, learner_user, now):
    from django.utils import translation

    quiz = make.quiz(questions=1, opens_at=now + datetime.timedelta(days=1))
    with translation.override("en"), pytest.raises(service.AttemptRefused, match="This quiz opens on"):
        service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    quiz.opens_at, quiz.closes_at = None, now - datetime.timedelta(days=1)
    quiz.save()
    with translation.override("en"), pytest.raises(service.AttemptRefused, match="This quiz closed on"):
        service.attempt_start(quiz=quiz, learner=learner_user, now=now)


def test_starting_again_resumes_the_attempt_in_progress(make, learner_user, now):
    quiz = make.quiz()
    first = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    service.attempt_save_response(attempt=first, position=3, raw="كيريتارو", now=now)
    again = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert again.pk == first.pk and again.slots.get(position=3).response == "كيريتارو"


def test_shuffling_is_frozen_per_attempt(make, learner_user, now):
    quiz = make.quiz(questions=14, shuffle_questions=True, shuffle_choices=True)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now, seed=1)
    frozen = [(s.question_id, s.order) for s in attempt.slots.all()]
    # Reading the attempt again (resume) gives the same questions, order and option orders.
    assert [(s.question_id, s.order) for s in Attempt.objects.get(pk=attempt.pk).slots.all()] == frozen
    service.attempt_submit(attempt=attempt, now=now)
    other = service.attempt_start(quiz=quiz, learner=learner_user, now=now, seed=2)
    assert [(s.question_id, s.order) for s in other.slots.all()] != frozen
    # Ordering questions never start in the right order.
    for slot in other.slots.all():
        if slot.definition.items:
            assert slot.order["items"] != [item.key for item in slot.definition.items]


def test_a_question_edited_after_the_start_does_not_change_the_attempt(make, learner_user, now):
    quiz = make.quiz(questions=1)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    question = attempt.slots.get().question
    question.text_en = "Edited"
    question.save()
    assert attempt.slots.get().definition.text["en"] != "Edited"


def test_random_draws_sample_from_the_filtered_bank(make, learner_user, now):
    from quizzes.models import Quiz, QuizDraw

    bank = make.bank()
    for _ in range(12):
        make.question(bank_obj=bank)
    make.question(bank_obj=bank, status="draft")
    quiz = Quiz.objects.create(owner=bank.owner, title_en="Draw", title_ar="سحب", is_published=True)
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=5)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    ids = [slot.question_id for slot in attempt.slots.all()]
    assert len(ids) == len(set(ids)) == 5
    assert all(q.status == "published" for q in bank.questions.filter(pk__in=ids))
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=20)
    service.attempt_submit(attempt=attempt, now=now)
    with pytest.raises(service.AttemptRefused, match="needs 20 questions but finds 7"):
        service.attempt_start(quiz=quiz, learner=learner_user, now=now)


def test_a_draw_reads_its_candidates_ids_in_one_query_and_samples_among_those_it_may_take(make):
    """Events, tags and difficulty filter the candidates; a fixed question is never drawn again; the same seed
    draws the same questions; the whole draw is five queries however large the bank."""
    import random

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quizzes.models import Quiz, QuizDraw, QuizQuestion, Tag

    bank = make.bank()
    event, tag = make.event(), Tag.objects.create(name="puebla")
    linked = []
    for index in range(9):
        question = make.question(bank_obj=bank, difficulty="hard" if index % 3 else "easy")
        question.events.add(event)
        if index % 2:
            question.tags.add(tag)
        linked.append(question)
    for _ in range(5):
        make.question(bank_obj=bank, difficulty="hard")  # neither the event nor the tag
    quiz = Quiz.objects.create(owner=bank.owner, title_en="Draw", title_ar="سحب", is_published=True)
    draw = QuizDraw.objects.create(quiz=quiz, bank=bank, count=2, difficulty="hard")
    draw.events.add(event)
    draw.tags.add(tag)
    expected = sorted(q.pk for i, q in enumerate(linked) if i % 3 and i % 2)
    assert draw.candidate_ids() == expected
    QuizQuestion.objects.create(quiz=quiz, question=linked[1], position=0)
    with CaptureQueriesContext(connection) as captured:
        picks = service.draw_questions(quiz=quiz, rng=random.Random(7))
    assert len(captured.captured_queries) == 5  # fixed questions, draws, their events, their tags, the ids
    drawn = [pk for pk, _points in picks[1:]]
    assert picks[0][0] == linked[1].pk and linked[1].pk not in drawn
    assert set(drawn) <= set(expected) and len(set(drawn)) == 2
    assert service.draw_questions(quiz=quiz, rng=random.Random(7)) == picks
    pools = service.DrawPools.of(quiz)
    assert service.draw_questions(quiz=quiz, rng=random.Random(7), pools=pools) == picks


def test_a_seed_draws_what_it_always_drew(make):
    """The positions sampled among the ids not taken, in id order, as the count-and-number draw of earlier
    releases picked them: an attempt's seed still says which questions it drew."""
    import random

    from quizzes.models import Quiz, QuizDraw, QuizQuestion

    bank = make.bank()
    questions = [make.question(bank_obj=bank) for _ in range(15)]
    quiz = Quiz.objects.create(owner=bank.owner, title_en="Draw", title_ar="سحب", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=questions[4], position=0)
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=6)
    available = sorted(q.pk for q in questions if q.pk != questions[4].pk)
    for seed in (1, 7, 2026):
        rng = random.Random(seed)
        earlier = [available[position] for position in random.Random(seed).sample(range(len(available)), 6)]
        assert [pk for pk, _points in service.draw_questions(quiz=quiz, rng=rng)[1:]] == earlier


def test_a_description_is_never_drawn_at_random(make, learner_user, now):
    from quizzes.models import Quiz, QuizDraw
    from tests.factories import description_def

    bank = make.bank()
    make.question(bank_obj=bank)
    for _ in range(3):
        make.question(bank_obj=bank, definition=description_def())
    quiz = Quiz.objects.create(owner=bank.owner, title_en="Draw", title_ar="سحب", is_published=True)
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=2)
    with pytest.raises(service.AttemptRefused, match="needs 2 questions but finds 1"):
        service.attempt_start(quiz=quiz, learner=learner_user, now=now)


# --- time ----------------------------------------------------------------------------------------
def test_time_limit_is_enforced_by_the_server(make, learner_user, now):
    quiz = make.quiz(time_limit=datetime.timedelta(minutes=10))
    with time_machine.travel(now, tick=False) as clock:
        from django.utils import timezone

        attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=timezone.now())
        assert attempt.deadline == now + datetime.timedelta(minutes=10)
        slot = attempt.slots.get(position=3)
        service.attempt_save_response(attempt=attempt, position=3, raw="كيريتارو", now=timezone.now())
        clock.shift(datetime.timedelta(minutes=10, seconds=20))  # within the 30 s grace
        service.attempt_save_response(attempt=attempt, position=4, raw="1867", now=timezone.now())
        clock.shift(datetime.timedelta(seconds=20))  # past the grace
        with pytest.raises(service.AttemptRefused):
            service.attempt_save_response(attempt=attempt, position=0, raw=None, now=timezone.now())
        attempt.refresh_from_db()
        assert attempt.is_finished and attempt.finished_automatically
        assert attempt.score == 2  # the answers saved in time count
        assert slot.pk


def test_close_overdue_attempts_command(make, learner_user, now):
    quiz = make.quiz(time_limit=datetime.timedelta(minutes=5))
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    service.attempt_save_response(attempt=attempt, position=4, raw="١٨٦٧", now=now)
    on_time = service.attempt_start(quiz=make.quiz(), learner=learner_user, now=now)
    out = io.StringIO()
    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        call_command("close_overdue_attempts", stdout=out)
    attempt.refresh_from_db()
    on_time.refresh_from_db()
    assert attempt.is_finished and attempt.finished_automatically and attempt.score == 1
    assert not on_time.is_finished
    assert "1" in out.getvalue()


def test_deadline_never_passes_the_quiz_closing_time(make, learner_user, now):
    quiz = make.quiz(time_limit=datetime.timedelta(hours=2), closes_at=now + datetime.timedelta(minutes=30))
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert attempt.deadline == now + datetime.timedelta(minutes=30)


# --- submitting --------------------------------------------------------------------------------
def test_submitting_twice_grades_once(make, learner_user, now):
    quiz = make.quiz()
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    answer_all(attempt, now)
    service.attempt_submit(attempt=attempt, now=now)
    later = now + datetime.timedelta(minutes=1)
    service.attempt_submit(attempt=attempt, now=later)
    attempt.refresh_from_db()
    assert attempt.finished_at == now
    assert AttemptStep.objects.filter(slot__attempt=attempt, action="finish").count() == 7


def test_submitting_logs_each_slots_finish_step_with_its_response_and_grade_in_order(make, learner_user, now):
    quiz = make.quiz()
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    answer_all(attempt, now)
    service.attempt_save_response(attempt=attempt, position=3, raw="Puebla", now=now)  # one wrong answer
    service.attempt_submit(attempt=attempt, now=now)
    slots = list(attempt.slots.order_by("position"))
    finished = list(AttemptStep.objects.filter(slot__attempt=attempt, action="finish").order_by("pk"))
    assert [step.slot_id for step in finished] == [slot.pk for slot in slots]
    assert [(step.response, step.fraction, step.created_at) for step in finished] == [
        (slot.response, slot.fraction, now) for slot in slots]
    assert {slot.fraction for slot in slots} == {Decimal(1), Decimal(0)}  # the grades written before the log


def test_an_unchanged_autosave_writes_nothing(make, learner_user, now):
    attempt = service.attempt_start(quiz=make.quiz(), learner=learner_user, now=now)
    service.attempt_save_response(attempt=attempt, position=3, raw="Querétaro", now=now)
    later = now + datetime.timedelta(seconds=5)
    service.attempt_save_response(attempt=attempt, position=3, raw="Querétaro", now=later)
    slot = attempt.slots.get(position=3)
    assert slot.answered_at == now
    assert AttemptStep.objects.filter(slot=slot, action="save").count() == 1
    service.attempt_save_response(attempt=attempt, position=3, raw="Puebla", now=later)
    slot.refresh_from_db()
    assert (slot.response, slot.answered_at) == ("Puebla", later)
    assert AttemptStep.objects.filter(slot=slot, action="save").count() == 2


def test_an_answer_arriving_after_grading_is_refused(make, learner_user, now):
    """A save that read the attempt before it was submitted must not change a graded response."""
    attempt = service.attempt_start(quiz=make.quiz(), learner=learner_user, now=now)
    service.attempt_save_response(attempt=attempt, position=3, raw="Querétaro", now=now)
    stale = Attempt.objects.select_related("quiz").get(pk=attempt.pk)  # read while still in progress
    service.attempt_submit(attempt=attempt, now=now)
    with pytest.raises(service.AttemptRefused):
        service.attempt_save_response(attempt=stale, position=3, raw="Puebla", now=now)
    assert attempt.slots.get(position=3).response == "Querétaro"


@pytest.mark.django_db(transaction=True)
def test_an_answer_saved_while_submitting_is_graded_or_refused(make, learner_user, now):
    """A save racing a submit either lands before the grading reads it or is refused: what is graded is what is kept."""
    quiz = make.quiz()
    for _round in range(8):  # the race goes either way; eight rounds see both orders
        attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        answer_all(attempt, now, right=False)
        stale = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        right = attempt.slots.get(position=3).question_type.correct_response(attempt.slots.get(position=3).definition)
        raised = run_at_once(
            lambda: service.attempt_submit(attempt=Attempt.objects.select_related("quiz").get(pk=attempt.pk), now=now),
            lambda: service.attempt_save_response(attempt=stale, position=3, raw=right, now=now),
        )
        assert unexpected(raised) == []
        slot = attempt.slots.get(position=3)
        graded = AttemptStep.objects.get(slot=slot, action="finish")
        assert graded.response == slot.response
        assert slot.fraction == (1 if slot.response == right else 0)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_exactly_once(make, learner_user, now):
    """Two threads submit the same attempt at once: one grades it, the other finds it finished."""
    quiz = make.quiz()
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    answer_all(attempt, now)
    submit = lambda: service.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), now=now)  # noqa: E731
    assert run_at_once(submit, submit) == []
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 7
    assert AttemptStep.objects.filter(slot__attempt=attempt, action="finish").count() == 7


def test_a_new_attempt_sees_an_edited_question_as_edited(make, learner_user, now):
    """Snapshots are cached by the question's `updated_at`: an edit is never hidden by the cache."""
    quiz = make.quiz()
    first = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    question = first.slots.get(position=0).question
    question.text_en = "<p>Edited after the first start.</p>"
    question.save()
    second = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    assert first.slots.get(position=0).snapshot["text"]["en"] != "<p>Edited after the first start.</p>"
    assert second.slots.get(position=0).snapshot["text"]["en"] == "<p>Edited after the first start.</p>"


def test_starting_reads_unchanged_questions_from_the_cache(make, now):
    quiz = make.quiz(questions=7)
    cold, warm = make.learner(), make.learner()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        service.attempt_start(quiz=quiz, learner=cold, now=now)
    with CaptureQueriesContext(connection) as second:
        attempt = service.attempt_start(quiz=quiz, learner=warm, now=now)
    answer_rows = [q["sql"] for q in second.captured_queries if "quizzes_choice" in q["sql"]]
    assert answer_rows == [] and len(second.captured_queries) < len(first.captured_queries)
    assert [slot.snapshot for slot in attempt.slots.all()] == [
        slot.snapshot for slot in Attempt.objects.get(quiz=quiz, learner=cold).slots.all()]


def test_a_renamed_event_reaches_new_attempts_at_once(make, learner_user, now):
    """Event slugs (and tag names) are read fresh, not from the cached snapshot."""
    quiz = make.quiz()
    first = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    question = first.slots.get(position=0).question
    event = make.event(slug="old-slug")
    question.events.add(event)
    service.attempt_start(quiz=quiz, learner=make.learner(), now=now)  # caches the snapshot with old-slug
    event.slug = "new-slug"
    event.save()
    latest = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    assert latest.slots.get(position=0).snapshot["events"] == ["new-slug"]


@pytest.mark.django_db(transaction=True)
def test_a_check_racing_a_submit_never_unlocks_a_graded_question(make, now):
    """Checking (immediate feedback) and submitting at once: the mark kept is the one the attempt's score counts."""
    quiz = make.quiz(behaviour=Behaviour.IMMEDIATE)
    for _round in range(6):
        attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        slot = attempt.slots.get(position=0)
        # A wrong answer: its check leaves the question open for a retry, the case where a late check
        # would unlock a graded question.
        wrong = next(choice.key for choice in slot.definition.choices if choice.fraction <= 0)
        service.attempt_save_response(attempt=attempt, position=0, raw=wrong, now=now)  # the autosave before Check
        stale = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        raised = run_at_once(
            lambda: service.attempt_submit(attempt=Attempt.objects.select_related("quiz").get(pk=attempt.pk), now=now),
            lambda: service.attempt_check(attempt=stale, position=0, raw=wrong, now=now),
        )
        assert unexpected(raised) == []
        attempt.refresh_from_db()
        slots = list(attempt.slots.all())
        assert all(slot.is_locked for slot in slots)
        assert attempt.score == sum(slot.fraction * slot.points for slot in slots).quantize(Decimal("0.001"))


def test_a_start_that_loses_the_number_to_a_finished_attempt_starts_the_next_one(make, monkeypatch):
    """Seen once in 120 start+submit requests: another request started and finished attempt 2 between this
    start reading the earlier attempts and creating its own, which then took number 3 instead of a 500."""
    learner, quiz = make.learner(), make.quiz(questions=1)
    service.attempt_submit(attempt=service.attempt_start(quiz=quiz, learner=learner, now=timezone.now()),
                           now=timezone.now())
    real = service.quiz_start_problem
    raced = []

    def racing(**kwargs):
        if not raced:
            raced.append(True)
            other = service.attempt_start(quiz=quiz, learner=learner, now=timezone.now())
            service.attempt_submit(attempt=other, now=timezone.now())
        return real(**kwargs)

    monkeypatch.setattr(service, "quiz_start_problem", racing)
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=timezone.now())
    assert (attempt.number, attempt.is_finished) == (3, False)


def test_a_nul_character_in_a_typed_answer_is_refused_with_400(learner_client, make):
    from django.urls import reverse

    quiz = make.quiz(questions=4)
    learner_client.post(reverse("quizzes:quiz", args=[quiz.pk]))
    attempt = service.Attempt.objects.latest("pk")
    response = learner_client.post(reverse("quizzes:answer", args=[attempt.pk, 3]), {"q3": "abc\x00def"})
    assert response.status_code == 400
    assert attempt.slots.get(position=3).response is None
