"""Micro-benchmarks: single operations timed in one process, against the database DATABASE_URL names.

    DATABASE_URL=... python -m bench.micro [--json out.json]

- starting an attempt that draws 20 random questions from a 10,000-question bank (target: under 20 ms), and one
  drawn ahead of its opening (`prepare_attempts`; target: under 5 ms)
- grading a 50-question attempt (`attempt_submit`, and the grading alone, without the database)
- item statistics over 100,000 responses (target: under 2 s), when quizzes.statistics provides them
- the timeline page of a topic with 500 events (rendered through the test client)

It uses the bench bank when bench/prepare.py made one in this database and creates what it lacks, so it
also runs on its own against an empty database (after `migrate`). Not part of `make test`.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANK_SIZE = 10_000
RUNS = 30
RUN = secrets.token_hex(3)  # in the names of what this run creates, so it can run again on the same database


def timed(function, *, runs: int, warmup: int = 2) -> list[float]:
    """Milliseconds of each of `runs` calls of `function(i)` after `warmup` calls."""
    for i in range(warmup):
        function(-1 - i)
    durations = []
    for i in range(runs):
        started = time.perf_counter()
        function(i)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def summary(durations: list[float], *, target_ms: float | None = None, queries: int | None = None,
            note: str = "") -> dict:
    ordered = sorted(durations)
    return {
        "runs": len(ordered), "median_ms": statistics.median(ordered), "min_ms": ordered[0],
        "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)], "max_ms": ordered[-1],
        "target_ms": target_ms, "queries": queries, "note": note,
    }


def queries_of(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def the_bank():
    """The bench bank of 10,000 questions: bench/prepare.py's, or a new one."""
    from bench import dataset
    from quizzes.models import QuestionBank

    bank = QuestionBank.objects.filter(title_en__startswith="Benchmark bank").order_by("pk").first()
    if bank is None or bank.questions.count() < BANK_SIZE:
        bank = dataset.bank(owner=dataset.teacher(), size=BANK_SIZE)
    return bank


def micro_start(bank) -> dict:
    """attempt_start of a 20-question random draw from the 10,000-question bank, each for a new learner."""
    from django.utils import timezone

    from bench import dataset
    from quizzes.services.attempts import attempt_start, draw_questions

    quiz = dataset.exam(owner=dataset.teacher(), bank_obj=bank, questions=20, title="Micro start")
    learners = dataset.learners(count=RUNS + 3, prefix=f"micro-start-{RUN}-")
    now = timezone.now()
    durations = timed(lambda i: attempt_start(quiz=quiz, learner=learners[i], now=now, language="en"), runs=RUNS)
    learner = dataset.learners(count=1, prefix=f"micro-start-queries-{RUN}-")[0]
    queries = queries_of(lambda: attempt_start(quiz=quiz, learner=learner, now=now, language="en"))
    rng = random.Random(1)
    draw = timed(lambda _i: draw_questions(quiz=quiz, rng=rng), runs=RUNS)
    return summary(durations, target_ms=20, queries=queries,
                   note=f"of which the random draw (`draw_questions`): median {statistics.median(draw):.1f} ms")


def micro_start_cached(bank) -> dict:
    """attempt_start drawing questions whose versions exist and are cached (each draw made once before, same seed)."""
    from django.utils import timezone

    from bench import dataset
    from quizzes.services.attempts import attempt_start

    quiz = dataset.exam(owner=dataset.teacher(), bank_obj=bank, questions=20, title="Micro start (cached)")
    warmers = dataset.learners(count=RUNS + 2, prefix=f"micro-warm-{RUN}-")
    learners = dataset.learners(count=RUNS + 3, prefix=f"micro-cached-{RUN}-")
    now = timezone.now()
    for index, learner in enumerate(warmers):  # draws -2, -1, 0, 1, ... as `timed` numbers its calls
        attempt_start(quiz=quiz, learner=learner, now=now, language="en", seed=index - 2)
    durations = timed(lambda i: attempt_start(quiz=quiz, learner=learners[i], now=now, language="en", seed=i),
                      runs=RUNS)
    learner = dataset.learners(count=1, prefix=f"micro-cached-queries-{RUN}-")[0]
    queries = queries_of(lambda: attempt_start(quiz=quiz, learner=learner, now=now, language="en", seed=0))
    return summary(durations, target_ms=20, queries=queries,
                   note="the same 20-question draws as a start made before: every question's JSON from the cache "
                        "(`Question.objects.snapshots`) and its version found, not made")


