"""Multilang markup is read in linear time and exactly as the regular expressions it replaced read it."""

import re
import time

from hypothesis import given, settings, strategies as st

from bilingual.scripts import ARABIC_RANGES, detect_language, is_arabic_letter
from quizzes.formats.multilang import _ARABIC_LETTER, language_of, split_multilang

# The reading before it was made linear (quadratic in unclosed tags), kept as the reference.
SPAN = re.compile(
    r"""<span\s+(?=[^>]*class=["'][^"']*\bmultilang\b)[^>]*?lang=["']([A-Za-z_-]+)["'][^>]*>(.*?)</span>""",
    re.S | re.I,
)
SPAN_LANG_AFTER = re.compile(
    r"""<span\s+[^>]*?lang=["']([A-Za-z_-]+)["'][^>]*class=["'][^"']*\bmultilang\b[^"']*["'][^>]*>(.*?)</span>""",
    re.S | re.I,
)
MLANG = re.compile(r"\{mlang\s+([A-Za-z_-]+)\}(.*?)\{mlang\}", re.S | re.I)


def reference_split(text: str) -> dict:
    found, outside = {}, text
    for pattern in (SPAN, SPAN_LANG_AFTER, MLANG):
        for match in pattern.finditer(text):
            language = match.group(1).lower().replace("-", "_").split("_")[0]
            if language in ("ar", "en") and language not in found:
                found[language] = match.group(2).strip()
        outside = pattern.sub("", outside)
    if found:
        rest = outside.strip()
        return {code: f"{value} {rest}".strip() for code, value in found.items()} if rest else found
    stripped = text.strip()
    return {detect_language(re.sub(r"<[^>]+>", " ", stripped)): stripped} if stripped else {}


PIECES = st.sampled_from([
    '<span lang="ar" class="multilang">', '<span class="multilang" lang="en">', "<span lang='en-GB' class='multilang'>",
    '<SPAN LANG="AR" CLASS="multilang">', '<span lang="fr" class="multilang">', "<span class=\"x\">", "<span ",
    "</span>", "</SPAN>", "{mlang ar}", "{mlang en}", "{MLANG en_us}", "{mlang}", "{mlang other}", "<", ">", "<b>",
    "</b>", " ", "\n", "نص", "text", "x",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES | st.text(max_size=3), max_size=14).map("".join))
def test_the_linear_reading_reads_as_the_regular_expressions_did(text):
    assert split_multilang(text) == reference_split(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFEFF), max_size=40))
def test_the_script_is_told_as_bilingual_scripts_tells_it(text):
    assert language_of(text) == detect_language(text)


def test_the_arabic_letters_are_those_of_bilingual_scripts():
    for low, high in ARABIC_RANGES:
        for code in range(low, high + 1):
            assert bool(_ARABIC_LETTER.match(chr(code))) == is_arabic_letter(chr(code)), hex(code)


def test_a_megabyte_of_unclosed_tags_is_read_in_a_fraction_of_a_second():
    for unit in ('<span lang="ar" class="multilang">', "<span ", "{mlang ar}", "<", "<b "):
        started = time.perf_counter()
        split_multilang(unit * (1024 * 1024 // len(unit)))
        assert time.perf_counter() - started < 1, unit
