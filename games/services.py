"""Hosting, joining and running a live game: each step one keyword-only function inside a transaction.

The host's steps lock the game's row, so two of them (a click on "Reveal" as the countdown runs out) are
applied one after the other, and each finds the state the other left; a step that no longer applies is
a no-op or refused with a message. An answer locks the row too, so it is either in before the reveal
counts the scores or refused as late. The time an answer arrives is the server's (`now`), never the
phone's: an answer after the question's deadline is refused.

These functions only change rows; views and consumers tell the connected screens (`games.events`).
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from classrooms.models import Accommodation, Classroom
from games import scoring
from games.models import (
    MAX_TEAMS,
    NICKNAME_MAX_LENGTH,
    NICKNAME_MIN_LENGTH,
    Game,
    GameState,
    Player,
    PlayerAnswer,
    Scoring,
    nickname_key,
    pin_generate,
    token_hash,
)
from quizzes import definitions as defs
from quizzes.models import Question, Quiz, Visibility
from quizzes.services.attempts import AttemptRefused, draw_questions, frozen_order

# How many PINs are tried before giving up (a million PINs, a few hundred running games at most).
PIN_TRIES = 20


class GameRefused(Exception):
    """The step cannot be taken now; the message says why, in the user's language."""


# --- hosting -------------------------------------------------------------------------------------
def quizzes_hostable_by(user):
    """The quizzes `user` may host: a teacher's own (a superuser's: any), never a learner's practice quiz."""
    if not user.is_authenticated or not user.is_teacher:
        return Quiz.objects.none()
    return Quiz.objects.visible_to(user).filter(practice_for__isnull=True)


def classes_for_games(user):
    return Classroom.objects.taught_by(user).active()


def game_questions(*, quiz: Quiz, rng: random.Random) -> tuple[list[dict], list[str]]:
    """Freeze the quiz's questions for a game: ([{"question", "snapshot", "order"}], problems).

    Problems name each question whose type cannot be played live; text blocks are left out silently.
    """
    from quizzes.question_types import registry

    try:
        picks = draw_questions(quiz=quiz, rng=rng)
    except AttemptRefused as refused:
        return [], [str(refused)]
    snapshots = Question.objects.snapshots([pk for pk, _points in picks])
    frozen, problems = [], []
    for pk, points in picks:
        snapshot = snapshots[pk]
        definition = defs.from_json(snapshot)
        qtype = registry.get(definition.qtype)
        if not qtype.is_graded:
            continue
        # A type says whether a phone can answer it within the time limit (`playable_live`: not an essay).
        if not (qtype.playable_live and qtype.grades_automatically):
            problems.append(_("“%(name)s” is a question of type %(type)s, which cannot be answered on a phone "
                              "within a time limit.") % {"name": definition.name or pk, "type": qtype.label})
            continue
        frozen.append({"question": pk, "snapshot": snapshot, "points": str(points if points is not None
                                                                          else definition.points),
                       "order": frozen_order(definition, rng, shuffle=quiz.shuffle_choices)})
    if quiz.shuffle_questions:
        rng.shuffle(frozen)
    if not frozen and not problems:
        problems.append(_("This quiz has no questions yet."))
    return frozen, problems


@transaction.atomic
def game_host(*, quiz: Quiz, host, now: datetime, classroom: Classroom | None = None,
              scoring_mode: str = Scoring.FAIR, teams: int = 0, seconds_per_question: int = 30,
              seed: int | None = None) -> Game:
    """Open a game of `quiz` in the lobby, with its questions frozen, under a PIN no running game has."""
    if not quizzes_hostable_by(host).filter(pk=quiz.pk).exists():
        raise GameRefused(_("You may host only your own quizzes."))
    if classroom is not None and not classes_for_games(host).filter(pk=classroom.pk).exists():
        raise GameRefused(_("You may host a game only for a class you teach."))
    if not 0 <= teams <= MAX_TEAMS or teams == 1:
        raise GameRefused(_("Choose between 2 and %(most)d teams, or none.") % {"most": MAX_TEAMS})
    questions, problems = game_questions(quiz=quiz, rng=random.Random(seed if seed is not None else secrets.randbits(48)))
    if problems:
        raise GameRefused(" ".join(problems))
    for _try in range(PIN_TRIES):
        try:
            with transaction.atomic():
                return Game.objects.create(
                    pin=pin_generate(), quiz=quiz, host=host, classroom=classroom, scoring=scoring_mode,
                    teams=teams, seconds_per_question=seconds_per_question, questions=questions,
                )
        except IntegrityError:
            continue  # a running game has this PIN: draw another
    raise GameRefused(_("No free PIN was found; please try again."))


