"""A learner's progress: mastery per event and topic, spaced review with fsrs, streaks.

Mastery (documented formula)
    For one event, take the learner's graded answers to questions linked to it, newest first, at most
    MASTERY_WINDOW of them. Answer i (0 = newest) weighs DECAY**i, and mastery is the weighted share of
    points earned:  mastery = Σ wᵢ·fᵢ / Σ wᵢ  where fᵢ ∈ [0, 1] is the fraction the answer earned.
    So recent answers count most, an old mistake fades, and the number of answers behind the figure is
    reported with it (a mastery from one answer means little). A topic's mastery is the same formula
    over the answers linked to any of its events.

Spaced review (fsrs)
    Every question a learner has answered (in a finished attempt) becomes their review card. Each
    graded answer is one fsrs review, rated from correctness:
        fraction = 1        → Good   (remembered)
        0 < fraction < 1    → Hard   (partly remembered)
        fraction = 0        → Again  (forgotten; counted as a lapse)
    Easy is never inferred: a right answer says nothing about effort. Cards catch up lazily from the
    learner's answers (`review_cards_sync`), so grading never depends on this app. Times are UTC.
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
from progress.models import FSRS_STATE_VERSION, ReviewCard, ReviewProgress
from quizzes.models import AttemptQuestion, AttemptState, Behaviour, Question, Quiz

MASTERY_WINDOW = 20
DECAY = 0.8
REVIEW_SESSION_SIZE = 10
# Fuzzing off: the same answers give the same schedule, which learners and tests can rely on.
SCHEDULER = Scheduler(enable_fuzzing=False)


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


def graded_answers(learner):
    """(event slugs, fraction, finished time) of the learner's graded answers, newest first: one query."""
    return (
        AttemptQuestion.objects.filter(
            attempt__learner=learner, attempt__state=AttemptState.FINISHED, fraction__isnull=False
        )
        .order_by("-attempt__finished_at", "-pk")
        .values_list("snapshot__events", "fraction", "attempt__finished_at")
    )


def mastery_by_event_and_topic(learner) -> tuple[list[Mastery], list[Mastery]]:
    """Mastery per event and per topic (two queries), weakest first."""
    answers = list(graded_answers(learner))
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
def _card_from(card: ReviewCard) -> Card:
    return Card.from_dict(card.state)


@transaction.atomic
def review_cards_sync(*, learner, now=None) -> int:
    """Bring the learner's cards up to date with every answer graded since the last sync; return how many."""
    now = now or timezone.now()
    progress, _created = ReviewProgress.objects.select_for_update().get_or_create(learner=learner)
    answers = list(
        AttemptQuestion.objects.filter(
            attempt__learner=learner, attempt__state=AttemptState.FINISHED, fraction__isnull=False,
            question__isnull=False, pk__gt=progress.last_slot_id,
        )
        .order_by("attempt__finished_at", "pk")
        .values_list("pk", "question_id", "fraction", "attempt__finished_at")
    )
    if not answers:
        return 0
    cards = {c.question_id: c for c in ReviewCard.objects.filter(learner=learner,
                                                                  question_id__in={a[1] for a in answers})}
    for slot_id, question_id, fraction, finished_at in answers:
        card = cards.get(question_id)
        if card is None:
            card = ReviewCard(learner=learner, question_id=question_id,
                              state=Card(due=finished_at).to_dict(), due=finished_at)
            cards[question_id] = card
        rating = rating_for(fraction)
        scheduled, _log = SCHEDULER.review_card(_card_from(card), rating, review_datetime=finished_at)
        card.state = scheduled.to_dict()
        card.state_version = FSRS_STATE_VERSION
        card.due = scheduled.due
        card.last_review = finished_at
        card.reviews += 1
        card.lapses += rating == Rating.Again
        progress.last_slot_id = max(progress.last_slot_id, slot_id)
    new = [c for c in cards.values() if c.pk is None]
    ReviewCard.objects.bulk_create(new)
    ReviewCard.objects.bulk_update([c for c in cards.values() if c not in new],
                                   ["state", "state_version", "due", "last_review", "reviews", "lapses"])
    progress.save(update_fields=["last_slot_id"])
    return len(answers)


def due_cards(learner, now):
    return ReviewCard.objects.of(learner).due(now)


def review_session_start(*, learner, now, language: str = "ar"):
    """Start a review quiz of the learner's due cards (immediate feedback), or return None if none is due."""
    from quizzes.services.attempts import attempt_start

    review_cards_sync(learner=learner, now=now)
    question_ids = list(due_cards(learner, now).values_list("question_id", flat=True)[:REVIEW_SESSION_SIZE])
    if not question_ids:
        return None
    quiz, _created = Quiz.objects.get_or_create(
        practice_for=learner, topic=None, title_en="Review",
        defaults={"owner": learner, "title_ar": "مراجعة", "is_published": True, "behaviour": Behaviour.IMMEDIATE,
                  "questions_per_page": "all"},
    )
    questions = Question.objects.with_answers().in_bulk(question_ids)
    return attempt_start(quiz=quiz, learner=learner, now=now, language=language,
                         questions=[questions[pk] for pk in question_ids if pk in questions])


def grade_history(learner) -> list[tuple[datetime.datetime, Decimal, str]]:
    """(finished time, percent, quiz title) of finished attempts, oldest first: one query."""
    rows = (
        learner.attempts.filter(state=AttemptState.FINISHED, max_score__gt=0)
        .select_related("quiz")
        .order_by("finished_at")
    )
    return [(a.finished_at, a.percent, a.quiz.title, a) for a in rows]
