"""What every import/export format shares: the parse result, its report, and the format's own error.

A parser turns a file's text into a `ParseResult`: the questions it understood, the questions it skipped
(types we do not have, such as essay or cloze, each with its reason) and warnings (such as an image
dropped). A file that cannot be read at all, or a question that is broken, raises `FormatError` or is
recorded in `errors`: the import is all or nothing, so any error means nothing is written.

Messages are lazy translations, so the report reads in the user's language.

Formats delegate to question types (Moodle's question/format.php and each qtype's `import_from_<format>` /
`export_to_<format>`). A format has a *driver* (gift.py, moodlexml.py, csv.py: `parse` and `export`, which find
types through `quizzes.question_types.registry`) and a *syntax* module (gift_syntax.py, moodlexml_syntax.py,
csv_syntax.py: escapes, texts, weights, numbers, and the reader and writer objects below), which the types'
hooks use and which knows no type. A type may carry these hooks; each driver falls back to its own default
reader and writer (documented in the driver) for a type that has none, so a new type round-trips through
every format with no change here.

GIFT (no type names: a type is found by its block)
    gift_priority: ClassVar[int]  the order types are asked in, lowest first (default 50): numerical 10,
        single choice 20, multiple response 21, matching 30, true/false 40, short answer 90 (takes any block).
    import_from_gift(self, block: GiftBlock) -> QuestionDef | None
        Read `block.answers` (inside `{…}`, general feedback taken off, escapes hidden); return
        `block.question(self.name)` with the answer rows (and options) added, or None when the block is not
        this type's. Raise `gift_syntax.Broken(message)` for a block of this type that cannot be read.
    export_to_gift(self, question: QuestionDef, gift: GiftWriter) -> str
        Return the answer block written after the question text (`gift.block(lines)` adds the general
        feedback), or raise `gift_syntax.CannotWrite(reason)`: the question becomes a `//` comment.

Moodle XML (a type names the Moodle types it reads; the first is the one it writes)
    moodlexml_types: ClassVar[tuple[str, ...]]  e.g. ("multichoice",) for single choice and multiple response.
    import_from_moodlexml(self, element, xml: QuestionReader) -> QuestionDef | None
        Start from `xml.question(self.name)` (text, general feedback, points, tags and images, read already)
        and add the answer rows and options from `element`, a `<question>`; None when the element is not this
        type's (`multichoice` with `<single>false</single>` is multiple response's).
    export_to_moodlexml(self, question: QuestionDef, xml: QuestionWriter) -> list[str]
        Return the lines after the elements every question has; `xml.penalty` and `xml.text` (the question
        text written: cloze writes its gaps back into it) may be changed.

CSV (the `type` column names the type)
    csv_columns: ClassVar[tuple[str, ...]]  the type's own columns besides the answer columns (numerical: unit).
    import_from_csv(self, row: CsvRow) -> QuestionDef
        Start from `row.question(self.name)` (the columns every question has, read already) and add the answer
        rows (`row.rows(kind)`) and options; raise `csv_syntax.RowError(message)` for a cell that is wrong.
    export_to_csv(self, question: QuestionDef, csv: CsvWriter) -> dict[str, str]
        Return the type's cells: `csv.answer_cells(rows)` and its own columns.

What one import may cost
    A parser runs inside `reading_budget()` and calls `check_budget(result)` once per question (row, block):
    a file with more questions or answer rows than the limits below, or one whose reading takes longer than
    READING_SECONDS, raises FormatError, so no upload can hold a worker for long. Reading is linear in the
    file's size (tests/quizzes/test_import_worst_shapes.py holds the worst shapes known); what cannot be,
    Python-Markdown's conversion (quadratic in the brackets and tags of a text), goes through
    `markdown_html`, which spends from the same budget.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import markdown
from django.utils.translation import gettext, gettext_lazy as _, ngettext

from quizzes.definitions import ROW_KINDS, QuestionDef

# Files larger than this are refused before parsing (also the admin upload limit).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
# What one file may hold: a course's bank fits, and reading the most a file may hold takes a second or two.
MAX_IMPORT_QUESTIONS = 5000  # questions met, skipped and broken ones too
MAX_IMPORT_ANSWERS = 50_000  # answer rows of all the questions together
MAX_QUESTION_ANSWERS = 200  # answer rows of one question
# Reading a file (and, in `questions_import`, checking it) stops after this long, whatever the file holds.
READING_SECONDS = 10
# Python-Markdown's work on a text grows with its length times its brackets and tags (an unclosed "[" or "<"
# is looked for to the end); a file's Markdown may cost this much in all (two seconds at worst).
MARKDOWN_WORK = 20_000_000


class FormatError(Exception):
    """The file cannot be imported; `message` says why and `where` says where (line or question)."""

    def __init__(self, message, *, where: str = ""):
        super().__init__(str(message))
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else str(self.message)


@dataclass
class Problem:
    """One entry of an import report."""

    where: str  # "line 12", "question 3 (name)"
    message: str  # lazy translation

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else str(self.message)


@dataclass
class ParseResult:
    questions: list[QuestionDef] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    # Category paths met in the file (Moodle "$course$/Top/Child"), in order of appearance.
    categories: list[str] = field(default_factory=list)
    _known_categories: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def skip(self, where: str, message) -> None:
        self.skipped.append(Problem(where, message))

    def warn(self, where: str, message) -> None:
        self.warnings.append(Problem(where, message))

    def error(self, where: str, message) -> None:
        self.errors.append(Problem(where, message))

    def add_category(self, path: str) -> None:
        """Record a category path the first time it is met (a set: files may name thousands)."""
        if path and path not in self._known_categories:
            self._known_categories.add(path)
            self.categories.append(path)

    @property
    def questions_met(self) -> int:
        return len(self.questions) + len(self.skipped) + len(self.errors)


# --- What one import may cost ----------------------------------------------------------------------------
class ReadingBudget:
    """The time, questions, answer rows and Markdown work one file may take (see the module's docstring)."""

    def __init__(self, seconds: float | None = None):
        self.seconds = READING_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds
        self.markdown_work = 0
        self._answers_counted = 0  # of result.questions[:_answers_counted]
        self.answers = 0

    def check(self, result: ParseResult | None = None) -> None:
        """Raise FormatError when the time is spent or `result` holds more than a file may."""
        if time.monotonic() >= self.deadline:
            raise FormatError(
                ngettext("Reading the file took longer than %(seconds)d second; split it into smaller files.",
                         "Reading the file took longer than %(seconds)d seconds; split it into smaller files.",
                         self.seconds) % {"seconds": self.seconds}
            )
        if result is None:
            return
        if result.questions_met > MAX_IMPORT_QUESTIONS:
            raise FormatError(
                ngettext("The file holds more than %(limit)d question; split it into smaller files.",
                         "The file holds more than %(limit)d questions; split it into smaller files.",
                         MAX_IMPORT_QUESTIONS) % {"limit": MAX_IMPORT_QUESTIONS}
            )
        for question in result.questions[self._answers_counted :]:
            self.answers += answer_count(question)
        self._answers_counted = len(result.questions)
        if self.answers > MAX_IMPORT_ANSWERS:
            raise FormatError(
                ngettext("The file holds more than %(limit)d answer; split it into smaller files.",
                         "The file holds more than %(limit)d answers; split it into smaller files.",
                         MAX_IMPORT_ANSWERS) % {"limit": MAX_IMPORT_ANSWERS}
            )

    def spend_markdown(self, work: int) -> None:
        self.markdown_work += work
        if self.markdown_work > MARKDOWN_WORK:
            raise FormatError(_too_much_markdown())


def _too_much_markdown() -> str:
    return gettext("The Markdown texts of the file hold too many brackets and tags to be converted in time; "
                   "write them in HTML or split the file.")


_current_budget: ContextVar[ReadingBudget | None] = ContextVar("reading_budget", default=None)


@contextmanager
def reading_budget():
    """The budget of the reading under way; a parse inside `questions_import` spends from the import's."""
    budget = _current_budget.get()
    if budget is not None:
        yield budget
        return
    budget = ReadingBudget()
    token = _current_budget.set(budget)
    try:
        yield budget
    finally:
        _current_budget.reset(token)


def check_budget(result: ParseResult | None = None) -> None:
    """`ReadingBudget.check` on the reading under way (nothing outside one)."""
    budget = _current_budget.get()
    if budget is not None:
        budget.check(result)


def answer_count(definition: QuestionDef) -> int:
    return sum(len(getattr(definition, kind)) for kind in ROW_KINDS)


def answers_over_limit(count: int) -> bool:
    """Whether a question with `count` answer rows has more than one may."""
    return count > MAX_QUESTION_ANSWERS


def too_many_answers_message() -> str:
    return ngettext("A question may have at most %(limit)d answer.", "A question may have at most %(limit)d answers.",
                    MAX_QUESTION_ANSWERS) % {"limit": MAX_QUESTION_ANSWERS}


# Characters after which Python-Markdown looks ahead for the end of a construct: links, images and
# references ("["), raw HTML and autolinks ("<"), escapes ("\\").
_MARKDOWN_OPENERS = ("[", "<", "\\")


def markdown_html(text: str) -> str:
    """`text` converted by Python-Markdown, its cost spent from the reading budget (FormatError when spent)."""
    work = len(text) * (1 + sum(text.count(opener) for opener in _MARKDOWN_OPENERS))
    budget = _current_budget.get()
    if budget is not None:
        budget.spend_markdown(work)
    elif work > MARKDOWN_WORK:
        raise FormatError(_too_much_markdown())
    return markdown.markdown(text)


def unsupported_type_message(qtype: str):
    return _("questions of type “%(type)s” are not supported; skipped.") % {"type": qtype}


# --- What the drivers' default readers and writers share -------------------------------------------------
def unknown_type_message(qtype: str, known) -> str:
    """A file names a question type this site does not have (`known`: the registered names)."""
    return gettext("unknown type “%(type)s”; use one of: %(types)s.") % {
        "type": qtype, "types": ", ".join(sorted(known))}  # fmt: skip


def answer_kinds(definition: QuestionDef) -> list[str]:
    """The kinds of shared answer rows (`ROW_KINDS`) that `definition` has rows of."""
    return [kind for kind in ROW_KINDS if getattr(definition, kind)]


def unknown_answer_kind_message(kind: str) -> str:
    return gettext("“%(kind)s” is not a kind of answers; use one of: %(kinds)s.") % {
        "kind": kind, "kinds": ", ".join(ROW_KINDS)}  # fmt: skip


def no_answers_message(qtype: str) -> str:
    return gettext("questions of type “%(type)s” have no answers, but this one lists some.") % {"type": qtype}


def options_to_json(options: dict, *, ascii_only: bool = False) -> str:
    """A question's options as one line of JSON."""
    return json.dumps(options, ensure_ascii=ascii_only)


def options_from_json(raw: str) -> dict:
    """The options written by `options_to_json`; ValueError, with the report's message, when they are not."""

    def refuse(constant):
        raise ValueError(constant)

    try:
        options = json.loads(raw, parse_constant=refuse)  # NaN and Infinity are not JSON
    except (ValueError, RecursionError):
        options = None
    if not isinstance(options, dict):
        raise ValueError(gettext("the question’s options are not a JSON object: “%(value)s”.") % {"value": raw[:60]})
    return options
