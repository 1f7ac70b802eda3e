"""Starting, answering and submitting attempts; the grade a learner keeps under the quiz's grading method."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from quizzes import definitions as defs
from quizzes.behaviours import behaviour_for, checked_responses, to_decimal
from quizzes.models import (
    Attempt,
    AttemptQuestion,
    DEADLINE_GRACE,
    AttemptState,
    AttemptStep,
    GradingMethod,
    OverdueHandling,
    Question,
    QuestionVersion,
    Quiz,
    StepAction,
)
from quizzes.policies import LearnerPolicy, policy_for
from quizzes.question_types import registry


class AttemptRefused(Exception):
    """The learner may not start or change the attempt now; the message says why, in their language."""


class QuestionLocked(AttemptRefused):
    """The question was checked and locked (immediate feedback); the rest of the attempt goes on."""


class ResponseRefused(Exception):
    """A response names something that is not in the attempt (HTTP 400; nothing is saved)."""


# --- starting ------------------------------------------------------------------------------------
def quiz_start_problem(*, quiz: Quiz, learner, now, used: int | None = None,
                       policy: LearnerPolicy | None = None) -> str | None:
    """Return why `learner` cannot start a new attempt at `now`, or None (`used`: their attempts, if known;
    `policy`: theirs, if known — accommodations and overrides may give them more attempts)."""
    if quiz.opens_at and now < quiz.opens_at:
        return _("This quiz opens on %(date)s.") % {"date": _format(quiz.opens_at)}
    if quiz.has_closed(now):
        return _("This quiz closed on %(date)s.") % {"date": _format(quiz.closes_at)}
    allowed = (policy or policy_for(quiz=quiz, learner=learner, now=now)).attempts_allowed
    if allowed:
        if used is None:
            used = Attempt.objects.filter(quiz=quiz, learner=learner).started().count()
        if used >= allowed:
            return _("You have used all your attempts at this quiz.")
    return None


def _format(value) -> str:
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


@dataclass
class DrawPools:
    """A quiz's fixed questions and each random draw's candidate ids (`of`: a query for each), read once to
    draw for one learner or, ahead of an opening, for many."""

    fixed: list[tuple[int, Decimal | None]]
    draws: list[tuple[object, list[int]]]

    @classmethod
    def of(cls, quiz: Quiz) -> DrawPools:
        return cls(fixed=list(quiz.fixed_questions.values_list("question_id", "points")),
                   draws=[(draw, draw.candidate_ids()) for draw in quiz.draws.prefetch_related("events", "tags")])


def _refused_draw(draw, found: int) -> AttemptRefused:
    return AttemptRefused(
        _("This quiz cannot start: a random draw needs %(count)d questions but finds %(found)d.")
        % {"count": draw.count, "found": found})


def draw_questions(*, quiz: Quiz, rng: random.Random, pools: DrawPools | None = None) -> list[tuple[int, Decimal | None]]:
    """Return (question id, points override) for the quiz: fixed questions, then random draws.

    A random draw reads its candidates' ids (one query, `QuizDraw.candidate_ids`) and samples positions among
    those not taken yet: never `ORDER BY RANDOM()`. Drawing for many learners at once (`attempts_prepare`) reads
    each draw's ids once (`pools`). The same seed draws the same questions either way.
    """
    if pools is None:
        pools = DrawPools.of(quiz)
    chosen = list(pools.fixed)
    taken = {question_id for question_id, _points in chosen}
    for draw, ids in pools.draws:
        available = [pk for pk in ids if pk not in taken]
        if len(available) < draw.count:
            raise _refused_draw(draw, len(available))
        for pk in rng.sample(available, draw.count):
            chosen.append((pk, draw.points))
            taken.add(pk)
    return chosen


def frozen_order(definition: defs.QuestionDef, rng: random.Random, *, shuffle: bool, fewer_wrong: int = 0) -> dict:
    """Freeze what the question's type decides at start (its option order, the wrong options a learner's
    accommodation hides), Moodle's `start_attempt`."""
    return registry.get(definition.qtype).start(definition, rng, shuffle=shuffle, fewer_wrong=fewer_wrong)


