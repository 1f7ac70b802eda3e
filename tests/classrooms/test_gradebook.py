"""The gradebook: grades, late flags and review links; a bounded number of queries; CSV and XLSX."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from openpyxl import load_workbook

from classrooms.models import Assignment
from tests.classrooms.conftest import NOW, join, take, url

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def graded(classroom, quiz, make):
    """Three learners and two assignments: done (100%), late (33.3%), missed; the second is all to do."""
    second = make.quiz(questions=2, owner=classroom.teacher)
    first_assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW - 5 * DAY,
                                                 due_at=NOW - 3 * DAY, closes_at=NOW - DAY)
    Assignment.objects.create(classroom=classroom, quiz=second, opens_at=NOW - DAY, due_at=NOW + 3 * DAY)
    amal = make.learner(username="amal", first_name="Amal", last_name="العزيز")
    badr = make.learner(username="badr", first_name="Badr", last_name="Bakri")
    carim = make.learner(username="=carim", first_name="Carim")
    for learner in (amal, badr, carim):
        join(classroom, learner)
    done = take(quiz, amal, NOW - 4 * DAY)
    late = take(quiz, badr, NOW - 2 * DAY, right=1)
    return {"done": done, "late": late, "assignment": first_assignment}


def test_the_gradebook_shows_grades_statuses_and_review_links(teacher_client, classroom, graded):
    html = teacher_client.get(url("gradebook", classroom.pk)).content.decode()
    assert html.index("Amal العزيز") < html.index("Badr Bakri") < html.index("Carim")
    done_review = url("attempt_review", graded["done"].pk)
    late_review = url("attempt_review", graded["late"].pk)
    assert f'<a href="{done_review}" class="grade"><bdi>100.0%</bdi></a>' in html
    assert f'<a href="{late_review}" class="grade"><bdi>33.3%</bdi></a>' in html
    assert html.count('class="badge status-done"') == 1
    assert html.count('class="badge status-late"') == 1
    assert html.count('class="badge status-missed"') == 1
    assert html.count('class="badge status-to_do"') == 3
    assert "mean <bdi>66.7%</bdi>" in html


def test_a_teacher_reads_a_learners_attempt_with_the_key(teacher_client, graded):
    html = teacher_client.get(url("attempt_review", graded["late"].pk)).content.decode()
    assert "Badr Bakri" in html and "Score: <bdi>1</bdi> out of <bdi>3</bdi> (33.3%)" in html
    assert html.count('class="badge badge-right"') == 1 and html.count('class="badge badge-wrong"') == 2
    assert 'class="badge status-late"' in html
    assert "key-right" in html  # the right answers are shown to the teacher
    # … beside what the learner answered.
    assert html.count("The learner's answer:") == 3


# The session, the user, the teacher role; then the class, its learners, its assignments, the overrides that move
# learners' dates, their accommodations (the badge) and the attempts; and how many essays wait for grading (the link
# to the class's grading queue).
GRADEBOOK_QUERIES = 10


@pytest.mark.parametrize("size", [5, 40])
def test_the_gradebook_runs_a_bounded_number_of_queries(client, make, django_assert_max_num_queries, size):
    from classrooms import services

    teacher = make.teacher()
    classroom = services.classroom_create(teacher=teacher, name="Big class")
    quizzes = [make.quiz(questions=1, owner=teacher) for _ in range(3)]
    for quiz in quizzes:
        Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW - 5 * DAY, due_at=NOW - DAY)
    for n in range(size):
        learner = make.learner()
        join(classroom, learner)
        for quiz in quizzes[: n % 4]:
            take(quiz, learner, NOW - 2 * DAY if n % 2 else NOW)
    client.force_login(teacher)
    with django_assert_max_num_queries(GRADEBOOK_QUERIES):
        response = client.get(url("gradebook", classroom.pk))
    assert response.content.decode().count('class="grade-cell') == 3 * size
    with django_assert_max_num_queries(GRADEBOOK_QUERIES):
        assert client.get(url("export_xlsx", classroom.pk)).status_code == 200


def test_the_csv_export_has_a_bom_a_row_per_learner_and_no_formulas(teacher_client, classroom, graded):
    response = teacher_client.get(url("export_csv", classroom.pk))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="gradebook-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Username", "Name", "Quiz — grade (%)", "Quiz — status", "Quiz — grade (%)", "Quiz — status"]
    assert rows[1] == ["amal", "Amal العزيز", "100.0", "done", "", "to do"]
    assert rows[2] == ["badr", "Badr Bakri", "33.3", "late", "", "to do"]
    # A username starting with "=" would be a formula in a spreadsheet.
    assert rows[3] == ["'=carim", "Carim", "", "missed", "", "to do"]


def test_the_xlsx_export_has_numbers_and_reads_right_to_left_in_arabic(teacher_client, classroom, graded):
    response = teacher_client.get(url("export_xlsx", classroom.pk, lang="ar"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 4
    assert values[1][:3] == ["amal", "Amal العزيز", 100.0]
    assert values[2][2] == pytest.approx(33.3)
    assert values[3][0] == "=carim" and sheet.cell(row=4, column=1).data_type == "s"

    english = load_workbook(io.BytesIO(teacher_client.get(url("export_xlsx", classroom.pk)).content)).active
    assert not english.sheet_view.rightToLeft
    assert [cell.value for cell in english[2]][:4] == ["amal", "Amal العزيز", 100.0, "done"]
    assert english.title == "Gradebook"


@pytest.mark.parametrize("export", ["export_csv", "export_xlsx"])
def test_exporting_an_empty_class_explains_instead_of_giving_an_empty_file(teacher_client, classroom, quiz, export):
    response = teacher_client.get(url(export, classroom.pk))
    assert response.status_code == 302 and response["Location"] == url("gradebook", classroom.pk)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [f"“{classroom.name}” has no learners yet, so there is nothing to export."]
    page = teacher_client.get(url("gradebook", classroom.pk)).content.decode()
    assert "No learner has joined this class yet." in page


def test_exporting_a_class_with_no_assignments_explains_too(teacher_client, classroom, make):
    join(classroom, make.learner())
    response = teacher_client.get(url("export_csv", classroom.pk))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"“{classroom.name}” has no assignments yet, so there is nothing to export."
    ]


def test_the_arabic_summary_joins_its_counts_with_an_arabic_comma(teacher_client, classroom, graded):
    """Issue 14, defect 6: «7 متعلّمين, تأخّر» read with a Latin comma inside Arabic."""
    import re

    html = teacher_client.get(url("gradebook", classroom.pk, lang="ar")).content.decode()
    summary = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1])
    assert "، " in summary
    assert re.search(r"[\u0600-\u06FF][^<>\n]{0,12}[,;?]\s", summary) is None
