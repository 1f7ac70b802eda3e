"""The admin's translation tabs (static/js/admin_tabs.js): a new inline row opens on the language tab the author
used last (issue 14, defect 15), not on the page's language."""

import pytest

from tests.browser import pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("lang, other", [("ar", "en"), ("en", "ar")])
def test_a_new_choice_row_opens_on_the_language_tab_used_last(live_server, demo, page_factory, lang, other):
    from django.urls import reverse

    from quizzes.models import Question

    question = Question.objects.filter(qtype="single_choice").order_by("pk").first()
    page = page_factory(locale=lang)
    pages.log_in(page, live_server.url, "admin", pages.ACCOUNTS["admin"])
    page.goto(live_server.url + f"/{lang}" + reverse("admin:quizzes_question_change", args=[question.pk])[3:])
    rows = page.locator(".inline-group tr.form-row.has_original")
    first = rows.first
    assert first.locator(".ui-tabs-active a").first.text_content().strip() == lang  # the page's language at first
    first.locator(f".ui-tabs-nav a:text-is('{other}')").first.click()
    page.locator(".inline-group .add-row a").first.click()
    new_row = page.locator(".inline-group tr.form-row.dynamic-choices").last
    new_row.locator(".ui-tabs-nav").first.wait_for()
    page.wait_for_timeout(100)
    active = new_row.locator(".ui-tabs-active a").all_text_contents()
    assert active and all(text.strip() == other for text in active), active
    assert not page.console_errors, page.console_errors
