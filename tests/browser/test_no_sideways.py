"""No page scrolls sideways on a 390×844 phone, in Arabic or English (a table may scroll inside its own box)."""

import pytest

from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)


KNOWN_WIDE = {
    ("learner: attempt (timed)", "ar"), ("learner: attempt (timed)", "en"),
    ("learner: review", "en"), ("teacher: class", "en"),
    ("teacher: item statistics", "ar"), ("teacher: item statistics", "en"),
}


def test_no_page_scrolls_sideways_on_a_phone(live_server, demo, browser):
    wide = []

    def check(page, target, lang):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > pages.PHONE["width"]:
            wide.append((f"{target.role}: {target.name}", lang, width))

    pages.walk(browser, live_server.url, viewport=pages.PHONE, check=check)
    table = "\n".join(f"| {name} | {lang} | {width} px |" for name, lang, width in wide)
    found = {(name, lang) for name, lang, _width in wide}
    # Known and still open in issue 14 (found by this test on 2026-12-02): a ratchet, so that no page joins them
    # and a fixed one must leave the list.
    new = found - KNOWN_WIDE
    # The timed exam draws its questions at random, so its page is wide only when a wide type is drawn.
    fixed = {key for key in KNOWN_WIDE - found if "(timed)" not in key[0]}
    assert not new, f"pages wider than the 390 px phone:\n| page | language | scrollWidth |\n|---|---|---|\n{table}"
    assert not fixed, f"fixed, remove from KNOWN_WIDE: {sorted(fixed)}"