@transaction.atomic
def attempt_start(*, quiz: Quiz, learner, now, language: str = "ar", seed: int | None = None,
                  definitions: list[defs.QuestionDef] | None = None, questions: list[Question] | None = None,
                  retry: bool = True) -> Attempt:
    """Start (or resume) the learner's attempt, freezing its questions and their option orders.

    `definitions` gives generated questions (practice quizzes), `questions` saved ones (spaced review);
    otherwise the quiz's fixed questions and random draws are used.
    """
    # The learner's attempts whole (a learner has few): the one in progress or drawn ahead is returned or
    # started from this read, without reading it again.
    earlier = list(Attempt.objects.filter(quiz=quiz, learner=learner))
    current = next((attempt for attempt in earlier if attempt.state == AttemptState.IN_PROGRESS), None)
    if current is not None:
        return current
    prepared = next((attempt for attempt in earlier if attempt.state == AttemptState.PREPARED), None)
    policy = policy_for(quiz=quiz, learner=learner, now=now)  # the quiz's settings, as classes adjust them
    used = sum(1 for attempt in earlier if attempt.state != AttemptState.PREPARED)
    problem = quiz_start_problem(quiz=quiz, learner=learner, now=now, used=used, policy=policy)
    if problem:
        raise AttemptRefused(problem)
    if prepared is not None and questions is None and definitions is None:
        started = _start_prepared(prepared, now=now, language=language, policy=policy)
        if started is not None:
            return started
    seed = seed if seed is not None else secrets.randbits(48)
    rng = random.Random(seed)
    if questions is not None:
        versions = Question.objects.versions([question.pk for question in questions])
        items = [(versions[question.pk], None) for question in questions if question.pk in versions]
    elif definitions is None:
        picks = draw_questions(quiz=quiz, rng=rng)
        versions = Question.objects.versions([pk for pk, _points in picks])
        items = [(versions[pk], points) for pk, points in picks]
    else:
        made = QuestionVersion.objects.of([(None, defs.to_json(defs.with_keys(definition)))
                                           for definition in definitions])
        items = [(version, None) for version in made]
    if not items:
        raise AttemptRefused(_("This quiz has no questions yet."))
    if quiz.shuffle_questions:
        rng.shuffle(items)
    number = max((attempt.number for attempt in earlier), default=0) + 1
    deadline = policy.deadline(now)  # a class-only quiz closes with its assignment
    # A description has no grade: no points, so it adds nothing to the maximum.
    points = [slot_points(version, given) for version, given in items]
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz, learner=learner, number=number, language=language, seed=seed, started_at=now,
                deadline=deadline, max_score=sum(points, Decimal(0)),
            )
    except IntegrityError:
        # Another start took this number first. A double click: its attempt is in progress, and the first one
        # wins. A start and a submit that already finished it: start again, counting it (once).
        current = Attempt.objects.in_progress().filter(quiz=quiz, learner=learner).first()
        if current is not None:
            return current
        if retry:
            return attempt_start(quiz=quiz, learner=learner, now=now, language=language, seed=seed,
                                 definitions=definitions, questions=questions, retry=False)
        raise AttemptRefused(_("Another attempt was started at the same moment; please try again.")) from None
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(
            attempt=attempt,
            position=position,
            question_id=version.question_id,
            points=points_,
            version=version,
            order=frozen_order(version.parsed, rng, shuffle=quiz.shuffle_choices, fewer_wrong=policy.fewer_wrong),
        )
        for position, ((version, _given), points_) in enumerate(zip(items, points))
    )
    return attempt


def slot_points(version: QuestionVersion, given: Decimal | None) -> Decimal:
    """A slot's points: the quiz's for it (`given`) or the question's own; a description has none, so it adds
    nothing to the maximum."""
    if not version.question_type.is_graded:
        return Decimal(0)
    return given if given is not None else version.parsed.points


def _start_prepared(attempt: Attempt, *, now, language: str, policy) -> Attempt | None:
    """Start the attempt drawn ahead of the opening: one UPDATE (its questions were frozen when it was drawn),
    and `attempt` as it now is; None when another request started it first (then that one is in progress) or
    it is gone."""
    changes = {"state": AttemptState.IN_PROGRESS, "started_at": now, "deadline": policy.deadline(now),
               "language": language}
    if Attempt.objects.filter(pk=attempt.pk, state=AttemptState.PREPARED).update(**changes):
        for field, value in changes.items():
            setattr(attempt, field, value)
        return attempt
    return Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).first()


