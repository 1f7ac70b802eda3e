from fractions import Fraction

import pytest

from quizzes.definitions import ChoiceDef, QuestionDef
from quizzes.question_types import registry

qtype = registry.get("single_choice")


def question(*fractions):
    return QuestionDef(
        qtype="single_choice",
        text={"ar": "متى وقعت معركة بويبلا؟", "en": "When was the Battle of Puebla?"},
        choices=[ChoiceDef({"ar": f"خيار {i}", "en": f"Option {i}"}, Fraction(f), key=f"k{i}") for i, f in enumerate(fractions)],
    )


def test_walkthrough_right_partial_wrong():
    q = question(1, Fraction(1, 2), 0, -1)
    assert qtype.validate(q) == []
    assert qtype.grade(q, "k0") == 1
    assert qtype.grade(q, "k1") == Fraction(1, 2)
    assert qtype.grade(q, "k2") == 0
    assert qtype.grade(q, "k3") == 0  # never below 0
    assert qtype.grade(q, None) == 0
    assert qtype.correct_response(q) == "k0"
    assert qtype.summarise(q, "k1", "ar") == "خيار 1"
    assert qtype.random_guess_score(q) == Fraction(3, 8)


@pytest.mark.parametrize("fractions, code", [((1,), "too_few_choices"), ((1, 1), "one_right_choice"), ((0, 0), "one_right_choice")])
def test_exactly_one_right_of_at_least_two(fractions, code):
    assert code in [error.code for error in qtype.validate(question(*fractions))]


def test_unknown_choice_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        qtype.clean_response(question(1, 0), "not-a-key")
    assert qtype.clean_response(question(1, 0), "k1") == "k1"


def test_publishing_needs_choices_in_both_languages():
    q = question(1, 0)
    q.choices[1].text = {"ar": "خيار"}
    assert [e.code for e in qtype.translation_errors(q)] == ["missing_translation"]
