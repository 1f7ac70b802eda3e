"""The load test in miniature, so `make test` keeps the benchmark harness working.

A few locust users of every kind (bench/locustfile.py) run for a few seconds against the live test server;
no timing is asserted, only that every endpoint was reached and nothing failed.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USER_CLASSES = ["LogIn", "BareDjango", "Baseline", "ExamLearner", "AttemptPageLoop", "OneQuestionPageLoop", "AnswerSaveLoop",
                "SubmitLoop"]
ENDPOINTS = {"login page", "log in", "bare Django", "baseline", "quiz page", "start", "attempt page", "attempt page (1 question)",
             "answer save", "submit page", "submit", "review page"}

pytestmark = [pytest.mark.xdist_group("bench"), pytest.mark.slow]


@pytest.fixture
def plan(transactional_db, tmp_path):
    """A small version of the benchmark's data (bench/prepare.py), committed so the live server sees it."""
    from bench import prepare

    options = argparse.Namespace(learners=len(USER_CLASSES), bank_size=70, exam_questions=5, submit_rounds=2)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(prepare.build(options, {})))
    return path


def test_every_benchmark_endpoint_answers_a_few_users_without_an_error(live_server, plan, tmp_path, settings):
    settings.BENCH_BASELINE = True  # the live server runs in this process, with these settings
    samples = tmp_path / "samples.json"
    env = {**os.environ, "BENCH_PLAN": str(plan), "BENCH_SAMPLES": str(samples), "BENCH_THINK": "0-0.05",
           "BENCH_QUIT_AFTER": "0"}
    env.pop("BENCH_TLS_PROXY", None)
    users = str(len(USER_CLASSES))  # one of each class: locust shares users among classes of equal weight
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "-u", users, "-r", users, "--run-time", "8s", "--host", live_server.url, "--only-summary",
         "--exit-code-on-error", "0", "--loglevel", "WARNING", *USER_CLASSES],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=90,
    )
    assert samples.exists(), completed.stdout + completed.stderr
    result = json.loads(samples.read_text())
    reached = {name for name, _started, _duration, _failed in result["samples"]}
    assert result["failures"] == {}, result["failures"]
    assert ENDPOINTS <= reached, f"never requested: {sorted(ENDPOINTS - reached)}"
