"""Hosting, joining and running a live game (games.services), on the server's clock."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from games import screens, services
from games.models import Game, GameState, Player, PlayerAnswer, Scoring, token_hash
from tests import factories
from tests.games.conftest import NOW, right_key, wrong_key

pytestmark = pytest.mark.django_db


# --- hosting -------------------------------------------------------------------------------------
def test_hosting_freezes_the_questions_with_one_option_order_and_opens_the_lobby(make_game, quiz):
    game = make_game(quiz)
    assert game.state == GameState.LOBBY and game.position == -1
    assert len(game.pin) == 6 and game.pin.isdigit()
    assert [item["snapshot"]["qtype"] for item in game.questions] == [
        "single_choice", "multiple_response", "true_false", "short_answer", "numerical", "matching", "ordering"]
    # An edit of the bank after hosting changes nothing in the game.
    question = quiz.fixed_questions.get(position=0).question
    frozen_text = game.definition(0).text
    question.text_en = "<p>Edited</p>"
    question.save()
    assert Game.objects.get(pk=game.pk).definition(0).text == frozen_text != {"ar": question.text_ar, "en": "<p>Edited</p>"}


def test_only_the_quizs_owner_who_is_a_teacher_may_host_it(make_game, quiz):
    other = factories.teacher()
    with pytest.raises(services.GameRefused):
        make_game(quiz, host=other)
    learner = factories.learner()
    with pytest.raises(services.GameRefused):
        make_game(quiz, host=learner)
    superuser = factories.user(is_superuser=True)
    assert make_game(quiz, host=superuser).host == superuser


def test_a_game_for_a_class_must_be_for_a_class_the_host_teaches(make_game, choice_quiz, host):
    from classrooms.models import Classroom

    someone_elses = Classroom.objects.create(name="10B", teacher=factories.teacher(), join_code="ACDEFG")
    with pytest.raises(services.GameRefused):
        make_game(choice_quiz, classroom=someone_elses)
    mine = Classroom.objects.create(name="10A", teacher=host, join_code="ACDEFH")
    assert make_game(choice_quiz, classroom=mine).classroom == mine


def test_a_quiz_with_an_essay_is_refused_at_hosting_with_the_reason(make_game, host):
    from quizzes.models import Quiz, QuizQuestion

    quiz = Quiz.objects.create(owner=host, title_en="Essay", is_published=True)
    bank = factories.bank(owner=host)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(bank_obj=bank, definition=factories.essay_def()),
                                position=0)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(bank_obj=bank), position=1)
    with pytest.raises(services.GameRefused, match="Why Mexico"):
        make_game(quiz)


def test_a_description_is_left_out_of_the_game(make_game, host):
    from quizzes.models import Quiz, QuizQuestion

    quiz = Quiz.objects.create(owner=host, title_en="Text", is_published=True)
    bank = factories.bank(owner=host)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(bank_obj=bank, definition=factories.description_def()),
                                position=0)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(bank_obj=bank), position=1)
    assert [item["snapshot"]["qtype"] for item in make_game(quiz).questions] == ["single_choice"]


def test_no_two_running_games_share_a_pin_but_a_finished_one_frees_it(game, make_game, choice_quiz):
    with pytest.raises(IntegrityError), transaction.atomic():
        Game.objects.create(pin=game.pin, quiz=choice_quiz, host=game.host)
    services.game_end(game=game, now=NOW)
    assert Game.objects.create(pin=game.pin, quiz=choice_quiz, host=game.host).pin == game.pin


def test_hosting_draws_another_pin_when_a_running_game_has_it(make_game, choice_quiz, monkeypatch):
    first = make_game(choice_quiz)
    pins = iter([first.pin, "654321"])
    monkeypatch.setattr(services, "pin_generate", lambda: next(pins))
    assert make_game(choice_quiz).pin == "654321"


# --- joining -------------------------------------------------------------------------------------
def test_a_guest_joins_with_a_nickname_and_a_token_kept_only_as_its_hash(game, join):
    player, token = join(game, "  Amal   Z  ")
    assert player.nickname == "Amal Z"
    assert player.token_hash == token_hash(token) and token not in player.token_hash
    assert services.player_for_token(game=game, token=token) == player
    assert services.player_for_token(game=game, token="forged") is None


def test_a_taken_nickname_is_refused_whatever_its_case_or_spelling(game, join):
    join(game, "Amal")
    with pytest.raises(services.GameRefused, match="already has that nickname"):
        join(game, "AMAL")
    join(game, "أحمد")
    with pytest.raises(services.GameRefused):
        join(game, "احمد")  # the same name without its hamza


@pytest.mark.parametrize("typed", ["", "a", "x" * 21, "\u202e\u202e"])
def test_a_nickname_too_short_or_too_long_is_refused(game, join, typed):
    with pytest.raises(Exception) as refused:
        join(game, typed)
    assert "nickname" in str(refused.value).lower()


def test_bidi_overrides_are_dropped_from_a_nickname(game, join):
    player, _token = join(game, "\u202eAmal\u202c")
    assert player.nickname == "Amal"


def test_a_signed_in_learner_plays_under_their_name_and_joining_again_keeps_their_player(game, join):
    learner = factories.learner(username="salma", first_name="Salma", last_name="H")
    player, first = join(game, "ignored", user=learner)
    assert player.nickname == "Salma H"
    again, second = join(game, "", user=learner)
    assert again.pk == player.pk and first != second
    assert services.player_for_token(game=game, token=first) is None  # the old phone's token no longer works


def test_a_game_for_a_class_admits_only_its_members(make_game, choice_quiz, host, join):
    from classrooms.models import Classroom, Membership

    classroom = Classroom.objects.create(name="10A", teacher=host, join_code="ACDEFG")
    game = make_game(choice_quiz, classroom=classroom)
    with pytest.raises(services.GameRefused, match="log in"):
        join(game, "Guest")
    outsider = factories.learner()
    with pytest.raises(services.GameRefused, match="not in"):
        join(game, "", user=outsider)
    member = factories.learner()
    Membership.objects.create(classroom=classroom, learner=member, joined_at=NOW)
    assert join(game, "", user=member)[0].user == member


def test_a_game_of_a_class_only_quiz_follows_the_quizs_visibility(make_game, choice_quiz, host, join):
    """Not hosted for one class, a class-only quiz's game admits whom the quiz pages admit (issue 13)."""
    from datetime import timedelta

    from classrooms.models import Assignment, Classroom, Membership
    from quizzes.models import Visibility

    choice_quiz.visibility = Visibility.CLASS_ONLY
    choice_quiz.save(update_fields=["visibility"])
    classroom = Classroom.objects.create(name="10B", teacher=host, join_code="BCDEFG")
    Assignment.objects.create(classroom=classroom, quiz=choice_quiz, opens_at=NOW - timedelta(days=1),
                              due_at=NOW + timedelta(days=1))
    game = make_game(choice_quiz)
    with pytest.raises(services.GameRefused, match="only for the classes"):
        join(game, "Guest")
    with pytest.raises(services.GameRefused, match="only for the classes"):
        join(game, "", user=factories.learner())
    member = factories.learner()
    Membership.objects.create(classroom=classroom, learner=member, joined_at=NOW)
    assert join(game, "", user=member)[0].user == member


