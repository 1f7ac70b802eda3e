"""The question and quiz forms of the admin fit a 1366×768 laptop, in Arabic and English (issue 14, defect 4).

Every question type's add and change forms (with the type's answer rows and hints) and a quiz's change form
with chosen questions and a random-draw row: `document.documentElement.scrollWidth` is at most the 1366 px of
the window, so the page never scrolls sideways; and no inline's rows are wider than their box (static/css/admin.css
lets a too-wide inline scroll inside its box, a safety net that must not hide rows that do not fit).
"""

import pytest
from django.urls import reverse

from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
# The inline tables wider than the box they scroll in (their box scrolls, the page does not; the rows should fit).
WIDE_INLINES = """() => [...document.querySelectorAll('.inline-group .tabular fieldset.module')]
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => box.closest('.inline-group').id + ' ' + box.scrollWidth + '>' + box.clientWidth)"""


def admin_forms():
    from history.models import Event
    from quizzes.models import Question, Quiz, QuizDraw
    from quizzes.question_types import registry

    def path(name, *args):
        return reverse(name, args=args)[3:]  # without the "/ar" or "/en" prefix

    forms = []
    for qtype in registry.names():
        forms.append((f"question add: {qtype}", path("admin:quizzes_question_add") + f"?qtype={qtype}"))
        question = Question.objects.filter(qtype=qtype).order_by("pk").first()
        if question is not None:
            forms.append((f"question change: {qtype}", path("admin:quizzes_question_change", question.pk)))
    quiz = Quiz.objects.filter(fixed_questions__isnull=False).distinct().order_by("pk").first()
    bank = quiz.fixed_questions.first().question.bank
    draw = QuizDraw.objects.create(quiz=quiz, bank=bank, count=3, position=99)
    draw.events.set(Event.objects.order_by("pk")[:2])
    forms.append(("quiz change (questions and a draw)", path("admin:quizzes_quiz_change", quiz.pk)))
    forms.append(("quiz add", path("admin:quizzes_quiz_add")))
    return forms


def test_the_question_and_quiz_forms_fit_a_laptop(live_server, demo, browser, screenshot):
    context = browser.new_context(viewport=LAPTOP, locale="ar")
    try:
        page = context.new_page()
        pages.log_in(page, live_server.url, "admin", pages.ACCOUNTS["admin"])
        wide, measured = [], []
        for name, path in admin_forms():
            for lang in pages.LANGUAGES:
                page.goto(f"{live_server.url}/{lang}{path}", wait_until="load")
                assert page.locator("#content form").count(), f"{name} ({lang}) shows no form: {page.url}"
                width = page.evaluate("document.documentElement.scrollWidth")
                measured.append((name, lang, width))
                inlines = page.evaluate(WIDE_INLINES)
                if width > LAPTOP["width"] or inlines:
                    wide.append((name, lang, f"{width} px {' '.join(inlines)}"))
                if name in ("question change: single_choice", "quiz change (questions and a draw)"):
                    screenshot(page, f"admin-width-{name.split(' ')[0]}-{lang}")
        print("\n".join(f"| {name} | {lang} | {width} px |" for name, lang, width in measured))
        table = "\n".join(f"| {name} | {lang} | {width} |" for name, lang, width in wide)
        assert not wide, ("admin forms wider than 1366 px (or with a row wider than its inline):\n"
                          f"| form | language | scrollWidth |\n|---|---|---|\n{table}")
    finally:
        context.close()
