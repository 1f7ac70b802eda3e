"""The two-node phase: Debian's HAProxy in front of two gunicorn nodes sharing one PostgreSQL and one Redis.

bench/run.py writes the configuration into bench/.runs/ (`config_text`), checks it with `haproxy -c`, and runs
HAProxy in the foreground (`HAProxy`) for the phase. Balancing is `roundrobin` with no stickiness (no cookie, no
stick table, no `prefer-last-server`), so a learner's consecutive requests go to either node: HAProxy names the
node of every response in `X-Tarikh-Node` (from its own `srv_name`, nothing in Tarikh's code), which the locust
users record, so the run shows the alternation it claims.

After the burst through HAProxy the runner counts what the database kept of the answers locust saw acknowledged:

    DATABASE_URL=... python -m bench.haproxy saved --quiz 12 --acknowledged bench/.runs/saved.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from bench.processes import free_port, stop

NODE_HEADER = "X-Tarikh-Node"
# HAProxy's client and server idle timeouts outlast gunicorn's keep-alive (15 s) and a learner's longest pause.
TIMEOUTS = {"connect": "5s", "client": "60s", "server": "60s", "http-keep-alive": "20s", "http-request": "30s",
            "queue": "30s"}


def binary() -> str | None:
    """Debian's haproxy (`make bench-deps` installs it), or None."""
    return shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)


def config_text(*, port: int, nodes: list[tuple[str, int]], maxconn: int = 4096) -> str:
    """An HAProxy configuration: 127.0.0.1:`port` balancing over `nodes` ((name, port) on 127.0.0.1) in turn."""
    if not nodes:
        raise ValueError("at least one node")
    timeouts = "\n".join(f"    timeout {name} {value}" for name, value in TIMEOUTS.items())
    servers = "\n".join(f"    server {name} 127.0.0.1:{node_port} maxconn 1000" for name, node_port in nodes)
    return f"""# Written by bench/haproxy.py for one bench run; not a production configuration.
global
    maxconn {maxconn}
    log stdout format raw local0 notice

defaults
    mode http
    log global
    option httplog
    option http-keep-alive
    # A request reaches a node whole, so a slow upload never holds one of a worker's threads.
    option http-buffer-request
{timeouts}

frontend tarikh
    bind 127.0.0.1:{port}
    default_backend nodes

backend nodes
    # Every request is balanced on its own: no cookie, no stick table, no prefer-last-server.
    balance roundrobin
    http-response set-header {NODE_HEADER} %[srv_name]
{servers}
"""


class HAProxy:
    """HAProxy in the foreground on a free port of 127.0.0.1, for the length of a `with` block."""

    def __init__(self, *, nodes: list[tuple[str, int]], directory: Path, name: str = "haproxy") -> None:
        executable = binary()
        if executable is None:
            raise SystemExit("haproxy is not installed: run `make bench-deps` (Debian's package) or pass --skip-haproxy")
        self.executable = executable
        self.port = free_port()
        self.nodes = nodes
        self.config = directory / f"{name}.cfg"
        self.log = directory / f"{name}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def command(self) -> list[str]:
        return [self.executable, "-db", "-f", str(self.config)]

    def __enter__(self) -> HAProxy:
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text(config_text(port=self.port, nodes=self.nodes))
        checked = subprocess.run([self.executable, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True)
        if checked.returncode != 0:
            raise SystemExit(f"haproxy refused {self.config}: {checked.stdout}{checked.stderr}")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"haproxy stopped at start-up; see {self.log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"haproxy did not listen within 10 s; see {self.log}")

    def __exit__(self, *_exc) -> None:
        stop(self.process, timeout=10)


def alternation(nodes: dict[str, list[str]]) -> dict:
    """How the requests of each learner spread over the nodes: requests per node, learners served by more than
    one node, and the share of a learner's consecutive requests that went to a different node than the one before
    (about half with round robin among many learners; 0 with sticky sessions)."""
    per_node: Counter[str] = Counter()
    pairs = switched = both = 0
    for sequence in nodes.values():
        per_node.update(sequence)
        if len(set(sequence)) > 1:
            both += 1
        for before, after in zip(sequence, sequence[1:]):
            pairs += 1
            switched += before != after
    return {"per_node": dict(sorted(per_node.items())), "learners": len(nodes), "learners_on_several": both,
            "pairs": pairs, "switched": switched, "switched_share": switched / pairs if pairs else None}


def lost_answers(acknowledged: list[str], kept: set[tuple[int, int]]) -> dict:
    """Compare the answer saves locust saw acknowledged (their URLs, …/attempts/<id>/questions/<position>/) with
    the (attempt, position) pairs whose response the database holds."""
    wanted = set()
    for url in acknowledged:
        parts = [part for part in url.split("/") if part]
        attempt, position = int(parts[parts.index("attempts") + 1]), int(parts[parts.index("questions") + 1])
        wanted.add((attempt, position))
    lost = wanted - kept
    return {"acknowledged": len(acknowledged), "distinct": len(wanted), "in_database": len(wanted & kept),
            "lost": len(lost), "examples": sorted(lost)[:5]}


def saved_in_database(quiz: int) -> tuple[set[tuple[int, int]], dict]:
    """The (attempt, position) of every slot of `quiz`'s attempts holding a response, and the attempts' states."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from quizzes.models import Attempt, AttemptQuestion

    kept = set(AttemptQuestion.objects.filter(attempt__quiz_id=quiz, response__isnull=False)
               .values_list("attempt_id", "position"))
    states = Counter(Attempt.objects.filter(quiz_id=quiz).values_list("state", flat=True))
    return kept, dict(states)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    saved = commands.add_parser("saved", help="count the acknowledged answers the database kept")
    saved.add_argument("--quiz", type=int, required=True)
    saved.add_argument("--acknowledged", type=Path, required=True, help="JSON list of answer-save URLs")
    config = commands.add_parser("config", help="print a configuration (to read it)")
    config.add_argument("--port", type=int, default=8080)
    config.add_argument("nodes", nargs="+", type=int, help="the nodes' ports")
    options = parser.parse_args(argv)
    if options.command == "config":
        print(config_text(port=options.port, nodes=[(f"node{i + 1}", port) for i, port in enumerate(options.nodes)]))
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    kept, states = saved_in_database(options.quiz)
    result = lost_answers(json.loads(options.acknowledged.read_text()), kept)
    result["attempts"] = states
    print(json.dumps(result))


if __name__ == "__main__":
    main()
