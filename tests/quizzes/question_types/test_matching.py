from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from quizzes.definitions import MatchingPairDef, QuestionDef
from quizzes.question_types import registry

qtype = registry.get("matching")


def question():
    pairs = [
        ({"ar": "معركة بويبلا", "en": "Battle of Puebla"}, {"ar": "1862", "en": "1862"}),
        ({"ar": "سقوط مكسيكو", "en": "Fall of Mexico City"}, {"ar": "1863", "en": "1863"}),
        ({"ar": "إعدام ماكسيميليان", "en": "Execution of Maximilian"}, {"ar": "1867", "en": "1867"}),
        ({}, {"ar": "1870", "en": "1870"}),  # distractor
    ]
    return QuestionDef(
        qtype="matching", text={"ar": "طابق", "en": "Match"},
        pairs=[MatchingPairDef(p, a, key=f"p{i}", answer_key=f"a{i}") for i, (p, a) in enumerate(pairs)],
    )


def test_walkthrough_right_partial_wrong():
    q = question()
    assert qtype.validate(q) == []
    assert qtype.grade(q, {"p0": "a0", "p1": "a1", "p2": "a2"}) == 1
    assert qtype.grade(q, {"p0": "a0", "p1": "a2", "p2": "a1"}) == Fraction(1, 3)
    assert qtype.grade(q, {"p0": "a3", "p1": "a0"}) == 0
    assert qtype.grade(q, {}) == 0
    assert qtype.correct_response(q) == {"p0": "a0", "p1": "a1", "p2": "a2"}
    assert qtype.random_guess_score(q) == Fraction(1, 4)
    assert qtype.summarise(q, {"p0": "a0"}, "en").startswith("Battle of Puebla → 1862; Fall of Mexico City → —")


def test_prompts_sharing_an_answer_text_are_both_right():
    q = question()
    q.pairs[1].answer = {"ar": "1862", "en": "1862"}
    assert qtype.grade(q, {"p0": "a1", "p1": "a0", "p2": "a2"}) == 1


def test_needs_two_pairs():
    q = question()
    q.pairs = q.pairs[:1] + q.pairs[3:]
    assert "too_few_pairs" in [e.code for e in qtype.validate(q)]


def test_responses_naming_other_keys_are_refused():
    with pytest.raises(ValidationError):
        qtype.clean_response(question(), {"p0": "zz"})
    with pytest.raises(ValidationError):
        qtype.clean_response(question(), {"p3": "a0"})  # a distractor is not a prompt
