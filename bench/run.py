"""`make bench`: the exam-hall load tests on PostgreSQL (gunicorn, Redis), two nodes behind HAProxy, `make run`'s
classroom stack on SQLite, the micro-benchmarks, the live game, and docs/benchmarks.md written from this run.

For each database the runner creates its own data in a database of its own (PostgreSQL `tarikh_bench`,
dropped at the end; SQLite bench/.bench.sqlite3), starts the server in production mode, and drives it with
locust from a second process on 127.0.0.1, one phase (one locust run) after another:

    log-in         learners log in at once (the password hash is slow on purpose): measured on its own
    bare           bare Django (config/baseline.py `bare`: no session, no user, no query), closed loop: the ceiling
    baseline       the signed-in baseline page (config/baseline.py), closed loop
    exam burst     1,000 learners (PostgreSQL; 60 on SQLite), already signed in, all started within 10 s: each
                   opens the quiz, starts it, opens the attempt, autosaves each answer, opens the submit page,
                   submits and reads the review, pausing 2–6 s between actions; py-spy samples the workers.
                   On PostgreSQL it is an exam hall, as a school runs one: the exam is class-only and assigned to
                   a class of the burst's learners, opening an hour after the data is made; before the burst the
                   runner runs `manage.py prepare_attempts --within 90` as cron would (its own process, the
                   server's environment), timed, which draws every learner's attempt ahead; then it moves the
                   assignment's opening to now (the clock is moved to the opening instead of waiting for it),
                   and after the burst it checks in the database that every start used an attempt drawn ahead
    break          2,000 learners arriving at the same rate, stopped at the first error or once the p95 of the
                   last 5 s passes 10 s, or after 120 s: where it breaks (PostgreSQL only). Its exam, like the
                   HAProxy burst's, is a plain published quiz without pre-created attempts: each start draws its
                   questions at that moment, so the random draw is still measured under load
    throughput     each endpoint alone, closed loop at the baseline's concurrency (300 users): its requests/s
                   divided by the baseline's is the ratio the targets speak of
    two nodes      (PostgreSQL) a second gunicorn beside the first, both behind HAProxy (bench/haproxy.py,
                   roundrobin, no stickiness): the attempt page's throughput one node direct, one node behind
                   HAProxy and two behind it, then a 300-learner burst through HAProxy whose acknowledged
                   answers are counted back in the database

The PostgreSQL server runs as production does (gunicorn gthread, REDIS_URL for cache and sessions); the SQLite
one is exactly `make run` (`python -m config.serve`: one daphne process, plain HTTP, no Redis).

    .venv/bin/python bench/run.py [--quick] [--only PART[,PART...]] [--skip-postgres] [--skip-sqlite] ...

PART is one of: login, bare, baseline, burst, break, loops, compare, profiles, haproxy, micro, sqlite, live-game
(`--only haproxy --quick` tries the two-node phase alone on small sizes). A partial run (--only, --quick or any
--skip-*) writes its document to bench/.runs/benchmarks-partial.md unless --output says otherwise, so
docs/benchmarks.md only ever holds full runs, and only a full run adds itself to bench/history.json.

For hunting a fault or trying a setting (`make bench` sets none of them): BENCH_SERVER_SETTINGS (another
gunicorn setting, as gthread:3:8), BENCH_KEEP_ALIVE_S (gunicorn's --keep-alive, 15 s), BENCH_GUNICORN_LOG_LEVEL
(debug logs every connection gunicorn closes) and BENCH_GUNICORN_ARGS (more of gunicorn's options). A run
with any of them set is partial: it writes docs/benchmarks.md only when --output names it, and never adds to
bench/history.json; the server's command line in its document shows what was set.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pickle
import platform
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import haproxy, report  # noqa: E402
from bench.processes import SERVICES, CpuLedger, free_port, stop  # noqa: E402
from bench.profiles import summarise  # noqa: E402

BENCH = ROOT / "bench"
RUNS = BENCH / ".runs"
SQLITE_FILE = BENCH / ".bench.sqlite3"
DOC = ROOT / "docs" / "benchmarks.md"
RESULTS = RUNS / "results.pickle"
HISTORY = BENCH / "history.json"
PARTIAL_DOC = RUNS / "benchmarks-partial.md"
STATIC_BUILD = RUNS / "static"
PARTS = ["login", "bare", "baseline", "burst", "break", "loops", "compare", "profiles", "haproxy", "micro", "sqlite",
         "live-game"]
BIN = Path(sys.executable).parent
PG_DATABASE = os.environ.get("BENCH_POSTGRES_DATABASE") or "tarikh_bench"  # another name: two runs side by side
SECRET_KEY = "tarikh-benchmark-only-key-3f9c1d7e8a2b4c6d0e5f7a9b1c3d5e7f"
SETTLE_S = 2.0  # after the last user is spawned, before a throughput window opens
# Settings to try or hunt a fault with (see the module's docstring): a run with any of them set is partial.
TRIAL_SETTINGS = ("BENCH_SERVER_SETTINGS", "BENCH_KEEP_ALIVE_S", "BENCH_GUNICORN_LOG_LEVEL", "BENCH_GUNICORN_ARGS")
# gunicorn keeps an idle connection this long. It must outlast a learner's longest pause (6 s here): a
# shorter one closes connections just as the next autosave arrives on them, and locust, unlike a browser,
# does not retry, so the run would count connection resets that no learner would see.
KEEP_ALIVE_S = int(os.environ.get("BENCH_KEEP_ALIVE_S") or 15)
# Another gunicorn log level for a run that hunts a fault (debug logs every closed connection).
GUNICORN_LOG_LEVEL = os.environ.get("BENCH_GUNICORN_LOG_LEVEL") or "warning"
PROFILE_ROUNDS = 2
COMPARE_WINDOW_S = 4
# Where the 2,000-learner run counts as broken: the first error, or the p95 of the last BREAK_WINDOW_S seconds
# over BREAK_P95_MS (five times the start and attempt-page targets: learners staring at a spinner).
BREAK_P95_MS = 10_000
BREAK_WINDOW_S = 5
# The phase ends here if it has not broken (bounded, whatever happens): 2,000 arrive in 20 s and a learner's exam
# takes about 100 s, so a server that copes is seen through most of it.
BREAK_LIMIT_S = 120
BURST_LIMIT_S = 300  # the 1,000-learner burst's bound (about 110 s when the server keeps up)
# Questions of each live game: 5 × 300 players is 1,500 broadcasts and answers for each percentile, and the
# 1,000-player game, five minutes with 10 questions on a slow machine of this kind, fits the 20-minute run.
LIVE_GAME_QUESTIONS = 5
# The exam burst's py-spy sampling rate (per second): low enough to cost the workers little.
BURST_PROFILE_RATE = 10
# The exam hall's assignment opens an hour after the data is made (bench/dataset.py EXAM_HALL_OPENS_IN); the
# cron job's `prepare_attempts --within` this many minutes reaches it.
PREPARE_WITHIN_MIN = 90
# The profiled burst's hall opens three hours after the data is made (bench/prepare.py PROFILE_HALL_OPENS_IN_H):
# this `--within` reaches it, once the first hall has opened (only upcoming openings are drawn ahead).
PROFILE_WITHIN_MIN = 240


# --- settings --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServerSettings:
    """How gunicorn runs: worker class, processes, threads per process."""

    worker_class: str
    workers: int
    threads: int = 1

    @property
    def label(self) -> str:
        if self.worker_class == "sync":
            return f"sync, {self.workers} workers"
        return f"{self.worker_class}, {self.workers} workers × {self.threads} threads"

    def args(self) -> list[str]:
        return ["--worker-class", self.worker_class, "--workers", str(self.workers), "--threads", str(self.threads)]


# Chosen by measurement (see the comparison each run makes and bench/FINDINGS.md, "The tenth session"): a worker
# per core, four threads each, the best burst of the tenth session's runs; eight (the choice until 2026-12-03)
# lost to the GIL while requests built their SQL, two left the cores idle once they did not.
CHOSEN = ServerSettings("gthread", 2, 4)
if os.environ.get("BENCH_SERVER_SETTINGS"):  # another setting to try, as class:workers:threads (gthread:4:4)
    try:
        _kind, _workers, _threads = os.environ["BENCH_SERVER_SETTINGS"].split(":")
        CHOSEN = ServerSettings(_kind, int(_workers), int(_threads))
    except ValueError:
        raise SystemExit(f"BENCH_SERVER_SETTINGS={os.environ['BENCH_SERVER_SETTINGS']!r}: expected "
                         "class:workers:threads, as gthread:3:2") from None
# More and fewer threads, measured in every run beside the chosen one; three workers and sync workers (5, the
# classic 2 × cores + 1) are in bench/FINDINGS.md's series, no longer in every run (20 minutes).
ALTERNATIVES = [ServerSettings("gthread", 2, 8), ServerSettings("gthread", 2, 2)]


@dataclass
class Scenario:
    """One database and the sizes of its phases."""

    key: str
    title: str
    database_url: str
    learners: int  # the users of the closed loops (and the pre-made attempts they read)
    spawn_rate: int
    logins: int
    submit_rounds: int
    window_s: float
    burst_think: str
    compare_workers: bool = False
    burst_learners: int = 0  # the exam burst (0: as many as the closed loops)
    burst_spawn_rate: int = 0
    break_learners: int = 0  # the run to where it breaks (0: none)
    redis_url: str = ""
    server: str = "gunicorn"  # or "make-run": exactly what `make run` serves (config/serve.py)
    haproxy_learners: int = 0  # the two-node burst behind HAProxy (0: no two-node phase)
    haproxy_think: str = "1-3"
    # The exam burst's exam is scheduled for a class of its learners, its attempts drawn ahead by
    # `manage.py prepare_attempts` (bench/prepare.py --exam-hall); False: a plain published quiz.
    exam_hall: bool = False
    # Learners of the second, profiled burst (on a second exam hall) that profiles the exam burst's misses.
    profile_burst: int = 0

    @property
    def all_learners(self) -> int:
        return max(self.learners, self.burst_size, self.break_learners, self.haproxy_learners)

    @property
    def burst_size(self) -> int:
        return self.burst_learners or self.learners

    @property
    def burst_rate(self) -> int:
        return self.burst_spawn_rate or self.spawn_rate

    @property
    def tls_proxy(self) -> bool:
        """Whether requests come as from a TLS proxy (production); `make run` serves plain HTTP."""
        return self.server == "gunicorn"


# --- measuring -------------------------------------------------------------------------------------
class CpuMonitor:
    """The CPU used by the server (gunicorn or daphne, with its workers), locust, PostgreSQL, Redis, HAProxy and
    everything else, sampled twice a second (bench.processes.CpuLedger: processes that end, as PostgreSQL's
    backends do, still count)."""

    GROUPS = ("gunicorn", "locust", "postgres", "redis", "haproxy")

    def __init__(self) -> None:
        self.server_pids: list[int] = []
        self.locust_pid: int | None = None
        self._trees: dict[int, str] = {}
        self.ledger = CpuLedger(self._group_of, refresh=self._refresh)

    def start(self) -> None:
        self.ledger.start()

    def stop(self) -> None:
        self.ledger.stop()

    def _tree(self, pid: int | None) -> set[int]:
        if not pid:
            return set()
        try:
            parent = psutil.Process(pid)
            return {pid} | {child.pid for child in parent.children(recursive=True)}
        except psutil.Error:
            return set()

    def _refresh(self) -> None:
        trees = {pid: "locust" for pid in self._tree(self.locust_pid)}
        for server in self.server_pids:
            trees.update({pid: "gunicorn" for pid in self._tree(server)})
        self._trees = trees

    def _group_of(self, process: psutil.Process) -> str | None:
        return self._trees.get(process.pid) or SERVICES.get(process.info["name"])

    @property
    def server_pid(self) -> int | None:
        return self.server_pids[0] if self.server_pids else None

    @server_pid.setter
    def server_pid(self, pid: int | None) -> None:
        self.server_pids = [pid] if pid else []

    def usage(self, start: float, end: float) -> dict[str, float]:
        """Percent of one core used by each group between `start` and `end` (a 2-core machine has 200%)."""
        used = self.ledger.usage(start, end)
        if not used:
            return {}
        used = {**{group: 0.0 for group in self.GROUPS}, **used}
        used["other"] = max(used["machine"] - sum(used[group] for group in self.GROUPS), 0.0)
        return used


@dataclass
class Row:
    name: str
    count: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    mean: float
    max: float


@dataclass
class Phase:
    key: str
    title: str
    user_class: str
    users: int
    spawn_rate: float
    wall_s: float
    window_s: float
    rows: dict[str, Row]
    failures: dict[str, int]
    cpu: dict[str, float]
    server_errors: dict[str, int]
    command: str
    note: str = ""
    extra: dict = field(default_factory=dict)  # the run to the break's `broke`; the HAProxy burst's nodes


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def rows_from(samples: list, start: float, end: float) -> dict[str, Row]:
    """Per request name: requests that completed inside [start, end], their rate and latency percentiles."""
    by_name: dict[str, list[tuple[float, bool]]] = {}
    for name, started, duration_ms, failed in samples:
        finished = started + duration_ms / 1000
        if start <= finished <= end:
            by_name.setdefault(name, []).append((duration_ms, failed))
    span = max(end - start, 1e-6)
    rows = {}
    for name, values in by_name.items():
        durations = [duration for duration, _failed in values]
        rows[name] = Row(name=name, count=len(values), failures=sum(1 for _d, failed in values if failed),
                         rps=len(values) / span, p50=percentile(durations, 0.50), p95=percentile(durations, 0.95),
                         p99=percentile(durations, 0.99), mean=sum(durations) / len(durations), max=max(durations))
    return rows


SERVER_ERROR_PATTERNS = {
    "HTTP 500 (Internal Server Error)": re.compile(r"Internal Server Error"),
    "database is locked": re.compile(r"database is locked"),
    "worker timeout": re.compile(r"WORKER TIMEOUT"),
    "CSRF refused": re.compile(r"Forbidden \(CSRF"),
    "traceback": re.compile(r"^Traceback", re.MULTILINE),
}


class Server:
    """gunicorn serving config.wsgi in production mode on a free port of 127.0.0.1."""

    kind = "gunicorn"

    def __init__(self, *, settings: ServerSettings, env: dict, log: Path) -> None:
        self.settings = settings
        self.env = env
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def label(self) -> str:
        return f"gunicorn {self.settings.label}"

    @property
    def command(self) -> list[str]:
        return [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{self.port}", *self.settings.args(),
                "--timeout", "30", "--graceful-timeout", "5", "--keep-alive", str(KEEP_ALIVE_S), "--no-control-socket",
                "--error-logfile", str(self.log), "--capture-output", "--log-level", GUNICORN_LOG_LEVEL,
                *shlex.split(os.environ.get("BENCH_GUNICORN_ARGS", ""))]

    def start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = self.start()
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.kind} stopped at start-up; see {self.log}")
            try:
                opener = urllib.request.build_opener(NoRedirect())
                opener.open(f"{self.url}/en/bench/baseline/", timeout=2)
            except urllib.error.HTTPError as error:
                if error.code == 302:
                    time.sleep(1)  # gunicorn stops when any worker fails to boot, maybe after one answered
                    if self.process.poll() is None:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"{self.kind} did not answer within 90 s; see {self.log}")

    def __exit__(self, *_exc) -> None:
        stop(self.process, timeout=15)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def errors_since(self, offset: int) -> dict[str, int]:
        if not self.log.exists():
            return {}
        with self.log.open("rb") as handle:
            handle.seek(offset)
            text = handle.read().decode("utf-8", "replace")
        return {label: len(pattern.findall(text)) for label, pattern in SERVER_ERROR_PATTERNS.items()
                if pattern.search(text)}


class MakeRunServer(Server):
    """Exactly what `make run` serves: `python -m config.serve 127.0.0.1 PORT` (collectstatic, check, then one
    daphne process on config.asgi, plain HTTP, DEBUG off), its output in the log."""

    kind = "make run (daphne)"

    def __init__(self, *, env: dict, log: Path) -> None:
        super().__init__(settings=CHOSEN, env=env, log=log)

    @property
    def label(self) -> str:
        return "make run: config.serve → one daphne process (ASGI)"

    @property
    def command(self) -> list[str]:
        return [sys.executable, "-m", "config.serve", "127.0.0.1", str(self.port)]

    def start(self) -> subprocess.Popen:
        # config.serve replaces itself with daphne (os.execvpe): the pid is daphne's, for the CPU monitor.
        with self.log.open("ab") as out:
            return subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)


class ServerStopped(SystemExit):
    """A server of the run stopped while a phase ran (its log says why)."""


class Servers:
    """Several servers read as one: their logs' errors added up (the two nodes behind HAProxy)."""

    def __init__(self, servers: list[Server], url: str) -> None:
        self.servers, self.url = servers, url

    def alive(self) -> bool:
        return all(server.alive() for server in self.servers)

    def log_size(self) -> list[int]:
        return [server.log_size() for server in self.servers]

    def errors_since(self, offsets: list[int]) -> dict[str, int]:
        total: dict[str, int] = {}
        for server, offset in zip(self.servers, offsets):
            for label, count in server.errors_since(offset).items():
                total[label] = total.get(label, 0) + count
        return total


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Runner:
    def __init__(self, options) -> None:
        self.options = options
        self.parts = set(options.only.split(",")) if getattr(options, "only", None) else set(PARTS)
        self.cpu = CpuMonitor()
        self.outer_env = {key: value for key, value in os.environ.items()
                          if key not in ("DATABASE_URL", "TEST_DATABASE_URL", "REDIS_URL")}
        # The bench's own collected static files: another checkout's (or session's) collectstatic rewriting
        # staticfiles/ while a server starts makes whitenoise fail at boot (a missing hashed file).
        self.outer_env["STATIC_BUILD_DIR"] = str(STATIC_BUILD)
        self.base_env = {**self.outer_env,
                         "DEBUG": "false", "SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                         "SECURE_SSL_REDIRECT": "false", "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
                         "BENCH_BASELINE": "true", "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
        self.commands: list[str] = []
        self.timeline: list[tuple[str, float]] = []
        self.prefix = ""  # the scenario's title, in the timeline

    def wants(self, part: str) -> bool:
        return part in self.parts

    def timed(self, label: str, started: float) -> None:
        self.timeline.append((f"{self.prefix}{label}", time.time() - started))

    # --- steps ---------------------------------------------------------------------------------------
    def env(self, scenario: Scenario) -> dict:
        """The environment of the management commands (prepare, micro): production mode, the scenario's database."""
        env = {**self.base_env, "DATABASE_URL": scenario.database_url}
        if scenario.redis_url:
            env["REDIS_URL"] = scenario.redis_url
        return env

    def server_env(self, scenario: Scenario) -> dict:
        """The server's environment: production's (as `env`), or for the SQLite scenario what `make run` is given."""
        if scenario.server == "make-run":
            # What `make run` is given: config.serve fills DEBUG, PLAIN_HTTP and ALLOWED_HOSTS itself. The key is
            # set so that the bench leaves no .secret_key behind; BENCH_BASELINE adds the two baseline pages.
            env = {key: value for key, value in self.outer_env.items()
                   if key not in ("DEBUG", "PLAIN_HTTP", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECRET_KEY")}
            return {**env, "SECRET_KEY": SECRET_KEY, "BENCH_BASELINE": "true", "PYTHONPATH": str(ROOT),
                    "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": scenario.database_url}
        return self.env(scenario)

    def run(self, command: list[str], env: dict, *, record: bool = True) -> subprocess.CompletedProcess:
        if record:
            self.commands.append(shlex.join(str(part) for part in command))
        completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if completed.returncode != 0:
            sys.stderr.write(completed.stdout + completed.stderr)
            raise SystemExit(f"failed: {shlex.join(str(part) for part in command)}")
        return completed

    def live_game(self, *, quick: bool) -> list[dict]:
        """The live game's phases (bench/live_game.py, one process per layer): `make run`'s one daphne on the
        in-memory layer with 300 then 1,000 players; production's two daphne workers on channels-redis with 300."""
        runs = []
        redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
        layers = [("in-memory", "", ["30"] if quick else ["300", "1000"]),
                  ("channels-redis", redis_url, ["30"] if quick else ["300"])]
        for name, redis, players in layers:
            started = time.time()
            out = RUNS / f"live-game-{name}.json"
            out.unlink(missing_ok=True)
            say(f"live game, {name}: {' then '.join(players)} players")
            command = [sys.executable, "-m", "bench.live_game", "--players", *players,
                       "--questions", "3" if quick else str(LIVE_GAME_QUESTIONS), "--redis-url", redis, "--json", str(out),
                       "--log", str(RUNS / f"live-game-{name}.log")]
            env = {**self.base_env, "BENCH_POSTGRES_URL": postgres_url()}
            self.commands.append(shlex.join(command))
            completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            if out.exists():
                runs.append(json.loads(out.read_text()))
            else:
                runs.append({"layer": name, "phases": [], "failed": (completed.stdout + completed.stderr)[-2000:]})
            self.timed(f"live game, {name} ({' + '.join(players)} players)", started)
        return runs

    def collectstatic(self) -> None:
        started = time.time()
        say("collectstatic (whitenoise's manifest storage needs it in production mode)")
        self.run([sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                 {**self.base_env})
        self.timed("collectstatic", started)

    def prepare(self, scenario: Scenario) -> tuple[Path, dict]:
        plan = RUNS / f"{scenario.key}-plan.json"
        say(f"{scenario.title}: migrate and create the data ({scenario.all_learners:,} learners, the first "
            f"{scenario.learners} with pre-made attempts; 10,000 questions)")
        started = time.perf_counter()
        # Two more rounds of answered attempts than the submit phase uses: the profile of submit needs them.
        hall = ["--exam-hall", str(scenario.burst_size)] if scenario.exam_hall else []
        if scenario.exam_hall and scenario.profile_burst and self.wants("profiles"):
            hall += ["--profile-hall", str(scenario.profile_burst)]
        completed = self.run([sys.executable, "-m", "bench.prepare", "--learners", str(scenario.all_learners),
                              "--loop-learners", str(scenario.learners),
                              "--submit-rounds", str(scenario.submit_rounds + PROFILE_ROUNDS), *hall,
                              "--plan", str(plan)],
                             self.env(scenario))
        timings = json.loads(completed.stdout.strip().splitlines()[-1])
        timings["total_s"] = time.perf_counter() - started
        self.timeline.append((f"{scenario.title}: data", timings["total_s"]))
        return plan, timings

    def exam_hall_attempts(self, scenario: Scenario, plan: Path, name: str = "exam_hall") -> dict:
        """An exam hall's attempts in the database, in all and by state."""
        completed = self.run([sys.executable, "-m", "bench.prepare", "exam-hall", "attempts", "--plan", str(plan),
                              "--hall", name], self.env(scenario), record=False)
        return json.loads(completed.stdout.strip().splitlines()[-1])

    def exam_hall_prepare(self, scenario: Scenario, plan: Path, name: str = "exam_hall",
                          within: int = PREPARE_WITHIN_MIN) -> dict:
        """What cron does before a scheduled exam: `manage.py prepare_attempts`, in its own process with the
        server's environment, timed; then the assignment's opening moved to now (the clock moved to the opening
        instead of waiting for it). The same command with nothing to draw (`--within 0`) first: its start-up.
        `name` is the plan's hall (`profile_hall`: the profiled burst's, reached by a longer `within`)."""
        started = time.time()
        hall = json.loads(plan.read_text())[name]
        env = self.server_env(scenario)
        label = name.replace("_", " ")
        say(f"  {label}: manage.py prepare_attempts --within {within} (as cron, before the opening)")
        command = [sys.executable, "manage.py", "prepare_attempts", "--language", "en"]
        clock = time.perf_counter()
        idle = self.run([*command, "--within", "0"], env, record=False)
        startup_s = time.perf_counter() - clock
        clock = time.perf_counter()
        completed = self.run([*command, "--within", str(within)], env)
        wall_s = time.perf_counter() - clock
        drawn = int(re.search(r"(\d+)", completed.stdout).group(1))
        idle_drawn = int(re.search(r"(\d+)", idle.stdout).group(1))
        before = self.exam_hall_attempts(scenario, plan, name)
        opened = self.run([sys.executable, "-m", "bench.prepare", "exam-hall", "open", "--plan", str(plan),
                           "--hall", name], env)
        self.timed(f"{label}: prepare_attempts and the opening", started)
        drawing_s = max(wall_s - startup_s, 0.0)
        return {"learners": hall["learners"], "within_min": within,
                "command": f"manage.py prepare_attempts --within {within}",
                "wall_s": wall_s, "startup_s": startup_s, "drawing_s": drawing_s, "drawn": drawn,
                "drawn_when_idle": idle_drawn, "ms_each": 1000 * drawing_s / drawn if drawn else None,
                "scheduled_opening": hall["opens_at"],
                "opened_at": json.loads(opened.stdout.strip().splitlines()[-1])["opens_at"], "before": before}

    def locust(self, *, server, plan: Path, key: str, title: str, user_class: str, users: int,
               spawn_rate: float, run_time: float, quit_after: int = 0, think: str = "0-0",
               loop: bool = True, note: str = "", extra_env: dict | None = None, tls_proxy: bool = True,
               host: str | None = None, during=None) -> Phase:
        """Run one locust phase and measure it (requests, latency, CPU, errors in the server log).

        `server` has the logs (a Server, or Servers for the nodes behind HAProxy); `host` is where locust sends
        its requests (the server itself unless given); `during(process)` runs once locust has started (py-spy)."""
        phase_started = time.time()
        samples_file = RUNS / f"{key}.samples.json"
        samples_file.unlink(missing_ok=True)
        host = host or server.url
        command = [str(BIN / "locust"), "-f", "bench/locustfile.py", "--headless", "-u", str(users),
                   "-r", str(spawn_rate), "--run-time", f"{int(run_time)}s", "--host", host,
                   "--csv", str(RUNS / key), "--only-summary", "--exit-code-on-error", "0",
                   "--loglevel", "WARNING", user_class]
        env = {**self.base_env, "BENCH_PLAN": str(plan), "BENCH_SAMPLES": str(samples_file),
               "BENCH_THINK": think, "BENCH_QUIT_AFTER": str(quit_after), **(extra_env or {})}
        if tls_proxy:
            env["BENCH_TLS_PROXY"] = "1"
        else:
            env.pop("BENCH_TLS_PROXY", None)
        shown_env = {"BENCH_THINK": think, "BENCH_QUIT_AFTER": quit_after, **(extra_env or {})}
        self.commands.append(" ".join([*(f"{key}={value}" for key, value in shown_env.items()), shlex.join(command)]))
        say(f"  {title}: {users:,} users, {user_class}")
        offset = server.log_size()
        started = time.time()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
        self.cpu.locust_pid = process.pid
        finish = during(process) if during else None
        output, _ = process.communicate(timeout=run_time + 120)
        ended = time.time()
        if finish:
            finish()
        self.cpu.locust_pid = None
        for one in getattr(server, "servers", [server]):
            if not one.alive():
                raise ServerStopped(f"{one.kind} on port {one.port} stopped during “{title}”; see {one.log}")
        self.wait_until_idle()
        if not samples_file.exists():
            sys.stderr.write(output)
            raise SystemExit(f"locust wrote no samples for {title}")
        data = json.loads(samples_file.read_text())
        samples = data["samples"]
        if loop:
            window_start = (data["spawned_at"] or started) + SETTLE_S
            window_end = min(filter(None, [data["stopped_at"], data.get("first_exhausted_at")]), default=ended)
            if window_end - window_start < 1.0:
                # A user ran out of work before the window opened (gthread serves a busy keep-alive
                # connection again and again, so one user can race ahead): measure until the run stopped.
                window_end = data["stopped_at"] or ended
                note = (f"{note} " if note else "") + ("One user ran out of attempts to submit before the "
                                                       "window opened: measured until the run stopped, while "
                                                       "fewer users were still submitting.")
        else:
            window_start = min((s[1] for s in samples), default=started)
            window_end = max((s[1] + s[2] / 1000 for s in samples), default=ended)
        rows = rows_from(samples, window_start, window_end)
        if loop:
            # Failures outside the window count too: zero errors means zero in the whole phase.
            everything = rows_from(samples, 0, float("inf"))
            for name, row in rows.items():
                row.failures = everything[name].failures
        extra = {"one_shot_done": data.get("one_shot_done", 0)}
        if data.get("broke"):
            extra["broke"] = {**data["broke"], "after_s": data["broke"]["at"] - window_start}
        if data.get("nodes"):
            extra["alternation"] = haproxy.alternation(data["nodes"])
        if data.get("saved"):
            extra["saved_file"] = str(samples_file.with_suffix(".saved.json"))
            samples_file.with_suffix(".saved.json").write_text(json.dumps(data["saved"]))
        time.sleep(0.6)  # one more CPU sample after the end
        phase = Phase(key=key, title=title, user_class=user_class, users=users, spawn_rate=spawn_rate,
                      wall_s=ended - started, window_s=window_end - window_start, rows=rows,
                      failures=data["failures"], cpu=self.cpu.usage(window_start, window_end),
                      server_errors=server.errors_since(offset), command=self.commands[-1], note=note, extra=extra)
        self.timed(title, phase_started)
        return phase

    def wait_until_idle(self, *, limit_s: float = 15.0) -> None:
        """Let the servers finish what the last phase queued (its clients are gone, its requests are not)."""
        workers = []
        for pid in self.cpu.server_pids:
            for worker in self.cpu._tree(pid):
                try:
                    workers.append(psutil.Process(worker))
                except psutil.Error:
                    pass
        deadline = time.time() + limit_s
        while time.time() < deadline:
            try:
                busy = sum(worker.cpu_percent(interval=None) for worker in workers)
                time.sleep(0.5)
                busy = sum(worker.cpu_percent(interval=None) for worker in workers)
            except psutil.Error:
                return
            if busy < 20:
                return

    def spy(self, server: Server, raw: Path, *, rate: int, duration: int):
        """py-spy on every worker of `server`, from now until the returned function is called (or `duration`)."""
        raw.unlink(missing_ok=True)
        process = subprocess.Popen([str(BIN / "py-spy"), "record", "--pid", str(server.process.pid), "--subprocesses",
                                    "--duration", str(duration), "--rate", str(rate), "--format", "raw",
                                    "--nonblocking", "--output", str(raw)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

        def stop() -> None:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)  # py-spy writes what it has sampled and exits
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        return stop

    def profile(self, *, server: Server, plan: Path, key: str, user_class: str, users: int,
                submit_rounds: str) -> dict | None:
        """py-spy on every gunicorn worker while `user_class` runs alone; a summary of where the time goes."""
        started = time.time()
        raw = RUNS / f"{key}.pyspy.txt"
        say(f"  profile: {user_class}")
        env = {**self.base_env, "BENCH_PLAN": str(plan), "BENCH_TLS_PROXY": "1", "BENCH_THINK": "0-0",
               "BENCH_SUBMIT_ROUNDS": submit_rounds}
        load = subprocess.Popen([str(BIN / "locust"), "-f", "bench/locustfile.py", "--headless", "-u", str(users),
                                 "-r", str(users), "--run-time", "8s", "--host", server.url, "--only-summary",
                                 "--exit-code-on-error", "0", "--loglevel", "WARNING", user_class],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        spy = subprocess.run([str(BIN / "py-spy"), "record", "--pid", str(server.process.pid), "--subprocesses",
                              "--duration", "5", "--rate", "100", "--format", "raw", "--nonblocking",
                              "--output", str(raw)], capture_output=True, text=True)
        load.wait(timeout=60)
        self.wait_until_idle()
        self.timed(f"profile of {user_class}", started)
        if spy.returncode != 0 or not raw.exists():
            say(f"  py-spy could not profile ({spy.stderr.strip()[:200]})")
            return None
        return summarise(raw)

    def profiled_burst(self, server: Server, plan: Path, scenario: Scenario) -> tuple[Phase, Path]:
        """The second, shorter burst the measured burst's misses are profiled from: an identical exam on a second
        exam hall (its attempts drawn ahead the same way), fewer learners at the same rate, py-spy on the workers.
        Returns the phase and py-spy's samples."""
        raw = RUNS / f"{scenario.key}-burst-profiled.pyspy.txt"
        raw.unlink(missing_ok=True)
        hall = self.exam_hall_prepare(scenario, plan, "profile_hall", within=PROFILE_WITHIN_MIN)
        size = scenario.profile_burst
        phase = self.locust(
            server=server, plan=plan, key=f"{scenario.key}-burst-profiled",
            title=f"profiled exam burst ({size:,} learners)", user_class="ExamLearner", users=size,
            spawn_rate=scenario.burst_rate, run_time=BURST_LIMIT_S, quit_after=size, think=scenario.burst_think,
            loop=False, tls_proxy=scenario.tls_proxy, extra_env={"BENCH_EXAM": "profile"},
            during=lambda _process: self.spy(server, raw, rate=BURST_PROFILE_RATE, duration=BURST_LIMIT_S))
        hall["after"] = self.exam_hall_attempts(scenario, plan, "profile_hall")
        hall["problems"] = exam_hall_problems(hall)
        for problem in hall["problems"]:
            say(f"  profile hall: {problem}")
        phase.extra["exam_hall"] = hall
        self.wait_until_idle(limit_s=30)
        return phase, raw

    def burst_profiles(self, raw: Path, burst: Phase, key: str) -> dict:
        """The burst's py-spy samples, split by the view of each missed target (report.BURST_TARGETS)."""
        profiles = {}
        if not raw.exists():
            return profiles
        lines = raw.read_text().splitlines()
        for name, _limit, view in report.burst_misses(burst):
            part = RUNS / f"{key}-burst-{name.replace(' ', '-')}.pyspy.txt"
            part.write_text("\n".join(line for line in lines if f"{view} (" in line) + "\n")
            summary = summarise(part)
            profiles[f"burst:{name}"] = summary if summary["samples"] > 1 else None
        return profiles

    # --- one database --------------------------------------------------------------------------------
    def scenario(self, scenario: Scenario) -> dict:
        self.prefix = ""
        plan, timings = self.prepare(scenario)
        self.prefix = f"{scenario.title}: "
        result = {"scenario": scenario, "setup": timings, "phases": {}, "comparison": [], "profiles": {}}
        phases = result["phases"]
        n, rate, window = scenario.learners, scenario.spawn_rate, scenario.window_s
        loop_time = n / rate + SETTLE_S + window + 1
        tls = scenario.tls_proxy
        log = RUNS / f"{scenario.key}-server.log"
        log.unlink(missing_ok=True)
        if scenario.redis_url:
            flush_redis(scenario.redis_url)
        server_type = MakeRunServer(env=self.server_env(scenario), log=log) if scenario.server == "make-run" else \
            Server(settings=CHOSEN, env=self.server_env(scenario), log=log)
        started = time.time()
        with server_type as server:
            self.timed("server start", started)
            self.cpu.server_pid = server.process.pid
            result["server_command"] = shlex.join(server.command)
            result["server_label"] = server.label
            if self.wants("login"):
                phases["login"] = self.locust(
                    server=server, plan=plan, key=f"{scenario.key}-login", title="log-in", user_class="LogIn",
                    users=scenario.logins, spawn_rate=scenario.logins, run_time=180, quit_after=scenario.logins,
                    loop=False, tls_proxy=tls)
            if self.wants("bare"):
                phases["bare"] = self.locust(
                    server=server, plan=plan, key=f"{scenario.key}-bare", title="bare Django (no session, no query)",
                    user_class="BareDjango", users=n, spawn_rate=rate, run_time=loop_time, tls_proxy=tls)
            if self.wants("baseline"):
                phases["baseline"] = self.locust(
                    server=server, plan=plan, key=f"{scenario.key}-baseline", title="signed-in baseline",
                    user_class="Baseline", users=n, spawn_rate=rate, run_time=loop_time, tls_proxy=tls)
            if self.wants("burst"):
                size, burst_rate = scenario.burst_size, scenario.burst_rate
                hall = self.exam_hall_prepare(scenario, plan) if scenario.exam_hall else None
                # The targets are measured on a burst no profiler shares the cores with (on two saturated cores
                # py-spy's tenth of a core doubled the opening's p95): its misses are profiled in a second burst.
                phases["burst"] = self.locust(
                    server=server, plan=plan, key=f"{scenario.key}-burst", title=f"exam burst ({size:,} learners)",
                    user_class="ExamLearner", users=size, spawn_rate=burst_rate, run_time=BURST_LIMIT_S, quit_after=size,
                    think=scenario.burst_think, loop=False, tls_proxy=tls, extra_env={"BENCH_EXAM": "burst"})
                if hall is not None:
                    hall["after"] = self.exam_hall_attempts(scenario, plan)
                    hall["problems"] = exam_hall_problems(hall)
                    for problem in hall["problems"]:
                        say(f"  exam hall: {problem}")
                    phases["burst"].extra["exam_hall"] = hall
                if (scenario.key == "postgres" and scenario.profile_burst and self.wants("profiles")
                        and report.burst_misses(phases["burst"])):
                    self.wait_until_idle(limit_s=30)
                    phases["burst-profiled"], raw = self.profiled_burst(server, plan, scenario)
                    result["profiles"].update(self.burst_profiles(raw, phases["burst"], scenario.key))
                    result["burst_profile_rate"] = BURST_PROFILE_RATE
            if scenario.break_learners and self.wants("break"):
                phases["break"] = self.locust(
                    server=server, plan=plan, key=f"{scenario.key}-break",
                    title=f"to the break ({scenario.break_learners:,} learners)", user_class="ExamLearner",
                    users=scenario.break_learners, spawn_rate=scenario.burst_rate, run_time=BREAK_LIMIT_S,
                    quit_after=scenario.break_learners, think=scenario.burst_think, loop=False, tls_proxy=tls,
                    extra_env={"BENCH_EXAM": "break", "BENCH_BREAK_P95_MS": str(BREAK_P95_MS),
                               "BENCH_BREAK_WINDOW_S": str(BREAK_WINDOW_S)})
                phases["break"].extra["limit_s"] = BREAK_LIMIT_S
                phases["break"].extra["criterion"] = (f"the first error, or a p95 over {BREAK_P95_MS / 1000:.0f} s "
                                                      f"in the last {BREAK_WINDOW_S} s")
                self.wait_until_idle(limit_s=30)
            if self.wants("loops"):
                for key, title, user_class in [
                    ("page", "attempt page, 20 questions", "AttemptPageLoop"),
                    ("page-one", "attempt page, 1 question", "OneQuestionPageLoop"),
                    ("save", "answer save", "AnswerSaveLoop"),
                    ("submit", "submit (grading 20 questions)", "SubmitLoop"),
                ]:
                    phases[key] = self.locust(
                        server=server, plan=plan, key=f"{scenario.key}-{key}", title=title, user_class=user_class,
                        users=n, spawn_rate=rate, run_time=loop_time, tls_proxy=tls,
                        extra_env={"BENCH_SUBMIT_ROUNDS": f"0:{scenario.submit_rounds}"} if key == "submit" else None)
            if scenario.compare_workers and self.wants("compare") and not self.options.quick and "baseline" in phases:
                result["comparison"].append(self.compare(server, plan, scenario, CHOSEN, reuse=phases))
            if scenario.key == "postgres" and self.wants("profiles"):
                for key, user_class in report.endpoints_to_profile(phases):
                    # Submitting uses each attempt once: every learner takes part, so they last the profile.
                    result["profiles"][key] = self.profile(
                        server=server, plan=plan, key=f"{scenario.key}-{key}", user_class=user_class,
                        users=n if user_class == "SubmitLoop" else min(n, 50),
                        submit_rounds=f"{scenario.submit_rounds}:")
            if scenario.haproxy_learners and self.wants("haproxy"):
                try:
                    result["haproxy"] = self.two_nodes(server, plan, scenario)
                except ServerStopped as stopped:  # the rest of the run still measures: say so in the document
                    say(f"  {stopped}")
                    result["haproxy"] = {"phases": {}, "failed": str(stopped)}
                    self.cpu.server_pids = [server.process.pid]
                if not server.alive():
                    raise ServerStopped(f"{server.kind} stopped during the two-node phase; see {server.log}")
            self.cpu.server_pid = None
        if scenario.compare_workers and self.wants("compare") and not self.options.quick:
            for settings in ALTERNATIVES:
                alt_log = RUNS / f"{scenario.key}-gunicorn-{settings.worker_class}-{settings.workers}x{settings.threads}.log"
                alt_log.unlink(missing_ok=True)
                with Server(settings=settings, env=self.env(scenario), log=alt_log) as server:
                    self.cpu.server_pid = server.process.pid
                    result["comparison"].append(self.compare(server, plan, scenario, settings))
                    self.cpu.server_pid = None
        if self.wants("micro"):
            result["micro"] = self.micro(scenario)
        self.prefix = ""
        return result

    def two_nodes(self, first: Server, plan: Path, scenario: Scenario) -> dict:
        """Two gunicorn nodes (the running one and a second) behind HAProxy, on one PostgreSQL and one Redis."""
        say(f"{scenario.title}: two nodes behind HAProxy")
        started = time.time()
        log = RUNS / f"{scenario.key}-node2.log"
        log.unlink(missing_ok=True)
        result: dict = {"phases": {}, "settings": CHOSEN.label}
        n, rate = scenario.learners, scenario.spawn_rate
        run_time = n / rate + SETTLE_S + scenario.window_s + 1
        with Server(settings=CHOSEN, env=self.env(scenario), log=log) as second:
            self.timed("two nodes: the second node's start", started)
            warm_up(second.url)
            nodes = [("node1", first.port), ("node2", second.port)]
            both = Servers([first, second], url=first.url)
            self.cpu.server_pids = [first.process.pid, second.process.pid]
            result["phases"]["direct"] = self.locust(
                server=first, plan=plan, key=f"{scenario.key}-node-direct", title="attempt page, one node direct",
                user_class="AttemptPageLoop", users=n, spawn_rate=rate, run_time=run_time)
            with haproxy.HAProxy(nodes=nodes[:1], directory=RUNS, name="haproxy-one") as proxy:
                result["phases"]["proxy-one"] = self.locust(
                    server=both, host=proxy.url, plan=plan, key=f"{scenario.key}-node-proxy-one",
                    title="attempt page, one node behind HAProxy", user_class="AttemptPageLoop", users=n,
                    spawn_rate=rate, run_time=run_time)
            with haproxy.HAProxy(nodes=nodes, directory=RUNS, name="haproxy") as proxy:
                result["haproxy_command"] = shlex.join(proxy.command)
                result["config"] = str(proxy.config.relative_to(ROOT)) if proxy.config.is_relative_to(ROOT) \
                    else str(proxy.config)
                result["phases"]["proxy-two"] = self.locust(
                    server=both, host=proxy.url, plan=plan, key=f"{scenario.key}-node-proxy-two",
                    title="attempt page, two nodes behind HAProxy", user_class="AttemptPageLoop", users=n,
                    spawn_rate=rate, run_time=run_time)
                size = scenario.haproxy_learners
                burst = result["phases"]["burst"] = self.locust(
                    server=both, host=proxy.url, plan=plan, key=f"{scenario.key}-node-burst",
                    title=f"exam burst through HAProxy ({size:,} learners)", user_class="ExamLearner", users=size,
                    spawn_rate=scenario.burst_rate, run_time=300, quit_after=size, think=scenario.haproxy_think,
                    loop=False, extra_env={"BENCH_EXAM": "haproxy"})
            self.cpu.server_pids = [first.process.pid]
        acknowledged = Path(burst.extra.get("saved_file") or RUNS / "none.saved.json")
        if not acknowledged.exists():
            acknowledged.write_text("[]")
        counted = self.run([sys.executable, "-m", "bench.haproxy", "saved", "--quiz",
                            str(json.loads(plan.read_text())["exams"]["haproxy"]), "--acknowledged", str(acknowledged)],
                           self.env(scenario))
        result["answers"] = json.loads(counted.stdout.strip().splitlines()[-1])
        result["think"] = scenario.haproxy_think
        return result

    def compare(self, server: Server, plan: Path, scenario: Scenario, settings: ServerSettings,
                reuse: dict | None = None) -> dict:
        """Baseline, attempt page and answer save under one gunicorn setting, shorter windows."""
        if reuse is not None:
            return {"settings": settings, "phases": {key: reuse[key] for key in ("baseline", "page", "save")
                                                     if key in reuse}}
        n, rate = scenario.learners, scenario.spawn_rate
        run_time = n / rate + SETTLE_S + COMPARE_WINDOW_S + 1
        say(f"  gunicorn {settings.label}")
        phases = {}
        for key, title, user_class in [("baseline", "signed-in baseline", "Baseline"),
                                       ("page", "attempt page, 20 questions", "AttemptPageLoop"),
                                       ("save", "answer save", "AnswerSaveLoop")]:
            phases[key] = self.locust(server=server, plan=plan,
                                      key=f"{scenario.key}-{settings.worker_class}{settings.workers}-{key}",
                                      title=f"{title} ({settings.label})", user_class=user_class, users=n,
                                      spawn_rate=rate, run_time=run_time)
        return {"settings": settings, "phases": phases}

    def micro(self, scenario: Scenario) -> dict:
        started = time.time()
        say(f"{scenario.title}: micro-benchmarks")
        out = RUNS / f"{scenario.key}-micro.json"
        self.run([sys.executable, "-m", "bench.micro", "--json", str(out)], self.env(scenario))
        self.timed("micro-benchmarks", started)
        return json.loads(out.read_text())


def exam_hall_problems(hall: dict) -> list[str]:
    """What went wrong in an exam hall's burst ([]: nothing). `hall["before"]` is the exam's attempts by state
    right after `prepare_attempts` drew `hall["drawn"]`, `hall["after"]` the same once the burst is over. Every
    learner of the class must have had an attempt drawn ahead, every start must have started one of those (no
    attempt made at the start), and none may be left unstarted. Each problem counts as an error of the burst."""
    learners, drawn, before, after = hall["learners"], hall["drawn"], hall["before"], hall["after"]
    problems = []
    prepared = before["states"].get("prepared", 0)
    if drawn != learners:
        problems.append(f"prepare_attempts drew {drawn:,} attempts for the {learners:,} learners of the class")
    if prepared != drawn or before["total"] != drawn:
        problems.append(f"after prepare_attempts the exam held {before['total']:,} attempts, {prepared:,} of them "
                        f"prepared, where {drawn:,} were drawn")
    made_at_start = after["total"] - before["total"]
    if made_at_start:
        problems.append(f"attempts drawn at the start instead of ahead of the opening: {made_at_start:,}")
    left = after["states"].get("prepared", 0)
    if left:
        problems.append(f"attempts drawn ahead but never started: {left:,}")
    return problems


def warm_up(url: str, requests: int = 20) -> None:
    """A few requests to a fresh node, so its first (import, template loading) are not in the measurement."""
    opener = urllib.request.build_opener(NoRedirect())
    for path in ["/en/bench/baseline/", "/bench/bare/"] * (requests // 2):
        try:
            opener.open(f"{url}{path}", timeout=10).read()
        except (urllib.error.HTTPError, OSError):
            pass


def flush_redis(url: str) -> None:
    """Empty the bench's Redis database: a cached fragment or session of an earlier run must not be served."""
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=5).flushdb()


# --- databases -------------------------------------------------------------------------------------
def postgres_url() -> str:
    """The bench database on the PostgreSQL server named by BENCH_POSTGRES_URL, DATABASE_URL or the default."""
    given = (os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL")
             or os.environ.get("TEST_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/tarikh")
    parts = urlsplit(given)
    if not parts.scheme.startswith("postgres"):
        given, parts = "postgres://postgres@127.0.0.1:5432/tarikh", urlsplit("postgres://postgres@127.0.0.1:5432/tarikh")
    return urlunsplit((parts.scheme, parts.netloc, f"/{PG_DATABASE}", "", ""))


def postgres_admin(url: str, *statements: str) -> None:
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    with psycopg.connect(maintenance.replace("postgres://", "postgresql://", 1), autocommit=True,
                         connect_timeout=5) as connection:
        for statement in statements:
            connection.execute(statement)


def postgres_version(url: str) -> str:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(("postgresql", parts.netloc, "/postgres", "", "")), connect_timeout=5) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def sqlite_reset() -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)


# --- the machine -----------------------------------------------------------------------------------
def machine() -> dict:
    info = {"cores": os.cpu_count(), "cpu": platform.processor() or "", "memory_gib": 0.0,
            "kernel": platform.release(), "python": platform.python_version()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    import sqlite3
    from importlib.metadata import version

    # Versions from the package metadata: importing locust here would monkey-patch this process (gevent).
    info.update(django=version("Django"), gunicorn=version("gunicorn"), locust=version("locust"),
                sqlite=sqlite3.sqlite_version, daphne=version("daphne"))
    for name, command in [("haproxy", [haproxy.binary() or "haproxy", "-v"]), ("redis", ["redis-server", "--version"])]:
        try:
            text = subprocess.run(command, capture_output=True, text=True, timeout=10).stdout
        except OSError:
            continue
        found = re.search(r"(?:version |v=)(\d+\.\d+(?:\.\d+)?)", text)
        if found:
            info[name] = found.group(1)
    return info


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def redis_url() -> str:
    """Redis for the PostgreSQL scenario's cache and sessions: BENCH_REDIS_URL, or database 14 of REDIS_URL's server
    (or of 127.0.0.1:6379), which the runner empties first."""
    given = os.environ.get("BENCH_REDIS_URL")
    if given:
        return given
    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    return urlunsplit((parts.scheme, parts.netloc, "/14", "", ""))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and short phases (trying the harness)")
    parser.add_argument("--only", help=f"comma-separated parts to run, of: {', '.join(PARTS)}")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-micro", action="store_true")
    parser.add_argument("--skip-profiles", action="store_true")
    parser.add_argument("--skip-compare", action="store_true", help="no other gunicorn settings")
    parser.add_argument("--skip-haproxy", action="store_true", help="no two-node phase")
    parser.add_argument("--skip-live-game", action="store_true")
    parser.add_argument("--burst", type=int, help="learners in the PostgreSQL exam burst (default 1,000; --quick 30)")
    parser.add_argument("--break-learners", type=int, help="learners of the run to the break (default 2,000)")
    parser.add_argument("--output", type=Path, help="default docs/benchmarks.md, or bench/.runs/ for a partial run")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the document from the last run's saved measurements (after editing the report)")
    options = parser.parse_args(argv)
    explicit = bool(options.only)
    if options.only:
        unknown = set(options.only.split(",")) - set(PARTS)
        if unknown:
            parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; known: {', '.join(PARTS)}")
    for flag, part in [("skip_micro", "micro"), ("skip_profiles", "profiles"), ("skip_compare", "compare"),
                       ("skip_haproxy", "haproxy"), ("skip_live_game", "live-game"), ("skip_sqlite", "sqlite")]:
        if getattr(options, flag):
            options.only = ",".join(part_ for part_ in (options.only or ",".join(PARTS)).split(",") if part_ != part)
    # Only a full run at full size writes docs/benchmarks.md (unless --output names it): the rest go to bench/.runs/.
    partial = explicit or options.skip_postgres or options.quick or any(
        getattr(options, flag) for flag in ("skip_sqlite", "skip_micro", "skip_profiles", "skip_compare",
                                            "skip_haproxy", "skip_live_game")) or any(
        os.environ.get(name) for name in TRIAL_SETTINGS)
    if options.report_only:
        results = pickle.loads(RESULTS.read_bytes())
        output = options.output or (PARTIAL_DOC if results.get("partial", True) or results.get("quick") else DOC)
        output.write_text(report.markdown(results, history=read_history()))
        say(f"rewrote {output} from {RESULTS.relative_to(ROOT)}")
        return
    output = options.output or (PARTIAL_DOC if partial else DOC)

    started = time.time()
    RUNS.mkdir(parents=True, exist_ok=True)
    runner = Runner(options)
    runner.cpu.start()
    results = {"machine": machine(), "started": datetime.datetime.now(datetime.timezone.utc), "scenarios": [],
               "load_before": os.getloadavg(), "partial": partial, "parts": sorted(runner.parts)}
    quick = options.quick
    pg_url = postgres_url()
    scenarios = []
    postgres_parts = set(PARTS) - {"sqlite", "live-game"}
    if not options.skip_postgres and runner.parts & postgres_parts:
        try:
            results["machine"]["postgres"] = postgres_version(pg_url)
        except Exception as error:  # psycopg raises several types for an unreachable server
            raise SystemExit(f"PostgreSQL is not reachable at {urlsplit(pg_url).netloc} ({error}); start it "
                             "(.ci/run does) or pass --skip-postgres.") from None
        redis = redis_url()
        try:
            flush_redis(redis)
        except Exception as error:  # redis-py raises several types for an unreachable server
            raise SystemExit(f"Redis is not reachable at {urlsplit(redis).netloc} ({error}); start it (.ci/run does), "
                             "or name another with BENCH_REDIS_URL.") from None
        burst = options.burst or (30 if quick else 1000)
        scenarios.append(Scenario(key="postgres", title="PostgreSQL", database_url=pg_url, redis_url=redis,
                                  learners=30 if quick else 300, spawn_rate=100, logins=5 if quick else 30,
                                  submit_rounds=10 if quick else 4, window_s=4 if quick else 6,
                                  burst_think="0-0.2" if quick else "2-6", burst_learners=burst,
                                  burst_spawn_rate=100, break_learners=options.break_learners or (60 if quick else 2000),
                                  haproxy_learners=30 if quick else 300, haproxy_think="0-0.2" if quick else "1-3",
                                  compare_workers=True, exam_hall=True, profile_burst=10 if quick else 500))
    if runner.wants("sqlite"):
        scenarios.append(Scenario(key="sqlite", title="SQLite (make run)", database_url=f"sqlite:///{SQLITE_FILE}",
                                  learners=10 if quick else 60, spawn_rate=60, logins=5 if quick else 10,
                                  submit_rounds=20, window_s=4 if quick else 5,
                                  burst_think="0-0.2" if quick else "1-3", server="make-run"))
    runner.collectstatic()
    for scenario in scenarios:
        if scenario.key == "postgres":
            postgres_admin(pg_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
                           f"CREATE DATABASE {PG_DATABASE}")
        else:
            sqlite_reset()
        chosen = runner.parts
        if scenario.key == "sqlite" and explicit:  # `--only sqlite`: the SQLite scenario's every phase
            runner.parts = chosen | {"login", "bare", "baseline", "burst", "loops"}
        try:
            results["scenarios"].append(runner.scenario(scenario))
        finally:
            runner.parts = chosen
            if scenario.key == "postgres":
                postgres_admin(pg_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    if runner.wants("live-game"):
        results["live_game"] = runner.live_game(quick=quick)
    runner.cpu.stop()
    results["duration_s"] = time.time() - started
    results["load_after"] = os.getloadavg()
    results["timeline"] = runner.timeline
    results["commands"] = runner.commands
    results["quick"] = quick
    results["chosen_label"] = CHOSEN.label
    results["chosen_args"] = " ".join(CHOSEN.args())
    results["chosen_threads"] = CHOSEN.workers * CHOSEN.threads
    results["keep_alive_s"] = KEEP_ALIVE_S
    RESULTS.write_bytes(pickle.dumps(results))
    history = read_history()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.markdown(results, history=history))
    if not partial and not quick:
        # The next run shows this one among the earlier runs (commit bench/history.json with the document).
        HISTORY.write_text(json.dumps(report.add_to_history(history, results), indent=1, ensure_ascii=False) + "\n")
    say(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output} "
        f"in {results['duration_s'] / 60:.1f} minutes")


def read_history() -> list[dict]:
    return json.loads(HISTORY.read_text()) if HISTORY.exists() else []


if __name__ == "__main__":
    main()
