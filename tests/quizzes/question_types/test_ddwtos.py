"""Drag and drop into text (ddwtos): what it shares with select missing words is tested there; here what is its own —
a word fills one gap unless it is unlimited — and its walkthrough."""

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from quizzes.definitions import GapChoiceDef
from quizzes.display import DisplayOptions
from quizzes.models import Quiz, QuizQuestion
from quizzes.question_types import registry
from quizzes.services import attempts as service
from tests.quizzes.question_types.gap_questions import puebla, t

qtype = registry.get("ddwtos")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def two_gaps_one_word():
    """One word, Puebla, is the answer of two gaps."""
    q = puebla("ddwtos")
    q.text = t("<p>[[1]] ثم [[1]] في [[2]]</p>", "<p>[[1]] then [[1]] in [[2]]</p>")
    return q


def test_grading_right_partly_wrong():
    q = puebla("ddwtos")
    assert qtype.validate(q) == [] and qtype.translation_errors(q) == []
    assert qtype.grade(q, {"1": "puebla", "2": "y1862"}) == 1
    assert qtype.grade(q, {"1": "puebla", "2": "y1867"}) == Fraction(1, 2)
    assert qtype.grade(q, {"1": "veracruz", "2": "y1867"}) == 0


def test_a_word_that_is_not_unlimited_fills_one_gap():
    q = puebla("ddwtos")
    q.text = t("<p>[[1]] و[[3]]</p>", "<p>[[1]] and [[3]]</p>")
    with pytest.raises(ValidationError) as refused:
        qtype.clean_response(q, {"1": "puebla", "2": "puebla"})
    assert refused.value.code == "used_twice"
    assert refused.value.messages == ["“Puebla” can fill only one gap."]
    q.gap_choices[0].unlimited = True
    assert qtype.clean_response(q, {"1": "puebla", "2": "puebla"}) == {"1": "puebla", "2": "puebla"}


def test_a_word_meant_for_two_gaps_must_be_unlimited():
    q = two_gaps_one_word()
    assert [e.code for e in qtype.validate(q)] == ["reused_choice"]
    assert registry.get("gapselect").validate(q) == []  # a list offers every choice in every gap
    q.gap_choices[0].unlimited = True
    assert qtype.validate(q) == []
    assert qtype.correct_response(q) == {"1": "puebla", "2": "puebla", "3": "y1862"}
    assert qtype.grade(q, qtype.correct_response(q)) == 1


def test_refusals_name_no_other_groups_word():
    q = puebla("ddwtos")
    for raw in ({"1": "y1862"}, {"2": "puebla"}, {"9": "puebla"}, {"1": 5}):
        with pytest.raises(ValidationError) as refused:
            qtype.clean_response(q, raw)
        assert refused.value.code == "invalid_response", raw


def test_the_pool_holds_every_word_group_by_group_and_says_which_are_unlimited():
    q = puebla("ddwtos")
    q.gap_choices[1].unlimited = True
    view = qtype.formulation(q, language="ar", display=DisplayOptions.hidden(),
                             order={"groups": {"1": ["veracruz", "puebla"], "2": ["y1867", "y1862"]}})
    assert [(i.key, i.group, i.unlimited) for i in view.extra["pool"]] == [
        ("veracruz", 1, False), ("puebla", 1, False), ("y1867", 2, False), ("y1862", 2, True)]
    assert view.extra["pool"][1].text == "بويبلا"


def test_the_template_has_the_lists_for_no_javascript_and_the_pool_for_it():
    from django.template.loader import render_to_string

    from quizzes.rendering import question_context

    html = render_to_string("quizzes/question.html", question_context(
        puebla("ddwtos"), display=DisplayOptions.hidden(), language="ar", mode="review", disabled=True))
    assert html.count("<select") == 2  # a review or preview: disabled lists, no pool
    assert "data-pool" not in html and "data-ddwtos" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("texts, state, score", [
    (("Puebla", "1862"), "right", 1),
    (("Veracruz", "1862"), "partial", Fraction(1, 2)),
    ((None, "1867"), "wrong", 0),
])
def test_walkthrough_right_partly_wrong(make, learner_user, now, texts, state, score):
    """Start an attempt, answer, submit: the slot's state and the attempt's mark."""
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Drag", title_ar="سحب", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=puebla("ddwtos")))
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    slot = attempt.slots.get()
    keys = {c.text["en"]: c.key for c in slot.definition.gap_choices}
    raw = {str(gap): keys[text] for gap, text in enumerate(texts, start=1) if text}
    service.attempt_save_response(attempt=attempt, position=0, raw=raw, now=now)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.slots.get().state == state and Fraction(attempt.score) == score


def test_two_words_with_the_same_text_fill_either_gap():
    q = puebla("ddwtos")
    q.gap_choices.append(GapChoiceDef(t("بويبلا", "Puebla"), group=1, key="puebla2"))
    q.text = t("<p>[[1]] [[5]]</p>", "<p>[[1]] [[5]]</p>")
    assert qtype.grade(q, {"1": "puebla2", "2": "puebla"}) == 1