def test_nobody_joins_a_finished_game(game, join):
    services.game_end(game=game, now=NOW)
    with pytest.raises(services.GameRefused):
        join(game, "Late")


# --- running ---------------------------------------------------------------------------------------
def test_a_game_needs_a_player_to_start(game):
    with pytest.raises(services.GameRefused):
        services.game_start(game=game, now=NOW)


def test_a_full_round_counts_the_grade_times_1000_at_the_reveal(game, join):
    amal, _ = join(game, "Amal")
    badr, _ = join(game, "Badr")
    game = services.game_start(game=game, now=NOW)
    assert (game.state, game.position, game.deadline) == (GameState.QUESTION, 0, NOW + timedelta(seconds=30))
    services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW + timedelta(seconds=25))
    services.game_answer(player=badr, position=0, raw=wrong_key(game), now=NOW + timedelta(seconds=1))
    amal.refresh_from_db()
    assert amal.score == 0  # nothing counts before the reveal
    game = services.game_reveal(game=game, now=NOW + timedelta(seconds=26))
    amal.refresh_from_db(), badr.refresh_from_db()
    assert (amal.score, amal.streak, badr.score, badr.streak) == (1000, 1, 0, 0)
    assert game.state == GameState.REVEAL
    game = services.game_reveal(game=game, now=NOW + timedelta(seconds=27))  # a second click changes nothing
    amal.refresh_from_db()
    assert amal.score == 1000
    game = services.game_leaderboard(game=game, now=NOW)
    game = services.game_next(game=game, now=NOW + timedelta(minutes=1))
    assert (game.state, game.position) == (GameState.QUESTION, 1)
    game = services.game_skip(game=game, now=NOW + timedelta(minutes=2))
    assert game.position == 2
    services.game_reveal(game=game, now=NOW + timedelta(minutes=3))
    game = services.game_next(game=Game.objects.get(pk=game.pk), now=NOW + timedelta(minutes=4))
    assert game.state == GameState.FINISHED and game.finished_at


