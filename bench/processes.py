"""What the bench's servers share: a free port to listen on, stopping a process politely, then firmly, and the
ledger of the CPU each group of processes used."""

from __future__ import annotations

import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable

import psutil


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen | None, *, timeout: float) -> None:
    """SIGTERM, then SIGKILL after `timeout` seconds, if it is still running."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The services the bench shares the machine with, by process name, and their groups in the CPU tables.
SERVICES = {"postgres": "postgres", "redis-server": "redis", "haproxy": "haproxy"}
# A process as the ledger knows it: its pid and start time (a pid can be reused once its process ended).
ProcessKey = tuple[int, float]
Sample = tuple[float, dict[str, dict[ProcessKey, float]], float]  # when; CPU s per group and process; machine busy s


class CpuLedger:
    """The CPU seconds of every process of the machine, sampled every `interval` seconds, grouped by `group_of`
    (a process's group name, or None for the rest of the machine).

    A group's use between two times is the sum over its processes of what each used in between: a process that
    started in between counts from zero, one that ended counts up to its last sample. Summing the processes
    alive at each sample instead loses what the ended ones used, and PostgreSQL's backends end with their
    connections (a thread's connection lives `CONN_MAX_AGE`, 60 s): a burst of four minutes then showed
    PostgreSQL at 2% of a core while it used 27%, the rest counted as "other processes". What a process uses
    after its last sample, and a process that lives less than one interval, still fall to the rest of the
    machine."""

    def __init__(self, group_of: Callable[[psutil.Process], str | None], *, interval: float = 0.5,
                 refresh: Callable[[], None] | None = None) -> None:
        self.group_of = group_of
        self.refresh = refresh  # called before each sample (to learn which processes a group has now)
        self.interval = interval
        self.samples: list[Sample] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> CpuLedger:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> Sample:
        when = time.time()
        if self.refresh:
            self.refresh()
        groups: dict[str, dict[ProcessKey, float]] = {}
        for process in psutil.process_iter(["name", "cpu_times", "create_time"]):
            times = process.info["cpu_times"]
            if times is None:
                continue
            try:
                group = self.group_of(process)
            except psutil.Error:
                continue
            if group:
                groups.setdefault(group, {})[(process.pid, process.info["create_time"])] = times.user + times.system
        busy = psutil.cpu_times()
        machine = busy.user + busy.system + busy.nice + getattr(busy, "irq", 0.0) + getattr(busy, "softirq", 0.0)
        sample = (when, groups, machine)
        self.samples.append(sample)
        return sample

    @staticmethod
    def used(samples: list[Sample]) -> dict[str, float]:
        """Percent of one core each group used from the first of `samples` to the last (a 2-core machine has
        200%), and `machine`: the whole machine's, for the rest of it."""
        if len(samples) < 2:
            return {}
        (t0, first, busy0), (t1, _, busy1) = samples[0], samples[-1]
        span = max(t1 - t0, 1e-6)
        used = {}
        for group in {name for _t, groups, _m in samples for name in groups}:
            # Each process from its value at the first sample that has it (from zero if it started within the
            # window; else it was missed before, or only joined the group later) to its value at the last.
            first_seen: dict[ProcessKey, float] = {}
            last_seen: dict[ProcessKey, float] = {}
            for _t, groups, _m in samples:
                for key, cpu in groups.get(group, {}).items():
                    first_seen.setdefault(key, 0.0 if key[1] > t0 else cpu)
                    last_seen[key] = cpu
            used[group] = 100 * sum(cpu - first_seen[key] for key, cpu in last_seen.items()) / span
        used["machine"] = 100 * (busy1 - busy0) / span
        return used

    def usage(self, start: float, end: float) -> dict[str, float]:
        """`used` over the samples between `start` and `end` (wall-clock seconds)."""
        return self.used([s for s in self.samples if start - self.interval <= s[0] <= end + self.interval])
