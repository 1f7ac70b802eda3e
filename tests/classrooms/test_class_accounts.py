"""Class accounts: a teacher makes a class's accounts from its list of names, prints sign-in cards, and resets a
class-made learner's password (issue 14, defect 14)."""

import re

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from accounts.roles import LEARNERS
from classrooms import class_accounts
from classrooms.class_accounts import class_accounts_create, class_accounts_plan
from classrooms.models import Membership
from tests.classrooms.conftest import NOW, join, url

pytestmark = pytest.mark.django_db
User = get_user_model()


def codes(plan) -> list[str]:
    return [problem.code for problem in plan.all_problems()]


def make(classroom, teacher, names):
    return class_accounts_create(classroom=classroom, teacher=teacher, names=names, now=NOW)


# --- the plan ----------------------------------------------------------------------------------------------
def test_arabic_names_are_transliterated_to_first_name_dot_surname_initial(classroom):
    """anyascii writes Arabic's consonants; ع and hamza have no letter ("علي" gives "ly"), and the article of a
    surname is skipped, so that every "ال…" does not give the same initial."""
    plan = class_accounts_plan(classroom=classroom, names="محمد الزهراني\nفاطمة حسن\nيوسف\nمحمد علي")
    assert [row.username for row in plan.rows] == ["mhmd.z", "ftmh.h", "ywsf", "mhmd.l"]
    assert (plan.rows[0].first_name, plan.rows[0].last_name) == ("محمد", "الزهراني")
    assert not plan.refused


def test_latin_names_lose_their_accents_and_compound_arabic_first_names_stay_whole(classroom):
    plan = class_accounts_plan(classroom=classroom, names="Zoë Müller\nعبد الله أحمد سالم\nأبو بكر")
    assert [row.username for row in plan.rows] == ["zoe.m", "bdllh.s", "bw.b"]
    assert (plan.rows[1].first_name, plan.rows[1].last_name) == ("عبد الله", "أحمد سالم")


def test_vowel_marks_do_not_change_the_username(classroom):
    plan = class_accounts_plan(classroom=classroom, names="مُحَمَّد خالد\nليلى")
    assert [row.username for row in plan.rows] == ["mhmd.k", "lyla"]


def test_usernames_hold_only_lowercase_letters_digits_and_dots(classroom):
    plan = class_accounts_plan(classroom=classroom, names="عائشة بنت أحمد\nO'Brien Seán\nإبراهيم\nليلى ٣")
    assert all(re.fullmatch(r"[a-z0-9.]+", row.username) for row in plan.rows), [r.username for r in plan.rows]


def test_a_username_that_is_taken_gets_the_smallest_free_number(classroom, make):
    make.user(username="Mhmd.H")  # taken in another case counts too
    make.user(username="mhmd.h2")
    plan = class_accounts_plan(classroom=classroom, names="محمد حسن\nمحمد حسين\nمحمد حمدي\nمحمد زكي")
    assert [row.username for row in plan.rows] == ["mhmd.h3", "mhmd.h4", "mhmd.h5", "mhmd.z"]


def test_list_numbers_invisible_controls_and_empty_lines_are_ignored(classroom):
    names = "1. سارة خالد\n\n   \n٢- \u200fهدى   سعيد\n3\tZaid Omar\n4.Omar Ali\n"
    plan = class_accounts_plan(classroom=classroom, names=names)
    assert [(row.line, row.name) for row in plan.rows] == [(1, "سارة خالد"), (4, "هدى سعيد"), (5, "Zaid Omar"),
                                                          (6, "Omar Ali")]


def test_generated_passwords_are_easy_to_type_and_pass_the_validators(classroom):
    plan = class_accounts_plan(classroom=classroom, names="\n".join(f"Learner {n}" for n in range(40)))
    for row in plan.rows:
        assert re.fullmatch(r"[a-hjkmnp-z]{5}[0-9]{4}", row.password)
        password_validation.validate_password(row.password, user=User(username=row.username,
                                                                      first_name=row.first_name))
    assert len({row.password for row in plan.rows}) == 40


def test_a_password_that_a_validator_refuses_is_never_given(monkeypatch):
    """The first candidates are refused (too similar to the username); the one returned passes."""
    candidates = iter("abcde1234" "xyzwv5678")
    monkeypatch.setattr(class_accounts.secrets, "choice", lambda alphabet: next(candidates))
    password = class_accounts.password_generate(user=User(username="abcde1234"))
    assert password == "xyzwv5678"


@pytest.mark.parametrize(("names", "code"), [
    ("سارة\nسارة", "duplicate"),
    ("Sara Ali\nsara  ali", "duplicate"),
    ("ا" * 61, "too_long"),
    ("12345 !!", "no_letters"),
    ("\n\n  \n", "empty"),
    ("\n".join(f"Learner {n}" for n in range(61)), "too_many"),
])
def test_the_plan_refuses_what_cannot_be_made(classroom, names, code):
    plan = class_accounts_plan(classroom=classroom, names=names)
    assert plan.refused and code in codes(plan)


