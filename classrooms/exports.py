"""The gradebook as CSV (UTF-8 with a byte-order mark, so Excel shows Arabic) and as XLSX.

Both have one row per learner and, per assignment, a grade column (a number, in %; empty while an essay
waits for grading) and a status column in the active language (which then says "needs grading"). Every cell goes through `quizzes.spreadsheets`, so that no text a
spreadsheet reads is a formula.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from classrooms.gradebook import Gradebook
from quizzes.spreadsheets import csv_writer, xlsx_write


def table(gradebook: Gradebook) -> list[list]:
    """The header row, then one row per learner; grades are Decimals (or None), the rest strings."""
    header = [_("Username"), _("Name")]
    for assignment in gradebook.assignments:
        title = assignment.quiz.title
        header += [_("%(quiz)s — grade (%%)") % {"quiz": title}, _("%(quiz)s — status") % {"quiz": title}]
    rows = [header]
    for row in gradebook.rows:
        cells = [row.learner.get_username(), row.name]
        for result in row.results:
            status = str(result.status.label)
            if result.needs_grading:  # no grade yet: the status says why
                status = _("%(status)s — needs grading") % {"status": status}
            cells += [result.percent, status]
        rows.append(cells)
    return rows


def gradebook_csv(gradebook: Gradebook) -> bytes:
    buffer = io.StringIO()
    csv_writer(buffer).writerows(table(gradebook))
    return buffer.getvalue().encode("utf-8-sig")


def gradebook_xlsx(gradebook: Gradebook, *, rtl: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    # Sheet titles are at most 31 characters and may not contain []:*?/\ .
    sheet.title = "".join(c for c in _("Gradebook") if c not in "[]:*?/\\")[:31]
    sheet.sheet_view.rightToLeft = rtl
    for row_number, row in enumerate(table(gradebook), start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            xlsx_write(cell, value)
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
            if row_number == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    for column in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24 if column > 2 else 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