# --- joining -------------------------------------------------------------------------------------
def nickname_clean(typed: str) -> str:
    """Return a guest's nickname as shown, or raise ValidationError: invisible and control characters (bidi
    overrides too, which would turn the projector's list around) are dropped and spaces collapsed."""
    kept = "".join(character for character in str(typed or "")
                   if character.isprintable() and character not in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                   "\u2066\u2067\u2068\u2069\u061c")
    nickname = " ".join(kept.split())
    if len(nickname) < NICKNAME_MIN_LENGTH:
        raise ValidationError(_("Choose a nickname of at least %(least)d characters."), code="too_short",
                              params={"least": NICKNAME_MIN_LENGTH})
    if len(nickname) > NICKNAME_MAX_LENGTH:
        raise ValidationError(_("Choose a nickname of at most %(most)d characters."), code="too_long",
                              params={"most": NICKNAME_MAX_LENGTH})
    return nickname


def _smallest_team(game: Game) -> int | None:
    if not game.has_teams:
        return None
    sizes = dict(game.players.playing().exclude(team=None).values_list("team").annotate(n=Count("pk")))
    return min(range(1, game.teams + 1), key=lambda team: (sizes.get(team, 0), team))


@transaction.atomic
def game_join(*, game: Game, now: datetime, nickname: str = "", user=None) -> tuple[Player, str]:
    """Add a player to `game` and return it with its rejoin token (kept only in the player's cookie).

    A signed-in learner plays under their name, and joining again (another phone, a lost cookie) returns
    their player with a new token, score and answers kept. A guest chooses a nickname no other player of
    the game has. A game for a class admits only its members.
    """
    game = _locked(game)  # its state as it is now; joins one at a time, so teams stay even
    if game.is_finished:
        raise GameRefused(_("This game has ended."))
    token = Player.new_token()
    signed_in = user is not None and user.is_authenticated
    if signed_in:
        existing = game.players.filter(user=user).first()
        if existing is not None:
            if existing.removed:
                raise GameRefused(_("The host removed you from this game."))
            existing.token_hash = token_hash(token)
            existing.save(update_fields=["token_hash"])
            return existing, token
        if game.classroom_id and not game.classroom.memberships.filter(learner=user).exists():
            raise GameRefused(_("This game is for a class you are not in."))
        # Not for one class: the quiz's own visibility decides, by the rule every quiz page uses (issue 13).
        if not game.classroom_id and not Quiz.objects.available_to(user).filter(pk=game.quiz_id).exists():
            raise GameRefused(_("This game's quiz is only for the classes it is assigned to."))
        names = [(user.get_full_name() or user.get_username())[:NICKNAME_MAX_LENGTH]]
        names += [f"{names[0][:NICKNAME_MAX_LENGTH - 3]} {number}" for number in range(2, 10)]
    else:
        if game.classroom_id:
            raise GameRefused(_("This game is for a class: log in to join it."))
        if game.quiz.visibility == Visibility.CLASS_ONLY:
            raise GameRefused(_("This game's quiz is only for the classes it is assigned to: log in to join it."))
        names = [nickname_clean(nickname)]
    for name in names:
        if game.players.filter(nickname_key=nickname_key(name)).exists():
            continue
        try:
            with transaction.atomic():
                player = Player.objects.create(
                    game=game, nickname=name, nickname_key=nickname_key(name), user=user if signed_in else None,
                    token_hash=token_hash(token), team=_smallest_team(game) if game.state != GameState.LOBBY else None,
                    joined_at=now,
                )
            return player, token
        except IntegrityError:
            continue  # someone took it at the same moment
    raise GameRefused(_("Another player in this game already has that nickname; please choose another."))


def player_for_token(*, game: Game, token: str) -> Player | None:
    """The player whose rejoin token this is (a removed player: still found, to be told so)."""
    if not token:
        return None
    return game.players.filter(token_hash=token_hash(token)).first()


