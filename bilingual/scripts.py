"""Which script a text is written in: used to route one-language imported text to the right field."""

import unicodedata

# Arabic, Arabic Supplement, Arabic Extended-A/B, Presentation Forms A and B.
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic_letter(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ARABIC_RANGES) and unicodedata.category(char).startswith("L")


def detect_language(text: str) -> str:
    """Return "ar" when most letters of `text` are Arabic, else "en".

    Markup, digits and punctuation do not count; a text without letters is taken as English.
    """
    arabic = latin = 0
    for char in text:
        if is_arabic_letter(char):
            arabic += 1
        elif char.isalpha():
            latin += 1
    return "ar" if arabic > latin else "en"
