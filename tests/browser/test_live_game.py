"""A live game in real browsers over real WebSockets: a host on the projector and players on their devices.

The site runs in daphne (the ASGI application, pages and sockets in one process, with the in-memory channel
layer), forked on the test database as channels' own live-server tests do; Playwright drives Debian's chromium.
"""

import re
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


def join(page, base, lang, pin, nickname, shoot=None):
    """`page` joins the game with `pin` as `nickname`; `shoot(page, screen)` photographs the two forms."""
    page.goto(f"{base}/{lang}/play/")
    page.fill("input[name=pin]", pin)
    if shoot:
        shoot(page, "join-pin")
    page.click("main form button[type=submit]")
    page.fill("input[name=nickname]", nickname)
    if shoot:
        shoot(page, "join-nickname")
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


def score_on(page) -> int:
    """The score a phone shows (its own line while a question is open, the standing's after)."""
    text = page.locator(".game-me-score, .game-score-line").first.inner_text()
    return int("".join(re.findall(r"\d", text)))  # int() reads Arabic-Indic digits too


def marker_gaps(page) -> list[float]:
    """For each option on a phone, how far its radio sits from the option's inline start (the shape marker is
    in between), or -1 when its text does not follow the radio in the reading direction."""
    return page.eval_on_selector_all("form.game-answer label.option", """labels => labels.map(label => {
        const box = label.getBoundingClientRect(), rtl = getComputedStyle(label).direction === "rtl";
        const input = label.querySelector("input").getBoundingClientRect();
        const text = label.querySelector(".option-text").getBoundingClientRect();
        if (rtl ? text.right > input.left : text.left < input.right) return -1;
        return rtl ? box.right - input.right : input.left - box.left;
    })""")


def nickname_on(page) -> str:
    return page.inner_text(".game-me .game-name").strip()


