"""The Arabic catalog is complete: every string in the code has an Arabic translation, with all plural forms."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def entries(text: str):
    """Yield (msgid, msgstrs, fuzzy) for each entry of a .po file (the header excluded)."""
    for block in text.split("\n\n"):
        if "msgid" not in block:
            continue
        joined = re.sub(r'"\n"', "", block)
        msgid = re.search(r'^msgid "(.*)"$', joined, re.M)
        if msgid is None or msgid.group(1) == "":
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', joined, re.M)
        yield msgid.group(1), strings, "#, fuzzy" in block or ", fuzzy" in block


def untranslated(path: Path) -> list[str]:
    return [msgid for msgid, strings, fuzzy in entries(path.read_text("utf-8")) if fuzzy or not all(strings)]


def test_arabic_catalog_has_six_plural_forms():
    text = CATALOG.read_text("utf-8")
    assert "nplurals=6" in text
    plural_entries = [strings for _msgid, strings, _f in entries(text) if len(strings) > 1]
    assert plural_entries and all(len(strings) == 6 for strings in plural_entries)


def test_every_arabic_msgid_is_translated():
    assert untranslated(CATALOG) == []


@pytest.mark.slow
def test_catalog_covers_every_string_in_the_code(tmp_path):
    """Extract the strings again (as makemessages does) and merge: nothing may come out untranslated.

    makemessages writes into every `locale/` directory it finds under its working directory, whatever
    LOCALE_PATHS says, so it runs in a copy of the source tree: the repository's catalog is never rewritten
    while other tests (in other workers) read it.
    """
    source = tmp_path / "src"
    shutil.copytree(
        ROOT, source,
        ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "artifacts", "tests", "bench", "node_modules",
                                      "__pycache__", "*.mo", "*.sqlite3"),
    )
    copy = source / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        import os

        cwd = os.getcwd()
        os.chdir(source)
        try:
            call_command(
                "makemessages", locale=["ar"], ignore_patterns=[".venv/*", "staticfiles/*", "tests/*", "bench/*"],
                no_obsolete=True, verbosity=0,
            )
        finally:
            os.chdir(cwd)
    assert copy.read_text("utf-8") != "", "makemessages wrote nothing"
    missing = untranslated(copy)
    assert missing == [], f"{len(missing)} strings lack Arabic; run `make messages-update` and translate: {missing[:10]}"
