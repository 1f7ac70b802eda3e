from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from quizzes.definitions import OrderingItemDef, QuestionDef
from quizzes.question_types import registry

qtype = registry.get("ordering")


def question(n=4):
    return QuestionDef(
        qtype="ordering", text={"ar": "رتّب الأحداث", "en": "Put the events in order"},
        items=[OrderingItemDef({"ar": f"حدث {i}", "en": f"Event {i}"}, key=f"i{i}") for i in range(n)],
    )


def test_walkthrough_right_partial_wrong():
    q = question()
    assert qtype.validate(q) == []
    assert qtype.grade(q, ["i0", "i1", "i2", "i3"]) == 1
    # One item moved: i0→i1 kept, i2→i3 kept, i1→i3 broken... two of three neighbours right.
    assert qtype.grade(q, ["i0", "i1", "i3", "i2"]) == Fraction(1, 3)
    assert qtype.grade(q, ["i2", "i3", "i0", "i1"]) == Fraction(2, 3)
    assert qtype.grade(q, ["i3", "i2", "i1", "i0"]) == 0
    assert qtype.random_guess_score(q) == Fraction(1, 4)
    # The arrow points the way Arabic reads (issue 14: "→" inside Arabic pointed back to the first item).
    assert qtype.summarise(q, ["i1", "i0"], "ar") == "حدث 1 ← حدث 0"
    assert qtype.summarise(q, ["i1", "i0"], "en").count(" → ") == 1


def test_needs_three_items():
    assert [e.code for e in qtype.validate(question(2))] == ["too_few_items"]


def test_response_must_be_a_permutation_of_the_items():
    with pytest.raises(ValidationError):
        qtype.clean_response(question(), ["i0", "i1", "i2"])
    with pytest.raises(ValidationError):
        qtype.clean_response(question(), ["i0", "i1", "i2", "x"])
