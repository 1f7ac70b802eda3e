"""What the projector and each phone show, rendered by the server from the game's rows.

A screen is HTML rendered for one viewer: the host's (`host_screen`) or one player's (`player_screen`). Pages
render it on load and the sockets send it again whenever the game changes (`games.consumers`), so a phone
only ever holds what its own screen shows. A player's screen goes through the question type's formulation
with `DisplayOptions.hidden()` while the question is open: no key, no fraction, no feedback can reach a
phone before the reveal, whatever a browser extension reads. The right answer, the room's answers and the
explanation are rendered only in the reveal's state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from games import scoring
from games.models import Game, GameState, Player, PlayerAnswer
from quizzes.definitions import text_of
from quizzes.display import DisplayOptions
from quizzes.question_types.choice_based import ChoiceQuestionType
from quizzes.states import SlotState, graded_state_for_fraction

HOST_TEMPLATE = "games/host_screen.html"
PLAYER_TEMPLATE = "games/player_screen.html"
ANSWER_FORM_TEMPLATE = "games/_answer_form.html"
# The projector's top of the leaderboard, and the podium's steps.
LEADERBOARD_SIZE = 5
PODIUM_SIZE = 3
# The option markers, in order: a shape and a colour each, so no option is told by its colour alone.
SHAPES = ("triangle", "diamond", "circle", "square", "pentagon", "star", "hexagon", "cross")

REVEALED = DisplayOptions(readonly=True, correctness=True, general_feedback=True, right_answer=True)


@dataclass
class Ranked:
    player: Player
    rank: int


def ranked_players(game: Game) -> list[Ranked]:
    """The players still in the game, best first, with competition ranks (equal scores share one)."""
    players = list(game.players.playing().ranked())
    return [Ranked(player, rank) for player, rank in zip(players, scoring.ranks([p.score for p in players]))]


def team_standings(game: Game, ranked: list[Ranked]) -> list[dict]:
    if not game.has_teams:
        return []
    members: dict[int, list[int]] = {}
    for entry in ranked:
        if entry.player.team:
            members.setdefault(entry.player.team, []).append(entry.player.score)
    return [{"team": team, "score": score, "members": len(members[team]),
             "shape": SHAPES[(team - 1) % len(SHAPES)]}
            for team, score in scoring.team_scores(members)]


def answered_count(game: Game) -> int:
    """How many players still in the game answered the current question."""
    return PlayerAnswer.objects.filter(player__game=game, player__removed=False, position=game.position).count()


def answered_html(game: Game, *, language: str) -> str:
    """The projector's answers-in counter alone (a number meets a noun: rendered here, with its plural)."""
    with translation.override(language):
        return render_to_string("games/_answered.html", {
            "answered": answered_count(game), "players_count": game.players.playing().count()})


def with_shapes(options) -> list[dict]:
    return [{"option": option, "shape": SHAPES[index % len(SHAPES)], "index": index}
            for index, option in enumerate(options)]


def formulation(game: Game, *, language: str, display: DisplayOptions, response=None, disabled: bool = False):
    frozen = game.frozen()
    qtype = game.question_type()
    return qtype.formulation(game.definition(), language=language, display=display, order=frozen["order"],
                             response=response, field_name="response", disabled=disabled)


def room_chart(game: Game, answers: list[PlayerAnswer], language: str) -> list[dict]:
    """How the room answered: a bar per choice (types that sort responses, as item statistics do) or per
    outcome (right, partly right, wrong), each with its count and its share of the players for the bar."""
    qtype, definition = game.question_type(), game.definition()
    players = max(game.players.playing().count(), 1)
    if qtype.classifies_responses:
        counts = Counter(key for answer in answers for key in qtype.classify_response(definition, answer.response))
        classes = {c.key: c for c in qtype.response_classes(definition)}
        keys = game.frozen()["order"].get("choices") or list(classes)
        bars = [{"label": text_of(classes[key].text, language), "count": counts[key], "is_right": classes[key].is_right,
                 "shape": SHAPES[index % len(SHAPES)]} for index, key in enumerate(keys) if key in classes]
    else:
        counts = Counter(graded_state_for_fraction(answer.fraction) for answer in answers)
        bars = [{"label": state.label, "count": counts[state], "is_right": state == SlotState.RIGHT, "shape": ""}
                for state in (SlotState.RIGHT, SlotState.PARTIAL, SlotState.WRONG)]
    bars.append({"label": SlotState.UNANSWERED.label, "count": players - len(answers), "is_right": False,
                 "shape": "", "unanswered": True})
    for bar in bars:
        bar["percent"] = f"{100 * max(bar['count'], 0) / players:.1f}"  # for data-inline-size: never localised
    return bars


