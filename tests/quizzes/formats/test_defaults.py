"""The formats' defaults: a question type that brings no import/export hook of its own round-trips through
GIFT, Moodle XML and CSV; a file naming a type this site does not have is refused question by question; and the
types that do bring hooks are found through the registry (GIFT by priority, Moodle XML by Moodle's type name)."""

import csv
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from quizzes.definitions import (
    AcceptedAnswerDef,
    ChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.formats import csv as csv_format, gift, moodlexml
from quizzes.formats.base import FormatError
from quizzes.question_types import registry
from quizzes.question_types.base import ZERO, QuestionType

FORMATS = {"gift": gift, "moodlexml": moodlexml, "csv": csv_format}
OPTIONS = {"year": 1862, "within": 2}


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the suite starts each test in Arabic)."""
    with translation.override("en"):
        yield


class YearGuess(QuestionType):
    """A throwaway type: its data is in `options`; it brings no format hook."""

    name = "year_guess"
    label = "Year guess"
    answer_rows = None

    def validate(self, definition):
        return []

    def grade(self, definition, response):
        return ZERO

    def correct_response(self, definition):
        return str(definition.options["year"])

    def summarise(self, definition, response, language):
        return response or ""

    def clean_response(self, definition, raw):
        return self.clean_typed_text(raw)


def both(ar: str, en: str) -> dict:
    return {"ar": ar, "en": en}


ROWS = {
    "choices": [
        ChoiceDef(both("١٨٦٢ م", "1862 AD"), Fraction(1), both("<p>أحسنت</p>", "<p>Well done</p>")),
        ChoiceDef({"en": "%50% of [plain] = {x} ~ #y -> z"}, Fraction(-1, 4)),
        ChoiceDef(both("سنة ١٨٦٣", "1863"), Fraction(0), {"en": "<p>A year late</p>"}),
    ],
    "accepted_answers": [
        AcceptedAnswerDef(both("بويبلا", "Puebla"), Fraction(1), both("<p>نعم</p>", "<p>Yes</p>")),
        AcceptedAnswerDef({"en": "Pue*"}, Fraction(1, 2)),
        AcceptedAnswerDef({"en": "a->b = c"}, Fraction(0), {"en": "<p>No</p>"}),
    ],
    "numerical_answers": [
        NumericalAnswerDef(Decimal(1862), Decimal(0), Fraction(1), both("<p>تماما</p>", "<p>Exactly</p>")),
        NumericalAnswerDef(Decimal("1861.5"), Decimal("2.5"), Fraction(1, 2)),
        NumericalAnswerDef(Decimal(-5), Decimal(0), Fraction(0), {"en": "<p>BC?</p>"}),
    ],
    "pairs": [
        MatchingPairDef(both("بويبلا", "Puebla"), both("ألف", "May -> 1862")),
        MatchingPairDef({"en": "Queretaro"}, {"en": "June 1867"}),
        MatchingPairDef({}, both("باء", "Never")),
    ],
    "items": [
        OrderingItemDef(both("الأمويون", "Umayyads")),
        OrderingItemDef({"en": "Abbasids & <Fatimids>"}),
        OrderingItemDef(both("المماليك", "Mamluks")),
    ],
}


def year_question(**fields) -> QuestionDef:
    fields.setdefault("options", dict(OPTIONS))
    return QuestionDef(
        qtype="year_guess",
        name="Puebla year",
        text=both("<p>في أيّ عام وقعت معركة بويبلا؟</p>", "<p>In which year was the Battle of Puebla?</p>"),
        general_feedback=both("<p>٥ مايو ١٨٦٢</p>", "<p>5 May 1862</p>"),
        tags=["battles", "category:top/Mexico"],
        **fields,
    )


def carried(question: QuestionDef) -> dict:
    """What a round trip keeps: type, name, texts, general feedback, options and every answer row."""

    def clean(value):
        if isinstance(value, dict):
            return {code: text for code, text in value.items() if text}
        return value

    rows = {
        kind: [{name: clean(value) for name, value in vars(row).items() if name not in ("key", "answer_key")}
               for row in getattr(question, kind)]
        for kind in ROWS
    }  # fmt: skip
    return {"qtype": question.qtype, "name": question.name, "text": clean(question.text),
            "general_feedback": clean(question.general_feedback), "options": question.options, **rows}  # fmt: skip


def round_trip(format_name: str, questions: list[QuestionDef]) -> list[QuestionDef]:
    module = FORMATS[format_name]
    result = module.parse(module.export(questions))
    assert (result.errors, result.skipped) == ([], []), [str(p) for p in result.errors + result.skipped]
    return result.questions


def typed(kind: str):
    """YearGuess storing its answers in `kind`."""
    return type(f"YearGuess_{kind}", (YearGuess,), {"answer_rows": kind})


# --- Round trips -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", FORMATS)
def test_a_type_without_hooks_round_trips_with_its_options(format_name):
    with registry.register_temporarily(YearGuess):
        (back,) = round_trip(format_name, [year_question()])
    assert carried(back) == carried(year_question())


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("kind", ROWS)
def test_a_type_without_hooks_round_trips_its_answer_rows(format_name, kind):
    with registry.register_temporarily(typed(kind)):
        original = year_question(**{kind: ROWS[kind]})
        (back,) = round_trip(format_name, [original])
    assert carried(back) == carried(original)


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("kind", ROWS)
def test_answer_rows_of_another_kind_than_the_types_are_named_in_the_file(format_name, kind):
    with registry.register_temporarily(YearGuess):  # answer_rows = None
        original = year_question(**{kind: ROWS[kind]})
        (back,) = round_trip(format_name, [original])
    assert carried(back) == carried(original)


def test_moodle_xml_carries_answer_rows_of_several_kinds():
    with registry.register_temporarily(typed("choices")):
        original = year_question(choices=ROWS["choices"], items=ROWS["items"], pairs=ROWS["pairs"])
        (back,) = round_trip("moodlexml", [original])
    assert carried(back) == carried(original)


def test_gift_and_csv_refuse_answer_rows_of_several_kinds():
    with registry.register_temporarily(YearGuess):
        question = year_question(choices=ROWS["choices"], items=ROWS["items"])
        assert gift.export([question]) == (
            "// year_guess question “Puebla year” cannot be written in GIFT (its answers are of more than one kind);"
            " skipped\n"
        )
        with pytest.raises(FormatError, match="more than one kind"):
            csv_format.export([question])


def test_options_that_look_like_gift_syntax_survive():
    options = {"note": "a ] b [tag:x] } { // ::", "label": {"ar": "سنة", "en": "year"}, "years": [1862, None]}
    with registry.register_temporarily(YearGuess):
        for format_name in FORMATS:
            (back,) = round_trip(format_name, [year_question(options=options)])
            assert back.options == options, format_name
            assert sorted(back.tags) == ["battles", "category:top/Mexico"], format_name


def test_a_type_without_hooks_sits_beside_the_seven_types():
    single = QuestionDef(qtype="single_choice", name="sc", text={"en": "<p>Q</p>"},
                         choices=[ChoiceDef({"en": "a"}, Fraction(1)), ChoiceDef({"en": "b"}, Fraction(0))])
    with registry.register_temporarily(typed("numerical_answers")):
        for format_name in FORMATS:
            questions = [single, year_question(numerical_answers=ROWS["numerical_answers"][:1]), single]
            back = round_trip(format_name, questions)
            # Moodle XML writes uncategorised questions first.
            assert sorted(q.qtype for q in back) == ["single_choice", "single_choice", "year_guess"], format_name


# --- What the defaults write ------------------------------------------------------------------------------


def test_what_the_defaults_write():
    with registry.register_temporarily(typed("numerical_answers")):
        question = year_question(numerical_answers=ROWS["numerical_answers"][:1])
        written = gift.export([question])
        xml = moodlexml.export([question])
        table = csv_format.export([question])
    assert written.startswith(
        "$CATEGORY: $course$/top/Mexico\n\n// [tag:battles]\n// [tarikh:type=year_guess]\n"
        '// [tarikh:options={"year": 1862, "within": 2}]\n::Puebla year::[html]'
    )
    assert "{#\n\t=%100%1862:0#" in written
    assert '<question type="tarikh_year_guess">' in xml
    assert '<tarikh_options format="json"><text><![CDATA[{"year": 1862, "within": 2}]]></text></tarikh_options>' in xml
    assert '<answer kind="numerical_answers" fraction="100" format="moodle_auto_format">' in xml
    header, row = table.splitlines()
    columns = next(csv.reader([header]))  # every cell is quoted (the formula guard's writer)
    assert columns[:13] == [
        "type", "name", "points", "difficulty", "tags", "events", "text_ar", "text_en", "general_feedback_ar",
        "general_feedback_en", "explanation_ar", "explanation_en", "unit",
    ]
    assert "options" in columns and '"{""year"": 1862, ""within"": 2}"' in row


# --- Types this site does not have --------------------------------------------------------------------------

GOOD_GIFT = "::Good::Q?{T}"


def test_gift_naming_an_unknown_type_is_refused_for_that_question():
    text = f"// [tarikh:type=year_guess]\n::Gone::When?{{}}\n\n{GOOD_GIFT}\n"
    result = gift.parse(text)
    assert [q.name for q in result.questions] == ["Good"]
    [problem] = result.errors
    assert problem.where == "line 2 (“Gone”)"
    assert problem.message.startswith("unknown type “year_guess”; use one of: ")
    assert "short_answer" in problem.message and "year_guess," not in problem.message


def test_moodle_xml_naming_an_unknown_type_is_refused_for_that_question():
    xml = """<quiz>
  <question type="tarikh_year_guess"><name><text>Gone</text></name>
    <questiontext format="html"><text>When?</text></questiontext></question>
  <question type="truefalse"><name><text>Good</text></name>
    <questiontext format="html"><text>Q?</text></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