def test_an_answer_after_the_deadline_is_refused_by_the_servers_clock(game, join):
    amal, _ = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    with pytest.raises(services.GameRefused, match="Time is up"):
        services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW + timedelta(seconds=31))
    assert services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW + timedelta(seconds=30))


def test_one_answer_per_player_per_question(game, join):
    amal, _ = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    services.game_answer(player=amal, position=0, raw=wrong_key(game), now=NOW)
    with pytest.raises(services.GameRefused, match="already answered"):
        services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlayerAnswer.objects.create(player=amal, position=0, response=None, fraction=1, answered_at=NOW)


def test_an_answer_to_another_question_or_naming_no_option_is_refused(game, join):
    amal, _ = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    with pytest.raises(services.GameRefused):
        services.game_answer(player=amal, position=1, raw=right_key(game), now=NOW)
    with pytest.raises(services.GameRefused):
        services.game_answer(player=amal, position=0, raw="no-such-key", now=NOW)
    with pytest.raises(services.GameRefused):
        services.game_answer(player=amal, position=0, raw="", now=NOW)


def test_pausing_stops_the_clock_and_resuming_gives_back_the_time_left(game, join):
    amal, _ = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    game = services.game_pause(game=game, now=NOW + timedelta(seconds=10))
    assert game.is_paused and game.seconds_left(NOW + timedelta(hours=1)) == 20
    with pytest.raises(services.GameRefused):
        services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW + timedelta(seconds=11))
    game = services.game_resume(game=game, now=NOW + timedelta(minutes=5))
    assert game.deadline == NOW + timedelta(minutes=5, seconds=20)
    assert services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW + timedelta(minutes=5, seconds=19))


def test_the_question_closes_when_every_player_has_answered(game, join):
    amal, _ = join(game, "Amal")
    badr, _ = join(game, "Badr")
    game = services.game_start(game=game, now=NOW)
    services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW)
    assert not services.game_close_if_everyone_answered(game=game, now=NOW)
    services.player_remove(player=badr)  # a removed player is not waited for
    assert services.game_close_if_everyone_answered(game=game, now=NOW)
    assert Game.objects.get(pk=game.pk).state == GameState.REVEAL


def test_a_removed_player_cannot_answer(game, join):
    amal, _ = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    services.player_remove(player=amal)
    with pytest.raises(services.GameRefused, match="removed"):
        services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW)


