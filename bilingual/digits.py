"""Which digits a reader sees on Arabic pages: Western (1867) or Arabic-Indic (١٨٦٧) (issue 14, defect 7).

A reader's choice is one of the CLDR numbering systems `latn` and `arab`. Visitors get the default of the Arabic
region their browser asks for; signed-in readers their own setting (`accounts.User.digits`, read by the middleware
without importing accounts: the two apps are independent layers). Only what a person reads changes: numbers a
machine reads (attributes, scripts, form values, exports) keep Western digits and a point.
"""

import contextvars
import re

from django.utils.translation.trans_real import parse_accept_lang_header

WESTERN = "latn"
ARABIC_INDIC = "arab"
NUMBERING_SYSTEMS = (WESTERN, ARABIC_INDIC)

# CLDR 47's defaultNumberingSystem of each Arabic region that uses Arabic-Indic digits (common/main/ar_*.xml).
# Every other region, and "ar" with no region, defaults to Western digits: the Maghreb (ar-MA, ar-DZ, ar-TN, ar-LY,
# ar-EH), ar-AE (Western since CLDR 42) and ar-001. The codes are lowercased, as the header is.
ARABIC_INDIC_REGIONS = frozenset({
    "bh", "dj", "eg", "er", "il", "iq", "jo", "km", "kw", "lb", "mr", "om", "ps", "qa", "sa", "sd", "so", "ss",
    "sy", "td", "ye",
})

WESTERN_TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# A point or a comma between two digits is a decimal or thousands separator (dates write «8 ديسمبر 1861، 21:25»,
# never a point between digits); with Arabic-Indic digits CLDR's `arab` symbols are «٫» and «٬».
# A percent sign after a digit becomes CLDR's «٪» with an ARABIC LETTER MARK, or an Arabic sentence shows an
# ASCII «%» on the number's right, where it reads as coming first («%٥٦», the defect this module closes); a space
# before it («100 %») goes, as CLDR's Arabic pattern has none.
_SEPARATOR = re.compile(r"(?<=\d)(?:([.,])(?=\d)|\s?%)")
_ARABIC_SEPARATORS = {".": "٫", ",": "٬", None: "\u066a\u061c"}

_active = contextvars.ContextVar("digits", default=WESTERN)


def default_for_accept_language(header: str) -> str:
    """Return the numbering system CLDR gives the first Arabic language the browser asks for (Western if none).

    ``ar-EG,ar;q=0.9,en;q=0.8`` gives Arabic-Indic; ``ar-MA``, ``ar`` and ``en-GB`` give Western. Only the first
    Arabic entry counts, in the browser's order of preference.
    """
    for code, _quality in parse_accept_lang_header(header or ""):
        language, _, rest = code.partition("-")
        if language != "ar":
            continue
        # A script subtag (ar-Arab-EG) may come before the region: the region is the two-letter part.
        region = next((part for part in rest.split("-") if len(part) == 2 and part.isalpha()), "")
        return ARABIC_INDIC if region in ARABIC_INDIC_REGIONS else WESTERN
    return WESTERN


def for_request(request) -> str:
    """The reader's numbering system: their own setting when signed in and chosen, else their browser's default."""
    user = getattr(request, "user", None)
    chosen = getattr(user, "digits", "") if user is not None and user.is_authenticated else ""
    if chosen in NUMBERING_SYSTEMS:
        return chosen
    return default_for_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))


def active() -> str:
    """The numbering system of the request being answered (Western outside a request)."""
    return _active.get()


def activate(numbering_system: str) -> contextvars.Token:
    """Make `numbering_system` the active one; pass the token to `deactivate` to restore the previous one."""
    return _active.set(numbering_system)


def deactivate(token: contextvars.Token) -> None:
    _active.reset(token)


def to_arabic_indic(text: str) -> str:
    """Write Arabic-Indic digits with CLDR's Arabic separators and sign: «1,867.5» → «١٬٨٦٧٫٥», «56%» → «٥٦٪»."""
    if "." in text or "," in text or "%" in text:
        text = _SEPARATOR.sub(lambda match: _ARABIC_SEPARATORS[match.group(1)], text)
    return text.translate(WESTERN_TO_ARABIC_INDIC)
