"""Moodle's multilang markup, split into our Arabic and English fields, and joined again on export.

Moodle writes bilingual text two ways: the multilang filter's
`<span lang="ar" class="multilang">…</span><span lang="en" class="multilang">…</span>` and the
multilang2 filter's `{mlang ar}…{mlang}`. Text without either is in one language only; it goes to the
field of the language its script says (Arabic letters → "ar", otherwise "en").

Reading is linear in the text's length: an opening tag without its closing one is looked for once, not
once per opening tag (a regular expression with a lazy `(.*?)</span>` would scan to the end for each).
"""

import re
import unicodedata

from bilingual.scripts import ARABIC_RANGES
from quizzes.definitions import LANGUAGES, Text

# `<span …>` tags, and what makes one a multilang block: a class "multilang" and a language. The multilang
# filter's own order is `lang` then `class`; any order is read (SPAN_CLASS anywhere in the tag), and then,
# as a second reading, the blocks whose `lang` comes first (SPAN_LANG_THEN_CLASS: it also finds a block
# nested in one the first reading took whole).
SPAN_OPEN = re.compile(r"<span\s", re.I)
SPAN_CLOSE = re.compile(r"</span>", re.I)
SPAN_CLASS = re.compile(r"""class=["'][^"']*\bmultilang\b""", re.I)
SPAN_CLASS_QUOTED = re.compile(r"""class=["'][^"']*\bmultilang\b[^"']*["']""", re.I)
SPAN_LANG = re.compile(r"""lang=["']([A-Za-z_-]+)["']""", re.I)
MLANG_OPEN = re.compile(r"\{mlang\s+([A-Za-z_-]+)\}", re.I)
MLANG_CLOSE = re.compile(r"\{mlang\}", re.I)
# A tag, for telling the script of the text around tags; or, from an unclosed "<", the rest of the text
# (matched whole so that the search ends there instead of trying every later "<").
TAG_OR_REST = re.compile(r"<[^>]+>|<[^>]*\Z")


def _language(code: str) -> str | None:
    base = code.lower().replace("-", "_").split("_")[0]
    return base if base in LANGUAGES else None


def _lang_anywhere(tag: str) -> str | None:
    """The language of a multilang tag whose attributes come in any order."""
    language = SPAN_LANG.search(tag)
    return language.group(1) if language and SPAN_CLASS.search(tag) else None


def _lang_then_class(tag: str) -> str | None:
    """The language of a multilang tag whose first usable `lang` comes before its class."""
    # Only the first `lang` need be tried: a class after a later one is after the first too.
    language = SPAN_LANG.search(tag)
    return language.group(1) if language and SPAN_CLASS_QUOTED.search(tag, language.end()) else None


def _span_blocks(text: str, language_of_tag):
    """(start, end, language code, content) of each `<span …>…</span>` whose tag `language_of_tag` reads."""
    position = 0
    for opening in SPAN_OPEN.finditer(text):
        start = opening.start()
        if start < position:  # inside the previous tag or block
            continue
        tag_end = text.find(">", opening.end())
        if tag_end < 0:  # no tag is closed after here
            return
        code = language_of_tag(text[opening.end() : tag_end])
        if code is None:
            position = tag_end + 1
            continue
        closing = SPAN_CLOSE.search(text, tag_end + 1)
        if closing is None:  # no span is closed after here
            return
        yield start, closing.end(), code, text[tag_end + 1 : closing.start()]
        position = closing.end()


def _mlang_blocks(text: str):
    """(start, end, language code, content) of each `{mlang xx}…{mlang}`."""
    position = 0
    for opening in MLANG_OPEN.finditer(text):
        if opening.start() < position:
            continue
        closing = MLANG_CLOSE.search(text, opening.end())
        if closing is None:
            return
        yield opening.start(), closing.end(), opening.group(1), text[opening.end() : closing.start()]
        position = closing.end()


def _without(text: str, blocks) -> str:
    pieces, position = [], 0
    for start, end, _code, _content in blocks:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def split_multilang(text: str) -> Text:
    """Return {"ar": …, "en": …} from text that may carry multilang markup.

    A language's first block gives its text; markup of both kinds may be mixed. Text outside the blocks
    belongs to both versions.
    """
    text = text or ""
    found: Text = {}
    readings = (lambda t: _span_blocks(t, _lang_anywhere), lambda t: _span_blocks(t, _lang_then_class), _mlang_blocks)
    for blocks in readings:
        for _start, _end, code, content in blocks(text):
            language = _language(code)
            if language and language not in found:
                found[language] = content.strip()
    if found:
        rest = text
        for blocks in readings:
            rest = _without(rest, list(blocks(rest)))
        rest = rest.strip()
        if rest:
            found = {code: f"{value} {rest}".strip() for code, value in found.items()}
        return found
    stripped = text.strip()
    if not stripped:
        return {}
    return {language_of(TAG_OR_REST.sub(lambda tag: " " if tag.group(0).endswith(">") else tag.group(0), stripped)):
            stripped}


def join_multilang(text: Text) -> str:
    """Return Moodle multilang markup for a bilingual text, or the one language's text alone."""
    present = [(code, text[code]) for code in LANGUAGES if (text.get(code) or "").strip()]
    if len(present) <= 1:
        return present[0][1] if present else ""
    return "".join(f'<span lang="{code}" class="multilang">{value}</span>' for code, value in present)


# --- The script of a text ------------------------------------------------------------------------------
def _arabic_letters() -> re.Pattern:
    """A character class of the letters `bilingual.scripts.is_arabic_letter` counts."""
    ranges, first, last = [], None, None
    for low, high in ARABIC_RANGES:
        for code in range(low, high + 1):
            if unicodedata.category(chr(code)).startswith("L"):
                if last is not None and code == last + 1:
                    last = code
                    continue
                if first is not None:
                    ranges.append((first, last))
                first = last = code
    if first is not None:
        ranges.append((first, last))
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


_ARABIC_LETTER = _arabic_letters()


def language_of(text: str) -> str:
    """`bilingual.scripts.detect_language`, counted in C (a five-megabyte text takes milliseconds, not seconds):
    "ar" when most letters are Arabic, else "en"."""
    arabic = len(text) - len(_ARABIC_LETTER.sub("", text))
    letters = sum(map(str.isalpha, text))
    return "ar" if arabic > letters - arabic else "en"