@transaction.atomic
def player_remove(*, player: Player) -> Player:
    player.removed = True
    player.save(update_fields=["removed"])
    return player


@transaction.atomic
def player_set_team(*, player: Player, team: int | None) -> Player:
    if team is not None and not 1 <= team <= player.game.teams:
        raise GameRefused(_("There is no such team."))
    player.team = team
    player.save(update_fields=["team"])
    return player


# --- running ---------------------------------------------------------------------------------------
def _locked(game: Game) -> Game:
    return Game.objects.select_for_update().get(pk=game.pk)


def _open_question(game: Game, position: int, now: datetime) -> None:
    game.state = GameState.QUESTION
    game.position = position
    game.question_started_at = now
    game.deadline = now + game.time_limit
    game.paused_remaining = None


@transaction.atomic
def game_start(*, game: Game, now: datetime) -> Game:
    """From the lobby to the first question; in team mode, players the host has not placed get a team at
    random, so the teams differ in size by one at most."""
    game = _locked(game)
    if game.state != GameState.LOBBY:
        return game
    players = list(game.players.playing())
    if not players:
        raise GameRefused(_("Wait for at least one player to join."))
    if game.has_teams:
        unplaced = [player for player in players if player.team is None]
        random.SystemRandom().shuffle(unplaced)
        sizes = {team: 0 for team in range(1, game.teams + 1)}
        for player in players:
            if player.team is not None:
                sizes[player.team] += 1
        for player in unplaced:
            player.team = min(sizes, key=lambda team: (sizes[team], team))
            sizes[player.team] += 1
        Player.objects.bulk_update(unplaced, ["team"])
    _open_question(game, 0, now)
    game.save()
    return game


@transaction.atomic
def game_answer(*, player: Player, position: int, now: datetime, raw=None, form=None) -> PlayerAnswer:
    """Record `player`'s one answer to the question at `position`, graded by its type, if it arrives in time:
    the type's raw answer, or the posted answer form (`form`, a QueryDict), which the open question's type reads.
    `player.game` is the game as locked here, afterwards."""
    game = _locked(Game(pk=player.game_id))
    player.game = game
    if player.removed:
        raise GameRefused(_("The host removed you from this game."))
    if position != game.position or not game.accepts_answers(now):
        raise GameRefused(_("Time is up: this question is closed."))
    qtype, definition = game.question_type(), game.definition()
    if form is not None:
        raw = qtype.raw_from_form(form, "response")
    try:
        response = qtype.clean_response(definition, raw)
    except ValidationError as error:
        raise GameRefused(" ".join(error.messages)) from None
    if not qtype.is_answered(response):
        raise GameRefused(_("Choose or type an answer first."))
    fraction = Fraction(qtype.grade(definition, response))
    elapsed = now - game.question_started_at
    points = scoring.answer_points(player_scoring(game, player), fraction, elapsed=elapsed,
                                   limit=game.time_limit, streak=player.streak)
    try:
        with transaction.atomic():
            return PlayerAnswer.objects.create(player=player, position=position, response=response,
                                               fraction=_decimal(fraction), points=points, answered_at=now,
                                               elapsed=elapsed)
    except IntegrityError:
        raise GameRefused(_("You have already answered this question.")) from None


def player_scoring(game: Game, player: Player) -> str:
    """The scoring `player`'s answers earn: the game's, or fair when their accommodation says so in the game's class
    (in any class of the host's when the game has none)."""
    if game.scoring == Scoring.FAIR or player.user_id is None:
        return game.scoring
    classes = {"membership__classroom_id": game.classroom_id} if game.classroom_id else {
        "membership__classroom__teacher_id": game.host_id}
    forced = Accommodation.objects.filter(membership__learner_id=player.user_id, fair_scoring=True, **classes)
    return Scoring.FAIR if forced.exists() else game.scoring


def _decimal(fraction: Fraction) -> Decimal:
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001"))


def everyone_answered(game: Game) -> bool:
    """Whether every player still in the game answered the open question (asked after every answer: one query)."""
    playing, unanswered = game.players_still_to_answer()
    return playing > 0 and unanswered == 0


