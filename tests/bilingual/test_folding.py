"""What `normalise` folds a typed text to, and that folding twice changes nothing.

Invisible characters are written as escapes so that every case can be read in an editor.
"""

import pytest
from hypothesis import given, strategies as st

from bilingual.folding import normalise

RLI, PDI = "\u2067", "\u2069"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  أَحْمَدُ  ", "احمد"),
        ("١٨٦٢٫٥", "1862.5"),
        ("١٬٠٠٠", "1000"),
        ("Juárez.", "juarez"),
        ("ﻻ", "لا"),
        ("هٰذا", "هذا"),
        ("مسؤول رئيس", "مسوول رييس"),
        ("مدرسة مصطفى", "مدرسه مصطفي"),
        ("ماء", "ماء"),
        ("كم؟ ١٠٠٪", "كم? 100%"),
        (f"Puebla{NBSP}{NBSP} 1862 ", "puebla 1862"),
        (f"{RLI}بويبلا{PDI}", "بويبلا"),
        ("*بويبلا*", "*بويبلا*"),
        ("'Abbas", "'abbas"),
        ("«؟»", ""),
    ],
)
def test_normalise_output(text, expected):
    assert normalise(text) == expected


ARABIC_BLOCK = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
FOLDED_EXTRAS = st.sampled_from(list(" .,;:!?*«»\u00a0\u200c\u200d\u200f\u2067\u2069é\u0301İß"))


@given(st.text() | st.text(alphabet=ARABIC_BLOCK | FOLDED_EXTRAS))
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
