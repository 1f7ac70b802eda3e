"""The bench bank holds every type the server grades, each question valid in both languages, and the answers
the load test posts are ones the attempt page's forms would post."""

import pytest
from django.test import RequestFactory

from bench import dataset
from quizzes.question_types import registry

pytestmark = pytest.mark.django_db


def test_the_bench_bank_has_every_self_graded_type_and_every_question_is_valid():
    owner = dataset.teacher()
    bank = dataset.bank(owner=owner, size=200)
    questions = list(bank.questions.with_answers())
    graded = {qtype.name for qtype in registry.all() if qtype.grades_automatically}
    assert {question.qtype for question in questions} == graded == set(dataset.TYPE_MIX)
    for question in questions:
        definition = question.definition()
        qtype = question.question_type
        assert qtype.validate(definition) == [] and qtype.translation_errors(definition) == [], question.name


def test_the_posted_answers_read_back_as_the_right_one_and_a_different_one():
    import random

    from quizzes.definitions import to_json
    from quizzes.models import AttemptQuestion, QuestionVersion
    from quizzes.services.attempts import frozen_order

    bank = dataset.bank(owner=dataset.teacher(), size=120)
    factory = RequestFactory()
    for question in bank.questions.with_answers():
        definition = question.definition()
        slot = AttemptQuestion(position=0, version=QuestionVersion(qtype=definition.qtype, definition=to_json(definition)),
                               order=frozen_order(definition, random.Random(1), shuffle=True))
        qtype = question.question_type
        right = qtype.clean_response(definition, qtype.raw_from_form(factory.post("/", dataset.form_data(slot)).POST, "q0"))
        assert qtype.grade(definition, right) == 1, question.qtype
        other = qtype.clean_response(definition, qtype.raw_from_form(factory.post("/", dataset.other_form_data(slot)).POST, "q0"))
        assert other != right, question.qtype


def test_the_statistics_data_writes_every_column_the_database_requires():
    """bench/dataset.finished_attempts writes its rows with COPY on PostgreSQL, naming its columns: a NOT NULL
    column added to AttemptQuestion later (a model default is Django's, not the database's) broke `make bench`."""
    from quizzes.models import AttemptQuestion, QuestionVersion

    bank = dataset.bank(owner=dataset.teacher(), size=40)
    quiz = dataset.finished_attempts(bank_obj=bank, responses=20, questions=5)
    rows = AttemptQuestion.objects.filter(attempt__quiz=quiz)
    assert rows.count() == 20 and set(rows.values_list("revision", flat=True)) == {0}
