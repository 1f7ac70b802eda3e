"""Results flow on (issue 12, item 7): a signed-in player's answers become a finished attempt of the quiz when the
game ends, counted by the gradebook, mastery and spaced review; guests get none; finishing twice records nothing
twice; skipped and unrevealed questions are left out."""

from datetime import timedelta
from decimal import Decimal

import pytest

from classrooms.models import Assignment, Classroom, Membership, assignment_results
from games import services
from games.models import Game, Player
from quizzes.models import Attempt, AttemptState
from tests import factories
from tests.games.conftest import NOW, right_key, wrong_key

pytestmark = pytest.mark.django_db


def _play(game, answers: dict, *, skip=(), end_at=None):
    """Play `game` to its end: `answers` maps a player to the keys they give per position (None: no answer)."""
    opened = NOW
    game = services.game_start(game=game, now=opened)
    for position in range(game.question_count):
        if position in skip:
            game = services.game_skip(game=game, now=opened + timedelta(seconds=5))
            opened += timedelta(seconds=5)
            continue
        for player, keys in answers.items():
            key = keys[position]
            if key is not None:
                raw = right_key(game) if key == "right" else wrong_key(game)
                services.game_answer(player=player, position=position, raw=raw, now=opened + timedelta(seconds=3))
        if end_at == position:
            return services.game_end(game=game, now=opened + timedelta(seconds=10))
        game = services.game_reveal(game=game, now=opened + timedelta(seconds=10))
        game = services.game_next(game=game, now=opened + timedelta(seconds=20))
        opened += timedelta(seconds=20)
    return game


def test_each_signed_in_player_gets_a_finished_attempt_graded_as_the_game_graded(game, join):
    amal = factories.learner(username="amal")
    me, _ = join(game, "", user=amal)
    guest, _ = join(game, "Guest")
    game = _play(game, {me: ["right", "wrong", None], guest: ["right", "right", "right"]})
    assert game.is_finished
    attempt = Attempt.objects.get(learner=amal)
    assert (attempt.quiz_id, attempt.state, attempt.from_live_game) == (game.quiz_id, AttemptState.FINISHED, True)
    assert (attempt.score, attempt.max_score, attempt.percent) == (Decimal("1.000"), Decimal("3.000"), Decimal("33.3"))
    slots = list(attempt.slots.order_by("position"))
    assert [slot.fraction for slot in slots] == [1, 0, 0]
    assert [slot.question_id for slot in slots] == [frozen["question"] for frozen in game.questions]
    assert slots[2].response is None and slots[0].response == right_key(game, 0)
    assert slots[0].order == game.questions[0]["order"]  # the review shows the options as the game did
    assert Player.objects.get(pk=me.pk).attempt == attempt
    # Guests have no account, hence no attempt.
    assert Attempt.objects.count() == 1


def test_finishing_again_or_after_a_restart_records_nothing_twice(game, join):
    amal = factories.learner()
    me, _ = join(game, "", user=amal)
    game = _play(game, {me: ["right", "right", "right"]})
    services.game_end(game=Game.objects.get(pk=game.pk), now=NOW + timedelta(hours=1))
    from games.results import game_record_attempts

    assert game_record_attempts(game=Game.objects.get(pk=game.pk), positions=[0, 1, 2], now=NOW) == 0
    assert Attempt.objects.filter(learner=amal).count() == 1


def test_a_skipped_question_is_left_out_and_an_ended_open_question_does_not_count(game, join):
    amal = factories.learner()
    me, _ = join(game, "", user=amal)
    # Position 1 is skipped; the game ends while position 2 is open (never revealed).
    game = _play(game, {me: ["right", "right", "right"]}, skip={1}, end_at=2)
    attempt = Attempt.objects.get(learner=amal)
    assert [slot.question_id for slot in attempt.slots.order_by("position")] == [game.questions[0]["question"]]
    assert (attempt.score, attempt.max_score) == (Decimal("1.000"), Decimal("1.000"))


def test_a_game_ended_in_the_lobby_records_no_attempt(game, join):
    me, _ = join(game, "", user=factories.learner())
    services.game_end(game=game, now=NOW)
    assert not Attempt.objects.exists()


