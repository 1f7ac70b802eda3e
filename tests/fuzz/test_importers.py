"""Every importer registered in `quizzes.formats.FORMATS`, fuzzed: whatever the file, `parse` returns a
`ParseResult` or raises the format's own `FormatError`, never anything else, and within a time budget.

A format added later is covered with no change here: random text, and its own export of random questions
of every registered type, mutated (almost-valid files are where readers break). GIFT, Moodle XML and CSV
also get strategies of their own structure: answer blocks, `<question>` elements, rows of cells.
`questions_import(dry_run=True)` is fuzzed with a bank too, and whatever a dry run accepts the real
import must write.
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from xml.sax.saxutils import escape, quoteattr

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, assume, event, given, settings, strategies as st

from quizzes import definitions as defs
from quizzes.formats import FORMATS, base, get_format
from quizzes.formats.base import FormatError, ParseResult
from quizzes.models import Question
from quizzes.question_types import registry
from quizzes.services import questions_import

FORMAT_NAMES = sorted(FORMATS)
# Inputs are small (a few kilobytes): each is read in milliseconds, so two seconds mean something is wrong.
BUDGET = timedelta(seconds=2)
# A modest run in the suite; TARIKH_FUZZ_EXAMPLES=5000 for a long one by hand.
EXAMPLES = int(os.environ.get("TARIKH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=BUDGET, suppress_health_check=[HealthCheck.too_slow])


def parses_or_refuses(format_name: str, text: str) -> ParseResult | None:
    """Parse `text`; a `FormatError` of the format is a fine answer, any other exception fails the test."""
    module = get_format(format_name)
    own_error = getattr(module, "FormatError", base.FormatError)
    with translation.override("en"):
        try:
            result = module.parse(text)
        except own_error as error:
            assert str(error)
            return None
    assert isinstance(result, ParseResult)
    for problem in [*result.errors, *result.skipped, *result.warnings]:
        assert str(problem)
    return result


# --- Values that have broken readers: numbers at and beyond the columns' limits, markup, escapes --------
NUMBERS = st.sampled_from([
    "0", "1", "-1", "100", "50", "33.33333", "1e30", "1e9", "1e999", "1e999999999", "1e-999999999", "-0",
    "12345678901234567890123", "0.0000001", "NaN", "Infinity", "-inf", "1_000", "0x10", "١٨٦٢", "١٫٥", "−5",
    "1,862", "", " ", "%", "%50%", "1..2", "2..1", "1:2", "1:-2", "9999.99", "1.125",
])
SPECIALS = st.sampled_from([
    "\x00", "\ufeff", "\u202e", "\ue001", "\n", "\r\n", "\t", '"', "'", ",", ";", "|", "\\", "{", "}", "=", "~",
    "#", ":", "->", "%", "[", "]", "(", ")", "<", ">", "&", "&amp;", "<![CDATA[", "]]>", "<b>", "</b>",
    '<span lang="ar" class="multilang">', '<span lang="en" class="multilang">', "</span>", "{mlang ar}",
    "{mlang en}", "{mlang}", "@@PLUGINFILE@@/a.png", '<img src="@@PLUGINFILE@@/a.png">', "[markdown]",
    "[html]", "[plain]", "[moodle]", "$CATEGORY:", "$course$/top/", "// [tag:t]", "::", "****", "x" * 600,
    "س", "فتح القسطنطينية", "Puebla",
])
WORDS = st.one_of(SPECIALS, NUMBERS, st.text(max_size=8))
TEXT = st.lists(WORDS, max_size=6).map("".join)


# --- Any format: random text, and its own export of random questions, mutated ------------------------------
BILINGUAL = st.dictionaries(st.sampled_from(defs.LANGUAGES), TEXT, max_size=2)
# Questions as a bank holds them (exported, then mutated): fractions fit their 7-decimal column.
FRACTIONS = st.sampled_from([Fraction(1), Fraction(0), Fraction(1, 2), Fraction(1, 3), Fraction(-1, 2), Fraction(2)])
DECIMALS = st.sampled_from([Decimal(0), Decimal(1), Decimal("1862"), Decimal("0.05"), Decimal("1e30"),
                            Decimal("-3.5"), Decimal("12345678901234567890123"), Decimal("1E+999")])
ROWS = {
    "choices": st.builds(defs.ChoiceDef, BILINGUAL, FRACTIONS, BILINGUAL),
    "accepted_answers": st.builds(defs.AcceptedAnswerDef, BILINGUAL, FRACTIONS, BILINGUAL),
    "numerical_answers": st.builds(defs.NumericalAnswerDef, DECIMALS, DECIMALS, FRACTIONS, BILINGUAL),
    "pairs": st.builds(defs.MatchingPairDef, BILINGUAL, BILINGUAL),
    "items": st.builds(defs.OrderingItemDef, BILINGUAL),
    "gap_choices": st.builds(defs.GapChoiceDef, BILINGUAL, st.integers(-1, 25), st.booleans()),
}


@st.composite
def definitions(draw) -> defs.QuestionDef:
    """A question of any registered type, its rows of the type's kind (or any kind), its values anything."""
    qtype = registry.get(draw(st.sampled_from(sorted(registry.names()))))
    kind = qtype.answer_rows or draw(st.sampled_from(defs.ROW_KINDS))
    question = defs.QuestionDef(
        qtype=qtype.name, text=draw(BILINGUAL), name=draw(TEXT), general_feedback=draw(BILINGUAL),
        points=draw(DECIMALS), tags=draw(st.lists(TEXT, max_size=3)),
        options=draw(st.sampled_from([{}, {"shuffle": True}, {"unit": "km"}, {"x": "\x00"}])),
    )  # fmt: skip
    setattr(question, kind, draw(st.lists(ROWS[kind], max_size=5)))
    return question


