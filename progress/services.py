"""A learner's progress: mastery per event and topic, spaced review with fsrs, streaks.

What the dashboard shows
    Every grade and every figure drawn from marks goes through `DisplayOptions` (quizzes.display), as
    the quiz's own pages do: an attempt whose quiz does not show the learner their score now
    (`DisplayOptions.for_grade(quiz, now).score`) is listed without its percent and left off the
    chart, and its answers do not count towards mastery until the quiz shows their marks. Review
    sessions are practice on cards, not a quiz the learner chose: they are neither listed with the quiz
    attempts nor charted, and the review card counts those of the last seven days.

Mastery (documented formula)
    For one event, take the learner's graded answers to questions linked to it, newest first, at most
    MASTERY_WINDOW of them. Answer i (0 = newest) weighs DECAY**i, and mastery is the weighted share of
    points earned:  mastery = Σ wᵢ·fᵢ / Σ wᵢ  where fᵢ ∈ [0, 1] is the fraction the answer earned.
    So recent answers count most, an old mistake fades, and the number of answers behind the figure is
    reported with it (a mastery from one answer means little). A topic's mastery is the same formula
    over the answers linked to any of its events. Only answers whose marks the learner may see count.

Spaced review (fsrs)
    A question a learner has answered (in a finished attempt) becomes their review card. Each graded
    answer is one fsrs review, rated from correctness:
        fraction = 1        → Good   (remembered)
        0 < fraction < 1    → Hard   (partly remembered)
        fraction = 0        → Again  (forgotten; counted as a lapse)
    Easy is never inferred: a right answer says nothing about effort. Cards catch up lazily from the
    learner's answers (`review_cards_sync`), so grading never depends on this app. Times are UTC.

Review never shows a key that a quiz hides
    A review session is an immediate-feedback quiz: a check shows the right answer. So an answer joins
    the cards only once the quiz it was given in shows right answers
    (`DisplayOptions.for_review(quiz, now).right_answer`): right away for a quiz that shows them
    immediately, when it closes for one that shows them after close, never for one that never does
    (until its settings change). Until then the answer is held, and it changes no schedule either
    (a card falling due at once would tell the learner they got it wrong). `review_session_start`
    checks again at `now`: it serves a due card only if a quiz the learner answered it in, other than
    review itself, shows its right answer now, so a quiz that stops showing keys takes its cards out of
    review. A question answered in two quizzes, one hiding keys and one showing them, is served (the
    learner may read its key on the other quiz's review page anyway), scheduled from the showing
    quiz's answers only until the hiding one releases its own. Answers given in review always count:
    review only ever serves questions whose key is already shown.

Syncing exactly once
    Which attempts' answers are in the cards is recorded per attempt (`SyncedAttempt`), not by a cursor:
    slots are numbered when an attempt starts, not when it is graded; finishing times tie, and an
    attempt finished in a transaction that commits late, or held until its quiz closes, would fall
    behind any cursor on them. Each sync takes the learner's finished attempts not yet recorded whose
    answers are released, records them, and rebuilds every card they touch from all the learner's
    recorded answers to that question, oldest first (finishing time, attempt, slot). A card is thus a
    function of the recorded answers: an answer released late takes its place in the order it was given,
    and re-running a sync changes nothing. Syncs of one learner are serialised on their ReviewProgress row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from fsrs import Card, Rating, Scheduler

from history.models import Event
from progress.models import FSRS_STATE_VERSION, ReviewCard, ReviewProgress, SyncedAttempt
from quizzes.display import DisplayOptions
from quizzes.models import Attempt, AttemptQuestion, AttemptState, Behaviour, Question, Quiz, ReviewTiming
from quizzes.question_types import registry
from quizzes.services.attempts import attempt_start

MASTERY_WINDOW = 20
DECAY = 0.8
REVIEW_SESSION_SIZE = 10
# Fuzzing off: the same answers give the same schedule, which learners and tests can rely on.
SCHEDULER = Scheduler(enable_fuzzing=False)
# The learner's own review quiz: one per learner, found by these (see `review_quiz`).
REVIEW_TITLE = {"en": "Review", "ar": "مراجعة"}


def rating_for(fraction) -> Rating:
    """The fsrs rating of an answer, from the fraction it earned (see the module docstring)."""
    if fraction >= 1:
        return Rating.Good
    if fraction > 0:
        return Rating.Hard
    return Rating.Again


# --- mastery -------------------------------------------------------------------------------------
@dataclass
class Mastery:
    key: str  # event slug or topic slug
    label: str
    value: float  # 0..1
    answers: int
    url: str = ""

    @property
    def percent(self) -> int:
        return round(self.value * 100)


def weighted_share(fractions_newest_first: list[float]) -> float:
    """Σ wᵢ·fᵢ / Σ wᵢ with wᵢ = DECAY**i over the newest MASTERY_WINDOW answers."""
    recent = fractions_newest_first[:MASTERY_WINDOW]
    weights = [DECAY**i for i in range(len(recent))]
    return sum(w * f for w, f in zip(weights, recent)) / sum(weights) if recent else 0.0


def quizzes_by_id(ids, *, known: dict[int, Quiz] | None = None) -> dict[int, Quiz]:
    """The quizzes with these ids, reading from the database only those not in `known`."""
    known = known or {}
    found = {pk: known[pk] for pk in ids if pk in known}
    missing = set(ids) - found.keys()
    return found | (Quiz.objects.in_bulk(missing) if missing else {})


def graded_answers(learner, now, *, quizzes: dict[int, Quiz] | None = None):
    """(event slugs, fraction, finished time) of the learner's graded answers whose marks they may see at
    `now`, newest first: one query, and one more for quizzes not in `quizzes`."""
    answers = list(
        AttemptQuestion.objects.filter(
            attempt__learner=learner, attempt__state=AttemptState.FINISHED, fraction__isnull=False
        )
        .order_by("-attempt__finished_at", "-pk")
        .values_list("version__definition__events", "fraction", "attempt__finished_at", "attempt__quiz_id")
    )
    quizzes = quizzes_by_id({quiz_id for *_answer, quiz_id in answers}, known=quizzes)
    shown = {pk for pk, quiz in quizzes.items() if DisplayOptions.for_review(quiz, now).marks}
    return [(slugs, fraction, finished) for slugs, fraction, finished, quiz_id in answers if quiz_id in shown]


def mastery_by_event_and_topic(learner, *, now, quizzes: dict[int, Quiz] | None = None
                               ) -> tuple[list[Mastery], list[Mastery]]:
    """Mastery per event and per topic (two queries, and one for quizzes not in `quizzes`), weakest first."""
    answers = graded_answers(learner, now, quizzes=quizzes)
    per_event: dict[str, list[float]] = defaultdict(list)
    for slugs, fraction, _finished in answers:
        for slug in slugs or []:
            per_event[slug].append(float(fraction))
    events = Event.objects.filter(slug__in=per_event).select_related("topic")
    event_rows, topics = [], {}
    for event in events:
        fractions = per_event[event.slug]
        event_rows.append(Mastery(event.slug, event.title, weighted_share(fractions), len(fractions),
                                  event.get_absolute_url()))
        topics[event.topic_id] = event.topic
    # A topic's answers, newest first, across its events (an answer linked to two events counts once).
    seen_topic_answers: dict[int, list[float]] = defaultdict(list)
    slug_topic = {event.slug: event.topic_id for event in events}
    for slugs, fraction, _finished in answers:
        for topic_id in {slug_topic[s] for s in slugs or [] if s in slug_topic}:
            seen_topic_answers[topic_id].append(float(fraction))
    topic_rows = [
        Mastery(topic.slug, topic.title, weighted_share(seen_topic_answers[pk]), len(seen_topic_answers[pk]),
                topic.get_absolute_url())
        for pk, topic in topics.items()
    ]
    return sorted(event_rows, key=lambda m: (m.value, -m.answers)), sorted(topic_rows, key=lambda m: m.value)


def weakest_events(masteries: list[Mastery], *, limit: int = 5, below: float = 0.8) -> list[Mastery]:
    return [m for m in masteries if m.value < below][:limit]


# --- history and streak --------------------------------------------------------------------------
def streak_days(learner, today: datetime.date) -> int:
    """Consecutive days (UTC), ending today or yesterday, with at least one finished attempt."""
    days = {
        value.date()
        for value in learner.attempts.filter(state=AttemptState.FINISHED, finished_at__isnull=False)
        .filter(finished_at__date__gte=today - datetime.timedelta(days=400))
        .values_list("finished_at", flat=True)
    }
    day = today if today in days else today - datetime.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= datetime.timedelta(days=1)
    return count


# --- spaced review -------------------------------------------------------------------------------
def is_review_quiz(quiz) -> bool:
    """Whether `quiz` is a learner's review quiz (made by `review_session_start`)."""
    return quiz.practice_for_id is not None and quiz.topic_id is None and quiz.title_en == REVIEW_TITLE["en"]