def attempts_prepare(*, quiz: Quiz, learners, now) -> int:
    """Draw and create, ahead of a scheduled opening, the first attempt of each of `learners` who has none at
    `quiz` (Moodle 5.0's pre-created attempts): at the opening, starting only flips its state (`attempt_start`).

    Each learner's draw, question order and option orders come from a seed of their own, as when they start, so
    two learners' attempts differ as they would; nothing of it reaches the learner before they start (the
    attempt is left out of everything they see: `AttemptQuerySet.of`). Their policy (accommodations, a
    class's settings) is read now for the option orders; the deadline is set when they start. Returns how many
    were made. Queries: a fixed number for the quiz, its draws' candidate ids and the questions drawn, the
    learner's policy each, and two bulk inserts; then, with a shared cache, the attempt pages' questions are
    rendered into it in both languages (`quizzes.rendering.attempt_pages_warm`).
    """
    taken = set(Attempt.objects.filter(quiz=quiz, learner__in=learners).values_list("learner_id", flat=True))
    todo = [learner for learner in learners if learner.pk not in taken]
    if not todo:
        return 0
    drawn, pools = [], DrawPools.of(quiz)
    for learner in todo:
        seed = secrets.randbits(48)
        rng = random.Random(seed)
        picks = draw_questions(quiz=quiz, rng=rng, pools=pools)
        if not picks:
            raise AttemptRefused(_("This quiz has no questions yet."))
        drawn.append((learner, seed, rng, picks))
    versions = Question.objects.versions(list({pk for *_rest, picks in drawn for pk, _points in picks}))
    attempts, slots = [], []
    for learner, seed, rng, picks in drawn:
        items = [(versions[pk], points) for pk, points in picks]
        if quiz.shuffle_questions:
            rng.shuffle(items)
        points = [slot_points(version, given) for version, given in items]
        fewer_wrong = policy_for(quiz=quiz, learner=learner, now=now).fewer_wrong
        attempt = Attempt(quiz=quiz, learner=learner, number=1, state=AttemptState.PREPARED, seed=seed,
                          started_at=now, max_score=sum(points, Decimal(0)))
        attempts.append(attempt)
        slots.append([(position, version, points_,
                       frozen_order(version.parsed, rng, shuffle=quiz.shuffle_choices, fewer_wrong=fewer_wrong))
                      for position, ((version, _given), points_) in enumerate(zip(items, points))])
    with transaction.atomic():
        Attempt.objects.bulk_create(attempts)
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, position=position, question_id=version.question_id, points=points_,
                            version=version, order=order)
            for attempt, rows in zip(attempts, slots) for position, version, points_, order in rows)
    # Their questions' HTML too, so the opening's burst reads the attempt pages instead of rendering them.
    from quizzes.rendering import attempt_pages_warm

    attempt_pages_warm(attempts, now=now)
    return len(attempts)


@dataclass(frozen=True)
class RecordedAnswer:
    """One question of an attempt made elsewhere (a live game): as frozen there, and how it was answered."""

    question_id: int | None
    version: QuestionVersion  # the question as it was asked there (`QuestionVersion.objects.of`)
    order: dict
    points: Decimal
    response: object = None  # None: not answered
    fraction: Decimal | None = None  # the question type's grade of `response`
    answered_at: object = None


def attempt_record(*, quiz: Quiz, learner, started_at, finished_at, answers: list[RecordedAnswer],
                   language: str = "ar") -> Attempt:
    """Record a finished attempt of `quiz` whose questions were asked and graded elsewhere (a live game).

    The marks are the ones given there (the type's grade of each answer), not the quiz's behaviour's: a game has
    no certainty or tries. Unanswered questions score 0. It counts like any other finished attempt of the quiz
    (the gradebook's grading method, mastery, spaced review), and it is always recorded, even past the quiz's
    attempt limit: the learner played it. Bulk writes: one query for the slots and one for their steps.
    """
    earlier = Attempt.objects.filter(quiz=quiz, learner=learner)
    score = sum((answer.fraction or Decimal(0)) * answer.points for answer in answers)
    for _retry in range(3):
        number = (earlier.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=quiz, learner=learner, number=number, language=language, state=AttemptState.FINISHED,
                    started_at=started_at, finished_at=finished_at, from_live_game=True,
                    score=Decimal(score).quantize(Decimal("0.001")),
                    max_score=sum((answer.points for answer in answers), Decimal(0)),
                )
                break
        except IntegrityError:  # an attempt the learner started at the same moment took the number
            continue
    else:
        raise AttemptRefused(_("Another attempt was started at the same moment; please try again."))
    slots = AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, position=position, question_id=answer.question_id, points=answer.points,
                        version=answer.version, order=answer.order, response=answer.response,
                        fraction=answer.fraction if answer.response is not None else Decimal(0),
                        answered_at=answer.answered_at, answered_in=language if answer.response is not None else "",
                        is_locked=True)
        for position, answer in enumerate(answers)
    )
    AttemptStep.objects.bulk_create(
        AttemptStep(slot=slot, action=StepAction.FINISH, response=slot.response, fraction=slot.fraction,
                    created_at=finished_at)
        for slot in slots
    )
    return attempt


