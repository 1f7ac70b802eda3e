"""The learner's pages: no answer leaks, nobody else's attempt, bad input refused, bounded queries."""

import re

import pytest
from django.utils import translation

from quizzes.models import Attempt, AttemptStep, Behaviour, QuestionsPerPage
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en"):
    from django.urls import reverse

    with translation.override(lang):
        return reverse(f"quizzes:{name}", args=args)


def form_data(slot, response):
    """The POST body a browser sends for `response` to `slot` (see the question type templates)."""
    name = f"q{slot.position}"
    if isinstance(response, dict):
        return {f"{name}.{prompt}": answer for prompt, answer in response.items()}
    return {name: response if response is not None else ""}


def start(client, quiz, lang="en"):
    response = client.post(url("quiz", quiz.pk, lang=lang))
    assert response.status_code == 302, response.content.decode()[:500]
    return Attempt.objects.latest("pk")


def test_a_learner_takes_a_quiz_without_javascript(learner_client, make):
    quiz = make.quiz()
    attempt = start(learner_client, quiz)
    for slot in attempt.slots.all():
        response = learner_client.post(
            url("answer", attempt.pk, slot.position),
            {**form_data(slot, slot.question_type.correct_response(slot.definition)), "next": "next"},
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"?page={slot.position + 1}#q{slot.position + 1}")
    html = learner_client.get(url("submit", attempt.pk)).content.decode()
    assert "You have answered every question." in html
    response = learner_client.post(url("submit", attempt.pk))
    assert response.status_code == 302 and response["Location"] == url("review", attempt.pk)
    html = learner_client.get(url("review", attempt.pk)).content.decode()
    assert "Score: <bdi>7</bdi> out of <bdi>7</bdi> (100.0%)" in html


