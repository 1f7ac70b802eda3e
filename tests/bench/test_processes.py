"""The bench's CPU ledger (bench/processes.py CpuLedger): what a group of processes used between two times counts
the processes that ended or started in between, as PostgreSQL's backends do under load."""

import subprocess
import sys
import time

import pytest

from bench.processes import CpuLedger


def test_processes_that_end_or_start_between_the_samples_count_with_what_they_used_in_between():
    # Backend 1 (started long before) ends after the second sample; backend 2 starts after the first; pid 1 is
    # then reused by a process started later (its own start time), which must not be taken for the first one.
    samples = [
        (0.0, {"postgres": {(1, -50.0): 10.0}}, 100.0),
        (1.0, {"postgres": {(1, -50.0): 10.5, (2, 0.5): 0.2}}, 101.5),
        (2.0, {"postgres": {(2, 0.5): 0.9, (1, 1.5): 0.1}}, 103.0),
    ]
    used = CpuLedger.used(samples)
    assert used["postgres"] == pytest.approx(100 * (0.5 + 0.9 + 0.1) / 2.0)
    assert used["machine"] == pytest.approx(100 * 3.0 / 2.0)
    # What a sum of the processes alive at each sample would say: less than nothing, the ended backend's ten
    # seconds subtracted as if they had been given back.
    naive = 100 * (sum(samples[-1][1]["postgres"].values()) - sum(samples[0][1]["postgres"].values())) / 2.0
    assert naive < 0 < used["postgres"]


def test_a_process_first_seen_late_counts_from_where_it_was_seen_not_its_whole_life():
    # A worker that only joined the group at the second sample (its tree was not readable at the first), started
    # long before the window: its 40 seconds of earlier life are not this window's.
    samples = [(0.0, {"gunicorn": {}}, 0.0), (1.0, {"gunicorn": {(7, -100.0): 40.0}}, 1.0),
               (2.0, {"gunicorn": {(7, -100.0): 40.8}}, 2.0)]
    assert CpuLedger.used(samples)["gunicorn"] == pytest.approx(100 * 0.8 / 2.0)


def test_too_few_samples_say_nothing():
    assert CpuLedger.used([]) == {}
    assert CpuLedger.used([(0.0, {}, 1.0)]) == {}


def test_a_real_process_that_burns_a_core_and_ends_within_the_window_is_counted():
    burners: set[int] = set()
    ledger = CpuLedger(lambda process: "burner" if process.pid in burners else None, interval=0.05)
    ledger.sample()
    child = subprocess.Popen([sys.executable, "-c", "import time\nt = time.process_time()\n"
                              "while time.process_time() - t < 0.5: pass\ntime.sleep(0.3)"])
    burners.add(child.pid)
    ledger.start()
    child.wait(timeout=30)
    time.sleep(0.2)  # samples after its end: it is no longer alive in the last one
    ledger.stop()
    ledger.sample()
    assert all(child.pid not in {pid for pid, _start in groups.get("burner", {})}
               for _t, groups, _m in ledger.samples[-2:])
    first, last = ledger.samples[0][0], ledger.samples[-1][0]
    seconds = CpuLedger.used(ledger.samples)["burner"] * (last - first) / 100
    assert 0.45 <= seconds <= 1.5  # its half second of CPU (and its start-up), though it ended before the end