# --- answering -----------------------------------------------------------------------------------
def _slot(attempt: Attempt, position: int, *, lock: bool = False) -> AttemptQuestion:
    slots = attempt.slots.select_for_update() if lock else attempt.slots
    try:
        return slots.get(position=position)
    except AttemptQuestion.DoesNotExist:
        raise ResponseRefused(_("This question is not part of the attempt.")) from None


def attempt_ensure_open(*, attempt: Attempt, now) -> None:
    """Close an overdue attempt as its quiz says; refuse answers to a closed one, or after the deadline."""
    attempt_close_if_overdue(attempt=attempt, now=now)
    if not attempt.is_in_progress:
        raise AttemptRefused(_("This attempt is finished; answers can no longer change."))
    if not attempt.accepts_answers(now):  # the quiz's grace period: submitting only
        raise AttemptRefused(_("Time is up: you may still submit, but answers can no longer change."))


def attempt_save_response(*, attempt: Attempt, position: int, raw, now, language: str = "",
                          slot: AttemptQuestion | None = None, certainty: int | None = None) -> AttemptQuestion:
    """Save one response as given (autosave). Invalid responses raise ResponseRefused or ValidationError.

    `certainty` (1–3, certainty-based marking) is saved with it when the quiz asks for one; None keeps the
    certainty the slot has."""
    # Outside the transaction below: finishing an overdue attempt must stick when the answer is refused.
    attempt_ensure_open(attempt=attempt, now=now)
    return _save_response(attempt=attempt, position=position, raw=raw, now=now, language=language, slot=slot,
                          certainty=certainty)


def clean_certainty(raw) -> int | None:
    """A posted certainty as 1, 2 or 3; None when none was chosen. Anything else is refused (HTTP 400)."""
    if raw in (None, ""):
        return None
    if str(raw) not in ("1", "2", "3"):
        raise ResponseRefused(_("This certainty is not one of the choices."))
    return int(raw)


def _save_response(*, attempt, position, raw, now, language, slot, certainty=None) -> AttemptQuestion:
    slot = slot or _slot(attempt, position)
    behaviour = behaviour_for(attempt.quiz)
    if not behaviour.can_change(slot):
        if behaviour.is_try_again(slot):
            raise QuestionLocked(_("Press “Try again” to change your answer."))
        raise QuestionLocked(_("This question is locked: it has been checked already."))
    if certainty is None or not behaviour.shows_certainty(slot):
        certainty = slot.certainty
    try:
        response = slot.question_type.clean_response(slot.definition, raw)
    except ValidationError as error:
        if error.code == "invalid_response":
            raise ResponseRefused(error.messages[0]) from None
        raise
    language = language or slot.answered_in
    if (slot.answered_at is not None and response == slot.response and language == slot.answered_in
            and certainty == slot.certainty):
        # Autosave fires after every pause in typing, also after keys that change nothing: an unchanged
        # response writes nothing and logs no step.
        return slot
    if not _write_response(slot, response=response, now=now, language=language, certainty=certainty):
        # Locked since it was read: by a check (in another tab) or by submitting.
        if Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).exists():
            raise QuestionLocked(_("This question is locked: it has been checked already."))
        raise AttemptRefused(_("This attempt is finished; answers can no longer change."))
    slot.response, slot.answered_at, slot.answered_in, slot.certainty = response, now, language, certainty
    slot.revision += 1
    return slot


