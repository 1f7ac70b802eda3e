"""A live classroom game: a teacher runs a quiz on the projector, players answer on their phones.

A `Game` freezes its questions when it is hosted (the question snapshots attempts freeze, with one option
order for the whole room, so the projector and every phone list the options alike), and walks through
explicit states: the lobby, then for each question the question itself and its reveal (and, between two
questions, the leaderboard), then finished. Everything the game needs to go on lives in these rows: the
position, the question's deadline on the server's clock, the players' scores and their answers, so a
server restart resumes the game where it stood (the channel layer only carries "something changed").
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilingual.folding import normalise
from quizzes import definitions as defs
from quizzes.question_types import registry

PIN_LENGTH = 6
NICKNAME_MAX_LENGTH = 20
NICKNAME_MIN_LENGTH = 2
# Teams are named by number and told apart by colour and shape, like the options.
MAX_TEAMS = 6


def pin_generate() -> str:
    """Return a random six-digit PIN (not checked against running games)."""
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def pin_clean(typed: str) -> str:
    """Return the PIN a player typed, digits only: spaces are ignored and Arabic-Indic digits become ASCII."""
    return "".join(character for character in normalise(typed or "") if character.isdigit())


def token_hash(token: str) -> str:
    """The stored form of a rejoin token: the token itself is only ever in the player's cookie."""
    return hashlib.sha256(token.encode()).hexdigest()


def nickname_key(nickname: str) -> str:
    """What makes two nicknames the same in one game: case, accents and Arabic spelling variants aside."""
    return normalise(nickname)


class GameState(models.TextChoices):
    LOBBY = "lobby", _("waiting for players")
    QUESTION = "question", _("question open")
    REVEAL = "reveal", _("answer shown")
    LEADERBOARD = "leaderboard", _("leaderboard")
    FINISHED = "finished", _("finished")


class Scoring(models.TextChoices):
    FAIR = "fair", _("fair: accuracy only, no speed or streak bonus")
    CLASSIC = "classic", _("classic: faster right answers earn more, plus a streak bonus")


class GameQuerySet(models.QuerySet):
    def running(self):
        return self.exclude(state=GameState.FINISHED)

    def hosted_by(self, user):
        """Games whose host screen and controls `user` may use (a superuser: all)."""
        if user.is_superuser:
            return self
        return self.filter(host=user)


class Game(models.Model):
    pin = models.CharField(_("PIN"), max_length=PIN_LENGTH, editable=False)
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="games", verbose_name=_("quiz"))
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="games_hosted",
                             verbose_name=_("host"))
    # For a class: only its members may join, and they play under their names.
    classroom = models.ForeignKey("classrooms.Classroom", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="games", verbose_name=_("class"))
    state = models.CharField(_("state"), max_length=12, choices=GameState.choices, default=GameState.LOBBY)
    scoring = models.CharField(_("scoring"), max_length=8, choices=Scoring.choices, default=Scoring.FAIR)
    # Team mode when more than 0: the number of teams; a team's score is the mean of its members'.
    teams = models.PositiveSmallIntegerField(_("teams"), default=0)
    seconds_per_question = models.PositiveSmallIntegerField(_("seconds per question"), default=30)
    # The questions as frozen when the game was hosted: [{"question": id, "snapshot": {...}, "order": {...}}].
    questions = models.JSONField(_("questions"), default=list, editable=False)
    # The current question (-1 in the lobby).
    position = models.SmallIntegerField(_("position"), default=-1)
    question_started_at = models.DateTimeField(_("question started"), null=True, blank=True)
    # On the server's clock: answers after it are refused. None while paused.
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    # While paused: the time the question had left.
    paused_remaining = models.DurationField(_("time left when paused"), null=True, blank=True)
    # The positions the host skipped: they count for nobody, and are left out of the players' attempts.
    skipped = models.JSONField(_("skipped questions"), default=list, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = GameQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("live game")
        verbose_name_plural = _("live games")
        constraints = [
            models.UniqueConstraint(fields=["pin"], condition=~Q(state="finished"), name="game_pin_unique_running"),
            models.CheckConstraint(condition=Q(teams__lte=MAX_TEAMS), name="game_teams_at_most_six"),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.pin}"

    def get_absolute_url(self) -> str:
        return reverse("games:host", kwargs={"pk": self.pk})

    # --- the state -------------------------------------------------------------------------------
    @property
    def is_finished(self) -> bool:
        return self.state == GameState.FINISHED

    @property
    def is_paused(self) -> bool:
        return self.state == GameState.QUESTION and self.paused_remaining is not None

    @property
    def has_teams(self) -> bool:
        return self.teams > 0

    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def is_last_question(self) -> bool:
        return self.position >= len(self.questions) - 1

    def accepts_answers(self, now: datetime) -> bool:
        """Whether an answer given at `now` counts: the question is open, not paused, and its time not up."""
        return self.state == GameState.QUESTION and self.deadline is not None and now <= self.deadline

    def seconds_left(self, now: datetime) -> int:
        if self.is_paused:
            return int(self.paused_remaining.total_seconds())
        if self.state != GameState.QUESTION or self.deadline is None:
            return 0
        return max(0, int((self.deadline - now).total_seconds() + 0.999))

    @property
    def time_limit(self) -> timedelta:
        return timedelta(seconds=self.seconds_per_question)

    def players_still_to_answer(self) -> tuple[int, int]:
        """(players still in the game, those of them without an answer to the current question).

        Written as SQL because it runs after every answer of every player: the ORM's aggregate with a filtered
        join cost ~8× this query's own time to compile (profiled with 300 players)."""
        player, answer = Player._meta.db_table, PlayerAnswer._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*), COUNT(*) - COUNT(a.id) FROM {player} p "  # noqa: S608 (table names, not input)
                f"LEFT JOIN {answer} a ON a.player_id = p.id AND a.position = %s "
                "WHERE p.game_id = %s AND p.removed = %s", [self.position, self.pk, False])
            playing, unanswered = cursor.fetchone()
        return playing, unanswered

    # --- the current question ----------------------------------------------------------------------
    def frozen(self, position: int | None = None) -> dict:
        return self.questions[self.position if position is None else position]

    def definition(self, position: int | None = None) -> defs.QuestionDef:
        return defs.from_json(self.frozen(position)["snapshot"])

    def question_type(self, position: int | None = None):
        return registry.get(self.frozen(position)["snapshot"]["qtype"])


