from fractions import Fraction

from quizzes.definitions import ChoiceDef, QuestionDef
from quizzes.question_types import registry
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT

qtype = registry.get("true_false")


def question(true_is_right=True):
    return QuestionDef(
        qtype="true_false",
        text={"ar": "أُعدم ماكسيميليان الأول عام 1867.", "en": "Maximilian I was executed in 1867."},
        choices=[ChoiceDef(TRUE_TEXT, Fraction(int(true_is_right)), key="t"),
                 ChoiceDef(FALSE_TEXT, Fraction(int(not true_is_right)), key="f")],
    )


def test_walkthrough_right_and_wrong():
    q = question()
    assert qtype.validate(q) == []
    assert qtype.grade(q, "t") == 1
    assert qtype.grade(q, "f") == 0
    assert qtype.correct_response(q) == "t"
    assert qtype.summarise(q, "f", "ar") == "خطأ"
    assert qtype.random_guess_score(q) == Fraction(1, 2)


def test_needs_one_right_and_one_wrong():
    q = question()
    q.choices[1].fraction = Fraction(1)
    assert [e.code for e in qtype.validate(q)] == ["true_false_shape"]