def _write_response(slot, *, response, now, language, certainty) -> bool:
    """Write a saved response and its step, both or neither; False when the slot is locked.

    Conditional on the row itself: submitting locks every slot (under the slot rows' lock, see attempt_submit),
    so an answer that arrives while the attempt is being graded is refused, never saved after its grade. On
    PostgreSQL it is one statement, the UPDATE feeding the step's INSERT (a data-modifying WITH), so an autosave
    costs one round trip instead of four (BEGIN, UPDATE, INSERT, COMMIT); elsewhere a transaction."""
    if connection.vendor == "postgresql":
        return _write_response_in_one_statement(slot, response=response, now=now, language=language,
                                                certainty=certainty)
    with transaction.atomic():
        saved = AttemptQuestion.objects.filter(pk=slot.pk, is_locked=False).update(
            response=response, answered_at=now, answered_in=language, certainty=certainty,
            revision=F("revision") + 1)
        if saved:
            AttemptStep.objects.create(slot=slot, action=StepAction.SAVE, response=response, created_at=now)
    return bool(saved)


def _column(meta, name: str) -> str:
    """A model field's column, quoted for the raw statements below."""
    return connection.ops.quote_name(meta.get_field(name).column)


def _write_response_in_one_statement(slot, *, response, now, language, certainty) -> bool:
    slots, steps = AttemptQuestion._meta, AttemptStep._meta
    column = _column
    value = slots.get_field("response").get_db_prep_value(response, connection)
    step_value = steps.get_field("response").get_db_prep_value(response, connection)
    sql = (
        f"WITH saved AS (UPDATE {connection.ops.quote_name(slots.db_table)} SET {column(slots, 'response')} = %s, "
        f"{column(slots, 'answered_at')} = %s, {column(slots, 'answered_in')} = %s, {column(slots, 'certainty')} = %s, "
        f"{column(slots, 'revision')} = {column(slots, 'revision')} + 1 "
        f"WHERE {column(slots, 'id')} = %s AND NOT {column(slots, 'is_locked')} RETURNING {column(slots, 'id')}) "
        f"INSERT INTO {connection.ops.quote_name(steps.db_table)} ({column(steps, 'slot')}, {column(steps, 'action')}, "
        f"{column(steps, 'response')}, {column(steps, 'created_at')}) "
        f"SELECT {column(slots, 'id')}, %s, %s, %s FROM saved"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, now, language, certainty, slot.pk, StepAction.SAVE.value, step_value, now])
        return cursor.rowcount == 1


def _log_steps_from_slots(*, attempt_id: int, action: str, now) -> None:
    """Log a step of every slot of an attempt with the response and fraction its row holds now, in slot order:
    one INSERT … SELECT, so the responses stay in the database instead of travelling to Python and back (a
    bulk_create of twenty steps was a quarter of a submit's CPU)."""
    slots, steps = AttemptQuestion._meta, AttemptStep._meta
    quote, column = connection.ops.quote_name, _column
    sql = (
        f"INSERT INTO {quote(steps.db_table)} ({column(steps, 'slot')}, {column(steps, 'action')}, "
        f"{column(steps, 'response')}, {column(steps, 'fraction')}, {column(steps, 'created_at')}) "
        f"SELECT {column(slots, 'id')}, %s, {column(slots, 'response')}, {column(slots, 'fraction')}, %s "
        f"FROM {quote(slots.db_table)} WHERE {column(slots, 'attempt')} = %s ORDER BY {column(slots, 'position')}"
    )
    created_at = steps.get_field("created_at").get_db_prep_value(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(action), created_at, attempt_id])


def attempt_check(*, attempt: Attempt, position: int, raw, now, language: str = "") -> AttemptQuestion:
    """Save and check one response at once (immediate feedback, interactive tries)."""
    behaviour = behaviour_for(attempt.quiz)
    if not behaviour.can_check:
        raise AttemptRefused(_("Answers in this quiz are checked only when it is submitted."))
    attempt_ensure_open(attempt=attempt, now=now)
    return _check(attempt=attempt, position=position, raw=raw, now=now, language=language, behaviour=behaviour)


