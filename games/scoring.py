"""What an answer earns in a live game, and a team's score. Pure arithmetic: tested without a database.

Fair (the default): accuracy only. An answer earns its question type's grade × 1000 (a right answer 1000,
half right 500), however long the player took: a slow reader or a learner using a screen reader loses
nothing by it, and nobody gains by guessing fast.

Classic: a right answer earns more when it comes sooner, and right answers in a row earn a bonus.
    points = grade × 1000 × (1 − ½ × time taken / time limit)       (1000 at once, 500 at the last second)
           + 100 × min(streak, 5)      when the answer is fully right
where `streak` counts the questions answered fully right in a row before this one (so the second right
answer in a row earns +100, the sixth and later +500). A wrong or missing answer ends the streak.

Teams: a team's score is the mean of its members' scores, so a bigger team has no advantage.
"""

from __future__ import annotations

import math
from datetime import timedelta
from fractions import Fraction

POINTS = 1000
STREAK_BONUS = 100
MAX_STREAK = 5


def _rounded(value: Fraction) -> int:
    """Half up, never banker's rounding: 0.5 points is 1."""
    return math.floor(value + Fraction(1, 2))


def fair_points(fraction: Fraction) -> int:
    return _rounded(POINTS * Fraction(fraction))


def classic_points(fraction: Fraction, *, elapsed: timedelta, limit: timedelta, streak: int) -> int:
    fraction = Fraction(fraction)
    if fraction <= 0:
        return 0
    share = Fraction(max(elapsed, timedelta(0)) / limit) if limit else Fraction(0)
    share = min(share.limit_denominator(10_000), Fraction(1))
    points = POINTS * fraction * (1 - share / 2)
    if fraction == 1:
        points += STREAK_BONUS * min(streak, MAX_STREAK)
    return _rounded(points)


def answer_points(scoring: str, fraction: Fraction, *, elapsed: timedelta, limit: timedelta, streak: int) -> int:
    """What an answer earns under `scoring` ("fair" or "classic", `games.models.Scoring`)."""
    if scoring == "classic":
        return classic_points(fraction, elapsed=elapsed, limit=limit, streak=streak)
    return fair_points(fraction)


def team_scores(members: dict[int, list[int]]) -> list[tuple[int, int]]:
    """[(team, score)] best first: each team's mean member score, rounded; teams with no member are left out."""
    means = [(team, _rounded(Fraction(sum(scores), len(scores)))) for team, scores in members.items() if scores]
    return sorted(means, key=lambda item: (-item[1], item[0]))


def ranks(scores: list[int]) -> list[int]:
    """Competition ranks for `scores` sorted best first: equal scores share a rank (1, 2, 2, 4)."""
    result = []
    for index, score in enumerate(scores):
        result.append(result[-1] if index and score == scores[index - 1] else index + 1)
    return result
