"""What the phones show (games.screens): one reading of the game for many phones gives each the same screen as
reading it for that phone alone, with a number of queries that does not grow with the players."""

import re
from datetime import timedelta

import pytest

from games import consumers, screens, services
from games.models import Game, Player
from tests.games.conftest import NOW, right_key, wrong_key

pytestmark = pytest.mark.django_db

# The countdown's clock is the moment of rendering: the only part of a screen that may differ between renders.
CLOCK = re.compile(r'data-now="\d+"')


@pytest.fixture(autouse=True)
def no_views_kept():
    """A test's game may reuse an earlier test's primary key: no view of it is kept from before."""
    consumers._views.clear()
    yield
    consumers._views.clear()


def same(html: str) -> str:
    return CLOCK.sub('data-now=""', html)


def players(game, join, count):
    return [join(game, f"Player {n}")[0] for n in range(count)]


def shared_screens(game_id, language="en", tick="t1"):
    view = consumers.shared_view(game_id, tick)
    return {pk: screens.player_screen(player, view, now=NOW + timedelta(seconds=5), language=language)
            for pk, player in view.players.items()}


def alone_screens(game_id, language="en"):
    return {player.pk: screens.player_screen(player, Game.objects.get(pk=game_id), now=NOW + timedelta(seconds=5),
                                             language=language)
            for player in Player.objects.filter(game_id=game_id)}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_shared_view_gives_each_phone_the_screen_it_gets_alone_in_every_state(game, join, language):
    joined = players(game, join, 3)
    tick = iter(range(100))

    def check():
        shared = shared_screens(game.pk, language, tick=f"{language}-{next(tick)}")
        alone = alone_screens(game.pk, language)
        assert {pk: same(html) for pk, html in shared.items()} == {pk: same(html) for pk, html in alone.items()}
        return shared

    check()  # the lobby
    services.game_start(game=game, now=NOW)
    game = Game.objects.get(pk=game.pk)
    question = check()
    assert all('class="game-answer' in html for html in question.values())
    services.game_answer(player=joined[0], position=0, raw=right_key(game), now=NOW + timedelta(seconds=2))
    services.game_answer(player=joined[1], position=0, raw=wrong_key(game), now=NOW + timedelta(seconds=3))
    answered = check()
    assert "game-received" in answered[joined[0].pk] and 'class="game-answer' in answered[joined[2].pk]
    services.game_reveal(game=game, now=NOW + timedelta(seconds=4))
    reveal = check()
    assert "game-result-right" in reveal[joined[0].pk] and "game-result-wrong" in reveal[joined[1].pk]
    services.game_leaderboard(game=Game.objects.get(pk=game.pk), now=NOW + timedelta(seconds=5))
    check()
    services.player_remove(player=Player.objects.get(pk=joined[2].pk))
    removed = check()
    assert "removed you" in removed[joined[2].pk] or language == "ar"
    services.game_end(game=Game.objects.get(pk=game.pk), now=NOW + timedelta(seconds=6))
    check()  # the final result


def test_the_phones_of_a_process_read_the_game_once_however_many_they_are(game, join, django_assert_num_queries):
    players(game, join, 3)
    services.game_start(game=game, now=NOW)
    # The game, its players; no answers yet is one more query; nothing per phone.
    with django_assert_num_queries(3):
        few = shared_screens(game.pk, tick="few")
    assert len(few) == 3
    for n in range(3, 30):
        Player.objects.create(game=game, nickname=f"Late {n}", nickname_key=f"late {n}", joined_at=NOW,
                              token_hash="x" * 64)
    with django_assert_num_queries(3):
        many = shared_screens(game.pk, tick="many")
    assert len(many) == 30


def test_the_question_form_is_rendered_once_per_language(game, join, monkeypatch):
    players(game, join, 4)
    services.game_start(game=game, now=NOW)
    rendered = []
    original = screens.formulation
    monkeypatch.setattr(screens, "formulation", lambda *args, **kwargs: rendered.append(kwargs["language"])
                        or original(*args, **kwargs))
    view = consumers.shared_view(game.pk, "forms")
    for player in view.players.values():
        for language in ("ar", "en"):
            screens.player_screen(player, view, now=NOW, language=language)
    assert sorted(rendered) == ["ar", "en"]


def test_a_new_change_is_read_again(game, join):
    """A tick names one change: the next change's tick reads the rows again and shows what changed."""
    amal = players(game, join, 1)[0]
    assert "game-state-lobby" in shared_screens(game.pk, tick="before")[amal.pk]
    services.game_start(game=game, now=NOW)
    assert "game-state-lobby" in shared_screens(game.pk, tick="before")[amal.pk]  # the same change, kept
    assert "game-state-question" in shared_screens(game.pk, tick="after")[amal.pk]


def test_a_process_keeps_only_the_latest_views(game):
    for n in range(consumers.VIEWS_KEPT + 3):
        consumers.shared_view(game.pk, str(n))
    assert len(consumers._views) == consumers.VIEWS_KEPT
    assert (game.pk, "0") not in consumers._views and (game.pk, str(consumers.VIEWS_KEPT + 2)) in consumers._views
