"""The CSV columns shared by the CSV driver (`quizzes.formats.csv`) and the question types' CSV hooks.

Bilingual cells (`<prefix>_ar`, `<prefix>_en`), percentages and numbers, and the numbered answer columns of
docs/csv-format.md: `answerN_ar/_en`, `answerN_fraction`, `answerN_feedback_ar/_en`, `answerN_value`,
`answerN_tolerance` and `promptN_ar/_en`, read and written for each kind of shared answer rows. `CsvRow` is one
row as a type's `import_from_csv` reads it; `CsvWriter` is what a type's `export_to_csv` writes with. Nothing
here knows a question type.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from django.utils.translation import gettext as _

from quizzes import definitions as defs
from quizzes.answer_matching import normalise
from quizzes.formats.base import answers_over_limit, too_many_answers_message

ANSWER_COLUMN = re.compile(
    r"^(answer|prompt)(\d+)_(ar|en|fraction|feedback_ar|feedback_en|value|tolerance|group|unlimited)$")
# A plain decimal number, as spreadsheets write them; the exponent is short, so that 1e999999999 (which
# Decimal reads, and no arithmetic on it ends) is not one.
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
# The answer columns of group N, in the order export writes them.
GROUP_COLUMNS = ("answer{n}_ar", "answer{n}_en", "answer{n}_fraction", "answer{n}_feedback_ar",
                 "answer{n}_feedback_en", "answer{n}_value", "answer{n}_tolerance", "prompt{n}_ar", "prompt{n}_en")
# Gap choices' own columns (select missing words, drag and drop into text), written only when a row has them.
GAP_COLUMNS = ("answer{n}_group", "answer{n}_unlimited")
YES = {"1", "yes", "true", "x", "نعم"}
NO = {"", "0", "no", "false", "لا"}


class RowError(Exception):
    """A cell that cannot be read; the message goes to the report with the row's number."""


@lru_cache(maxsize=4096)
def answer_column(column: str) -> int | None:
    """N for a column of answer group N (`answerN_…`, `promptN_…`), else None; a file's columns are matched once."""
    match = ANSWER_COLUMN.match(column or "")
    return int(match.group(2)) if match else None


def number(raw: str) -> Decimal | None:
    """A cell's number (Arabic-Indic digits and thousands separators allowed), or None."""
    raw = normalise(raw).replace(",", "")
    return Decimal(raw) if NUMBER.fullmatch(raw) else None


