"""The live game's load test in miniature (bench/live_game.py), so `make test` keeps its harness working.

Three players, two questions, one daphne process on the in-memory layer and a throwaway SQLite database: every
step of the real run (HTTP joins with the rejoin cookie, the sockets, the host's commands, the answers and their
acknowledgements, the count of PlayerAnswer rows) runs once. No timing is asserted.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.xdist_group("bench"), pytest.mark.slow]


def test_three_players_play_two_questions_over_real_sockets_and_lose_nothing(tmp_path):
    out = tmp_path / "live-game.json"
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    subprocess.run([sys.executable, "-m", "bench.live_game", "--players", "3", "--questions", "2",
                    "--database-url", f"sqlite:///{tmp_path / 'game.sqlite3'}", "--redis-url", "",
                    "--json", str(out), "--log", str(tmp_path / "daphne.log")],
                   cwd=ROOT, env=env, check=True, timeout=240)
    (phase,) = json.loads(out.read_text())["phases"]
    assert phase["connected"] == 3 and phase["dropped"] == 0 and phase["broken"] == []
    assert phase["answers_sent"] == phase["answers_acked"] == phase["answers_in_db"] == 6
    assert phase["lost"] == 0
    assert phase["broadcast"]["count"] == 6 and phase["ack"]["count"] == 6
    # The report (docs/benchmarks.md) reads the same file: its section and target rows hold this run's figures.
    from bench import report

    results = {"live_game": [json.loads(out.read_text())]}
    section = "\n".join(report.live_game_section(results))
    assert "## Live game" in section and "| in-memory, 1 daphne | 3 |" in section and "did not break" in section
    rows = report.live_game_targets(results)
    assert len(rows) == 3 and "(6 of 6 received)" in rows[0] and "0 lost, 0 dropped" in rows[2]
