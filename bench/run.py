"""`make bench`: the classroom-burst load test on gunicorn, against PostgreSQL then SQLite, the
micro-benchmarks, and docs/benchmarks.md written from what this run measured.

For each database the runner creates its own data in a database of its own (PostgreSQL `tarikh_bench`,
dropped at the end; SQLite bench/.bench.sqlite3), starts gunicorn in production mode, and drives it with
locust from a second process on 127.0.0.1, one phase (one locust run) after another:

    log-in         learners log in at once (the password hash is slow on purpose): measured on its own
    bare           bare Django (config/baseline.py `bare`: no session, no user, no query), closed loop: the ceiling
    baseline       the signed-in baseline page (config/baseline.py), closed loop, every learner at once
    exam burst     every learner, already signed in, opens the quiz, starts it, opens the attempt, autosaves
                   each answer, opens the submit page, submits and reads the review, pausing between actions
    throughput     each endpoint alone, closed loop at the same concurrency as the baseline: its requests/s
                   divided by the baseline's is the ratio the targets speak of

    .venv/bin/python bench/run.py [--quick] [--skip-postgres] [--skip-sqlite] [--skip-micro]
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
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.profiles import summarise  # noqa: E402

BENCH = ROOT / "bench"
RUNS = BENCH / ".runs"
SQLITE_FILE = BENCH / ".bench.sqlite3"
DOC = ROOT / "docs" / "benchmarks.md"
RESULTS = RUNS / "results.pickle"
BIN = Path(sys.executable).parent
PG_DATABASE = "tarikh_bench"
SECRET_KEY = "tarikh-benchmark-only-key-3f9c1d7e8a2b4c6d0e5f7a9b1c3d5e7f"
SETTLE_S = 2.0  # after the last user is spawned, before a throughput window opens
# gunicorn keeps an idle connection this long. It must outlast a learner's longest pause (6 s here): a
# shorter one closes connections just as the next autosave arrives on them, and locust, unlike a browser,
# does not retry, so the run would count connection resets that no learner would see.
KEEP_ALIVE_S = 15
PROFILE_ROUNDS = 2
COMPARE_WINDOW_S = 6


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


# Chosen by measurement (see the comparison each run makes and docs/benchmarks.md).
CHOSEN = ServerSettings("gthread", 2, 8)
# README's earlier suggestion, and the classic rule of thumb (2 × cores + 1 sync workers).
ALTERNATIVES = [ServerSettings("gthread", 3, 2), ServerSettings("sync", 5)]


@dataclass
class Scenario:
    """One database and the sizes of its phases."""

    key: str
    title: str
    database_url: str
    learners: int
    spawn_rate: int
    logins: int
    submit_rounds: int
    window_s: float
    burst_think: str
    compare_workers: bool = False


# --- measuring -------------------------------------------------------------------------------------
class CpuMonitor:
    """Samples the CPU seconds used by gunicorn, locust, PostgreSQL and everything else, twice a second."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.server_pid: int | None = None
        self.locust_pid: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._processes: dict[int, psutil.Process] = {}

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self, pid: int | None) -> set[int]:
        if not pid:
            return set()
        try:
            parent = psutil.Process(pid)
            return {pid} | {child.pid for child in parent.children(recursive=True)}
        except psutil.Error:
            return set()

    def _cpu(self, pid: int) -> float:
        try:
            process = self._processes.get(pid) or self._processes.setdefault(pid, psutil.Process(pid))
            times = process.cpu_times()
            return times.user + times.system
        except psutil.Error:
            return 0.0

    def snapshot(self) -> dict[str, float]:
        server, load = self._tree(self.server_pid), self._tree(self.locust_pid)
        groups = {"gunicorn": sum(self._cpu(pid) for pid in server), "locust": sum(self._cpu(pid) for pid in load)}
        database = 0.0
        for process in psutil.process_iter(["name"]):
            if process.info["name"] == "postgres":
                database += self._cpu(process.pid)
        groups["postgres"] = database
        machine = psutil.cpu_times()
        groups["machine"] = machine.user + machine.system + machine.nice + getattr(machine, "irq", 0) + getattr(
            machine, "softirq", 0)
        return groups

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.time(), self.snapshot()))
            self._stop.wait(0.5)

    def usage(self, start: float, end: float) -> dict[str, float]:
        """Percent of one core used by each group between `start` and `end` (a 2-core machine has 200%)."""
        inside = [sample for sample in self.samples if start - 0.5 <= sample[0] <= end + 0.5]
        if len(inside) < 2:
            return {}
        (t0, first), (t1, last) = inside[0], inside[-1]
        span = max(t1 - t0, 1e-6)
        used = {name: 100 * (last[name] - first[name]) / span for name in first}
        # Process CPU counters can run backwards when a process ends; never report below zero.
        used = {name: max(value, 0.0) for name, value in used.items()}
        used["other"] = max(used["machine"] - used["gunicorn"] - used["locust"] - used["postgres"], 0.0)
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
    def command(self) -> list[str]:
        return [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{self.port}", *self.settings.args(),
                "--timeout", "30", "--graceful-timeout", "5", "--keep-alive", str(KEEP_ALIVE_S), "--no-control-socket",
                "--error-logfile", str(self.log), "--capture-output", "--log-level", "warning"]

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start-up; see {self.log}")
            try:
                opener = urllib.request.build_opener(NoRedirect())
                opener.open(f"{self.url}/en/bench/baseline/", timeout=2)
            except urllib.error.HTTPError as error:
                if error.code == 302:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer within 60 s; see {self.log}")

    def __exit__(self, *_exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Runner:
    def __init__(self, options) -> None:
        self.options = options
        self.cpu = CpuMonitor()
        self.base_env = {key: value for key, value in os.environ.items()
                         if key not in ("DATABASE_URL", "TEST_DATABASE_URL", "REDIS_URL")}
        self.base_env.update({
            "DEBUG": "false", "SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false", "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto", "BENCH_BASELINE": "true",
            "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT),
        })
        self.commands: list[str] = []

    # --- steps ---------------------------------------------------------------------------------------
    def env(self, scenario: Scenario) -> dict:
        return {**self.base_env, "DATABASE_URL": scenario.database_url}

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
            out = RUNS / f"live-game-{name}.json"
            out.unlink(missing_ok=True)
            say(f"live game, {name}: {' then '.join(players)} players")
            command = [sys.executable, "-m", "bench.live_game", "--players", *players,
                       "--questions", "3" if quick else "10", "--redis-url", redis, "--json", str(out),
                       "--log", str(RUNS / f"live-game-{name}.log")]
            env = {**self.base_env, "BENCH_POSTGRES_URL": postgres_url()}
            self.commands.append(shlex.join(command))
            completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            if out.exists():
                runs.append(json.loads(out.read_text()))
            else:
                runs.append({"layer": name, "phases": [], "failed": (completed.stdout + completed.stderr)[-2000:]})
        return runs

    def collectstatic(self) -> None:
        say("collectstatic (whitenoise's manifest storage needs it in production mode)")
        self.run([sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                 {**self.base_env})

    def prepare(self, scenario: Scenario) -> tuple[Path, dict]:
        plan = RUNS / f"{scenario.key}-plan.json"
        say(f"{scenario.title}: migrate and create the data ({scenario.learners} learners, 10,000 questions)")
        started = time.perf_counter()
        # Two more rounds of answered attempts than the submit phase uses: the profile of submit needs them.
        completed = self.run([sys.executable, "-m", "bench.prepare", "--learners", str(scenario.learners),
                              "--submit-rounds", str(scenario.submit_rounds + PROFILE_ROUNDS), "--plan", str(plan)],
                             self.env(scenario))
        timings = json.loads(completed.stdout.strip().splitlines()[-1])
        timings["total_s"] = time.perf_counter() - started
        return plan, timings

    def locust(self, *, server: Server, plan: Path, key: str, title: str, user_class: str, users: int,
               spawn_rate: float, run_time: float, quit_after: int = 0, think: str = "0-0",
               loop: bool = True, note: str = "", extra_env: dict | None = None) -> Phase:
        """Run one locust phase and measure it (requests, latency, CPU, errors in the server log)."""
        samples_file = RUNS / f"{key}.samples.json"
        samples_file.unlink(missing_ok=True)
        command = [str(BIN / "locust"), "-f", "bench/locustfile.py", "--headless", "-u", str(users),
                   "-r", str(spawn_rate), "--run-time", f"{int(run_time)}s", "--host", server.url,
                   "--csv", str(RUNS / key), "--only-summary", "--exit-code-on-error", "0",
                   "--loglevel", "WARNING", user_class]
        env = {**self.base_env, "BENCH_PLAN": str(plan), "BENCH_SAMPLES": str(samples_file), "BENCH_TLS_PROXY": "1",
               "BENCH_THINK": think, "BENCH_QUIT_AFTER": str(quit_after), **(extra_env or {})}
        shown_env = {"BENCH_THINK": think, "BENCH_QUIT_AFTER": quit_after, **(extra_env or {})}
        self.commands.append(" ".join([*(f"{key}={value}" for key, value in shown_env.items()), shlex.join(command)]))
        say(f"  {title}: {users} users, {user_class}")
        offset = server.log_size()
        started = time.time()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
        self.cpu.locust_pid = process.pid
        output, _ = process.communicate(timeout=run_time + 120)
        ended = time.time()
        self.cpu.locust_pid = None
        self.wait_until_idle(server)
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
        time.sleep(0.6)  # one more CPU sample after the end
        return Phase(key=key, title=title, user_class=user_class, users=users, spawn_rate=spawn_rate,
                     wall_s=ended - started, window_s=window_end - window_start, rows=rows,
                     failures=data["failures"], cpu=self.cpu.usage(window_start, window_end),
                     server_errors=server.errors_since(offset), command=self.commands[-1], note=note)

    def wait_until_idle(self, server: Server, *, limit_s: float = 15.0) -> None:
        """Let gunicorn finish what the last phase queued (its clients are gone, its requests are not)."""
        workers = [psutil.Process(pid) for pid in self.cpu._tree(server.process.pid)]
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

    def profile(self, *, server: Server, plan: Path, key: str, user_class: str, users: int,
                submit_rounds: str) -> dict | None:
        """py-spy on every gunicorn worker while `user_class` runs alone; a summary of where the time goes."""
        raw = RUNS / f"{key}.pyspy.txt"
        say(f"  profile: {user_class}")
        env = {**self.base_env, "BENCH_PLAN": str(plan), "BENCH_TLS_PROXY": "1", "BENCH_THINK": "0-0",
               "BENCH_SUBMIT_ROUNDS": submit_rounds}
        load = subprocess.Popen([str(BIN / "locust"), "-f", "bench/locustfile.py", "--headless", "-u", str(users),
                                 "-r", str(users), "--run-time", "10s", "--host", server.url, "--only-summary",
                                 "--exit-code-on-error", "0", "--loglevel", "WARNING", user_class],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        spy = subprocess.run([str(BIN / "py-spy"), "record", "--pid", str(server.process.pid), "--subprocesses",
                              "--duration", "6", "--rate", "100", "--format", "raw", "--nonblocking",
                              "--output", str(raw)], capture_output=True, text=True)
        load.wait(timeout=60)
        self.wait_until_idle(server)
        if spy.returncode != 0 or not raw.exists():
            say(f"  py-spy could not profile ({spy.stderr.strip()[:200]})")
            return None
        return summarise(raw)

    # --- one database --------------------------------------------------------------------------------
    def scenario(self, scenario: Scenario) -> dict:
        plan, timings = self.prepare(scenario)
        result = {"scenario": scenario, "setup": timings, "phases": {}, "comparison": [], "profiles": {}}
        phases = result["phases"]
        n, rate, window = scenario.learners, scenario.spawn_rate, scenario.window_s
        loop_time = n / rate + SETTLE_S + window + 1
        log = RUNS / f"{scenario.key}-gunicorn.log"
        log.unlink(missing_ok=True)
        with Server(settings=CHOSEN, env=self.env(scenario), log=log) as server:
            self.cpu.server_pid = server.process.pid
            result["server_command"] = shlex.join(server.command)
            phases["login"] = self.locust(
                server=server, plan=plan, key=f"{scenario.key}-login", title="log-in", user_class="LogIn",
                users=scenario.logins, spawn_rate=scenario.logins, run_time=180, quit_after=scenario.logins,
                loop=False)
            phases["bare"] = self.locust(
                server=server, plan=plan, key=f"{scenario.key}-bare", title="bare Django (no session, no query)",
                user_class="BareDjango", users=n, spawn_rate=rate, run_time=loop_time)
            phases["baseline"] = self.locust(
                server=server, plan=plan, key=f"{scenario.key}-baseline", title="signed-in baseline",
                user_class="Baseline", users=n, spawn_rate=rate, run_time=loop_time)
            phases["burst"] = self.locust(
                server=server, plan=plan, key=f"{scenario.key}-burst", title="exam burst", user_class="ExamLearner",
                users=n, spawn_rate=rate, run_time=420, quit_after=n, think=scenario.burst_think, loop=False)
            for key, title, user_class in [
                ("page", "attempt page, 20 questions", "AttemptPageLoop"),
                ("page-one", "attempt page, 1 question", "OneQuestionPageLoop"),
                ("save", "answer save", "AnswerSaveLoop"),
                ("submit", "submit (grading 20 questions)", "SubmitLoop"),
            ]:
                phases[key] = self.locust(
                    server=server, plan=plan, key=f"{scenario.key}-{key}", title=title, user_class=user_class,
                    users=n, spawn_rate=rate, run_time=loop_time,
                    extra_env={"BENCH_SUBMIT_ROUNDS": f"0:{scenario.submit_rounds}"} if key == "submit" else None)
            if scenario.compare_workers and not self.options.quick:
                result["comparison"].append(self.compare(server, plan, scenario, CHOSEN, reuse=phases))
            if scenario.key == "postgres" and not self.options.skip_profiles:
                for key, user_class in report.endpoints_to_profile(phases):
                    # Submitting uses each attempt once: every learner takes part, so they last the profile.
                    result["profiles"][key] = self.profile(
                        server=server, plan=plan, key=f"{scenario.key}-{key}", user_class=user_class,
                        users=n if user_class == "SubmitLoop" else min(n, 50),
                        submit_rounds=f"{scenario.submit_rounds}:")
            self.cpu.server_pid = None
        if scenario.compare_workers and not self.options.quick:
            for settings in ALTERNATIVES:
                alt_log = RUNS / f"{scenario.key}-gunicorn-{settings.worker_class}-{settings.workers}.log"
                alt_log.unlink(missing_ok=True)
                with Server(settings=settings, env=self.env(scenario), log=alt_log) as server:
                    self.cpu.server_pid = server.process.pid
                    result["comparison"].append(self.compare(server, plan, scenario, settings))
                    self.cpu.server_pid = None
        if not self.options.skip_micro:
            result["micro"] = self.micro(scenario)
        return result

    def compare(self, server: Server, plan: Path, scenario: Scenario, settings: ServerSettings,
                reuse: dict | None = None) -> dict:
        """Baseline, attempt page and answer save under one gunicorn setting, shorter windows."""
        if reuse is not None:
            return {"settings": settings, "phases": {key: reuse[key] for key in ("baseline", "page", "save")}}
        n, rate = scenario.learners, scenario.spawn_rate
        run_time = n / rate + SETTLE_S + COMPARE_WINDOW_S + 1
        say(f"  gunicorn {settings.label}")
        phases = {}
        for key, title, user_class in [("baseline", "signed-in baseline", "Baseline"),
                                       ("page", "attempt page, 20 questions", "AttemptPageLoop"),
                                       ("save", "answer save", "AnswerSaveLoop")]:
            phases[key] = self.locust(server=server, plan=plan,
                                      key=f"{scenario.key}-{settings.worker_class}{settings.workers}-{key}",
                                      title=title, user_class=user_class, users=n, spawn_rate=rate,
                                      run_time=run_time)
        return {"settings": settings, "phases": phases}

    def micro(self, scenario: Scenario) -> dict:
        say(f"{scenario.title}: micro-benchmarks")
        out = RUNS / f"{scenario.key}-micro.json"
        self.run([sys.executable, "-m", "bench.micro", "--json", str(out)], self.env(scenario))
        return json.loads(out.read_text())


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
                sqlite=sqlite3.sqlite_version)
    return info


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and short phases (trying the harness)")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-micro", action="store_true")
    parser.add_argument("--skip-profiles", action="store_true")
    parser.add_argument("--skip-compare", action="store_true", help="no other gunicorn settings")
    parser.add_argument("--skip-live-game", action="store_true")
    parser.add_argument("--output", type=Path, default=DOC)
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the document from the last run's saved measurements (after editing the report)")
    options = parser.parse_args(argv)
    if options.report_only:
        results = pickle.loads(RESULTS.read_bytes())
        options.output.write_text(report.markdown(results))
        say(f"rewrote {options.output} from {RESULTS.relative_to(ROOT)}")
        return

    started = time.time()
    RUNS.mkdir(parents=True, exist_ok=True)
    runner = Runner(options)
    runner.cpu.start()
    results = {"machine": machine(), "started": datetime.datetime.now(datetime.timezone.utc), "scenarios": []}
    quick = options.quick
    pg_url = postgres_url()
    scenarios = []
    if not options.skip_postgres:
        try:
            results["machine"]["postgres"] = postgres_version(pg_url)
        except Exception as error:  # psycopg raises several types for an unreachable server
            raise SystemExit(f"PostgreSQL is not reachable at {urlsplit(pg_url).netloc} ({error}); start it "
                             "(.ci/run does) or pass --skip-postgres.") from None
        scenarios.append(Scenario(key="postgres", title="PostgreSQL", database_url=pg_url,
                                  learners=30 if quick else 300, spawn_rate=100, logins=5 if quick else 30,
                                  submit_rounds=10 if quick else 5, window_s=4 if quick else 10,
                                  burst_think="0-0.2" if quick else "2-6",
                                  compare_workers=not options.skip_compare))
    if not options.skip_sqlite:
        scenarios.append(Scenario(key="sqlite", title="SQLite", database_url=f"sqlite:///{SQLITE_FILE}",
                                  learners=10 if quick else 40, spawn_rate=40, logins=5 if quick else 10,
                                  submit_rounds=20 if quick else 60, window_s=4 if quick else 8,
                                  burst_think="0-0.2" if quick else "1-3"))
    runner.collectstatic()
    for scenario in scenarios:
        if scenario.key == "postgres":
            postgres_admin(pg_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
                           f"CREATE DATABASE {PG_DATABASE}")
        else:
            sqlite_reset()
        try:
            results["scenarios"].append(runner.scenario(scenario))
        finally:
            if scenario.key == "postgres":
                postgres_admin(pg_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    if not options.skip_live_game:
        results["live_game"] = runner.live_game(quick=quick)
    runner.cpu.stop()
    results["duration_s"] = time.time() - started
    results["commands"] = runner.commands
    results["quick"] = quick
    results["chosen_label"] = CHOSEN.label
    results["chosen_args"] = " ".join(CHOSEN.args())
    results["chosen_threads"] = CHOSEN.workers * CHOSEN.threads
    results["keep_alive_s"] = KEEP_ALIVE_S
    RESULTS.write_bytes(pickle.dumps(results))
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(report.markdown(results))
    say(f"wrote {options.output.relative_to(ROOT) if options.output.is_relative_to(ROOT) else options.output} "
        f"in {results['duration_s'] / 60:.1f} minutes")


if __name__ == "__main__":
    main()
