"""Cells for every CSV and XLSX file Tarikh writes (item statistics, gradebooks, question exports).

Text that people typed (question names, learners' names, quiz titles) must reach a spreadsheet as text,
never as a formula (CSV injection, OWASP). `safe_text` is the one guard: a cell, or any piece of it that
follows a separator, whose first character (after blanks and quotes) starts a formula gets a leading
apostrophe, which spreadsheets read as "this is text". The pieces matter because a spreadsheet may split a
cell where the writer did not: Excel in an Arabic locale splits CSV on ";", so `x;=1+1` would be two cells,
the second a formula. The CSV writers here also quote every cell, so a separator inside a cell stays inside
it for every reader that honours quotes; the guard covers the readers that do not.

A plain number (`-12.5`) is left alone: a spreadsheet reads it as a number, and negative discrimination
indexes must stay numbers. `restore_text` undoes `safe_text` exactly, for an importer that reads back
what an exporter wrote.

XLSX cells are typed: text goes in as a string cell (`xlsx_write`), which no spreadsheet evaluates, so it
keeps its exact text.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal

# OWASP's list of characters that start a formula, with their full-width forms (Excel reads "＝1+1" as "=1+1").
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Where a reader may start a new cell or row inside ours: the CSV separators in use and line breaks.
SEPARATORS = ",;\t\r\n"
# Skipped before looking at a piece's first character. The apostrophe is among them so that a text which
# already starts with one is guarded like the same text without it, which keeps `restore_text` exact.
_LEADING = " \u00a0\u3000\"'"
_PIECES = re.compile(f"([{re.escape(SEPARATORS)}])")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read `text`, as a whole cell, as a formula."""
    head = text.lstrip(_LEADING)
    return bool(head) and head[0] in FORMULA_STARTS and not _NUMBER.match(head)


def safe_text(text: str) -> str:
    """Return `text` so that no cell a spreadsheet makes of it is a formula (CSV injection)."""
    parts = _PIECES.split(text)
    # parts alternates pieces and separators: [piece, separator, piece, ...]; the first piece is the cell's start.
    for index in range(2, len(parts), 2):
        if starts_formula(parts[index]):
            parts[index] = "'" + parts[index]
    guarded = "".join(parts)
    return "'" + guarded if starts_formula(guarded) else guarded


def restore_text(text: str) -> str:
    """Return the text that `safe_text` turned into `text` (for importers of Tarikh's own exports)."""
    if text.startswith("'") and starts_formula(text[1:]):
        text = text[1:]
    parts = _PIECES.split(text)
    for index in range(2, len(parts), 2):
        if parts[index].startswith("'") and starts_formula(parts[index][1:]):
            parts[index] = parts[index][1:]
    return "".join(parts)


def safe_cell(value):
    """Return `value` ready for a CSV cell: "" for None, a number as it is, anything else as guarded text."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return safe_text(str(value))


class GuardedWriter:
    """A `csv.writer` that quotes every cell and passes each through `safe_cell`."""

    def __init__(self, stream, **options):
        options.setdefault("quoting", csv.QUOTE_ALL)
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class GuardedDictWriter(csv.DictWriter):
    """A `csv.DictWriter` that quotes every cell and passes each through `safe_cell` (the header too)."""

    def __init__(self, stream, fieldnames, **options):
        options.setdefault("quoting", csv.QUOTE_ALL)
        super().__init__(stream, fieldnames, **options)

    def writerow(self, rowdict):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


def csv_writer(stream, **options) -> GuardedWriter:
    """The writer for every CSV file Tarikh writes row by row."""
    return GuardedWriter(stream, **options)


def csv_dict_writer(stream, fieldnames, **options) -> GuardedDictWriter:
    """The writer for every CSV file Tarikh writes from dicts (column names first)."""
    return GuardedDictWriter(stream, fieldnames, **options)


def xlsx_write(cell, value) -> None:
    """Put `value` into an openpyxl cell: a number as a number, anything else as text that is never a formula.

    Characters XML cannot hold (control characters other than tab and line breaks) are dropped instead
    of failing the whole workbook.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl is needed only by XLSX exports

    if value is None:
        return
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        cell.value = float(value) if isinstance(value, Decimal) else value
        return
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.data_type = "s"  # a string cell, even when the text starts with "="
