"""Reading many questions' definitions at once (`QuestionQuerySet.definitions`, which `snapshots` uses when an
attempt draws questions for the first time) gives exactly what each question's own relations give."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes import definitions as defs
from quizzes.models import Question, Tag
from tests.quizzes.question_types.gap_questions import puebla

pytestmark = pytest.mark.django_db


def bank_of_every_kind(make):
    """A question of every type, so every kind of answer row is there, with hints, tags and events."""
    bank = make.bank()
    topic = make.topic()
    events = [make.event(topic_obj=topic), make.event(topic_obj=topic)]
    tags = [Tag.objects.create(name="puebla"), Tag.objects.create(name="maximilian")]
    questions = []
    for index, definition in enumerate([*make.definitions_of_every_type(), puebla("gap_select"),
                                        make.essay_def(), make.description_def()]):
        definition.hints = [{"ar": "تلميح", "en": f"Hint {index}"}, {"ar": "آخر", "en": "Another"}]
        question = make.question(bank_obj=bank, definition=definition)
        question.events.set(events[: index % 3])
        question.tags.set(tags[index % 2:])
        questions.append(question)
    # A row moved up after it was made: its place, not its id, orders it.
    moved = questions[0].choices.order_by("pk").first()
    moved.position = 99
    moved.save()
    questions[0].save()
    return questions


def test_definitions_in_bulk_equal_each_questions_own(make):
    questions = bank_of_every_kind(make)
    pks = [question.pk for question in questions]
    expected = {question.pk: defs.to_json(question.definition())
                for question in Question.objects.with_answers().filter(pk__in=pks)}
    with CaptureQueriesContext(connection) as captured:
        found = {question.pk: defs.to_json(definition) for question, definition in Question.objects.definitions(pks)}
    assert found == expected
    first = found[questions[0].pk]["choices"]
    assert first[-1]["key"] == questions[0].choices.order_by("pk").first().key  # the moved row comes last
    assert any(found[pk]["gap_choices"] for pk in pks) and any(found[pk]["pairs"] for pk in pks)
    assert all(found[pk]["hints"] for pk in pks) and any(found[pk]["events"] for pk in pks)
    # The questions, six kinds of answer rows, the hints, the events and the tags: one query each, however many.
    assert len(captured.captured_queries) == 10


def test_snapshots_read_for_the_first_time_equal_the_questions_own_definitions(make):
    questions = bank_of_every_kind(make)
    pks = [question.pk for question in questions]
    snapshots = Question.objects.snapshots(pks)
    for question in Question.objects.with_answers().filter(pk__in=pks):
        assert snapshots[question.pk] == defs.to_json(question.definition())