def test_classic_scoring_rewards_speed_and_streaks(make_game, choice_quiz, join):
    game = make_game(choice_quiz, scoring_mode=Scoring.CLASSIC, seconds_per_question=20)
    amal, _ = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW + timedelta(seconds=10))
    game = services.game_next(game=services.game_reveal(game=game, now=NOW + timedelta(seconds=11)), now=NOW + timedelta(minutes=1))
    amal.refresh_from_db()
    assert (amal.score, amal.streak) == (750, 1)
    answer = services.game_answer(player=amal, position=1, raw=right_key(game), now=NOW + timedelta(minutes=1))
    assert answer.points == 1100  # at once, with one right answer before it
    game = services.game_next(game=services.game_reveal(game=game, now=NOW + timedelta(minutes=1, seconds=1)), now=NOW + timedelta(minutes=2))
    services.game_answer(player=amal, position=2, raw=wrong_key(game), now=NOW + timedelta(minutes=2))
    services.game_reveal(game=game, now=NOW + timedelta(minutes=2, seconds=1))
    amal.refresh_from_db()
    assert (amal.score, amal.streak) == (1850, 0)


def test_teams_are_filled_at_random_evenly_and_score_the_mean_of_their_members(make_game, choice_quiz, join):
    game = make_game(choice_quiz, teams=2)
    players = [join(game, name)[0] for name in ("Amal", "Badr", "Carim", "Dina", "Eyad")]
    services.player_set_team(player=players[0], team=2)
    game = services.game_start(game=game, now=NOW)
    teams = sorted(Player.objects.filter(game=game).values_list("team", flat=True))
    assert teams.count(1) in (2, 3) and teams.count(2) in (2, 3) and Player.objects.get(pk=players[0].pk).team == 2
    for player in Player.objects.filter(game=game, team=1):
        services.game_answer(player=player, position=0, raw=right_key(game), now=NOW)
    services.game_reveal(game=game, now=NOW)
    standings = screens.team_standings(game, screens.ranked_players(game))
    assert standings[0] == {"team": 1, "score": 1000, "members": teams.count(1), "shape": "triangle"}
    assert standings[1]["score"] == 0
    late, _ = join(game, "Late")
    assert late.team in (1, 2)  # a late joiner goes to the smaller team


def test_a_team_number_outside_the_game_is_refused(make_game, choice_quiz, join):
    game = make_game(choice_quiz, teams=2)
    amal, _ = join(game, "Amal")
    with pytest.raises(services.GameRefused):
        services.player_set_team(player=amal, team=3)


def test_an_unknown_host_command_is_refused(game):
    with pytest.raises(services.GameRefused):
        services.game_command(game=game, command="delete_everything", now=NOW)


def test_a_restarted_server_resumes_at_the_current_question_from_the_database_alone(game, join):
    """Nothing of the game is kept in a process: reading the rows again gives the same screens."""
    amal, token = join(game, "Amal")
    game = services.game_start(game=game, now=NOW)
    services.game_answer(player=amal, position=0, raw=right_key(game), now=NOW)
    game = services.game_next(game=services.game_reveal(game=game, now=NOW), now=NOW + timedelta(seconds=40))
    services.game_answer(player=amal, position=1, raw=wrong_key(game, 1), now=NOW + timedelta(seconds=41))
    # "Restart": forget every object, then find the player by the token in their cookie.
    fresh_game = Game.objects.get(pin=game.pin, state=GameState.QUESTION)
    player = services.player_for_token(game=fresh_game, token=token)
    assert (fresh_game.position, player.score) == (1, 1000)
    assert fresh_game.accepts_answers(NOW + timedelta(seconds=50))
    html = screens.player_screen(player, fresh_game, now=NOW + timedelta(seconds=50), language="en")
    assert "Answer received" in html and "wrong 1a" in html  # their answer to the current question is kept