def answers_released(quiz, now) -> bool:
    """Whether answers given in `quiz` may join the review cards at `now` (see the module docstring)."""
    return is_review_quiz(quiz) or DisplayOptions.for_review(quiz, now).right_answer


def _card_for(*, learner, question_id: int, answers) -> ReviewCard:
    """The card that `answers` ((fraction, finished time), oldest first) give, as fsrs schedules them."""
    first = answers[0][1]
    # card_id given: fsrs would otherwise take the clock's milliseconds and sleep 1 ms per new card.
    scheduled = Card(card_id=question_id, due=first)
    card = ReviewCard(learner=learner, question_id=question_id, reviews=0, lapses=0)
    for fraction, finished_at in answers:
        rating = rating_for(fraction)
        scheduled, _log = SCHEDULER.review_card(scheduled, rating, review_datetime=finished_at)
        card.reviews += 1
        card.lapses += rating == Rating.Again
        card.last_review = finished_at
    card.state, card.state_version, card.due = scheduled.to_dict(), FSRS_STATE_VERSION, scheduled.due
    return card


@transaction.atomic
def review_cards_sync(*, learner, now=None) -> int:
    """Bring the learner's cards up to date with every released answer not yet in them; return how many."""
    now = now or timezone.now()
    ReviewProgress.objects.select_for_update().get_or_create(learner=learner)
    pending = Attempt.objects.filter(learner=learner, state=AttemptState.FINISHED, review_sync__isnull=True)
    released = {attempt.pk for attempt in pending.select_related("quiz") if answers_released(attempt.quiz, now)}
    if not released:
        return 0
    SyncedAttempt.objects.bulk_create(SyncedAttempt(attempt_id=pk) for pk in released)
    # Only questions a review can grade again become cards: never an essay (a teacher grades it) or a description.
    not_reviewable = [qtype.name for qtype in registry.all() if not qtype.grades_automatically]
    touched = AttemptQuestion.objects.filter(attempt_id__in=released, fraction__isnull=False,
                                             question__isnull=False).exclude(
        version__qtype__in=not_reviewable).values("question_id")
    answers = (
        AttemptQuestion.objects.filter(
            attempt__learner=learner, attempt__review_sync__isnull=False, fraction__isnull=False,
            question_id__in=touched,
        )
        .order_by("attempt__finished_at", "attempt_id", "pk")
        .values_list("question_id", "fraction", "attempt__finished_at", "attempt_id")
    )
    by_question: dict[int, list] = defaultdict(list)
    new_answers = 0
    for question_id, fraction, finished_at, attempt_id in answers:
        by_question[question_id].append((fraction, finished_at))
        new_answers += attempt_id in released
    if not by_question:
        return 0
    existing = dict(ReviewCard.objects.filter(learner=learner, question_id__in=by_question)
                    .values_list("question_id", "pk"))
    cards = [_card_for(learner=learner, question_id=question_id, answers=question_answers)
             for question_id, question_answers in by_question.items()]
    for card in cards:
        card.pk = existing.get(card.question_id)
    ReviewCard.objects.bulk_create([card for card in cards if card.pk is None])
    ReviewCard.objects.bulk_update([card for card in cards if card.pk is not None],
                                   ["state", "state_version", "due", "last_review", "reviews", "lapses"])
    return new_answers