@transaction.atomic
def _check(*, attempt, position, raw, now, language, behaviour) -> AttemptQuestion:
    # Under the slot's row lock, as submitting takes it: a check and a submit never both write the mark,
    # and two checks at once count as two tries.
    slot = _slot(attempt, position, lock=True)
    if not behaviour.shows_check(slot) and not slot.is_locked:  # an essay or a description: nothing to check
        raise AttemptRefused(_("This question is not checked during the attempt."))
    slot = _save_response(attempt=attempt, position=position, raw=raw, now=now, language=language, slot=slot)
    behaviour.check(slot)  # ValidationError (interactive: nothing to check) rolls the save back with it
    slot.revision += 1  # under the row lock, so no other write is lost
    slot.save(update_fields=["fraction", "tries", "is_locked", "revision"])
    AttemptStep.objects.create(slot=slot, action=StepAction.CHECK, response=slot.response, fraction=slot.fraction,
                               created_at=now)
    return slot


def attempt_try_again(*, attempt: Attempt, position: int, now) -> AttemptQuestion:
    """Leave a question's try-again state (interactive tries): its answer may change and be checked again."""
    behaviour = behaviour_for(attempt.quiz)
    attempt_ensure_open(attempt=attempt, now=now)
    with transaction.atomic():
        slot = _slot(attempt, position, lock=True)  # as a check takes it: a try is never left twice at once
        if behaviour.is_try_again(slot):
            behaviour.try_again(slot)
            slot.revision += 1
            slot.save(update_fields=["fraction", "revision"])
    return slot


def attempt_record_language_switch(*, slot: AttemptQuestion) -> None:
    if not slot.switched_language:
        AttemptQuestion.objects.filter(pk=slot.pk).update(switched_language=True)
        slot.switched_language = True


# --- submitting ----------------------------------------------------------------------------------
@transaction.atomic
def attempt_submit(*, attempt: Attempt, now, automatically: bool = False) -> Attempt:
    """Grade every question through its type and finish the attempt, exactly once.

    The slots are read under their rows' lock (SELECT … FOR UPDATE), which an answer being saved at
    the same moment also needs: the save either lands before the grading reads it or finds its slot
    locked and is refused. The state change is a conditional UPDATE: of two concurrent submits, only
    the one that moves the attempt out of "in progress" grades it; the other returns it finished.

    A learner's submit that comes too late (past the moment to submit and the network allowance) closes the
    attempt as the quiz's overdue handling says instead: submitted automatically, or not counted.
    """
    if not attempt.is_in_progress:
        return attempt
    if not automatically and attempt.is_overdue(now):
        return attempt_close_overdue(attempt=attempt, now=now)
    behaviour = behaviour_for(attempt.quiz)
    slots = list(AttemptQuestion.objects.select_for_update().filter(attempt_id=attempt.pk).order_by("position"))
    score = Decimal(0)
    by_fraction: dict[Decimal | None, list[int]] = {}
    # Interactive tries: every slot's checked responses in one query.
    tries = checked_responses(slots) if behaviour.grades_tries else {}
    for slot in slots:
        # An essay waits for its teacher (fraction None: "needs grading"), a description is never graded;
        # neither is asked of the behaviour, which grades through the type.
        fraction = (to_decimal(behaviour.final_fraction(slot, tries=tries.get(slot.pk)))
                    if slot.question_type.grades_automatically else None)
        slot.fraction = fraction
        slot.is_locked = True
        if fraction is not None:
            # The behaviour's share of the points (certainty-based marking: the CBM mark; else the fraction).
            score += to_decimal(behaviour.mark_fraction(slot)) * slot.points
        by_fraction.setdefault(fraction, []).append(slot.pk)
    # Moodle's sumgrades NULL: no score while an answered essay waits for its mark (grading.slot_grade sets it).
    waiting = any(slot.needs_grading for slot in slots)
    finished = {"state": AttemptState.FINISHED, "finished_at": now,
                "score": None if waiting else score.quantize(Decimal("0.001")),
                "finished_automatically": automatically}
    updated = Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(**finished)
    if not updated:
        attempt.refresh_from_db()
        return attempt
    # One plain UPDATE per distinct mark (a handful: right, wrong, partly right) instead of bulk_update's
    # CASE over every slot, whose expressions cost more to build than the database takes to run them.
    for fraction, pks in by_fraction.items():
        AttemptQuestion.objects.filter(pk__in=pks).update(fraction=fraction, is_locked=True,
                                                           revision=F("revision") + 1)
    _log_steps_from_slots(attempt_id=attempt.pk, action=StepAction.FINISH, now=now)
    for name, value in finished.items():
        setattr(attempt, name, value)
    return attempt


