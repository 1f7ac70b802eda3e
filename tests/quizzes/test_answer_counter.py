"""Every answer saved brings the attempt page's counter, progress bar and navigator up to date (htmx
out-of-band swaps rendered by the includes the page itself uses), in quizzes and in review sessions."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone, translation

from progress import services as progress_services
from quizzes.models import Attempt, Behaviour, Navigation, QuestionsPerPage
from quizzes.services import attempts as service
from tests.progress.conftest import answer_and_submit

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en"):
    from django.urls import reverse

    with translation.override(lang):
        return reverse(f"quizzes:{name}", args=args)


def start(client, quiz, lang="en"):
    response = client.post(url("quiz", quiz.pk, lang=lang))
    assert response.status_code == 302, response.content.decode()[:500]
    return Attempt.objects.latest("pk")


def save(client, attempt, position, data, lang="en"):
    response = client.post(url("answer", attempt.pk, position, lang=lang), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def element(html, element_id):
    """The opening tag and text of the element with `element_id` (one line of markup, as the includes write it)."""
    found = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>.*?</\1>', html, re.S)
    assert found, f"no #{element_id} in {html[:300]}"
    return found.group(0)


def counter(html, element_id="attempt-answered"):
    return re.sub(r"<[^>]+>", "", element(html, element_id)).strip()


def test_a_save_sends_the_counter_and_progress_bar_out_of_band(learner_client, make):
    attempt = start(learner_client, make.quiz(questions_per_page=QuestionsPerPage.ALL))
    page = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert counter(page) == "0 of 7 questions answered"
    html = save(learner_client, attempt, 3, {"q3": "Queretaro"})
    assert "Saved at" in html
    assert counter(html) == "1 of 7 questions answered"
    assert 'hx-swap-oob="true"' in element(html, "attempt-answered")
    progress = element(html, "attempt-progress")
    assert 'hx-swap-oob="true"' in progress and 'aria-valuenow="14"' in progress and 'data-inline-size="14"' in progress
    html = save(learner_client, attempt, 0, {"q0": attempt.slots.get(position=0).definition.choices[0].key})
    assert counter(html) == "2 of 7 questions answered"
    assert 'question-nav' not in html  # all on one page: there is no navigator to update


def test_the_page_and_the_reply_render_the_counter_with_the_same_include(learner_client, make):
    attempt = start(learner_client, make.quiz(questions_per_page=QuestionsPerPage.ALL))
    reply = save(learner_client, attempt, 3, {"q3": "Queretaro"})
    page = learner_client.get(url("attempt", attempt.pk)).content.decode()
    for element_id in ("attempt-answered", "attempt-progress"):
        assert element(reply, element_id).replace(' hx-swap-oob="true"', "") == element(page, element_id)


def test_clearing_an_answer_counts_it_out_again(learner_client, make):
    attempt = start(learner_client, make.quiz(questions_per_page=QuestionsPerPage.ALL))
    assert counter(save(learner_client, attempt, 3, {"q3": "Queretaro"})) == "1 of 7 questions answered"
    assert counter(save(learner_client, attempt, 3, {"q3": ""})) == "0 of 7 questions answered"


def test_the_counter_speaks_arabic_in_arabic(learner_client, make):
    attempt = start(learner_client, make.quiz(questions_per_page=QuestionsPerPage.ALL), lang="ar")
    html = save(learner_client, attempt, 3, {"q3": "كيريتارو"}, lang="ar")
    assert counter(html) == "أُجيب عن 1 من 7 أسئلة"


def test_a_refused_save_still_sends_the_counter_as_it_is(learner_client, make):
    attempt = start(learner_client, make.quiz(questions_per_page=QuestionsPerPage.ALL))
    save(learner_client, attempt, 3, {"q3": "Queretaro"})
    html = save(learner_client, attempt, 3, {"q3": "x" * 600})
    assert "Your answer is too long" in html and 'class="save-status save-error"' in html
    assert counter(html) == "1 of 7 questions answered"


@pytest.mark.parametrize("navigation", [Navigation.FREE, Navigation.SEQUENTIAL])
def test_one_question_per_page_updates_the_navigators_answered_mark(learner_client, make, navigation):
    attempt = start(learner_client, make.quiz(questions_per_page=QuestionsPerPage.ONE, navigation=navigation))
    page = learner_client.get(url("attempt", attempt.pk) + "?page=3").content.decode()
    nav = element(page, "question-nav")
    assert "nav-answered" not in nav
    html = save(learner_client, attempt, 3, {"q3": "Queretaro"})
    nav = element(html, "question-nav")
    assert 'hx-swap-oob="true"' in nav
    assert nav.count("nav-answered") == 1
    assert re.search(r'class="nav-cell nav-answered nav-current" href="\?page=3" aria-current="step">4<', nav)
    # The page opened afterwards shows the same navigator.
    page = learner_client.get(url("attempt", attempt.pk) + "?page=3").content.decode()
    assert element(html, "question-nav").replace(' hx-swap-oob="true"', "") == element(page, "question-nav")


def test_a_check_sends_the_counter_and_the_navigators_mark_with_the_question(learner_client, make):
    attempt = start(learner_client, make.quiz(behaviour=Behaviour.IMMEDIATE, questions_per_page=QuestionsPerPage.ONE))
    slot = attempt.slots.get(position=0)
    right = slot.question_type.correct_response(slot.definition)
    html = save(learner_client, attempt, 0, {"q0": right, "action": "check"})
    assert html.startswith("<article") and "Right!" in html
    assert counter(html) == "1 of 7 questions answered"
    assert "nav-answered nav-right" in element(html, "question-nav")


def test_a_review_session_counts_its_answers_too(learner_client, learner_user, make):
    """The review session is an attempt of the learner's review quiz (immediate feedback, all on one page)."""
    earlier = timezone.now() - datetime.timedelta(days=3)
    quiz = make.quiz(questions=3, review_right_answers="immediately")
    answer_and_submit(service.attempt_start(quiz=quiz, learner=learner_user, now=earlier), right=set(), now=earlier)
    attempt = progress_services.review_session_start(learner=learner_user, now=timezone.now(), language="en")
    assert attempt is not None
    page = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert counter(page) == "0 of 3 questions answered"
    slot = attempt.slots.order_by("position").first()
    right = slot.question_type.correct_response(slot.definition)
    data = ({f"q{slot.position}.{k}": v for k, v in right.items()} if isinstance(right, dict)
            else {f"q{slot.position}": right})
    assert counter(save(learner_client, attempt, slot.position, data)) == "1 of 3 questions answered"
    html = save(learner_client, attempt, slot.position, {**data, "action": "check"})
    assert counter(html) == "1 of 3 questions answered"


