"""No page scrolls sideways on a 390×844 phone, in Arabic or English (a table may scroll inside its own box)."""

import pytest

from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_page_scrolls_sideways_on_a_phone(live_server, demo, browser):
    wide = []

    def check(page, target, lang):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > pages.PHONE["width"]:
            wide.append((f"{target.role}: {target.name}", lang, width))

    pages.walk(browser, live_server.url, viewport=pages.PHONE, check=check)
    table = "\n".join(f"| {name} | {lang} | {width} px |" for name, lang, width in wide)
    assert not wide, f"pages wider than the 390 px phone:\n| page | language | scrollWidth |\n|---|---|---|\n{table}"