def test_a_duplicate_names_the_line_it_repeats(classroom):
    plan = class_accounts_plan(classroom=classroom, names="سارة\nهدى\nسارة")
    assert not plan.rows[0].problems and "3" in plan.rows[2].problems[0].message
    assert "1" in plan.rows[2].problems[0].message


def test_sixty_names_are_one_batch(classroom):
    assert not class_accounts_plan(classroom=classroom, names="\n".join(f"Learner {n}" for n in range(60))).refused


def test_a_name_already_in_the_class_is_refused_so_a_list_sent_twice_makes_nothing(classroom, teacher):
    make(classroom, teacher, "سارة خالد\nهدى سعيد")
    plan = class_accounts_plan(classroom=classroom, names="سارة خالد\nهدى سعيد")
    assert codes(plan) == ["member", "member"]
    assert User.objects.filter(first_name="سارة").count() == 1


def test_the_plan_writes_nothing(classroom):
    users = User.objects.count()
    class_accounts_plan(classroom=classroom, names="سارة خالد\nهدى سعيد")
    assert User.objects.count() == users and not classroom.memberships.exists()


# --- making the accounts -----------------------------------------------------------------------------------
def test_the_accounts_are_learners_of_the_class_made_by_its_teacher(classroom, teacher, client):
    cards = make(classroom, teacher, "سارة خالد\nZaid Omar")
    assert [(card.name, card.username) for card in cards] == [("سارة خالد", "srh.k"), ("Zaid Omar", "zaid.o")]
    for card in cards:
        user = User.objects.get(username=card.username)
        assert user.check_password(card.password) and card.password not in user.password
        assert user.groups.filter(name=LEARNERS).exists() and not user.is_staff and user.email == ""
        membership = Membership.objects.get(learner=user)
        assert (membership.classroom, membership.account_created_by, membership.joined_at) == (classroom, teacher, NOW)
    response = client.post("/en/accounts/login/", {"username": "zaid.o", "password": cards[1].password})
    assert response.status_code == 302


@pytest.mark.parametrize("names", [
    "سارة\nهدى\nسارة",
    "Sara Ali\n" + "ا" * 61,
    "\n".join(f"Learner {n}" for n in range(61)),
])
def test_the_real_run_refuses_exactly_what_the_preview_refused_and_makes_nothing(classroom, teacher, names):
    users = User.objects.count()
    planned = codes(class_accounts_plan(classroom=classroom, names=names))
    with pytest.raises(ValidationError) as refused:
        make(classroom, teacher, names)
    assert [error.code for error in refused.value.error_list] == planned
    assert User.objects.count() == users and not classroom.memberships.exists()


def test_all_or_nothing_when_the_database_refuses_one_account(classroom, teacher, monkeypatch):
    """A username taken between the plan and the insert: the whole batch rolls back."""
    real_plan = class_accounts_plan

    def plan_then_someone_takes_a_name(**kwargs):
        plan = real_plan(**kwargs)
        User.objects.create_user(username=plan.rows[1].username)
        return plan

    monkeypatch.setattr(class_accounts, "class_accounts_plan", plan_then_someone_takes_a_name)
    from django.db import IntegrityError

    users = User.objects.count()
    with pytest.raises(IntegrityError):
        make(classroom, teacher, "سارة خالد\nهدى سعيد\nZaid Omar")
    assert User.objects.count() == users and not classroom.memberships.exists()


def test_all_or_nothing_when_a_later_step_fails(classroom, teacher, monkeypatch):
    """The users are inserted, then enrolling the second one fails: the users go too."""
    enrolled = []

    def make_learner_once(user):
        if enrolled:
            raise RuntimeError("the database went away")
        enrolled.append(user)

    monkeypatch.setattr(class_accounts, "make_learner", make_learner_once)
    users = User.objects.count()
    with pytest.raises(RuntimeError):
        make(classroom, teacher, "سارة خالد\nهدى سعيد")
    assert User.objects.count() == users and not classroom.memberships.exists()


def test_another_teacher_cannot_make_accounts_in_the_class(classroom, make):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        class_accounts_create(classroom=classroom, teacher=make.teacher(), names="سارة", now=NOW)


# --- the pages ---------------------------------------------------------------------------------------------
def test_the_class_page_links_to_class_accounts(teacher_client, classroom):
    html = teacher_client.get(url("detail", classroom.pk)).content.decode()
    assert url("class_accounts", classroom.pk) in html