class PlayerQuerySet(models.QuerySet):
    def playing(self):
        """Players still in the game (the host may remove one)."""
        return self.filter(removed=False)

    def ranked(self):
        return self.order_by("-score", "joined_at", "pk")


class Player(models.Model):
    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="players", verbose_name=_("game"))
    # Typed by a guest, or a signed-in learner's name; shown on the projector, always escaped.
    nickname = models.CharField(_("nickname"), max_length=NICKNAME_MAX_LENGTH)
    nickname_key = models.CharField(max_length=4 * NICKNAME_MAX_LENGTH, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="game_players", verbose_name=_("user"))
    # The SHA-256 of the rejoin token kept in the player's cookie.
    token_hash = models.CharField(max_length=64, editable=False)
    score = models.IntegerField(_("score"), default=0)
    # Questions answered fully right in a row (classic scoring's bonus).
    streak = models.PositiveSmallIntegerField(_("streak"), default=0)
    team = models.PositiveSmallIntegerField(_("team"), null=True, blank=True)
    removed = models.BooleanField(_("removed"), default=False)
    joined_at = models.DateTimeField(_("joined"))
    # A signed-in player's answers as an attempt of the quiz, recorded when the game ends (games.results).
    attempt = models.OneToOneField("quizzes.Attempt", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="game_player", verbose_name=_("attempt"))

    objects = PlayerQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("player")
        verbose_name_plural = _("players")
        constraints = [
            models.UniqueConstraint(fields=["game", "nickname_key"], name="player_nickname_unique_in_game"),
            models.UniqueConstraint(fields=["game", "user"], condition=Q(user__isnull=False),
                                    name="player_user_once_per_game"),
        ]

    def __str__(self) -> str:
        return self.nickname

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    def has_token(self, token: str) -> bool:
        return bool(token) and secrets.compare_digest(self.token_hash, token_hash(token))


class PlayerAnswer(models.Model):
    """A player's one answer to one question of the game (a second one is refused by the database)."""

    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="answers", verbose_name=_("player"))
    position = models.PositiveSmallIntegerField(_("question"))
    response = models.JSONField(_("response"), null=True)
    # The question type's grade, in [0, 1].
    fraction = models.DecimalField(_("fraction"), max_digits=8, decimal_places=7)
    # What the answer earns under the game's scoring; added to the score at the reveal.
    points = models.IntegerField(_("points"), default=0)
    answered_at = models.DateTimeField(_("answered"))
    # From the question's opening to the answer (pauses included); None for answers recorded before it was kept.
    elapsed = models.DurationField(_("time taken"), null=True, blank=True)

    class Meta:
        ordering = ["position", "answered_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["player", "position"], name="player_answers_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.player} · {self.position + 1}"
