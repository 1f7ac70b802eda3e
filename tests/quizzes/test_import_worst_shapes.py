"""No upload stalls a worker: a file of the upload limit, in the worst shape we know for its format, is read
(or refused with a message) in seconds, and every importer stops when its time budget is spent."""

import threading
import time

from fractions import Fraction

import pytest
from django.utils import translation

from quizzes.definitions import ChoiceDef, QuestionDef

from quizzes.formats import FORMATS, base, get_format
from quizzes.formats.base import MAX_IMPORT_BYTES, FormatError, ParseResult

# Measured under 2 s each on the 2-core CI machine. The importer itself gives up after READING_SECONDS (with a
# clear error); the test allows that plus a margin, so a loaded CI machine fails it only when a parse hangs.
SECONDS = base.READING_SECONDS + 5.0


def fill(head: str, unit: str, tail: str = "") -> str:
    """`head`, as many `unit`s as fit, and `tail`, just under the upload limit in UTF-8."""
    room = MAX_IMPORT_BYTES - 1024 - len(head.encode()) - len(tail.encode())
    return head + unit * (room // len(unit.encode())) + tail


def numbered(head: str, unit: str, tail: str = "") -> str:
    """Like `fill`, with `unit` written as `unit.format(n=1)`, `unit.format(n=2)`, … (all different)."""
    room = MAX_IMPORT_BYTES - 1024 - len(head.encode()) - len(tail.encode())
    units, size = [], 0
    for n in range(1, room):
        piece = unit.format(n=n)
        size += len(piece.encode())
        if size > room:
            break
        units.append(piece)
    return head + "".join(units) + tail


def xml_question(inside: str, *, qtype: str = "truefalse", text_format: str = "html") -> str:
    return (f'<quiz><question type="{qtype}"><name><text>n</text></name>'
            f'<questiontext format="{text_format}"><text>{inside}</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
            "</question></quiz>")


def xml_text(unit: str, **kwargs) -> str:
    head, tail = xml_question("\0", **kwargs).split("\0")
    return fill(head, unit, tail)


SHAPES = {
    # The defect as reported: csv.Sniffer over a first line full of quotes grew quadratically (hours at 5 MB).
    "csv: a long first line of quoted cells": ("csv", lambda: fill("type,", "\"a;b\",'") + "\n"),
    "csv: a long first line of quotes": ("csv", lambda: fill("type,", '"a",') + "\nsingle_choice,x\n"),
    "csv: thousands of columns": ("csv", lambda: fill("type", ",answer1_en") + "\n"),
    "csv: a quarter of a million short rows": (
        "csv", lambda: fill("type,text_en,answer1_en,answer1_fraction,answer2_en\n", "single_choice,Q,a,100,b\n")),
    "gift: a text of escapes": ("gift", lambda: fill("::t::Q ", "\\{\\}\\=\\~\\#\\:", "{=a ~b}\n")),
    "gift: braces": ("gift", lambda: fill("Q ", "{}")),
    "gift: unclosed multilang spans": ("gift", lambda: fill("Q ", '<span lang="ar" class="multilang">', "{=a ~b}")),
    "gift: unclosed {mlang} tags": ("gift", lambda: fill("Q ", "{mlang ar}", "{=a ~b}")),
    "gift: unclosed tags": ("gift", lambda: fill("Q ", "<", "{=a ~b}")),
    "gift: markdown of brackets": ("gift", lambda: fill("[markdown]Q ", "[", "{=a ~b}")),
    # Each text just small enough to be converted, until the file's Markdown budget is spent.
    "gift: markdown texts of brackets": ("gift", lambda: fill("", "[markdown]Q " + "[" * 1400 + "{=a ~b}\n\n")),
    "gift: a million answers": ("gift", lambda: fill("Q{", "~a ", "=b}")),
    "gift: half a million questions": ("gift", lambda: fill("", "Q{=a ~b}\n\n")),
    "gift: distinct tags": ("gift", lambda: numbered("// ", "[tag:t{n}] ", "\nQ{T}")),
    "gift: distinct categories": ("gift", lambda: numbered("", "$CATEGORY: c{n}\n\n")),
    "moodlexml: nesting seven hundred thousand deep": (
        "moodlexml", lambda: xml_question("<b>" * 740_000 + "</b>" * 740_000)),
    "moodlexml: a five-megabyte attribute": (
        "moodlexml", lambda: fill('<quiz><question type="truefalse" x="', "a", '"></question></quiz>')),
    "moodlexml: unclosed multilang spans": ("moodlexml", lambda: xml_text('&lt;span lang="ar" class="multilang"&gt;')),
    "moodlexml: unclosed {mlang} tags": ("moodlexml", lambda: xml_text("{mlang ar}")),
    "moodlexml: images of missing files": ("moodlexml", lambda: xml_text("&lt;img @@PLUGINFILE@@/a ")),
    "moodlexml: markdown of brackets": ("moodlexml", lambda: xml_text("[", text_format="markdown")),
    "moodlexml: a category a million levels deep": (
        "moodlexml", lambda: fill('<quiz><question type="category"><category><text>$course$/', "a/",
                                  "</text></category></question></quiz>")),
    "moodlexml: distinct tags": ("moodlexml", lambda: numbered(
        xml_question("q").removesuffix("</question></quiz>") + "<tags>", "<tag><text>t{n}</text></tag>",
        "</tags></question></quiz>")),
    "moodlexml: a hundred thousand answers": (
        "moodlexml", lambda: fill('<quiz><question type="multichoice"><questiontext><text>q</text></questiontext>',
                                  '<answer fraction="0"><text>a</text></answer>', "</question></quiz>")),
    "moodlexml: tens of thousands of questions": ("moodlexml", lambda: fill(
        "<quiz>", '<question type="truefalse"><questiontext><text>q</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>',
        "</quiz>")),
}


def parse_within(format_name: str, text: str, seconds: float):
    """Parse in a thread and give up waiting after `seconds`, so a stalled parser fails the test, not the run."""
    outcome = {}

    def run():
        with translation.override("en"):
            try:
                outcome["result"] = get_format(format_name).parse(text)
            except FormatError as error:
                outcome["result"] = error
            except BaseException as error:  # noqa: BLE001 - reported by the test
                outcome["result"] = error

    worker = threading.Thread(target=run, daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(seconds)
    elapsed = time.perf_counter() - started
    assert not worker.is_alive(), f"still parsing after {seconds:.0f} s"
    return outcome["result"], elapsed


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_file_of_the_upload_limit_in_the_worst_shape_is_read_in_seconds(shape):
    format_name, make = SHAPES[shape]
    text = make()
    assert MAX_IMPORT_BYTES - 64 * 1024 < len(text.encode()) <= MAX_IMPORT_BYTES
    result, elapsed = parse_within(format_name, text, SECONDS)
    assert isinstance(result, ParseResult | FormatError), repr(result)
    assert elapsed < SECONDS


@pytest.mark.parametrize("cell", ["1e999999999", "1e-999999999", "-1E+999999999"])
@pytest.mark.parametrize("column", ["answer1_fraction", "answer1_value", "points"])
def test_a_number_of_a_billion_powers_of_ten_is_refused_at_once(column, cell):
    # Found by tests/fuzz: Fraction(Decimal("1e-999999999")) of a percentage never ended.
    text = f"type,text_en,{column}\nnumerical,Q,{cell}\n"
    result, elapsed = parse_within("csv", text, SECONDS)
    assert isinstance(result, ParseResult) and "is not" in str(result.errors[0].message)


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_every_importer_stops_when_its_time_budget_is_spent(format_name, monkeypatch):
    question = QuestionDef(qtype="single_choice", text={"en": "Q"},
                           choices=[ChoiceDef({"en": "a"}, Fraction(1)), ChoiceDef({"en": "b"})])
    sample = get_format(format_name).export([question, question])  # any format writes a file it reads
    monkeypatch.setattr(base, "READING_SECONDS", 0)
    with translation.override("en"), pytest.raises(FormatError, match="took longer than 0 seconds"):
        get_format(format_name).parse(sample)


def choice_question(answers: int) -> QuestionDef:
    return QuestionDef(qtype="single_choice", text={"en": f"Q{answers}"},
                       choices=[ChoiceDef({"en": f"c{n}"}, Fraction(n == 0)) for n in range(answers)])


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(base, "MAX_IMPORT_QUESTIONS", 3)
    monkeypatch.setattr(base, "MAX_IMPORT_ANSWERS", 8)
    monkeypatch.setattr(base, "MAX_QUESTION_ANSWERS", 3)


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_every_importer_holds_a_file_to_the_limits(format_name, small_limits):
    module = get_format(format_name)
    with translation.override("en"):
        assert len(module.parse(module.export([choice_question(3), choice_question(2)])).questions) == 2
        [problem] = module.parse(module.export([choice_question(4)])).errors
        assert str(problem.message) == "A question may have at most 3 answers."
        with pytest.raises(FormatError, match="more than 3 questions; split it"):
            module.parse(module.export([choice_question(2) for _ in range(4)]))
        with pytest.raises(FormatError, match="more than 8 answers; split it"):
            module.parse(module.export([choice_question(3), choice_question(3), choice_question(3)]))


def test_the_csv_separator_is_guessed_from_a_bounded_prefix_of_the_header():
    csv_format = get_format("csv")
    for separator in (",", ";", "\t"):
        header = separator.join(["type", "text_en", "answer1_en", "answer1_fraction", "answer2_en"])
        row = separator.join(["single_choice", '"Q, or; not"', "a", "100", "b"])
        result = csv_format.parse(f"{header}\n{row}\n")
        assert result.errors == [] and result.questions[0].text == {"en": "Q, or; not"}, separator