def test_autosave_returns_a_fragment(learner_client, make):
    attempt = start(learner_client, make.quiz())
    response = learner_client.post(url("answer", attempt.pk, 3), {"q3": "كيريتارو"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    assert attempt.slots.get(position=3).response == "كيريتارو"


def test_submit_page_lists_unanswered_questions(learner_client, make):
    attempt = start(learner_client, make.quiz())
    learner_client.post(url("answer", attempt.pk, 3), {"q3": "x"}, HTTP_HX_REQUEST="true")
    html = learner_client.get(url("submit", attempt.pk)).content.decode()
    assert "6 questions are not answered yet:" in html
    assert html.count('class="unanswered"') == 1 and "Question 4" not in html.split("unanswered")[1].split("</ul>")[0]


# --- no leaks -------------------------------------------------------------------------------------
KEY_WORDS = re.compile(r"key-right|key-wrong|fraction|data-correct|is_right|Accepted answers:|Right answer:|Right matches:|Right order:")


def secrets_of(slot):
    """Strings that would give the answer away if they appeared in the page."""
    d = slot.definition
    found = set()
    for answer in d.accepted_answers:
        found |= {text for text in answer.text.values() if text}
    for answer in d.numerical_answers:
        found.add(format(answer.value.normalize(), "f"))
    for choice in d.choices:
        found |= {text for text in choice.feedback.values() if text}
    found |= {text for text in d.general_feedback.values() if text}
    found |= {text for text in d.explanation.values() if text}
    return found


@pytest.mark.parametrize("per_page", [QuestionsPerPage.ONE, QuestionsPerPage.ALL])
def test_no_page_or_fragment_of_an_attempt_in_progress_leaks_an_answer(learner_client, make, per_page):
    quiz = make.quiz(behaviour=Behaviour.DEFERRED, questions_per_page=per_page)
    attempt = start(learner_client, quiz)
    slots = list(attempt.slots.all())
    pages = []
    for lang in ("ar", "en"):
        for slot in slots:
            pages.append(learner_client.get(url("attempt", attempt.pk, lang=lang) + f"?page={slot.position}"))
            pages.append(learner_client.get(url("slot_language", attempt.pk, slot.position, "ar" if lang == "en" else "en",
                                                lang=lang), HTTP_HX_REQUEST="true"))
            wrong = {"q{}".format(slot.position): "nonsense"}
            pages.append(learner_client.post(url("answer", attempt.pk, slot.position, lang=lang), wrong,
                                             HTTP_HX_REQUEST="true"))
        pages.append(learner_client.get(url("submit", attempt.pk, lang=lang)))
        pages.append(learner_client.get(url("quiz", quiz.pk, lang=lang)))
        pages.append(learner_client.get(url("list", lang=lang)))
    secrets = set().union(*(secrets_of(slot) for slot in slots))
    assert "كيريتارو" in secrets and "1867" in secrets  # the check can fail
    for page in pages:
        html = page.content.decode()
        assert page.status_code in (200, 400), page.status_code
        assert not KEY_WORDS.search(html), KEY_WORDS.search(html).group(0)
        for secret in secrets:
            assert secret not in html, secret
    # Ordering items never appear in the right order, and each slot's keys are opaque tokens.
    ordering = next(s for s in slots if s.definition.items)
    html = learner_client.get(url("attempt", attempt.pk) + f"?page={ordering.position}").content.decode()
    shown = re.findall(r'data-key="([0-9a-f]+)"', html)
    assert shown == ordering.order["items"] and shown != [i.key for i in ordering.definition.items]


# --- somebody else's attempt --------------------------------------------------------------------
def test_another_learner_gets_404_for_every_attempt_url(client, make):
    owner = make.learner()
    attempt = service.attempt_start(quiz=make.quiz(), learner=owner, now=__import__("django.utils.timezone").utils.timezone.now())
    client.force_login(make.learner())
    for path in [url("attempt", attempt.pk), url("submit", attempt.pk), url("review", attempt.pk),
                 url("slot_language", attempt.pk, 0, "ar")]:
        assert client.get(path).status_code == 404, path
    assert client.post(url("answer", attempt.pk, 0), {"q0": "x"}).status_code == 404
    assert client.post(url("submit", attempt.pk)).status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_finished


def test_attempt_pages_need_a_login(client, make):
    attempt = service.attempt_start(quiz=make.quiz(), learner=make.learner(),
                                    now=__import__("django.utils.timezone").utils.timezone.now())
    response = client.get(url("attempt", attempt.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_response_naming_something_outside_the_attempt_is_refused_with_400(learner_client, make):
    attempt = start(learner_client, make.quiz())
    other = service.attempt_start(quiz=make.quiz(), learner=make.learner(),
                                  now=__import__("django.utils.timezone").utils.timezone.now())
    foreign_key = [c.key for c in other.slots.get(position=0).definition.choices][0]
    assert learner_client.post(url("answer", attempt.pk, 0), {"q0": foreign_key}).status_code == 400
    assert learner_client.post(url("answer", attempt.pk, 99), {"q99": "x"}).status_code == 400
    assert learner_client.post(url("answer", attempt.pk, 6), {"q6": ["a", "b"]}).status_code == 400
    assert learner_client.post(url("answer", attempt.pk, 5), {"q5.nope": "x"}).status_code == 400
    assert AttemptStep.objects.filter(slot__attempt=attempt).count() == 0
    assert all(slot.response is None for slot in attempt.slots.all())


def test_long_answers_are_capped_with_a_message_and_html_is_escaped(learner_client, make):
    attempt = start(learner_client, make.quiz())
    response = learner_client.post(url("answer", attempt.pk, 3), {"q3": "x" * 600}, HTTP_HX_REQUEST="true")
    assert "Your answer is too long: at most 500 characters." in response.content.decode()
    assert attempt.slots.get(position=3).response is None
    learner_client.post(url("answer", attempt.pk, 3), {"q3": "<script>alert(1)</script>"})
    html = learner_client.get(url("attempt", attempt.pk) + "?page=3").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_show_in_the_other_language_is_recorded(learner_client, make):
    attempt = start(learner_client, make.quiz(), lang="ar")
    response = learner_client.get(url("slot_language", attempt.pk, 0, "en", lang="ar"), HTTP_HX_REQUEST="true")
    assert "Where were the French defeated in 1862?" in response.content.decode()
    assert attempt.slots.get(position=0).switched_language


def test_closed_quiz_start_page_explains_itself(learner_client, make):
    import datetime

    from django.utils import timezone

    quiz = make.quiz(closes_at=timezone.now() - datetime.timedelta(days=1), opens_at=timezone.now() - datetime.timedelta(days=9))
    html = learner_client.get(url("quiz", quiz.pk)).content.decode()
    assert "This quiz closed on" in html
    response = learner_client.post(url("quiz", quiz.pk))
    assert response.status_code == 409 and "This quiz closed on" in response.content.decode()


def test_immediate_check_fragment_shows_feedback(learner_client, make):
    attempt = start(learner_client, make.quiz(behaviour=Behaviour.IMMEDIATE))
    slot = attempt.slots.get(position=0)
    right = slot.question_type.correct_response(slot.definition)
    response = learner_client.post(url("answer", attempt.pk, 0), {"q0": right, "action": "check"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Right!" in html and "The Battle of Puebla." in html


# --- bounded queries ----------------------------------------------------------------------------
@pytest.mark.parametrize("size", [5, 50])
def test_query_counts_do_not_grow_with_the_quiz(learner_client, make, django_assert_max_num_queries, size):
    quiz = make.quiz(questions=size, questions_per_page=QuestionsPerPage.ALL)
    attempt = start(learner_client, quiz)
    with django_assert_max_num_queries(8):
        assert learner_client.get(url("attempt", attempt.pk)).status_code == 200
    with django_assert_max_num_queries(10):
        response = learner_client.post(url("answer", attempt.pk, 3), {"q3": "x"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert learner_client.post(url("submit", attempt.pk)).status_code == 302


def test_answering_a_question_checked_in_another_tab_says_so_and_keeps_the_attempt(learner_client, make):
    attempt = start(learner_client, make.quiz(behaviour=Behaviour.IMMEDIATE))
    slot = attempt.slots.get(position=0)
    right = slot.question_type.correct_response(slot.definition)
    learner_client.post(url("answer", attempt.pk, 0), {**form_data(slot, right), "action": "check"},
                        HTTP_HX_REQUEST="true")
    wrong = next(c.key for c in slot.definition.choices if c.key != right)
    response = learner_client.post(url("answer", attempt.pk, 0), form_data(slot, wrong), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "HX-Redirect" not in response
    assert "This question is locked: it has been checked already." in response.content.decode()
    assert attempt.slots.get(position=0).response == right
    response = learner_client.post(url("answer", attempt.pk, 0), {**form_data(slot, wrong), "next": "stay"})
    assert response.status_code == 302 and response["Location"].startswith(url("attempt", attempt.pk))
