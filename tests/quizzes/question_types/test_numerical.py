from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from quizzes.definitions import NumericalAnswerDef, QuestionDef
from quizzes.display import DisplayOptions
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


# --- either calendar -----------------------------------------------------------------------------------


def year_1862(**options):
    return QuestionDef(qtype="numerical", text={"ar": "في أيّ عام وقعت معركة بويبلا؟", "en": "In which year?"},
                     numerical_answers=[NumericalAnswerDef(Decimal(1862), Decimal(0), Fraction(1))], options=options)


@pytest.mark.parametrize("response, expected", [
    ("1862", 1), ("1278", 1), ("1279", 1), ("١٢٧٩ هـ", 1), ("1279 AH", 1), ("1280", 0), ("1277 هـ", 0),
    ("1862 م", 1), ("1279 م", 0),  # a Gregorian mark reads the number as Gregorian
])
def test_either_calendar_accepts_the_hijri_years_the_year_spans(response, expected):
    assert qtype.grade(year_1862(either_calendar=True), response) == expected


def test_without_the_option_only_the_gregorian_year_counts():
    assert qtype.grade(year_1862(), "1279") == 0
    assert qtype.grade(year_1862(), "1862") == 1


def test_named_hijri_years_replace_the_whole_year_span():
    """A generated question knows the day: 5 May 1862 fell in 1278 AH only."""
    question = year_1862(either_calendar=True, hijri_years=[1278])
    assert qtype.grade(question, "1278") == 1 and qtype.grade(question, "1279") == 0


@pytest.mark.parametrize("language, conversion, key", [
    ("en", "1279 AH ≈ 1862 CE", "1278–1279 AH"),
    ("ar", "1279 AH ≈ 1862 CE", "1278–1279 AH"),  # the Arabic catalog renders "1279 هـ ≈ 1862 م"
])
def test_the_conversion_shows_in_the_feedback_and_the_key(language, conversion, key):
    view = qtype.formulation(year_1862(either_calendar=True), language=language,
                                  display=DisplayOptions.everything(), response="1279")
    assert view.extra["conversion"].replace("هـ", "AH").replace(" م", " CE") == conversion
    assert view.extra["hijri_key"].replace("هـ", "AH") == key
    hidden = qtype.formulation(year_1862(either_calendar=True), language=language,
                                    display=DisplayOptions(correctness=True), response="1279")
    assert "conversion" not in hidden.extra and "hijri_key" not in hidden.extra


def test_a_hijri_year_with_its_mark_is_a_valid_response():
    assert qtype.clean_response(year_1862(either_calendar=True), "1279 هـ") == "1279 هـ"
