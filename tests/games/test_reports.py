"""The host's report of a game (issue 12, item 7): per question and per player, as CSV and XLSX, in the page's
language, right to left on Arabic pages; only the host (or a superuser) may download it."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from games import reports, services
from tests import factories
from tests.games.conftest import NOW, right_key, wrong_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def played(game, join):
    """Amal (signed in) right then wrong; the guest Badr wrong then nothing; the third question skipped."""
    amal = factories.learner(first_name="أمل", last_name="Saad")
    me, _ = join(game, "", user=amal)
    badr, _ = join(game, "Badr")
    game = services.game_start(game=game, now=NOW)
    services.game_answer(player=me, position=0, raw=right_key(game), now=NOW + timedelta(seconds=4))
    services.game_answer(player=badr, position=0, raw=wrong_key(game), now=NOW + timedelta(seconds=2))
    game = services.game_reveal(game=game, now=NOW + timedelta(seconds=10))
    game = services.game_next(game=game, now=NOW + timedelta(seconds=20))
    services.game_answer(player=me, position=1, raw=wrong_key(game), now=NOW + timedelta(seconds=26))
    game = services.game_reveal(game=game, now=NOW + timedelta(seconds=30))
    game = services.game_next(game=game, now=NOW + timedelta(seconds=40))
    return services.game_skip(game=game, now=NOW + timedelta(seconds=45))


def test_the_question_table_counts_how_the_room_answered(played):
    with translation.override("en"):
        rows = reports.questions_table(played, "en")
    assert rows[0] == ["Question", "Text", "Answers", "Right", "Partly right", "Wrong", "Mean points", "Mean time (s)"]
    assert rows[1][0] == 1 and rows[1][2:] == [2, 1, 0, 1, 500, 3]
    assert rows[2][2:] == [1, 0, 0, 1, 0, 6]
    assert rows[3][1].endswith("(skipped)") and rows[3][2] == 0 and rows[3][6] is None


def test_the_player_table_ranks_players_with_each_answer(played):
    with translation.override("en"):
        rows = reports.players_table(played, "en")
    assert rows[0][:5] == ["Rank", "Nickname", "Account", "Team", "Score"] and rows[0][5:7] == ["Q1 answer", "Q1 points"]
    amal, badr = rows[1], rows[2]
    assert amal[:5] == [1, "أمل Saad", "أمل Saad", None, 1000]
    assert amal[5] == "right 0" and amal[6] == 1000 and amal[8] == 0
    assert badr[:5] == [2, "Badr", "guest", None, 0] and badr[7:9] == [None, None]


def test_the_csv_has_a_byte_order_mark_and_both_tables(client, host, played):
    client.force_login(host)
    response = client.get(reverse("games:report", kwargs={"pk": played.pk, "fmt": "csv"}, urlconf=None).replace("/ar/", "/en/"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Questions"] and ["Players"] in rows
    assert rows[2][2:6] == ["2", "1", "0", "1"]  # numbers as plain numbers, never localised


def test_the_xlsx_is_right_to_left_on_arabic_pages_with_arabic_headers(client, host, played):
    client.force_login(host)
    with translation.override("ar"):
        url = reverse("games:report", kwargs={"pk": played.pk, "fmt": "xlsx"})
    response = client.get(url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    questions, players = workbook.worksheets
    assert questions.sheet_view.rightToLeft and players.sheet_view.rightToLeft
    assert questions.title == "الأسئلة" and players.cell(1, 1).value == "الترتيب"
    assert questions.cell(2, 3).value == 2


def test_only_the_host_may_download_the_report(client, played):
    url = reverse("games:report", kwargs={"pk": played.pk, "fmt": "csv"})
    client.force_login(factories.teacher(username="other-teacher"))
    assert client.get(url).status_code == 404
    client.force_login(factories.learner())
    assert client.get(url).status_code == 404
    assert client.get(reverse("games:report", kwargs={"pk": played.pk, "fmt": "pdf"})).status_code == 404


def test_the_podium_and_the_games_list_link_the_report(client, host, played):
    client.force_login(host)
    with translation.override("en"):
        html = client.get(reverse("games:list")).content.decode()
    assert reverse("games:report", kwargs={"pk": played.pk, "fmt": "xlsx"}).replace("/ar/", "/en/") in html
    from games.screens import host_screen

    with translation.override("en"):
        screen = host_screen(played, now=NOW, language="en", join_url="http://x/play/", request=None)
    assert "report.xlsx" in screen and "report.csv" in screen