def test_preview_shows_every_row_and_problem_and_makes_nothing(teacher_client, classroom):
    response = teacher_client.post(url("class_accounts", classroom.pk),
                                   {"names": "Sara Ali\nHuda Said\nSara Ali", "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "sara.a" in html and "huda.s" in html and "Line 3" in html
    assert 'value="create"' not in html
    assert not User.objects.filter(first_name="Sara").exists()


def test_a_clean_preview_offers_to_create_without_showing_any_password(teacher_client, classroom):
    response = teacher_client.post(url("class_accounts", classroom.pk), {"names": "Sara Ali", "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 200 and 'value="create"' in html
    assert not re.search(r"\b[a-hjkmnp-z]{5}[0-9]{4}\b", html)


def test_creating_answers_with_sign_in_cards_that_are_never_stored(teacher_client, classroom):
    response = teacher_client.post(url("class_accounts", classroom.pk),
                                   {"names": "سارة خالد\nZaid Omar", "action": "create"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert html.count('class="sign-in-card"') == 2
    assert '<bdi>سارة خالد</bdi>' in html and "http://testserver/en/accounts/login/" in html
    password = re.search(r'class="sign-in-secret" translate="no">([a-z0-9]{9})</bdi>', html)[1]
    assert User.objects.get(username="srh.k").check_password(password)
    assert '<bdi dir="ltr" class="sign-in-secret" translate="no">srh.k</bdi>' in html


def test_creating_a_refused_list_shows_the_preview_with_its_problems(teacher_client, classroom):
    response = teacher_client.post(url("class_accounts", classroom.pk),
                                   {"names": "Sara Ali\nSara Ali", "action": "create"})
    assert response.status_code == 400 and 'class="sign-in-card"' not in response.content.decode()
    assert not User.objects.filter(first_name="Sara").exists()


def test_the_cards_are_in_arabic_right_to_left_on_the_arabic_site(teacher_client, classroom):
    response = teacher_client.post(url("class_accounts", classroom.pk, lang="ar"),
                                   {"names": "سارة خالد", "action": "create"})
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "http://testserver/ar/accounts/login/" in html


# --- resetting a password ----------------------------------------------------------------------------------
@pytest.fixture
def made(classroom, teacher):
    """A learner whose account the teacher made for the class."""
    card, = make(classroom, teacher, "سارة خالد")
    return User.objects.get(username=card.username)


def test_the_teacher_resets_a_class_made_password_and_sees_it_once(teacher_client, classroom, made, client):
    old = made.password
    page = teacher_client.get(url("detail", classroom.pk)).content.decode()
    assert url("reset_password", classroom.pk, made.pk) in page
    assert teacher_client.get(url("reset_password", classroom.pk, made.pk)).status_code == 200
    response = teacher_client.post(url("reset_password", classroom.pk, made.pk))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = re.search(r'class="sign-in-secret" translate="no">([a-z0-9]{9})</bdi>', response.content.decode())[1]
    made.refresh_from_db()
    assert made.password != old and made.check_password(password)


def test_a_reset_signs_the_learner_out_everywhere(teacher_client, classroom, made):
    from django.test import Client

    client = Client()
    client.force_login(made)
    assert client.get(url("mine")).status_code == 200
    teacher_client.post(url("reset_password", classroom.pk, made.pk))
    assert client.get(url("mine")).status_code == 302


@pytest.mark.parametrize("who", ["other_teacher", "learner", "the_learner", "staff"])
def test_no_one_else_may_reset_it(client, classroom, made, make, who):
    actor = {"other_teacher": lambda: make.teacher(), "learner": lambda: make.learner(),
             "the_learner": lambda: made, "staff": lambda: make.user(is_staff=True)}[who]()
    client.force_login(actor)
    for method in (client.get, client.post):
        assert method(url("reset_password", classroom.pk, made.pk)).status_code == 404
    password = made.password
    made.refresh_from_db()
    assert made.password == password


def test_another_teachers_class_is_404_even_with_the_learner_in_it(client, classroom, made, make):
    from classrooms import services

    other = make.teacher()
    elsewhere = services.classroom_create(teacher=other, name="Other")
    join(elsewhere, made)
    client.force_login(other)
    assert client.post(url("reset_password", elsewhere.pk, made.pk)).status_code == 404


@pytest.mark.parametrize("target", ["self_registered", "teacher_account"])
def test_only_class_made_learner_accounts_can_be_reset(teacher_client, classroom, teacher, make, target):
    if target == "self_registered":
        learner = make.learner()
        join(classroom, learner)
    else:
        learner = make.teacher()
        Membership.objects.create(classroom=classroom, learner=learner, joined_at=NOW, account_created_by=teacher)
    password = learner.password
    assert teacher_client.post(url("reset_password", classroom.pk, learner.pk)).status_code == 404
    learner.refresh_from_db()
    assert learner.password == password
    assert url("reset_password", classroom.pk, learner.pk) not in teacher_client.get(
        url("detail", classroom.pk)).content.decode()