@pytest.mark.parametrize(("scoring", "host_lang"), [("fair", "en"), ("classic", "ar")])
def test_a_host_and_three_players_play_four_questions_to_the_podium(asgi_server, page_factory, screenshot, scoring,
                                                                   host_lang):
    """The projector (1920×1080) in English for the fair game and in Arabic for the classic one. Amal plays in
    Arabic on a phone, Ben in English on a laptop, and Sara in English on a phone, because a phone is where a
    tab is reloaded or dropped mid-question (and so the phones' screenshots cover both languages): she reloads
    once after answering and once before, each time with points already earned. Screenshots of every screen go
    to artifacts/browser/: the projector's in its language for each game, the phones' from the fair game."""
    base = asgi_server
    teacher = factories.teacher(username="host-teacher", password="Host-pass-2026")
    quiz = factories.quiz(questions=4, owner=teacher, shuffle_choices=False)  # single, multiple, true/false, short

    def shoot_host(screen):
        screenshot(host, f"game-host-{screen}.{host_lang}")

    def shoot_phone(page, screen):
        if scoring == "fair":
            screenshot(page, f"game-phone-{screen}.{page.lang}")

    host = page_factory(locale=host_lang)
    host.set_viewport_size({"width": 1920, "height": 1080})
    log_in(host, base, host_lang, "host-teacher", "Host-pass-2026")
    host.goto(f"{base}/{host_lang}/games/host/{quiz.pk}/")
    host.check(f"input[name=scoring][value={scoring}]")
    host.fill("input[name=seconds_per_question]", "60")  # the screenshots take time; the clock must not close a question
    host.click("main form button[type=submit]")
    host.wait_for_selector(".game-state-lobby")
    assert host.locator("html").get_attribute("dir") == ("rtl" if host_lang == "ar" else "ltr")
    pin = host.inner_text(".game-pin-digits").strip()
    assert pin == Game.objects.get().pin
    host.wait_for_load_state("load")  # images included
    assert host.locator("img.game-qr").evaluate("img => img.naturalWidth") > 0  # the QR code is drawn

    amal = page_factory(locale="ar", phone=True)
    amal.lang = "ar"
    join(amal, base, "ar", pin, "أمل", shoot=shoot_phone)
    ben = page_factory(locale="en")
    join(ben, base, "en", pin, "Ben")
    sara = page_factory(locale="en", phone=True)
    sara.lang = "en"
    join(sara, base, "en", pin, "Sara", shoot=shoot_phone)
    # The chips appeared live, without a reload.
    host.wait_for_function("document.querySelectorAll('.game-player-chip').length === 3", timeout=WAIT)
    if host_lang == "en":
        assert "3 players have joined" in host.inner_text(".game-count")
    assert amal.locator("html").get_attribute("dir") == "rtl"
    assert sara.locator("html").get_attribute("dir") == "ltr"
    shoot_host("lobby")
    shoot_phone(amal, "lobby")
    shoot_phone(sara, "lobby")

    host_clicks(host, "start")
    # 1. Single choice: Amal and Sara are right, Ben is wrong.
    for phone in (amal, sara):
        phone.wait_for_selector("form.game-answer", timeout=WAIT)
    # Each option's shape marker sits at its inline start, before the radio and the text: on the right in Arabic.
    for phone in (amal, sara):
        assert all(gap > 35 for gap in marker_gaps(phone)), marker_gaps(phone)
    shoot_host("question")
    shoot_phone(amal, "question")
    shoot_phone(sara, "question")
    answer(amal, choose=["بويبلا"])
    shoot_phone(amal, "answer-received")
    answer(ben, choose=["Veracruz"])
    answer(sara, choose=["Puebla"])
    shows(host, "reveal", 0)  # everyone answered: the question closed
    assert host.locator(".game-chart .game-chart-row").count() == 4  # three choices and "not answered"
    assert host.locator(".game-chart-right").count() == 1
    assert host.locator(".explanation").count() == 1
    if host_lang == "en":
        assert "How the room answered" in host.inner_text(".game-chart")
    shoot_host("reveal")
    for phone in (amal, sara):
        phone.wait_for_selector(".game-result-right", timeout=WAIT)
    ben.wait_for_selector(".game-result-wrong", timeout=WAIT)
    shoot_phone(amal, "result-right")
    shoot_phone(sara, "result-right")
    host_clicks(host, "leaderboard")
    host.wait_for_selector(".game-state-leaderboard", timeout=WAIT)
    for phone in (amal, sara):
        phone.wait_for_selector(".game-state-leaderboard", timeout=WAIT)
    shoot_host("leaderboard")
    shoot_phone(amal, "leaderboard")
    shoot_phone(sara, "leaderboard")
    host_clicks(host, "next")
    shows(host, "question", 1)

    # 2. Multiple response: Sara answers, then reloads mid-question: the same player, score and answer.
    answer(sara, choose=["France", "Spain"])
    shoot_phone(sara, "answer-received")
    earned = Player.objects.get(nickname="Sara").score
    assert earned == 1000 if scoring == "fair" else earned > 500  # question 1 counted at its reveal
    sara.reload()
    sara.wait_for_selector(".game-received", timeout=WAIT)
    assert nickname_on(sara) == "Sara"
    assert score_on(sara) == earned == Player.objects.get(nickname="Sara").score
    assert "France" in sara.inner_text(".your-answer") and "Spain" in sara.inner_text(".your-answer")
    assert sara.locator("form.game-answer").count() == 0  # one answer per question
    assert Player.objects.filter(nickname="Sara").count() == 1  # not joined a second time
    answer(amal, choose=["فرنسا"])
    answer(ben, choose=["France", "Spain"])
    shows(host, "reveal", 1)
    host_clicks(host, "next")
    shows(host, "question", 2)

    # 3. True/false: Sara reloads before answering and can still answer; she is wrong.
    sara.wait_for_selector("form.game-answer", timeout=WAIT)
    earned = Player.objects.get(nickname="Sara").score
    assert earned == 2000 if scoring == "fair" else earned > 1000
    sara.reload()
    sara.wait_for_selector(".game-state-question form.game-answer", timeout=WAIT)
    assert nickname_on(sara) == "Sara"
    assert score_on(sara) == earned
    answer(sara, choose=["False"])
    answer(amal, choose=["صواب"])
    answer(ben, choose=["True"])
    shows(host, "reveal", 2)
    sara.wait_for_selector(".game-result-wrong", timeout=WAIT)
    shoot_phone(sara, "result-wrong")
    host_clicks(host, "next")
    shows(host, "question", 3)

    # 4. Short answer, paused and resumed first; the last question: the podium follows.
    for phone in (amal, sara):
        phone.wait_for_selector('.game-state[data-position="3"] form.game-answer', timeout=WAIT)
    host_clicks(host, "pause")
    host.wait_for_selector(".game-paused", timeout=WAIT)
    for phone in (amal, sara):
        phone.wait_for_selector("form.game-answer .game-send[disabled]", timeout=WAIT)
    shoot_host("paused")
    shoot_phone(amal, "paused")
    shoot_phone(sara, "paused")
    host_clicks(host, "resume")
    host.wait_for_selector("[data-countdown]", timeout=WAIT)
    answer(amal, text="مكسيكو")
    answer(ben, text="Mexico City")
    answer(sara, text="Queretaro")
    shows(host, "reveal", 3)
    amal.wait_for_selector(".game-result-wrong", timeout=WAIT)
    shoot_host("reveal-short-answer")
    shoot_phone(amal, "result-wrong")
    host_clicks(host, "next")

    host.wait_for_selector(".game-podium", timeout=WAIT)
    for phone in (amal, sara):
        phone.wait_for_selector(".game-state-finished", timeout=WAIT)
    shoot_host("podium")
    shoot_phone(amal, "final")
    shoot_phone(sara, "final")
    scores = dict(Player.objects.values_list("nickname", "score"))
    if scoring == "fair":
        # Amal 1000 + 500 (half of multiple response) + 1000 + 0; Ben 0 + 1000 + 1000 + 0; Sara 1000 + 1000 + 0 + 1000.
        assert scores == {"أمل": 2500, "Ben": 2000, "Sara": 3000}
    else:
        assert scores["Sara"] > scores["أمل"] > scores["Ben"] > 0
        assert scores != {"أمل": 2500, "Ben": 2000, "Sara": 3000}  # speed and streaks count
    assert host.locator(".game-podium .game-name").all_inner_texts() == ["Sara", "أمل", "Ben"]  # first, second, third
    assert score_on(sara) == scores["Sara"] and score_on(amal) == scores["أمل"]
    assert Game.objects.get().state == GameState.FINISHED
    for page in (host, amal, ben, sara):
        assert not page.console_errors, page.console_errors