@transaction.atomic
def attempt_abandon(*, attempt: Attempt, now) -> Attempt:
    """Close an attempt that was not submitted in time without grading it (Moodle's process_abandon): it counts
    as an attempt used and never as a grade. Its answers stay, locked, for the learner and the teacher to see.

    Under the slot rows' lock and a conditional UPDATE, as attempt_submit: an answer being saved at the same
    moment lands before or is refused, and of a submit and an abandon at once only the first one happens.
    """
    if not attempt.is_in_progress:
        return attempt
    list(AttemptQuestion.objects.select_for_update().filter(attempt_id=attempt.pk).values_list("pk", flat=True))
    closed = {"state": AttemptState.ABANDONED, "finished_at": now, "finished_automatically": True, "score": None}
    if not Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(**closed):
        attempt.refresh_from_db()
        return attempt
    AttemptQuestion.objects.filter(attempt_id=attempt.pk).update(is_locked=True, revision=F("revision") + 1)
    for name, value in closed.items():
        setattr(attempt, name, value)
    return attempt


def attempt_close_overdue(*, attempt: Attempt, now) -> Attempt:
    """Close an attempt whose time to submit is over, as its quiz's overdue handling says: submitted with the
    answers saved so far (automatically), or not counted (a grace period that ended, or "does not count")."""
    if attempt.quiz.overdue_handling == OverdueHandling.AUTOSUBMIT:
        return attempt_submit(attempt=attempt, now=now, automatically=True)
    return attempt_abandon(attempt=attempt, now=now)


def attempt_close_if_overdue(*, attempt: Attempt, now, opening: bool = False) -> bool:
    """Close the attempt if its time to submit is over; return whether this call closed it.

    `opening`: the learner opens a page (the attempt, the submit page, the review), so nothing of theirs can
    still be in flight and the deadline itself decides; answers, submits and cron allow DEADLINE_GRACE.
    """
    allowance = timedelta(0) if opening else DEADLINE_GRACE
    if not attempt.is_overdue(now, allowance=allowance):
        return False
    attempt_close_overdue(attempt=attempt, now=now)
    return True


def attempts_close_overdue(*, now) -> int:
    """Close every overdue attempt as its quiz says (cron: close_overdue_attempts); return how many."""
    count = 0
    for attempt in Attempt.objects.overdue(now).select_related("quiz"):
        count += attempt_close_if_overdue(attempt=attempt, now=now)
    return count


# --- grades --------------------------------------------------------------------------------------
@dataclass
class QuizGrade:
    percent: Decimal | None
    attempts: int
    passed: bool | None
    # The grade waits for a teacher: an attempt it depends on has an essay not graded yet (percent is None).
    needs_grading: bool = False


def quiz_grade(*, quiz: Quiz, attempts: list[Attempt]) -> QuizGrade:
    """The learner's grade for the quiz under its grading method, from their finished attempts (an abandoned
    attempt, not submitted in time, never counts; `attempts` still counts it as used).

    A grade is final only when every attempt it depends on is graded: the first or the last attempt (grading
    methods "first" and "last"), any finished attempt ("highest" and "average"). Until then it *needs
    grading*, with no percent.
    """
    done = sorted((a for a in attempts if a.is_finished), key=lambda a: a.number)
    method = quiz.grading_method
    depends_on = done[:1] if method == GradingMethod.FIRST else done[-1:] if method == GradingMethod.LAST else done
    if any(a.needs_grading for a in depends_on):
        return QuizGrade(None, len(attempts), None, needs_grading=True)
    finished = [a for a in done if a.percent is not None]
    if not finished:
        return QuizGrade(None, len(attempts), None)
    percents = [a.percent for a in finished]
    if method == GradingMethod.HIGHEST:
        percent = max(percents)
    elif method == GradingMethod.AVERAGE:
        percent = (sum(percents) / len(percents)).quantize(Decimal("0.1"))
    elif method == GradingMethod.FIRST:
        percent = percents[0]
    else:
        percent = percents[-1]
    passed = None if quiz.pass_mark is None else percent >= quiz.pass_mark
    return QuizGrade(percent, len(attempts), passed)
