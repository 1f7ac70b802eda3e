"""No CSV or XLSX cell Tarikh writes is a formula to a spreadsheet, however the spreadsheet splits the file.

`formula_pieces` is the attacker's view: it splits each line on every separator a spreadsheet may use
(Excel in an Arabic locale splits on ";"), ignoring quotes, and reports every piece that would start a
formula. Nothing Tarikh writes may give it anything.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from classrooms import services as classroom_services
from classrooms.models import Assignment
from quizzes.services import attempts as attempt_service
from quizzes.spreadsheets import restore_text, safe_text
from tests.classrooms.conftest import NOW, join, take

STARTS = "=+-@\t\r＝＋－＠"
NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")  # a plain number is a number, not a formula


def formula_pieces(text: str) -> list[str]:
    """Every piece of `text`, split on any separator and with quotes ignored, that starts a formula."""
    found = []
    for line in re.split(r"[\r\n]", text):
        for separator in ",;\t":
            for piece in line.split(separator):
                head = piece.lstrip(' "\u00a0\u3000')
                if head[:1] and head[0] in STARTS and not NUMBER.fullmatch(head.rstrip('"')):
                    found.append(piece)
    return found


DANGEROUS = [
    "=1+1", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1+1", '"=1+1',
    "＝1+1", "＋1", "－1+1", "＠SUM(A1)",
    "x;=1+1", "a,=1", "a; =1", 'a";=HYPERLINK("http://example.com")', "a\t-2+3", "line\n=1", "x;＝1",
    "'=1", "x;'=1", "=1;=2,+3", "\t", "-",
]
HARMLESS = ["Puebla", "1862", "-12.5", "-3", "+5", "أين هُزم الفرنسيون عام 1862؟", "a, b; c", "1861, -1862",
            "", "'quoted'", "x-y", "e-mail@example.com"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_the_guard_leaves_no_formula_in_any_cell_a_spreadsheet_makes(text):
    assert formula_pieces(safe_text(text)) == []


@pytest.mark.parametrize("text", HARMLESS)
def test_the_guard_leaves_ordinary_text_and_plain_numbers_alone(text):
    assert safe_text(text) == text


@pytest.mark.parametrize("text", DANGEROUS + HARMLESS + ["''=1", "'", "x;''=1", "'x;=1"])
def test_an_importer_reads_back_exactly_what_was_exported(text):
    assert restore_text(safe_text(text)) == text


# --- the files ------------------------------------------------------------------------------------------


def statistics_csv(client, quiz):
    with translation.override("en"):
        url = reverse("quizzes:statistics_csv", args=[quiz.pk])
    return client.get(url).content.decode("utf-8-sig")


@pytest.mark.django_db
def test_the_statistics_csv_guards_names_after_a_separator_and_full_width_signs(client, make):
    quiz = make.quiz(questions=2)
    names = ["x;=1+1", "＝1+1"]
    for slot, name in zip(quiz.fixed_questions.order_by("position"), names):
        slot.question.name = name
        slot.question.save()
    attempt = attempt_service.attempt_start(quiz=quiz, learner=make.learner(), now=NOW)
    attempt_service.attempt_submit(attempt=attempt, now=NOW)
    client.force_login(quiz.owner)
    text = statistics_csv(client, quiz)
    assert formula_pieces(text) == []
    rows = list(csv.reader(io.StringIO(text)))
    assert [restore_text(row[2]) for row in rows[1:]] == names  # still the names, once the guard is undone


@pytest.fixture
def gradebook_class(make):
    teacher = make.teacher()
    classroom = classroom_services.classroom_create(teacher=teacher, name="Class")
    quiz = make.quiz(questions=1, owner=teacher)
    quiz.title_en = "－1+1;=2"
    quiz.save()
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW - datetime.timedelta(days=2),
                              due_at=NOW - datetime.timedelta(days=1))
    learner = make.learner(username="@carim", first_name="a,=1", last_name="x;＠SUM(1)\x07")
    join(classroom, learner)
    take(quiz, learner, NOW - datetime.timedelta(days=1, hours=1))
    return classroom


def gradebook(client, classroom, kind):
    with translation.override("en"):
        return client.get(reverse(f"classrooms:export_{kind}", args=[classroom.pk]))


@pytest.mark.django_db
def test_the_gradebook_csv_guards_names_titles_and_usernames(client, gradebook_class):
    client.force_login(gradebook_class.teacher)
    text = gradebook(client, gradebook_class, "csv").content.decode("utf-8-sig")
    assert formula_pieces(text) == []
    rows = list(csv.reader(io.StringIO(text)))
    assert restore_text(rows[1][0]) == "@carim" and rows[1][2] == "100.0"


@pytest.mark.django_db
def test_the_gradebook_xlsx_holds_every_text_as_a_string_cell(client, gradebook_class):
    """Typed string cells are never formulas; a control character in a name cannot break the workbook."""
    client.force_login(gradebook_class.teacher)
    response = gradebook(client, gradebook_class, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert {cell.data_type for cell in cells if isinstance(cell.value, str)} == {"s"}
    assert sheet.cell(row=2, column=1).value == "@carim" and sheet.cell(row=2, column=3).value == 100.0


@pytest.mark.django_db
def test_the_question_csv_export_guards_its_cells(make):
    from quizzes.services import questions_export

    question = make.question()
    question.name = "x;=1+1"
    question.save()
    assert formula_pieces(questions_export(bank=question.bank, format_name="csv")) == []


# --- every writer goes through the guard ------------------------------------------------------------------
WRITERS = re.compile(r"\bcsv\.(writer|DictWriter)\(|\bopenpyxl\b")
# Code that still writes cells of its own, by path prefix; each entry says what it should call instead.
PENDING = {
    "quizzes/formats/": "quizzes.spreadsheets.csv_dict_writer (and restore_text when reading the cells back)",
}


def test_every_csv_and_xlsx_writer_uses_the_guard():
    root = Path(settings.BASE_DIR)
    apps = [path for path in root.iterdir() if (path / "__init__.py").exists() and path.name != "tests"]
    unguarded = set()
    for app in apps:
        for module in app.rglob("*.py"):
            name = module.relative_to(root).as_posix()
            if name == "quizzes/spreadsheets.py" or "migrations" in module.parts or name.startswith(tuple(PENDING)):
                continue
            source = module.read_text(encoding="utf-8")
            for match in WRITERS.finditer(source):
                # An XLSX writer imports openpyxl for the workbook; its cells go through xlsx_write.
                if match.group(0) == "openpyxl" and "xlsx_write(" in source:
                    continue
                unguarded.add(name)
    assert not unguarded, ("write CSV with quizzes.spreadsheets.csv_writer / csv_dict_writer and XLSX cells "
                           "with xlsx_write")