</quiz>"""
    result = moodlexml.parse(xml)
    assert [q.name for q in result.questions] == ["Good"]
    [problem] = result.errors
    assert problem.where == "question 1 (“Gone”)"
    assert problem.message.startswith("unknown type “year_guess”; use one of:")
    # Moodle's own types that no registered type reads are still skipped, as before.
    result = moodlexml.parse('<quiz><question type="calculated"><name><text>E</text></name></question></quiz>')
    assert [str(p) for p in result.skipped] == [
        "question 1 (“E”): questions of type “calculated” are not supported; skipped."
    ]


def test_csv_naming_an_unknown_type_is_refused_for_that_row():
    result = csv_format.parse("type,name,text_en,options\nyear_guess,Gone,When?,{}\ntrue_false,Good,Q?,\n")
    assert [q.name for q in result.questions] == ["Good"]
    [problem] = result.errors
    assert str(problem).startswith("row 2: unknown type “year_guess”; use one of:")


def test_broken_default_parts_are_errors_with_a_reason():
    with registry.register_temporarily(YearGuess):
        result = gift.parse("// [tarikh:type=year_guess]\n// [tarikh:options=[1, 2]]\n::A::Q{}\n\n"
                            "// [tarikh:type=year_guess]\n::B::Q{=x}\n\n"
                            "// [tarikh:type=year_guess]\n// [tarikh:rows=answers]\n::C::Q{=x}\n")
        assert [str(p) for p in result.errors] == [
            "line 3 (“A”): the question’s options are not a JSON object: “[1, 2]”.",
            "line 6 (“B”): questions of type “year_guess” have no answers, but this one lists some.",
            "line 10 (“C”): “answers” is not a kind of answers; use one of: choices, accepted_answers, "
            "numerical_answers, pairs, items, gap_choices.",
        ]
        result = csv_format.parse('type,name,text_en,options\nyear_guess,A,Q,"{""year"": NaN}"\n')
        assert [str(p) for p in result.errors] == [
            "row 2: the question’s options are not a JSON object: “{\"year\": NaN}”."
        ]
        xml = ('<quiz><question type="tarikh_year_guess"><name><text>A</text></name>'
               '<answer fraction="100"><text>x</text></answer></question></quiz>')
        assert [str(p) for p in moodlexml.parse(xml).errors] == [
            "question 1 (“A”): questions of type “year_guess” have no answers, but this one lists some."
        ]


# --- Types that bring their own hooks are found through the registry ---------------------------------------


def test_gift_asks_the_types_in_moodles_order():
    seven = {"numerical", "single_choice", "multiple_response", "matching", "true_false", "short_answer", "ordering"}
    assert [qtype.name for qtype in gift.readers() if qtype.name in seven] == [
        "numerical", "single_choice", "multiple_response", "matching", "true_false", "short_answer",
    ]  # ordering has no GIFT reader: GIFT has no ordering questions


class Essay(QuestionType):
    """A type with hooks of its own: it reads Moodle's recorded answers (qtype_recordrtc, a plugin), and GIFT
    blocks starting `~essay` (asked before the choice types, which would take any block with a `~`)."""

    name = "essay_test"
    label = "Essay"
    moodlexml_types = ("recordrtc",)
    gift_priority = 15

    def import_from_moodlexml(self, element, xml):
        return xml.question(self.name)

    def import_from_gift(self, block):
        if not block.answers.startswith("~essay"):
            return None
        question = block.question(self.name)
        question.options = {"words": 100}
        return question

    validate = YearGuess.validate
    grade = YearGuess.grade
    correct_response = YearGuess.correct_response
    summarise = YearGuess.summarise
    clean_response = YearGuess.clean_response


def test_a_type_with_its_own_hooks_is_asked_by_priority_and_by_moodle_type():
    with registry.register_temporarily(Essay):
        names = [qtype.name for qtype in gift.readers()]
        assert names.index("numerical") < names.index("essay_test") < names.index("single_choice")
        [question] = gift.parse("::E::Write{~essay}").questions
        assert (question.qtype, question.options, question.text) == ("essay_test", {"words": 100}, {"en": "Write"})
        [question] = moodlexml.parse(
            '<quiz><question type="recordrtc"><name><text>E</text></name>'
            '<questiontext format="html"><text>Write</text></questiontext></question></quiz>'
        ).questions
        assert (question.qtype, question.name, question.text) == ("essay_test", "E", {"en": "Write"})
