"""Join codes: short, unambiguous, unique, forgiving when typed, and a wrong code explains itself."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import translation

from classrooms import models, services
from classrooms.models import JOIN_CODE_ALPHABET, Classroom, Membership, join_code_clean, join_code_generate
from tests.classrooms.conftest import NOW

LOOK_ALIKES = "0O1IL5S2Z8B"


def test_the_alphabet_has_no_look_alikes():
    assert not set(LOOK_ALIKES) & set(JOIN_CODE_ALPHABET)
    assert len(set(JOIN_CODE_ALPHABET)) == len(JOIN_CODE_ALPHABET)


def test_generated_codes_are_six_characters_of_the_alphabet():
    codes = {join_code_generate() for _ in range(500)}
    assert all(len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET) for code in codes)
    assert len(codes) > 490  # random, not a counter


@pytest.mark.parametrize("typed", ["acd-e34", " ACD E34 ", "acde34", "ACD–E34", "acd_e٣٤", "ACDE۳۴"])
def test_typed_codes_ignore_case_spaces_dashes_and_arabic_digits(typed):
    assert join_code_clean(typed) == "ACDE34"


@pytest.mark.django_db
def test_each_class_gets_its_own_code(make):
    teacher = make.teacher()
    codes = {services.classroom_create(teacher=teacher, name=f"Class {n}").join_code for n in range(30)}
    assert len(codes) == 30


@pytest.mark.django_db
def test_a_code_that_is_taken_is_drawn_again(make, monkeypatch):
    teacher = make.teacher()
    first = services.classroom_create(teacher=teacher, name="A")
    drawn = iter([first.join_code, first.join_code, "QQQQQQ"])
    monkeypatch.setattr(services, "join_code_generate", lambda: next(drawn))
    second = services.classroom_create(teacher=teacher, name="B")
    assert second.join_code == "QQQQQQ"
    assert Classroom.objects.count() == 2


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_code(classroom, teacher):
    with pytest.raises(IntegrityError):
        Classroom.objects.create(teacher=teacher, name="Copy", join_code=classroom.join_code)


@pytest.mark.django_db
def test_a_learner_joins_with_the_code_as_typed(classroom, make):
    learner = make.learner()
    typed = f"{classroom.join_code[:3].lower()}-{classroom.join_code[3:].lower()}"
    membership, created = services.classroom_join(learner=learner, code=typed, now=NOW)
    assert created and membership.classroom == classroom and membership.joined_at == NOW


@pytest.mark.django_db
def test_joining_twice_keeps_one_membership(classroom, make):
    learner = make.learner()
    services.classroom_join(learner=learner, code=classroom.join_code, now=NOW)
    membership, created = services.classroom_join(learner=learner, code=classroom.join_code, now=NOW)
    assert not created and Membership.objects.filter(learner=learner).count() == 1


@pytest.mark.django_db
def test_a_wrong_code_explains_itself(classroom, make):
    with translation.override("en"), pytest.raises(services.JoinRefused) as refusal:
        services.classroom_join(learner=make.learner(), code="qqq-qqq", now=NOW)
    assert str(refusal.value) == "No class has the code “QQQQQQ”. Check it with your teacher."
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_blank_code_asks_for_one(make):
    with translation.override("en"), pytest.raises(services.JoinRefused, match="Type the class code"):
        services.classroom_join(learner=make.learner(), code=" - ", now=NOW)


@pytest.mark.django_db
def test_an_expired_code_says_so(classroom, make):
    classroom.code_expires_at = NOW
    classroom.save()
    learner = make.learner()
    services.classroom_join(learner=learner, code=classroom.join_code, now=NOW - datetime.timedelta(seconds=1))
    with translation.override("en"), pytest.raises(services.JoinRefused) as refusal:
        services.classroom_join(learner=make.learner(), code=classroom.join_code, now=NOW)
    assert str(refusal.value) == f"The code “{classroom.join_code}” has expired. Ask your teacher for a new one."
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_an_archived_class_takes_nobody(classroom, make):
    Classroom.objects.filter(pk=classroom.pk).update(archived=True)
    with translation.override("en"), pytest.raises(services.JoinRefused, match="No class has the code"):
        services.classroom_join(learner=make.learner(), code=classroom.join_code, now=NOW)


@pytest.mark.django_db
def test_a_teacher_cannot_join_their_own_class(classroom, teacher):
    with translation.override("en"), pytest.raises(services.JoinRefused, match="You teach"):
        services.classroom_join(learner=teacher, code=classroom.join_code, now=NOW)
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_new_code_replaces_the_old_one(classroom, teacher, make):
    old = classroom.join_code
    services.classroom_code_renew(classroom=classroom, teacher=teacher, code_expires_at=NOW)
    classroom.refresh_from_db()
    assert classroom.join_code != old and classroom.code_expires_at == NOW
    with pytest.raises(services.JoinRefused):
        services.classroom_join(learner=make.learner(), code=old, now=NOW)


def test_the_code_space_is_large():
    assert len(models.JOIN_CODE_ALPHABET) ** models.JOIN_CODE_LENGTH > 200_000_000
