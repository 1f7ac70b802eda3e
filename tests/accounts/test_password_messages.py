"""Sign-up's password messages are Arabic on Arabic pages (issue 14, defect 3): Django 5.2's minimum-length msgid is
newer than its Arabic catalog, so our catalog carries it (bilingual/django_strings.py)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_short_password_is_refused_in_arabic_with_an_arabic_full_stop_position(client):
    response = client.post("/ar/accounts/signup/", {"username": "salma", "password1": "Ab1", "password2": "Ab1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "كلمة المرور هذه قصيرة جدًّا" in html
    assert "too short" not in html and "at least" not in html
    # No English sentence from the validators is left on the page.
    assert re.search(r"This password is [a-z]+", html) is None