@pytest.mark.parametrize("per_page", [QuestionsPerPage.ALL, QuestionsPerPage.ONE])
def test_the_reply_with_its_counter_runs_a_bounded_number_of_queries(learner_client, make,
                                                                     django_assert_max_num_queries, per_page):
    counts = []
    for size in (5, 50):
        attempt = start(learner_client, make.quiz(questions=size, questions_per_page=per_page))
        # Seven before the counter came with the reply; one more reads the slots to count them.
        with django_assert_max_num_queries(8) as captured:
            save(learner_client, attempt, 3, {"q3": "Queretaro"})
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("per_page", [QuestionsPerPage.ALL, QuestionsPerPage.ONE])
def test_an_autosave_reads_the_slots_once_and_counts_from_them(learner_client, make, django_assert_max_num_queries,
                                                               per_page):
    """Issue 17, item 4: the attempt, its slots, then the UPDATE and the step; the reply's counter and navigator come
    from the slots already read, with the new answer in place, not from a second read after the save."""
    attempt = start(learner_client, make.quiz(questions=5, questions_per_page=per_page))
    with django_assert_max_num_queries(8) as captured:
        html = save(learner_client, attempt, 3, {"q3": "Queretaro"})
    statements = [query["sql"] for query in captured.captured_queries]
    slot_reads = [sql for sql in statements if sql.startswith("SELECT") and 'FROM "quizzes_attemptquestion"' in sql]
    assert len(slot_reads) == 1, slot_reads
    # Ordered by the column: no join to the attempt and its quiz only to sort the slots.
    assert 'JOIN "quizzes_quiz"' not in slot_reads[0]
    writes = [sql for sql in statements if not sql.startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    if connection.vendor == "postgresql":  # the UPDATE and the step's INSERT in one statement: one round trip
        assert len(writes) == 1 and writes[0].startswith("WITH saved AS (UPDATE") and "INSERT INTO" in writes[0]
    else:
        assert [sql.split()[0] for sql in writes] == ["UPDATE", "INSERT"]
    assert counter(html) == "1 of 5 questions answered"
    if per_page == QuestionsPerPage.ONE:
        assert html.count("nav-answered") == 1