def _explanations(definition, language: str) -> dict:
    # Both were sanitised with nh3 when the question was saved.
    return {"general_feedback": mark_safe(text_of(definition.general_feedback, language)),
            "explanation": mark_safe(text_of(definition.explanation, language))}


def _common(game: Game, now: datetime, language: str) -> dict:
    return {
        "game": game, "language": language, "now": now,
        "number": game.position + 1, "total": game.question_count,
        "seconds_left": game.seconds_left(now),
        # Milliseconds since the epoch, for the countdown script (never localised).
        "deadline_ms": str(int(game.deadline.timestamp() * 1000)) if game.deadline else "",
        "now_ms": str(int(now.timestamp() * 1000)),
    }


def host_context(game: Game, *, now: datetime, language: str, join_url: str) -> dict:
    context = _common(game, now, language)
    context["join_url"] = join_url
    state = game.state
    if state == GameState.LOBBY:
        context["players"] = list(game.players.playing())
        context["team_numbers"] = list(range(1, game.teams + 1))
        return context
    ranked = ranked_players(game)
    context.update(players_count=len(ranked), teams=team_standings(game, ranked))
    if state in (GameState.QUESTION, GameState.REVEAL):
        qtype = game.question_type()
        context["is_choice"] = isinstance(qtype, ChoiceQuestionType)
        if state == GameState.QUESTION:
            view = formulation(game, language=language, display=DisplayOptions.hidden(readonly=True), disabled=True)
            context["answered"] = answered_count(game)
        else:
            view = formulation(game, language=language, display=REVEALED, disabled=True)
            answers = list(PlayerAnswer.objects.filter(player__game=game, player__removed=False,
                                                       position=game.position))
            context.update(chart=room_chart(game, answers, language), answered=len(answers),
                           **_explanations(game.definition(), language))
        context.update(q=view, options=with_shapes(view.options))
    elif state == GameState.LEADERBOARD:
        context["leaders"] = ranked[:LEADERBOARD_SIZE]
    elif state == GameState.FINISHED:
        context["podium"] = ranked[:PODIUM_SIZE]
        context["ranked"] = ranked
    return context


