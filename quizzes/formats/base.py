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
        Return the lines after the elements every question has; `xml.penalty` may be changed.

CSV (the `type` column names the type)
    csv_columns: ClassVar[tuple[str, ...]]  the type's own columns besides the answer columns (numerical: unit).
    import_from_csv(self, row: CsvRow) -> QuestionDef
        Start from `row.question(self.name)` (the columns every question has, read already) and add the answer
        rows (`row.rows(kind)`) and options; raise `csv_syntax.RowError(message)` for a cell that is wrong.
    export_to_csv(self, question: QuestionDef, csv: CsvWriter) -> dict[str, str]
        Return the type's cells: `csv.answer_cells(rows)` and its own columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy as _

from quizzes.definitions import ROW_KINDS, QuestionDef

# Files larger than this are refused before parsing (also the admin upload limit).
MAX_IMPORT_BYTES = 5 * 1024 * 1024


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

    @property
    def ok(self) -> bool:
        return not self.errors

    def skip(self, where: str, message) -> None:
        self.skipped.append(Problem(where, message))

    def warn(self, where: str, message) -> None:
        self.warnings.append(Problem(where, message))

    def error(self, where: str, message) -> None:
        self.errors.append(Problem(where, message))


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