def due_cards(learner, now):
    return ReviewCard.objects.of(learner).due(now)


def servable_question_ids(learner, now, *, quizzes: dict[int, Quiz] | None = None) -> set[int]:
    """The questions the learner answered in a quiz, other than review itself, that shows their key at `now`:
    the only questions a review may serve (see the module docstring). One query, and one more for quizzes
    not in `quizzes`."""
    sources = (
        AttemptQuestion.objects.filter(attempt__learner=learner, attempt__state=AttemptState.FINISHED,
                                       question__isnull=False)
        .order_by()  # the models' orderings would join the quiz and put its columns in the DISTINCT
        .values_list("question_id", "attempt__quiz_id")
        .distinct()
    )
    by_quiz: dict[int, set[int]] = defaultdict(set)
    for question_id, quiz_id in sources:
        by_quiz[quiz_id].add(question_id)
    shown = set()
    for quiz in quizzes_by_id(by_quiz, known=quizzes).values():
        if not is_review_quiz(quiz) and DisplayOptions.for_review(quiz, now).right_answer:
            shown |= by_quiz[quiz.pk]
    return shown


@dataclass(frozen=True)
class ReviewOutlook:
    """Where a learner's review stands at a moment."""

    due: list[int]  # questions of due cards a review may serve now, most overdue first
    next_due: datetime.datetime | None  # when the first card a review may serve, not due yet, falls due
    cards: int  # every card in the learner's deck, whether a review may serve it or not

    @property
    def is_empty(self) -> bool:
        return not self.cards


