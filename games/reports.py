"""A finished (or running) game's report for its host: one table per question and one per player, as CSV
(UTF-8 with a byte-order mark, so Excel shows Arabic; both tables one after the other) or as XLSX (two sheets,
right to left on Arabic pages). Every cell goes through `quizzes.spreadsheets`, so no text a spreadsheet reads
is a formula. Numbers are numbers: nothing is localised.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from games.models import Game, PlayerAnswer
from games.screens import ranked_players
from quizzes import definitions as defs
from quizzes.spreadsheets import csv_writer, xlsx_write

TITLE_LENGTH = 80


def question_title(game: Game, position: int, language: str) -> str:
    definition = game.definition(position)
    text = " ".join(defs.text_of(definition.text, language).split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"


def _answers(game: Game) -> dict[tuple[int, int], PlayerAnswer]:
    return {(answer.player_id, answer.position): answer
            for answer in PlayerAnswer.objects.filter(player__game=game)}


def _seconds(answer: PlayerAnswer) -> Decimal | None:
    return None if answer.elapsed is None else Decimal(answer.elapsed.total_seconds()).quantize(Decimal("0.1"))


def questions_table(game: Game, language: str, answers=None) -> list[list]:
    """One row per question asked: how the room answered it."""
    answers = _answers(game) if answers is None else answers
    rows = [[_("Question"), _("Text"), _("Answers"), _("Right"), _("Partly right"), _("Wrong"),
             _("Mean points"), _("Mean time (s)")]]
    by_position: dict[int, list[PlayerAnswer]] = {}
    for (_player, at), answer in answers.items():
        by_position.setdefault(at, []).append(answer)
    for position in range(min(game.position + 1, game.question_count)):
        given = by_position.get(position, [])
        right = sum(1 for answer in given if answer.fraction == 1)
        wrong = sum(1 for answer in given if answer.fraction == 0)
        times = [seconds for seconds in map(_seconds, given) if seconds is not None]
        skipped = position in game.skipped
        rows.append([
            position + 1,
            question_title(game, position, language) + (" " + _("(skipped)") if skipped else ""),
            len(given), right, len(given) - right - wrong, wrong,
            (Decimal(sum(a.points for a in given)) / len(given)).quantize(Decimal("0.1")) if given else None,
            (sum(times) / len(times)).quantize(Decimal("0.1")) if times else None,
        ])
    return rows


def players_table(game: Game, language: str, answers=None) -> list[list]:
    """One row per player, best first: who they are, their score and rank, and each question's points."""
    answers = _answers(game) if answers is None else answers
    asked = range(min(game.position + 1, game.question_count))
    header = [_("Rank"), _("Nickname"), _("Account"), _("Team"), _("Score")]
    for position in asked:
        header += [_("Q%(number)s answer") % {"number": position + 1},
                   _("Q%(number)s points") % {"number": position + 1}]
    rows = [header]
    ranked = ranked_players(game)
    users = get_user_model().objects.in_bulk([entry.player.user_id for entry in ranked if entry.player.user_id])
    for entry in ranked:
        player, user = entry.player, users.get(entry.player.user_id)
        account = (user.get_full_name() or user.get_username()) if user else _("guest")
        cells = [entry.rank, player.nickname, account, player.team + 1 if player.team is not None else None,
                 player.score]
        for position in asked:
            answer = answers.get((player.pk, position))
            if answer is None:
                cells += [None, None]
                continue
            qtype = game.question_type(position)
            cells += [qtype.summarise(game.definition(position), answer.response, language), answer.points]
        rows.append(cells)
    return rows


def report_csv(game: Game, language: str) -> bytes:
    answers = _answers(game)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow([_("Questions")])
    writer.writerows(questions_table(game, language, answers))
    writer.writerow([])
    writer.writerow([_("Players")])
    writer.writerows(players_table(game, language, answers))
    return buffer.getvalue().encode("utf-8-sig")


def report_xlsx(game: Game, language: str, *, rtl: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    answers = _answers(game)
    workbook = Workbook()
    sheets = [(workbook.active, _("Questions"), questions_table(game, language, answers)),
              (workbook.create_sheet(), _("Players"), players_table(game, language, answers))]
    for sheet, title, rows in sheets:
        # Sheet titles are at most 31 characters and may not contain []:*?/\ .
        sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31]
        sheet.sheet_view.rightToLeft = rtl
        for row_number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column)
                xlsx_write(cell, value)
                if row_number == 1:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
