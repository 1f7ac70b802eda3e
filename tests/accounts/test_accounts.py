import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.roles import LEARNERS, TEACHERS

pytestmark = pytest.mark.django_db


def test_sign_up_creates_a_logged_in_learner(client):
    response = client.post(
        "/en/accounts/signup/",
        {"username": "amina", "email": "amina@example.com", "password1": "Tarikh-pass-2026", "password2": "Tarikh-pass-2026"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="amina")
    assert user.groups.filter(name=LEARNERS).exists() and not user.is_staff
    assert client.get("/en/").context["user"] == user


def test_sign_up_errors_rerender_in_arabic_and_keep_input(client):
    response = client.post(
        "/ar/accounts/signup/", {"username": "amina", "email": "amina@example.com", "password1": "a", "password2": "b"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="amina"' in html
    assert "كلمتا المرور" in html or "كلمة المرور" in html
    assert not get_user_model().objects.filter(username="amina").exists()


@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("en", "ltr")])
@pytest.mark.parametrize("page", ["login", "signup", "password_reset"])
def test_account_pages_are_translated_and_directed(client, lang, direction, page):
    html = client.get(f"/{lang}/accounts/{page}/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_login_and_logout(client, learner_user):
    response = client.post("/en/accounts/login/", {"username": "learner1", "password": "a-Long-pass-123"})
    assert response.status_code == 302
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/en/").context["user"].is_authenticated


def test_wrong_password_explains_itself_in_arabic(client, learner_user):
    response = client.post("/ar/accounts/login/", {"username": "learner1", "password": "wrong"})
    assert response.status_code == 200
    assert "اسم مستخدم وكلمة مرور صحيحين" in response.content.decode() or "صحيح" in response.content.decode()


def test_password_reset_sends_a_link_that_works(client, make):
    make.learner(username="sara", email="sara@example.com")
    response = client.post("/ar/accounts/password_reset/", {"email": "sara@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/\S+)", body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200 and "new_password1" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"new_password1": "Another-pass-2026", "new_password2": "Another-pass-2026"})
    assert response.status_code == 302
    assert client.login(username="sara", password="Another-pass-2026")


def test_teacher_group_has_only_content_permissions(teacher_user):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name=TEACHERS).permissions.values_list("content_type__app_label", flat=True))
    assert "auth" not in codenames and "accounts" not in codenames
    assert teacher_user.has_perm("history.change_event") and not teacher_user.has_perm("accounts.change_user")


def test_sign_up_without_an_email_address(client):
    """Many young learners have no address: it is optional (issue 14, defect 14)."""
    response = client.post(
        "/ar/accounts/signup/", {"username": "yusuf", "email": "", "password1": "Tarikh-pass-2026",
                                 "password2": "Tarikh-pass-2026"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username="yusuf").email == ""


def test_an_email_address_that_is_given_is_still_checked(client):
    response = client.post(
        "/en/accounts/signup/", {"username": "yusuf", "email": "not-an-address", "password1": "Tarikh-pass-2026",
                                 "password2": "Tarikh-pass-2026"},
    )
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="yusuf").exists()


def test_the_email_help_says_what_the_address_is_for(client):
    html = client.get("/en/accounts/signup/").content.decode()
    assert "E-mail (optional)" in html and "Used only to reset your password" in html


def test_the_username_help_keeps_its_symbols_left_to_right_in_arabic(client):
    html = client.get("/ar/accounts/signup/").content.decode()
    assert '<bdi dir="ltr">@ . + - _</bdi>' in html
    assert "@/./+/-/_" not in html
