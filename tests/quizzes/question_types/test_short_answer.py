from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from quizzes.definitions import AcceptedAnswerDef, QuestionDef
from quizzes.display import DisplayOptions
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


# --- how an answer was accepted, and strict spelling --------------------------------------------------

def zaragoza(**options):
    return QuestionDef(
        qtype="short_answer",
        text={"ar": "مَن هزم الفرنسيين في بويبلا؟", "en": "Who defeated the French at Puebla?"},
        accepted_answers=[
            AcceptedAnswerDef({"ar": "إغناسيو ساراغوسا", "en": "Ignacio Zaragoza"}, Fraction(1), key="a"),
            AcceptedAnswerDef({"ar": "ساراغوسا", "en": "Zaragoza"}, Fraction(1), key="b"),
            AcceptedAnswerDef({"ar": "زاراغوزا"}, Fraction(1), key="c"),
            AcceptedAnswerDef({"ar": "مدرسة البلدة"}, Fraction(1, 2), key="d"),
        ],
        options=options,
    )


@pytest.mark.parametrize(
    "response, standard, reasons",
    [
        ("ساراغوسا", "", []),  # typed as accepted: nothing to say
        ("اغناسيو ساراغوسا", "إغناسيو ساراغوسا", ["hamza"]),
        ("زاراغوزا", "ساراغوسا", ["variant"]),  # the author accepted it as a variant of the standard spelling
        ("زَاراغوزا", "ساراغوسا", ["variant", "diacritics"]),
        ("مدرسه البلده", "مدرسة البلدة", ["ta_marbuta"]),
        ("zaragoza", "", []),  # case says nothing about spelling
        ("Puebla", "", []),  # not accepted at all
    ],
)
def test_the_accepted_form_and_why(response, standard, reasons):
    assert qtype.how_accepted(zaragoza(), response) == (standard, reasons)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_accepted_form_shows_only_with_feedback(language):
    shown = qtype.formulation(zaragoza(), language=language, display=DisplayOptions.everything(),
                              response="اغناسيو ساراغوسا")
    from django.utils import translation

    assert shown.extra["accepted_as"] == "إغناسيو ساراغوسا"
    with translation.override("en"):
        assert [str(reason) for reason in shown.extra["accepted_because"]] == [
            "the hamza or alef form differs (أ، إ، آ، ا)"]
    hidden = qtype.formulation(zaragoza(), language=language, display=DisplayOptions(correctness=True),
                               response="اغناسيو ساراغوسا")
    assert "accepted_as" not in hidden.extra


def test_the_review_renders_the_standard_spelling_and_the_reason():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        view = qtype.formulation(zaragoza(), language="en", display=DisplayOptions.everything(), response="زاراغوزا")
        html = render_to_string(view.template, {"q": view})
    assert "Accepted as the standard spelling:" in html and "<bdi>ساراغوسا</bdi>" in html
    assert "it is a spelling variant the author accepted" in html


def test_strict_spelling_forgives_only_unicode_forms_and_spaces():
    strict = zaragoza(strict=True)
    assert qtype.grade(strict, "  ساراغوسا ") == 1
    assert qtype.grade(strict, "ﺳﺎﺭﺍﻏﻮﺳﺎ") == 1  # presentation forms are the same letters (NFKC)
    assert qtype.grade(strict, "اغناسيو ساراغوسا") == 0  # the hamza is the point
    assert qtype.grade(strict, "سَاراغوسا") == 0
    assert qtype.how_accepted(strict, "ساراغوسا") == ("", [])
    assert qtype.grade(zaragoza(), "اغناسيو ساراغوسا") == 1  # without the option it is forgiven
    assert "strict" in qtype.option_fields()


@pytest.mark.parametrize("language, expected", [("ar", "كيريتارو"), ("en", "Querétaro")])
def test_the_right_answer_is_named_in_the_pages_language(language, expected):
    """A review's key and a live game's reveal name the accepted answer in the page's language, not the first
    language the author wrote."""
    assert qtype.summarise_correct(question(), language) == expected
    view = qtype.formulation(question(), language=language, display=DisplayOptions(right_answer=True), order={})
    assert view.correct_summary == expected


@pytest.mark.parametrize("language, separator", [("ar", "</bdi>، <bdi>"), ("en", "</bdi>, <bdi>")])
def test_the_accepted_answers_are_joined_by_the_pages_list_separator(language, separator):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        view = qtype.formulation(question(), language=language, display=DisplayOptions.everything(), order={})
        html = render_to_string(view.template, {"q": view})
    assert separator in html
