"""The site header on a phone (issue 14, defect 10): one row, the links behind a "Menu" disclosure that the
keyboard opens, so the attempt page's question starts high on a 390×844 screen; wider, the links show as before."""

import pytest

from quizzes.models import Quiz
from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = """() => { const header = document.querySelector(".site-header"), box = header.getBoundingClientRect();
  // checkVisibility(): a closed disclosure's content is laid out (it has a box) but is not rendered.
  const shown = el => !!el && el.checkVisibility({visibilityProperty: true});
  const toggle = header.querySelector(".site-menu-toggle"), topics = header.querySelector(".site-nav a");
  const row = [header.querySelector(".brand"), header.querySelector(".language-link")]
    .concat(shown(toggle) ? [toggle] : []).map(el => el.getBoundingClientRect());
  const heading = document.querySelector("article.question .question-number");
  return {height: Math.round(box.height), toggle: shown(toggle), links: shown(topics),
          oneRow: row.every(r => r.top < box.top + box.height && r.bottom > box.top && Math.abs(r.top - row[0].top) < 24),
          heading: heading && Math.round(heading.getBoundingClientRect().top),
          wide: document.documentElement.scrollWidth}; }"""


def test_on_a_phone_the_header_is_one_row_and_the_question_starts_above_the_fold(live_server, demo, browser, screenshot):
    base = live_server.url
    context = browser.new_context(viewport=pages.PHONE, locale="ar")
    try:
        page = context.new_page()
        pages.log_in(page, base, "learner", pages.ACCOUNTS["learner"])
        pk = pages.start_attempt(page, base, Quiz.objects.get(title_en="Tour of the seven question types"))
        for lang in pages.LANGUAGES:
            for path in ("/", f"/attempts/{pk}/"):
                page.goto(f"{base}/{lang}{path}", wait_until="load")
                header = page.evaluate(HEADER)
                assert header["toggle"] and not header["links"], f"{lang}{path}: the links wait behind Menu: {header}"
                assert header["oneRow"] and header["height"] <= 64, f"{lang}{path}: one short row: {header}"
                assert header["wide"] <= pages.PHONE["width"], f"{lang}{path}: no sideways scroll: {header}"
                if path != "/":
                    assert header["heading"] is not None and header["heading"] < 400, f"{lang}: {header}"
            # The keyboard opens the menu (a native disclosure), every link is there, and it closes again.
            page.focus(".site-menu-toggle")
            page.keyboard.press("Enter")
            assert page.locator(".site-nav a").first.is_visible()
            assert page.locator(".site-nav button[type=submit]").is_visible()  # Log out
            menu = page.evaluate("""() => { const r = document.querySelector(".site-nav").getBoundingClientRect();
              return {left: r.left, right: r.right}; }""")
            assert menu["left"] >= 0 and menu["right"] <= pages.PHONE["width"], menu
            screenshot(page, f"phone-header-menu-open-{lang}")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.closest('.site-nav') !== null")
            page.focus(".site-menu-toggle")
            page.keyboard.press("Enter")
            assert not page.locator(".site-nav a").first.is_visible()
    finally:
        context.close()


def test_on_a_laptop_the_links_show_without_a_menu(live_server, demo, browser):
    base = live_server.url
    context = browser.new_context(viewport=pages.LAPTOP, locale="ar")
    try:
        page = context.new_page()
        pages.log_in(page, base, "learner", pages.ACCOUNTS["learner"])
        for lang in pages.LANGUAGES:
            page.goto(f"{base}/{lang}/", wait_until="load")
            header = page.evaluate(HEADER)
            assert header["links"] and not header["toggle"] and header["oneRow"], f"{lang}: {header}"
            # Every link is a Tab stop as before: the closed disclosure hides none of them.
            page.focus(".brand")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.matches('.site-nav a')")
    finally:
        context.close()
