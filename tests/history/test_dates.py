"""Hijri dates (issue 14, item 8): Umm al-Qura where it is defined (1343–1500 AH), the arithmetic calendar before it,
labelled; a date known to the day shows the Hijri day and month too."""

import datetime

import pytest
from django.utils import translation

from history.dates import ARITHMETIC, UMM_AL_QURA, HistoricalDate, hijri_years, to_hijri


def test_umm_al_qura_from_its_first_day_and_arithmetic_the_day_before():
    assert to_hijri(datetime.date(1924, 8, 1)) == (1343, 1, 1, UMM_AL_QURA)
    # The arithmetic calendar puts the same day at 29 Dhu al-Hijjah 1342: why the two are told apart.
    assert to_hijri(datetime.date(1924, 7, 31))[3] == ARITHMETIC
    assert to_hijri(datetime.date(1862, 5, 5)) == (1278, 11, 6, ARITHMETIC)
    assert to_hijri(datetime.date(2077, 11, 17))[3] == ARITHMETIC  # past 1500 AH


def test_a_date_known_to_the_day_shows_the_hijri_day_and_month():
    with translation.override("ar"):
        puebla = HistoricalDate(datetime.date(1862, 5, 5), "day")
        assert puebla.hijri() == "6 ذو القعدة 1278 هـ"
        assert puebla.hijri_is_approximate
        modern = HistoricalDate(datetime.date(1924, 8, 1), "day")
        assert modern.hijri() == "1 محرّم 1343 هـ" and not modern.hijri_is_approximate
    with translation.override("en"):
        assert puebla.hijri() == "6 Dhu al-Qadah 1278 AH"


def test_a_year_or_a_month_shows_the_hijri_years_it_overlaps():
    assert hijri_years(datetime.date(1862, 1, 1), "year") == (1278, 1279)
    with translation.override("ar"):
        assert HistoricalDate(datetime.date(1862, 1, 1), "year").hijri() == "1278–1279 هـ"
        # 1924 begins before Umm al-Qura's first day: the whole year is labelled arithmetic.
        assert HistoricalDate(datetime.date(1924, 1, 1), "year").hijri_calendar == ARITHMETIC
        assert HistoricalDate(datetime.date(1950, 1, 1), "year").hijri_calendar == UMM_AL_QURA


@pytest.mark.django_db
def test_the_timeline_labels_an_arithmetic_hijri_date(client):
    from tests import factories

    topic = factories.topic(slug="puebla-topic")
    factories.event(topic_obj=topic, start=datetime.date(1862, 5, 5), slug="puebla-day")
    html = client.get("/ar/events/puebla-day/").content.decode()
    assert "6 ذو القعدة 1278 هـ" in html and "حسابي" in html
