"""The demo banks: every type in both languages, the new types' tour and the certainty quiz, and upgrades
that add what a new version ships without bringing back what a teacher deleted."""

import io

import pytest
from django.core.management import call_command

from quizzes import demo_content
from quizzes.models import Behaviour, Question, Quiz, QuizQuestion
from quizzes.question_types import registry

pytestmark = pytest.mark.django_db


def test_every_question_type_has_at_least_two_bilingual_demo_questions():
    definitions = demo_content.QUESTIONS + demo_content.ESSAY_QUESTIONS
    for qtype in registry.names():
        of_type = [d for d in definitions if d.qtype == qtype]
        assert len(of_type) >= 2, qtype
        for definition in of_type:
            kind = registry.get(qtype)
            assert kind.validate(definition) == [] and kind.translation_errors(definition) == [], definition.name


def test_demo_question_names_are_unique_since_upgrades_find_questions_by_name():
    names = [d.name for d in demo_content.QUESTIONS + demo_content.ESSAY_QUESTIONS]
    assert len(names) == len(set(names))


def test_essays_and_sources_are_kept_out_of_the_bank_that_random_draws_use():
    assert {d.qtype for d in demo_content.ESSAY_QUESTIONS} == {"essay", "description"}
    assert not {d.qtype for d in demo_content.QUESTIONS} & {"essay", "description"}


def test_the_tours_and_the_certainty_quiz(demo):
    seven = Quiz.objects.get(title_en="Tour of the seven question types")
    assert seven.fixed_questions.count() == 7
    five = Quiz.objects.get(title_en="Tour of five more question types")
    assert five.behaviour == Behaviour.INTERACTIVE
    assert [q.question.qtype for q in five.fixed_questions.order_by("position")] == [
        "cloze", "gapselect", "ddwtos", "description", "essay"]
    sure = Quiz.objects.get(title_en="How sure are you? The road to Querétaro")
    assert sure.behaviour == Behaviour.DEFERRED_CBM and sure.fixed_questions.count() == 6


def test_an_upgrade_adds_new_demo_questions_but_not_deleted_ones(demo):
    new = Question.objects.get(name="Maximilian's empire")
    bank = new.bank
    new.delete()  # as if the bank had been loaded by the version before this one
    in_quizzes = QuizQuestion.objects.values("question")
    shipped = Question.objects.filter(bank=bank, qtype="single_choice").exclude(pk__in=in_quizzes).order_by("pk")[0]
    shipped.delete()  # a teacher deleted a question an earlier version shipped
    call_command("loaddemo", stdout=io.StringIO())
    assert Question.objects.filter(bank=bank, name="Maximilian's empire", qtype="cloze").exists()
    assert not Question.objects.filter(bank=bank, name=shipped.name).exists()
