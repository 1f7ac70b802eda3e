"""How typed answers are compared: which spelling differences are forgiven and which are not.

The folding itself, step by step, is tested in tests/bilingual/test_folding.py.
Invisible characters are written as escapes so that every case can be read in an editor.
"""

import pytest

from quizzes.answer_matching import matches

RLM = "\u200f"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
NBSP = "\u00a0"
ZWNJ, ZWJ = "\u200c", "\u200d"

# (id, response, accepted, expected)
CASES = [
    # Alef forms and hamza carriers
    ("alef-hamza-above", "أحمد", "احمد", True),
    ("alef-hamza-below", "إسبانيا", "اسبانيا", True),
    ("alef-madda", "آخر", "اخر", True),
    ("alef-wasla", "ٱلقاهرة", "القاهرة", True),
    ("alef-wavy-hamza", "\u0672حمد", "احمد", True),
    ("hamza-on-waw", "مسؤول", "مسوول", True),
    ("hamza-on-yeh", "رئيس", "رييس", True),
    ("hamza-carrier-spellings-stay-apart", "مسؤول", "مسئول", False),
    ("standalone-hamza-kept", "ماء", "ما", False),
    # Tashkeel and tatweel
    ("tashkeel-full", "مُحَمَّد", "محمد", True),
    ("shadda", "السّلطان", "السلطان", True),
    ("tanwin", "كتابٌ", "كتاب", True),
    ("tanwin-fath-on-alef", "شكرًا", "شكرا", True),
    ("sukun", "مَكْسِيك", "مكسيك", True),
    ("dagger-alef", "هٰذا", "هذا", True),
    ("quranic-marks", "الرحمٰنۖ", "الرحمن", True),
    ("tatweel", "خـــواريز", "خواريز", True),
    ("tashkeel-and-tatweel", "بـُـويـبـلا", "بويبلا", True),
    # Letter variants at word ends and Persian letters
    ("teh-marbuta", "الجمهورية", "الجمهوريه", True),
    ("alef-maksura", "مصطفى", "مصطفي", True),
    ("persian-yeh", "مصطفی", "مصطفى", True),
    ("persian-kaf", "مکسیک", "مكسيك", True),
    ("teh-marbuta-is-not-teh", "مدرسة", "مدرست", False),
    # Digits and number punctuation
    ("arabic-indic-digits", "١٨٦٢", "1862", True),
    ("persian-digits", "۱۸۶۲", "1862", True),
    ("arabic-and-persian-digits", "١٨٦٢", "۱۸۶۲", True),
    ("arabic-decimal-separator", "٥٫٥", "5.5", True),
    ("arabic-thousands-separator", "١٬٠٠٠", "1000", True),
    ("full-width-digits", "１８６２", "1862", True),
    # Invisible characters
    ("rlm-inside", f"بويبلا{RLM}", "بويبلا", True),
    ("isolates-around-latin", f"معركة {RLI}Puebla{PDI} {LRI}1862{PDI}", "معركة puebla 1862", True),
    ("first-strong-isolate", f"{FSI}بويبلا{PDI}", "بويبلا", True),
    ("zwnj-and-zwj", f"بوي{ZWNJ}ب{ZWJ}لا", "بويبلا", True),
    ("byte-order-mark", "\ufeffPuebla", "Puebla", True),
    # Whitespace
    ("double-space", "معركة  بويبلا", "معركة بويبلا", True),
    ("nbsp", f"معركة{NBSP}بويبلا", "معركة بويبلا", True),
    ("leading-trailing-space", "  Puebla \t\n", "Puebla", True),
    ("missing-space-differs", "معركةبويبلا", "معركة بويبلا", False),
    # Latin script
    ("latin-case", "PUEBLA", "puebla", True),
    ("latin-accents", "Juárez", "Juarez", True),
    ("latin-accents-reversed", "Benito Juarez", "Benito Juárez", True),
    ("sharp-s", "STRASSE", "Straße", True),
    ("full-width-latin", "ＰＵＥＢＬＡ", "Puebla", True),
    # Presentation forms
    ("lam-alef-ligature", "ﻻ", "لا", True),
    ("presentation-forms-word", "ﺑﻮﻳﺒﻼ", "بويبلا", True),
    # Mixed Arabic and Latin
    ("mixed-scripts", "مَاكْسِيمِيلْيَان VON HABSBURG", "ماكسيميليان von Habsburg", True),
    ("mixed-scripts-accent", "إمبراطور México", "امبراطور mexico", True),
    # Edge punctuation
    ("trailing-full-stop", "Puebla.", "Puebla", True),
    ("trailing-arabic-comma", "بويبلا،", "بويبلا", True),
    ("trailing-arabic-question-mark", "بويبلا؟", "بويبلا", True),
    ("guillemets", "«بويبلا»", "بويبلا", True),
    ("space-before-full-stop", "Puebla .", "Puebla", True),
    ("inner-punctuation-kept", "Puebla, Mexico", "Puebla Mexico", False),
    # Wildcard
    ("wildcard-both-ends", "معركة بويبلا الأولى", "*بويبلا*", True),
    ("wildcard-with-folding", "معركة بُويبلا الأُولى", "*بويبلا الاولى", True),
    ("wildcard-matches-nothing", "بويبلا", "*بويبلا*", True),
    ("wildcard-middle", "Benito Pablo Juárez", "Benito * Juarez", True),
    ("wildcard-literal-differs", "معركة بوبلا الأولى", "*بويبلا*", False),
    ("wildcard-anchored", "معركة بويبلا", "بويبلا*", False),
    ("wildcard-dot-is-literal", "Puebla 1862", "Puebla.1862*", False),
    # One letter apart
    ("one-letter-missing", "بوبلا", "بويبلا", False),
    ("qatl-qital", "قتل", "قتال", False),
    ("malik-mulk", "ملك", "مالك", False),
    ("ilm-alim", "علم", "عالم", False),
    ("year-off-by-one", "1863", "1862", False),
    ("arabic-year-off-by-one", "١٨٦٣", "1862", False),
    ("puebla-pueblo", "Pueblo", "Puebla", False),
    # Blank responses
    ("empty-response", "", "بويبلا", False),
    ("blank-response", f" {RLM}{NBSP}. ", "بويبلا", False),
    ("empty-response-wildcard", "", "*", False),
]


@pytest.mark.parametrize(
    "response, accepted, expected",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_matches(response, accepted, expected):
    assert matches(response, accepted) is expected


def test_table_ids_are_unique():
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))


def test_wildcard_can_be_turned_off():
    assert not matches("معركة بويبلا", "*بويبلا*", wildcard=False)
    assert matches("*بويبلا*", "*بويبلا*", wildcard=False)
