"""One way to write a percentage on every page (issue 14, defect 7): `format_percent` and the `percent` filter."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import get_language

from bilingual import digits

TENTH = Decimal("0.1")
# CLDR's symbols for Arabic (common/main/ar.xml). With Western digits the sign follows the number as in English
# and the number's own direction keeps it there; a minus needs a LEFT-TO-RIGHT MARK, or an Arabic sentence moves
# it to the number's other end («5-%»). With Arabic-Indic digits the sign is U+066A «٪» followed by an ARABIC
# LETTER MARK, and the minus is preceded by one: the mark gives the whole number a right-to-left direction, so the
# sign reads after the number (on its left) even inside a <bdi> or an SVG <text direction="ltr">.
ALM, LRM = "\u061c", "\u200e"
ARABIC_PERCENT_SIGN = "\u066a"


def format_percent(value, language: str | None = None, numbering_system: str | None = None) -> str:
    """Write `value` (a number of percent, 0–100) as a percentage in `language`, "" for None or a non-number.

    The rule, one for every page:

    * Precision is the value's own, at most a tenth. A grade (a Decimal or float: `Attempt.percent` is stored to
      a tenth) is written with exactly one decimal, «66.7%», «100.0%», so a column of grades lines up and 49.9%
      never reads as a 50% pass mark; a value already rounded to a whole number (an int: mastery, a chart's
      gridlines) is written whole, «33%», as a «.0» would claim a precision it does not have. Halves round up.
    * The sign follows the number in reading order, as CLDR's Arabic and English pattern "#,##0%" has it:
      English and Arabic with Western digits «56%», «-7.0%»; Arabic with Arabic-Indic digits «٥٦٪», «٦٦٫٧٪»,
      with CLDR's «٫» decimal separator and «٪» sign, which an Arabic sentence shows on the number's left.

    `language` defaults to the active language; `numbering_system` ("latn" or "arab") to the reader's, which
    `bilingual.middleware.DigitsMiddleware` activates for each request; it only matters on Arabic pages.
    """
    if value is None or isinstance(value, bool):
        return ""
    try:
        if isinstance(value, int):
            number = Decimal(value)
        else:
            if isinstance(value, Fraction):
                value = Decimal(value.numerator) / Decimal(value.denominator)
            number = Decimal(str(value)).quantize(TENTH, ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        return ""
    if not number.is_finite():
        return ""
    negative = number < 0  # a rounded -0.0 is not negative
    text = f"{abs(number):f}"
    if not (language or get_language() or "en").startswith("ar"):
        return f"{'-' if negative else ''}{text}%"
    if (numbering_system or digits.active()) == digits.ARABIC_INDIC:
        return f"{ALM + '-' if negative else ''}{digits.to_arabic_indic(text)}{ARABIC_PERCENT_SIGN}{ALM}"
    return f"{LRM + '-' if negative else ''}{text}%"
