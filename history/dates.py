"""Dates as history knows them: to the day, the month or only the year, shown per language.

Arabic pages also show the Hijri year. convertdate's arithmetic Islamic calendar is used; it can be a
day or two off the observed calendar, so the Hijri year is always labelled approximate.
"""

import datetime
from dataclasses import dataclass

from convertdate import islamic
from django.utils import formats
from django.utils.translation import get_language, gettext as _


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
    start = islamic.from_gregorian(first.year, first.month, first.day)[0]
    end = islamic.from_gregorian(last.year, last.month, last.day)[0]
    return start, end


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
        """Return the approximate Hijri year (or two), e.g. "1278 هـ" or "1277–1278 هـ"."""
        first, last = hijri_years(self.value, self.precision)
        years = str(first) if first == last else f"{first}–{last}"
        # Translators: a Hijri year after the Gregorian date; "AH" is "هـ" in Arabic.
        return _("%(years)s AH") % {"years": years}

    @property
    def shows_hijri(self) -> bool:
        """Hijri years are shown on Arabic pages."""
        return (get_language() or "ar").startswith("ar")
