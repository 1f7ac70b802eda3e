"""Tables on a 390×844 phone (issue 14): a wide table scrolls inside its own box, never the page, and its caption
stays whole in view; the timed exam's fifteen question cells scroll in their own row.

The screenshots (artifacts/browser/phone-<page>-<language>.png) are taken before the checks, so a failing run
shows the page as it broke; the teacher's pages are shot again with every table box scrolled to its end.
"""

import pytest

from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)

# Every table wider than the box it sits in, with what holds it: the page must not scroll sideways, the box must.
TABLES = """() => {
  const out = [];
  for (const table of document.querySelectorAll("main table")) {
    const box = table.closest(".table-scroll");
    const caption = table.querySelector("caption");
    out.push({
      wide: table.getBoundingClientRect().width > table.parentElement.clientWidth + 1,
      box: box ? {role: box.getAttribute("role"), tabindex: box.getAttribute("tabindex"),
                  named: !!(box.getAttribute("aria-labelledby") && document.getElementById(box.getAttribute("aria-labelledby"))),
                  scrolls: box.scrollWidth > box.clientWidth} : null,
      caption: caption ? caption.textContent.trim().slice(0, 40) : null,
    });
  }
  return out;
}"""

# The caption's box lies inside the visible part of its scroll box (1 px of rounding allowed).
CAPTION_IN_VIEW = """(caption) => {
  const box = caption.closest(".table-scroll").getBoundingClientRect(), own = caption.getBoundingClientRect();
  return own.left >= box.left - 1 && own.right <= box.right + 1;
}"""


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def check_tables(page, where):
    assert page_width(page) <= pages.PHONE["width"], f"{where}: the page scrolls sideways"
    for table in page.evaluate(TABLES):
        if table["wide"]:
            assert table["box"] is not None, f"{where}: a wide table outside a .table-scroll box: {table}"
            assert table["box"] == {"role": "region", "tabindex": "0", "named": True, "scrolls": True}, f"{where}: {table}"
    # Each caption of a scrolling table is whole in view, at the start and after scrolling every box to its end
    # (towards the left in Arabic, where scrollLeft runs negative).
    captions = page.locator(".table-scroll caption:not(.visually-hidden)").all()
    for caption in captions:
        assert caption.evaluate(CAPTION_IN_VIEW), f"{where}: caption clipped: {caption.text_content()[:60]}"
    page.evaluate("() => document.querySelectorAll('.table-scroll').forEach(box => { box.scrollLeft = box.scrollWidth * "
                  "(getComputedStyle(box).direction === 'rtl' ? -1 : 1); })")
    for caption in captions:
        assert caption.evaluate(CAPTION_IN_VIEW), f"{where}: caption scrolled out: {caption.text_content()[:60]}"


def open_as(browser, contexts, base, role):
    context = browser.new_context(viewport=pages.PHONE, locale="ar")
    contexts.append(context)
    page = context.new_page()
    pages.log_in(page, base, role, pages.ACCOUNTS[role])
    return page


@pytest.fixture
def contexts():
    opened = []
    yield opened
    for context in opened:
        context.close()


def test_teacher_tables_scroll_in_their_own_box_with_the_caption_in_view(live_server, demo, browser, contexts, screenshot):
    from classrooms.models import Classroom
    from quizzes.models import Quiz

    page = open_as(browser, contexts, live_server.url, "teacher")
    tour = Quiz.objects.get(title_en="Tour of the seven question types")
    classroom = Classroom.objects.first()
    for name, path in [("item-statistics", f"/quizzes/{tour.pk}/statistics/"), ("class", f"/classes/{classroom.pk}/"),
                       ("gradebook", f"/classes/{classroom.pk}/gradebook/")]:
        for lang in pages.LANGUAGES:
            page.goto(f"{live_server.url}/{lang}{path}")
            screenshot(page, f"phone-{name}-{lang}")
            check_tables(page, f"{name} ({lang})")
            screenshot(page, f"phone-{name}-{lang}-scrolled")  # every table box scrolled to its end


def test_the_learners_review_table_fits_or_scrolls_in_its_box(live_server, demo, browser, contexts, screenshot):
    from quizzes.models import Quiz

    page = open_as(browser, contexts, live_server.url, "learner")
    quiz = Quiz.objects.get(title_en="How sure are you? The road to Querétaro")
    attempt = pages.start_attempt(page, live_server.url, quiz)
    page.goto(f"{live_server.url}/en/attempts/{attempt}/submit/")
    page.click("main button[data-once]")
    page.wait_for_url("**/review/")
    for lang in pages.LANGUAGES:
        page.goto(f"{live_server.url}/{lang}/attempts/{attempt}/review/")
        screenshot(page, f"phone-review-{lang}")
        check_tables(page, f"review ({lang})")


def test_no_page_of_the_timed_exam_scrolls_sideways(live_server, demo, browser, contexts, screenshot):
    """Fifteen question cells scroll in one row; the hidden "(not answered)" of each stays inside that row."""
    from quizzes.models import Attempt, Quiz

    page = open_as(browser, contexts, live_server.url, "learner")
    quiz = Quiz.objects.get(title_en="Timed exam: the Empire years")
    attempt = Attempt.objects.get(pk=pages.start_attempt(page, live_server.url, quiz))
    wide = []
    for slot in attempt.slots.all():
        for lang in pages.LANGUAGES:
            page.goto(f"{live_server.url}/{lang}/attempts/{attempt.pk}/?page={slot.position}")
            if slot.position == 0:
                screenshot(page, f"phone-attempt-timed-{lang}")
            if page_width(page) > pages.PHONE["width"]:
                wide.append((slot.position, slot.snapshot["qtype"], lang, page_width(page)))
    assert attempt.slots.count() > 10  # enough cells to overflow one row
    assert not wide, f"timed exam pages wider than the phone: {wide}"
