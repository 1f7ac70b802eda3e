"""A live game in real browsers over real WebSockets: a host on the projector and players on their devices.

The site runs in daphne (the ASGI application, pages and sockets in one process, with the in-memory channel
layer), forked on the test database as channels' own live-server tests do; Playwright drives Debian's chromium.
"""

from functools import partial

import pytest
from django.db import connections

from games.models import Game, GameState, Player
from tests import factories
from tests.browser.test_classroom import log_in

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 15_000  # ms


@pytest.fixture
def asgi_server(transactional_db):
    """daphne serving config.asgi on the test database; yields its base URL."""
    from channels.testing.live import make_application, set_database_connection
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    connections.close_all()  # the child opens its own
    process = DaphneProcess("127.0.0.1", partial(make_application, static_wrapper=ASGIStaticFilesHandler),
                            setup=set_database_connection)
    process.start()
    if not process.ready.wait(30):
        raise RuntimeError("daphne did not start")
    yield f"http://127.0.0.1:{process.port.value}"
    process.terminate()
    process.join(10)


def join(page, base, lang, pin, nickname):
    page.goto(f"{base}/{lang}/play/")
    page.fill("input[name=pin]", pin)
    page.click("main form button[type=submit]")
    page.fill("input[name=nickname]", nickname)
    page.click("main form button[type=submit]")
    page.wait_for_selector(".game-state-lobby", timeout=WAIT)


def answer(page, *, choose=(), text=None):
    page.wait_for_selector("form.game-answer", timeout=WAIT)
    for label in choose:
        page.locator("form.game-answer label.option", has_text=label).click()
    if text is not None:
        page.fill("form.game-answer input[name=response]", text)
    page.click("form.game-answer .game-send")
    page.wait_for_selector(".game-received, .game-state-reveal", timeout=WAIT)


def host_clicks(page, command):
    page.click(f".game-controls button[value={command}]")


def shows(page, state, position):
    """Wait until `page` shows `state` at question `position` (not an earlier question's screen still)."""
    page.wait_for_selector(f'.game-state[data-state="{state}"][data-position="{position}"]', timeout=WAIT)


@pytest.mark.parametrize("scoring", ["fair", "classic"])
def test_a_host_and_two_players_play_four_questions_to_the_podium(asgi_server, page_factory, screenshot, scoring):
    base = asgi_server
    teacher = factories.teacher(username="host-teacher", password="Host-pass-2026")
    quiz = factories.quiz(questions=4, owner=teacher, shuffle_choices=False)  # single, multiple, true/false, short

    host = page_factory(locale="en")
    host.set_viewport_size({"width": 1920, "height": 1080})
    log_in(host, base, "en", "host-teacher", "Host-pass-2026")
    host.goto(f"{base}/en/games/host/{quiz.pk}/")
    host.check(f"input[name=scoring][value={scoring}]")
    host.click("main form button[type=submit]")
    host.wait_for_selector(".game-state-lobby")
    pin = host.inner_text(".game-pin-digits").strip()
    assert pin == Game.objects.get().pin
    host.wait_for_load_state("load")  # images included
    assert host.locator("img.game-qr").evaluate("img => img.naturalWidth") > 0  # the QR code is drawn

    amal = page_factory(locale="ar", phone=True)
    join(amal, base, "ar", pin, "أمل")
    ben = page_factory(locale="en")
    join(ben, base, "en", pin, "Ben")
    host.wait_for_selector("text=2 players have joined", timeout=WAIT)  # appeared live, without a reload
    assert amal.locator("html").get_attribute("dir") == "rtl"
    screenshot(host, f"game-host-lobby.{scoring}.en")
    screenshot(amal, f"game-player-lobby.{scoring}.ar")

    host_clicks(host, "start")
    # 1. Single choice: Amal is right, Ben is wrong.
    amal.wait_for_selector("form.game-answer")
    screenshot(host, f"game-host-question.{scoring}.en")
    screenshot(amal, f"game-player-question.{scoring}.ar")
    answer(amal, choose=["بويبلا"])
    answer(ben, choose=["Veracruz"])
    shows(host, "reveal", 0)  # everyone answered: the question closed
    assert "How the room answered" in host.inner_text(".game-chart")
    screenshot(host, f"game-host-reveal.{scoring}.en")
    amal.wait_for_selector(".game-result-right", timeout=WAIT)
    screenshot(amal, f"game-player-reveal.{scoring}.ar")
    host_clicks(host, "leaderboard")
    host.wait_for_selector(".game-state-leaderboard", timeout=WAIT)
    screenshot(host, f"game-host-leaderboard.{scoring}.en")
    host_clicks(host, "next")
    shows(host, "question", 1)

    # 2. Multiple response: Ben answers, then reloads mid-question and keeps his answer.
    answer(ben, choose=["France", "Spain"])
    ben.reload()
    ben.wait_for_selector(".game-received", timeout=WAIT)
    assert "France" in ben.inner_text(".your-answer")
    answer(amal, choose=["فرنسا"])
    shows(host, "reveal", 1)
    host_clicks(host, "next")
    shows(host, "question", 2)

    # 3. True/false, 4. short answer (the last: the podium follows).
    answer(amal, choose=["صواب"])
    answer(ben, choose=["True"])
    shows(host, "reveal", 2)
    host_clicks(host, "next")
    shows(host, "question", 3)
    answer(amal, text="كيريتارو")
    answer(ben, text="Mexico City")
    shows(host, "reveal", 3)
    host_clicks(host, "next")

    host.wait_for_selector(".game-podium", timeout=WAIT)
    podium = host.inner_text(".game-podium")
    assert "أمل" in podium and "Ben" in podium
    amal.wait_for_selector(".game-state-finished", timeout=WAIT)
    screenshot(host, f"game-host-podium.{scoring}.en")
    screenshot(amal, f"game-player-final.{scoring}.ar")
    scores = dict(Player.objects.values_list("nickname", "score"))
    if scoring == "fair":
        assert scores == {"أمل": 3500, "Ben": 2000}  # 1000 + 500 (half of multiple response) + 1000 + 1000
    else:
        assert scores["أمل"] > scores["Ben"] > 0
    assert Game.objects.get().state == GameState.FINISHED
    for page in (host, amal, ben):
        assert not page.console_errors, page.console_errors
