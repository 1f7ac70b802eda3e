"""Benchmark data, made fast: a question bank, exam quizzes, learners with ready sessions, pre-made attempts, and
the exam hall (a class with a scheduled exam assigned to it).

Rows are written with `bulk_create` (ten thousand questions would take minutes through the services); the
services themselves are what the load test and the micro-benchmarks measure. Django must be set up.
"""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.roles import LEARNERS, make_teacher
from history.models import Event, Topic
from quizzes.models import (
    AcceptedAnswer,
    Attempt,
    AttemptQuestion,
    Choice,
    GapChoice,
    MatchingPair,
    NumericalAnswer,
    OrderingItem,
    Question,
    QuestionBank,
    QuestionsPerPage,
    QuestionStatus,
    Quiz,
    QuizDraw,
    Visibility,
)
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT
from quizzes.services.attempts import frozen_order

PASSWORD = "bench-Learner-pass-2026"
MODEL_BACKEND = "accounts.backends.CachedModelBackend"
BATCH = 2000

# The share of each question type in the bank (ten in a hundred are short answers, and so on).
# Essays are left out: a teacher grades them, and the exam burst measures what the server grades.
TYPE_MIX = {
    "single_choice": 27, "true_false": 14, "multiple_response": 13, "short_answer": 10,
    "numerical": 9, "matching": 8, "ordering": 7, "cloze": 6, "gapselect": 3, "ddwtos": 3,
}

PLACES = [("بويبلا", "Puebla"), ("فيراكروز", "Veracruz"), ("كيريتارو", "Queretaro"), ("مكسيكو", "Mexico City"),
          ("أواخاكا", "Oaxaca"), ("باريس", "Paris"), ("فيينا", "Vienna"), ("مدريد", "Madrid")]