def review_outlook(learner, now, *, quizzes: dict[int, Quiz] | None = None) -> ReviewOutlook:
    """The learner's due and next due cards, both by the one rule of `servable_question_ids` as it stands at
    `now`: one query, two if the learner has cards, and one more for quizzes not in `quizzes`."""
    cards = list(ReviewCard.objects.of(learner).order_by("due", "pk").values_list("question_id", "due"))
    servable = servable_question_ids(learner, now, quizzes=quizzes) if cards else set()
    served = [(question_id, due) for question_id, due in cards if question_id in servable]
    # Due as in ReviewCardQuerySet.due: at or before `now`.
    return ReviewOutlook(
        due=[question_id for question_id, due in served if due <= now],
        next_due=next((due for _question_id, due in served if due > now), None),
        cards=len(cards),
    )


def reviewable_question_ids(learner, now, *, quizzes: dict[int, Quiz] | None = None) -> list[int]:
    """The questions of the learner's due cards a review may serve at `now`, most overdue first."""
    return review_outlook(learner, now, quizzes=quizzes).due


def review_quiz(learner) -> Quiz:
    """The learner's review quiz: immediate feedback, so its review shows the keys its checks showed."""
    quiz, _created = Quiz.objects.get_or_create(
        practice_for=learner, topic=None, title_en=REVIEW_TITLE["en"],
        defaults={"owner": learner, "title_ar": REVIEW_TITLE["ar"], "is_published": True,
                  "behaviour": Behaviour.IMMEDIATE, "questions_per_page": "all",
                  "review_right_answers": ReviewTiming.IMMEDIATELY},
    )
    if quiz.review_right_answers != ReviewTiming.IMMEDIATELY:  # made before review showed its keys
        quiz.review_right_answers = ReviewTiming.IMMEDIATELY
        quiz.save(update_fields=["review_right_answers"])
    return quiz


def review_session_start(*, learner, now, language: str = "ar"):
    """Start a review quiz of the learner's due cards whose keys may show (immediate feedback), or return
    None if none is."""
    review_cards_sync(learner=learner, now=now)
    question_ids = reviewable_question_ids(learner, now)[:REVIEW_SESSION_SIZE]
    if not question_ids:
        return None
    questions = Question.objects.with_answers().in_bulk(question_ids)
    return attempt_start(quiz=review_quiz(learner), learner=learner, now=now, language=language,
                         questions=[questions[pk] for pk in question_ids if pk in questions])


@dataclass
class GradeRow:
    """A finished attempt on the dashboard; `percent` is None while its quiz does not show the score."""

    attempt: Attempt
    percent: Decimal | None
    is_review_session: bool

    @property
    def finished_at(self) -> datetime.datetime:
        return self.attempt.finished_at

    @property
    def title(self) -> str:
        return self.attempt.quiz.title

    @property
    def on_chart(self) -> bool:
        """Charted as a quiz grade: its score is shown, and it is no review session."""
        return self.percent is not None and not self.is_review_session


def grade_history(learner, now) -> list[GradeRow]:
    """The learner's finished attempts, oldest first, with the percent only where the score shows: one query."""
    rows = (
        learner.attempts.filter(state=AttemptState.FINISHED, max_score__gt=0)
        .select_related("quiz")
        .order_by("finished_at", "pk")
    )
    return [GradeRow(attempt, attempt.percent if DisplayOptions.for_grade(attempt.quiz, now).score else None,
                     is_review_quiz(attempt.quiz))
            for attempt in rows]


def review_sessions_since(history: list[GradeRow], since: datetime.datetime) -> int:
    """How many of the rows of `grade_history` are review sessions finished at or after `since`."""
    return sum(row.is_review_session and row.finished_at >= since for row in history)
