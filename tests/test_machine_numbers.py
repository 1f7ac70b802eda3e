"""Numbers a machine reads (CSS sizes, ARIA values, data attributes) are never localised (issue 14, defect 1): on
Arabic pages, under any decimal separator the Arabic format might use, they keep a point and Western digits."""

import re

import pytest
from django.test import override_settings

from tests import factories

pytestmark = pytest.mark.django_db
MACHINE = re.compile(r'(?:data-inline-size|aria-valuenow)="([^"]*)"')


@pytest.fixture
def learner_with_answers(client):
    learner = factories.learner()
    quiz = factories.quiz(questions=3, owner=factories.teacher())
    from django.utils import timezone

    from quizzes.services import attempts

    from quizzes.models import Question

    event = factories.event()
    for question in Question.objects.filter(pk__in=quiz.fixed_questions.values("question_id")):
        question.events.add(event)
    attempt = attempts.attempt_start(quiz=quiz, learner=learner, now=timezone.now())
    slot = attempt.slots.order_by("position").first()
    attempts.attempt_save_response(attempt=attempt, position=slot.position, raw=factories.right_raw(slot),
                                   now=timezone.now())
    # A second attempt, finished with one of three right: mastery of 33.3 %, a fraction the bars must carry.
    finished = attempts.attempt_submit(attempt=attempt, now=timezone.now())
    client.force_login(learner)
    return attempts.attempt_start(quiz=quiz, learner=learner, now=timezone.now())


def _reset_formats():
    from django.utils import formats

    formats._format_cache.clear()
    formats._format_modules_cache.clear()


def test_machine_read_numbers_keep_a_point_on_arabic_pages(client, learner_with_answers):
    """Under Django's own Arabic formats (a comma decimal separator, thousands grouped): what broke the bars."""
    pages = [learner_with_answers.get_absolute_url().replace("/en/", "/ar/"), "/ar/progress/"]
    values = []
    _reset_formats()
    try:
        with override_settings(FORMAT_MODULE_PATH=None, USE_THOUSAND_SEPARATOR=True):
            _reset_formats()
            for page in pages:
                values += MACHINE.findall(client.get(page).content.decode())
    finally:
        # The format caches outlive the override: later tests must see the site's own formats again.
        _reset_formats()
    assert values, "no machine-read number found on the pages"
    assert any("." in value for value in values), values  # a fraction was among them
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in values), values