def micro_grading(bank) -> dict:
    """attempt_submit of a 50-question attempt answered right (grade every question, save the marks)."""
    from django.utils import timezone

    from bench import dataset
    from quizzes.behaviours import behaviour_for
    from quizzes.models import Attempt
    from quizzes.services.attempts import attempt_submit

    quiz = dataset.exam(owner=dataset.teacher(), bank_obj=bank, questions=50, title="Micro grading")
    learners = dataset.learners(count=RUNS + 3, prefix=f"micro-grade-{RUN}-")
    drawer = dataset.Drawer(bank_obj=bank, pool=1000)
    attempts = dataset.attempts_in_progress(drawer=drawer, quiz=quiz, users=learners, questions=50, answered=True)
    now = timezone.now()
    durations = timed(lambda i: attempt_submit(attempt=attempts[i], now=now), runs=RUNS)
    behaviour = behaviour_for(quiz)
    fresh = Attempt.objects.select_related("quiz").get(pk=attempts[-1].pk)
    slots = list(fresh.slots.all())

    def grade_only(_i):
        for slot in slots:  # the definitions are the versions', parsed once per process as a submit finds them
            behaviour.final_fraction(slot)

    pure = timed(grade_only, runs=RUNS)
    again = dataset.attempts_in_progress(drawer=drawer, quiz=quiz,
                                         users=dataset.learners(count=1, prefix=f"micro-grade-queries-{RUN}-"),
                                         questions=50, answered=True)[0]
    queries = queries_of(lambda: attempt_submit(attempt=again, now=now))
    return summary(durations, queries=queries,
                   note=f"grading alone (50 questions, in Python, no database): median {statistics.median(pure):.1f} ms")


def statistics_entry():
    """The item-statistics function of quizzes.statistics, or why there is none."""
    if importlib.util.find_spec("quizzes.statistics") is None:
        return None, "quizzes/statistics.py does not exist in this tree yet"
    module = importlib.import_module("quizzes.statistics")
    for name in ("quiz_statistics", "item_statistics", "quiz_item_statistics", "statistics_for_quiz"):
        if callable(getattr(module, name, None)):
            return getattr(module, name), ""
    public = sorted(name for name in dir(module) if callable(getattr(module, name)) and not name.startswith("_"))
    return None, f"quizzes.statistics has none of the expected functions (it has: {', '.join(public)})"


def micro_statistics(bank) -> dict:
    """Item statistics of a 20-question quiz over 5,000 finished attempts (100,000 responses)."""
    function, reason = statistics_entry()
    if function is None:
        return {"skipped": reason, "target_ms": 2000}
    from bench import dataset

    quiz = dataset.finished_attempts(bank_obj=bank, responses=100_000, questions=20)
    durations = timed(lambda _i: function(quiz=quiz), runs=5, warmup=1)
    queries = queries_of(lambda: function(quiz=quiz))
    return summary(durations, target_ms=2000, queries=queries,
                   note=f"{function.__module__}.{function.__name__}(quiz=...)")


def micro_timeline() -> dict:
    """GET /en/topics/<slug>/ of a topic with 500 published events, through the test client."""
    from django.test import Client

    from bench import dataset
    from history.models import Topic

    topic = Topic.objects.filter(slug="bench-timeline").first() or dataset.topic_with_events(
        count=500, slug="bench-timeline")
    client = Client()
    url = f"/en/topics/{topic.slug}/"

    def fetch(_i):
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    durations = timed(fetch, runs=RUNS)
    queries = queries_of(lambda: fetch(0))
    size = len(client.get(url).content)
    return summary(durations, queries=queries, note=f"{size // 1024} KiB of HTML")


def micro_start_prepared(bank) -> dict:
    """attempt_start of an attempt drawn ahead of the opening (`attempts_prepare`, `manage.py prepare_attempts`):
    starting only flips its state."""
    from django.utils import timezone

    from bench import dataset
    from quizzes.services.attempts import attempt_start, attempts_prepare

    quiz = dataset.exam(owner=dataset.teacher(), bank_obj=bank, questions=20, title="Micro start (prepared)")
    learners = dataset.learners(count=RUNS + 3, prefix=f"micro-prepared-{RUN}-")
    learner = dataset.learners(count=1, prefix=f"micro-prepared-queries-{RUN}-")[0]
    now = timezone.now()
    started = time.perf_counter()
    attempts_prepare(quiz=quiz, learners=[*learners, learner], now=now)
    drawing_ms = (time.perf_counter() - started) * 1000
    durations = timed(lambda i: attempt_start(quiz=quiz, learner=learners[i], now=now, language="en"), runs=RUNS)
    queries = queries_of(lambda: attempt_start(quiz=quiz, learner=learner, now=now, language="en"))
    return summary(durations, target_ms=5, queries=queries,
                   note=f"drawn ahead by `attempts_prepare` ({len(learners) + 1} learners in {drawing_ms:.0f} ms, "
                        f"{drawing_ms / (len(learners) + 1):.1f} ms each, before the opening)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", default="start,start_cached,start_prepared,grading,statistics,timeline",
                        help="comma-separated: start, start_cached, start_prepared, grading, statistics, timeline")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    bank = the_bank()
    results = {"database": connection.vendor}
    for key, function in [("start", lambda: micro_start(bank)), ("start_cached", lambda: micro_start_cached(bank)),
                          ("start_prepared", lambda: micro_start_prepared(bank)),
                          ("grading", lambda: micro_grading(bank)),
                          ("statistics", lambda: micro_statistics(bank)), ("timeline", micro_timeline)]:
        if key not in options.only.split(","):
            continue
        results[key] = function()
        shown = results[key]
        if "skipped" in shown:
            print(f"{key}: skipped — {shown['skipped']}")
        else:
            print(f"{key}: median {shown['median_ms']:.1f} ms, p95 {shown['p95_ms']:.1f} ms, "
                  f"{shown['queries']} queries. {shown['note']}")
    if options.json:
        options.json.write_text(json.dumps(results, default=str))


if __name__ == "__main__":
    main()