# Questions each type accepts (texts in both languages, the first row fully right, the rest wrong), with
# values at and beyond what the database columns hold: what a dry run must refuse and an import must write.
EDGE_TEXT = st.one_of(st.sampled_from(["Q", "س", "x" * 500, "x" * 501, "y" * 1000, "y" * 1001, "a\x00b", "<b>b</b>"]),
                      st.text(min_size=1, max_size=8).filter(str.strip))
EDGE_DECIMALS = st.sampled_from([Decimal(1862), Decimal("0.5"), Decimal("9999.99"), Decimal("1e9"), Decimal("1e30"),
                                 Decimal("12345678901234"), Decimal("0.0000001"), Decimal("1.125")])


@st.composite
def acceptable_definitions(draw) -> defs.QuestionDef:
    qtype = registry.get(draw(st.sampled_from(sorted(registry.names()))))
    kind = qtype.answer_rows or "choices"
    both = lambda: {"ar": draw(EDGE_TEXT), "en": draw(EDGE_TEXT)}  # noqa: E731
    rows = []
    for number in range(draw(st.integers(2, 4))):
        fraction = Fraction(1 if number == 0 else 0)
        rows.append({
            "choices": lambda: defs.ChoiceDef(both(), fraction),
            "accepted_answers": lambda: defs.AcceptedAnswerDef(both(), fraction),
            "numerical_answers": lambda: defs.NumericalAnswerDef(draw(EDGE_DECIMALS) + number, Decimal(0), fraction),
            "pairs": lambda: defs.MatchingPairDef(both(), both()),
            "items": lambda: defs.OrderingItemDef(both()),
            "gap_choices": lambda: defs.GapChoiceDef(both(), group=draw(st.integers(1, 3))),
        }[kind]())  # fmt: skip
    question = defs.QuestionDef(qtype=qtype.name, text=both(), name=draw(EDGE_TEXT), points=draw(EDGE_DECIMALS),
                                tags=draw(st.lists(EDGE_TEXT, max_size=2)))
    setattr(question, kind, rows)
    return question


@st.composite
def mutated(draw, text: str) -> str:
    """`text` with a few characters inserted, deleted or replaced at random places."""
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(st.one_of(st.just(""), WORDS)) + text[at + cut :]
    return text


@st.composite
def exported(draw, format_name: str, questions=None, mutate: bool = True) -> str:
    questions = draw(questions if questions is not None else st.lists(definitions(), min_size=1, max_size=3))
    try:
        text = get_format(format_name).export(questions)
    except FormatError:
        assume(False)
    return draw(mutated(text)) if mutate else text


@FUZZ
@pytest.mark.parametrize("format_name", FORMAT_NAMES)
@given(data=st.data())
def test_any_text_is_read_or_refused(format_name, data):
    parses_or_refuses(format_name, data.draw(st.one_of(st.text(max_size=300), TEXT)))


@FUZZ
@pytest.mark.parametrize("format_name", FORMAT_NAMES)
@given(data=st.data())
def test_the_formats_own_files_mutated_are_read_or_refused(format_name, data):
    parses_or_refuses(format_name, data.draw(exported(format_name)))


