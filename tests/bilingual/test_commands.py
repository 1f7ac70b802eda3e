"""Management commands speak the terminal's language, or the one --language names (issue 14, defect 15)."""

import io

import pytest
from django.core.management import call_command

from bilingual.commands import terminal_language


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "ar_EG.UTF-8"}, "ar"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "ar_SA.UTF-8", "LANG": "en_US.UTF-8"}, "ar"),  # LC_ALL wins, as gettext reads it
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "ar_EG.UTF-8"}, "en"),
])
def test_the_terminals_locale_chooses_the_language(environ, expected):
    assert terminal_language(environ) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language, said", [("en", "0 overdue attempts closed."), ("ar", "لم تُغلَق أي محاولة متأخرة.")])
def test_a_command_prints_in_the_language_asked(language, said, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    out = io.StringIO()
    call_command("close_overdue_attempts", language=language, stdout=out)
    assert said in out.getvalue(), out.getvalue()


@pytest.mark.django_db
def test_an_english_terminal_gets_english_without_asking(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    out = io.StringIO()
    call_command("close_overdue_attempts", stdout=out)
    assert out.getvalue().isascii(), out.getvalue()
