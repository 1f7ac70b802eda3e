"""Write docs/benchmarks.md from one run's measurements (bench/run.py calls `markdown`)."""

from __future__ import annotations

import math
from pathlib import Path

FINDINGS = Path(__file__).resolve().parent / "FINDINGS.md"

# Request names in the order a learner meets them.
ORDER = ["login page", "log in", "bare Django", "baseline", "quiz page", "start", "attempt page", "attempt page (1 question)",
         "answer save", "submit page", "submit", "review page"]

# (phase key, request name, target share of the baseline's requests/s, what the issue calls it)
RATIO_TARGETS = [
    ("page", "attempt page", 0.50, "attempt page, all 20 questions on one page (the burst's exam)"),
    ("page-one", "attempt page (1 question)", 0.50, "attempt page, one question per page (the default setting)"),
    ("save", "answer save", 0.50, "answer save (htmx autosave)"),
    ("submit", "submit", 0.30, "submit (grading 20 questions)"),
]
PROFILED_CLASSES = {"page": "AttemptPageLoop", "page-one": "OneQuestionPageLoop", "save": "AnswerSaveLoop",
                    "submit": "SubmitLoop"}
# The signed-in baseline against bare Django (no session, no user, no query): what reading them costs.
BASELINE_OF_BARE = 0.60
SUBMIT_P95_MS = 300
START_MS = 20
STATISTICS_MS = 2000


def ratio(phases: dict, key: str, name: str) -> float | None:
    baseline = phases.get("baseline")
    phase = phases.get(key)
    if not baseline or not phase or "baseline" not in baseline.rows or name not in phase.rows:
        return None
    return phase.rows[name].rps / baseline.rows["baseline"].rps


def baseline_share_of_bare(phases: dict) -> float | None:
    bare, baseline = phases.get("bare"), phases.get("baseline")
    if not bare or not baseline or "bare Django" not in bare.rows or "baseline" not in baseline.rows:
        return None
    return baseline.rows["baseline"].rps / bare.rows["bare Django"].rps


def endpoints_to_profile(phases: dict) -> list[tuple[str, str]]:
    """The throughput phases whose target this run missed, with the locust class that loads them."""
    missed = []
    for key, name, target, _label in RATIO_TARGETS:
        share = ratio(phases, key, name)
        if share is not None and share < target:
            missed.append((key, PROFILED_CLASSES[key]))
    burst = phases.get("burst")
    if burst and "submit" in burst.rows and burst.rows["submit"].p95 >= SUBMIT_P95_MS:
        if ("submit", "SubmitLoop") not in missed:
            missed.append(("submit", "SubmitLoop"))
    return missed


