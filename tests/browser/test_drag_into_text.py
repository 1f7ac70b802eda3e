"""Drag and drop into text in the browser, in Arabic: a learner fills the gaps with the keyboard only (Tab,
Shift+Tab, Enter, Space) and, on a phone, by tapping; every move is saved (the slot in the database), and the review
marks the gaps right. WCAG 2.2 SC 2.5.7 (Dragging Movements): dragging is never the only way."""

import pytest

from quizzes.models import Attempt, Quiz, QuizQuestion, ReviewTiming
from tests.quizzes.question_types.gap_questions import puebla

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-Long-pass-123"


@pytest.fixture
def quiz(make):
    teacher = make.teacher()
    created = Quiz.objects.create(owner=teacher, title_ar="بويبلا", title_en="Puebla", is_published=True,
                                  review_right_answers=ReviewTiming.IMMEDIATELY, attempts_allowed=3)
    QuizQuestion.objects.create(quiz=created, question=make.question(bank_obj=make.bank(owner=teacher),
                                                                     definition=puebla("ddwtos")))
    return created


def start(page, base, quiz, learner):
    page.goto(f"{base}/ar/accounts/login/")
    page.fill("input[name=username]", learner.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_load_state()
    page.goto(f"{base}/ar/quizzes/{quiz.pk}/")
    start_button = page.locator("form button[type=submit]").last
    start_button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/attempts/**")
    page.wait_for_selector(".ddwtos-pool:not([hidden])")  # static/js/ddwtos.js has set the question up
    attempt = Attempt.objects.get(quiz=quiz, learner=learner, state="in_progress")
    slot = attempt.slots.get()
    keys = {c.text["en"]: c.key for c in slot.definition.gap_choices}
    return attempt, keys


def focused(page, what: str):
    return page.evaluate(f"() => document.activeElement && document.activeElement.{what}")


def tab_to(page, test: str, *, backwards=False, limit=12):
    """Press Tab (or Shift+Tab) until the focused element passes `test` (JS on `el`)."""
    for _ in range(limit):
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({test}); }}"):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"no focusable element passes {test}")


def choice(key):
    return f"el.dataset.choice === '{key}'"


def zone(number):
    return f"el.classList.contains('gap-zone') && el.parentElement.dataset.gap === '{number}'"


def wait_saved(page):
    page.wait_for_selector(".save-slot .save-ok", timeout=5000)


def live(page):
    page.wait_for_timeout(100)
    return page.inner_text("[data-live]")


def finish_and_review(page):
    page.locator(".attempt-finish a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/submit/")
    page.locator("button[data-once]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/")


def test_keyboard_only_in_arabic(live_server, page_factory, screenshot, make, quiz):
    learner = make.learner(password=PASSWORD)
    page = page_factory(locale="ar")
    attempt, keys = start(page, live_server.url, quiz, learner)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    # The lists are hidden (they still post); the pool reads from the right: its first word is right of the second.
    assert page.locator("select[name=q0-1]").is_hidden()
    first, second = page.locator(".ddwtos-choice").nth(0).bounding_box(), page.locator(".ddwtos-choice").nth(1).bounding_box()
    assert first["x"] > second["x"]

    page.locator(".ddwtos-choice").first.focus()  # the keyboard starts in the pool
    tab_to(page, choice(keys["Veracruz"]))
    page.keyboard.press("Space")
    assert focused(page, "getAttribute('aria-pressed')") == "true"
    tab_to(page, zone(1), backwards=True)
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # focus shows
    page.keyboard.press("Enter")
    assert page.input_value("select[name=q0-1]") == keys["Veracruz"]
    assert "فيراكروز" in page.inner_text("[data-gap='1'] .gap-zone")
    wait_saved(page)
    # Enter on a filled gap with nothing picked takes the word out; it is back in the pool.
    page.keyboard.press("Enter")
    assert page.input_value("select[name=q0-1]") == ""
    assert page.locator(f"[data-choice='{keys['Veracruz']}']").is_visible()
    assert live(page)  # announced

    tab_to(page, choice(keys["Puebla"]))
    page.keyboard.press("Enter")
    tab_to(page, zone(1), backwards=True)
    page.keyboard.press("Space")
    assert page.locator(f"[data-choice='{keys['Puebla']}']").is_hidden()  # placed: it left the pool
    tab_to(page, choice(keys["1862"]))
    page.keyboard.press("Space")
    tab_to(page, zone(2), backwards=True)
    page.keyboard.press("Enter")
    assert "1862" in live(page)
    wait_saved(page)
    screenshot(page, "ddwtos-keyboard.ar")
    slot = attempt.slots.get()
    assert slot.response == {"1": keys["Puebla"], "2": keys["1862"]}

    finish_and_review(page)
    screenshot(page, "ddwtos-review.ar")
    assert page.locator(".gap-right").count() == 2 and page.locator(".gap-wrong").count() == 0
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1
    assert page.console_errors == []


def test_tapping_on_a_phone(live_server, page_factory, screenshot, make, quiz):
    learner = make.learner(password=PASSWORD)
    page = page_factory(locale="ar", phone=True)
    attempt, keys = start(page, live_server.url, quiz, learner)
    page.click(f"[data-choice='{keys['1867']}']")
    page.click("[data-gap='1'] .gap-zone")  # another group's gap: refused, the word stays picked
    assert page.input_value("select[name=q0-1]") == ""
    page.click("[data-gap='2'] .gap-zone")
    page.click(f"[data-choice='{keys['Puebla']}']")
    page.click("[data-gap='1'] .gap-zone")
    wait_saved(page)
    for tapped in (".gap-zone", ".ddwtos-choice:visible"):
        box = page.locator(tapped).first.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2 target size
    screenshot(page, "ddwtos-phone.ar")
    assert attempt.slots.get().response == {"1": keys["Puebla"], "2": keys["1867"]}
    finish_and_review(page)
    assert page.locator(".gap-right").count() == 1 and page.locator(".gap-wrong").count() == 1
    attempt.refresh_from_db()
    assert attempt.score == 0.5
    assert page.console_errors == []
