"""Classes in the admin: created with the teacher and a code, assignments limited to the teacher's quizzes."""

import pytest
from django.urls import reverse
from django.utils import translation

from classrooms.models import JOIN_CODE_ALPHABET, Classroom

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def inline_management(prefix, total=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_a_teacher_adds_a_class_in_the_admin(teacher_client, teacher):
    data = {"name": "Grade 8", "code_expires_at_0": "", "code_expires_at_1": "",
            **inline_management("memberships"), **inline_management("assignments")}
    response = teacher_client.post(admin_url("classrooms_classroom_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    classroom = Classroom.objects.get()
    assert classroom.teacher == teacher and set(classroom.join_code) <= set(JOIN_CODE_ALPHABET)


def test_the_admin_links_to_the_class_page_and_gradebook(teacher_client, classroom):
    html = teacher_client.get(admin_url("classrooms_classroom_changelist")).content.decode()
    assert classroom.get_absolute_url().replace("/ar/", "/en/") in html
    assert f"/en/classes/{classroom.pk}/gradebook/" in html


def test_the_assignment_inline_offers_only_the_teachers_published_quizzes(teacher_client, classroom, quiz, make):
    others = make.quiz(questions=1, owner=make.teacher())
    html = teacher_client.get(admin_url("classrooms_classroom_change", classroom.pk)).content.decode()
    assert f'<option value="{quiz.pk}">' in html and f'<option value="{others.pk}">' not in html