# --- formatting -------------------------------------------------------------------------------------
def ms(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def errors_of(phase) -> int:
    return sum(row.failures for row in phase.rows.values()) + sum(
        count for label, count in phase.server_errors.items() if label != "traceback")


def verdict(met: bool | None) -> str:
    return "not measured" if met is None else ("**met**" if met else "**missed**")


def rows_table(rows: dict, *, baseline_rps: float | None = None, ratios: bool = False) -> list[str]:
    head = "| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|"
    if ratios:
        head += " ÷ baseline |"
        rule += "---:|"
    lines = [head, rule]
    names = sorted(rows, key=lambda name: ORDER.index(name) if name in ORDER else len(ORDER))
    for name in names:
        row = rows[name]
        line = (f"| {name} | {row.count:,} | {row.failures} | {rate(row.rps)} | {ms(row.p50)} | {ms(row.p95)} | "
                f"{ms(row.p99)} | {ms(row.max)} |")
        if ratios:
            line += f" {percent(row.rps / baseline_rps) if baseline_rps else '–'} |"
        lines.append(line)
    return lines


def cpu_cell(phase, group: str) -> str:
    value = phase.cpu.get(group)
    return "–" if value is None else f"{value:.0f}%"


def cpu_table(phases: dict) -> list[str]:
    lines = ["| phase | gunicorn | PostgreSQL | locust | other processes |", "|---|---:|---:|---:|---:|"]
    for phase in phases.values():
        lines.append(f"| {phase.title} | {cpu_cell(phase, 'gunicorn')} | {cpu_cell(phase, 'postgres')} | "
                     f"{cpu_cell(phase, 'locust')} | {cpu_cell(phase, 'other')} |")
    return lines


def failure_lines(phases: dict) -> list[str]:
    lines = []
    for phase in phases.values():
        for message, count in sorted(phase.failures.items(), key=lambda item: -item[1]):
            lines.append(f"- {phase.title}: {count} × {message}")
        for label, count in phase.server_errors.items():
            lines.append(f"- {phase.title}, server log: {count} × {label}")
    return lines


# --- the document -----------------------------------------------------------------------------------
def targets(results: dict) -> list[str]:
    by_key = {item["scenario"].key: item for item in results["scenarios"]}
    pg, lite = by_key.get("postgres"), by_key.get("sqlite")
    lines = ["| target | measured | verdict |", "|---|---|---|"]

    def zero_errors(item, label):
        if item is None:
            lines.append(f"| zero errors, {label} | – | not measured |")
            return
        burst = errors_of(item["phases"]["burst"])
        everything = sum(errors_of(phase) for phase in item["phases"].values())
        lines.append(f"| zero errors (5xx, timeouts, “database is locked”), {label} | {burst} in the burst, "
                     f"{everything} in all its phases | {verdict(burst == 0 and everything == 0)} |")

    zero_errors(pg, f"{pg['scenario'].learners if pg else 300} learners on PostgreSQL")
    zero_errors(lite, f"{lite['scenario'].learners if lite else 40}-learner classroom burst on SQLite")
    for item in (pg, lite):
        if item is None:
            continue
        share = baseline_share_of_bare(item["phases"])
        if share is not None:
            gap = "" if share >= BASELINE_OF_BARE else f"; short by {100 * (BASELINE_OF_BARE - share):.1f} points"
            lines.append(f"| signed-in baseline ≥ {100 * BASELINE_OF_BARE:.0f}% of bare Django, "
                         f"{item['scenario'].title} | {100 * share:.1f}%{gap} | {verdict(share >= BASELINE_OF_BARE)} |")
        for key, name, target, label in RATIO_TARGETS:
            share = ratio(item["phases"], key, name)
            if share is None:
                continue
            gap = "" if share >= target else (f"; short by {100 * (target - share):.1f} points "
                                               f"(needs {target / share:.2f}× its throughput)")
            lines.append(f"| {label} ≥ {100 * target:.0f}% of the baseline, {item['scenario'].title} | "
                         f"{100 * share:.1f}%{gap} | {verdict(share >= target)} |")
    if pg:
        submit = pg["phases"]["burst"].rows.get("submit")
        if submit:
            gap = "" if submit.p95 < SUBMIT_P95_MS else f"; over by {submit.p95 - SUBMIT_P95_MS:.0f} ms"
            lines.append(f"| submit p95 < {SUBMIT_P95_MS} ms at {pg['scenario'].learners} learners, PostgreSQL | "
                         f"{ms(submit.p95)} ms{gap} | {verdict(submit.p95 < SUBMIT_P95_MS)} |")
    for item in (pg, lite):
        micro = item and item.get("micro")
        if not micro:
            continue
        start = micro["start"]
        gap = "" if start["median_ms"] < START_MS else f"; over by {start['median_ms'] - START_MS:.1f} ms"
        cached = micro.get("start_cached")
        cached = f"; questions already cached: median {ms(cached['median_ms'])} ms" if cached else ""
        lines.append(f"| starting an attempt from the 10,000-question bank < {START_MS} ms, {item['scenario'].title} | "
                     f"median {ms(start['median_ms'])} ms (p95 {ms(start['p95_ms'])}){gap}{cached} | "
                     f"{verdict(start['median_ms'] < START_MS)} |")
        prepared = micro.get("start_prepared")
        if prepared:
            gap = "" if prepared["median_ms"] < 5 else f"; over by {prepared['median_ms'] - 5:.1f} ms"
            lines.append(f"| starting an attempt drawn ahead of the opening < 5 ms, {item['scenario'].title} | "
                         f"median {ms(prepared['median_ms'])} ms (p95 {ms(prepared['p95_ms'])}){gap} | "
                         f"{verdict(prepared['median_ms'] < 5)} |")
        stats = micro["statistics"]
        if "skipped" in stats:
            lines.append(f"| item statistics over 100,000 responses < 2 s, {item['scenario'].title} | "
                         f"skipped: {stats['skipped']} | not measured |")
        else:
            gap = "" if stats["median_ms"] < STATISTICS_MS else f"; over by {stats['median_ms'] - STATISTICS_MS:.0f} ms"
            lines.append(f"| item statistics over 100,000 responses < 2 s, {item['scenario'].title} | "
                         f"median {ms(stats['median_ms'])} ms{gap} | {verdict(stats['median_ms'] < STATISTICS_MS)} |")
    return lines


def live_game_phases(results: dict):
    for run in results.get("live_game") or []:
        for phase in run.get("phases", []):
            yield run, phase


def live_game_targets(results: dict) -> list[str]:
    """The live game's targets (issue 12) at 300 players, on each layer measured."""
    lines = []
    for run, phase in live_game_phases(results):
        if phase["players"] > 300:
            continue
        where = f"{phase['players']} players, {run['layer']} ({run['workers']} daphne)"
        targets_ = run["targets"]
        lines += [
            f"| live game: question broadcast p95 < {targets_['broadcast_p95_ms']} ms, {where} | "
            f"{ms(phase['broadcast']['p95'])} ms ({phase['broadcast']['count']} of "
            f"{phase['players'] * phase['questions']} received) | {verdict(phase['met']['broadcast'])} |",
            f"| live game: answer → acknowledged p95 < {targets_['ack_p95_ms']} ms, {where} | "
            f"{ms(phase['ack']['p95'])} ms | {verdict(phase['met']['ack'])} |",
            f"| live game: 0 lost answers, 0 dropped players, {where} | {phase['lost']} lost, {phase['dropped']} "
            f"dropped | {verdict(phase['met']['lost'] and phase['met']['dropped'])} |",
        ]
    return lines


def live_game_section(results: dict) -> list[str]:
    runs = results.get("live_game")
    if not runs:
        return []
    lines = ["## Live game", "",
             "`bench/live_game.py`: one game, N guest players joining over HTTP as phones do, then one WebSocket "
             "each on 127.0.0.1 (the `websockets` library, half the phones in Arabic, half in English), a 10-question "
             "game of single-choice questions; each player answers 0–3 s after the question reaches the phone. "
             "Broadcast is from the host's command to each phone holding the question's screen; ack is from a "
             "phone's answer to its acknowledgement. A step that does not finish in 20 s is where the game breaks: "
             "the phase records it and ends the game there. The client runs on the same two cores.", "",
             "| layer | players | joined in | broadcast p50 / p95 / max | answer ack p50 / p95 / max | reveal p95 "
             "| leaderboard p95 | lost | dropped | CPU, % of one core (daphne · PostgreSQL · client · other processes) | broke at |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for run, phase in live_game_phases(results):
        cpu = phase.get("cpu", {})
        daphne = sum(value for key, value in cpu.items() if key.startswith("daphne"))

        def three(summary):
            return f"{ms(summary['p50'])} / {ms(summary['p95'])} / {ms(summary['max'])} ms"

        broke = "; ".join(phase["broken"][:2]) or "did not break"
        lines.append(
            f"| {run['layer']}, {run['workers']} daphne | {phase['players']} | {phase['join_s']:.0f} s | "
            f"{three(phase['broadcast'])} | {three(phase['ack'])} | {ms(phase['reveal']['p95'])} ms | "
            f"{ms(phase['leaderboard']['p95'])} ms | {phase['lost']} | {phase['dropped']} | "
            f"{daphne:.0f} · {cpu.get('postgres', 0):.0f} · {cpu.get('client', 0):.0f} · {cpu.get('other', 0):.0f} | "
            f"{broke} |")
    for run in runs:
        if run.get("failed"):
            lines += ["", f"The {run['layer']} run failed before it measured anything:", "", "```",
                      run["failed"].strip(), "```"]
    errors = {key: value for run, phase in live_game_phases(results) for key, value in phase["errors"].items()}
    if errors:
        lines += ["", "Errors the phones were sent: " + "; ".join(f"{key} ({value})" for key, value in errors.items())]
    return lines


def scenario_section(item: dict) -> list[str]:
    scenario, phases = item["scenario"], item["phases"]
    baseline = phases["baseline"].rows.get("baseline")
    baseline_rps = baseline.rps if baseline else None
    setup = item["setup"]
    lines = [f"## {scenario.title}", "",
             f"Data: migrate {setup.get('migrate_s', 0):.1f} s, 10,000-question bank {setup.get('bank_s', 0):.1f} s, "
             f"{scenario.learners} learners and their sessions {setup.get('learners_s', 0):.1f} s, pre-made attempts "
             f"{setup.get('attempts_s', 0):.1f} s (all through `bulk_create`). Server: `{item.get('server_command', '')}`.",
             ""]
    login = phases["login"]
    log_in = login.rows.get("log in")
    lines += [f"### Log-in ({login.users} learners at once)", ""]
    lines += rows_table(login.rows)
    if log_in:
        per_second = log_in.count / max(login.window_s, 1e-6)
        lines += ["", f"{per_second:.1f} log-ins per second with every core busy hashing (PBKDF2, Django's default "
                      f"iterations): {scenario.learners} learners logging in at the same moment would wait up to "
                      f"about {scenario.learners / max(per_second, 1e-6):.0f} s. Learners log in before the exam "
                      f"starts; the burst below starts from signed-in sessions."]
    burst = phases["burst"]
    low, high = scenario.burst_think.split("-")
    lines += ["", f"### Exam burst ({burst.users} learners)", "",
              f"All {burst.users} learners start within {burst.users / scenario.spawn_rate:.0f} s "
              f"(locust spawns {scenario.spawn_rate} a second). Each opens the quiz, starts it (a random draw of 20 "
              f"from the 10,000-question bank), opens the attempt (all 20 questions on one page), autosaves an "
              f"answer to each question through the htmx endpoint, opens the submit page, submits and reads the "
              f"review. Between two actions a learner pauses {low}–{high} s (uniform): a 20-question exam in about "
              f"{20 * (float(low) + float(high)) / 2:.0f} s, many times faster than a class really answers, so the "
              f"load is a worst case. The burst took {burst.window_s:.0f} s; req/s is over that time.", ""]
    lines += rows_table(burst.rows)
    lines += ["", f"### Throughput of each endpoint alone, against the signed-in baseline", "",
              f"Each row is its own locust run: {scenario.learners} users in a closed loop (no pause), the same "
              f"concurrency as the baseline run, measured over {scenario.window_s:.0f} s after every user is running. "
              f"The last column is the endpoint's requests/s divided by the signed-in baseline's in this run; bare Django (no session, no user, no query) is the ceiling beside it.", ""]
    alone = {}
    for key in ("bare", "baseline", "page", "page-one", "save", "submit"):
        if key in phases:
            alone.update(phases[key].rows)
    lines += rows_table(alone, baseline_rps=baseline_rps, ratios=True)
    notes = [f"- {phases[key].title}: {phases[key].note}" for key in ("bare", "baseline", "page", "page-one", "save", "submit")
             if key in phases and phases[key].note]
    if notes:
        lines += ["", *notes]
    lines += ["", "CPU used during each phase, in percent of one core (the machine has "
                  f"{item.get('cores', 2) * 100}%):", ""]
    lines += cpu_table(phases)
    failures = failure_lines(phases)
    lines += ["", "Errors: " + ("none." if not failures else ""), *failures]
    if item["comparison"]:
        lines += ["", "### gunicorn settings compared", "",
                  "The same throughput runs under other worker settings (the chosen one's rows are the runs above; "
                  "the others were measured right after, over shorter windows; the best of each column in bold):", "",
                  "| settings | baseline req/s | attempt page req/s | answer save req/s | answer save p95 ms | errors |",
                  "|---|---:|---:|---:|---:|---:|"]
        columns = [("baseline", "baseline"), ("page", "attempt page"), ("save", "answer save")]
        table = []
        for entry in item["comparison"]:
            got = entry["phases"]
            table.append((entry["settings"].label, [got[key].rows.get(name) for key, name in columns],
                          sum(errors_of(phase) for phase in got.values())))
        best = [max((cells[i].rps for _l, cells, _e in table if cells[i]), default=None) for i in range(3)]
        for label, cells, errors in table:
            shown = [("–" if cell is None else (f"**{rate(cell.rps)}**" if cell.rps == best[i] else rate(cell.rps)))
                     for i, cell in enumerate(cells)]
            lines.append(f"| {label} | " + " | ".join(shown) + f" | {ms(cells[2].p95) if cells[2] else '–'} | {errors} |")
    if item.get("profiles"):
        lines += ["", "### Profiles of the endpoints that missed a target", ""]
        for key, profile in item["profiles"].items():
            lines += [f"#### {dict((k, label) for k, _n, _t, label in RATIO_TARGETS).get(key, key)}", ""]
            if profile is None:
                lines += ["py-spy could not attach to the workers in this run.", ""]
                continue
            lines += [line for line in profile_markdown(profile).splitlines()] + [""]
    return lines


def profile_markdown(profile: dict) -> str:
    from bench.profiles import markdown

    return markdown(profile)


def micro_section(results: dict) -> list[str]:
    items = [item for item in results["scenarios"] if item.get("micro")]
    if not items:
        return []
    lines = ["## Micro-benchmarks", "",
             "`bench/micro.py`, in one process against each bench database after its load test; median of 30 runs "
             "(5 for the statistics) after two warm-up runs.", "",
             "| operation | database | median ms | p95 ms | queries | notes |", "|---|---|---:|---:|---:|---|"]
    labels = [("start", "start an attempt: 20 random questions from 10,000"),
              ("start_cached", "start an attempt: the same, questions already cached"),
              ("start_prepared", "start an attempt drawn ahead of the opening (prepare_attempts)"),
              ("grading", "submit a 50-question attempt (grade and save)"),
              ("statistics", "item statistics over 100,000 responses"),
              ("timeline", "timeline page of a topic with 500 events")]
    for key, label in labels:
        for item in items:
            value = item["micro"].get(key)
            if value is None:  # a run made before this measurement existed
                continue
            if "skipped" in value:
                lines.append(f"| {label} | {item['scenario'].title} | – | – | – | skipped: {value['skipped']} |")
                continue
            lines.append(f"| {label} | {item['scenario'].title} | {ms(value['median_ms'])} | {ms(value['p95_ms'])} | "
                         f"{value['queries']} | {value['note']} |")
    return lines


def noise_warning(results: dict) -> list[str]:
    """Say so when other processes took a noticeable share of the CPU while this run measured."""
    shares = [phase.cpu.get("other", 0.0) for item in results["scenarios"] for phase in item["phases"].values()
              if phase.cpu]
    if not shares:
        return []
    average = sum(shares) / len(shares)
    if average < 15:
        return [f"Other processes used {average:.0f}% of one core on average while the phases ran: the machine "
                "was otherwise quiet.", ""]
    return [f"**Other processes used {average:.0f}% of one core on average while the phases ran** (of "
            f"{results['machine']['cores'] * 100}%): the machine was shared, so absolute numbers are lower than "
            "on a quiet machine. Ratios to the baseline are less affected: each pair was measured minutes apart "
            "under similar load (see the CPU tables).", ""]


def markdown(results: dict) -> str:
    machine = results["machine"]
    for item in results["scenarios"]:
        item["cores"] = machine["cores"]
    started = results["started"]
    lines = [
        "# Benchmarks",
        "",
        "<!-- Written by bench/run.py (`make bench`): edit bench/report.py or bench/FINDINGS.md, not this file. -->",
        "",
        f"Run on {started:%Y-%m-%d %H:%M} UTC in {results['duration_s'] / 60:.1f} minutes"
        + (" (**--quick**: small sizes, not the numbers to quote)" if results.get("quick") else "") + ".",
        "",
        "## Targets",
        "",
        *targets(results),
        *live_game_targets(results),
        "",
        "## Machine and software",
        "",
        f"- {machine['cores']} cores ({machine['cpu']}), {machine['memory_gib']:.1f} GiB of memory, Linux "
        f"{machine['kernel']}",
        f"- Python {machine['python']}, Django {machine['django']}, gunicorn {machine['gunicorn']}, "
        f"locust {machine['locust']}, PostgreSQL {machine.get('postgres', '–')}, SQLite {machine['sqlite']}",
        "- Everything runs on this one machine: gunicorn, PostgreSQL and locust share its cores (the CPU tables "
        "show who used what; “other processes” is load that was not the benchmark's).",
        "",
        "## How it runs",
        "",
        "- `make bench` runs `bench/run.py`. For each database it creates its own: PostgreSQL `tarikh_bench` "
        "(created, then dropped) and the SQLite file `bench/.bench.sqlite3` (WAL, `IMMEDIATE` transactions, "
        "20 s busy timeout, as `config/environment.py` sets them).",
        "- Data (`bench/prepare.py`, `bench/dataset.py`): a shared bank of 10,000 published bilingual questions of "
        "all seven types (35% single choice, 15% true/false, 15% multiple response, 10% short answer, 10% numerical, "
        "8% matching, 7% ordering); an exam drawing 20 of them at random; the learner accounts, all with one real "
        "PBKDF2 password hash (hashed once); a signed-in database session per learner, made as "
        "`django.contrib.auth.login` makes it; and pre-made in-progress attempts for the throughput runs.",
        "- gunicorn serves `config.wsgi` in production mode: `DEBUG=false`, `SECRET_KEY` set, "
        "`ALLOWED_HOSTS=127.0.0.1,…`, `SECURE_SSL_REDIRECT=false`, static files collected for whitenoise's manifest "
        "storage. PostgreSQL connections persist (`CONN_MAX_AGE=60` with health checks, as production mode sets "
        "them). Requests carry `X-Forwarded-Proto: https`, as from the TLS proxy in front of gunicorn in production, "
        "so the secure session and CSRF cookies and the CSRF origin check work as they do there.",
        "- locust (`bench/locustfile.py`, FastHttpUser) runs headless in a second process; each phase is a "
        "separate run with one user class. Latencies and rates are computed from every request's own timing "
        "(locust's printed percentiles are rounded); an error is any unexpected status (5xx, 4xx, a redirect to "
        "the login page), a page without its expected content, or a timeout (30 s).",
        "- Bare Django is `/bench/bare/` (`config/baseline.py` `bare`): the whole middleware stack, no session, no user, no query. The signed-in baseline is `/en/bench/baseline/` (`config/baseline.py`): login required, through the whole "
        "middleware stack (sessions, auth, locale, CSRF), a trivial template with the CSRF token and the username, "
        "no query of ours.",
        "",
        "### gunicorn settings",
        "",
        "Chosen: **" + results.get("chosen_label", "") + "** (`" + results.get("chosen_args", "")
        + f" --timeout 30 --keep-alive {results.get('keep_alive_s')}`). "
        "Two processes keep both cores busy despite the GIL, with PostgreSQL and "
        "the load generator on the same two cores; eight threads each let a process take the next request while "
        "others wait on the database. Three or more processes were not reliably faster on this shared machine "
        "and sync workers were not faster at all (the comparison below is one sample per setting; "
        "“gunicorn settings, measured apart” under the hot spots has more). "
        f"{results.get('chosen_threads', 0)} threads need at most as many PostgreSQL connections, far below "
        "`max_connections` (100). Django's connection pool (5.2, `OPTIONS: {\"pool\": "
        "True}`) would need `psycopg[pool]` and buys little here: with gthread each thread keeps its persistent "
        "connection (`CONN_MAX_AGE=60`), so no request pays for connecting. `--timeout 30` ends a stuck "
        f"worker. `--keep-alive {results.get('keep_alive_s')}` keeps a learner's connection open for the next autosave: "
        "with the default 2 s (or 5 s) the server closes idle connections just as a learner's next request "
        "arrives on them, which a browser retries but locust counts as an error (a first run with 5 s counted 35 "
        "such resets in the burst).",
        "",
        *noise_warning(results),
    ]
    for item in results["scenarios"]:
        lines += scenario_section(item) + [""]
    lines += micro_section(results)
    lines += ["", *live_game_section(results)]
    if FINDINGS.exists():
        lines += ["", FINDINGS.read_text().strip()]
    lines += ["", "## Commands of this run", "", "```sh", *results["commands"], "```", ""]
    return "\n".join(lines)
