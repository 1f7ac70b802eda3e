"""axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA) over every page a visitor, learner, teacher and admin reach, in Arabic and English.

How axe-core gets here: axe-core 4.14.1 from the npm registry (`npm pack axe-core@4.14.1`), vendored as
static/vendor/axe-core/axe.min.js and recorded in static/vendor/VERSIONS.md like the other vendored JS.
Not axe-playwright-python 0.1.8: it bundles an older axe-core (4.12.1) that we could not update without
waiting for its release, for a wrapper of some ten lines we write here; the vendored file needs no extra
pin and no npm step in the Makefile, so a clean clone's `make test` has it. The source is evaluated in
the page through the DevTools protocol (page.evaluate), so the site's CSP needs no exception.

axe runs on a 1280×800 laptop, on the same load of each page that `test_no_sideways` measures on a phone
(`pages.walk()`, shared through the `site_walk` fixture): the page is loaded at 390 px and the window widened.

The table of findings (page × language × rule × impact × count) is written to artifacts/axe-report.md on
every run and printed when the test fails.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

# One worker runs every test that reads the site walk (the `site_walk` fixture; its live_server brings the
# transactional database), so the site is walked once.
pytestmark = pytest.mark.xdist_group("site-walk")

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "artifacts" / "axe-report.md"


def table(rows, targets_seen):
    lines = ["# axe-core 4.14.1: WCAG 2.0 A/AA, 2.1 AA, 2.2 AA", "",
             f"{targets_seen} pages × 2 languages checked; {len(rows)} findings.", "",
             "| page | language | rule | impact | count | first elements |", "|---|---|---|---|---|---|"]
    for (name, lang, rule, impact), (count, elements) in sorted(rows.items()):
        lines.append(f"| {name} | {lang} | {rule} | {impact} | {count} | `{' ; '.join(elements)}` |".replace("||", "|"))
    return "\n".join(lines) + "\n"


def test_no_page_has_axe_violations_and_the_admin_adds_none(site_walk):
    rows = {}
    for visit in site_walk.visits:
        for violation in visit.readings["axe"]:
            rows[(visit.label, visit.lang, violation["id"], violation["impact"])] = (violation["count"], violation["targets"])

    report = table(rows, len(site_walk.targets))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report, encoding="utf-8")
    # Every page outside the admin: no violation at all.
    outside = {key: value for key, value in rows.items() if not key[0].startswith("admin: ")}
    impacts = Counter(impact for (_, _, _, impact) in outside)
    assert not outside, f"axe found violations ({dict(impacts)}):\n{report}"
    # The Django admin's findings (issue 14 keeps them open: Django's and modeltranslation's own markup, and our
    # inlines) are a ratchet: none may be added or grow, and one that is fixed must leave axe_admin_known.json.
    admin = {key[:3]: value[0] for key, value in rows.items() if key[0].startswith("admin: ")}
    known = {(page, lang, rule): count for page, lang, rule, _impact, count in
             json.loads((Path(__file__).parent / "axe_admin_known.json").read_text(encoding="utf-8"))}
    worse = {key: count for key, count in admin.items() if count > known.get(key, 0)}
    fixed = sorted(key for key in known if key not in admin)
    assert not worse, f"new or grown admin findings {worse}:\n{report}"
    assert not fixed, f"fixed admin findings: remove them from axe_admin_known.json: {fixed}"
