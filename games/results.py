"""Results flow on: when a game ends, each signed-in player's answers become a finished attempt of its quiz.

The attempt then counts wherever a finished attempt of that quiz counts: the gradebook of every class the quiz is
assigned to (under the quiz's grading method), the learner's mastery per event and topic, and their spaced-review
cards. Guests have no account, so no attempt. The revealed questions are the attempt's questions, in the game's
order; a question the host skipped is left out, one a player did not answer scores 0.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import get_language

from games.models import Game, Player, PlayerAnswer
from quizzes.models import Question, QuestionVersion
from quizzes.services.attempts import RecordedAnswer, attempt_record


def game_record_attempts(*, game: Game, positions: list[int], now: datetime) -> int:
    """Record an attempt for every signed-in player who has none yet (idempotent: finishing again, or after a
    restart, records nothing twice); return how many were recorded. Called under the game row's lock."""
    if not positions:
        return 0
    players = list(
        Player.objects.filter(game=game, user__isnull=False, attempt__isnull=True, removed=False)
        .select_related("user")
        .prefetch_related(Prefetch("answers", queryset=PlayerAnswer.objects.filter(position__in=positions)))
    )
    if not players:
        return 0
    # A question deleted since the game was hosted keeps its frozen copy in the attempt, without the link.
    existing = set(Question.objects.filter(pk__in=[game.frozen(p)["question"] for p in positions])
                   .values_list("pk", flat=True))
    language = (get_language() or "ar")[:2]
    frozen_at = {position: game.frozen(position) for position in positions}
    asked = [(frozen["question"] if frozen["question"] in existing else None, frozen["snapshot"])
             for frozen in frozen_at.values()]
    versions = QuestionVersion.objects.of(asked)  # once for every player
    recorded = []
    for player in players:
        by_position = {answer.position: answer for answer in player.answers.all()}
        answers = []
        for position, (question_id, _data), version in zip(positions, asked, versions):
            frozen, answer = game.frozen(position), by_position.get(position)
            points = Decimal(frozen.get("points") or frozen["snapshot"].get("points") or 1)
            answers.append(RecordedAnswer(
                question_id=question_id, version=version, order=frozen["order"], points=points,
                response=answer.response if answer else None, fraction=answer.fraction if answer else None,
                answered_at=answer.answered_at if answer else None,
            ))
        player.attempt = attempt_record(quiz=game.quiz, learner=player.user, started_at=player.joined_at,
                                        finished_at=now, answers=answers, language=language)
        recorded.append(player)
    Player.objects.bulk_update(recorded, ["attempt"])
    return len(recorded)

