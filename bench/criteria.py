"""When a load run counts as broken (the 2,000-learner phase stops there): kept apart from the locustfile, whose
import starts gevent, so that the test suite can check the rule itself."""

from __future__ import annotations

from collections import Counter


def break_reason(samples: list, failures: int, now: float, *, limit_ms: float, window_s: float) -> str | None:
    """Why the run counts as broken at `now`, or None: "error" at any error, or a p95 over `limit_ms` among the
    requests that finished in the last `window_s` seconds (at least five of them). `samples` are locust's
    (name, started, duration ms, failed)."""
    if failures:
        return "error"
    recent = [(name, duration) for name, started, duration, _failed in samples
              if now - window_s <= started + duration / 1000 <= now]
    if len(recent) < 5:
        return None
    durations = sorted(duration for _name, duration in recent)
    p95 = durations[min(len(durations) - 1, int(0.95 * len(durations)))]
    if p95 <= limit_ms:
        return None
    slowest = Counter(name for name, duration in recent if duration >= p95).most_common(1)[0][0]
    return f"p95 {p95 / 1000:.1f} s over the last {window_s:.0f} s (slowest: {slowest})"
