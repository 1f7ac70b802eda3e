"""No English sentence the catalogs could have translated shows on any page in Arabic (issue 14, defect 3).

Every page `pages.walk()` reaches (visitor, learner, teacher, admin; the walk `test_axe` and `test_no_sideways`
read too, shared through the `site_walk` fixture) is read in Arabic only, on a phone and on a laptop (what is
rendered differs: the closed "Menu" on a phone, the links it hides on a laptop): its visible text
(`document.body.innerText`, so text the admin's JavaScript renders, such as the tags widget's "Choose all …", is
read too), the `title`, `placeholder`, `aria-label` and `alt` attributes and the page's <title>. That text must
hold no English fragment of a msgid that has an Arabic msgstr in our catalog or in the catalogs of the Django apps
we use (Django's own, the admin's django and djangojs, auth's): if one shows, a string missed gettext, was
translated before the language was known, or a catalog did not reach the page.

What is matched is the longest literal fragment of at least two words of each msgid (a msgid is split at its
placeholders, %(name)s, %s, {name}, {{ }}), so that learner and teacher content, which is English on purpose in
places (an English-only question with its «(باللغة الإنجليزية فقط)» mark, usernames, a question shown through
«اعرض بالإنجليزية»), is not taken for a missed translation: a part of the page that says it is English
(`lang="en"`: the question shown in English, the «English» link, the admin preview's English pane) is left out,
and a fragment that does belong on an Arabic page is allowed below, with its reason.
"""

import re
from pathlib import Path

import django
import pytest

from tests.browser import pages

# One worker runs every test that reads the site walk (the `site_walk` fixture; its live_server brings the
# transactional database), so the site is walked once.
pytestmark = pytest.mark.xdist_group("site-walk")

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "artifacts" / "arabic-pages-report.md"
DJANGO = Path(django.__file__).parent
CATALOGS = [
    ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    ROOT / "locale" / "ar" / "LC_MESSAGES" / "djangojs.po",
    DJANGO / "conf" / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "admin" / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "admin" / "locale" / "ar" / "LC_MESSAGES" / "djangojs.po",
    DJANGO / "contrib" / "auth" / "locale" / "ar" / "LC_MESSAGES" / "django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%|\{\{.*?\}\}|\{[\w.]*\}")
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
EDGES = " \t\n.,:;!?()[]\"'“”‘’«»-–—…"
# Fragments that may show on an Arabic page, each with its reason.
ALLOWED: dict[str, str] = {}

TEXT = pages.TEXT  # what the walk reads on every Arabic page


def fragment(msgid: str) -> str | None:
    """Return the longest literal part of msgid with at least two words, or None."""
    parts = [part.strip(EDGES) for part in PLACEHOLDER.split(re.sub(r"\s+", " ", msgid))]
    parts = [part for part in parts if len(WORD.findall(part)) >= 2]
    return max(parts, key=len) if parts else None


def po_entries(path: Path):
    """Yield (msgid, msgid_plural, msgstrs) for each entry of a .po file, fuzzy and obsolete ones left out.

    Read from the .po (no polib in requirements.txt, and a .po needs no compiling): entries are separated by a
    blank line, and a string's continuation lines are joined.
    """
    def unquote(string):
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), string)

    for block in path.read_text("utf-8").split("\n\n"):
        joined = re.sub(r'"\n"', "", block)
        if re.search(r"^#,.*\bfuzzy\b", joined, re.M) or re.search(r"^#~", joined, re.M):
            continue
        msgid = re.search(r'^msgid "(.*)"$', joined, re.M)
        if msgid is None or msgid.group(1) == "":
            continue
        plural = re.search(r'^msgid_plural "(.*)"$', joined, re.M)
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', joined, re.M)
        yield unquote(msgid.group(1)), unquote(plural.group(1)) if plural else "", [unquote(s) for s in strings]


def translated_fragments(catalogs=CATALOGS) -> dict[str, str]:
    """Map each fragment of a msgid that has Arabic (not a copy of the msgid) to the catalog it came from."""
    found = {}
    for path in catalogs:
        if not path.exists():
            continue
        for msgid, msgid_plural, strings in po_entries(path):
            if not strings or not all(s.strip() for s in strings) or strings == [msgid]:
                continue
            for source in filter(None, (msgid, msgid_plural)):
                if (part := fragment(source)) and part not in ALLOWED:
                    found.setdefault(part, str(path.relative_to(path.parents[3])))
    return found


def matcher(fragments):
    alternatives = "|".join(re.escape(part) for part in sorted(fragments, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")


def english_in(text: str, pattern) -> list[str]:
    """Each catalog fragment in text, with a few words around it."""
    text = re.sub(r"\s+", " ", text)
    return [f"{match.group()!r} in …{text[max(0, match.start() - 30):match.end() + 30]}…" for match in pattern.finditer(text)]


def test_the_fragment_of_a_msgid_is_its_longest_literal_run_of_two_words_or_more():
    assert fragment("Import questions into “%(bank)s”") == "Import questions into"
    assert fragment("Choose all %s") == "Choose all"
    assert fragment("This password is too short. It must contain at least %(min_length)d character.") == (
        "This password is too short. It must contain at least")
    assert fragment("Preview: %(question)s") is None
    assert fragment("{{ count }} questions") is None


def test_the_check_finds_an_english_sentence_the_catalog_translates(tmp_path):
    """The check can fail: a page with Django's English password help and the admin's "Choose all" is caught."""
    pattern = matcher(translated_fragments())
    page = "كلمة المرور\nYour password can’t be entirely numeric.\nChoose all tags\nEnglish\ntarikh-learner"
    found = english_in(page, pattern)
    assert [item.split("'")[1] for item in found] == ["Your password can’t be entirely numeric", "Choose all"]
    assert english_in("التاريخ\nEnglish\nIn which year did the Meiji Restoration begin?", pattern) == []


def test_no_arabic_page_shows_english_the_catalogs_translate(site_walk):
    pattern = matcher(translated_fragments())
    findings = {}
    for visit in site_walk.visits:
        if visit.lang != "ar":
            continue
        found = {}  # the same fragment at both sizes is named once
        for size in ("text (laptop)", "text (phone)"):
            found.update(dict.fromkeys(english_in(visit.readings[size], pattern)))
        if found:
            findings[f"{visit.label} ({visit.url})"] = list(found)

    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in sorted(findings.items()))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(f"# English on Arabic pages\n\n{len(findings)} pages with findings.\n\n{report}\n", encoding="utf-8")
    assert not findings, f"English the catalogs translate, on Arabic pages:\n{report}"


@pytest.mark.django_db(transaction=True)
def test_the_sign_up_form_s_errors_are_arabic_too(live_server, demo, browser):
    """Django's password-validator messages show only once a password is refused: the walk never sees them."""
    pattern = matcher(translated_fragments())
    context = browser.new_context(viewport=pages.LAPTOP, locale="ar")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/ar/accounts/signup/")
        page.fill("input[name=username]", "learner")  # taken
        page.fill("input[name=password1]", "1234")  # short, common and numeric
        page.fill("input[name=password2]", "1234")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        text = page.evaluate(TEXT)
        assert "/accounts/signup/" in page.url and "كلمة المرور" in text
        assert english_in(text, pattern) == []
    finally:
        context.close()
