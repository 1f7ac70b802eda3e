"""A teacher creates a class, a learner joins by code and takes the assignment, the teacher reads the results."""

import datetime

import pytest
from django.utils import timezone

from classrooms.models import Classroom
from quizzes.models import Attempt, Quiz
from tests import factories
from tests.browser.test_take_quiz import answer

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, base, lang, username, password):
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_class_join_assignment_and_results(live_server, demo, page_factory, screenshot, lang):
    base = live_server.url
    quiz = Quiz.objects.get(title_en="Tour of the seven question types")
    factories.learner(username=f"amal-{lang}", password="Amal-pass-2026")

    teacher = page_factory(locale=lang)
    log_in(teacher, base, lang, "teacher", "tarikh-teacher")
    teacher.goto(f"{base}/{lang}/classes/teaching/")
    teacher.fill("input[name=name]", f"الصف العاشر (ب) {lang}")
    teacher.click("form[action$='/classes/teaching/'] button[type=submit]")
    teacher.wait_for_load_state()
    classroom = Classroom.objects.get(name=f"الصف العاشر (ب) {lang}")
    teacher.goto(f"{base}/{lang}/classes/{classroom.pk}/")
    code = teacher.inner_text(".join-code").strip()
    assert code == classroom.join_code
    now = timezone.localtime(timezone.now())
    teacher.select_option("select[name=quiz]", str(quiz.pk))
    teacher.fill("input[name=opens_at]", (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    teacher.fill("input[name=due_at]", (now + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    teacher.click(f"form[action$='/classes/{classroom.pk}/assignments/'] button[type=submit]")
    teacher.wait_for_load_state()
    assert classroom.assignments.count() == 1
    screenshot(teacher, f"class-detail.{lang}")

    learner = page_factory(locale=lang, phone=True)
    log_in(learner, base, lang, f"amal-{lang}", "Amal-pass-2026")
    learner.goto(f"{base}/{lang}/classes/join/")
    learner.fill("input[name=code]", code.lower())
    learner.click("main form button[type=submit]")
    learner.wait_for_load_state()
    assert classroom.memberships.filter(learner__username=f"amal-{lang}").exists()
    learner.goto(f"{base}/{lang}/classes/")
    screenshot(learner, f"class-my-classes.{lang}")
    learner.goto(f"{base}/{lang}/quizzes/{quiz.pk}/")
    learner.click("form button[type=submit] >> nth=-1")
    learner.wait_for_url("**/attempts/**")
    attempt = Attempt.objects.get(quiz=quiz, learner__username=f"amal-{lang}", state="in_progress")
    for slot in attempt.slots.all():
        learner.wait_for_selector(f"#q{slot.position}")
        answer(learner, slot)
        learner.click(f"#q{slot.position} button[name=next]")
        learner.wait_for_load_state()
    learner.click("button[data-once]")
    learner.wait_for_url("**/review/")
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.percent == 100

    teacher.goto(f"{base}/{lang}/classes/{classroom.pk}/gradebook/")
    assert "100" in teacher.inner_text("table")
    screenshot(teacher, f"class-gradebook.{lang}")
    teacher.goto(f"{base}/{lang}/quizzes/{quiz.pk}/statistics/")
    assert teacher.locator("table").count() >= 2
    screenshot(teacher, f"quiz-statistics.{lang}")
    assert teacher.console_errors == [] and learner.console_errors == []
