"""Questions generated from events: keys true to the data in both languages, never ambiguous, seeded."""

import datetime
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from history import dates
from history.models import Event, Part, Participation, Person
from quizzes.question_types import registry
from quizzes.services.generation import generate_definitions, questions_generate, topic_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(demo):
    from history.models import Topic

    return Topic.objects.get(slug="french-intervention-in-mexico")


def events_by_title(topic):
    return {e.title_en: e for e in Event.objects.in_topic(topic)} | {e.title_ar: e for e in Event.objects.in_topic(topic)}


def test_every_kind_is_generated_and_valid_in_both_languages(topic):
    generated = generate_definitions(events=topic_events(topic), seed=7)
    kinds = Counter(d.name.split(":")[1] for d in generated)
    assert set(kinds) == {"year", "first", "order", "match", "who"}
    for definition in generated:
        qtype = registry.get(definition.qtype)
        assert qtype.validate(definition) == [], definition.name
        assert qtype.translation_errors(definition) == [], definition.name
        assert definition.text["ar"] and definition.text["en"]


def test_keys_are_true_to_the_event_data(topic):
    events = {e.slug: e for e in topic_events(topic)}
    by_title = events_by_title(topic)
    for definition in generate_definitions(events=list(events.values()), seed=3):
        kind = definition.name.split(":")[1]
        if kind == "year":
            event = events[definition.events[0]]
            assert definition.numerical_answers[0].value == event.start_date.year
        elif kind == "first":
            right = [c for c in definition.choices if c.fraction == 1]
            assert len(right) == 1
            for language in ("ar", "en"):
                chosen = by_title[right[0].text[language]]
                others = [by_title[c.text[language]] for c in definition.choices if c.fraction == 0]
                # Unambiguous: the right event is strictly earlier, in a different year from every other.
                assert all(chosen.start_date.year < other.start_date.year for other in others)
        elif kind == "order":
            for language in ("ar", "en"):
                dates = [by_title[item.text[language]].start_date for item in definition.items]
                assert dates == sorted(dates) and len({d.year for d in dates}) == len(dates)
        elif kind == "match":
            for pair in definition.pairs:
                if not pair.is_distractor:
                    assert by_title[pair.prompt["en"]].start_date.year == int(pair.answer["en"])
                    assert by_title[pair.prompt["ar"]].start_date.year == int(pair.answer["ar"])
            years = [pair.answer["en"] for pair in definition.pairs]
            assert len(set(years)) == len(years)
        elif kind == "who":
            event = events[definition.events[0]]
            linked = {p.person.name_en for p in event.participations.all()}
            right = [c for c in definition.choices if c.fraction == 1]
            assert len(right) == 1 and right[0].text["en"] in linked
            assert all(c.text["en"] not in linked for c in definition.choices if c.fraction == 0)


def test_same_seed_same_questions_and_another_seed_differs(topic):
    events = topic_events(topic)
    first = generate_definitions(events=events, seed=11)
    assert generate_definitions(events=events, seed=11) == first
    assert generate_definitions(events=events, seed=12) != first


def test_events_in_the_same_year_are_never_compared(make):
    topic = make.topic()
    for day in (1, 2):
        make.event(topic_obj=topic, start=datetime.date(1862, 5, day))
    for year in (1861, 1863, 1864, 1865):
        make.event(topic_obj=topic, start=datetime.date(year, 1, 1), start_precision="year")
    for definition in generate_definitions(events=topic_events(topic), seed=1):
        if definition.qtype in ("ordering", "matching") or definition.name.startswith("generated:first"):
            slugs = definition.events
            years = [Event.objects.get(slug=s).start_date.year for s in slugs]
            assert len(set(years)) == len(years)


def test_generated_questions_are_saved_as_drafts_and_not_twice(topic, make):
    bank = make.bank()
    created = questions_generate(topic=topic, bank=bank, user=bank.owner, seed=5)
    assert created and all(q.status == "draft" for q in created)
    assert all(q.events.exists() for q in created)
    assert questions_generate(topic=topic, bank=bank, user=bank.owner, seed=5) == []


