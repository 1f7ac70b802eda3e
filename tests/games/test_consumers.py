"""The live game's WebSockets (games.consumers) through the whole ASGI application, on both channel layers."""

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from config.asgi import application
from games import services
from games.consumers import player_cookie
from games.models import Game, GameState
from tests import factories
from tests.games.conftest import right_key, wrong_key

pytestmark = pytest.mark.django_db(transaction=True)
TIMEOUT = 5
# What a phone must not receive before the reveal: the key's marks, the feedback, the explanation.
SECRETS = ("key-right", "key-wrong", "SECRET-FEEDBACK", "SECRET-EXPLANATION", "SECRET-OPTION-FEEDBACK",
           "Right answer", "fraction", "is_right", "game-option-right")


SCENARIO_TIMEOUT = 120


class ScenarioStuck(Exception):
    pass


def run(scenario):
    """Run the async `scenario` to its end in a thread of its own: the browser tests' Playwright may hold an
    event loop in this one (same xdist worker), where async_to_sync refuses to start another.

    A scenario that has not ended after SCENARIO_TIMEOUT seconds is cancelled inside its own event loop and fails
    the test (a step's own timeout, such as a message that never came, still fails as itself). Should even the
    cancelled loop not close, the test fails 30 s later all the same; that thread is then left running, and the
    worker may wait for it when it exits."""

    async def bounded():
        deadline = asyncio.timeout(SCENARIO_TIMEOUT)
        try:
            async with deadline:
                return await scenario()
        except TimeoutError:
            if deadline.expired():
                raise ScenarioStuck() from None
            raise

    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(async_to_sync(bounded))
    try:
        return future.result(timeout=SCENARIO_TIMEOUT + 30)
    except ScenarioStuck:
        pytest.fail(f"the socket scenario did not end within {SCENARIO_TIMEOUT} s")
    except TimeoutError:
        if future.done():
            raise
        pytest.fail(f"the socket scenario did not end within {SCENARIO_TIMEOUT} s, nor its event loop after it")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


async def refused(communicator) -> int:
    """Connect `communicator`, check the server refused it, and hang up as a browser would, so that the
    application ends before the scenario does: one left running is cancelled when the event loop closes, and a
    consumer on channels-redis cancelled there could hang the whole suite."""
    connected, code = await communicator.connect(timeout=TIMEOUT)
    assert not connected
    # A consumer that refused may still be parked on channels-redis's blocking receive: after a second it is
    # cancelled here, inside the running loop, which ends it at once.
    await communicator.disconnect(code=code, timeout=1)
    return code


def socket(path: str, cookie: str = "") -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path, headers=headers)


def player_socket(game, token, lang="en"):
    return socket(f"/ws/{lang}/play/{game.pin}/", f"{player_cookie(game)}={token}")


def host_socket(game, user, lang="en"):
    client = Client()
    client.force_login(user)
    return socket(f"/ws/{lang}/host/{game.pk}/", f"sessionid={client.cookies['sessionid'].value}")


async def receive(communicator, *, until=None) -> list[dict]:
    """Messages until one satisfies `until` (or the first one)."""
    seen = []
    while True:
        message = await communicator.receive_json_from(timeout=TIMEOUT)
        seen.append(message)
        if until is None or until(message):
            return seen


def screen_state(message) -> str:
    html = message.get("screen", "")
    return html.split('data-state="', 1)[1].split('"', 1)[0] if 'data-state="' in html else ""


