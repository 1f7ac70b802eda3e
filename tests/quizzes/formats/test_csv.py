from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation
from hypothesis import given, settings, strategies as st

from quizzes.definitions import (
    AcceptedAnswerDef, ChoiceDef, MatchingPairDef, NumericalAnswerDef, OrderingItemDef, QuestionDef,
)
from quizzes.formats import csv as csv_format
from quizzes.formats.base import FormatError, ParseResult
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English here; their Arabic is checked by the catalog tests."""
    with translation.override("en"):
        yield

SPREADSHEET = """type;name;text_ar;text_en;answer1_ar;answer1_en;answer1_fraction;answer2_ar;answer2_en;answer2_fraction;tags;events;difficulty
single_choice;Puebla;متى وقعت معركة بويبلا؟;When was the Battle of Puebla?;١٨٦٢;1862;100;1863;1863;0;battles|1862;;easy
short_answer;City;أين أُعدم ماكسيميليان؟;Where was Maximilian executed?;كيريتارو;Querétaro;100%;;;;;;hard
"""


def test_a_teachers_spreadsheet_with_semicolons_and_arabic_digits():
    result = csv_format.parse(SPREADSHEET)
    assert result.errors == [] and len(result.questions) == 2
    first, second = result.questions
    assert first.qtype == "single_choice" and first.text["ar"] == "متى وقعت معركة بويبلا؟"
    assert [c.fraction for c in first.choices] == [1, 0]
    assert first.choices[0].text == {"ar": "١٨٦٢", "en": "1862"}
    assert first.tags == ["battles", "1862"] and first.difficulty == "easy"
    assert second.accepted_answers[0].text == {"ar": "كيريتارو", "en": "Querétaro"}
    assert second.source == "row 3 (“City”)"


def test_errors_name_the_row():
    result = csv_format.parse("type,text_en\nlong_essay,Write\nsingle_choice,ok\n")
    assert [str(p) for p in result.errors][0].startswith("row 2: unknown type “long_essay”")
    result = csv_format.parse("type,text_en,answer1_en,answer1_fraction\nsingle_choice,Q,a,lots\n")
    assert "“lots” is not a percentage." in str(result.errors[0])


def test_a_file_without_the_type_column_is_refused():
    with pytest.raises(FormatError, match="must name the columns"):
        csv_format.parse("question,answer\nWhen?,1862\n")
    with pytest.raises(FormatError):
        csv_format.parse("   ")


def all_types():
    text = lambda ar, en: {"ar": ar, "en": en}  # noqa: E731
    return [
        QuestionDef(qtype="single_choice", name="sc", text=text("<p>س</p>", "<p>Q</p>"), points=Decimal(2),
                    general_feedback=text("ع", "g"), explanation=text("ش", "e"), tags=["a", "b"], difficulty="hard",
                    choices=[ChoiceDef(text("أ", "a"), Fraction(1), text("ت", "f")), ChoiceDef(text("ب", "b"), Fraction(0))]),
        QuestionDef(qtype="multiple_response", name="mr", text=text("س", "Q"),
                    choices=[ChoiceDef(text("أ", "a"), Fraction(1, 3)), ChoiceDef(text("ب", "b"), Fraction(2, 3)),
                             ChoiceDef(text("ج", "c"), Fraction(-1, 2))]),
        QuestionDef(qtype="true_false", name="tf", text=text("س", "Q"),
                    choices=[ChoiceDef(TRUE_TEXT, Fraction(0)), ChoiceDef(FALSE_TEXT, Fraction(1))]),
        QuestionDef(qtype="short_answer", name="sa", text=text("س", "Q"),
                    accepted_answers=[AcceptedAnswerDef(text("بويبلا", "Puebla"), Fraction(1)),
                                      AcceptedAnswerDef({"en": "Puebla*"}, Fraction(1, 2))]),
        QuestionDef(qtype="numerical", name="nu", text=text("س", "Q"), options={"unit": "km"},
                    numerical_answers=[NumericalAnswerDef(Decimal("1862"), Decimal("0.5"), Fraction(1))]),
        QuestionDef(qtype="matching", name="ma", text=text("س", "Q"),
                    pairs=[MatchingPairDef(text("أ", "a"), text("1", "1")), MatchingPairDef(text("ب", "b"), text("2", "2")),
                           MatchingPairDef({}, text("3", "3"))]),
        QuestionDef(qtype="ordering", name="or", text=text("س", "Q"),
                    items=[OrderingItemDef(text(str(i), str(i))) for i in range(4)]),
    ]


def comparable(q: QuestionDef) -> QuestionDef:
    q.source = ""
    clean = lambda t: {k: v for k, v in t.items() if v}  # noqa: E731
    q.text, q.general_feedback, q.explanation = clean(q.text), clean(q.general_feedback), clean(q.explanation)
    for row in [*q.choices, *q.accepted_answers, *q.numerical_answers]:
        row.feedback = clean(row.feedback)
        if hasattr(row, "text"):
            row.text = clean(row.text)
    for pair in q.pairs:
        pair.prompt, pair.answer = clean(pair.prompt), clean(pair.answer)
    for item in q.items:
        item.text = clean(item.text)
    return q


def test_round_trip_of_every_type():
    originals = all_types()
    again = csv_format.parse(csv_format.export(all_types()))
    assert again.errors == []
    assert [comparable(q) for q in again.questions] == [comparable(q) for q in originals]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_input_parses_or_raises_a_format_error(text):
    try:
        assert isinstance(csv_format.parse(text), ParseResult)
    except FormatError:
        pass