class CsvRow:
    """One row of the file, as a type's `import_from_csv` reads it.

    `common` holds what every question has (name, texts, points, difficulty, tags, events), read by the driver;
    `question()` starts a definition with it.
    """

    def __init__(self, cells: dict, common: defs.QuestionDef | None = None):
        self.cells = cells
        self.common = common or defs.QuestionDef(qtype="", text={})

    def question(self, qtype: str) -> defs.QuestionDef:
        c = self.common
        return defs.QuestionDef(
            qtype=qtype, name=c.name, text=dict(c.text), general_feedback=dict(c.general_feedback),
            explanation=dict(c.explanation), points=c.points, tags=list(c.tags), events=list(c.events),
            difficulty=c.difficulty, hints=[dict(hint) for hint in c.hints], penalty=c.penalty,
        )  # fmt: skip

    def value(self, column: str) -> str:
        value = self.cells.get(column)
        return value.strip() if isinstance(value, str) else ""

    def text(self, prefix: str) -> defs.Text:
        """The bilingual text of the `<prefix>_ar` and `<prefix>_en` cells."""
        return {code: self.value(f"{prefix}_{code}") for code in defs.LANGUAGES if self.value(f"{prefix}_{code}")}

    def percent(self, column: str, default: int) -> Fraction:
        raw = normalise(self.value(column)).rstrip("%").strip()
        if not raw:
            return Fraction(default, 100)
        if not NUMBER.fullmatch(raw):
            raise RowError(_("“%(value)s” is not a percentage.") % {"value": raw})
        # Spreadsheets round thirds (33.33333%); the nearest fraction with a small denominator is meant.
        return (Fraction(Decimal(raw)) / 100).limit_denominator(1000)

    def decimal(self, column: str, what: str, default: str = "") -> Decimal:
        raw = self.value(column) or default
        found = number(raw)
        if found is None:  # NaN, Infinity, 1_000 and 1e999999999 are not numbers here
            raise RowError(_("%(what)s “%(value)s” is not a number.") % {"what": what, "value": raw})
        return found

    def groups(self) -> list[int]:
        """The numbers N of the answer groups that have a cell filled in."""
        numbers = set()
        for column, value in self.cells.items():
            if isinstance(value, str) and value.strip() and isinstance(column, str):
                group = answer_column(column)
                if group is not None:
                    numbers.add(group)
        if answers_over_limit(len(numbers)):
            raise RowError(too_many_answers_message())
        return sorted(numbers)

    # --- the answer groups, read as one kind of shared answer rows -------------------------------------------

    def rows(self, kind: str) -> list:
        """The answer groups read as `kind` (one of `definitions.ROW_KINDS`)."""
        return getattr(self, kind)()

    def choices(self) -> list[defs.ChoiceDef]:
        return [defs.ChoiceDef(self.text(f"answer{n}"), self.percent(f"answer{n}_fraction", 0),
                               self.text(f"answer{n}_feedback")) for n in self.groups()]  # fmt: skip

    def accepted_answers(self) -> list[defs.AcceptedAnswerDef]:
        return [defs.AcceptedAnswerDef(self.text(f"answer{n}"), self.percent(f"answer{n}_fraction", 100),
                                       self.text(f"answer{n}_feedback")) for n in self.groups()]  # fmt: skip

    def numerical_answers(self) -> list[defs.NumericalAnswerDef]:
        return [
            defs.NumericalAnswerDef(
                value=self.decimal(f"answer{n}_value", _("answer %(n)d value") % {"n": n}),
                tolerance=self.decimal(f"answer{n}_tolerance", _("answer %(n)d tolerance") % {"n": n}, "0"),
                fraction=self.percent(f"answer{n}_fraction", 100),
                feedback=self.text(f"answer{n}_feedback"),
            )
            for n in self.groups()
        ]

    def pairs(self) -> list[defs.MatchingPairDef]:
        return [defs.MatchingPairDef(prompt=self.text(f"prompt{n}"), answer=self.text(f"answer{n}"))
                for n in self.groups()]  # fmt: skip

    def items(self) -> list[defs.OrderingItemDef]:
        return [defs.OrderingItemDef(self.text(f"answer{n}")) for n in self.groups()]

    def gap_choices(self) -> list[defs.GapChoiceDef]:
        return [defs.GapChoiceDef(self.text(f"answer{n}"), group=self.group(f"answer{n}_group"),
                                  unlimited=self.yes_no(f"answer{n}_unlimited")) for n in self.groups()]

    def group(self, column: str) -> int:
        raw = normalise(self.value(column)) or "1"
        if not raw.isdigit():
            raise RowError(_("group “%(value)s” is not a whole number.") % {"value": raw})
        return int(raw)

    def yes_no(self, column: str) -> bool:
        raw = normalise(self.value(column)).lower()
        if raw not in YES | NO:
            raise RowError(_("“%(value)s” is not yes or no (1 or 0).") % {"value": raw})
        return raw in YES


class CsvWriter:
    """What a type's `export_to_csv` writes its cells with."""

    @staticmethod
    def text_cells(prefix: str, text: defs.Text) -> dict[str, str]:
        return {f"{prefix}_{code}": text.get(code, "") for code in defs.LANGUAGES}

    def answer_cells(self, rows) -> dict[str, str]:
        """Answer group N for the N-th row, whatever its kind: each field goes to its column."""
        cells = {}
        for n, row in enumerate(rows, start=1):
            if hasattr(row, "text"):
                cells.update(self.text_cells(f"answer{n}", row.text))
            if hasattr(row, "answer"):
                cells.update(self.text_cells(f"answer{n}", row.answer))
                cells.update(self.text_cells(f"prompt{n}", row.prompt))
            if hasattr(row, "feedback"):
                cells.update(self.text_cells(f"answer{n}_feedback", row.feedback))
            if hasattr(row, "fraction"):
                cells[f"answer{n}_fraction"] = percent_text(row.fraction)
            if hasattr(row, "value"):
                cells[f"answer{n}_value"] = format(row.value.normalize(), "f")
                cells[f"answer{n}_tolerance"] = format(row.tolerance.normalize(), "f")
            if hasattr(row, "group"):
                cells[f"answer{n}_group"] = str(row.group)
                cells[f"answer{n}_unlimited"] = "1" if row.unlimited else "0"
        return cells


def percent_text(fraction: Fraction) -> str:
    value = Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)
    return format(value.quantize(Decimal("0.00001")).normalize(), "f")
