import datetime
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexico(make):
    topic = make.topic(slug="mexico", title_ar="التدخل الفرنسي", title_en="French intervention")
    later = make.event(topic_obj=topic, slug="execution", title_en="Execution", start=datetime.date(1867, 6, 19))
    earlier = make.event(topic_obj=topic, slug="landing", title_en="Landing", start=datetime.date(1861, 12, 8))
    make.event(topic_obj=topic, slug="secret", title_en="Unpublished", is_published=False)
    maximilian = make.person(slug="maximilian", name_ar="ماكسيميليان الأول", name_en="Maximilian I")
    make.participation(event_obj=later, person_obj=maximilian, role_ar="إمبراطور", role_en="Emperor")
    return topic, earlier, later, maximilian


def test_timeline_lists_published_events_in_chronological_order(client, mexico):
    response = client.get("/en/topics/mexico/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Landing") < html.index("Execution")
    assert "Unpublished" not in html
    assert '<html lang="en" dir="ltr">' in html


def test_arabic_timeline_is_rtl_with_hijri_years_labelled_approximate(client, mexico):
    html = client.get("/ar/topics/mexico/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "8 ديسمبر 1861" in html
    assert "1278 هـ" in html and "تقريبي" in html


def test_english_pages_do_not_show_hijri_years(client, mexico):
    # As a year ("1278 AH"): the letters alone also turn up inside the page's random CSRF token.
    html = client.get("/en/topics/mexico/").content.decode()
    assert 'class="hijri"' not in html and re.search(r"\b1\d{3} AH\b", html) is None and "هـ" not in html


def test_event_page_shows_people_roles_and_neighbours(client, mexico):
    html = client.get("/en/events/landing/").content.decode()
    assert "Landing" in html
    assert 'rel="next" href="/en/events/execution/"' in html
    html = client.get("/ar/events/execution/").content.decode()
    assert "ماكسيميليان الأول" in html and "<bdi>إمبراطور</bdi>" in html
    assert 'rel="prev" href="/ar/events/landing/"' in html


def test_person_page_lists_events(client, mexico):
    html = client.get("/en/people/maximilian/").content.decode()
    assert "Maximilian I" in html and "Execution" in html


def test_sub_events_are_listed_on_the_parent(client, make, mexico):
    topic, earlier, _later, _person = mexico
    make.event(topic_obj=topic, parent=earlier, slug="sub", title_en="Sub event", start=datetime.date(1861, 12, 9))
    assert "Sub event" in client.get("/en/events/landing/").content.decode()


@pytest.mark.parametrize("path", ["/en/events/secret/", "/en/topics/nope/", "/en/people/nobody/"])
def test_unpublished_or_unknown_items_are_404(client, mexico, path):
    assert client.get(path).status_code == 404


def test_event_of_unpublished_topic_is_404(client, make):
    topic = make.topic(is_published=False)
    event = make.event(topic_obj=topic, slug="hidden-topic-event")
    assert client.get(f"/en/events/{event.slug}/").status_code == 404


def test_user_text_is_escaped(client, make):
    make.topic(slug="xss", title_en="<script>alert(1)</script>")
    html = client.get("/en/topics/xss/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_timeline_count_uses_arabic_plural_forms(client, make):
    topic = make.topic(slug="plural")
    for day in range(1, 4):
        make.event(topic_obj=topic, start=datetime.date(1862, 1, day))
    html = client.get("/ar/topics/plural/").content.decode()
    assert "3 أحداث" in html


def test_timeline_query_count_is_bounded(client, make, django_assert_max_num_queries):
    topic = make.topic(slug="many")
    for day in range(1, 29):
        make.event(topic_obj=topic, start=datetime.date(1862, 2, day))
    with django_assert_max_num_queries(4):
        assert client.get(reverse("history:timeline", kwargs={"slug": "many"})).status_code == 200


@pytest.mark.parametrize("language", ["ar", "en"])
def test_person_page_parentheses_hold_no_stray_spaces(client, mexico, language):
    """Issue 14, defect 15: «( 8 ديسمبر 1861 )» read as a slip; the dates' templates end without a line break."""
    import re

    html = client.get(f"/{language}/people/maximilian/").content.decode()
    dates = re.findall(r"\((<span class=\"event-dates\">.*?</span>)\)", html, re.S)
    assert dates, "the person page lists no event dates in parentheses"
    assert all(not re.search(r"\s$", d) and not d.startswith(" ") for d in dates)
    assert re.search(r"\(\s|\s\)", re.sub(r"<[^>]+>", "", html.split("<main", 1)[1])) is None
