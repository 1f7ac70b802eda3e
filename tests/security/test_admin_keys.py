"""Admin pages that show answer keys (a bank's export, a question's preview) ask the model permission, also
for shared banks that every staff user can list."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


@pytest.fixture
def shared_question(make):
    bank = make.bank(owner=make.teacher(), is_shared=True)
    return make.question(bank_obj=bank)


def test_staff_without_permissions_cannot_export_or_preview_a_shared_bank(client, make, shared_question):
    client.force_login(make.user(is_staff=True))
    for format_name in ("gift", "moodlexml", "csv"):
        response = client.get(admin_url("quizzes_questionbank_export", shared_question.bank_id, format_name))
        assert response.status_code == 403, format_name
    assert client.get(admin_url("quizzes_question_preview", shared_question.pk)).status_code == 403


def test_a_teacher_still_exports_and_previews_a_shared_bank(client, make, shared_question):
    client.force_login(make.teacher())
    response = client.get(admin_url("quizzes_questionbank_export", shared_question.bank_id, "gift"))
    assert response.status_code == 200 and b"1862" in response.content
    assert client.get(admin_url("quizzes_question_preview", shared_question.pk)).status_code == 200
