"""Moodle's multilang markup, split into our Arabic and English fields, and joined again on export.

Moodle writes bilingual text two ways: the multilang filter's
`<span lang="ar" class="multilang">…</span><span lang="en" class="multilang">…</span>` and the
multilang2 filter's `{mlang ar}…{mlang}`. Text without either is in one language only; it goes to the
field of the language its script says (Arabic letters → "ar", otherwise "en").
"""

import re

from bilingual.scripts import detect_language
from quizzes.definitions import LANGUAGES, Text

SPAN = re.compile(
    r"""<span\s+(?=[^>]*class=["'][^"']*\bmultilang\b)[^>]*?lang=["']([A-Za-z_-]+)["'][^>]*>(.*?)</span>""",
    re.S | re.I,
)
SPAN_LANG_AFTER = re.compile(
    r"""<span\s+[^>]*?lang=["']([A-Za-z_-]+)["'][^>]*class=["'][^"']*\bmultilang\b[^"']*["'][^>]*>(.*?)</span>""",
    re.S | re.I,
)
MLANG = re.compile(r"\{mlang\s+([A-Za-z_-]+)\}(.*?)\{mlang\}", re.S | re.I)


def _language(code: str) -> str | None:
    base = code.lower().replace("-", "_").split("_")[0]
    return base if base in LANGUAGES else None


def split_multilang(text: str) -> Text:
    """Return {"ar": …, "en": …} from text that may carry multilang markup."""
    text = text or ""
    found: Text = {}
    outside = text
    for pattern in (SPAN, SPAN_LANG_AFTER, MLANG):
        for match in pattern.finditer(text):
            language = _language(match.group(1))
            if language and language not in found:
                found[language] = match.group(2).strip()
        outside = pattern.sub("", outside)
    if found:
        # Text outside the language blocks (rare) belongs to both versions.
        rest = outside.strip()
        if rest:
            found = {code: f"{value} {rest}".strip() for code, value in found.items()}
        return found
    stripped = text.strip()
    if not stripped:
        return {}
    return {detect_language(re.sub(r"<[^>]+>", " ", stripped)): stripped}


def join_multilang(text: Text) -> str:
    """Return Moodle multilang markup for a bilingual text, or the one language's text alone."""
    present = [(code, text[code]) for code in LANGUAGES if (text.get(code) or "").strip()]
    if len(present) <= 1:
        return present[0][1] if present else ""
    return "".join(f'<span lang="{code}" class="multilang">{value}</span>' for code, value in present)