def test_a_player_answers_over_the_socket_and_the_host_sees_the_count_then_the_reveal(channel_layer, game, join):
    amal, amal_token = join(game, "Amal")
    join(game, "Badr")
    services.game_start(game=game, now=timezone.now())
    game = Game.objects.get(pk=game.pk)

    host = host_socket(game, game.host)

    async def scenario():
        assert (await host.connect(timeout=TIMEOUT))[0]
        assert screen_state((await receive(host))[0]) == "question"
        phone = player_socket(game, amal_token)
        assert (await phone.connect(timeout=TIMEOUT))[0]
        first = (await receive(phone))[0]
        assert screen_state(first) == "question" and "game-answer" in first["screen"]
        await phone.send_json_to({"action": "answer", "position": 0, "fields": [["response", right_key(game)]]})
        reply = (await receive(phone))[0]
        assert reply["ack"] == "answer" and "Answer received" in reply["screen"]
        counter = (await receive(host))[0]
        assert "<bdi>1</bdi> of 2 players answered" in counter["answered_html"]
        await phone.send_json_to({"action": "answer", "position": 0, "fields": [["response", wrong_key(game)]]})
        assert "already answered" in (await receive(phone))[0]["error"]
        await host.send_json_to({"action": "command", "command": "reveal"})
        revealed = await receive(host, until=lambda m: screen_state(m) == "reveal")
        assert "How the room answered" in revealed[-1]["screen"]
        result = await receive(phone, until=lambda m: screen_state(m) == "reveal")
        assert "+1000 points" in result[-1]["screen"]
        await phone.disconnect()
        await host.disconnect()

    run(scenario)
    amal.refresh_from_db()
    assert amal.score == 1000


def test_a_player_sending_host_commands_is_refused(channel_layer, game, join):
    _amal, token = join(game, "Amal")

    async def scenario():
        phone = player_socket(game, token)
        assert (await phone.connect(timeout=TIMEOUT))[0]
        await receive(phone)
        for message in ({"action": "command", "command": "start"}, {"action": "remove", "player": 1},
                        {"action": "command", "command": "end"}, ["start"]):
            await phone.send_json_to(message)
            assert "Only the host" in (await receive(phone))[0]["error"]
        await phone.disconnect()

    run(scenario)
    assert Game.objects.get(pk=game.pk).state == GameState.LOBBY


def test_only_the_games_host_opens_its_socket(channel_layer, game):
    others = [host_socket(game, user) for user in (factories.teacher(), factories.learner())]

    async def scenario():
        for other in others:
            assert await refused(other) == 4403
        await refused(socket(f"/ws/en/play/{game.pin}/", f"{player_cookie(game)}=forged"))

    run(scenario)


def test_a_socket_from_another_site_is_refused(channel_layer, game, join):
    _amal, token = join(game, "Amal")

    async def scenario():
        foreign = WebsocketCommunicator(application, f"/ws/en/play/{game.pin}/", headers=[
            (b"origin", b"http://evil.example"), (b"host", b"testserver"),
            (b"cookie", f"{player_cookie(game)}={token}".encode())])
        await refused(foreign)

    run(scenario)


def test_no_key_reaches_a_phone_before_the_reveal(channel_layer, game, join, client):
    """Every message a player's socket and page receive, recorded from the lobby to the reveal: none holds a
    mark of the key, a fraction, feedback or the explanation. After the reveal they do (the test can fail)."""
    _amal, token = join(game, "Amal")
    join(game, "Badr")
    recorded: list[str] = []

    host = host_socket(game, game.host)

    async def scenario():
        assert (await host.connect(timeout=TIMEOUT))[0]
        await receive(host)
        phone = player_socket(game, token)
        assert (await phone.connect(timeout=TIMEOUT))[0]
        recorded.extend(json.dumps(m, ensure_ascii=False) for m in await receive(phone))
        await host.send_json_to({"action": "command", "command": "start"})
        recorded.extend(json.dumps(m, ensure_ascii=False) for m in
                        await receive(phone, until=lambda m: screen_state(m) == "question"))
        page = await sync_to_async(lambda: client.get(f"/en/play/{game.pin}/", HTTP_COOKIE=f"{player_cookie(game)}={token}"))()
        recorded.append(page.content.decode())
        await phone.send_json_to({"action": "answer", "position": 0, "fields": [["response", wrong_key(game)]]})
        recorded.extend(json.dumps(m, ensure_ascii=False) for m in await receive(phone))
        page = await sync_to_async(lambda: client.get(f"/en/play/{game.pin}/"))()
        recorded.append(page.content.decode())
        await host.send_json_to({"action": "command", "command": "reveal"})
        after = await receive(phone, until=lambda m: screen_state(m) == "reveal")
        await phone.disconnect()
        await host.disconnect()
        return after

    client.cookies[player_cookie(game)] = token
    after = run(scenario)
    assert len(recorded) >= 4 and any("game-answer" in text for text in recorded)
    for text in recorded:
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} reached the phone before the reveal"
    revealed = json.dumps(after[-1], ensure_ascii=False)
    assert "Right answer" in revealed and "SECRET-FEEDBACK" in revealed and "SECRET-EXPLANATION" in revealed


