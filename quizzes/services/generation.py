"""Questions generated from events, in Arabic and English at once.

Five kinds: the year of an event (numerical), which came first (single choice), put events in order
(ordering), match events to years (matching), and who took part (single choice from linked people).
Every key is read from the event data, and a question is only made when it has exactly one right
answer: events compared by date must lie in different years (history often knows only the year), and
the distractors of "who took part" are people of the topic not linked to that event. Distractors are
the nearest events in time, so they are plausible. The same events and seed give the same questions.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.translation import gettext as _

from history.models import Event, Participation, Topic
from quizzes import definitions as defs
from quizzes.models import Behaviour, Question, QuestionBank, Quiz, ReviewTiming
# The generator writes questions of these four types: it names their classes, not strings.
from quizzes.question_types.matching import Matching
from quizzes.question_types.numerical import Numerical
from quizzes.question_types.ordering import Ordering
from quizzes.question_types.single_choice import SingleChoice
from quizzes.services.attempts import attempt_start
from quizzes.services.banks import question_fingerprint, question_create_from_definition

KINDS = ("year", "first", "order", "match", "who")
GROUP_SIZE = 4
PRACTICE_LENGTH = 8


def _title(event: Event) -> defs.Text:
    return {"ar": event.title_ar or "", "en": event.title_en or ""}


def _html_title(event: Event) -> defs.Text:
    """Titles placed inside question HTML are escaped: they are data, not markup."""
    return {code: escape(text) for code, text in _title(event).items()}


def _year_text(year: int) -> defs.Text:
    return {"ar": str(year), "en": str(year)}


def _by_distinct_year(events: list[Event]) -> dict[int, Event]:
    """One event per year (the first in time), so no two compared events share a year."""
    years: dict[int, Event] = {}
    for event in events:
        years.setdefault(event.start_date.year, event)
    return years


def _neighbours(center: int, pool: list, count: int, rng: random.Random) -> list:
    """Pick `count` items of `pool` nearest to index `center` (ties broken by the seed), center first."""
    order = sorted(range(len(pool)), key=lambda i: (abs(i - center), rng.random()))
    return [pool[i] for i in order[:count]]


def year_question(event: Event) -> defs.QuestionDef:
    title = _html_title(event)
    return defs.QuestionDef(
        qtype=Numerical.name,
        name=f"generated:year:{event.slug}",
        text={"ar": f"<p>في أيّ سنة: «{title['ar']}»؟</p>", "en": f"<p>In which year: “{title['en']}”?</p>"},
        numerical_answers=[defs.NumericalAnswerDef(Decimal(event.start_date.year), Decimal(0), Fraction(1))],
        events=[event.slug],
        difficulty="medium",
    )


def first_question(group: list[Event], rng: random.Random) -> defs.QuestionDef:
    earliest = min(group, key=lambda e: e.start_date)
    options = group[:]
    rng.shuffle(options)
    return defs.QuestionDef(
        qtype=SingleChoice.name,
        name="generated:first:" + ",".join(sorted(e.slug for e in group)),
        text={"ar": "<p>أيّ هذه الأحداث وقع أولًا؟</p>", "en": "<p>Which of these came first?</p>"},
        choices=[
            defs.ChoiceDef(_title(e), Fraction(1) if e is earliest else Fraction(0),
                           {"ar": f"{e.title_ar}: {e.start_date.year}", "en": f"{e.title_en}: {e.start_date.year}"})
            for e in options
        ],
        events=[e.slug for e in group],
        difficulty="medium",
    )


def order_question(group: list[Event]) -> defs.QuestionDef:
    ordered = sorted(group, key=lambda e: e.start_date)
    return defs.QuestionDef(
        qtype=Ordering.name,
        name="generated:order:" + ",".join(e.slug for e in ordered),
        text={"ar": "<p>رتّب هذه الأحداث ترتيبًا زمنيًا، من الأقدم إلى الأحدث.</p>",
              "en": "<p>Put these events in chronological order, earliest first.</p>"},
        items=[defs.OrderingItemDef(_title(e)) for e in ordered],
        events=[e.slug for e in ordered],
        difficulty="hard",
    )


def match_question(group: list[Event], distractor_year: int | None) -> defs.QuestionDef:
    ordered = sorted(group, key=lambda e: e.start_date)
    pairs = [defs.MatchingPairDef(_title(e), _year_text(e.start_date.year)) for e in ordered]
    if distractor_year is not None:
        pairs.append(defs.MatchingPairDef({}, _year_text(distractor_year)))
    return defs.QuestionDef(
        qtype=Matching.name,
        name="generated:match:" + ",".join(e.slug for e in ordered),
        text={"ar": "<p>طابِق كل حدث مع سنته.</p>", "en": "<p>Match each event with its year.</p>"},
        pairs=pairs,
        events=[e.slug for e in ordered],
        difficulty="medium",
    )


def who_question(event: Event, right, others: list, rng: random.Random) -> defs.QuestionDef:
    title = _html_title(event)
    options = [right, *others]
    rng.shuffle(options)
    return defs.QuestionDef(
        qtype=SingleChoice.name,
        name=f"generated:who:{event.slug}:{right.slug}",
        text={"ar": f"<p>مَن شارك في «{title['ar']}»؟</p>", "en": f"<p>Who took part in “{title['en']}”?</p>"},
        choices=[defs.ChoiceDef({"ar": p.name_ar, "en": p.name_en}, Fraction(1) if p is right else Fraction(0))
                 for p in options],
        events=[event.slug],
        difficulty="easy",
    )


def generate_definitions(*, events: list[Event], seed: int, kinds=KINDS) -> list[defs.QuestionDef]:
    """Return generated questions for `events` (with participations prefetched); deterministic per seed."""
    rng = random.Random(seed)
    events = sorted(events, key=lambda e: (e.start_date, e.pk))
    generated: list[defs.QuestionDef] = []
    by_year = _by_distinct_year(events)
    years = sorted(by_year)
    distinct = [by_year[y] for y in years]
    if "year" in kinds:
        generated += [year_question(event) for event in events]
    if len(distinct) >= GROUP_SIZE:
        for index in range(0, len(distinct), GROUP_SIZE):
            group = _neighbours(min(index, len(distinct) - 1), distinct, GROUP_SIZE, rng)
            if "first" in kinds:
                generated.append(first_question(group, rng))
            if "order" in kinds:
                generated.append(order_question(group))
            if "match" in kinds:
                used = {e.start_date.year for e in group}
                spare = [y for y in range(min(used) - 2, max(used) + 3) if y not in used]
                generated.append(match_question(group, rng.choice(spare) if spare else None))
    if "who" in kinds:
        people = {p.person.pk: p.person for e in events for p in e.participations.all()}
        for event in events:
            linked = {p.person.pk for p in event.participations.all()}
            others = sorted((person for pk, person in people.items() if pk not in linked), key=lambda p: p.slug)
            if linked and len(others) >= 2:
                right = sorted((p.person for p in event.participations.all()), key=lambda p: p.slug)[0]
                generated.append(who_question(event, right, rng.sample(others, 3 if len(others) >= 3 else 2), rng))
    return generated


def topic_events(topic: Topic, events=None) -> list[Event]:
    queryset = Event.objects.published().in_topic(topic).prefetch_related(
        Prefetch("participations", queryset=Participation.objects.filter(person__is_published=True)
                 .select_related("person"))
    )
    if events is not None:
        queryset = queryset.filter(pk__in=[e.pk for e in events])
    return list(queryset)


@transaction.atomic
def questions_generate(*, topic: Topic, bank: QuestionBank, user, seed: int = 0, events=None) -> list[Question]:
    """Save generated questions into `bank` as drafts for the teacher to review; skip ones already there."""
    existing = {question_fingerprint(q.definition()) for q in bank.questions.with_answers()}
    created = []
    for definition in generate_definitions(events=topic_events(topic, events), seed=seed):
        if question_fingerprint(definition) in existing:
            continue
        existing.add(question_fingerprint(definition))
        created.append(question_create_from_definition(bank=bank, definition=definition, user=user))
    return created


def practice_quiz_start(*, topic: Topic, learner, now, language: str = "ar", seed: int | None = None,
                        events=None):
    """Start a practice attempt of generated questions on a topic, or on some of its events (immediate feedback).

    With `events`, the questions are about those events (the learner's weakest, say); comparisons still
    draw their other options from the whole topic, so they stay unambiguous and plausible.
    """
    quiz, _created = Quiz.objects.get_or_create(
        practice_for=learner, topic=topic,
        defaults={
            "owner": learner, "is_published": True, "behaviour": Behaviour.IMMEDIATE, "shuffle_choices": True,
            "title_ar": f"تدريب: {topic.title_ar}", "title_en": f"Practice: {topic.title_en}",
        },
    )
    # A learner's own practice shows each answer once its question is finished: that is what it is for.
    if quiz.review_right_answers != ReviewTiming.IMMEDIATELY or quiz.review_feedback != ReviewTiming.IMMEDIATELY:
        quiz.review_right_answers = quiz.review_feedback = ReviewTiming.IMMEDIATELY
        quiz.save(update_fields=["review_right_answers", "review_feedback", "updated_at"])
    rng = random.Random(seed)
    definitions = generate_definitions(events=topic_events(topic), seed=rng.randrange(2**32))
    if events is not None:
        wanted = {event.slug for event in events}
        definitions = [d for d in definitions if wanted & set(d.events)]
    if not definitions:
        from quizzes.services.attempts import AttemptRefused

        raise AttemptRefused(_("This topic has too few events to practise yet."))
    chosen = rng.sample(definitions, min(PRACTICE_LENGTH, len(definitions)))
    return attempt_start(quiz=quiz, learner=learner, now=now, language=language, definitions=chosen,
                         seed=rng.randrange(2**32))
