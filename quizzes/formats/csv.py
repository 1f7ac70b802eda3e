"""CSV for teachers who work in spreadsheets: one row per question, Arabic and English in `_ar`/`_en` columns.

The columns are documented in docs/csv-format.md. In short: `type`, `name`, `points`, `difficulty`,
`tags` and `events` (each a list separated by `|`), `text_ar`, `text_en`, `general_feedback_ar/_en`,
`explanation_ar/_en`, the types' own columns (`unit`, numerical's), then numbered answer groups `answer1_ar`,
`answer1_en`, `answer1_fraction` (a percentage), `answer1_feedback_ar/_en`, `answer1_value` and
`answer1_tolerance` (numerical answers), `prompt1_ar/_en` (matching pairs), and for several tries `penalty` (a
percentage; a third when empty) and `hint1_ar`, `hint1_en`, `hint2_ar`, … (written only when used). Commas,
semicolons and tabs are all accepted as separators.

The `type` column names the question type; the type reads and writes its part of the row (`import_from_csv`,
`export_to_csv`, see `quizzes.formats.base`). A type without those hooks gets the default: its `options` as
JSON in the `options` column, and its answer rows in the answer columns, read as the type's `answer_rows`
(or as the kind the `answer_rows` column names, written when they are of another kind).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _, ngettext

from quizzes import definitions as defs
from quizzes.spreadsheets import csv_dict_writer, restore_text
from quizzes.formats.base import (
    FormatError,
    ParseResult,
    answer_kinds,
    check_budget,
    no_answers_message,
    options_from_json,
    options_to_json,
    reading_budget,
    unknown_answer_kind_message,
    unknown_type_message,
)
from quizzes.formats.csv_syntax import (
    ANSWER_COLUMN,
    GAP_COLUMNS,
    GROUP_COLUMNS,
    CsvRow,
    CsvWriter,
    RowError,
    answer_column,
    percent_text,
)
from quizzes.question_types import UnknownQuestionType, registry

COMMON_COLUMNS = [
    "type", "name", "points", "difficulty", "tags", "events", "text_ar", "text_en",
    "general_feedback_ar", "general_feedback_en", "explanation_ar", "explanation_en",
]  # fmt: skip
# The default reader's and writer's columns.
OPTIONS_COLUMN = "options"
ROWS_COLUMN = "answer_rows"
DEFAULT_COLUMNS = [OPTIONS_COLUMN, ROWS_COLUMN]
# Several tries (the interactive behaviour): the penalty per wrong try as a percentage, and the hints shown after
# each wrong try, numbered (`hint1_ar`, `hint1_en`, …); written only when a question has them.
PENALTY_COLUMN = "penalty"
HINT_COLUMN = re.compile(r"^hint(\d+)_(ar|en)$")
DEFAULT_PENALTY = Fraction(1, 3)
DIFFICULTIES = {"", "easy", "medium", "hard"}
SEPARATORS = (",", ";", "\t")
# The header is looked for in this many characters; a header names a few dozen columns.
HEADER_CHARACTERS = 64 * 1024
# Enough for MAX_QUESTION_ANSWERS answer groups of 9 columns, and the rest.
MAX_COLUMNS = 2000


def type_columns() -> list[str]:
    """The registered types' own columns (`csv_columns`), in registry order."""
    columns = []
    for qtype in registry.all():
        columns += [column for column in getattr(qtype, "csv_columns", ()) if column not in columns]
    return columns


# ============================================================================================================
# Import
# ============================================================================================================


def parse(text: str) -> ParseResult:
    result = ParseResult()
    if not text.strip():
        raise FormatError(_("The file is empty."))
    with reading_budget():
        try:
            _read_rows(text, result)
        except csv.Error as error:
            raise FormatError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    return result


