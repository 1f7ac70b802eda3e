"""One way to show dates and numbers (issue 14, item 7): day first with the month's name and a 24-hour clock in both
languages, short formats equal to the long ones, «أبريل» everywhere, and a decimal point that CSS can read."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation

MOMENT = datetime.datetime(2026, 4, 8, 21, 25)


@pytest.mark.parametrize("name", ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"])
def test_arabic_dates_are_day_first_with_april_spelled_one_way_and_a_24_hour_clock(name):
    with translation.override("ar"):
        assert formats.date_format(MOMENT, name) == "8 أبريل 2026، 21:25"


@pytest.mark.parametrize("name", ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"])
def test_english_dates_are_day_first_and_24_hour(name):
    with translation.override("en"):
        assert formats.date_format(MOMENT, name) == "8 April 2026, 21:25"


def test_historical_month_and_day_dates_spell_april_as_the_questions_do():
    from history.dates import HistoricalDate

    with translation.override("ar"):
        assert str(HistoricalDate(datetime.date(1862, 4, 1), "month")) == "أبريل 1862"
        assert str(HistoricalDate(datetime.date(1862, 4, 28), "day")) == "28 أبريل 1862"


def test_a_localised_decimal_on_an_arabic_page_uses_a_point():
    with translation.override("ar"):
        assert Template("{{ value|floatformat:1 }}").render(Context({"value": 80})) == "80.0"
        assert formats.number_format(56.25, 1) == "56.2"
