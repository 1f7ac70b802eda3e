"""Every scoring rule of the live game: fair, classic (speed and streak), teams, ranks."""

from datetime import timedelta
from fractions import Fraction

from games import scoring

LIMIT = timedelta(seconds=20)


def test_fair_scoring_counts_accuracy_only():
    assert scoring.fair_points(Fraction(1)) == 1000
    assert scoring.fair_points(Fraction(1, 2)) == 500
    assert scoring.fair_points(Fraction(1, 3)) == 333
    assert scoring.fair_points(Fraction(0)) == 0
    # However long it took, and whatever the streak: the same.
    assert scoring.answer_points("fair", Fraction(1), elapsed=LIMIT, limit=LIMIT, streak=4) == 1000
    assert scoring.answer_points("fair", Fraction(1), elapsed=timedelta(0), limit=LIMIT, streak=0) == 1000


def test_classic_scoring_falls_from_1000_to_500_over_the_time_limit():
    assert scoring.classic_points(Fraction(1), elapsed=timedelta(0), limit=LIMIT, streak=0) == 1000
    assert scoring.classic_points(Fraction(1), elapsed=timedelta(seconds=10), limit=LIMIT, streak=0) == 750
    assert scoring.classic_points(Fraction(1), elapsed=LIMIT, limit=LIMIT, streak=0) == 500
    # Later than the limit (the server's grace never reaches here, but the arithmetic stays bounded).
    assert scoring.classic_points(Fraction(1), elapsed=2 * LIMIT, limit=LIMIT, streak=0) == 500
    assert scoring.classic_points(Fraction(1, 2), elapsed=timedelta(0), limit=LIMIT, streak=0) == 500


def test_classic_streak_bonus_is_100_per_earlier_right_answer_up_to_500_and_only_for_a_right_answer():
    assert scoring.classic_points(Fraction(1), elapsed=timedelta(0), limit=LIMIT, streak=1) == 1100
    assert scoring.classic_points(Fraction(1), elapsed=timedelta(0), limit=LIMIT, streak=5) == 1500
    assert scoring.classic_points(Fraction(1), elapsed=timedelta(0), limit=LIMIT, streak=9) == 1500
    assert scoring.classic_points(Fraction(1, 2), elapsed=timedelta(0), limit=LIMIT, streak=3) == 500
    assert scoring.classic_points(Fraction(0), elapsed=timedelta(0), limit=LIMIT, streak=3) == 0


def test_half_points_round_up():
    assert scoring.fair_points(Fraction(1, 2000)) == 1


def test_a_team_scores_the_mean_of_its_members_so_size_does_not_matter():
    teams = scoring.team_scores({1: [1000, 0, 500], 2: [600], 3: []})
    assert teams == [(2, 600), (1, 500)]


def test_equal_scores_share_a_rank():
    assert scoring.ranks([3000, 2000, 2000, 1000]) == [1, 2, 2, 4]
    assert scoring.ranks([]) == []
