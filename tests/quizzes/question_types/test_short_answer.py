from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from quizzes.definitions import AcceptedAnswerDef, QuestionDef
from quizzes.question_types import registry

qtype = registry.get("short_answer")


def question():
    return QuestionDef(
        qtype="short_answer",
        text={"ar": "في أي مدينة أُعدم ماكسيميليان؟", "en": "In which city was Maximilian executed?"},
        accepted_answers=[
            AcceptedAnswerDef({"ar": "كيريتارو", "en": "Querétaro"}, Fraction(1), key="a"),
            AcceptedAnswerDef({"en": "Queretaro city"}, Fraction(1), key="b"),
            AcceptedAnswerDef({"ar": "المكسيك", "en": "Mexico"}, Fraction(1, 4), key="c"),
            AcceptedAnswerDef({"en": "*"}, Fraction(0), key="d"),
        ],
    )


@pytest.mark.parametrize(
    "response, expected",
    [
        ("كيريتارو", 1),
        ("كِيرِيتَارُو", 1),  # tashkeel ignored
        ("Querétaro", 1),  # the English form typed on an Arabic page counts
        ("QUERETARO", 1),
        ("  queretaro  city ", 1),
        ("المكسيك", Fraction(1, 4)),
        ("mexico", Fraction(1, 4)),
        ("بويبلا", 0),
        ("", 0),
    ],
)
def test_walkthrough_right_partial_wrong(response, expected):
    assert qtype.grade(question(), response) == expected


def test_validation_needs_a_fully_right_answer():
    q = question()
    assert qtype.validate(q) == []
    for answer in q.accepted_answers:
        answer.fraction = Fraction(1, 2)
    assert [e.code for e in qtype.validate(q)] == ["no_full_answer"]


def test_publishing_needs_a_right_answer_in_each_language():
    q = question()
    q.accepted_answers = [AcceptedAnswerDef({"en": "Querétaro"}, Fraction(1))]
    assert [e.code for e in qtype.translation_errors(q)] == ["missing_translation"]


def test_too_long_answers_are_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        qtype.clean_response(question(), "x" * 501)
    assert error.value.code == "too_long"


def test_correct_response_prefers_a_real_answer_over_a_wildcard():
    assert qtype.correct_response(question()) == "كيريتارو"