# --- GIFT: almost-valid answer blocks -------------------------------------------------------------------
GIFT_ANSWER = st.builds(
    lambda marker, weight, text, feedback: f"{marker}{weight}{text}{feedback}",
    st.sampled_from(["=", "~", "", " ="]),
    st.sampled_from(["", "%50%", "%-100%", "%100%", "%1e30%", "%99999999999999999999999999999%", "%abc%"]),
    TEXT | NUMBERS,
    st.sampled_from(["", "#", "#ok", "#" + "y" * 30]) | TEXT.map(lambda t: "#" + t),
)
GIFT_BLOCK = st.builds(
    lambda opening, answers, general: opening + " ".join(answers) + general + "}",
    st.sampled_from(["{", "{#", "{ ", "{#=", "{T", "{FALSE"]),
    st.lists(GIFT_ANSWER | st.builds(lambda a, b: f"={a} -> {b}", TEXT, TEXT), max_size=5),
    st.sampled_from(["", "####general", "####"]),
)
GIFT_QUESTION = st.builds(
    lambda comments, title, text_format, before, block, after: comments + title + text_format + before + block + after,
    st.sampled_from(["", "// [tag:a] [tag:b]\n", "// [tarikh:type=ordering]\n", "// [tarikh:type=nope]\n",
                     '// [tarikh:type=numerical]\n// [tarikh:options={"unit": 1e400}]\n', "// comment\n"]),
    st.sampled_from(["", "::t::", "::", "::t\\::x::"]),
    st.sampled_from(["", "[html]", "[markdown]", "[plain]", "[moodle]", "[bogus]"]),
    TEXT,
    GIFT_BLOCK | TEXT,
    st.sampled_from(["", '";', " the rest"]) | TEXT,
)


@FUZZ
@given(st.lists(GIFT_QUESTION | st.sampled_from(["$CATEGORY: $course$/top/A", "$CATEGORY: $system$"]), max_size=5))
def test_almost_valid_gift_is_read_or_refused(questions):
    parses_or_refuses("gift", "\n\n".join(questions))


# --- Moodle XML: well-formed questions with any content ---------------------------------------------------
def xml_text(value: str) -> str:
    return escape("".join(c for c in value if c >= " " or c in "\t\n"))


XML_CHILD = st.one_of(
    st.builds(lambda g: f"<defaultgrade>{xml_text(g)}</defaultgrade>", NUMBERS),
    st.builds(lambda f, t, tol, fb: f"<answer fraction={quoteattr(xml_text(f))}><text>{xml_text(t)}</text>"
                                    f"<tolerance>{xml_text(tol)}</tolerance><feedback><text>{xml_text(fb)}</text>"
                                    "</feedback></answer>", NUMBERS, TEXT | NUMBERS, NUMBERS, TEXT),
    st.builds(lambda p, a: f"<subquestion><text>{xml_text(p)}</text><answer><text>{xml_text(a)}</text></answer>"
                           "</subquestion>", TEXT, TEXT),
    st.builds(lambda f: f"<single>{f}</single>", st.sampled_from(["true", "false", "0"])),
    st.builds(lambda n, m: f"<units><unit><multiplier>{xml_text(m)}</multiplier><unit_name>{xml_text(n)}"
                           "</unit_name></unit></units>", TEXT, NUMBERS),
    st.builds(lambda t: f"<tags><tag><text>{xml_text(t)}</text></tag></tags>", TEXT),
    st.builds(lambda o: f"<tarikh_options><text>{xml_text(o)}</text></tarikh_options>",
              st.sampled_from(['{"shuffle": true}', '{"a": 1e400}', '{"a": "\\u0000"}', "[]", "{"])),
    st.builds(lambda n, d: f'<file name={quoteattr(xml_text(n))} encoding="base64">{xml_text(d)}</file>',
              st.sampled_from(["a.png", "b.jpg", "c.txt", ""]), st.sampled_from(["iVBORw0KGgo=", "/9j/4A==", "!!"])),
)
XML_QUESTION = st.builds(
    lambda qtype, name, text_format, text, children: (
        f"<question type={quoteattr(qtype)}><name><text>{xml_text(name)}</text></name>"
        f"<questiontext format={quoteattr(text_format)}><text>{xml_text(text)}</text></questiontext>"
        + "".join(children) + "</question>"
    ),
    st.sampled_from(["multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering", "essay",
                     "cloze", "tarikh_ordering", "tarikh_nope", ""]),
    TEXT,
    st.sampled_from(["html", "markdown", "plain_text", "moodle_auto_format", "bogus"]),
    TEXT,
    st.lists(XML_CHILD, max_size=6),
)
XML_CATEGORY = st.builds(lambda path: f'<question type="category"><category><text>{xml_text(path)}</text>'
                                      "</category></question>", TEXT.map(lambda t: "$course$/top/" + t))


