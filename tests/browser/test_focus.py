"""Keyboard focus on the attempt page (issue 14, defect 9): the language switch keeps the focus in the question,
and a skip link, the page's first stop, takes the learner past the site's links and the navigator."""

import pytest

from quizzes.models import Quiz
from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)

IN_ANSWER = """() => { const e = document.activeElement;
  return !!e && ["INPUT", "SELECT", "TEXTAREA"].includes(e.tagName) && !!e.closest("article.question form"); }"""


def attempt_page(browser, base, locale):
    context = browser.new_context(viewport=pages.LAPTOP, locale=locale)
    page = context.new_page()
    pages.log_in(page, base, "learner", pages.ACCOUNTS["learner"])
    pk = pages.start_attempt(page, base, Quiz.objects.get(title_en="Tour of the seven question types"))
    return context, page, pk


def test_the_language_switch_leaves_the_focus_on_the_switch_of_the_new_question(live_server, demo, browser):
    context, page, pk = attempt_page(browser, live_server.url, "ar")
    try:
        page.goto(f"{live_server.url}/ar/attempts/{pk}/?page=0", wait_until="load")
        page.focus("#q0 .language-peek")
        page.keyboard.press("Enter")
        page.wait_for_selector('article#q0[lang="en"]')
        focus = page.evaluate("""() => { const e = document.activeElement;
          return {tag: e.tagName, peek: e.classList.contains("language-peek"), inQuestion: !!e.closest("article#q0"),
                  lang: e.closest("article") && e.closest("article").lang}; }""")
        assert focus == {"tag": "A", "peek": True, "inQuestion": True, "lang": "en"}, focus
        # The next Tab goes on inside the question (to its first answer), not back to the top of the page.
        page.keyboard.press("Tab")
        assert page.evaluate(IN_ANSWER)
        # And back to Arabic: the same again.
        page.focus("#q0 .language-peek")
        page.keyboard.press("Enter")
        page.wait_for_selector('article#q0[lang="ar"]')
        assert page.evaluate("document.activeElement.matches('article#q0 .language-peek')")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_skip_link_reaches_the_first_answer_in_three_tabs(live_server, demo, browser, lang):
    context, page, pk = attempt_page(browser, live_server.url, lang)
    try:
        for position in (0, 2):
            page.goto(f"{live_server.url}/{lang}/attempts/{pk}/?page={position}", wait_until="load")
            page.keyboard.press("Tab")
            link = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
              return {cls: e.className, href: e.getAttribute("href"), text: e.textContent.trim(),
                      shown: r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0}; }""")
            assert link["cls"] == "skip-link" and link["href"] == f"#q{position}", link
            # (Arabic once the catalog has the msgid; until then Django falls back to the English.)
            assert link["text"] in ({"Skip to the question"} if lang == "en" else {"انتقل إلى السؤال", "Skip to the question"})
            assert link["shown"], "the skip link is visible when it has the focus"
            page.keyboard.press("Enter")
            tabs = 1
            while not page.evaluate(IN_ANSWER) and tabs < 10:
                page.keyboard.press("Tab")
                tabs += 1
            assert page.evaluate(f"document.activeElement.closest('article') === document.getElementById('q{position}')")
            assert tabs <= 3, f"{tabs} Tabs from the top of page {position} to its first answer"
    finally:
        context.close()