def test_a_partly_right_answer_keeps_its_fraction(make_game, host, join):
    from quizzes.models import QuizQuestion
    from quizzes.question_types import registry

    quiz = factories.quiz(questions=0, owner=host, shuffle_choices=False)
    definitions = {d.qtype: d for d in factories.definitions_of_every_type()}
    QuizQuestion.objects.create(quiz=quiz, position=0, question=factories.question(definition=definitions["ordering"]))
    game = make_game(quiz)
    me, _ = join(game, "", user=factories.learner())
    game = services.game_start(game=game, now=NOW)
    qtype, definition = game.question_type(), game.definition()
    key = list(qtype.correct_response(definition))
    swapped = [key[1], key[0], *key[2:]]  # two items swapped: partly right
    answer = services.game_answer(player=me, position=0, raw=swapped, now=NOW + timedelta(seconds=2))
    assert 0 < answer.fraction < 1
    services.game_reveal(game=game, now=NOW + timedelta(seconds=5))
    services.game_next(game=Game.objects.get(pk=game.pk), now=NOW + timedelta(seconds=9))
    slot = Attempt.objects.get().slots.get()
    assert slot.fraction == answer.fraction
    assert Decimal(registry.get("ordering").grade(definition, swapped).numerator) / registry.get("ordering").grade(
        definition, swapped).denominator == pytest.approx(slot.fraction)


def test_the_attempt_counts_in_the_gradebook_mastery_and_spaced_review(make_game, choice_quiz, host, join):
    from progress.services import mastery_by_event_and_topic, review_cards_sync

    from quizzes.models import ReviewTiming

    choice_quiz.review_right_answers = ReviewTiming.IMMEDIATELY  # the keys are out, so the answers reach the cards
    choice_quiz.save()
    classroom = Classroom.objects.create(name="10A", teacher=host, join_code="GAMEAB")
    amal = factories.learner()
    Membership.objects.create(classroom=classroom, learner=amal, joined_at=NOW)
    assignment = Assignment.objects.create(classroom=classroom, quiz=choice_quiz, opens_at=NOW - timedelta(days=1),
                                           due_at=NOW + timedelta(days=3))
    event = factories.event()
    from quizzes.models import Question

    for question in Question.objects.filter(pk__in=choice_quiz.fixed_questions.values("question_id")):
        question.events.add(event)
    game = make_game(choice_quiz, classroom=classroom)
    me, _ = join(game, "", user=amal)
    _play(game, {me: ["right", "right", "wrong"]})
    later = NOW + timedelta(hours=1)
    result = assignment_results(assignments=[assignment], learner_ids=[amal.pk], now=later)[(amal.pk, assignment.pk)]
    assert result.percent == Decimal("66.7")
    per_event, _per_topic = mastery_by_event_and_topic(amal, now=later)
    assert [(m.key, m.answers) for m in per_event] == [(event.slug, 3)]
    assert review_cards_sync(learner=amal, now=later) == 3  # the game's three answers, now in the cards
    assert amal.review_cards.count() == 3


def test_finishing_runs_a_bounded_number_of_queries_whatever_the_players(game, join, django_assert_max_num_queries):
    players = [join(game, "", user=factories.learner())[0] for _ in range(6)]
    opened = NOW
    game = services.game_start(game=game, now=opened)
    for position in range(game.question_count):
        for player in players:
            services.game_answer(player=player, position=position, raw=right_key(game), now=opened + timedelta(seconds=1))
        game = services.game_reveal(game=game, now=opened + timedelta(seconds=5))
        if position < game.question_count - 1:
            game = services.game_next(game=game, now=opened + timedelta(seconds=6))
            opened += timedelta(seconds=6)
    # Per player, whatever the number of questions: the attempt's number, its savepoint and row, its slots and their
    # steps (7); and a handful for the game (its lock, the players with their answers, the questions, the links).
    with django_assert_max_num_queries(7 * len(players) + 8):
        services.game_next(game=game, now=NOW + timedelta(hours=1))
    assert Attempt.objects.filter(from_live_game=True).count() == 6