@FUZZ
@given(st.lists(XML_QUESTION | XML_CATEGORY, max_size=4))
def test_well_formed_moodle_xml_with_any_content_is_read_or_refused(questions):
    parses_or_refuses("moodlexml", '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>' + "".join(questions) + "</quiz>")


# --- CSV: rows of any cells under a real header ------------------------------------------------------------
def csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',;\t"\r\n') else value


CSV_COLUMNS = [
    "type", "name", "points", "difficulty", "tags", "events", "text_ar", "text_en", "unit", "options",
    "answer_rows", "answer1_ar", "answer1_en", "answer1_fraction", "answer1_value", "answer1_tolerance",
    "answer1_feedback_en", "prompt1_en", "answer2_en", "answer2_fraction", "answer2_value", "prompt2_ar",
]
CSV_CELLS = {
    "type": st.sampled_from([*sorted(registry.names()), "essay", ""]),
    "difficulty": st.sampled_from(["", "easy", "Hard", "impossible"]),
    "options": st.sampled_from(["", '{"shuffle": true}', '{"a": 1e400}', "[1]", "{", '{"a": "\\u0000"}']),
    "answer_rows": st.sampled_from(["", *defs.ROW_KINDS, "nope"]),
}


@st.composite
def csv_files(draw) -> str:
    columns = draw(st.lists(st.sampled_from(CSV_COLUMNS), min_size=1, max_size=12, unique=True))
    if "type" not in columns and draw(st.booleans()):
        columns.insert(0, "type")
    separator = draw(st.sampled_from([",", ";", "\t"]))
    rows = [separator.join(columns)]
    for _ in range(draw(st.integers(0, 4))):
        cells = [draw(CSV_CELLS.get(column, NUMBERS | TEXT)) for column in columns]
        rows.append(separator.join(csv_cell(cell) for cell in cells))
    return "\n".join(rows) + draw(st.sampled_from(["\n", "", "\r\n"]))


@FUZZ
@given(csv_files())
def test_csv_rows_of_any_cells_are_read_or_refused(text):
    parses_or_refuses("csv", text)


# --- The import itself: a dry run never fails, and what it accepts the real import writes -------------------
@st.composite
def import_files(draw) -> tuple[str, str]:
    format_name = draw(st.sampled_from(FORMAT_NAMES))
    specific = {"gift": st.lists(GIFT_QUESTION, min_size=1, max_size=3).map("\n\n".join),
                "csv": csv_files(),
                "moodlexml": st.lists(XML_QUESTION, min_size=1, max_size=3).map(
                    lambda qs: "<quiz>" + "".join(qs) + "</quiz>")}  # fmt: skip
    strategy = exported(format_name) | exported(
        format_name, st.lists(acceptable_definitions(), min_size=1, max_size=3), mutate=False)
    if format_name in specific:
        strategy = strategy | specific[format_name]
    return format_name, draw(strategy)


@pytest.mark.django_db
@settings(max_examples=max(EXAMPLES // 3, 10), deadline=timedelta(seconds=5),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(import_files())
def test_a_dry_run_never_fails_and_the_import_writes_what_it_accepts(make, file):
    format_name, text = file
    bank = make.bank()
    with translation.override("en"):
        report = questions_import(data=text.encode("utf-8", "surrogatepass"), format_name=format_name, bank=bank,
                                  dry_run=True)
        assert Question.objects.filter(bank=bank).count() == 0
        for problem in [*report.errors, *report.skipped, *report.warnings]:
            assert str(problem)
        event("accepted by the dry run" if report.ok and report.imported else "refused by the dry run")
        if not (report.ok and report.imported):
            return
        with transaction.atomic():
            real = questions_import(data=text.encode("utf-8", "surrogatepass"), format_name=format_name, bank=bank)
            assert real.written and real.ok, real.errors
            assert bank.questions.count() == len(report.imported)
            # and reads back (SQLite keeps decimals as floats: a value its column cannot hold fails here)
            assert len([question.definition() for question in bank.questions.with_answers()]) == len(report.imported)
            transaction.set_rollback(True)
