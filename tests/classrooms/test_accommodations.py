"""Accommodations per learner in a class: more time (×1.25, ×1.5, ×2, untimed), extra attempts, fewer wrong options
and fair scoring in live games, on every quiz assigned to the class, attempts in progress included; the teacher's
form and badges; and nobody else sees them."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from classrooms import services
from classrooms.models import Accommodation, TimeMultiplier
from quizzes.display import DisplayOptions
from quizzes.models import QuizQuestion
from quizzes.rendering import render_review
from quizzes.services import attempts as attempt_service
from tests.classrooms.conftest import NOW, join, url

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def timed(make, teacher):
    return make.quiz(questions=2, owner=teacher, time_limit=20 * MINUTE, attempts_allowed=1)


@pytest.fixture
def assigned(classroom, timed, teacher):
    return services.assignment_create(classroom=classroom, quiz=timed, teacher=teacher, opens_at=NOW - DAY,
                                      due_at=NOW + DAY)


@pytest.fixture
def amal(make, classroom):
    learner = make.learner(username="amal", first_name="Amal")
    join(classroom, learner)
    return learner


@pytest.fixture
def badr(make, classroom):
    learner = make.learner(username="badr", first_name="Badr")
    join(classroom, learner)
    return learner


def accommodate(classroom, learner, teacher, **settings):
    membership = classroom.memberships.get(learner=learner)
    return services.accommodation_set(membership=membership, teacher=teacher, now=NOW, **settings)


def start(quiz, learner, at=NOW):
    return attempt_service.attempt_start(quiz=quiz, learner=learner, now=at)


@pytest.mark.parametrize(("multiplier", "minutes"), [
    (TimeMultiplier.NONE, 20), (TimeMultiplier.QUARTER, 25), (TimeMultiplier.HALF, 30), (TimeMultiplier.DOUBLE, 40),
])
def test_extra_time_moves_the_deadline_of_a_new_attempt(classroom, teacher, timed, assigned, amal, multiplier,
                                                        minutes):
    accommodate(classroom, amal, teacher, time_multiplier=multiplier)
    assert start(timed, amal).deadline == NOW + minutes * MINUTE


def test_an_untimed_learner_has_no_deadline_and_a_plain_one_keeps_the_quizs(classroom, teacher, timed, assigned,
                                                                             amal, badr):
    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.UNTIMED)
    assert start(timed, amal).deadline is None
    assert start(timed, badr).deadline == NOW + 20 * MINUTE


def test_an_accommodation_added_during_an_attempt_moves_its_deadline(classroom, teacher, timed, assigned, amal):
    attempt = start(timed, amal)
    slot = attempt.slots.get(position=0)
    assert attempt.deadline == NOW + 20 * MINUTE
    with time_machine.travel(NOW + 10 * MINUTE, tick=False):
        accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.HALF)
    attempt.refresh_from_db()
    assert attempt.deadline == NOW + 30 * MINUTE  # counted from the start, as if it had held then
    # At 25 minutes the plain deadline is past; the learner goes on answering.
    attempt_service.attempt_save_response(attempt=attempt, position=0, now=NOW + 25 * MINUTE,
                                          raw=slot.question_type.correct_response(slot.definition))
    attempt.refresh_from_db()
    assert attempt.is_in_progress
    assert not attempt.is_overdue(NOW + 25 * MINUTE) and attempt.is_overdue(NOW + 31 * MINUTE)


def test_taking_the_extra_time_away_never_ends_an_attempt_in_the_past(classroom, teacher, timed, assigned, amal):
    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.DOUBLE)
    attempt = start(timed, amal)
    with time_machine.travel(NOW + 30 * MINUTE, tick=False):
        services.accommodation_set(membership=classroom.memberships.get(learner=amal), teacher=teacher,
                                   now=NOW + 30 * MINUTE)
    attempt.refresh_from_db()
    assert attempt.deadline == NOW + 30 * MINUTE
    assert not Accommodation.objects.exists()  # nothing set: no accommodation left


def test_extra_attempts_add_to_the_quizs_limit(classroom, teacher, timed, assigned, amal, badr):
    accommodate(classroom, amal, teacher, extra_attempts=1)
    for _n in range(2):
        attempt_service.attempt_submit(attempt=start(timed, amal), now=NOW)
    with translation.override("en"), pytest.raises(attempt_service.AttemptRefused, match="all your attempts"):
        start(timed, amal)
    attempt_service.attempt_submit(attempt=start(timed, badr), now=NOW)
    with pytest.raises(attempt_service.AttemptRefused):
        start(timed, badr)


@pytest.fixture
def choice_quiz(make, teacher, classroom):
    quiz = make.quiz(questions=0, owner=teacher, time_limit=20 * MINUTE)
    bank = make.bank(owner=teacher)
    for position in range(3):
        definition = make.single_choice_def(wrong_en=("1861", "1863", "1864", "1865"))
        QuizQuestion.objects.create(quiz=quiz, position=position,
                                    question=make.question(bank_obj=bank, definition=definition))
    services.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=NOW - DAY, due_at=NOW + DAY)
    return quiz


def test_fewer_choices_are_frozen_at_start_keep_the_right_one_and_show_in_the_review(classroom, teacher, choice_quiz,
                                                                                    amal, badr):
    accommodate(classroom, amal, teacher, fewer_choices=2)
    attempt = start(choice_quiz, amal)
    for slot in attempt.slots.all():
        right = slot.question_type.correct_response(slot.definition)
        assert len(slot.order["hidden"]) == 2 and right not in slot.order["hidden"]
        attempt_service.attempt_save_response(attempt=attempt, position=slot.position, raw=right, now=NOW)
    frozen = {slot.pk: slot.order for slot in attempt.slots.all()}
    # Changing the accommodation later does not change a started attempt's options.
    accommodate(classroom, amal, teacher, fewer_choices=0)
    assert {slot.pk: slot.order for slot in attempt.slots.all()} == frozen
    attempt = attempt_service.attempt_submit(attempt=attempt, now=NOW + MINUTE)
    assert attempt.percent == 100
    html = "".join(render_review(attempt.slots.all(), display=DisplayOptions.everything(), language="en"))
    hidden = {key for order in frozen.values() for key in order["hidden"]}
    shown = {choice.key for slot in attempt.slots.all() for choice in slot.definition.choices} - hidden
    assert all(f'value="{key}"' in html for key in shown)  # the review shows the options the attempt showed…
    assert not any(f'value="{key}"' in html for key in hidden)  # …and not the hidden ones
    plain = start(choice_quiz, badr)
    assert all("hidden" not in slot.order for slot in plain.slots.all())


def test_accommodations_combine(classroom, teacher, timed, assigned, amal):
    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.DOUBLE, extra_attempts=2, fewer_choices=1)
    attempt = start(timed, amal)
    assert attempt.deadline == NOW + 40 * MINUTE
    attempt_service.attempt_submit(attempt=attempt, now=NOW)
    for _n in range(2):
        attempt_service.attempt_submit(attempt=start(timed, amal), now=NOW)
    with pytest.raises(attempt_service.AttemptRefused):
        start(timed, amal)


def test_an_accommodation_applies_only_to_the_quizzes_its_class_assigns(make, classroom, teacher, timed, amal):
    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.DOUBLE)
    assert start(timed, amal).deadline == NOW + 20 * MINUTE  # not assigned to the class


def test_a_learner_in_two_classes_gets_the_more_generous(make, classroom, teacher, timed, assigned, amal):
    other = services.classroom_create(teacher=teacher, name="Club")
    join(other, amal)
    services.assignment_create(classroom=other, quiz=timed, teacher=teacher, opens_at=NOW - DAY, due_at=NOW + DAY)
    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.QUARTER)
    accommodate(other, amal, teacher, time_multiplier=TimeMultiplier.DOUBLE, extra_attempts=1)
    assert start(timed, amal).deadline == NOW + 40 * MINUTE


def test_fair_scoring_is_forced_in_a_classic_game_of_the_class(classroom, teacher, amal, badr):
    from games import services as games
    from games.models import Scoring

    quiz = pytest.importorskip("tests.games.conftest")._choice_quiz(teacher)
    accommodate(classroom, amal, teacher, fair_scoring=True)
    game = games.game_host(quiz=quiz, host=teacher, now=NOW, seed=1, classroom=classroom,
                           scoring_mode=Scoring.CLASSIC)
    fair, _token = games.game_join(game=game, now=NOW, user=amal)
    classic, _token = games.game_join(game=game, now=NOW, user=badr)
    game = games.game_start(game=game, now=NOW)
    right = game.question_type().correct_response(game.definition())
    fast = NOW + datetime.timedelta(seconds=1)
    assert games.game_answer(player=fair, position=0, raw=right, now=fast).points == 1000
    # The game's classic scoring counts the second it took: less than the full 1000.
    assert games.game_answer(player=classic, position=0, raw=right, now=fast).points == 983


# --- the teacher's pages, and privacy ---------------------------------------------------------------------------------
def test_the_class_page_shows_a_badge_and_the_form_saves(teacher_client, classroom, teacher, amal, badr):
    response = teacher_client.post(url("accommodation", classroom.pk, amal.pk), {
        f"learner-{amal.pk}-time_multiplier": "1.5", f"learner-{amal.pk}-extra_attempts": "1",
        f"learner-{amal.pk}-fewer_choices": "0",
    })
    assert response.status_code == 302
    accommodation = Accommodation.objects.get()
    assert accommodation.multiplier == Decimal("1.5") and accommodation.extra_attempts == 1
    page = teacher_client.get(url("detail", classroom.pk)).content.decode()
    assert page.count("badge-accommodation") == 1 and "1.5× the time" in page
    gradebook = teacher_client.get(url("gradebook", classroom.pk)).content.decode()
    assert "badge-accommodation" not in gradebook  # nothing assigned yet: no table


def test_the_gradebook_badges_accommodated_learners(teacher_client, classroom, teacher, assigned, amal, badr):
    accommodate(classroom, amal, teacher, fair_scoring=True)
    gradebook = teacher_client.get(url("gradebook", classroom.pk)).content.decode()
    assert gradebook.count("badge-accommodation") == 1


def test_the_form_re_renders_with_errors_in_the_users_language(teacher_client, classroom, amal):
    data = {f"learner-{amal.pk}-time_multiplier": "3", f"learner-{amal.pk}-extra_attempts": "99",
            f"learner-{amal.pk}-fewer_choices": "0"}
    response = teacher_client.post(url("accommodation", classroom.pk, amal.pk, lang="ar"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"time_multiplier", "extra_attempts"}
    assert any("\u0600" <= character <= "\u06ff" for character in errors["extra_attempts"][0])  # in Arabic
    assert "field-invalid" in response.content.decode()
    assert not Accommodation.objects.exists()


def test_a_learner_sees_only_their_own_accommodation(client, classroom, teacher, timed, assigned, amal, badr):
    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.HALF)
    with translation.override("en"):
        from django.urls import reverse

        quiz_url = reverse("quizzes:quiz", args=[timed.pk])
    client.force_login(amal)
    own = client.get(quiz_url).content.decode()
    assert "You have 1.5× the time." in own and "30 minutes" in own
    client.force_login(badr)
    other = client.get(quiz_url).content.decode()
    assert "the time." not in other and "20 minutes" in other and "accommodat" not in other
    # Nor the teacher's pages.
    assert client.get(url("accommodation", classroom.pk, amal.pk)).status_code == 404


def test_another_teacher_can_neither_see_nor_change_an_accommodation(client, make, classroom, teacher, amal):
    accommodate(classroom, amal, teacher, extra_attempts=1)
    client.force_login(make.teacher())
    target = url("accommodation", classroom.pk, amal.pk)
    assert client.get(target).status_code == 404
    assert client.post(target, {f"learner-{amal.pk}-extra_attempts": "5"}).status_code == 404
    assert Accommodation.objects.get().extra_attempts == 1
    with pytest.raises(Exception) as refused:
        services.accommodation_set(membership=classroom.memberships.get(learner=amal), teacher=make.teacher(),
                                   now=NOW, extra_attempts=5)
    assert type(refused.value).__name__ == "PermissionDenied"


@pytest.mark.parametrize("size", [2, 12])
def test_the_class_page_runs_a_bounded_number_of_queries(teacher_client, make, classroom, teacher, assigned,
                                                         django_assert_max_num_queries, size):
    for n in range(size):
        learner = make.learner()
        join(classroom, learner)
        if n % 2:
            accommodate(classroom, learner, teacher, time_multiplier=TimeMultiplier.HALF)
    with django_assert_max_num_queries(12):
        response = teacher_client.get(url("detail", classroom.pk))
    assert response.content.decode().count("badge-accommodation") == size // 2


def test_the_class_policies_cost_one_query_unless_a_class_grants_something(classroom, teacher, timed, assigned, amal,
                                                                          badr, django_assert_num_queries):
    """Every start and quiz page asks them: for a learner with no accommodation or override (most of a class) one
    query reads the assignments and whether any grants them something; three when one does."""
    from classrooms.policies import class_policies
    from quizzes.policies import LearnerPolicy

    accommodate(classroom, amal, teacher, time_multiplier=TimeMultiplier.HALF)
    base = LearnerPolicy.of_quiz(timed, learner=badr, now=NOW)
    with django_assert_num_queries(1):
        assert class_policies(quiz=timed, learner=badr, now=NOW, base=base) == []
    with django_assert_num_queries(3):
        granted = class_policies(quiz=timed, learner=amal, now=NOW, base=base)
    assert [policy.time_limit for policy in granted] == [30 * MINUTE]
