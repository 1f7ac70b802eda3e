from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from quizzes.definitions import NumericalAnswerDef, QuestionDef
from quizzes.question_types import registry
from quizzes.question_types.numerical import parse_number

qtype = registry.get("numerical")


def question(unit=""):
    return QuestionDef(
        qtype="numerical",
        text={"ar": "في أي عام أُعدم ماكسيميليان؟", "en": "In which year was Maximilian executed?"},
        numerical_answers=[
            NumericalAnswerDef(Decimal(1867), Decimal(0), Fraction(1), key="a"),
            NumericalAnswerDef(Decimal(1867), Decimal(1), Fraction(1, 2), key="b"),
        ],
        options={"unit": unit} if unit else {},
    )


@pytest.mark.parametrize(
    "response, expected",
    [("1867", 1), ("١٨٦٧", 1), ("۱۸۶۷", 1), (" 1867 ", 1), ("1867.0", 1), ("1866", Fraction(1, 2)),
     ("1868", Fraction(1, 2)), ("1865", 0), ("year", 0), ("", 0)],
)
def test_walkthrough_right_partial_wrong(response, expected):
    assert qtype.grade(question(), response) == expected


def test_arabic_decimal_separator_and_unit():
    q = QuestionDef(qtype="numerical", text={"en": "Distance?"},
                    numerical_answers=[NumericalAnswerDef(Decimal("6.25"), Decimal("0.05"), Fraction(1))],
                    options={"unit": "km"})
    assert qtype.grade(q, "٦٫٢٧") == 1
    assert qtype.grade(q, "6.3 km") == 1
    assert qtype.grade(q, "6.4") == 0


def test_parse_number():
    assert parse_number("١٬٨٦٢") == Decimal(1862)
    assert parse_number("1,862") == Decimal(1862)
    assert parse_number("-3.5") == Decimal("-3.5")
    assert parse_number("12 apples") is None


def test_tolerance_cannot_be_negative_and_a_full_answer_is_needed():
    q = question()
    q.numerical_answers[0].tolerance = Decimal(-1)
    q.numerical_answers[0].fraction = Fraction(1, 2)
    assert sorted(e.code for e in qtype.validate(q)) == ["negative_tolerance", "no_full_answer"]


def test_non_numbers_are_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        qtype.clean_response(question(), "eighteen sixty-seven")
    assert error.value.code == "not_a_number"
