from fractions import Fraction

from quizzes.definitions import ChoiceDef, QuestionDef
from quizzes.question_types import registry

qtype = registry.get("multiple_response")


def question(*fractions):
    return QuestionDef(
        qtype="multiple_response",
        text={"ar": "أي الدول وقّعت اتفاقية لندن؟", "en": "Which countries signed the Convention of London?"},
        choices=[ChoiceDef({"ar": f"دولة {i}", "en": f"Country {i}"}, Fraction(f), key=f"k{i}")
                 for i, f in enumerate(fractions)],
    )


def test_walkthrough_right_partial_wrong():
    q = question(Fraction(1, 3), Fraction(1, 3), Fraction(1, 3), 0, -1)
    assert qtype.validate(q) == []
    assert qtype.grade(q, ["k0", "k1", "k2"]) == 1
    assert qtype.grade(q, ["k0", "k1"]) == Fraction(2, 3)
    # A wrong pick left at 0 by the author still costs one right pick's worth (1/3).
    assert qtype.grade(q, ["k0", "k1", "k3"]) == Fraction(1, 3)
    assert qtype.grade(q, ["k0", "k4"]) == 0  # never below 0
    assert qtype.grade(q, []) == 0
    assert qtype.grade(q, ["k0", "k1", "k2", "k3", "k4"]) == 0  # ticking every box does not pay


def test_correct_response_and_summary():
    q = question(Fraction(1, 2), Fraction(1, 2), 0)
    assert qtype.correct_response(q) == ["k0", "k1"]
    assert qtype.summarise(q, ["k1", "k0"], "en") == "Country 0; Country 1"


def test_fractions_must_add_up_to_100_percent():
    assert [e.code for e in qtype.validate(question(Fraction(33, 100), Fraction(33, 100), 0))] == ["fractions_sum"]
    # Moodle writes thirds as 33.33333%: close enough.
    third = Fraction(3333333, 10000000)
    assert qtype.validate(question(third, third, third)) == []


def test_random_guess_score_is_the_expected_grade_of_coin_flips():
    # Two right halves and one wrong option costing 1/2. Of the 8 equally likely tick patterns:
    # {} 0, {a} 1/2, {b} 1/2, {c} 0, {a,b} 1, {a,c} 0, {b,c} 0, {a,b,c} 1/2 — they add up to 5/2.
    q = question(Fraction(1, 2), Fraction(1, 2), 0)
    assert qtype.random_guess_score(q) == Fraction(5, 16)


def test_clean_response_keeps_question_order_and_refuses_unknown_keys():
    import pytest
    from django.core.exceptions import ValidationError

    q = question(Fraction(1, 2), Fraction(1, 2), 0)
    assert qtype.clean_response(q, ["k1", "k0", "k1"]) == ["k0", "k1"]
    with pytest.raises(ValidationError):
        qtype.clean_response(q, ["k0", "evil"])


def test_thirds_stored_as_decimals_add_up_to_full_marks(db, make):
    from quizzes.services import question_create_from_definition

    third = Fraction(1, 3)
    stored = question_create_from_definition(bank=make.bank(), definition=question(third, third, third, -1))
    definition = type(stored).objects.with_answers().get(pk=stored.pk).definition()
    assert qtype.grade(definition, [c.key for c in definition.choices[:3]]) == 1
