"""CSV for teachers who work in spreadsheets: one row per question, Arabic and English in `_ar`/`_en` columns.

The columns are documented in docs/csv-format.md. In short: `type`, `name`, `points`, `difficulty`,
`tags` and `events` (each a list separated by `|`), `text_ar`, `text_en`, `general_feedback_ar/_en`,
`explanation_ar/_en`, `unit`, then numbered answer groups `answer1_ar`, `answer1_en`,
`answer1_fraction` (a percentage), `answer1_feedback_ar/_en`, `answer1_value` and `answer1_tolerance`
(numerical), `prompt1_ar/_en` (matching). Commas, semicolons and tabs are all accepted as separators.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _

from quizzes import definitions as defs
from quizzes.answer_matching import normalise
from quizzes.formats.base import FormatError, ParseResult

TYPES = ("single_choice", "multiple_response", "true_false", "short_answer", "numerical", "matching", "ordering")
CHOICE_TYPES = {"single_choice", "multiple_response", "true_false"}
BASE_COLUMNS = [
    "type", "name", "points", "difficulty", "tags", "events", "text_ar", "text_en",
    "general_feedback_ar", "general_feedback_en", "explanation_ar", "explanation_en", "unit",
]
ANSWER_COLUMN = re.compile(r"^(answer|prompt)(\d+)_(ar|en|fraction|feedback_ar|feedback_en|value|tolerance)$")
DIFFICULTIES = {"", "easy", "medium", "hard"}


class RowError(Exception):
    pass


def _bilingual(row: dict, prefix: str) -> defs.Text:
    return {code: (row.get(f"{prefix}_{code}") or "").strip() for code in defs.LANGUAGES if row.get(f"{prefix}_{code}")}


def _percent(raw: str, default: int) -> Fraction:
    raw = normalise(raw or "").rstrip("%").strip()
    if not raw:
        return Fraction(default, 100)
    try:
        # Spreadsheets round thirds (33.33333%); the nearest fraction with a small denominator is meant.
        return (Fraction(Decimal(raw)) / 100).limit_denominator(1000)
    except (InvalidOperation, ValueError):
        raise RowError(_("“%(value)s” is not a percentage.") % {"value": raw}) from None


def _decimal(raw: str, what: str) -> Decimal:
    try:
        return Decimal(normalise(raw or "").replace(",", ""))
    except InvalidOperation:
        raise RowError(_("%(what)s “%(value)s” is not a number.") % {"what": what, "value": raw}) from None


def _groups(row: dict) -> list[int]:
    numbers = set()
    for column, value in row.items():
        match = ANSWER_COLUMN.match(column or "")
        if match and (value or "").strip():
            numbers.add(int(match.group(2)))
    return sorted(numbers)


def _question(row: dict) -> defs.QuestionDef:
    qtype = (row.get("type") or "").strip()
    if qtype not in TYPES:
        raise RowError(_("unknown type “%(type)s”; use one of: %(types)s.") % {"type": qtype, "types": ", ".join(TYPES)})
    difficulty = (row.get("difficulty") or "").strip().lower()
    if difficulty not in DIFFICULTIES:
        raise RowError(_("difficulty must be easy, medium or hard, not “%(value)s”.") % {"value": difficulty})
    definition = defs.QuestionDef(
        qtype=qtype,
        name=(row.get("name") or "").strip(),
        text=_bilingual(row, "text"),
        general_feedback=_bilingual(row, "general_feedback"),
        explanation=_bilingual(row, "explanation"),
        points=_decimal(row.get("points") or "1", _("points")),
        tags=[t.strip() for t in (row.get("tags") or "").split("|") if t.strip()],
        events=[e.strip() for e in (row.get("events") or "").split("|") if e.strip()],
        difficulty=difficulty,
    )
    if (row.get("unit") or "").strip():
        definition.options["unit"] = row["unit"].strip()
    for n in _groups(row):
        text = _bilingual(row, f"answer{n}")
        feedback = _bilingual(row, f"answer{n}_feedback")
        if qtype in CHOICE_TYPES:
            definition.choices.append(defs.ChoiceDef(text, _percent(row.get(f"answer{n}_fraction"), 0), feedback))
        elif qtype == "short_answer":
            definition.accepted_answers.append(
                defs.AcceptedAnswerDef(text, _percent(row.get(f"answer{n}_fraction"), 100), feedback))
        elif qtype == "numerical":
            definition.numerical_answers.append(defs.NumericalAnswerDef(
                value=_decimal(row.get(f"answer{n}_value") or "", _("answer %(n)d value") % {"n": n}),
                tolerance=_decimal(row.get(f"answer{n}_tolerance") or "0", _("answer %(n)d tolerance") % {"n": n}),
                fraction=_percent(row.get(f"answer{n}_fraction"), 100),
                feedback=feedback,
            ))
        elif qtype == "matching":
            definition.pairs.append(defs.MatchingPairDef(prompt=_bilingual(row, f"prompt{n}"), answer=text))
        else:
            definition.items.append(defs.OrderingItemDef(text))
    return definition


def parse(text: str) -> ParseResult:
    result = ParseResult()
    if not text.strip():
        raise FormatError(_("The file is empty."))
    first_line = text.splitlines()[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        fieldnames = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = fieldnames
        if "type" not in fieldnames:
            raise FormatError(_("The first row must name the columns, including “type”; see the CSV guide."),
                              where=_("row 1"))
        unknown = [n for n in fieldnames if n and n not in BASE_COLUMNS and not ANSWER_COLUMN.match(n)]
        if unknown:
            result.warn(_("row 1"), _("unknown columns ignored: %(columns)s") % {"columns": ", ".join(unknown)})
        for row in reader:
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
    except csv.Error as error:
        raise FormatError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    return result


def _percent_text(fraction: Fraction) -> str:
    value = Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)
    return format(value.quantize(Decimal("0.00001")).normalize(), "f")


def export(questions: list[defs.QuestionDef]) -> str:
    rows = []
    width = 0
    for q in questions:
        row = {
            "type": q.qtype, "name": q.name, "points": format(Decimal(q.points).normalize(), "f"),
            "difficulty": q.difficulty, "tags": "|".join(q.tags), "events": "|".join(q.events),
            "unit": q.options.get("unit", ""),
        }
        for field in ("text", "general_feedback", "explanation"):
            for code in defs.LANGUAGES:
                row[f"{field}_{code}"] = getattr(q, field).get(code, "")
        groups = q.choices or q.accepted_answers or q.numerical_answers or q.pairs or q.items
        width = max(width, len(groups))
        for n, answer in enumerate(groups, start=1):
            for code in defs.LANGUAGES:
                if hasattr(answer, "text"):
                    row[f"answer{n}_{code}"] = answer.text.get(code, "")
                if hasattr(answer, "answer"):
                    row[f"answer{n}_{code}"] = answer.answer.get(code, "")
                    row[f"prompt{n}_{code}"] = answer.prompt.get(code, "")
                if hasattr(answer, "feedback"):
                    row[f"answer{n}_feedback_{code}"] = answer.feedback.get(code, "")
            if hasattr(answer, "fraction"):
                row[f"answer{n}_fraction"] = _percent_text(answer.fraction)
            if hasattr(answer, "value"):
                row[f"answer{n}_value"] = format(answer.value.normalize(), "f")
                row[f"answer{n}_tolerance"] = format(answer.tolerance.normalize(), "f")
        rows.append(row)
    columns = list(BASE_COLUMNS)
    for n in range(1, width + 1):
        columns += [f"answer{n}_ar", f"answer{n}_en", f"answer{n}_fraction", f"answer{n}_feedback_ar",
                    f"answer{n}_feedback_en", f"answer{n}_value", f"answer{n}_tolerance", f"prompt{n}_ar", f"prompt{n}_en"]
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue()
