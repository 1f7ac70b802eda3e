"""Creating classes, removing learners and assigning quizzes: refusals say why and write nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import translation

from classrooms import services
from classrooms.models import Assignment, Classroom, Membership
from quizzes.models import Attempt
from tests.classrooms.conftest import NOW, join, take

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_a_class_needs_a_name(teacher):
    with translation.override("en"), pytest.raises(ValidationError) as invalid:
        services.classroom_create(teacher=teacher, name="   ")
    assert invalid.value.message_dict == {"name": ["Give the class a name."]}
    assert not Classroom.objects.exists()


def test_a_class_name_is_kept_as_written(teacher):
    classroom = services.classroom_create(teacher=teacher, name="  الصف التاسع (ب)  ")
    assert classroom.name == "الصف التاسع (ب)" and classroom.teacher == teacher


def test_assigning_a_quiz_of_another_teacher_is_refused_and_writes_nothing(classroom, teacher, make):
    other_quiz = make.quiz(questions=1, owner=make.teacher())
    other_quiz.title_en = "Someone else's quiz"
    with translation.override("en"), pytest.raises(ValidationError) as invalid:
        services.assignment_create(classroom=classroom, quiz=other_quiz, teacher=teacher, opens_at=NOW,
                                   due_at=NOW + DAY)
    assert invalid.value.message_dict == {
        "quiz": ["You can assign only your own quizzes; “Someone else's quiz” belongs to someone else."]
    }
    assert not Assignment.objects.exists()


def test_a_learners_practice_quiz_cannot_be_assigned(classroom, teacher, make):
    practice = make.quiz(questions=1, owner=teacher, practice_for=make.learner())
    with pytest.raises(ValidationError):
        services.assignment_create(classroom=classroom, quiz=practice, teacher=teacher, opens_at=NOW, due_at=NOW + DAY)
    assert not Assignment.objects.exists()


def test_an_unpublished_quiz_cannot_be_assigned(classroom, teacher, make):
    draft = make.quiz(questions=1, owner=teacher)
    draft.title_en, draft.is_published = "Draft", False
    draft.save()
    with translation.override("en"), pytest.raises(ValidationError, match="Publish “Draft” before assigning it"):
        services.assignment_create(classroom=classroom, quiz=draft, teacher=teacher, opens_at=NOW, due_at=NOW + DAY)
    assert not Assignment.objects.exists()


def test_only_the_classs_teacher_can_assign(classroom, make):
    other = make.teacher()
    with pytest.raises(PermissionDenied):
        services.assignment_create(classroom=classroom, quiz=make.quiz(questions=1, owner=other), teacher=other,
                                   opens_at=NOW, due_at=NOW + DAY)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("due, closes, field, message", [
    (NOW, None, "due_at", "The due time must come after the opening time."),
    (NOW + DAY, NOW + datetime.timedelta(hours=1), "closes_at", "The closing time cannot come before the due time."),
])
def test_assignment_times_must_be_in_order(classroom, teacher, quiz, due, closes, field, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as invalid:
            services.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=NOW, due_at=due,
                                       closes_at=closes)
        # The model's messages are lazy: read them in English too.
        assert invalid.value.message_dict == {field: [message]}
    assert not Assignment.objects.exists()


def test_the_database_keeps_times_in_order_too(classroom, quiz):
    with pytest.raises(IntegrityError):
        Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW, due_at=NOW - DAY)


def test_an_assignment_is_created(classroom, teacher, quiz):
    assignment = services.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=NOW,
                                            due_at=NOW + DAY, closes_at=NOW + 2 * DAY)
    assert list(classroom.assignments.all()) == [assignment]


def test_removing_a_learner_keeps_their_attempts(classroom, teacher, quiz, make):
    learner = make.learner()
    join(classroom, learner)
    take(quiz, learner, NOW)
    assert services.membership_remove(classroom=classroom, learner=learner, teacher=teacher)
    assert not Membership.objects.exists() and Attempt.objects.filter(learner=learner).count() == 1
    assert not services.membership_remove(classroom=classroom, learner=learner, teacher=teacher)
    # Joining again brings the learner back; the code still works for them.
    membership, created = services.classroom_join(learner=learner, code=classroom.join_code, now=NOW)
    assert created


def test_only_the_classs_teacher_can_remove_learners(classroom, make):
    learner = make.learner()
    join(classroom, learner)
    with pytest.raises(PermissionDenied):
        services.membership_remove(classroom=classroom, learner=learner, teacher=make.teacher())
    assert Membership.objects.count() == 1
