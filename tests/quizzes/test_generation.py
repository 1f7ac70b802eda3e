"""Questions generated from events: keys true to the data in both languages, never ambiguous, seeded."""

import datetime
from collections import Counter

import pytest

from history.models import Event
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
