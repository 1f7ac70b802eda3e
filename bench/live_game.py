"""The live game under load: N players in one game over real WebSockets on 127.0.0.1 (`make bench`'s "Live game").

The server is started the way production serves /ws/ (docs/deploy.md): with REDIS_URL, two daphne workers
(one per core) sharing channels-redis, the players' sockets spread over both; without it, the one daphne
process of `make run` with the in-memory layer. The database is PostgreSQL (a database of its own,
`tarikh_bench_game`, created and dropped here) unless --database-url names another.

One run, for each player count asked (300, then 1,000):

1. a host (a teacher) hosts a quiz of 10 auto-graded single-choice questions (fair scoring, 30 s each);
2. N guests join over HTTP as a phone does: GET /<lang>/play/<PIN>/ (the nickname form, its CSRF cookie),
   POST the nickname, keep the rejoin cookie (tarikh_player_<id>);
3. N WebSockets open (bounded concurrency, the `websockets` library), half in Arabic, half in English, each
   with its player's cookie and the site's Origin; the host's socket carries the host's session;
4. the host goes through the questions over its socket: start / next → every player's socket receives its
   question screen (the server renders each player's screen and sends it on the "game changed" message:
   that screen *is* what a phone shows) → each player answers after a random pause of 0–THINK_S seconds →
   the answer's {"ack"} comes back → the last answer closes the question and the reveal reaches everyone →
   the host shows the leaderboard → next …; after the last question, the podium.

Measured: question broadcast → received (from the host sending the command to each player's socket holding
the question's screen, so the host's own round trip is inside it), answer → acknowledged, reveal and
leaderboard broadcasts, answers lost (acknowledged answers compared with the PlayerAnswer rows), sockets
dropped, CPU per process (each daphne worker, PostgreSQL, Redis, this client), and how many PostgreSQL
sessions waited on a lock while answers came in (every answer locks the game's row: games/services.py).

    .venv/bin/python -m bench.live_game --players 300 1000 [--questions 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.processes import SERVICES, CpuLedger  # noqa: E402
from bench.run import NoRedirect, free_port, percentile  # noqa: E402

PG_DATABASE = "tarikh_bench_game"
SECRET_KEY = "tarikh-benchmark-only-key-live-game-7c1e9a3b5d"
THINK_S = 3.0  # a player answers 0–3 s after the question reaches the phone
CONNECT_CONCURRENCY = 50  # sockets being opened at once
JOIN_THREADS = 8  # HTTP joins at once
STEP_TIMEOUT_S = 20.0  # how long a broadcast or the answers may take before the step counts as broken
TARGETS = {"broadcast_p95_ms": 500, "ack_p95_ms": 300, "lost": 0, "dropped": 0}

SCREEN_STATE = re.compile(r'data-state="(\w+)" data-position="(-?\d+)"')
RADIO = re.compile(r'<input[^>]*type="radio"[^>]*>')
NAME = re.compile(r'name="([^"]+)"')
VALUE = re.compile(r'value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def summary_ms(values: list[float]) -> dict:
    millis = [value * 1000 for value in values]
    if not millis:  # bench.run's percentile is NaN for no values; a phase that measured nothing reports zeros
        return {"count": 0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0, "mean": 0.0}
    return {"count": len(millis), "p50": percentile(millis, 0.5), "p95": percentile(millis, 0.95),
            "p99": percentile(millis, 0.99), "max": max(millis, default=0.0),
            "mean": statistics.fmean(millis) if millis else 0.0}


# --- the server --------------------------------------------------------------------------------------
def server_env(database_url: str, redis_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "DEBUG": "false",
           "PLAIN_HTTP": "true", "ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


class Servers:
    """daphne as production runs it: two workers on Redis, or `make run`'s one process on the memory layer."""

    def __init__(self, env: dict, workers: int, log: Path) -> None:
        self.env, self.workers, self.log = env, workers, log
        self.ports = [free_port() for _worker in range(workers)]
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> Servers:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        out = self.log.open("ab")
        for port in self.ports:
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port), "--http-timeout", "60",
                 "config.asgi:application"], cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT))
        deadline = time.time() + 60
        for port in self.ports:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/en/play/", timeout=5).read()
                    break
                except OSError:
                    if time.time() > deadline or any(p.poll() is not None for p in self.processes):
                        raise SystemExit(f"daphne did not start; see {self.log}") from None
                    time.sleep(0.3)
        return self

    def __exit__(self, *_exc) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()

    def base(self, n: int) -> str:
        return f"http://127.0.0.1:{self.ports[n % len(self.ports)]}"