@transaction.atomic
def game_reveal(*, game: Game, now: datetime) -> Game:
    """Close the current question (early, or when its time is up) and count its answers into the scores:
    a fully right answer lengthens the player's streak, anything else ends it."""
    game = _locked(game)
    if game.state != GameState.QUESTION:
        return game
    answers = {answer.player_id: answer for answer in
               PlayerAnswer.objects.filter(player__game=game, position=game.position)}
    players = list(game.players.all())
    for player in players:
        answer = answers.get(player.pk)
        player.score += answer.points if answer else 0
        player.streak = player.streak + 1 if answer and answer.fraction == 1 else 0
    Player.objects.bulk_update(players, ["score", "streak"])
    game.state = GameState.REVEAL
    game.deadline = min(game.deadline, now) if game.deadline else now
    game.paused_remaining = None
    game.save()
    return game


def game_close_if_everyone_answered(*, game: Game, now: datetime) -> bool:
    """Reveal the question as soon as every player still in the game has answered it; return whether it did."""
    if game.state == GameState.QUESTION and everyone_answered(game):
        game_reveal(game=game, now=now)
        return True
    return False


@transaction.atomic
def game_leaderboard(*, game: Game, now: datetime) -> Game:
    game = _locked(game)
    if game.state == GameState.REVEAL:
        game.state = GameState.LEADERBOARD
        game.save(update_fields=["state"])
    return game


def _finish(game: Game, now: datetime) -> None:
    """Finish the game (under its row's lock) and record each signed-in player's answers as an attempt."""
    from games.results import game_record_attempts

    # The open question of a game ended early was never revealed: it counts for nobody.
    counted = game.position + 1 if game.state in (GameState.REVEAL, GameState.LEADERBOARD) else game.position
    game.state = GameState.FINISHED
    game.deadline = None
    game.paused_remaining = None
    game.finished_at = now
    game_record_attempts(game=game, positions=[p for p in range(max(counted, 0)) if p not in game.skipped], now=now)


@transaction.atomic
def game_next(*, game: Game, now: datetime) -> Game:
    """After a reveal or the leaderboard: the next question, or the podium after the last."""
    game = _locked(game)
    if game.state not in (GameState.REVEAL, GameState.LEADERBOARD):
        return game
    if game.is_last_question:
        _finish(game, now)
    else:
        _open_question(game, game.position + 1, now)
    game.save()
    return game


@transaction.atomic
def game_skip(*, game: Game, now: datetime) -> Game:
    """Drop the open question: its answers count for nobody, and the game goes on to the next one."""
    game = _locked(game)
    if game.state != GameState.QUESTION:
        return game
    PlayerAnswer.objects.filter(player__game=game, position=game.position).delete()
    game.skipped = [*game.skipped, game.position]
    if game.is_last_question:
        _finish(game, now)
    else:
        _open_question(game, game.position + 1, now)
    game.save()
    return game


@transaction.atomic
def game_pause(*, game: Game, now: datetime) -> Game:
    """Stop the clock: no answer is taken until the host resumes, with the time that was left."""
    game = _locked(game)
    if game.state == GameState.QUESTION and not game.is_paused and game.deadline:
        game.paused_remaining = max(game.deadline - now, timedelta(0))
        game.deadline = None
        game.save()
    return game


@transaction.atomic
def game_resume(*, game: Game, now: datetime) -> Game:
    game = _locked(game)
    if game.is_paused:
        game.deadline = now + game.paused_remaining
        game.paused_remaining = None
        game.save()
    return game


@transaction.atomic
def game_end(*, game: Game, now: datetime) -> Game:
    """End the game at once (the podium shows the scores counted so far)."""
    game = _locked(game)
    if not game.is_finished:
        _finish(game, now)
        game.save()
    return game


# The host's commands by name, as the host screen's buttons send them (views and the host's socket).
HOST_COMMANDS = {
    "start": game_start, "reveal": game_reveal, "leaderboard": game_leaderboard, "next": game_next,
    "skip": game_skip, "pause": game_pause, "resume": game_resume, "end": game_end,
}


def game_command(*, game: Game, command: str, now: datetime) -> Game:
    """Apply the host's `command` (a key of HOST_COMMANDS); an unknown one is refused."""
    try:
        step = HOST_COMMANDS[command]
    except KeyError:
        raise GameRefused(_("Unknown command.")) from None
    return step(game=game, now=now)
