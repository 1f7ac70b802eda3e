"""In Arabic: a learner writes an essay for a class assignment (the live word count as they type), the
teacher grades the class's essays from the gradebook with a comment, the gradebook moves from *needs
grading* to the grade, and the learner's review shows the comment."""

import datetime
import re

import pytest
from django.utils import timezone

from classrooms import services as class_services
from classrooms.models import Assignment
from quizzes.models import Attempt, Quiz, QuizQuestion
from quizzes.question_types.essay import count_words
from tests import factories
from tests.browser.test_classroom import log_in

pytestmark = pytest.mark.django_db(transaction=True)

ESSAY = ("تدخّلت فرنسا في المكسيك عام ١٨٦١ بحجّة الديون، وأراد نابليون الثالث إمبراطوريةً موالية له؛ "
         "فنُصِّب ماكسيميليان إمبراطورًا عام 1864، ثم أُعدم في كيريتارو عام ١٨٦٧.")
SAMPLES = [ESSAY, "نَزَلَ الفَرَنْسِيُّونَ في فيراكروز", "الجـــيش،المكسيكي؟نعم", "Franco-Mexican war, 1,862 ١٬٨٦٢",
           "In 1867 أُعدم ماكسيميليان in Querétaro.", "؟ ، ؛ — !!"]


def test_a_teacher_grades_a_class_essay_and_the_gradebook_shows_the_grade(live_server, page_factory, screenshot):
    base, lang = live_server.url, "ar"
    teacher_user = factories.teacher(username="ms-hana", password="Hana-pass-2026", first_name="هناء",
                                     last_name="صالح")
    learner_user = factories.learner(username="amal", password="Amal-pass-2026", first_name="أمل",
                                     last_name="سعيد")
    quiz = Quiz.objects.create(owner=teacher_user, title_ar="التدخّل الفرنسي في المكسيك",
                               title_en="The French intervention in Mexico", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(definition=factories.essay_def(
        min_words=10, max_words=80)), position=0)
    classroom = class_services.classroom_create(teacher=teacher_user, name="الصف العاشر (أ)")
    now = timezone.now()
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=now - datetime.timedelta(hours=1),
                              due_at=now + datetime.timedelta(days=2))
    class_services.classroom_join(learner=learner_user, code=classroom.join_code, now=now)

    # The learner writes the essay; the count follows the typing, as the server counts.
    learner = page_factory(locale=lang, phone=True)
    log_in(learner, base, lang, "amal", "Amal-pass-2026")
    learner.goto(f"{base}/{lang}/quizzes/{quiz.pk}/")
    learner.click("form button[type=submit] >> nth=-1")
    learner.wait_for_url("**/attempts/**")
    box = learner.locator("textarea[data-essay-input]")
    assert box.get_attribute("dir") == "auto"
    box.fill("كلمتان فقط")
    assert learner.inner_text("[data-essay-count]") == "2"
    assert learner.locator("[data-essay-too-few]").is_visible()
    for sample in SAMPLES:
        assert learner.evaluate("text => window.tarikhCountWords(text)", sample) == count_words(sample), sample
    box.fill(ESSAY)
    assert learner.inner_text("[data-essay-count]") == str(count_words(ESSAY))
    assert not learner.locator("[data-essay-too-few]").is_visible()
    box.press("End")  # a key: autosave follows typing (keyup), as when the learner types the last word
    learner.wait_for_selector(".save-slot .save-ok", timeout=5000)
    screenshot(learner, "essay-attempt.ar.phone")
    attempt = Attempt.objects.get(quiz=quiz, learner=learner_user)
    learner.goto(f"{base}/{lang}/attempts/{attempt.pk}/submit/")
    learner.click("button[data-once]")
    learner.wait_for_url("**/review/")
    attempt.refresh_from_db()
    assert attempt.needs_grading and attempt.slots.get().response == ESSAY

    # The teacher: the gradebook says "needs grading"; the class's queue leads to the grading page.
    teacher = page_factory(locale=lang)
    log_in(teacher, base, lang, "ms-hana", "Hana-pass-2026")
    teacher.goto(f"{base}/{lang}/classes/{classroom.pk}/gradebook/")
    cell = teacher.locator(".grade-needs-grading")
    assert cell.count() == 1
    needs_grading = cell.inner_text().strip()
    screenshot(teacher, "essay-gradebook-needs-grading.ar")
    teacher.click(f"a[href$='/classes/{classroom.pk}/grading/'] >> nth=0")
    teacher.wait_for_url(f"**/classes/{classroom.pk}/grading/")
    assert "أمل سعيد" in teacher.inner_text("table")
    teacher.click(".grading-table a.button")
    teacher.wait_for_selector("form.grade-form")
    assert "نابليون الثالث" in teacher.inner_text(".essay-response")
    assert "مشروع نابليون الثالث" in teacher.inner_text(".grader-info")  # the model answer, for the teacher only
    teacher.fill("input[name=mark]", "١٫٥")
    teacher.fill("textarea[name=comment]", "تحليل جيّد للأسباب؛ اذكر دور بينيتو خواريز.")
    screenshot(teacher, "essay-grading.ar")
    teacher.click("button[value=save_next]")
    teacher.wait_for_url(f"**/classes/{classroom.pk}/grading/")
    attempt.refresh_from_db()
    assert not attempt.needs_grading and attempt.percent == 75  # 1.5 of 2

    teacher.goto(f"{base}/{lang}/classes/{classroom.pk}/gradebook/")
    table = teacher.inner_text("table")
    assert teacher.locator(".grade-needs-grading").count() == 0 and needs_grading not in table
    assert re.search(r"75[.,٫]0%", table)  # the grade as the Arabic locale writes it
    screenshot(teacher, "essay-gradebook-graded.ar")

    # The learner's review shows the comment (the quiz shows feedback after submitting).
    learner.goto(f"{base}/{lang}/attempts/{attempt.pk}/review/")
    assert "اذكر دور بينيتو خواريز" in learner.inner_text(".teacher-comment")
    assert learner.locator(".grader-info").count() == 0
    screenshot(learner, "essay-review.ar.phone")
    assert teacher.console_errors == [] and learner.console_errors == []
