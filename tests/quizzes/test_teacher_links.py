"""The live game and the item statistics are reachable from the pages, not only by typing their addresses (issue 12:
links to /games/; issue 14, defect 15: statistics linked from the quiz page)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_a_teacher_sees_host_and_statistics_links_on_their_quiz_page(client):
    teacher = factories.teacher()
    quiz = factories.quiz(questions=2, owner=teacher)
    client.force_login(teacher)
    html = client.get(_url("quizzes:quiz", pk=quiz.pk)).content.decode()
    assert _url("games:host_setup", pk=quiz.pk) in html and _url("quizzes:statistics", pk=quiz.pk) in html
    assert _url("games:list") in html  # the navigation's "Live games"


def test_a_learner_sees_neither_but_the_navigation_offers_to_join_a_game(client):
    quiz = factories.quiz(questions=2, owner=factories.teacher())
    client.force_login(factories.learner())
    html = client.get(_url("quizzes:quiz", pk=quiz.pk)).content.decode()
    assert _url("games:host_setup", pk=quiz.pk) not in html and _url("quizzes:statistics", pk=quiz.pk) not in html
    assert _url("games:join") in html and _url("games:list") not in html


def test_a_visitor_can_join_a_game_from_the_home_page(client):
    html = client.get("/en/").content.decode()
    assert _url("games:join") in html
