"""Mastery, the fsrs rating mapping, review cards and the dashboard."""

import datetime

import pytest
from django.utils import timezone, translation
from fsrs import Rating

from progress import services
from progress.models import ReviewCard
from quizzes.services import attempts as attempt_service
from tests.progress.conftest import answer_and_submit

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


def test_weighted_share_by_hand():
    # Newest first: 1, 0, 1 with weights 1, 0.8, 0.64 → (1 + 0 + 0.64) / 2.44 = 0.672131…
    assert services.weighted_share([1, 0, 1]) == pytest.approx(1.64 / 2.44)
    assert services.weighted_share([]) == 0
    # Only the newest 20 answers count: a 21st old mistake changes nothing.
    assert services.weighted_share([1.0] * 20 + [0.0]) == 1.0


@pytest.mark.parametrize("fraction, rating", [(1, Rating.Good), (0.5, Rating.Hard), (0.01, Rating.Hard), (0, Rating.Again)])
def test_rating_from_correctness(fraction, rating):
    assert services.rating_for(fraction) == rating


def finish(make, learner, quiz, *, right: set[int], now=NOW):
    attempt = attempt_service.attempt_start(quiz=quiz, learner=learner, now=now)
    return answer_and_submit(attempt, right=right, now=now)


@pytest.fixture
def linked_quiz(make, demo):
    """A 3-question quiz whose questions are linked to two demo events."""
    from history.models import Event

    quiz = make.quiz(questions=3)
    puebla, veracruz = Event.objects.order_by("start_date")[5], Event.objects.order_by("start_date")[3]
    for fixed, event in zip(quiz.fixed_questions.select_related("question"), [puebla, puebla, veracruz]):
        fixed.question.events.add(event)
    return quiz, puebla, veracruz


def test_mastery_per_event_and_topic_from_real_answers(make, learner_user, linked_quiz):
    quiz, puebla, veracruz = linked_quiz
    finish(make, learner_user, quiz, right={0, 1, 2}, now=NOW - datetime.timedelta(days=1))
    finish(make, learner_user, quiz, right={0}, now=NOW)
    events, topics = services.mastery_by_event_and_topic(learner_user, now=NOW)
    by_slug = {m.key: m for m in events}
    # Puebla, newest first (within an attempt, the later question first): 0, 1 (today), then 1, 1
    # (yesterday), weighed 1, .8, .64, .512 → (0 + .8 + .64 + .512) / 2.952
    assert by_slug[puebla.slug].value == pytest.approx(1.952 / 2.952)
    assert by_slug[puebla.slug].answers == 4
    # Veracruz: 0 (today), 1 (yesterday) → 0.8 / 1.8
    assert by_slug[veracruz.slug].value == pytest.approx(0.8 / 1.8)
    assert events[0].key == veracruz.slug  # weakest first
    assert topics[0].answers == 6


def test_review_cards_follow_answers_and_come_due(make, learner_user):
    quiz = make.quiz(questions=2, review_right_answers="immediately")
    finish(make, learner_user, quiz, right={0}, now=NOW)
    assert services.review_cards_sync(learner=learner_user, now=NOW) == 2
    assert services.review_cards_sync(learner=learner_user, now=NOW) == 0  # nothing new
    cards = {c.question.name: c for c in ReviewCard.objects.select_related("question")}
    right, wrong = cards["sc"], cards["mr"]
    assert right.reviews == wrong.reviews == 1 and wrong.lapses == 1 and right.lapses == 0
    assert right.state_version == 6 and right.state["due"]
    # The forgotten one is due again sooner than the remembered one.
    assert wrong.due <= right.due
    due_tomorrow = services.due_cards(learner_user, NOW + datetime.timedelta(days=1)).count()
    assert due_tomorrow >= 1


def test_review_session_serves_due_cards_with_immediate_feedback(make, learner_user):
    quiz = make.quiz(questions=3, review_right_answers="immediately")
    finish(make, learner_user, quiz, right=set(), now=NOW)
    later = NOW + datetime.timedelta(days=2)
    attempt = services.review_session_start(learner=learner_user, now=later)
    assert attempt is not None and attempt.quiz.behaviour == "immediate"
    assert {slot.question_id for slot in attempt.slots.all()} == set(quiz.fixed_questions.values_list("question_id", flat=True))
    for slot in attempt.slots.all():
        attempt_service.attempt_check(attempt=attempt, position=slot.position,
                                      raw=slot.question_type.correct_response(slot.definition), now=later)
    attempt_service.attempt_submit(attempt=attempt, now=later)
    services.review_cards_sync(learner=learner_user, now=later)
    assert all(card.reviews == 2 and card.due > later for card in ReviewCard.objects.all())


