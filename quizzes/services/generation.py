"""Questions generated from events, in Arabic and English at once.

Five kinds: the year of an event (numerical), which came first (single choice), put events in order
(ordering), match events to years (matching), and who took part (single choice from linked people).
Generated questions reach learners without a teacher reading each one, so a question is only made when
the data gives it exactly one right answer, and the generator refuses the rest:

- years: an event that runs from one year into another is asked when it *began*, and a disputed start
  (`Event.other_start_years`) is accepted too; the Hijri year(s) of the same dates are accepted, converted
  by `history.dates` as on the event pages;
- comparisons: every year an event may be said to start in lies before every year of the next event, so
  no two compared events can share a year (history often knows only the year); a group with an event that
  spans years asks when they *began*;
- who took part: the key is someone who led or commanded the event (`Participation.part`), and the wrong
  options are people who cannot have taken part: the event lists all its participants
  (`Event.participants_complete`), or their life dates do not reach it.

Distractors are the nearest events in time, so they are plausible. The same events and seed give the same
questions.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.translation import gettext as _

from history import dates
from history.models import Event, Part, Participation, Topic
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


def _first_year(event: Event) -> int:
    return min(event.start_years)


def _last_start_year(event: Event) -> int:
    return max(event.start_years)


def _comparable(events: list[Event]) -> list[Event]:
    """Events in time order, each starting (in every year it may be said to start) after the one before.

    Of events whose start years touch, the first in time is kept, so any group drawn from the result has
    one order and one earliest event whatever start year a historian prefers.
    """
    kept: list[Event] = []
    for event in sorted(events, key=lambda e: (_first_year(e), e.start_date, e.pk)):
        if not kept or _first_year(event) > _last_start_year(kept[-1]):
            kept.append(event)
    return kept


def _neighbours(center: int, pool: list, count: int, rng: random.Random) -> list:
    """Pick `count` items of `pool` nearest to index `center` (ties broken by the seed), center first."""
    order = sorted(range(len(pool)), key=lambda i: (abs(i - center), rng.random()))
    return [pool[i] for i in order[:count]]


def _hijri_span(first, last) -> list[int]:
    """The Hijri years from the start of `first` to the end of `last` (HistoricalDates)."""
    start = dates.hijri_years(first.value, first.precision)[0]
    end = dates.hijri_years(last.value, last.precision)[1]
    return list(range(start, end + 1))


def accepted_years(event: Event, *, began: bool) -> tuple[list[int], list[int]]:
    """Return the Gregorian and Hijri years a year question on `event` accepts.

    Asked when it began: the start date's year and the disputed ones. Asked when it happened (an event
    within one year): that year. The Hijri years are those the same dates fall in.
    """
    if not began:
        gregorian = [event.start_date.year]
        hijri = _hijri_span(event.start, event.end or event.start)
    else:
        gregorian = event.start_years
        hijri = _hijri_span(event.start, event.start)
        for year in event.start_years[1:]:
            whole_year = dates.HistoricalDate(event.start_date.replace(year=year, month=1, day=1), "year")
            hijri += _hijri_span(whole_year, whole_year)
    return gregorian, sorted(set(hijri))


def year_question(event: Event) -> defs.QuestionDef:
    title = _html_title(event)
    began = _asks_when_it_began(event)
    gregorian, hijri = accepted_years(event, began=began)
    if began:
        text = {"ar": f"<p>في أيّ عام بدأ «{title['ar']}»؟ تُقبل السنة الميلادية أو الهجرية.</p>",
                "en": f"<p>In which year did “{title['en']}” begin? The Hijri year is accepted too.</p>"}
    else:
        text = {"ar": f"<p>في أيّ عام وقع «{title['ar']}»؟ تُقبل السنة الميلادية أو الهجرية.</p>",
                "en": f"<p>In which year did “{title['en']}” take place? The Hijri year is accepted too.</p>"}
    also = {"ar": "يؤرّخ بعض المؤرّخين بدايته بهذا العام أيضًا.", "en": "Some historians date its start to this year."}
    return defs.QuestionDef(
        qtype=Numerical.name,
        name=f"generated:year:{event.slug}",
        text=text,
        numerical_answers=[defs.NumericalAnswerDef(Decimal(year), Decimal(0), Fraction(1), also if index else {})
                           for index, year in enumerate(gregorian)],
        options={"either_calendar": True, "hijri_years": hijri},
        events=[event.slug],
        difficulty="medium",
    )


def _years_label(event: Event) -> str:
    """The start year, with the disputed ones after it: "1858 (1857)"."""
    first, *others = event.start_years
    return f"{first} ({', '.join(map(str, others))})" if others else str(first)


def _asks_when_it_began(event: Event) -> bool:
    """A span, or a start historians dispute, is asked when it began: the answers are then its start years."""
    return event.spans_years or len(event.start_years) > 1


def _began_wording(group: list[Event]) -> bool:
    return any(_asks_when_it_began(event) for event in group)


def first_question(group: list[Event], rng: random.Random) -> defs.QuestionDef:
    earliest = min(group, key=_first_year)
    options = group[:]
    rng.shuffle(options)
    if _began_wording(group):
        text = {"ar": "<p>أيّ هذه الأحداث بدأ أولًا؟</p>", "en": "<p>Which of these began first?</p>"}
    else:
        text = {"ar": "<p>أيّ هذه الأحداث وقع أولًا؟</p>", "en": "<p>Which of these came first?</p>"}
    return defs.QuestionDef(
        qtype=SingleChoice.name,
        name="generated:first:" + ",".join(sorted(e.slug for e in group)),
        text=text,
        choices=[
            defs.ChoiceDef(_title(e), Fraction(1) if e is earliest else Fraction(0),
                           {"ar": f"{e.title_ar}: {_years_label(e)}", "en": f"{e.title_en}: {_years_label(e)}"})
            for e in options
        ],
        events=[e.slug for e in group],
        difficulty="medium",
    )


def order_question(group: list[Event]) -> defs.QuestionDef:
    ordered = sorted(group, key=_first_year)
    if _began_wording(group):
        text = {"ar": "<p>رتّب هذه الأحداث بحسب بدايتها ترتيبًا زمنيًّا، من الأقدم إلى الأحدث.</p>",
                "en": "<p>Put these events in order of when they began, earliest first.</p>"}
    else:
        text = {"ar": "<p>رتّب هذه الأحداث ترتيبًا زمنيًّا، من الأقدم إلى الأحدث.</p>",
                "en": "<p>Put these events in chronological order, earliest first.</p>"}
    return defs.QuestionDef(
        qtype=Ordering.name,
        name="generated:order:" + ",".join(e.slug for e in ordered),
        text=text,
        items=[defs.OrderingItemDef(_title(e)) for e in ordered],
        events=[e.slug for e in ordered],
        difficulty="hard",
    )


def match_question(group: list[Event], distractor_year: int | None) -> defs.QuestionDef:
    ordered = sorted(group, key=_first_year)
    pairs = [defs.MatchingPairDef(_title(e), _year_text(e.start_date.year)) for e in ordered]
    if distractor_year is not None:
        pairs.append(defs.MatchingPairDef({}, _year_text(distractor_year)))
    if _began_wording(group):
        text = {"ar": "<p>طابق كل حدث مع العام الذي بدأ فيه.</p>", "en": "<p>Match each event with the year it began.</p>"}
    else:
        text = {"ar": "<p>طابق كل حدث مع العام الذي وقع فيه.</p>", "en": "<p>Match each event with its year.</p>"}
    return defs.QuestionDef(
        qtype=Matching.name,
        name="generated:match:" + ",".join(e.slug for e in ordered),
        text=text,
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


def could_not_take_part(person, event: Event) -> bool:
    """Whether the data rules `person` out of `event`: a complete list without them, or their life dates."""
    linked = {p.person_id for p in event.participations.all()}
    if person.pk in linked:
        return False
    return event.participants_complete or not person.could_take_part(event)


def _who_questions(events: list[Event], rng: random.Random) -> list[defs.QuestionDef]:
    questions = []
    people = {p.person.pk: p.person for e in events for p in e.participations.all()}
    for event in events:
        leaders = sorted((p.person for p in event.participations.all() if p.part == Part.LED),
                         key=lambda person: person.slug)
        others = sorted((person for person in people.values() if could_not_take_part(person, event)),
                        key=lambda person: person.slug)
        if leaders and len(others) >= 2:
            right = rng.choice(leaders)
            questions.append(who_question(event, right, rng.sample(others, min(3, len(others))), rng))
    return questions


def generate_definitions(*, events: list[Event], seed: int, kinds=KINDS) -> list[defs.QuestionDef]:
    """Return generated questions for `events` (with participations prefetched); deterministic per seed."""
    rng = random.Random(seed)
    events = sorted(events, key=lambda e: (e.start_date, e.pk))
    generated: list[defs.QuestionDef] = []
    distinct = _comparable(events)
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
                taken = {year for e in group for year in e.start_years}
                used = {e.start_date.year for e in group}
                spare = [y for y in range(min(used) - 2, max(used) + 3) if y not in taken]
                generated.append(match_question(group, rng.choice(spare) if spare else None))
    if "who" in kinds:
        generated += _who_questions(events, rng)
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
