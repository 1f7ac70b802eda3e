"""Importing is all or nothing, reports each problem with where and why, and never writes half a file."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from quizzes.formats.base import MAX_IMPORT_BYTES
from quizzes.models import Question, QuestionBank
from quizzes.services import questions_export, questions_import

pytestmark = pytest.mark.django_db

GOOD = (
    "type,name,text_ar,text_en,answer1_ar,answer1_en,answer1_fraction,answer2_ar,answer2_en,answer2_fraction\n"
    "single_choice,one,س١,Q1,1862,1862,100,1863,1863,0\n"
    "single_choice,two,س٢,Q2,1864,1864,100,1865,1865,0\n"
)
ONE_BAD = GOOD + "single_choice,three,س٣,Q3,a,a,100,b,b,100\n"


def test_import_writes_every_question_as_a_draft(make):
    bank = make.bank()
    report = questions_import(data=GOOD.encode(), format_name="csv", bank=bank)
    assert report.ok and report.written
    assert list(bank.questions.values_list("name", "status")) == [("one", "draft"), ("two", "draft")]


def test_one_bad_question_means_nothing_is_written_and_the_row_is_named(make):
    bank = make.bank()
    with translation.override("en"):
        report = questions_import(data=ONE_BAD.encode(), format_name="csv", bank=bank)
        messages = [str(problem) for problem in report.errors]
    assert not report.written and Question.objects.count() == 0
    assert messages == ["row 4 (“three”): Exactly one choice must be fully right (100%); this question has 2."]


def test_dry_run_writes_nothing(make):
    bank = make.bank()
    report = questions_import(data=GOOD.encode(), format_name="csv", bank=bank, dry_run=True)
    assert report.ok and len(report.imported) == 2 and not report.written
    assert Question.objects.count() == 0


def test_questions_already_in_the_bank_are_skipped_using_arabic_aware_folding(make):
    bank = make.bank()
    questions_import(data=GOOD.encode(), format_name="csv", bank=bank)
    again = GOOD.replace("س١", "سَ١")  # the same text with a diacritic
    report = questions_import(data=again.encode(), format_name="csv", bank=bank)
    assert len(report.skipped) == 2 and report.imported == []
    assert bank.questions.count() == 2


def test_unknown_event_slugs_are_errors(make):
    data = "type,text_ar,text_en,events,answer1_en,answer1_fraction,answer2_en\nsingle_choice,س,Q,no-such-event,a,100,b\n"
    with translation.override("en"):
        report = questions_import(data=data.encode(), format_name="csv", bank=make.bank())
        assert "no event has the slug “no-such-event”." in str(report.errors[0])


def test_oversized_and_non_utf8_files_are_refused_with_a_message(make):
    with translation.override("en"):
        report = questions_import(data=b"x" * (MAX_IMPORT_BYTES + 1), format_name="csv", bank=make.bank())
        assert "too large" in str(report.errors[0]) and "5 MB" in str(report.errors[0])
        report = questions_import(data="type\né".encode("latin-1"), format_name="csv", bank=make.bank())
        assert "not UTF-8" in str(report.errors[0])


def test_error_messages_follow_the_users_language(make):
    with translation.override("ar"):
        report = questions_import(data=ONE_BAD.encode(), format_name="csv", bank=make.bank())
        assert "الصف 4" in str(report.errors[0])


def test_export_then_import_gives_the_same_questions(make):
    bank = make.bank()
    questions_import(data=GOOD.encode(), format_name="csv", bank=bank)
    for format_name in ("csv",):
        copy = make.bank()
        report = questions_import(data=questions_export(bank=bank, format_name=format_name).encode(),
                                  format_name=format_name, bank=copy)
        assert report.ok, report.errors
        assert [q.definition().choices for q in copy.questions.with_answers()] != []
        assert [(q.name, q.text_ar, q.text_en) for q in copy.questions.all()] == [
            (q.name, q.text_ar, q.text_en) for q in bank.questions.all()
        ]


# --- management commands -----------------------------------------------------------------------
def test_import_command_creates_the_bank_and_reports(tmp_path, make):
    make.user(username="root", is_superuser=True)
    path = tmp_path / "bank.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_questions", str(path), "--bank", "Mexico", stdout=out)
    assert "2 questions imported as drafts." in out.getvalue()
    assert QuestionBank.objects.get(title_en="Mexico").questions.count() == 2


def test_import_command_dry_run_and_failure_exit_non_zero(tmp_path, make):
    make.user(username="root", is_superuser=True)
    path = tmp_path / "bank.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_questions", str(path), "--bank", "بنك", "--dry-run", stdout=out)
    assert "Dry run: 2 questions would be imported." in out.getvalue()
    assert Question.objects.count() == 0
    path.write_text(ONE_BAD, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questions", str(path), "--bank", "Mexico", stdout=out, stderr=io.StringIO())
    assert Question.objects.count() == 0


def test_export_command(tmp_path, make):
    bank = make.bank(title_en="Exported")
    questions_import(data=GOOD.encode(), format_name="csv", bank=bank)
    target = tmp_path / "out.csv"
    call_command("export_questions", "--bank", "Exported", "--format", "csv", "--output", str(target))
    assert "Q1" in Path(target).read_text(encoding="utf-8")


# --- admin upload --------------------------------------------------------------------------------
def test_admin_upload_previews_then_imports(client, teacher_user, make):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    bank = make.bank(owner=teacher_user)
    client.force_login(teacher_user)
    with translation.override("en"):
        url = reverse("admin:quizzes_questionbank_import", args=[bank.pk])
    response = client.post(url, {"file": SimpleUploadedFile("bank.csv", GOOD.encode()), "format": ""})
    html = response.content.decode()
    assert "2 questions will be imported as drafts." in html and Question.objects.count() == 0
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302 and bank.questions.count() == 2
    # The preview cannot be replayed.
    response = client.post(url, {"token": token}, follow=True)
    assert "expired" in response.content.decode() and bank.questions.count() == 2


def test_admin_upload_shows_errors_and_offers_no_import(client, teacher_user, make):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    bank = make.bank(owner=teacher_user)
    client.force_login(teacher_user)
    with translation.override("en"):
        url = reverse("admin:quizzes_questionbank_import", args=[bank.pk])
    response = client.post(url, {"file": SimpleUploadedFile("bank.csv", ONE_BAD.encode()), "format": "csv"})
    html = response.content.decode()
    assert "Nothing was saved" in html and "row 4" in html and "token" not in response.context


def test_admin_import_into_someone_elses_bank_is_404(client, teacher_user, make):
    from django.urls import reverse

    client.force_login(teacher_user)
    other = make.bank(is_shared=True)
    with translation.override("en"):
        assert client.get(reverse("admin:quizzes_questionbank_import", args=[other.pk])).status_code == 404


def test_the_arabic_import_preview_names_types_and_headings_in_arabic(client, teacher_user, make):
    """Issue 14, defect 3: the preview showed raw type codes (`true_false`) and an English heading."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    bank = make.bank(owner=teacher_user)
    client.force_login(teacher_user)
    with translation.override("ar"):
        url = reverse("admin:quizzes_questionbank_import", args=[bank.pk])
    html = client.get(url).content.decode()
    assert "استيراد أسئلة إلى" in html and "Import questions into" not in html
    response = client.post(url, {"file": SimpleUploadedFile("bank.csv", GOOD.encode()), "format": ""})
    html = response.content.decode()
    types = {q.qtype for q in response.context["report"].imported}
    assert types and not any(f"<td>{name}</td>" in html for name in types)
    from quizzes.question_types import registry

    with translation.override("ar"):
        assert all(f"<td>{registry.get(name).label}</td>" in html for name in types)