def _read_rows(text: str, result: ParseResult) -> None:
    reader = csv.DictReader(io.StringIO(text), dialect=csv.excel, delimiter=guess_separator(text))
    fieldnames = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = fieldnames
    if "type" not in fieldnames:
        raise FormatError(_("The first row must name the columns, including “type”; see the CSV guide."),
                          where=_("row 1"))
    if len(fieldnames) > MAX_COLUMNS:
        raise FormatError(
            ngettext("The first row names more than %(limit)d column.",
                     "The first row names more than %(limit)d columns.", MAX_COLUMNS) % {"limit": MAX_COLUMNS},
            where=_("row 1"),
        )
    known = {*COMMON_COLUMNS, *type_columns(), *DEFAULT_COLUMNS, PENALTY_COLUMN}
    unknown = [n for n in fieldnames if n and n not in known and not answer_column(n) and not HINT_COLUMN.match(n)]
    if unknown:
        result.warn(_("row 1"), _("unknown columns ignored: %(columns)s") % {"columns": ", ".join(unknown)})
    for row in reader:
        check_budget(result)
        row = {name: restore_text(value) if isinstance(value, str) else value for name, value in row.items()}
        where = _("row %(number)d") % {"number": reader.line_num}
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        try:
            definition = _question(row)
        except RowError as error:
            result.error(where, str(error))
            continue
        definition.source = where + (f" (“{definition.name}”)" if definition.name else "")
        result.questions.append(definition)
    check_budget(result)


def guess_separator(text: str) -> str:
    """The separator of the header: the one of `SEPARATORS` that gives a "type" column (the most columns if
    several do, a comma if none does), read from the first HEADER_CHARACTERS only.

    Only the separator is guessed; quoting is Excel's (and `export`'s): a quote inside a quoted cell is
    doubled. (csv.Sniffer, which guessed it before, takes time quadratic in a line full of quotes.)
    """
    header = next(iter(text[:HEADER_CHARACTERS].lstrip("\ufeff").splitlines()), "")
    best, best_columns = ",", 0
    for separator in SEPARATORS:
        try:
            cells = [cell.strip() for cell in next(csv.reader([header], dialect=csv.excel, delimiter=separator), [])]
        except csv.Error:
            continue
        if "type" in cells and len(cells) > best_columns:
            best, best_columns = separator, len(cells)
    return best


def _question(cells: dict) -> defs.QuestionDef:
    name = (cells.get("type") or "").strip()
    try:
        qtype = registry.get(name)
    except UnknownQuestionType:
        raise RowError(unknown_type_message(name, registry.names())) from None
    row = CsvRow(cells)
    row.common = _common(row)
    hook = getattr(qtype, "import_from_csv", None)
    return hook(row) if hook is not None else _read_default(qtype, row)


def _common(row: CsvRow) -> defs.QuestionDef:
    """What every question has; `CsvRow.question` hands it to the type."""
    difficulty = row.value("difficulty").lower()
    if difficulty not in DIFFICULTIES:
        raise RowError(_("difficulty must be easy, medium or hard, not “%(value)s”.") % {"value": difficulty})
    return defs.QuestionDef(
        qtype="",
        name=row.value("name"),
        text=row.text("text"),
        general_feedback=row.text("general_feedback"),
        explanation=row.text("explanation"),
        points=row.decimal("points", _("points"), "1"),
        tags=[t.strip() for t in row.value("tags").split("|") if t.strip()],
        events=[e.strip() for e in row.value("events").split("|") if e.strip()],
        difficulty=difficulty,
        penalty=_penalty(row),
        hints=_hints(row),
    )


def _penalty(row: CsvRow) -> Fraction:
    penalty = row.percent(PENALTY_COLUMN, 0) if row.value(PENALTY_COLUMN) else DEFAULT_PENALTY
    if not 0 <= penalty <= 1:
        raise RowError(_("the penalty must be a percentage between 0 and 100, not “%(value)s”.")
                       % {"value": row.value(PENALTY_COLUMN)})
    return penalty


