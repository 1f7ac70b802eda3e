import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_arabic_timeline_is_rtl_in_the_arabic_font(live_server, demo, page_factory, screenshot):
    page = page_factory(locale="ar")
    page.goto(f"{live_server.url}/ar/topics/french-intervention-in-mexico/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.evaluate("document.fonts.ready")
    heading = page.locator("h1")
    assert "Noto Naskh Arabic" in heading.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'تاريخ')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    # The timeline axis is on the start side: in Arabic, the right edge.
    first = page.locator(".timeline-item").first.bounding_box()
    axis = page.locator(".timeline").bounding_box()
    assert first["x"] + first["width"] <= axis["x"] + axis["width"] + 1
    padding_right = page.locator(".timeline-item").first.evaluate("e => parseFloat(getComputedStyle(e).paddingRight)")
    assert padding_right > 0
    assert page.console_errors == []
    screenshot(page, "timeline.ar.laptop")
    phone = page_factory(locale="ar", phone=True)
    phone.goto(f"{live_server.url}/ar/topics/french-intervention-in-mexico/")
    screenshot(phone, "timeline.ar.phone")


def test_english_timeline_is_ltr_and_switches_to_arabic(live_server, demo, page_factory, screenshot):
    page = page_factory(locale="en")
    page.goto(f"{live_server.url}/en/topics/french-intervention-in-mexico/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    screenshot(page, "timeline.en.laptop")
    page.click("a.language-link")
    page.wait_for_url("**/ar/topics/french-intervention-in-mexico/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