def test_nothing_due_gives_no_session(learner_user):
    assert services.review_session_start(learner=learner_user, now=NOW) is None


def test_streak_counts_consecutive_days(make, learner_user):
    quiz = make.quiz(questions=1)
    for days_ago in (0, 1, 2, 4):
        finish(make, learner_user, quiz, right={0}, now=NOW - datetime.timedelta(days=days_ago))
    assert services.streak_days(learner_user, NOW.date()) == 3
    assert services.streak_days(learner_user, NOW.date() + datetime.timedelta(days=1)) == 3
    assert services.streak_days(learner_user, NOW.date() + datetime.timedelta(days=2)) == 0


def test_dashboard_shows_only_the_learners_own_progress(client, make, learner_user, linked_quiz):
    quiz, _puebla, _veracruz = linked_quiz
    finish(make, learner_user, quiz, right={0}, now=NOW)
    other = make.learner()
    finish(make, other, quiz, right={0, 1, 2}, now=NOW)
    client.force_login(other)
    with translation.override("en"):
        html = client.get("/en/progress/").content.decode()
    assert "100.0%" in html and "33.3%" not in html
    client.force_login(learner_user)
    html = client.get("/en/progress/").content.decode()
    assert "33.3%" in html and 'role="img"' in html and "Practise these" in html


def test_dashboard_in_arabic_is_rtl_and_the_chart_runs_right_to_left(client, make, learner_user):
    quiz = make.quiz(questions=1)
    finish(make, learner_user, quiz, right={0}, now=NOW - datetime.timedelta(days=1))
    finish(make, learner_user, quiz, right=set(), now=NOW)
    client.force_login(learner_user)
    response = client.get("/ar/progress/")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    points = response.context["chart"].points
    assert points[0].x > points[1].x  # the older attempt on the right
    # SVG coordinates are never localised (Arabic formats would write "184,0").
    assert f'cx="{points[0].x}"' in response.content.decode()


def test_dashboard_queries_are_bounded(client, make, learner_user, django_assert_max_num_queries):
    quiz = make.quiz(questions=5, review_right_answers="immediately")  # cards due: the review stat's queries run
    for day in range(6):
        finish(make, learner_user, quiz, right={0, 1}, now=NOW - datetime.timedelta(days=day))
    client.force_login(learner_user)
    client.get("/en/progress/")  # first visit syncs the review cards
    # Session and user 2, sync 4, attempts 1, mastery 1, the review outlook 2 (cards, and the quizzes that show
    # their keys), streak 1. The outlook reads every card once, due or not, so the deck's size needs no COUNT.
    with django_assert_max_num_queries(11):
        response = client.get("/en/progress/")
    assert response.status_code == 200 and response.context["review"].due


def test_a_new_learners_dashboard_reads_no_review_sources(client, learner_user, django_assert_max_num_queries):
    client.force_login(learner_user)
    client.get("/en/progress/")  # first visit makes the learner's review bookkeeping
    with django_assert_max_num_queries(10):  # as above, less the quizzes showing keys: there is no card
        assert client.get("/en/progress/").status_code == 200


def test_practise_weak_events_starts_a_generated_quiz(client, learner_user, linked_quiz, make):
    quiz, puebla, _veracruz = linked_quiz
    finish(make, learner_user, quiz, right=set(), now=NOW)
    client.force_login(learner_user)
    response = client.post("/en/progress/practise/", {"event": [puebla.slug]})
    assert response.status_code == 302 and "/attempts/" in response["Location"]
    from quizzes.models import Attempt

    attempt = Attempt.objects.filter(learner=learner_user).latest("pk")
    assert all(puebla.slug in slot.definition.events for slot in attempt.slots.all())


def test_dashboard_needs_a_login(client):
    response = client.get("/en/progress/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
