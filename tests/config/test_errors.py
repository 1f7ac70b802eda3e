"""Bad input gets a clear 400 in the user's language, never a 500."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang, words", [("en", "could not be read"), ("ar", "تعذّرت قراءة الطلب")])
def test_a_form_body_declared_utf16_is_a_400_page_in_the_users_language(make, lang, words):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make.learner())
    quiz = make.quiz(questions=4)
    with translation.override(lang):
        quiz_url = reverse("quizzes:quiz", args=[quiz.pk])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(quiz_url).content.decode()).group(1)
    client.post(quiz_url, {"csrfmiddlewaretoken": token})
    attempt = Attempt.objects.latest("pk")
    with translation.override(lang):
        answer_url = reverse("quizzes:answer", args=[attempt.pk, 3])
    body = f"csrfmiddlewaretoken={token}&q3=abc".encode("utf-16")
    response = client.generic("POST", answer_url, data=body, HTTP_X_CSRFTOKEN=token,
                              content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400
    assert words in response.content.decode()
    assert attempt.slots.get(position=3).response is None
