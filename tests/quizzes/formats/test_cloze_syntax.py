"""Moodle's embedded answers syntax: every code Moodle documents, weights, feedback, escapes, and syntax → data →
syntax round trips (quizzes/formats/cloze_syntax.py)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from quizzes.formats.cloze_syntax import (
    CHOICE,
    DROPDOWN,
    HORIZONTAL,
    NUMERICAL,
    SHORT_ANSWER,
    VERTICAL,
    parse,
    placeholders,
    write_gap,
    write_text,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def one_gap(text):
    parsed = parse(text)
    assert not parsed.problems, [str(p.message) for p in parsed.problems]
    (gap,) = parsed.gaps
    return gap


@pytest.mark.parametrize("code, kind, case_sensitive", [
    ("SHORTANSWER", SHORT_ANSWER, False), ("SA", SHORT_ANSWER, False), ("MW", SHORT_ANSWER, False),
    ("SHORTANSWER_C", SHORT_ANSWER, True), ("SAC", SHORT_ANSWER, True), ("MWC", SHORT_ANSWER, True),
    ("NUMERICAL", NUMERICAL, False), ("NM", NUMERICAL, False),
])
def test_typed_gap_codes(code, kind, case_sensitive):
    gap = one_gap(f"x {{1:{code}:=1862}} y")
    assert (gap.kind, gap.case_sensitive, gap.multiple) == (kind, case_sensitive, False)


@pytest.mark.parametrize("code, layout, shuffle, multiple", [
    ("MULTICHOICE", DROPDOWN, False, False), ("MC", DROPDOWN, False, False),
    ("MULTICHOICE_V", VERTICAL, False, False), ("MCV", VERTICAL, False, False),
    ("MULTICHOICE_H", HORIZONTAL, False, False), ("MCH", HORIZONTAL, False, False),
    ("MULTICHOICE_S", DROPDOWN, True, False), ("MCS", DROPDOWN, True, False),
    ("MULTICHOICE_VS", VERTICAL, True, False), ("MCVS", VERTICAL, True, False),
    ("MULTICHOICE_HS", HORIZONTAL, True, False), ("MCHS", HORIZONTAL, True, False),
    ("MULTIRESPONSE", VERTICAL, False, True), ("MR", VERTICAL, False, True),
    ("MULTIRESPONSE_H", HORIZONTAL, False, True), ("MRH", HORIZONTAL, False, True),
    ("MULTIRESPONSE_S", VERTICAL, True, True), ("MRS", VERTICAL, True, True),
    ("MULTIRESPONSE_HS", HORIZONTAL, True, True), ("MRHS", HORIZONTAL, True, True),
])
def test_choice_gap_codes(code, layout, shuffle, multiple):
    gap = one_gap(f"{{1:{code}:=Puebla~Veracruz}}")
    assert (gap.kind, gap.layout, gap.shuffle, gap.multiple) == (CHOICE, layout, shuffle, multiple)


def test_the_text_keeps_placeholders_and_no_answer():
    parsed = parse("<p>Maximilian was shot at {1:SA:=Querétaro} in {2:NM:=1867}.</p>")
    assert parsed.text == "<p>Maximilian was shot at {#1} in {#2}.</p>"
    assert placeholders(parsed.text) == [1, 2] and "Querétaro" not in parsed.text


def test_weights_fractions_and_feedback():
    gap = one_gap("{3:SA:=Veracruz#Yes~%50%Vera Cruz#The old spelling~%-25%x~*#No}")
    assert gap.weight == 3
    assert [(a.text, a.fraction, a.feedback) for a in gap.answers] == [
        ("Veracruz", 1, "Yes"), ("Vera Cruz", Fraction(1, 2), "The old spelling"), ("x", Fraction(-1, 4), ""),
        ("*", 0, "No")]


def test_an_empty_weight_is_one_and_arabic_digits_and_percent_signs_are_read():
    assert one_gap("{:SA:=a}").weight == 1
    gap = one_gap("{٢:NM:=١٨٦٧:٠~٪٥٠٪١٨٦٦}")
    assert gap.weight == 2
    assert [(a.value, a.tolerance, a.fraction) for a in gap.answers] == [
        (Decimal(1867), 0, 1), (Decimal(1866), 0, Fraction(1, 2))]


def test_numerical_answers_with_tolerance_comma_decimals_exponents_and_any_number():
    gap = one_gap("{1:NUMERICAL:=1862:1~%50%2,5:0,5~%25%3e2~%0%*#Count again}")
    assert [(a.value, a.tolerance) for a in gap.answers] == [
        (Decimal(1862), Decimal(1)), (Decimal("2.5"), Decimal("0.5")), (Decimal(300), 0), (None, 0)]


def test_what_cannot_be_read_names_the_gap():
    parsed = parse("{1:SA:=a} {1:NUMERICAL:=zero} {1:FOO:=x} {1:SA:=a~~=b} {1:SA:=open")
    assert [(p.gap, p.code) for p in parsed.problems] == [
        (2, "not_a_number"), (3, "unknown_kind"), (4, "empty_answer"), (5, "unclosed")]
    assert str(parsed.problems[0].message) == "the answer “zero” must be a number, for example -1.234 or 3e8, or “*”."


def test_a_gap_without_answers_is_still_a_gap():
    gap = parse("Please select the fruits {1:MULTICHOICE}").gaps[0]
    assert (gap.kind, gap.answers) == (CHOICE, [])
    assert parse("Please select the fruits.").gaps == []


@pytest.mark.parametrize("written, text", [
    (r"\}", "}"), (r"\#", "#"), (r"\~", "~"), (r"\/", "/"), (r"\"", '"'), ("\\\\", "\\"),
])
def test_escapes(written, text):
    gap = one_gap("{1:SA:=a%sb#f%sg}" % (written, written))
    assert (gap.answers[0].text, gap.answers[0].feedback) == (f"a{text}b", f"f{text}g")


def test_a_hash_of_an_html_entity_is_not_feedback():
    gap = one_gap("{1:MC:=Tea &#38; cake#yes~Fish &amp;#38; chips}")
    assert [(a.text, a.feedback) for a in gap.answers] == [("Tea &#38; cake", "yes"), ("Fish &amp;#38; chips", "")]


def test_a_leading_tilde_is_read_as_moodle_reads_it():
    gap = one_gap("{1:MR:~=France~=Spain~Prussia}")
    assert [a.text for a in gap.answers] == ["France", "Spain", "Prussia"]


def test_multiple_response_is_scaled_as_moodle_scales_it():
    plain = one_gap("{1:MR:=France~=Spain~=Britain~Austria}")
    assert [a.fraction for a in plain.answers] == [Fraction(1, 3)] * 3 + [Fraction(-1, 3)]
    weighted = one_gap("{1:MRH:%100%a~%100%b~c}")  # with a weight, wrong answers cost nothing unless told
    assert [a.fraction for a in weighted.answers] == [Fraction(1, 2), Fraction(1, 2), 0]


@pytest.mark.parametrize("written", [
    "{1:SA:=Veracruz#Yes~%50%Vera Cruz~*#No}",
    "{2:SAC:=Juárez}",
    "{1:NM:=1862:1~%50%1863~*#Count again}",
    "{1:MC:Spain~=France#Yes~Britain}",
    "{1:MCV:=Puebla~Veracruz}", "{1:MCH:=Puebla~Veracruz}", "{1:MCS:=Puebla~Veracruz}",
    "{1:MCVS:=Puebla~Veracruz}", "{1:MCHS:=Puebla~%-50%Veracruz~%25%Orizaba}",
    "{1:MR:%50%France~%50%Spain~%-50%Prussia}", "{1:MRH:%50%a~%50%b~%0%c}", "{1:MRS:%100%a~%-100%b}",
    "{1:MRHS:%100%a~%-100%b}",
    r"{1:SA:=a\}b~=c\#d~=e\~f~=k\\l#feed\}back #1 \~ ok}",
    "{1:SA:%0%=x~=y}",
])
def test_syntax_to_data_to_syntax(written):
    gap = one_gap(written)
    assert write_gap(gap) == written
    assert one_gap(write_gap(gap)) == gap


def test_long_codes_are_written_short_and_read_back_the_same():
    for long, short in [("SHORTANSWER", "SA"), ("MULTICHOICE_VS", "MCVS"), ("MULTIRESPONSE_HS", "MRHS"),
                        ("NUMERICAL", "NM"), ("SHORTANSWER_C", "SAC"), ("MW", "SA"), ("MWC", "SAC")]:
        gap = one_gap(f"{{1:{long}:=1~%0%2}}")
        assert write_gap(gap).startswith(f"{{1:{short}:") and one_gap(write_gap(gap)) == gap


def test_write_text_puts_the_gaps_back():
    parsed = parse("<p>{1:SA:=a} and {2:NM:=3}</p>")
    assert write_text(parsed.text, {n: write_gap(g) for n, g in enumerate(parsed.gaps, start=1)}) == (
        "<p>{1:SA:=a} and {2:NM:=3}</p>")
    assert write_text("{#1} {#9}", {1: "{1:SA:=a}"}) == "{1:SA:=a} {#9}"
