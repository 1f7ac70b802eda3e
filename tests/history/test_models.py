import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from history.models import DatePrecision, Event, Topic

pytestmark = pytest.mark.django_db


def test_publishing_needs_both_languages_and_names_field_and_language(make):
    topic = make.topic()
    event = Event(topic=topic, slug="draft", title_ar="معركة", summary_ar="ملخص", start_date=datetime.date(1862, 5, 5))
    event.full_clean()  # a draft may lack English

    event.is_published = True
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    with translation.override("en"):
        messages = error.value.message_dict
        assert set(messages) == {"title_en", "summary_en"}
        assert messages["title_en"][0] == "“title” in English is required before this can be published."
    with translation.override("ar"):
        assert "الإنجليزية" in error.value.message_dict["title_en"][0]


def test_a_draft_needs_its_title_in_at_least_one_language(make):
    event = Event(topic=make.topic(), slug="empty", start_date=datetime.date(1862, 1, 1))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "title_ar" in error.value.message_dict


def test_translation_complete_queryset_and_missing_language(make):
    complete = make.topic()
    no_english = make.topic(title_en="", is_published=False)
    assert list(Topic.objects.translation_complete()) == [complete]
    assert list(Topic.objects.missing_language("en")) == [no_english]
    assert not no_english.is_translation_complete
    assert no_english.missing_translations() == [("title", "en")]


def test_end_date_cannot_precede_start(make):
    event = make.event(start=datetime.date(1863, 1, 1))
    event.end_date = datetime.date(1862, 1, 1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize(
    "value, precision, valid",
    [
        (datetime.date(1862, 5, 5), DatePrecision.DAY, True),
        (datetime.date(1862, 5, 1), DatePrecision.MONTH, True),
        (datetime.date(1862, 5, 5), DatePrecision.MONTH, False),
        (datetime.date(1862, 1, 1), DatePrecision.YEAR, True),
        (datetime.date(1862, 3, 1), DatePrecision.YEAR, False),
    ],
)
def test_dates_must_fit_their_precision(make, value, precision, valid):
    event = make.event(start=value, start_precision=precision)
    if valid:
        event.full_clean()
    else:
        with pytest.raises(ValidationError):
            event.full_clean()


def test_date_display_follows_precision_and_language(make):
    event = make.event(start=datetime.date(1861, 12, 8))
    with translation.override("en"):
        assert event.start.display() == "8 December 1861"
    with translation.override("ar"):
        assert event.start.display() == "8 ديسمبر 1861"
    month = make.event(start=datetime.date(1863, 6, 1), start_precision="month")
    with translation.override("ar"):
        assert month.start.display() == "يونيو 1863"
    year = make.event(start=datetime.date(1866, 1, 1), start_precision="year")
    assert year.start.display() == "1866"


def test_hijri_year_is_computed_and_spans_two_years_for_a_whole_year(make):
    day = make.event(start=datetime.date(1867, 6, 19))
    with translation.override("ar"):
        assert day.start.hijri() == "16 صفر 1284 هـ"  # known to the day: the Hijri day and month too
    year = make.event(start=datetime.date(1862, 1, 1), start_precision="year")
    with translation.override("ar"):
        assert year.start.hijri() == "1278–1279 هـ"
    with translation.override("en"):
        assert year.start.hijri() == "1278–1279 AH"


def test_neighbours_are_the_adjacent_published_events_of_the_topic(make):
    topic = make.topic()
    first = make.event(topic_obj=topic, start=datetime.date(1861, 1, 1))
    make.event(topic_obj=topic, start=datetime.date(1861, 6, 1), is_published=False)
    second = make.event(topic_obj=topic, start=datetime.date(1862, 1, 1))
    third = make.event(topic_obj=topic, start=datetime.date(1863, 1, 1))
    make.event(start=datetime.date(1862, 6, 1))  # another topic
    assert second.neighbours() == (first, third)
    assert first.neighbours() == (None, second)
    assert third.neighbours() == (second, None)


def test_chronological_orders_by_start_date(make):
    topic = make.topic()
    late = make.event(topic_obj=topic, start=datetime.date(1867, 6, 19))
    early = make.event(topic_obj=topic, start=datetime.date(1861, 7, 17))
    assert list(Event.objects.in_topic(topic).chronological()) == [early, late]


# --- disputed starts and who could have taken part ------------------------------------------------------
def test_other_start_years_are_years_other_than_the_start(make):
    import datetime

    from django.core.exceptions import ValidationError

    event = make.event(start=datetime.date(1858, 1, 11), other_start_years=[1857])
    event.full_clean()
    assert event.start_years == [1858, 1857] and not event.spans_years
    for wrong in (["1857"], [1858], "1857"):
        event.other_start_years = wrong
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert "other_start_years" in error.value.message_dict


def test_life_dates_say_who_cannot_have_taken_part(make):
    import datetime

    event = make.event(start=datetime.date(1863, 3, 16), end_date=datetime.date(1864, 5, 17))
    assert not make.person(birth_year=1829, death_year=1862).could_take_part(event)
    assert make.person(birth_year=1829, death_year=1863).could_take_part(event)
    assert not make.person(birth_year=1865).could_take_part(event)
    assert make.person().could_take_part(event)  # unknown dates rule no one out
    event.other_start_years = [1861]
    assert make.person(birth_year=1829, death_year=1862).could_take_part(event)