def _fraction(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0000001"))


def _text(n: int, kind: str) -> dict[str, str]:
    place_ar, place_en = PLACES[n % len(PLACES)]
    year = 1800 + n % 120
    if kind in ("gapselect", "ddwtos"):  # [[n]] is the place of the n-th gap choice (_answer_rows)
        return {"text_ar": f"<p>السؤال {n}: في سنة {year} وقعت [[1]] في [[2]].</p>",
                "text_en": f"<p>Question {n}: in {year} [[1]] took place in [[2]].</p>"}
    if kind == "cloze":
        return _cloze_texts(n)[0]
    return {
        "text_ar": f"<p>السؤال {n} ({kind}): ماذا جرى في {place_ar} سنة {year}؟ اختر أو اكتب الجواب الصحيح.</p>",
        "text_en": f"<p>Question {n} ({kind}): what happened in {place_en} in {year}? Choose or write the right answer.</p>",
        "general_feedback_ar": f"<p>راجع أحداث سنة {year}.</p>",
        "general_feedback_en": f"<p>See the events of {year}.</p>",
    }


@functools.lru_cache(maxsize=None)  # asked for its texts and for its options: parsed once
def _cloze_texts(n: int) -> tuple[dict[str, str], dict]:
    """A cloze question's stored texts and options: a choice, a short answer and a year (Moodle's syntax)."""
    from quizzes.question_types.cloze import gap_json, read_texts

    place_ar, place_en = PLACES[n % len(PLACES)]
    other_ar, other_en = PLACES[(n + 1) % len(PLACES)]
    year = 1800 + n % 120
    texts, gaps, problems = read_texts({
        "ar": f"<p>السؤال {n}: وقعت المعركة في {{1:MC:={place_ar}~{other_ar}}}، وقادها {{1:SA:=خواريز}} سنة "
              f"{{1:NM:={year}:1}}.</p>",
        "en": f"<p>Question {n}: the battle was fought at {{1:MC:={place_en}~{other_en}}}, led by {{1:SA:=Juárez}} in "
              f"{{1:NM:={year}:1}}.</p>",
    })
    assert not problems, problems
    return ({f"text_{code}": text for code, text in texts.items()}, {"gaps": [gap_json(gap) for gap in gaps]})


def _options(n: int, kind: str) -> dict:
    if kind == "cloze":
        return _cloze_texts(n)[1]
    if kind in ("gapselect", "ddwtos"):
        return {"shuffle": True}
    return {}


def _answer_rows(question: Question, n: int) -> list:
    """The answer rows of question number `n`, by its type."""
    qtype = question.qtype
    year = 1800 + n % 120
    if qtype in ("single_choice", "multiple_response"):
        fractions = ([Fraction(1), 0, 0, 0] if qtype == "single_choice"
                     else [Fraction(1, 2), Fraction(1, 2), Fraction(-1, 2), 0, 0])
        return [Choice(question=question, position=i, fraction=_fraction(Fraction(f)),
                       text_ar=f"خيار {i + 1} للسؤال {n}", text_en=f"Option {i + 1} of question {n}")
                for i, f in enumerate(fractions)]
    if qtype == "true_false":
        return [Choice(question=question, position=position, fraction=Decimal(fraction), text_ar=text["ar"],
                       text_en=text["en"])
                for position, (text, fraction) in enumerate([(TRUE_TEXT, 1), (FALSE_TEXT, 0)])]
    if qtype == "short_answer":
        place_ar, place_en = PLACES[n % len(PLACES)]
        return [AcceptedAnswer(question=question, position=0, fraction=Decimal(1), text_ar=place_ar, text_en=place_en),
                AcceptedAnswer(question=question, position=1, fraction=Decimal("0.5"), text_ar="مدينة*", text_en="city*")]
    if qtype == "numerical":
        return [NumericalAnswer(question=question, position=0, value=Decimal(year), tolerance=Decimal(0),
                                fraction=Decimal(1)),
                NumericalAnswer(question=question, position=1, value=Decimal(year), tolerance=Decimal(2),
                                fraction=Decimal("0.5"))]
    if qtype == "matching":
        rows = [MatchingPair(question=question, position=i, prompt_ar=f"حدث {i + 1}", prompt_en=f"Event {i + 1}",
                             answer_ar=f"سنة {year + i}", answer_en=f"Year {year + i}") for i in range(4)]
        rows.append(MatchingPair(question=question, position=4, prompt_ar="", prompt_en="",
                                 answer_ar=f"سنة {year + 9}", answer_en=f"Year {year + 9}"))
        return rows
    if qtype == "ordering":
        return [OrderingItem(question=question, position=i, text_ar=f"المرحلة {i + 1}", text_en=f"Stage {i + 1}")
                for i in range(5)]
    if qtype in ("gapselect", "ddwtos"):  # two gaps, each with its group's wrong choice beside it
        place_ar, place_en = PLACES[n % len(PLACES)]
        other_ar, other_en = PLACES[(n + 3) % len(PLACES)]
        texts = [(1, "المعركة", "the battle"), (2, place_ar, place_en), (1, "المعاهدة", "the treaty"),
                 (2, other_ar, other_en)]
        return [GapChoice(question=question, position=i, group=group, text_ar=ar, text_en=en)
                for i, (group, ar, en) in enumerate(texts)]
    if qtype == "cloze":
        return []
    raise ValueError(f"No bench rows for the question type {qtype!r}.")


def teacher(*, username: str = "bench-teacher"):
    """The owner of the bench bank and quizzes (a teacher, as in production)."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(PASSWORD)
        user.save()
        make_teacher(user)
    return user


@transaction.atomic
def bank(*, owner, size: int, seed: int = 6) -> QuestionBank:
    """A shared bank of `size` published questions, bilingual, of every type in TYPE_MIX."""
    rng = random.Random(seed)
    kinds = rng.choices(list(TYPE_MIX), weights=list(TYPE_MIX.values()), k=size)
    created = QuestionBank.objects.create(owner=owner, is_shared=True, title_ar="بنك القياس",
                                          title_en=f"Benchmark bank ({size} questions)")
    questions = Question.objects.bulk_create(
        [Question(bank=created, qtype=kind, name=f"bench-{n}", status=QuestionStatus.PUBLISHED,
                  difficulty=("easy", "medium", "hard")[n % 3], created_by=owner, options=_options(n, kind),
                  **_text(n, kind))
         for n, kind in enumerate(kinds)],
        batch_size=BATCH,
    )
    rows_by_model: dict[type, list] = {}
    for n, question in enumerate(questions):
        assert question.pk is not None, "bulk_create must return primary keys (PostgreSQL, SQLite ≥ 3.35)"
        for row in _answer_rows(question, n):
            rows_by_model.setdefault(type(row), []).append(row)
    for model, rows in rows_by_model.items():
        model.objects.bulk_create(rows, batch_size=BATCH)
    return created


def exam(*, owner, bank_obj: QuestionBank, questions: int = 20, title: str = "Bench exam",
         per_page: str = QuestionsPerPage.ALL) -> Quiz:
    """A published exam (deferred feedback, all questions on one page unless asked) drawing `questions` at random."""
    quiz = Quiz.objects.create(owner=owner, title_ar=f"اختبار {title}", title_en=title, is_published=True,
                               questions_per_page=per_page)
    QuizDraw.objects.create(quiz=quiz, bank=bank_obj, count=questions)
    return quiz


@transaction.atomic
def learners(*, count: int, prefix: str = "learner") -> list:
    """`count` learner accounts sharing one real password hash (hashing once: it is slow on purpose)."""
    User = get_user_model()
    hashed = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [User(username=f"{prefix}{i:04d}", password=hashed, email=f"{prefix}{i:04d}@bench.invalid")
         for i in range(count)],
        batch_size=BATCH,
    )
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    Membership = User.groups.through
    Membership.objects.bulk_create([Membership(user_id=user.pk, group_id=group.pk) for user in users])
    return users


def sessions(users) -> list[str]:
    """A signed-in session for each user, as `django.contrib.auth.login` would store it; return the keys."""
    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    keys, rows = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: MODEL_BACKEND,
                HASH_SESSION_KEY: user.get_session_auth_hash()}
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        keys.append(key)
    Session.objects.bulk_create(rows, batch_size=BATCH)
    return keys


def form_data(slot: AttemptQuestion) -> dict[str, str | list[str]]:
    """The form fields a learner's browser posts to answer `slot` right (for the answer-save endpoint)."""
    qtype = slot.question_type
    return qtype.form_data(qtype.correct_response(slot.definition), f"q{slot.position}")


def other_form_data(slot: AttemptQuestion) -> dict[str, str | list[str]]:
    """The form fields of a different (wrong) answer to `slot`: alternating it with `form_data` makes every
    autosave a real change (an unchanged answer writes nothing, which would flatter the answer-save phase)."""
    field = f"q{slot.position}"
    definition = slot.definition
    qtype = slot.question_type
    response = qtype.correct_response(definition)
    keys = [choice.key for choice in definition.choices]
    if isinstance(response, dict):  # matching, gaps, cloze: every part given the next part's answer …
        parts, answers = list(response), list(response.values())
        rotated = dict(zip(parts, answers[1:] + answers[:1]))
        try:
            if rotated == response:
                raise ValidationError("unchanged")
            qtype.clean_response(definition, rotated)
        except ValidationError:  # … or, where that is no answer of the question (another gap's group), the
            rotated = {**response, parts[0]: ""}  # first part left empty
        return qtype.form_data(rotated, field)
    if isinstance(response, list) and keys:  # multiple response: the other boxes
        return {field: [key for key in keys if key not in response] or keys[:1]}
    if isinstance(response, list):  # ordering: reversed
        return {field: list(reversed(response))}
    if keys:  # one choice: another one
        return {field: next(key for key in keys if key != response)}
    return {field: f"{response}0"}  # short answer or number: another text


class Drawer:
    """Random 20-question papers from a bank, frozen as attempt slots the way `attempt_start` freezes them.

    Used to pre-make many in-progress attempts quickly; the load test starts its own through the service.
    """

    def __init__(self, *, bank_obj: QuestionBank, seed: int = 20, pool: int = 2000):
        self.rng = random.Random(seed)
        candidates = list(Question.objects.published().filter(bank=bank_obj).values_list("pk", flat=True))
        chosen = self.rng.sample(candidates, min(pool, len(candidates)))
        self.versions = Question.objects.versions(chosen)
        self.pks = sorted(self.versions)

    def slots(self, attempt: Attempt, count: int, *, answered: bool) -> list[AttemptQuestion]:
        slots = []
        for position, pk in enumerate(self.rng.sample(self.pks, count)):
            version = self.versions[pk]
            definition = version.parsed
            slot = AttemptQuestion(attempt=attempt, position=position, question_id=pk, points=definition.points,
                                   version=version, order=frozen_order(definition, self.rng, shuffle=True))
            if answered:
                slot.response = slot.question_type.correct_response(definition)
                slot.answered_at = attempt.started_at
                slot.answered_in = "en"
            slots.append(slot)
        return slots


@transaction.atomic
def attempts_in_progress(*, drawer: Drawer, quiz: Quiz, users, questions: int = 20, answered: bool) -> list[Attempt]:
    """One in-progress attempt of `quiz` for each user, with `questions` slots (answered right, if asked)."""
    now = timezone.now()
    made = Attempt.objects.bulk_create(
        [Attempt(quiz=quiz, learner=user, number=1, language="en", seed=0, started_at=now,
                 max_score=Decimal(questions)) for user in users],
        batch_size=BATCH,
    )
    slots = [slot for attempt in made for slot in drawer.slots(attempt, questions, answered=answered)]
    AttemptQuestion.objects.bulk_create(slots, batch_size=BATCH)
    by_attempt: dict[int, list[AttemptQuestion]] = {}
    for slot in slots:
        by_attempt.setdefault(slot.attempt_id, []).append(slot)
    for attempt in made:
        attempt.prepared_slots = by_attempt[attempt.pk]
    return made


EXAM_HALL_OPENS_IN = timedelta(hours=1)
EXAM_HALL_OPEN_FOR = timedelta(hours=2)


@transaction.atomic
def exam_hall(*, owner, quiz: Quiz, learners, opens_in: timedelta = EXAM_HALL_OPENS_IN,
              open_for: timedelta = EXAM_HALL_OPEN_FOR, name: str = "Bench exam hall"):
    """A scheduled exam as a school runs it: a class taught by `owner` holding `learners`, and `quiz` (made
    class-only, so only the class may start it, and only once the assignment opens) assigned to it, opening
    `opens_in` from now and closing `open_for` later. The class and the assignment are made by the services a
    teacher's pages use; the memberships in bulk (a thousand learners joining one by one would take minutes).
    Returns the assignment."""
    from classrooms.models import Membership
    from classrooms.services import assignment_create, classroom_create

    now = timezone.now()
    classroom = classroom_create(teacher=owner, name=name)
    Membership.objects.bulk_create([Membership(classroom=classroom, learner=user, joined_at=now) for user in learners],
                                   batch_size=BATCH)
    quiz.visibility = Visibility.CLASS_ONLY
    quiz.save(update_fields=["visibility"])
    opens = now + opens_in
    return assignment_create(classroom=classroom, quiz=quiz, teacher=owner, opens_at=opens, due_at=opens + open_for,
                             closes_at=opens + open_for)


def exam_hall_open(assignment_id: int, *, now=None):
    """Move the assignment's opening to `now` (default: this moment), as if its scheduled time had come: the
    benchmark moves the clock to the opening instead of waiting an hour for it."""
    from classrooms.models import Assignment

    assignment = Assignment.objects.get(pk=assignment_id)
    assignment.opens_at = now or timezone.now()
    assignment.full_clean()
    assignment.save(update_fields=["opens_at"])
    return assignment


def exam_hall_attempts(quiz_id: int) -> dict:
    """The attempts of the exam hall's quiz, in all and in each state."""
    from django.db.models import Count

    states = dict(Attempt.objects.filter(quiz_id=quiz_id).values_list("state").annotate(n=Count("pk")).order_by())
    return {"states": states, "total": sum(states.values())}


@transaction.atomic
def topic_with_events(*, count: int, slug: str = "bench-topic") -> Topic:
    """A published topic with `count` published events spread over the years."""
    topic = Topic.objects.create(slug=slug, title_ar="موضوع القياس", title_en="Benchmark topic",
                                 summary_ar="ملخص", summary_en="Summary", is_published=True)
    Event.objects.bulk_create(
        [Event(topic=topic, slug=f"{slug}-event-{i}", title_ar=f"الحدث {i}", title_en=f"Event {i}",
               summary_ar=f"ملخص الحدث {i} في سطر أو سطرين.", summary_en=f"Summary of event {i} in a line or two.",
               place_ar=PLACES[i % len(PLACES)][0], place_en=PLACES[i % len(PLACES)][1],
               start_date=date(1800 + i // 12, 1 + i % 12, 1 + i % 28), is_published=True)
         for i in range(count)],
        batch_size=BATCH,
    )
    return topic


def fixed_quiz(*, owner, questions, title: str) -> Quiz:
    """A published exam of exactly these questions, in this order."""
    from quizzes.models import QuizQuestion

    quiz = Quiz.objects.create(owner=owner, title_ar=f"اختبار {title}", title_en=title, is_published=True,
                               questions_per_page=QuestionsPerPage.ALL)
    QuizQuestion.objects.bulk_create(QuizQuestion(quiz=quiz, question=question, position=position)
                                     for position, question in enumerate(questions))
    return quiz


def finished_attempts(*, bank_obj: QuestionBank, responses: int, questions: int = 20, per_learner: int = 1,
                      seed: int = 100) -> Quiz:
    """A quiz of `questions` fixed questions with finished, graded attempts holding `responses` responses.

    Each learner has an ability and each question a difficulty, so right answers are spread as in a real
    class; a wrong answer picks another choice where the question has choices, and is left blank otherwise.
    """
    from django.db import connection

    from quizzes.models import AttemptState

    rng = random.Random(seed)
    owner = teacher()
    picked = list(Question.objects.published().filter(bank=bank_obj).with_answers().order_by("pk")[:questions])
    quiz = fixed_quiz(owner=owner, questions=picked, title=f"Statistics ({responses} responses)")
    versions = Question.objects.versions([question.pk for question in picked])
    items = [(question, versions[question.pk].parsed, versions[question.pk].pk, rng.uniform(0.3, 0.95))
             for question in picked]
    attempts_needed = responses // questions
    users = learners(count=-(-attempts_needed // per_learner), prefix=f"stats{quiz.pk}-")
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        [Attempt(quiz=quiz, learner=users[i // per_learner], number=1 + i % per_learner, language="en", seed=i,
                 started_at=now - timedelta(minutes=30), finished_at=now, state=AttemptState.FINISHED,
                 max_score=Decimal(questions)) for i in range(attempts_needed)],
        batch_size=BATCH,
    )
    rows, scores = [], {}
    for attempt in attempts:
        ability = rng.uniform(0.2, 1.0)
        score = Decimal(0)
        for position, (question, definition, version_id, easiness) in enumerate(items):
            qtype = question.question_type
            if rng.random() < ability * easiness + 0.1:
                response = qtype.correct_response(definition)
            elif definition.choices:  # a random pick, cleaned as the type reads a form (a key, or a list)
                response = qtype.clean_response(definition, rng.choice(definition.choices).key)
            else:
                response = None
            fraction = _fraction(max(Fraction(0), Fraction(qtype.grade(definition, response))))
            score += fraction
            rows.append((attempt.pk, position, question.pk, definition.points, version_id, {}, response, fraction,
                         0, True, "en", False, now, "", 0))
        scores[attempt.pk] = score
    columns = ("attempt_id", "position", "question_id", "points", "version_id", "order", "response", "fraction",
               "tries", "is_locked", "answered_in", "switched_language", "answered_at", "comment", "revision")
    # COPY names every NOT NULL column: a model default is Django's, not the database's.
    missing = {f.column for f in AttemptQuestion._meta.concrete_fields
               if not f.null and not f.primary_key and f.column not in columns}
    assert not missing, f"bench.dataset.finished_attempts: add {sorted(missing)} to its COPY"
    if connection.vendor == "postgresql":
        # COPY: a hundred thousand rows with their JSON responses in seconds, where INSERTs take a minute.
        from psycopg.types.json import Jsonb

        with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {AttemptQuestion._meta.db_table} ({', '.join(chr(34) + c + chr(34) for c in columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row((*row[:5], Jsonb(row[5]), Jsonb(row[6]), *row[7:]))
    else:
        AttemptQuestion.objects.bulk_create([AttemptQuestion(**dict(zip(columns, row))) for row in rows],
                                            batch_size=BATCH)
    for attempt in attempts:
        attempt.score = scores[attempt.pk]
    Attempt.objects.bulk_update(attempts, ["score"], batch_size=BATCH)
    return quiz