class GameView:
    """One game at one moment, for the screens of many players: what every phone needs is read once, and what
    every phone of one language shows alike is rendered once.

    A socket told that the game changed (`games.consumers`) renders its player's screen from the view of that
    change, which the other sockets of the process share: the game's row (and its frozen questions) read once,
    the players ranked in one query, the answers to the open question in one, the question's form rendered once
    per language. A single screen (a page, a reconnecting phone, an answer's reply) uses a view of its own,
    which reads only that player's answer.
    """

    def __init__(self, game: Game, *, shared: bool = False, answers: dict[int, PlayerAnswer] | None = None) -> None:
        self.game = game
        self.shared = shared
        self._forms: dict[str, str] = {}
        self._right_answers: dict[str, str] = {}
        if answers is not None:  # already at hand (an answer just recorded): not read again
            self.__dict__["answers"] = answers

    @classmethod
    def load(cls, game_id: int) -> GameView:
        return cls(Game.objects.select_related("quiz").get(pk=game_id), shared=True)

    @cached_property
    def players(self) -> dict[int, Player]:
        """Every player of the game, removed ones too (a removed phone shows that it was removed)."""
        return {player.pk: player for player in self.game.players.all()}

    @cached_property
    def ranked(self) -> list[Ranked]:
        if not self.shared:
            return ranked_players(self.game)
        playing = sorted((p for p in self.players.values() if not p.removed),
                         key=lambda p: (-p.score, p.joined_at, p.pk))
        return [Ranked(player, rank) for player, rank in zip(playing, scoring.ranks([p.score for p in playing]))]

    @cached_property
    def ranks(self) -> dict[int, int]:
        """Each playing player's rank, by primary key."""
        return {entry.player.pk: entry.rank for entry in self.ranked}

    @cached_property
    def teams(self) -> list[dict]:
        return team_standings(self.game, self.ranked)

    @cached_property
    def answers(self) -> dict[int, PlayerAnswer]:
        """The answers to the current question, by player (read at once for a shared view)."""
        return {answer.player_id: answer for answer in
                PlayerAnswer.objects.filter(player__game=self.game, position=self.game.position)}

    @cached_property
    def definition(self):
        return self.game.definition()

    @cached_property
    def qtype(self):
        return self.game.question_type()

    def answer_of(self, player: Player) -> PlayerAnswer | None:
        if self.game.position < 0:
            return None
        if self.shared or "answers" in self.__dict__:
            return self.answers.get(player.pk)
        return player.answers.filter(position=self.game.position).first()

    def right_answer(self, language: str) -> str:
        if language not in self._right_answers:
            self._right_answers[language] = self.qtype.summarise_correct(self.definition, language)
        return self._right_answers[language]

    def answer_form(self, *, language: str, request=None) -> str:
        """The open question's answer form, as its type shows it with nothing of its key
        (`DisplayOptions.hidden()`): the same for every player of one language, so rendered once; a page's
        form (with `request`: its CSRF token) is rendered for that page alone."""
        if request is None and language in self._forms:
            return self._forms[language]
        game = self.game
        view = formulation(game, language=language, display=DisplayOptions.hidden(), disabled=game.is_paused)
        with translation.override(language):
            html = render_to_string(ANSWER_FORM_TEMPLATE, {
                "game": game, "language": language, "q": view, "options": with_shapes(view.options),
                "is_choice": isinstance(self.qtype, ChoiceQuestionType)}, request=request)
        if request is None:
            self._forms[language] = html
        return html


def player_context(player: Player, view: GameView, *, now: datetime, language: str, request=None) -> dict:
    game = view.game
    context = _common(game, now, language)
    context["player"] = player
    if player.removed:
        return context
    state = game.state
    if state == GameState.LOBBY:
        return context
    answer = view.answer_of(player)
    context["answer"] = answer
    if state == GameState.QUESTION:
        if answer is None:
            context["answer_form"] = mark_safe(view.answer_form(language=language, request=request))
        else:
            context["summary"] = view.qtype.summarise(view.definition, answer.response, language)
        return context
    context.update(rank=view.ranks.get(player.pk), players_count=len(view.ranked))
    if game.has_teams:
        teams = view.teams
        context["team"] = next((team for team in teams if team["team"] == player.team), None)
        context["team_rank"] = next((i for i, team in enumerate(teams, 1) if team["team"] == player.team), None)
    if state == GameState.REVEAL:
        qtype, definition = view.qtype, view.definition
        context["state"] = graded_state_for_fraction(answer.fraction) if answer else SlotState.UNANSWERED
        context["summary"] = qtype.summarise(definition, answer.response, language) if answer else ""
        context["right_answer"] = view.right_answer(language)
        context.update(_explanations(definition, language))
    return context


def host_screen(game: Game, *, now: datetime, language: str, join_url: str, request=None) -> str:
    """The projector's screen; `request` (a page, not a socket) gives its forms their CSRF token."""
    with translation.override(language):
        return render_to_string(HOST_TEMPLATE, host_context(game, now=now, language=language, join_url=join_url),
                                request=request)


def player_screen(player: Player, game: Game | GameView, *, now: datetime, language: str, request=None) -> str:
    """One player's screen, from a view shared with other screens or from the game alone; `request` (a page,
    not a socket) gives its forms their CSRF token."""
    view = game if isinstance(game, GameView) else GameView(game)
    with translation.override(language):
        return render_to_string(PLAYER_TEMPLATE, player_context(player, view, now=now, language=language,
                                                                request=request), request=request)


def join_path(game: Game, language: str) -> str:
    with translation.override(language):
        return reverse("games:play", kwargs={"pin": game.pin})

