"""The live game's WebSockets: one for the projector (the host's), one per phone (a player's).

A socket holds no game state of its own. On connecting, and whenever the channel layer says the game
changed, it renders its viewer's screen from the database (`games.screens`) and sends it as
{"screen": html}; the projector also gets {"answered_html": html} (its answers-in counter) as answers come in. So a reload,
a lost Wi-Fi or a server restart costs nothing: the next connection renders the same screen.

Many phones, one reading: when the game changes, every phone of the game is told at once, and the sockets of
one process render their screens from one `GameView` of that change (`shared_view`, keyed by the message's
tick): the game is read once for them all and the open question's form rendered once per language, not once
per phone. The projector's answers-in counter is re-counted at most every ANSWERED_EVERY_S seconds while
answers pour in, not once per answer.

What a socket accepts:
- a player's: {"action": "answer", "position": n, "fields": [[name, value], ...]}, the answer form's
  fields, read by the question type like a posted form. Anything else is refused: only the host controls
  the game.
- the host's (the game's host, signed in; a superuser too): {"action": "command", "command": "start" |
  "reveal" | "leaderboard" | "next" | "skip" | "pause" | "resume" | "end"}, {"action": "remove",
  "player": id} and {"action": "team", "player": id, "team": n}.
Replies are {"ack": ...} or {"error": message in the viewer's language}.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from games import events, screens, services
from games.models import Game, Player

# WebSocket close codes of our own (4000–4999): who may not connect.
NOT_FOUND = 4404
FORBIDDEN = 4403
LANGUAGES = {code for code, _name in settings.LANGUAGES}
# How often, at most, the projector's answers-in counter is counted again while answers arrive.
ANSWERED_EVERY_S = 0.25
# The views of the latest changes kept by a process (a few per running game).
VIEWS_KEPT = 64
_views: OrderedDict[tuple[int, str], screens.GameView] = OrderedDict()
_views_lock = threading.Lock()


def shared_view(game_id: int, tick: str) -> screens.GameView:
    """The view of the game as the change named `tick` left it, read once for all of this process's sockets.

    Read when the first socket asks, after the change committed, so it holds the change (or a later one,
    whose own message follows)."""
    key = (game_id, tick)
    with _views_lock:
        view = _views.get(key)
        if view is None:
            view = _views[key] = screens.GameView.load(game_id)
            while len(_views) > VIEWS_KEPT:
                _views.popitem(last=False)
        return view


def player_cookie(game: Game) -> str:
    """The cookie that keeps a player's rejoin token for one game (HttpOnly: no script, no extension reads it)."""
    return f"tarikh_player_{game.pk}"


def answer_data(fields) -> QueryDict:
    """The answer form's fields, as the question type reads a posted form."""
    data = QueryDict(mutable=True)
    for pair in fields if isinstance(fields, list) else []:
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair):
            data.appendlist(pair[0], pair[1])
    return data


class GameConsumer(AsyncJsonWebsocketConsumer):
    def language(self) -> str:
        language = self.scope["url_route"]["kwargs"].get("lang", settings.LANGUAGE_CODE)
        return language if language in LANGUAGES else settings.LANGUAGE_CODE

    async def refused(self, message: str) -> None:
        await self.send_json({"error": message})

    async def send_screen(self, tick: str | None = None) -> None:
        html = await database_sync_to_async(self.render)(tick)
        if html is not None:
            await self.send_json({"screen": html})

    async def game_changed(self, event) -> None:
        await self.send_screen(event.get("tick"))

    async def disconnect(self, code) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        counting = getattr(self, "counting", None)
        if counting is not None:
            counting.cancel()


