"""Dates as history knows them: to the day, the month or only the year, shown per language.

Arabic pages also show the Hijri date. Where the Umm al-Qura calendar is defined (1 Muharram 1343 to the end of
1500 AH, i.e. 1 August 1924 to 16 November 2077) the hijridate package gives it, day for day. Before that there is
no tabulated calendar, so convertdate's arithmetic Islamic calendar is used, which can be a day or two off the
months as they were observed: those dates are labelled arithmetic and approximate. An event known to the day shows
the Hijri day and month too; one known to the month or the year shows the Hijri year (or the two it overlaps).
"""

import datetime
from dataclasses import dataclass

from convertdate import islamic
from django.utils import formats
from django.utils.translation import get_language, gettext as _, gettext_lazy, pgettext_lazy
from hijridate import Gregorian

UMM_AL_QURA = "umm_al_qura"
ARITHMETIC = "arithmetic"

HIJRI_MONTHS = (
    pgettext_lazy("Hijri month", "Muharram"), pgettext_lazy("Hijri month", "Safar"),
    pgettext_lazy("Hijri month", "Rabi al-Awwal"), pgettext_lazy("Hijri month", "Rabi al-Thani"),
    pgettext_lazy("Hijri month", "Jumada al-Ula"), pgettext_lazy("Hijri month", "Jumada al-Akhirah"),
    pgettext_lazy("Hijri month", "Rajab"), pgettext_lazy("Hijri month", "Shaban"),
    pgettext_lazy("Hijri month", "Ramadan"), pgettext_lazy("Hijri month", "Shawwal"),
    pgettext_lazy("Hijri month", "Dhu al-Qadah"), pgettext_lazy("Hijri month", "Dhu al-Hijjah"),
)
CALENDAR_LABELS = {
    UMM_AL_QURA: gettext_lazy("Umm al-Qura calendar"),
    ARITHMETIC: gettext_lazy("arithmetic Islamic calendar, approximate: the months as observed may differ by a day "
                             "or two"),
}


def to_hijri(value: datetime.date) -> tuple[int, int, int, str]:
    """Return (year, month, day, calendar) of `value`: Umm al-Qura where it is defined, else arithmetic."""
    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except OverflowError:  # outside 1343–1500 AH: hijridate refuses it
        year, month, day = islamic.from_gregorian(value.year, value.month, value.day)
        return year, month, day, ARITHMETIC
    return hijri.year, hijri.month, hijri.day, UMM_AL_QURA


def matches_precision(value: datetime.date, precision: str) -> bool:
    """Return whether `value` is the canonical first day for a month or year precision."""
    if precision == "year":
        return value.month == 1 and value.day == 1
    if precision == "month":
        return value.day == 1
    return True


def hijri_years(value: datetime.date, precision: str) -> tuple[int, int]:
    """Return the first and last Hijri year overlapping the date (a Gregorian year spans two)."""
    if precision == "year":
        first = datetime.date(value.year, 1, 1)
        last = datetime.date(value.year, 12, 31)
    elif precision == "month":
        first = value.replace(day=1)
        next_month = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        last = next_month - datetime.timedelta(days=1)
    else:
        first = last = value
    return to_hijri(first)[0], to_hijri(last)[0]


@dataclass(frozen=True)
class HistoricalDate:
    value: datetime.date
    precision: str

    def __str__(self) -> str:
        return self.display()

    def display(self) -> str:
        """Return the date in the active language, only as precise as it is known."""
        if self.precision == "year":
            return str(self.value.year)
        if self.precision == "month":
            return formats.date_format(self.value, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.value, "DATE_FORMAT")

    def hijri(self) -> str:
        """Return the Hijri date: day and month for a date known to the day ("6 ذو القعدة 1278 هـ"), else the year
        or the two years it overlaps ("1277–1278 هـ")."""
        if self.precision == "day":
            year, month, day, _calendar = to_hijri(self.value)
            # Translators: a Hijri date after the Gregorian one: day, month name, year; "AH" is "هـ" in Arabic.
            return _("%(day)s %(month)s %(year)s AH") % {"day": day, "month": HIJRI_MONTHS[month - 1], "year": year}
        first, last = hijri_years(self.value, self.precision)
        years = str(first) if first == last else f"{first}–{last}"
        # Translators: a Hijri year after the Gregorian date; "AH" is "هـ" in Arabic.
        return _("%(years)s AH") % {"years": years}

    @property
    def hijri_calendar(self) -> str:
        """UMM_AL_QURA when the whole date lies where that calendar is defined, else ARITHMETIC."""
        first, last = self.value, self.value
        if self.precision != "day":
            first = self.value.replace(month=1, day=1) if self.precision == "year" else self.value.replace(day=1)
            last = self.value.replace(month=12, day=31) if self.precision == "year" else self.value.replace(day=28)
        calendars = {to_hijri(first)[3], to_hijri(last)[3]}
        return UMM_AL_QURA if calendars == {UMM_AL_QURA} else ARITHMETIC

    @property
    def hijri_is_approximate(self) -> bool:
        return self.hijri_calendar == ARITHMETIC

    @property
    def hijri_label(self) -> str:
        return str(CALENDAR_LABELS[self.hijri_calendar])

    @property
    def shows_hijri(self) -> bool:
        """Hijri years are shown on Arabic pages."""
        return (get_language() or "ar").startswith("ar")