def test_a_reconnecting_player_gets_the_same_screen_with_their_answer(channel_layer, game, join):
    amal, token = join(game, "Amal")
    join(game, "Badr")
    services.game_start(game=game, now=timezone.now())
    game = Game.objects.get(pk=game.pk)

    async def scenario():
        phone = player_socket(game, token)
        assert (await phone.connect(timeout=TIMEOUT))[0]
        await receive(phone)
        await phone.send_json_to({"action": "answer", "position": 0, "fields": [["response", right_key(game)]]})
        await receive(phone)
        await phone.disconnect()  # Wi-Fi lost
        again = player_socket(game, token)
        assert (await again.connect(timeout=TIMEOUT))[0]
        screen = (await receive(again))[0]["screen"]
        assert "Answer received" in screen and "right 0" in screen
        await again.disconnect()

    run(scenario)


def test_the_host_places_and_removes_players_and_the_removed_phone_is_told(channel_layer, make_game, choice_quiz, join):
    game = make_game(choice_quiz, teams=2)
    amal, token = join(game, "Amal")

    host = host_socket(game, game.host)

    async def scenario():
        assert (await host.connect(timeout=TIMEOUT))[0]
        await receive(host)
        phone = player_socket(game, token)
        assert (await phone.connect(timeout=TIMEOUT))[0]
        await receive(phone)
        await host.send_json_to({"action": "team", "player": amal.pk, "team": 2})
        assert (await receive(host, until=lambda m: "ack" in m))[-1]["ack"] == "team"
        await host.send_json_to({"action": "remove", "player": amal.pk})
        told = await receive(phone, until=lambda m: "removed you" in m.get("screen", ""))
        assert told
        await host.send_json_to({"action": "remove", "player": 10 ** 9})
        assert "no such player" in (await receive(host, until=lambda m: "error" in m))[-1]["error"]
        await phone.disconnect()
        await host.disconnect()

    run(scenario)
    amal.refresh_from_db()
    assert (amal.team, amal.removed) == (2, True)


def test_an_answer_after_the_deadline_is_refused_by_the_servers_clock_whatever_the_phone_says(channel_layer, game, join):
    import time_machine
    from datetime import timedelta

    _amal, token = join(game, "Amal")
    services.game_start(game=game, now=timezone.now())
    game = Game.objects.get(pk=game.pk)

    async def scenario():
        phone = player_socket(game, token)
        assert (await phone.connect(timeout=TIMEOUT))[0]
        await receive(phone)
        with time_machine.travel(game.deadline + timedelta(seconds=1), tick=False):
            await phone.send_json_to({"action": "answer", "position": 0, "fields": [["response", right_key(game)]]})
            reply = (await receive(phone))[0]
        await phone.disconnect()
        return reply

    assert "Time is up" in run(scenario)["error"]
    assert not game.players.get().answers.exists()


def test_a_scenario_that_never_ends_fails_the_test_instead_of_holding_the_suite(monkeypatch):
    monkeypatch.setattr(f"{__name__}.SCENARIO_TIMEOUT", 0.5)

    async def stuck():
        await asyncio.sleep(60)  # cancelled after half a second, inside its loop: the test takes no minute

    started = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match="did not end within 0.5 s$"):
        run(stuck)
    assert time.monotonic() - started < 10


def test_a_step_that_times_out_fails_as_itself():
    async def no_message():
        raise TimeoutError("no message came")

    with pytest.raises(TimeoutError, match="no message came"):
        run(no_message)