class PlayerConsumer(GameConsumer):
    """A player's phone: its screen, and its answers."""

    async def connect(self) -> None:
        found = await database_sync_to_async(self.find_player)()
        if found is None:
            await self.close(code=FORBIDDEN)
            return
        self.game_id, self.player_id = found
        self.groups_joined = [events.players_group(self.game_id)]
        await self.channel_layer.group_add(self.groups_joined[0], self.channel_name)
        await self.accept()
        await self.send_screen()

    def find_player(self) -> tuple[int, int] | None:
        pin = self.scope["url_route"]["kwargs"]["pin"]
        game = Game.objects.filter(pin=pin).order_by("-created_at").first()
        if game is None:
            return None
        token = self.scope.get("cookies", {}).get(player_cookie(game), "")
        player = services.player_for_token(game=game, token=token)
        return (game.pk, player.pk) if player else None

    def render(self, tick: str | None = None) -> str | None:
        if tick:
            view = shared_view(self.game_id, tick)
            player = view.players.get(self.player_id)
            if player is None:  # not in the game any more
                return None
            return screens.player_screen(player, view, now=timezone.now(), language=self.language())
        player = Player.objects.select_related("game").get(pk=self.player_id)
        return screens.player_screen(player, player.game, now=timezone.now(), language=self.language())

    async def receive_json(self, content, **kwargs) -> None:
        with translation.override(self.language()):
            if not isinstance(content, dict) or content.get("action") != "answer":
                await self.refused(_("Only the host controls the game."))
                return
            # An answer does not wait behind the screens being rendered for a change (they share one thread, in
            # order): it runs in a thread of its own, so its acknowledgement comes back while a broadcast renders.
            reply = await database_sync_to_async(self.answer, thread_sensitive=False)(content)
        await self.send_json(reply)

    def answer(self, content) -> dict:
        player = Player.objects.get(pk=self.player_id)
        position = content.get("position")
        if not isinstance(position, int):
            return {"error": _("This answer does not belong to the question.")}
        now = timezone.now()
        try:
            recorded = services.game_answer(player=player, position=position, form=answer_data(content.get("fields")),
                                            now=now)
        except services.GameRefused as refused:
            return {"error": str(refused)}
        game = player.game  # as the answer found it, under its lock
        if services.game_close_if_everyone_answered(game=game, now=now):
            events.game_changed(game.pk)
            return {"ack": "answer"}  # every screen renders the reveal
        events.answers_changed(game.pk)
        view = screens.GameView(game, answers={player.pk: recorded})
        return {"ack": "answer", "screen": screens.player_screen(player, view, now=now, language=self.language())}


class HostConsumer(GameConsumer):
    """The projector: the host's screen, the answers-in counter, and the host's commands."""

    async def connect(self) -> None:
        game_id = await database_sync_to_async(self.find_game)()
        if game_id is None:
            await self.close(code=FORBIDDEN)
            return
        self.game_id = game_id
        self.groups_joined = [events.host_group(game_id)]
        await self.channel_layer.group_add(self.groups_joined[0], self.channel_name)
        await self.accept()
        await self.send_screen()

    def find_game(self) -> int | None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return None
        game = Game.objects.hosted_by(user).filter(pk=self.scope["url_route"]["kwargs"]["pk"]).first()
        return game.pk if game else None

    def join_url(self, game: Game) -> str:
        headers = dict(self.scope.get("headers", []))
        host = headers.get(b"host", b"").decode("latin-1")
        scheme = "https" if self.scope.get("scheme") == "wss" else "http"
        return f"{scheme}://{host}{screens.join_path(game, self.language())}"

    def render(self, tick: str | None = None) -> str | None:
        game = Game.objects.select_related("quiz").get(pk=self.game_id)
        return screens.host_screen(game, now=timezone.now(), language=self.language(), join_url=self.join_url(game))

    async def game_answered(self, event) -> None:
        """An answer came in: count again soon, once for all the answers that arrive meanwhile."""
        if getattr(self, "counting", None) is None:
            self.counting = asyncio.create_task(self.count_answers())

    async def count_answers(self) -> None:
        try:
            await asyncio.sleep(ANSWERED_EVERY_S)
        finally:
            self.counting = None
        await self.send_json(await database_sync_to_async(self.answer_counts)())

    def answer_counts(self) -> dict:
        game = Game.objects.get(pk=self.game_id)
        return {"answered_html": screens.answered_html(game, language=self.language())}

    async def receive_json(self, content, **kwargs) -> None:
        with translation.override(self.language()):
            reply = await database_sync_to_async(self.command)(content if isinstance(content, dict) else {})
        await self.send_json(reply)

    def command(self, content) -> dict:
        game = Game.objects.get(pk=self.game_id)
        action = content.get("action")
        try:
            if action == "command":
                services.game_command(game=game, command=str(content.get("command")), now=timezone.now())
            elif action in ("remove", "team"):
                player = game.players.filter(pk=content.get("player") if isinstance(content.get("player"), int)
                                             else None).first()
                if player is None:
                    return {"error": _("There is no such player.")}
                if action == "remove":
                    services.player_remove(player=player)
                else:
                    team = content.get("team")
                    services.player_set_team(player=player, team=team if isinstance(team, int) and team else None)
            else:
                return {"error": _("Unknown command.")}
        except services.GameRefused as refused:
            return {"error": str(refused)}
        events.game_changed(game.pk)
        return {"ack": action}
