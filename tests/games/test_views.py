"""The live game's pages: who may host and control a game, joining with a PIN, the rate limit, the QR code."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from games import services
from games.consumers import player_cookie
from games.models import Game, GameState, Player
from games.views import qr_svg
from tests import factories
from tests.games.conftest import right_key

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


# --- hosting -------------------------------------------------------------------------------------
def test_a_teacher_hosts_a_game_of_their_quiz(client, host, choice_quiz):
    signed_in(client, host)
    assert client.get(f"/en/games/host/{choice_quiz.pk}/").status_code == 200
    response = client.post(f"/en/games/host/{choice_quiz.pk}/", {
        "scoring": "classic", "teams": "0", "seconds_per_question": "20", "classroom": ""})
    game = Game.objects.get()
    assert response.status_code == 302 and response.url == f"/en/games/{game.pk}/"
    assert (game.scoring, game.seconds_per_question, game.host) == ("classic", 20, host)
    assert client.get("/en/games/").status_code == 200


def test_an_essay_quiz_shows_why_it_cannot_be_played(client, host):
    from quizzes.models import Quiz, QuizQuestion

    quiz = Quiz.objects.create(owner=host, title_en="Essay", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(definition=factories.essay_def()), position=0)
    page = signed_in(client, host).get(f"/en/games/host/{quiz.pk}/")
    assert "cannot be played live" in page.content.decode() and "Why Mexico" in page.content.decode()


@pytest.mark.parametrize("who", ["other_teacher", "learner"])
def test_nobody_else_hosts_or_sees_a_teachers_game(client, game, choice_quiz, who):
    other = factories.teacher() if who == "other_teacher" else factories.learner()
    signed_in(client, other)
    for url in (f"/en/games/host/{choice_quiz.pk}/", f"/en/games/{game.pk}/", f"/en/games/{game.pk}/qr.svg"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/en/games/{game.pk}/command/", {"command": "start"}).status_code == 404
    assert client.post(f"/en/games/host/{choice_quiz.pk}/", {"scoring": "fair", "teams": "0",
                                                             "seconds_per_question": "30"}).status_code == 404


def test_a_guest_is_sent_to_log_in_to_host(client, game):
    assert client.get(f"/en/games/{game.pk}/").status_code == 302
    assert client.get("/en/games/").status_code == 302


def test_the_host_screen_costs_a_bounded_number_of_queries_in_every_state(client, host, game, join,
                                                                          django_assert_max_num_queries):
    for name in ("Amal", "Badr", "Carim"):
        join(game, name)
    signed_in(client, host)
    url = f"/en/games/{game.pk}/"
    with django_assert_max_num_queries(8):  # session, user, groups, game, players
        assert "3 players have joined" in client.get(url).content.decode()
    game = services.game_start(game=game, now=timezone.now())
    for player in Player.objects.filter(game=game):
        services.game_answer(player=player, position=0, raw=right_key(game), now=timezone.now())
    with django_assert_max_num_queries(9):
        assert "3 of 3 players answered" in client.get(url).content.decode().replace("<bdi>", "").replace("</bdi>", "")
    services.game_reveal(game=game, now=timezone.now())
    with django_assert_max_num_queries(10):
        assert "How the room answered" in client.get(url).content.decode()
    game = services.game_leaderboard(game=Game.objects.get(pk=game.pk), now=timezone.now())
    with django_assert_max_num_queries(8):
        assert "Leaderboard" in client.get(url).content.decode()
    services.game_end(game=game, now=timezone.now())
    with django_assert_max_num_queries(8):
        assert "Podium" in client.get(url).content.decode()


def test_the_host_commands_by_form(client, host, game, join):
    amal, _ = join(game, "Amal")
    signed_in(client, host)
    assert client.post(f"/en/games/{game.pk}/command/", {"command": "start"}).status_code == 302
    assert Game.objects.get(pk=game.pk).state == GameState.QUESTION
    client.post(f"/en/games/{game.pk}/command/", {"command": "remove", "player": amal.pk})
    assert Player.objects.get(pk=amal.pk).removed


def test_the_qr_code_is_an_svg_of_the_join_address(client, host, game):
    response = signed_in(client, host).get(f"/ar/games/{game.pk}/qr.svg")
    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml" and svg.startswith("<svg")
    assert "٠" not in svg and "١" not in svg  # numbers in the drawing are never localised
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg  # a file an <img> can show
    assert qr_svg(f"http://testserver/ar/play/{game.pin}/").decode() == svg
    assert qr_svg("http://testserver/ar/play/000000/").decode() != svg


# --- joining -------------------------------------------------------------------------------------
def test_a_guest_joins_by_pin_and_nickname_and_comes_back_with_the_cookie(client, game):
    response = client.post("/en/play/", {"pin": f"{game.pin[:3]} {game.pin[3:]}"})
    assert response.status_code == 302 and response.url == f"/en/play/{game.pin}/"
    page = client.get(response.url)
    assert "Your nickname" in page.content.decode()
    joined = client.post(response.url, {"nickname": "<b>Amal</b>"})
    cookie = joined.cookies[player_cookie(game)]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(response.url).content.decode()
    assert "You&#x27;re in!" in page or "You're in!" in page
    assert "&lt;b&gt;Amal&lt;/b&gt;" in page and "<b>Amal</b>" not in page  # escaped, never marked safe


def test_arabic_indic_digits_find_the_game(client, game):
    arabic = game.pin.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.post("/ar/play/", {"pin": arabic}).url == f"/ar/play/{game.pin}/"


def test_a_taken_nickname_is_refused_with_a_clear_message(client, game, join):
    join(game, "Amal")
    page = client.post(f"/en/play/{game.pin}/", {"nickname": "amal"})
    assert page.status_code == 400 and "already has that nickname" in page.content.decode()


def test_a_signed_in_learner_joins_under_their_name(client, game):
    learner = factories.learner(username="salma")
    signed_in(client, learner)
    client.post(f"/en/play/{game.pin}/", {})
    assert Player.objects.get(game=game).user == learner


@override_settings(GAME_PIN_REFUSALS_PER_ADDRESS="4/15m")
def test_a_wrong_pin_is_404_and_guessing_pins_is_rate_limited(client, game):
    wrong = "000000" if game.pin != "000000" else "111111"
    assert client.post("/en/play/", {"pin": wrong}).status_code == 404
    assert client.get(f"/en/play/{wrong}/").status_code == 404
    assert client.post("/en/play/", {"pin": game.pin}).status_code == 302  # the right PIN counts nothing
    client.post("/en/play/", {"pin": wrong})
    client.post("/en/play/", {"pin": wrong})
    refused = client.post("/en/play/", {"pin": game.pin})  # past the limit even the right PIN waits
    assert refused.status_code == 429
    assert client.get(f"/en/play/{game.pin}/").status_code == 429


def test_an_answer_by_form_counts_like_one_over_the_socket(client, game, join):
    _amal, token = join(game, "Amal")
    game = services.game_start(game=game, now=timezone.now())
    client.cookies[player_cookie(game)] = token
    client.post(f"/en/play/{game.pin}/answer/", {"position": "0", "response": right_key(game)})
    # The only player answered: the question closed and the phone shows its result.
    assert Game.objects.get(pk=game.pk).state == GameState.REVEAL
    assert "+1000 points" in client.get(f"/en/play/{game.pin}/").content.decode()


def test_the_phone_page_shows_the_question_in_arabic_rtl(client, game, join):
    _amal, token = join(game, "أمل")
    services.game_start(game=game, now=timezone.now())
    client.cookies[player_cookie(game)] = token
    page = client.get(f"/ar/play/{game.pin}/").content.decode()
    assert 'dir="rtl"' in page and "متى وقعت معركة بويبلا؟" in page and 'name="response"' in page


@pytest.mark.parametrize("qtype", ["cloze", "gapselect", "ddwtos"])
def test_the_newer_types_are_played_on_a_phone_with_their_own_controls(client, host, make_game, join, qtype):
    """Cloze and the gap types are answered on a phone as in an attempt (their selects and fields), graded by
    the type, and show nothing of the key before the reveal (issue 11: "everywhere the seven types work")."""
    from quizzes.models import Quiz, QuizQuestion
    from tests.quizzes.question_types import gap_questions
    from tests.quizzes.question_types.test_cloze import puebla as cloze_puebla

    definition = cloze_puebla() if qtype == "cloze" else gap_questions.puebla(qtype, shuffle=False)
    bank = factories.bank(owner=host)
    quiz = Quiz.objects.create(owner=host, title_ar="لعبة", title_en="Game", is_published=True, shuffle_choices=False)
    QuizQuestion.objects.create(quiz=quiz, question=factories.question(bank_obj=bank, definition=definition))
    game = make_game(quiz)
    _amal, token = join(game, "أمل")
    game = services.game_start(game=game, now=timezone.now())
    client.cookies[player_cookie(game)] = token
    phone = client.get(f"/ar/play/{game.pin}/").content.decode()
    assert 'name="response-1"' in phone and "key-right" not in phone
    right = game.question_type(0).correct_response(game.definition(0))
    fields = {f"response-{number}": value for number, value in right.items()}
    client.post(f"/en/play/{game.pin}/answer/", {"position": "0", **fields})
    assert Game.objects.get(pk=game.pk).state == GameState.REVEAL
    assert "+1000 points" in client.get(f"/en/play/{game.pin}/").content.decode()
    projector = signed_in(client, host).get(reverse("games:host", kwargs={"pk": game.pk}))
    assert projector.status_code == 200 and 'dir="rtl"' in projector.content.decode()