class Cpu:
    """CPU of each daphne worker, PostgreSQL, Redis, this client and the rest of the machine while the block runs,
    in percent of one core (bench.processes.CpuLedger: PostgreSQL's backends that end meanwhile still count). Its
    sampler is a thread of this client, twice a second: the client's figure includes it."""

    def __init__(self, servers: Servers) -> None:
        daphnes = {process.pid: f"daphne {n + 1}" for n, process in enumerate(servers.processes)}
        own = os.getpid()

        def group_of(process) -> str | None:
            if process.pid == own:
                return "client"
            return daphnes.get(process.pid) or SERVICES.get(process.info["name"])
        self.ledger = CpuLedger(group_of)

    def __enter__(self) -> Cpu:
        self.ledger.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.ledger.stop()
        self.ledger.sample()

    def usage(self) -> dict[str, float]:
        used = CpuLedger.used(self.ledger.samples)
        machine = used.pop("machine", 0.0)
        # The rest of the machine: what other processes used meanwhile (a shared machine measures less).
        used["other"] = max(0.0, machine - sum(used.values()))
        return used


class LockWatch:
    """How many PostgreSQL sessions of the bench database wait on a lock, sampled every 50 ms."""

    def __init__(self, database_url: str) -> None:
        self.url, self.samples, self._stop = database_url, [], threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LockWatch:
        if self.url.startswith("postgres"):
            self._thread.start()
        return self

    def _run(self) -> None:
        import psycopg

        parts = urlsplit(self.url)
        with psycopg.connect(urlunsplit(("postgresql", parts.netloc, parts.path, "", "")), autocommit=True) as conn:
            while not self._stop.wait(0.05):
                row = conn.execute("SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), "
                                   "count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity "
                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()
                self.samples.append(row)

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def result(self) -> dict:
        if not self.samples:
            return {}
        waiting = [row[0] for row in self.samples]
        return {"samples": len(waiting), "max_waiting": max(waiting), "mean_waiting": statistics.fmean(waiting),
                "share_with_waiters": sum(1 for n in waiting if n) / len(waiting),
                "max_active": max(row[1] for row in self.samples)}


# --- the data ----------------------------------------------------------------------------------------
def prepare(questions: int) -> dict:
    """A host (a teacher), their quiz of `questions` single-choice questions, and the host's session."""
    from django.test import Client

    from bench import dataset
    from quizzes.models import Question

    host = dataset.teacher(username="bench-game-host")
    bank = dataset.bank(owner=host, size=max(40, questions * 6), seed=12)
    chosen = list(Question.objects.filter(bank=bank, qtype="single_choice").order_by("pk")[:questions])
    if len(chosen) < questions:
        raise SystemExit(f"the bench bank has {len(chosen)} single-choice questions, {questions} asked")
    quiz = dataset.fixed_quiz(owner=host, questions=chosen, title="Live game")
    client = Client()
    client.force_login(host)
    return {"host": host, "quiz": quiz, "session": client.cookies["sessionid"].value}


def host_game(data: dict):
    from django.utils import timezone

    from games import services

    return services.game_host(quiz=data["quiz"], host=data["host"], now=timezone.now(), seconds_per_question=30)


def join(base: str, pin: str, nickname: str, lang: str) -> tuple[str, float]:
    """Join as a phone does; return the rejoin cookie ("name=value") and the seconds it took."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    started = time.perf_counter()
    url = f"{base}/{lang}/play/{pin}/"
    page = opener.open(url, timeout=60).read().decode()
    token = CSRF.search(page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "nickname": nickname}).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url, "Origin": base})
    try:
        opener.open(request, timeout=60)
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            raise
    cookie = next((c for c in jar if c.name.startswith("tarikh_player_")), None)
    if cookie is None:
        raise RuntimeError(f"{nickname} did not get a rejoin cookie")
    return f"{cookie.name}={cookie.value}", time.perf_counter() - started


# --- the client --------------------------------------------------------------------------------------
class Phone:
    def __init__(self, n: int, base: str, pin: str, cookie: str, rng: random.Random) -> None:
        self.n, self.base, self.pin, self.cookie, self.rng = n, base, pin, cookie, rng
        self.lang = "ar" if n % 2 else "en"
        self.seen: dict[tuple[str, int], float] = {}
        self.sent: dict[int, float] = {}
        self.acked: dict[int, float] = {}
        self.errors: list[str] = []
        self.dropped = False
        self.closing = False
        self.socket = None
        self.tasks: set[asyncio.Task] = set()

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        ws_base = self.base.replace("http://", "ws://")
        self.socket = await connect(f"{ws_base}/ws/{self.lang}/play/{self.pin}/", origin=self.base,
                                    additional_headers={"Cookie": self.cookie}, ping_interval=None,
                                    open_timeout=60, max_size=2**22)

    async def listen(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.socket:
                now = time.perf_counter()
                data = json.loads(raw)
                if "ack" in data:
                    position = max(self.sent) if self.sent else -1
                    self.acked.setdefault(position, now)
                if "error" in data:
                    self.errors.append(data["error"])
                screen = data.get("screen")
                if screen:
                    found = SCREEN_STATE.search(screen)
                    if found:
                        key = (found.group(1), int(found.group(2)))
                        self.seen.setdefault(key, now)
                        if key[0] == "question" and key[1] not in self.sent and 'class="game-answer' in screen:
                            self.sent[key[1]] = 0.0  # taken: one answer per question
                            task = asyncio.create_task(self.answer(key[1], screen))
                            self.tasks.add(task)
                            task.add_done_callback(self.tasks.discard)
        except ConnectionClosed:
            pass
        self.dropped = not self.closing  # the server closed it, or the connection broke

    async def answer(self, position: int, screen: str) -> None:
        await asyncio.sleep(self.rng.uniform(0, THINK_S))
        radios = RADIO.findall(screen)
        if not radios:
            self.errors.append("no answer controls")
            return
        chosen = self.rng.choice(radios)
        fields = [[NAME.search(chosen).group(1), VALUE.search(chosen).group(1)]]
        self.sent[position] = time.perf_counter()
        await self.socket.send(json.dumps({"action": "answer", "position": position, "fields": fields}))


class Host:
    def __init__(self, base: str, game_id: int, session: str) -> None:
        self.base, self.game_id, self.session = base, game_id, session
        self.replies: list = []
        self.last_command = 0.0

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self.socket = await connect(f"{self.base.replace('http://', 'ws://')}/ws/en/host/{self.game_id}/",
                                    origin=self.base, additional_headers={"Cookie": f"sessionid={self.session}"},
                                    ping_interval=None, open_timeout=60, max_size=2**24)
        self.listener = asyncio.create_task(self._listen())

    async def _listen(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.socket:
                data = json.loads(raw)
                if "ack" in data or "error" in data:
                    self.replies.append(data)
        except ConnectionClosed:
            pass

    async def command(self, command: str) -> float:
        self.last_command = started = time.perf_counter()
        await self.socket.send(json.dumps({"action": "command", "command": command}))
        return started


async def until(condition, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def play(*, servers: Servers, game, cookies: list[str], session: str, questions: int, seed: int) -> dict:
    rng = random.Random(seed)
    phones = [Phone(n, servers.base(n), game.pin, cookie, random.Random(rng.random())) for n, cookie in enumerate(cookies)]
    limit = asyncio.Semaphore(CONNECT_CONCURRENCY)
    refused: list[str] = []

    async def open_one(phone: Phone) -> None:
        async with limit:
            try:
                await phone.open()
            except Exception as error:  # a refused or timed-out handshake: the player never got in
                refused.append(type(error).__name__)
                return
        phone.listener = asyncio.create_task(phone.listen())

    started = time.perf_counter()
    await asyncio.gather(*(open_one(phone) for phone in phones))
    connected = [phone for phone in phones if phone.socket is not None and hasattr(phone, "listener")]
    # Every socket sends its lobby screen on connecting: wait for them all.
    await until(lambda: all(("lobby", -1) in phone.seen for phone in connected), STEP_TIMEOUT_S)
    connect_s = time.perf_counter() - started
    host = Host(servers.base(0), game.pk, session)
    await host.open()

    broadcast, reveal, board, ack = [], [], [], []
    broken: list[str] = []
    game_started = time.perf_counter()
    try:
        await steps(host, connected, questions, broadcast, reveal, board, ack, broken)
    except ConnectionClosed as closed:  # the host's socket died: the game cannot go on
        broken.append(f"the host's socket closed ({closed})")
    podium = [min(t for key, t in p.seen.items() if key[0] == "finished") - host.last_command for p in connected
              if any(key[0] == "finished" for key in p.seen)]
    game_s = time.perf_counter() - game_started
    return await finish(phones, connected, host, refused, connect_s, game_s, broadcast, reveal, board, podium,
                        ack, broken)


async def steps(host, connected, questions, broadcast, reveal, board, ack, broken) -> None:
    for position in range(questions):
        t0 = await host.command("start" if position == 0 else "next")
        if not await until(lambda: all(("question", position) in p.seen for p in connected), STEP_TIMEOUT_S):
            broken.append(f"question {position + 1}: the question reached "
                          f"{sum(('question', position) in p.seen for p in connected)} of {len(connected)} players "
                          f"in {STEP_TIMEOUT_S:.0f} s")
        broadcast += [p.seen[("question", position)] - t0 for p in connected if ("question", position) in p.seen]
        answered = await until(lambda: all(position in p.acked for p in connected), THINK_S + STEP_TIMEOUT_S)
        if not answered:
            broken.append(f"question {position + 1}: {sum(position in p.acked for p in connected)} of "
                          f"{len(connected)} answers acknowledged")
        ack += [p.acked[position] - p.sent[position] for p in connected if position in p.acked and p.sent.get(position)]
        # The last answer closes the question: the reveal goes to everyone (or the host reveals if answers are missing).
        last = max((p.sent.get(position) or 0.0 for p in connected), default=time.perf_counter())
        if not answered:
            last = await host.command("reveal")
        if not await until(lambda: all(("reveal", position) in p.seen for p in connected), STEP_TIMEOUT_S):
            broken.append(f"question {position + 1}: the reveal reached "
                          f"{sum(('reveal', position) in p.seen for p in connected)} of {len(connected)} players")
        reveal += [p.seen[("reveal", position)] - last for p in connected if ("reveal", position) in p.seen]
        t1 = await host.command("leaderboard")
        if not await until(lambda: all(("leaderboard", position) in p.seen for p in connected), STEP_TIMEOUT_S):
            broken.append(f"question {position + 1}: the leaderboard reached "
                          f"{sum(('leaderboard', position) in p.seen for p in connected)} of {len(connected)} players")
        board += [p.seen[("leaderboard", position)] - t1 for p in connected if ("leaderboard", position) in p.seen]
        if broken:  # where it breaks is recorded: the questions after it would only time out again
            broken.append(f"stopped after question {position + 1} of {questions}")
            await host.command("end")
            return
    await host.command("next")
    await until(lambda: all(any(key[0] == "finished" for key in p.seen) for p in connected), STEP_TIMEOUT_S)


async def finish(phones, connected, host, refused, connect_s, game_s, broadcast, reveal, board, podium, ack,
                 broken) -> dict:
    for phone in connected:
        phone.closing = True
    dropped = sum(1 for phone in connected if phone.dropped)
    await asyncio.gather(*(phone.socket.close() for phone in connected), host.socket.close(), return_exceptions=True)
    errors: dict[str, int] = {}
    for phone in phones:
        for error in phone.errors:
            errors[error] = errors.get(error, 0) + 1
    for reply in host.replies:
        if "error" in reply:
            errors[f"host: {reply['error']}"] = errors.get(f"host: {reply['error']}", 0) + 1
    return {
        "connected": len(connected), "refused": len(refused), "refusals": sorted(set(refused)), "connect_s": connect_s,
        "game_s": game_s, "broadcast": summary_ms(broadcast), "reveal": summary_ms(reveal),
        "leaderboard": summary_ms(board), "podium": summary_ms(podium), "ack": summary_ms(ack),
        "answers_sent": sum(1 for p in phones for t in p.sent.values() if t),
        "answers_acked": sum(len(p.acked) for p in phones), "dropped": dropped, "errors": errors, "broken": broken,
    }


def phase(*, servers: Servers, data: dict, players: int, questions: int, database_url: str, seed: int) -> dict:
    from games.models import PlayerAnswer

    game = host_game(data)
    started = time.perf_counter()
    with ThreadPoolExecutor(JOIN_THREADS) as pool:
        joined = list(pool.map(lambda n: join(servers.base(n), game.pin, f"player {n:04d}", "ar" if n % 2 else "en"),
                               range(players)))
    join_s = time.perf_counter() - started
    with Cpu(servers) as cpu, LockWatch(database_url) as locks:
        result = asyncio.run(play(servers=servers, game=game, cookies=[cookie for cookie, _s in joined],
                                  session=data["session"], questions=questions, seed=seed))
    result["cpu"] = cpu.usage()
    result["locks"] = locks.result()
    result.update(players=players, questions=questions, join_s=join_s, join=summary_ms([s for _c, s in joined]))
    result["answers_in_db"] = PlayerAnswer.objects.filter(player__game=game).count()
    result["lost"] = max(0, result["answers_acked"] - result["answers_in_db"]) + max(
        0, result["answers_sent"] - result["answers_acked"])
    result["met"] = {
        "broadcast": result["broadcast"]["p95"] < TARGETS["broadcast_p95_ms"] and result["broadcast"]["count"] == players
        * questions,
        "ack": result["ack"]["p95"] < TARGETS["ack_p95_ms"],
        "lost": result["lost"] == 0 and result["answers_sent"] == players * questions,
        "dropped": result["dropped"] == 0 and result["connected"] == players,
    }
    return result


def postgres_url(given: str | None) -> str:
    given = given or os.environ.get("BENCH_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432/tarikh"
    parts = urlsplit(given)
    return urlunsplit((parts.scheme, parts.netloc, f"/{PG_DATABASE}", "", ""))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--players", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--database-url", help="default: PostgreSQL database tarikh_bench_game (created and dropped)")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""),
                        help="channels-redis and two daphne workers (default: REDIS_URL; empty: one daphne, memory layer)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--log", type=Path, default=ROOT / "bench" / ".runs" / "live-game-daphne.log")
    options = parser.parse_args(argv)
    own_postgres = options.database_url is None
    database_url = postgres_url(None) if own_postgres else options.database_url
    if own_postgres:
        from bench.run import postgres_admin

        postgres_admin(database_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
                       f"CREATE DATABASE {PG_DATABASE}")
    env = server_env(database_url, options.redis_url)
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "PLAIN_HTTP",
                                                 "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE")})
    if options.redis_url:
        os.environ["REDIS_URL"] = options.redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        data = prepare(options.questions)
        results = {"layer": "channels-redis" if options.redis_url else "in-memory",
                   "workers": 2 if options.redis_url else 1, "database": urlsplit(database_url).scheme,
                   "think_s": THINK_S, "targets": TARGETS, "phases": []}
        from django.db import connections

        with Servers(env, results["workers"], options.log) as servers:
            for n, players in enumerate(options.players):
                print(f"[live game] {players} players, {options.questions} questions", flush=True)
                connections.close_all()
                results["phases"].append(phase(servers=servers, data=data, players=players,
                                               questions=options.questions, database_url=database_url, seed=n))
                if options.json:  # after each phase: a later phase that never ends keeps this one's figures
                    options.json.parent.mkdir(parents=True, exist_ok=True)
                    options.json.write_text(json.dumps(results, indent=1, default=str))
                summary = results["phases"][-1]
                print(f"[live game] {players}: broadcast p95 {summary['broadcast']['p95']:.0f} ms, ack p95 "
                      f"{summary['ack']['p95']:.0f} ms, lost {summary['lost']}, dropped {summary['dropped']}, "
                      f"broken: {summary['broken'][:2]}", flush=True)
        connections.close_all()
    finally:
        if own_postgres:
            from bench.run import postgres_admin

            postgres_admin(database_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=1, default=str))
    return results


if __name__ == "__main__":
    main()
