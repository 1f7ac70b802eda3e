"""Telling the connected screens that a game changed, through the channel layer.

A message names what changed, never what to show: each socket renders its own viewer's screen from the
database when told (`games.consumers`), so the layer never carries a key, and a restarted server (or a
worker that missed a message) shows the same thing. Sent after the transaction commits, so a screen that
re-reads the game finds the change.
"""

from __future__ import annotations

import secrets

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def host_group(game_id: int) -> str:
    return f"game-{game_id}-host"


def players_group(game_id: int) -> str:
    return f"game-{game_id}-players"


def _send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, message)


async def send_async(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_send(group, message)


def game_changed(game_id: int) -> None:
    """Every screen of the game renders itself again (a step of the host, a player joining or removed).

    The message carries a tick, a random name for this change, so that the sockets of one process render
    their screens from one reading of the game (`games.consumers.shared_view`), not one each."""
    tick = secrets.token_hex(8)
    transaction.on_commit(lambda: (_send(host_group(game_id), {"type": "game.changed", "tick": tick}),
                                   _send(players_group(game_id), {"type": "game.changed", "tick": tick})))


def host_changed(game_id: int) -> None:
    """Only the projector renders again (the lobby's list of players)."""
    transaction.on_commit(lambda: _send(host_group(game_id), {"type": "game.changed"}))


def answers_changed(game_id: int) -> None:
    """The projector's answers-in counter moves on (the count only: no screen renders again)."""
    transaction.on_commit(lambda: _send(host_group(game_id), {"type": "game.answered"}))
