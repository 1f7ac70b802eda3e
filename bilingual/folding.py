"""Fold typed Arabic and Latin text so that spelling noise is ignored but different words stay apart.

`normalise` is the one folding used wherever typed text is compared: a response with an accepted
answer (`quizzes.answer_matching`), a typed join code with a classroom's (`classrooms.models`).
Its steps run in this order, each for a reason:

1. NFKC, first, so every later step sees base characters: Arabic presentation forms (ﻻ, ﺑ) become
   ordinary letters, full-width Latin becomes ASCII, NBSP becomes a plain space.
2. casefold, before accents are stripped, because folding itself can emit combining marks
   ("İ" folds to "i" + U+0307) that the next step must then remove.
3. NFKD, then one translation table that deletes and maps characters:
   - deletes bidi controls and zero-width characters, which are invisible and never meaningful in
     an answer (ZWNJ/ZWJ only change how Arabic letters join, not which letters they are);
   - deletes Latin combining accents (U+0300–U+036F), so "Juárez" matches "Juarez": teachers and
     learners often leave accents out. Only that block is deleted, so marks that are letters'
     vowels in other scripts are kept;
   - deletes Arabic tashkeel, Quranic marks and tatweel. NFKD already splits أ إ آ ؤ ئ into a
     base letter plus a hamza or madda mark, deleted with the tashkeel; the table lists them anyway
     so that all the letter foldings can be read in one place;
   - folds alef forms to ا, ى to ي, ة to ه, Persian ی and ک to ي and ك. Hamza carriers ؤ and ئ
     fold to و and ي: learners often type them without the hamza, and it is the usual Arabic
     search normalisation. A standalone ء is a letter of its own and is kept;
   - maps Arabic-Indic and Persian digits to 0–9 and Arabic punctuation to its ASCII form, and
     drops the Arabic thousands separator.
4. NFC, to recompose what the deletions left (Hangul, kana with voicing marks) and give one form.
5. Whitespace runs collapse to one space; then spaces and sentence punctuation are stripped from
   both ends ("Puebla." means "Puebla"). This runs last so it also sees punctuation and spaces
   produced by the steps above. "*" is never stripped: `quizzes.answer_matching` uses it as a
   wildcard.
"""

import unicodedata

_BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
_LATIN_ACCENTS = "".join(map(chr, range(0x0300, 0x0370)))
_TASHKEEL = "".join(
    map(chr, [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
)
_TATWEEL = "\u0640"
_THOUSANDS_SEPARATOR = "\u066c"

_FOLDS = (
    ("أإآٱٲٳ", "اااااا"),
    ("ىی", "يي"),
    ("ة", "ه"),
    ("ؤئ", "وي"),
    ("ک", "ك"),
    ("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2),
    ("٫،؛؟٪", ".,;?%"),
)
_TABLE = str.maketrans(
    "".join(source for source, _ in _FOLDS),
    "".join(target for _, target in _FOLDS),
    _BIDI_CONTROLS + _ZERO_WIDTH + _LATIN_ACCENTS + _TASHKEEL + _TATWEEL + _THOUSANDS_SEPARATOR,
)

# Only sentence punctuation and double quotes: an edge "'" can be part of a transliteration
# ("'Abbas"), and "%" or "$" change what a number means.
_EDGE_CHARS = " .,;:!?\"«»“”"


def normalise(text: str) -> str:
    """Return `text` folded for comparison; the module docstring gives the steps and their order."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKD", text).translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).strip(_EDGE_CHARS)
