"""A class's essays: its grading queue across assignments (through the quizzes grading pages), and the
gradebook, its exports and the learners' page showing *needs grading* until the final grade."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from classrooms.models import Assignment
from quizzes.models import Quiz, QuizQuestion
from quizzes.services.grading import slot_grade
from quizzes.services import attempts as attempt_service
from tests.classrooms.conftest import NOW, join, url
from tests.factories import essay_def

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def take(quiz, learner, at):
    """Submit an attempt with the choice right and an essay written."""
    attempt = attempt_service.attempt_start(quiz=quiz, learner=learner, now=at)
    for slot in attempt.slots.all():
        raw = ("أرادت فرنسا إمبراطورية موالية لها." if slot.question_type.needs_manual_grading
               else slot.question_type.correct_response(slot.definition))
        attempt_service.attempt_save_response(attempt=attempt, position=slot.position, raw=raw, now=at)
    return attempt_service.attempt_submit(attempt=attempt, now=at)


@pytest.fixture
def essay_quiz(make, teacher):
    quiz = Quiz.objects.create(owner=teacher, title_en="Why Mexico?", title_ar="لماذا المكسيك؟", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=make.single_choice_def()), position=0)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=essay_def()), position=1)
    return quiz


@pytest.fixture
def assigned(classroom, essay_quiz, make):
    Assignment.objects.create(classroom=classroom, quiz=essay_quiz, opens_at=NOW - DAY, due_at=NOW + DAY)
    amal = make.learner(username="amal", first_name="Amal", last_name="Saeed")
    join(classroom, amal)
    attempt = take(essay_quiz, amal, NOW)
    return {"attempt": attempt, "learner": amal, "essay": attempt.slots.get(position=1)}


def test_the_gradebook_shows_needs_grading_until_the_essay_is_graded(teacher_client, classroom, assigned, teacher):
    page = teacher_client.get(url("gradebook", classroom.pk)).content.decode()
    assert "grade-needs-grading" in page and url("grading", classroom.pk) in page
    assert "1 answer to grade" in page
    rows = list(csv.reader(io.StringIO(teacher_client.get(url("export_csv", classroom.pk)).content.decode("utf-8-sig"))))
    assert rows[1][2:] == ["", "done — needs grading"]

    slot_grade(slot=assigned["essay"], mark=Decimal(1), comment="", grader=teacher, now=NOW)
    page = teacher_client.get(url("gradebook", classroom.pk)).content.decode()
    assert "grade-needs-grading" not in page and "<bdi>66.7%</bdi>" in page  # (1 + 1) of 3
    rows = list(csv.reader(io.StringIO(teacher_client.get(url("export_csv", classroom.pk)).content.decode("utf-8-sig"))))
    assert rows[1][2:] == ["66.7", "done"]


def test_the_class_queue_lists_its_members_answers_and_grades_them_there(teacher_client, classroom, assigned,
                                                                        make, essay_quiz):
    outsider = make.learner(first_name="Outside", last_name="Class")
    take(essay_quiz, outsider, NOW)  # not a member: not in this class's queue
    page = teacher_client.get(url("grading", classroom.pk)).content.decode()
    assert "Amal Saeed" in page and "Outside Class" not in page
    assert url("grading", classroom.pk) in teacher_client.get(url("detail", classroom.pk)).content.decode()
    essay = assigned["essay"]
    response = teacher_client.post(url("grade_slot", classroom.pk, essay.pk),
                                   {"mark": "٢", "comment": "ممتاز", "go": "save_next"})
    assert response.status_code == 302 and response.url == url("grading", classroom.pk)
    essay.refresh_from_db()
    assert essay.mark == Decimal(2) and essay.comment == "ممتاز"


def test_another_teacher_cannot_reach_the_class_queue(client, classroom, assigned, make):
    client.force_login(make.teacher())
    assert client.get(url("grading", classroom.pk)).status_code == 404
    assert client.get(url("grade_slot", classroom.pk, assigned["essay"].pk)).status_code == 404
    client.force_login(assigned["learner"])
    assert client.get(url("grading", classroom.pk)).status_code == 404


def test_the_learner_sees_needs_grading_then_the_grade(client, classroom, assigned, teacher):
    client.force_login(assigned["learner"])
    assert "needs grading" in client.get(url("mine")).content.decode()
    slot_grade(slot=assigned["essay"], mark=Decimal(2), comment="", grader=teacher, now=NOW)
    page = client.get(url("mine")).content.decode()
    assert "needs grading" not in page and "100.0%" in page
