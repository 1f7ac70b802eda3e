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


# --- how two texts were made equal (feedback that teaches the standard spelling) --------------------
_HAMZA_MARKS = "\u0653\u0654\u0655"  # madda, hamza above, hamza below: what NFKD splits from أ إ آ ؤ ئ
# The foldings a learner is told about, each with the characters it deletes or maps. Spaces, punctuation,
# invisible characters and Persian letters are folded too, but silently: they say nothing about spelling.
FOLD_REASONS = {
    "hamza": _HAMZA_MARKS + "ٱٲٳ",
    "diacritics": "".join(c for c in _TASHKEEL if c not in _HAMZA_MARKS) + _TATWEEL,
    "ta_marbuta": "ة",
    "alef_maqsura": "ىی",
    "digits": "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "accents": _LATIN_ACCENTS,
}


def _normalise_keeping(text: str, reason: str) -> str:
    """`normalise`, except the folding named `reason` (a key of FOLD_REASONS)."""
    kept = set(map(ord, FOLD_REASONS[reason]))
    table = {key: value for key, value in _TABLE.items() if key not in kept}
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKD", text).translate(table)
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).strip(_EDGE_CHARS)


def strict_form(text: str) -> str:
    """Return `text` as a strict comparison sees it: NFKC, spaces collapsed, nothing else forgiven."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def fold_reasons(typed: str, accepted: str) -> list[str]:
    """Return the foldings (FOLD_REASONS keys) that made `typed` equal to `accepted`.

    Empty when they are equal as typed (after NFKC and spaces), or when only case, spaces or punctuation
    differ; a folding counts when the texts differ without it.
    """
    if strict_form(typed) == strict_form(accepted) or normalise(typed) != normalise(accepted):
        return []
    return [reason for reason in FOLD_REASONS
            if _normalise_keeping(typed, reason) != _normalise_keeping(accepted, reason)]


# --- spelling variants of foreign names in Arabic ----------------------------------------------------
# Letters Arabic writers choose between for one foreign sound: a hard g (ج or غ, also ق in some countries),
# a z or s (س, ز, ث), and long vowels written or left out.
_SOUND_CLASSES = ("جغ", "سزث")
_LONG_VOWELS = "اوي"


def spelling_skeleton(text: str) -> str:
    """Return `text` folded, with letters for one foreign sound made one and medial long vowels dropped."""
    folded = normalise(text)
    for letters in _SOUND_CLASSES:
        folded = folded.translate(str.maketrans(letters, letters[0] * len(letters)))
    return " ".join(word[:1] + "".join(c for c in word[1:-1] if c not in _LONG_VOWELS) + word[1:][-1:]
                    for word in folded.split())


def spelling_variants(text: str, *, limit: int = 12) -> list[str]:
    """Return usual Arabic spellings of the foreign name `text`: one or two letters swapped for another of the
    same sound (ج/غ, س/ز/ث) or a medial long vowel left out, fewest changes first; `text` itself is not one."""
    positions = [(i, letters) for i, c in enumerate(text) for letters in _SOUND_CLASSES if c in letters]
    vowels = [i for i, c in enumerate(text)
              if c in _LONG_VOWELS and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " "]
    single: list[str] = []
    for i, letters in positions:
        single += [text[:i] + other + text[i + 1:] for other in letters if other != text[i]]
    single += [text[:i] + text[i + 1:] for i in vowels]
    double: list[str] = []
    for (i, letters), (j, others) in ((a, b) for a in positions for b in positions if a[0] < b[0]):
        double += [text[:i] + x + text[i + 1:j] + y + text[j + 1:]
                   for x in letters for y in others if x != text[i] and y != text[j]]
    for i, letters in positions:
        for k in vowels:
            for other in letters:
                if other != text[i]:
                    swapped = text[:i] + other + text[i + 1:]
                    double.append(swapped[:k] + swapped[k + 1:])
    seen = {text}
    variants = []
    for variant in single + double:
        if variant not in seen:
            seen.add(variant)
            variants.append(variant)
    # ث for a foreign z is the rarest choice: such variants come last.
    variants.sort(key=lambda variant: variant.count("ث") > text.count("ث"))
    return variants[:limit]