def test_generated_titles_are_escaped_in_the_question_html(make):
    topic = make.topic()
    make.event(topic_obj=topic, title_en="<b>bold</b>", start=datetime.date(1862, 1, 1))
    year = next(d for d in generate_definitions(events=topic_events(topic), seed=1) if d.name.startswith("generated:year"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in year.text["en"]


def test_a_learner_practises_a_topic_from_its_timeline(client, learner_user, topic):
    client.force_login(learner_user)
    html = client.get("/en/topics/french-intervention-in-mexico/").content.decode()
    assert 'action="/en/topics/french-intervention-in-mexico/practice/"' in html
    response = client.post("/en/topics/french-intervention-in-mexico/practice/")
    assert response.status_code == 302
    from quizzes.models import Attempt

    attempt = Attempt.objects.get(learner=learner_user)
    assert attempt.quiz.behaviour == "immediate" and attempt.quiz.practice_for == learner_user
    assert attempt.slots.count() == 8 and all(slot.question_id is None for slot in attempt.slots.all())
    assert client.get(response["Location"]).status_code == 200
    # Another learner does not see this practice quiz.
    other = make_other_client(client, learner_user)
    assert other.get(f"/en/quizzes/{attempt.quiz.pk}/").status_code == 404


def make_other_client(client, user):
    from django.test import Client

    from tests import factories

    other = Client()
    other.force_login(factories.learner())
    return other


def test_teacher_generates_from_the_admin(client, teacher_user, topic):
    from django.urls import reverse
    from django.utils import translation

    client.force_login(teacher_user)
    with translation.override("en"):
        changelist = reverse("admin:history_topic_changelist")
    response = client.post(changelist, {"action": "generate_questions", "_selected_action": [topic.pk]})
    assert response.status_code == 200 and "Seed" in response.content.decode()
    response = client.post(changelist, {"action": "generate_questions", "_selected_action": [topic.pk],
                                        "apply": "1", "seed": "3", "bank": ""}, follow=True)
    assert "generated as drafts" in response.content.decode()
    from quizzes.models import QuestionBank

    bank = QuestionBank.objects.get(owner=teacher_user, title_en="Generated questions")
    assert bank.questions.filter(status="draft").count() > 10


# --- exactly one right answer under the data's own rules -------------------------------------------------
# An oracle written from the data alone, not from the generator: what the data says is right for each question,
# as each language's wording asks it, compared with what the question grades as right.

# The words that ask when something began: «بدأ» and «بداية» (بدايتها), "began" and "begin".
STARTS = {"ar": ("بدأ", "بداي"), "en": ("began", "begin")}


def _asks_start(definition, language) -> bool:
    """Whether the question, as written in `language`, asks when events began (not when they happened)."""
    return any(word in definition.text[language] for word in STARTS[language])


def _years_meant(event, *, start: bool) -> set[int]:
    """The years the data allows as the answer: when it began (any start historians give), or any year it ran."""
    starts = set(event.start_years)
    return starts if start else set(range(min(starts), event.end_year + 1))


def _hijri_meant(event, *, start: bool) -> set[int]:
    if start:
        spans = [dates.hijri_years(event.start_date, event.start_precision)]
        spans += [dates.hijri_years(datetime.date(year, 1, 1), "year") for year in event.start_years[1:]]
    else:
        end = event.end or event.start
        spans = [(dates.hijri_years(event.start_date, event.start_precision)[0],
                  dates.hijri_years(end.value, end.precision)[1])]
    return {year for first, last in spans for year in range(first, last + 1)}


def _surely_before(a: set[int], b: set[int]) -> bool:
    return max(a) < min(b)


def _check_year(definition, events, problems):
    qtype = registry.get(definition.qtype)
    event = events[definition.events[0]]
    for language in ("ar", "en"):
        start = _asks_start(definition, language)
        meant = _years_meant(event, start=start)
        graded = {y for y in range(min(meant) - 6, max(meant) + 7) if qtype.grade(definition, str(y)) == 1}
        if graded != meant:
            problems.append((definition.name, language, "accepts", sorted(graded), "the data allows", sorted(meant)))
        if definition.options.get("either_calendar"):
            hijri = _hijri_meant(event, start=start)
            graded = {h for h in range(min(hijri) - 6, max(hijri) + 7) if qtype.grade(definition, f"{h} هـ") == 1}
            if graded != hijri:
                problems.append((definition.name, language, "accepts AH", sorted(graded), "allowed", sorted(hijri)))


def _check_first(definition, by_title, problems):
    for language in ("ar", "en"):
        start = _asks_start(definition, language)
        years = {c.text[language]: _years_meant(by_title[c.text[language]], start=start) for c in definition.choices}
        could_be_first = {title for title, mine in years.items()
                          if not any(_surely_before(other, mine) for t, other in years.items() if t != title)}
        keyed = {c.text[language] for c in definition.choices if c.fraction == 1}
        surely = {title for title in could_be_first
                  if all(_surely_before(years[title], other) for t, other in years.items() if t != title)}
        if not (could_be_first == keyed == surely):
            problems.append((definition.name, language, "could be first", sorted(could_be_first), "keyed", keyed))


def _check_order(definition, by_title, problems):
    for language in ("ar", "en"):
        start = _asks_start(definition, language)
        years = [_years_meant(by_title[item.text[language]], start=start) for item in definition.items]
        if not all(_surely_before(a, b) for a, b in zip(years, years[1:])):
            problems.append((definition.name, language, "more than one order fits", [sorted(y) for y in years]))


def _check_match(definition, by_title, problems):
    for language in ("ar", "en"):
        start = _asks_start(definition, language)
        offered = {int(pair.answer[language]) for pair in definition.pairs}
        for pair in definition.pairs:
            if pair.is_distractor:
                continue
            fitting = _years_meant(by_title[pair.prompt[language]], start=start) & offered
            if fitting != {int(pair.answer[language])}:
                problems.append((definition.name, language, pair.prompt[language], "fits", sorted(fitting)))


def _check_who(definition, events, problems):
    event = events[definition.events[0]]
    parts = {p.person_id: p.part for p in event.participations.all()}
    for language in ("ar", "en"):
        people = {getattr(p, f"name_{language}"): p for p in Person.objects.all()}
        right, unknown = set(), set()
        for choice in definition.choices:
            person = people[choice.text[language]]
            part = parts.get(person.pk)
            if part in (Part.LED, Part.TOOK_PART):
                right.add(choice.text[language])
            elif part is None and not event.participants_complete:
                alive = (person.death_year is None or person.death_year >= min(event.start_years)) and (
                    person.birth_year is None or person.birth_year <= event.end_year)
                if alive:
                    unknown.add(choice.text[language])
        keyed = {c.text[language] for c in definition.choices if c.fraction == 1}
        if unknown or right != keyed or len(keyed) != 1:
            problems.append((definition.name, language, "right", sorted(right), "maybe", sorted(unknown), "keyed", keyed))
        elif parts[people[next(iter(keyed))].pk] != Part.LED:
            problems.append((definition.name, language, "the key did not lead or command the event"))


def one_right_answer_problems(topic, seed) -> list:
    """Every way a generated question on `topic` has other than exactly one right answer, in either language."""
    events_list = topic_events(topic)
    events = {e.slug: e for e in events_list}
    by_title = events_by_title(topic)
    by_title = {title: events[e.slug] for title, e in by_title.items() if e.slug in events}
    problems: list = []
    for definition in generate_definitions(events=events_list, seed=seed):
        kind = definition.name.split(":")[1]
        if kind == "year":
            _check_year(definition, events, problems)
        elif kind == "first":
            _check_first(definition, by_title, problems)
        elif kind == "order":
            _check_order(definition, by_title, problems)
        elif kind == "match":
            _check_match(definition, by_title, problems)
        elif kind == "who":
            _check_who(definition, events, problems)
    return problems


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_every_generated_question_on_the_demo_has_exactly_one_right_answer(topic, seed):
    assert one_right_answer_problems(topic, seed) == []


PRECISIONS = st.sampled_from(["day", "month", "year"])
EVENT = st.fixed_dictionaries({
    "year": st.integers(1800, 1815), "month": st.integers(1, 12), "precision": PRECISIONS,
    "length": st.sampled_from([0, 0, 0, 1, 2, 4]), "earlier_start": st.sampled_from([0, 0, 0, 1, 2]),
    "complete": st.booleans(),
})
PERSON = st.fixed_dictionaries({
    "birth": st.one_of(st.none(), st.integers(1760, 1815)), "life": st.one_of(st.none(), st.integers(0, 60)),
})
TIMELINE = st.fixed_dictionaries({
    "events": st.lists(EVENT, min_size=1, max_size=9),
    "people": st.lists(PERSON, min_size=0, max_size=7),
    "links": st.lists(st.tuples(st.integers(0, 8), st.integers(0, 6), st.sampled_from(list(Part.values))), max_size=14),
    "seed": st.integers(0, 1000),
})


def build_timeline(make, data):
    topic = make.topic()
    events = []
    for item in data["events"]:
        start = datetime.date(item["year"], 1 if item["precision"] == "year" else item["month"], 1 if item["precision"] != "day" else 15)
        end = start.replace(year=start.year + item["length"], day=28) if item["length"] else None
        others = [start.year - item["earlier_start"]] if item["earlier_start"] else []
        events.append(make.event(topic_obj=topic, start=start, start_precision=item["precision"], end_date=end,
                                 other_start_years=others, participants_complete=item["complete"]))
    people = []
    for item in data["people"]:
        death = item["birth"] + item["life"] if item["birth"] is not None and item["life"] is not None else None
        people.append(make.person(birth_year=item["birth"], death_year=death))
    for event_index, person_index, part in data["links"]:
        if event_index < len(events) and person_index < len(people):
            Participation.objects.get_or_create(event=events[event_index], person=people[person_index],
                                                defaults={"part": part})
    return topic


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=TIMELINE)
def test_every_generated_question_on_any_timeline_has_exactly_one_right_answer(make, data):
    from django.db import transaction

    with transaction.atomic():
        topic = build_timeline(make, data)
        problems = one_right_answer_problems(topic, data["seed"])
        transaction.set_rollback(True)
    assert problems == []


def test_spans_are_asked_when_they_began_and_disputed_starts_are_accepted(topic):
    generated = {d.name: d for d in generate_definitions(events=topic_events(topic), seed=0)}
    numerical = registry.get("numerical")
    withdrawal = generated["generated:year:french-withdrawal"]
    assert "“The French withdrawal” begin?" in withdrawal.text["en"]
    assert "في أيّ عام بدأ «انسحاب القوات الفرنسية»؟" in withdrawal.text["ar"]
    reform = generated["generated:year:reform-war"]
    assert [numerical.grade(reform, y) for y in ("1857", "1858", "1859")] == [1, 1, 0]
    assert reform.numerical_answers[1].feedback["ar"] and reform.numerical_answers[1].feedback["en"]
    puebla = generated["generated:year:battle-of-puebla"]
    assert "<p>في أيّ عام وقع «معركة بويبلا»؟" in puebla.text["ar"] and "take place?" in puebla.text["en"]
    # 5 May 1862 fell in 1278 AH: the Hijri year is accepted, and only that one.
    assert [numerical.grade(puebla, y) for y in ("1278 هـ", "1279 هـ", "1862")] == [1, 0, 1]


def test_who_took_part_keys_a_leader_and_offers_only_people_who_cannot_have(topic):
    generated = [d for seed in range(5) for d in generate_definitions(events=topic_events(topic), seed=seed)
                 if d.name.startswith("generated:who:")]
    keyed = {d.name.split(":")[2]: next(c.text["en"] for c in d.choices if c.fraction == 1) for d in generated}
    assert "capture-of-mexico-city" not in keyed or keyed["capture-of-mexico-city"] == "Élie Frédéric Forey"
    assert keyed["siege-of-queretaro"] == "Maximilian I"
    assert not any(":convention-of-london:" in d.name or ":landing-at-veracruz:" in d.name for d in generated)
