"""No page scrolls sideways on a 390×844 phone, in Arabic or English (a table may scroll inside its own box).

Each page is loaded on the phone by `pages.walk()` (the `site_walk` fixture), the load `test_axe` also reads.
"""

import pytest

from tests.browser import pages

# One worker runs every test that reads the site walk (the `site_walk` fixture; its live_server brings the
# transactional database), so the site is walked once.
pytestmark = pytest.mark.xdist_group("site-walk")


def test_no_page_scrolls_sideways_on_a_phone(site_walk):
    wide = [(visit.label, visit.lang, visit.readings["width"]) for visit in site_walk.visits
            if visit.readings["width"] > pages.PHONE["width"]]
    table = "\n".join(f"| {name} | {lang} | {width} px |" for name, lang, width in wide)
    assert not wide, f"pages wider than the 390 px phone:\n| page | language | scrollWidth |\n|---|---|---|\n{table}"