def _hints(row: CsvRow) -> list[defs.Text]:
    """The hint columns in number order; an empty hint between two is skipped (as Moodle drops empty hints)."""
    numbers = sorted({int(match.group(1)) for column in row.cells
                      if isinstance(column, str) and (match := HINT_COLUMN.match(column))})
    return [hint for hint in (row.text(f"hint{n}") for n in numbers) if hint]


def _read_default(qtype, row: CsvRow) -> defs.QuestionDef:
    """The `options` column as JSON, the answer groups as the type's `answer_rows` (or the `answer_rows` cell's)."""
    question = row.question(qtype.name)
    if row.value(OPTIONS_COLUMN):
        try:
            question.options = options_from_json(row.value(OPTIONS_COLUMN))
        except ValueError as error:
            raise RowError(str(error)) from None
    kind = row.value(ROWS_COLUMN) or qtype.answer_rows
    if kind is not None and kind not in defs.ROW_KINDS:
        raise RowError(unknown_answer_kind_message(kind))
    if row.groups():
        if kind is None:
            raise RowError(no_answers_message(qtype.name))
        setattr(question, kind, row.rows(kind))
    return question


# ============================================================================================================
# Export
# ============================================================================================================


def export(questions: list[defs.QuestionDef]) -> str:
    rows = []
    writer = CsvWriter()
    used_default = False
    for q in questions:
        try:
            qtype = registry.get(q.qtype)
        except UnknownQuestionType:
            raise FormatError(unknown_type_message(q.qtype, registry.names())) from None
        row = {
            "type": q.qtype, "name": q.name, "points": format(Decimal(q.points).normalize(), "f"),
            "difficulty": q.difficulty, "tags": "|".join(q.tags), "events": "|".join(q.events),
        }  # fmt: skip
        for field in ("text", "general_feedback", "explanation"):
            row.update(writer.text_cells(field, getattr(q, field)))
        if q.penalty != DEFAULT_PENALTY:
            row[PENALTY_COLUMN] = percent_text(q.penalty)
        for n, hint in enumerate(q.hints, start=1):
            row.update(writer.text_cells(f"hint{n}", hint))
        hook = getattr(qtype, "export_to_csv", None)
        if hook is not None:
            row.update(hook(q, writer))
        else:
            row.update(_write_default(qtype, q, writer))
            used_default = True
        rows.append(row)
    width = max((int(m.group(2)) for row in rows for c in row if (m := ANSWER_COLUMN.match(c))), default=0)
    columns = COMMON_COLUMNS + type_columns() + (DEFAULT_COLUMNS if used_default else [])
    if any(PENALTY_COLUMN in row for row in rows):
        columns.append(PENALTY_COLUMN)
    hints = max((len(q.hints) for q in questions), default=0)
    columns += [f"hint{n}_{code}" for n in range(1, hints + 1) for code in defs.LANGUAGES]
    gap_columns = GAP_COLUMNS if any(GAP_COLUMNS[0].format(n=1) in row for row in rows) else ()
    for n in range(1, width + 1):
        columns += [column.format(n=n) for column in (*GROUP_COLUMNS, *gap_columns)]
    output = io.StringIO()
    # Every cell through the one formula guard (quizzes.spreadsheets); `parse` reads the guard back.
    csv_writer = csv_dict_writer(output, columns, lineterminator="\n")
    csv_writer.writeheader()
    csv_writer.writerows(rows)
    return output.getvalue()


def _write_default(qtype, question: defs.QuestionDef, writer: CsvWriter) -> dict[str, str]:
    kinds = answer_kinds(question)
    if len(kinds) > 1:
        raise FormatError(
            _("a question of type “%(type)s” has answers of more than one kind; a CSV row holds one.")
            % {"type": qtype.name}
        )
    cells = {OPTIONS_COLUMN: options_to_json(question.options) if question.options else ""}
    if kinds:
        if kinds[0] != qtype.answer_rows:
            cells[ROWS_COLUMN] = kinds[0]
        cells.update(writer.answer_cells(getattr(question, kinds[0])))
    return cells
