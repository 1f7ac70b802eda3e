"""Autosave in a real browser: text that arrives without a key (pasted, autofilled, dictated) is saved after a
pause, the save state shows and is said once, the counter follows every save, and an answer given while the
connection is lost is saved when it is back."""

import re

import pytest

from quizzes.models import Attempt, Behaviour, QuestionsPerPage
from tests import factories
from tests.browser.pages import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Autosave-pass-2026"
COUNTER = {"en": "1 of 7 questions answered", "ar": "أُجيب عن 1 من 7 أسئلة"}


def open_attempt(page_factory, base, lang, **quiz_fields):
    """A learner signed in, on a new attempt of a seven-question quiz; the page watches its save live region."""
    factories.learner(username="sami", password=PASSWORD)
    quiz = factories.quiz(questions_per_page=QuestionsPerPage.ALL, **quiz_fields)
    page = page_factory(locale=lang)
    log_in(page, base, "sami", PASSWORD)
    page.goto(f"{base}/{lang}/quizzes/{quiz.pk}/")
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_url("**/attempts/**")
    page.wait_for_load_state("load")
    # Every text the live region is given, in order (it is emptied before each one: those are left out).
    page.evaluate("""() => {
        window.said = [];
        const live = document.querySelector('[data-save-live]');
        new MutationObserver(() => { if (live.textContent) window.said.push(live.textContent); })
            .observe(live, {childList: true, characterData: true, subtree: true});
    }""")
    return page, Attempt.objects.get(quiz=quiz, learner__username="sami")


def paste(page, selector, text):
    """Put text in a field as a paste or an autofill does: an input event, no key pressed, no blur."""
    page.focus(selector)
    page.keyboard.insert_text(text)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pasted_text_is_saved_without_a_key_or_a_blur_and_the_counter_follows(live_server, page_factory, lang):
    page, attempt = open_attempt(page_factory, live_server.url, lang)
    answer = "كيريتارو" if lang == "ar" else "Queretaro"
    paste(page, "input[name=q3]", answer)
    page.wait_for_selector("#q3 .save-slot .save-ok", timeout=5000)
    assert page.evaluate("document.activeElement.name") == "q3"  # saved while the field still has the focus
    assert page.inner_text("#attempt-answered") == COUNTER[lang]
    # The bar follows the counter: a seventh of its length, from the start side.
    fill, bar = page.locator(".progress-fill").bounding_box(), page.locator(".progress").bounding_box()
    assert abs(fill["width"] - bar["width"] * 14 / 100) < 2, (fill, bar)
    page.wait_for_function("() => window.said.length > 0")  # a function: the page's CSP allows no eval
    assert attempt.slots.get(position=3).response == answer
    page.reload()
    assert page.input_value("input[name=q3]") == answer
    assert page.inner_text("#attempt-answered") == COUNTER[lang]
    assert page.console_errors == []


def test_the_save_state_shows_while_saving_and_is_said_once(live_server, page_factory):
    page, attempt = open_attempt(page_factory, live_server.url, "en")
    held = []
    page.route(re.compile(r".*/questions/3/$"), lambda route: held.append(route))
    paste(page, "input[name=q3]", "Quere")
    page.wait_for_selector("#q3 .save-slot .save-pending", timeout=5000)
    assert page.inner_text("#q3 .save-slot") == "Saving…"
    assert page.evaluate("window.said") == []  # "Saving…" is shown, never said
    held.pop().continue_()
    page.unroute(re.compile(r".*/questions/3/$"))
    page.wait_for_selector("#q3 .save-slot .save-ok", timeout=5000)
    page.wait_for_function("() => window.said.length === 1")
    # More pauses in typing, more saves: nothing more is said.
    for more in ("ta", "ro"):
        with page.expect_response(re.compile(r".*/questions/3/$")):
            paste(page, "input[name=q3]", more)
        page.wait_for_selector("#q3 .save-slot .save-ok", timeout=5000)
        page.wait_for_timeout(200)  # what would be said is said 50 ms after the swap
    assert attempt.slots.get(position=3).response == "Queretaro"
    assert page.evaluate("window.said") == ["Answer saved."]
    assert page.inner_text("#attempt-answered") == "1 of 7 questions answered"


def test_an_answer_given_offline_is_saved_when_the_connection_is_back(live_server, page_factory):
    page, attempt = open_attempt(page_factory, live_server.url, "en")
    page.context.set_offline(True)
    paste(page, "input[name=q3]", "Queretaro")
    page.wait_for_selector("#q3 .save-slot .save-error", timeout=5000)
    assert "no connection" in page.inner_text("#q3 .save-slot")
    page.wait_for_function("() => window.said.length === 1")
    assert "no connection" in page.evaluate("window.said[0]")
    assert attempt.slots.get(position=3).response in (None, "")
    page.context.set_offline(False)
    page.wait_for_selector("#q3 .save-slot .save-ok", timeout=8000)
    assert attempt.slots.get(position=3).response == "Queretaro"
    page.wait_for_function("() => window.said.length === 2")
    assert page.evaluate("window.said[1]") == "Answer saved."
    assert page.inner_text("#attempt-answered") == "1 of 7 questions answered"
    assert not page.evaluate("document.querySelector('#q3 form').dataset.unsaved")


def test_a_check_brings_the_counter_and_the_navigator_along(live_server, page_factory):
    """Immediate feedback, one question a page: the check replaces the question, and the counter and the
    navigator's mark follow from the same reply."""
    factories.learner(username="sami", password=PASSWORD)
    quiz = factories.quiz(questions_per_page=QuestionsPerPage.ONE, behaviour=Behaviour.IMMEDIATE)
    page = page_factory(locale="en")
    log_in(page, live_server.url, "sami", PASSWORD)
    page.goto(f"{live_server.url}/en/quizzes/{quiz.pk}/")
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_url("**/attempts/**")
    slot = Attempt.objects.get(quiz=quiz).slots.get(position=0)
    page.check(f'input[name=q0][value="{slot.question_type.correct_response(slot.definition)}"]')
    page.wait_for_selector("#q0 .save-slot .save-ok", timeout=5000)
    assert page.inner_text("#attempt-answered") == "1 of 7 questions answered"
    assert "nav-answered" in page.get_attribute(".question-nav li:first-child .nav-cell", "class")
    page.click("#q0 button[name=action][value=check]")
    page.wait_for_selector("#q0 .feedback", timeout=5000)
    assert "nav-right" in page.get_attribute(".question-nav li:first-child .nav-cell", "class")
    assert page.inner_text("#attempt-answered") == "1 of 7 questions answered"
    assert page.locator("#attempt-answered").count() == 1 and page.locator("#question-nav").count() == 1
    assert page.console_errors == []
