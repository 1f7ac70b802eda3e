"""Arabic-Indic digits on Arabic pages (issue 14, defect 7): chosen on the settings page, they change what the
reader reads and nothing a machine reads, so the mastery bars keep their widths and the gradebook its layout."""

import re

import pytest

from classrooms.models import Classroom
from tests import factories
from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)
ARABIC_INDIC = re.compile("[٠-٩]")
WESTERN = re.compile("[0-9]")


def learner_with_mastery():
    """A learner who answered one of three questions on two events right: bars of 33% and 0%."""
    from django.utils import timezone

    from quizzes.models import Question
    from quizzes.services import attempts

    learner = factories.learner(username="digits-learner", password="Digits-pass-2026")
    quiz = factories.quiz(questions=3, owner=factories.teacher())
    events = [factories.event(), factories.event()]
    for n, question in enumerate(Question.objects.filter(pk__in=quiz.fixed_questions.values("question_id"))):
        question.events.add(events[n % 2])
    attempt = attempts.attempt_start(quiz=quiz, learner=learner, now=timezone.now())
    slot = attempt.slots.order_by("position").first()
    attempts.attempt_save_response(attempt=attempt, position=slot.position, raw=factories.right_raw(slot),
                                   now=timezone.now())
    attempts.attempt_submit(attempt=attempt, now=timezone.now())
    return learner


def choose_digits(page, base, numbering_system, screenshot=None):
    page.goto(f"{base}/ar/accounts/settings/")
    page.check(f"input[name=digits][value={numbering_system}]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(f"input[name=digits][value={numbering_system}]").is_checked()  # saved, shown again
    if screenshot:
        screenshot(page, f"digits-settings.{numbering_system}.ar")


def bar_widths(page):
    """Each mastery bar's drawn width, with the share of the row its data-inline-size asks for."""
    return page.eval_on_selector_all(
        ".bar", "bars => bars.map(bar => [bar.getBoundingClientRect().width, bar.dataset.inlineSize,"
        " bar.parentElement.getBoundingClientRect().width])")


def test_arabic_indic_digits_leave_the_mastery_bars_and_the_gradebook_drawn_as_before(live_server, demo,
                                                                                       page_factory, screenshot):
    base = live_server.url
    page = page_factory(locale="ar-MA")  # a Maghreb browser: Western digits until the learner chooses
    learner_with_mastery()
    pages.log_in(page, base, "digits-learner", "Digits-pass-2026")
    page.goto(f"{base}/ar/progress/")
    western = bar_widths(page)
    assert western and any(width > 0 for width, _size, _row in western)
    assert WESTERN.search(page.inner_text(".bar-value >> nth=0"))
    screenshot(page, "digits-progress.western.ar")

    choose_digits(page, base, "arab", screenshot)
    page.goto(f"{base}/ar/progress/")
    values = page.locator(".bar-value").all_inner_texts()
    assert values and all(ARABIC_INDIC.search(value) and not WESTERN.search(value) for value in values), values
    assert bar_widths(page) == western  # the same widths: CSS read the same Western numbers
    main = page.inner_text("main")
    assert not WESTERN.search(main), re.findall(r".{10}[0-9].{10}", main)[:5]
    screenshot(page, "digits-progress.arabic-indic.ar")
    assert page.console_errors == []

    teacher = page_factory(locale="ar-EG")  # an Egyptian browser: Arabic-Indic digits by default
    pages.log_in(teacher, base, "teacher", "tarikh-teacher")
    classroom = Classroom.objects.get(name="الصف التاسع (أ)")
    teacher.goto(f"{base}/ar/classes/{classroom.pk}/gradebook/")
    grades = teacher.locator("a.grade").all_inner_texts()
    assert grades and all(ARABIC_INDIC.search(grade) and "٪" in grade for grade in grades), grades
    links = teacher.eval_on_selector_all("a.grade", "links => links.map(link => link.getAttribute('href'))")
    assert all(WESTERN.search(link) and not ARABIC_INDIC.search(link) for link in links)  # URLs stay Western
    screenshot(teacher, "digits-gradebook.arabic-indic.ar")
    choose_digits(teacher, base, "latn")
    teacher.goto(f"{base}/ar/classes/{classroom.pk}/gradebook/")
    grades = teacher.locator("a.grade").all_inner_texts()
    assert grades and all(WESTERN.search(grade) and not ARABIC_INDIC.search(grade) for grade in grades), grades
    screenshot(teacher, "digits-gradebook.western.ar")
    assert teacher.console_errors == []
