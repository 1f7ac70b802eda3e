"""Write docs/benchmarks.md from one run's measurements (bench/run.py calls `markdown`)."""

from __future__ import annotations

import math
import re
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
    ("submit", "submit", 0.35, "submit (grading 20 questions)"),
]
PROFILED_CLASSES = {"page": "AttemptPageLoop", "page-one": "OneQuestionPageLoop", "save": "AnswerSaveLoop",
                    "submit": "SubmitLoop"}
# The signed-in baseline against bare Django (no session, no user, no query): what reading them costs.
BASELINE_OF_BARE = 0.60
START_MS = 20
STATISTICS_MS = 2000
# The exam burst's latency targets (PostgreSQL, 1,000 learners): (request name, p95 limit in ms, the view whose
# py-spy samples make the profile of a miss).
BURST_TARGETS = [("start", 2000, "QuizDetailView.post"), ("attempt page", 2000, "AttemptView.get"),
                 ("answer save", 300, "AnswerView.post"), ("submit", 500, "SubmitView.post")]
SQLITE_START_P95_MS = 1000
# A single locust process runs on one core: past this share of it, the client is what limits the phase.
CLIENT_SATURATED = 85.0


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
    """The throughput phases whose target this run missed, with the locust class that loads them (the burst's
    misses are profiled from a second burst: `burst_misses`, bench/run.py `profiled_burst`)."""
    missed = []
    for key, name, target, _label in RATIO_TARGETS:
        share = ratio(phases, key, name)
        if share is not None and share < target:
            missed.append((key, PROFILED_CLASSES[key]))
    return missed


def burst_misses(burst) -> list[tuple[str, int, str]]:
    """The burst's latency targets that `burst` missed: (request name, p95 limit ms, view to profile)."""
    return [(name, limit, view) for name, limit, view in BURST_TARGETS
            if name in burst.rows and burst.rows[name].p95 > limit]


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
    """A phase's errors: failed requests, the server log's errors, and what the exam hall's check found wrong
    (`exam_hall_problems`: a start that did not use an attempt drawn ahead counts as an error)."""
    return sum(row.failures for row in phase.rows.values()) + sum(
        count for label, count in phase.server_errors.items() if label != "traceback") + len(
        exam_hall_of(phase).get("problems", []))


def exam_hall_of(phase) -> dict:
    """The exam hall of a burst (bench/run.py `exam_hall_prepare`): {} for a plain published quiz."""
    return (extra_of(phase).get("exam_hall") if phase is not None else None) or {}


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


def failure_kinds(failures: dict[str, int]) -> dict[str, int]:
    """Failures grouped by kind: the same error on another attempt or port is the same error."""
    kinds: dict[str, int] = {}
    for message, count in failures.items():
        kind = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:…", re.sub(r"/\d+/", "/…/", message))
        kinds[kind] = kinds.get(kind, 0) + count
    return kinds


def failure_lines(phases: dict, *, per_phase: int = 6) -> list[str]:
    lines = []
    for phase in phases.values():
        kinds = sorted(failure_kinds(phase.failures).items(), key=lambda item: -item[1])
        for message, count in kinds[:per_phase]:
            lines.append(f"- {phase.title}: {count:,} × {message}")
        if len(kinds) > per_phase:
            rest = sum(count for _message, count in kinds[per_phase:])
            lines.append(f"- {phase.title}: {rest:,} more, of {len(kinds) - per_phase} other kinds")
        for label, count in phase.server_errors.items():
            lines.append(f"- {phase.title}, server log: {count} × {label}")
        for problem in exam_hall_of(phase).get("problems", []):
            lines.append(f"- {phase.title}, exam hall: {problem}")
    return lines


# --- the document -----------------------------------------------------------------------------------
def targets(results: dict) -> list[str]:
    by_key = {item["scenario"].key: item for item in results["scenarios"]}
    pg, lite = by_key.get("postgres"), by_key.get("sqlite")
    lines = ["| target | measured | verdict |", "|---|---|---|"]

    def zero_errors(item, label):
        burst = item["phases"].get("burst") if item else None
        if burst is None:
            lines.append(f"| zero errors, {label} | – | not measured |")
            return
        errors = errors_of(burst)
        everything = sum(errors_of(phase) for key, phase in item["phases"].items() if key != "break")
        aside = " (the run to the break aside)" if "break" in item["phases"] else ""
        lines.append(f"| zero errors (5xx, timeouts, “database is locked”), {label} | {errors:,} in the burst, "
                     f"{everything:,} in all its phases{aside} | {verdict(errors == 0 and everything == 0)} |")

    def p95_target(item, name, limit, label):
        burst = item["phases"].get("burst")
        row = burst.rows.get(name) if burst else None
        if row is None:
            lines.append(f"| {label} | – | not measured |")
            return
        gap = "" if row.p95 <= limit else f"; over by {ms(row.p95 - limit)} ms"
        lines.append(f"| {label} | p95 {ms(row.p95)} ms (p50 {ms(row.p50)}, max {ms(row.max)}){gap} | "
                     f"{verdict(row.p95 <= limit)} |")

    if pg:
        size = pg["scenario"].burst_size
        zero_errors(pg, f"{size:,}-learner exam burst on PostgreSQL")
        for name, limit, _view in BURST_TARGETS:
            p95_target(pg, name, limit, f"{name} p95 ≤ {limit:,} ms, {size:,}-learner burst, PostgreSQL")
        hall = exam_hall_of(pg["phases"].get("burst"))
        if hall:
            lines.append(f"| every start of the {size:,}-learner burst used an attempt drawn ahead by "
                         f"`prepare_attempts`, PostgreSQL | {exam_hall_measured(hall)} | "
                         f"{verdict(not hall.get('problems'))} |")
        broken = pg["phases"].get("break")
        if broken is not None:
            lines.append(f"| {broken.users:,} learners on PostgreSQL: where it breaks | {break_summary(broken)} | "
                         "recorded |")
    if lite:
        size = lite["scenario"].burst_size
        zero_errors(lite, f"{size}-learner classroom burst on SQLite (`make run`)")
        p95_target(lite, "start", SQLITE_START_P95_MS,
                   f"start p95 ≤ {SQLITE_START_P95_MS:,} ms, {size}-learner classroom burst, SQLite (`make run`)")
    two = pg and pg.get("haproxy")
    if two:
        lines += haproxy_targets(two)
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
    for item in (pg, lite):
        micro = item and item.get("micro")
        if not micro:
            continue
        start = micro["start"]
        gap = "" if start["median_ms"] <= START_MS else f"; over by {start['median_ms'] - START_MS:.1f} ms"
        cached = micro.get("start_cached")
        cached = f"; questions already cached: median {ms(cached['median_ms'])} ms" if cached else ""
        lines.append(f"| starting an attempt from the 10,000-question bank ≤ {START_MS} ms, {item['scenario'].title} | "
                     f"median {ms(start['median_ms'])} ms (p95 {ms(start['p95_ms'])}){gap}{cached} | "
                     f"{verdict(start['median_ms'] <= START_MS)} |")
        prepared = micro.get("start_prepared")
        if prepared:
            gap = "" if prepared["median_ms"] <= 5 else f"; over by {prepared['median_ms'] - 5:.1f} ms"
            lines.append(f"| starting an attempt drawn ahead of the opening ≤ 5 ms, {item['scenario'].title} | "
                         f"median {ms(prepared['median_ms'])} ms (p95 {ms(prepared['p95_ms'])}){gap} | "
                         f"{verdict(prepared['median_ms'] <= 5)} |")
        stats = micro["statistics"]
        if "skipped" in stats:
            lines.append(f"| item statistics over 100,000 responses < 2 s, {item['scenario'].title} | "
                         f"skipped: {stats['skipped']} | not measured |")
        else:
            gap = "" if stats["median_ms"] < STATISTICS_MS else f"; over by {stats['median_ms'] - STATISTICS_MS:.0f} ms"
            lines.append(f"| item statistics over 100,000 responses < 2 s, {item['scenario'].title} | "
                         f"median {ms(stats['median_ms'])} ms{gap} | {verdict(stats['median_ms'] < STATISTICS_MS)} |")
    return lines


def break_summary(phase) -> str:
    """Where the run to the break broke (or that it did not), in a sentence for the targets table."""
    broke = extra_of(phase).get("broke")
    start = phase.rows.get("start")
    if broke:
        return (f"broke {broke['after_s']:.0f} s after the first learner arrived, with {broke['users']:,} learners "
                f"started: {broke['reason']}")
    done = extra_of(phase).get("one_shot_done", 0)
    tail = f"; start p95 {ms(start.p95)} ms" if start else ""
    if done >= phase.users:
        return f"did not break: all {phase.users:,} finished the exam in {phase.window_s:.0f} s{tail}"
    return (f"did not break within {extra_of(phase).get('limit_s', 0):.0f} s: {done:,} of {phase.users:,} had "
            f"finished{tail}")


def exam_hall_measured(hall: dict) -> str:
    """The exam hall's check in a few words: drawn ahead, how fast, and how many were drawn at the start."""
    after = hall.get("after", {})
    made_at_start = after.get("total", 0) - hall["before"]["total"] if after else None
    each = f", {hall['ms_each']:.1f} ms each" if hall.get("ms_each") is not None else ""
    text = (f"{hall['drawn']:,} drawn ahead for {hall['learners']:,} learners in {hall['drawing_s']:.1f} s{each}; "
            + (f"{made_at_start:,} drawn at the start" if made_at_start is not None else "not checked after the burst"))
    problems = hall.get("problems", [])
    return text + (f"; **{'; '.join(problems)}**" if problems else "")


def exam_hall_paragraph(hall: dict) -> str:
    """The burst section's account of the exam hall: the class, the cron job's drawing, the opening, the check."""
    after = hall.get("after") or {}
    started = after.get("states", {})
    made_at_start = after.get("total", 0) - hall["before"]["total"] if after else 0
    problems = hall.get("problems", [])
    check = (f"**The check failed: {'; '.join(problems)}** (each counts as an error of the burst)." if problems else
             f"After the burst the database held {after.get('total', 0):,} attempts of the exam "
             f"({', '.join(f'{count:,} {state}' for state, count in sorted(started.items()))}), all of them the "
             f"ones drawn ahead: {made_at_start:,} were drawn at the start, none was left unstarted.")
    each = f" ({hall['ms_each']:.1f} ms each)" if hall.get("ms_each") is not None else ""
    return (f"An exam hall, as a school runs one: the exam is class-only and assigned to a class of the bench "
            f"teacher holding these {hall['learners']:,} learners, its opening scheduled an hour after the data "
            f"was made, so every start passes the class's checks as a real learner's does. **The exam's attempts "
            f"were drawn ahead by `prepare_attempts`, as the cron job does before a scheduled exam**: "
            f"`{hall['command']}`, run as cron would (its own process, the server's environment), drew "
            f"{hall['drawn']:,} attempts in {hall['wall_s']:.1f} s, of which {hall['startup_s']:.1f} s is the "
            f"command's start-up (the same command with nothing to draw): {hall['drawing_s']:.1f} s of drawing"
            f"{each}. Then the clock was moved to the opening (the assignment's opening set to now) instead of "
            f"waiting for it, and the burst began: each start only flips its attempt's state. {check} The run to "
            f"the break and the burst through HAProxy take plain published quizzes without pre-created attempts, "
            f"so there every start still draws its 20 questions from the bank at that moment, under load.")


def profiled_burst_paragraph(profiled, misses, rate_: int) -> str:
    """The burst section's account of the second, profiled burst its misses are profiled from (py-spy at `rate_`
    samples a second)."""
    hall = exam_hall_of(profiled)
    drawn = (f" (its {hall['drawn']:,} attempts drawn ahead the same way, `{hall['command']}`, in "
             f"{hall['wall_s']:.1f} s)" if hall else "")
    problems = "; ".join(hall.get("problems", [])) if hall else ""
    check = f" **Its check failed: {problems}.**" if problems else ""
    its = [f"{name} {ms(profiled.rows[name].p95)} ms" for name, _limit, _view in misses if name in profiled.rows]
    return (f"The burst above runs with no profiler beside it: on two saturated cores py-spy's share of a core "
            f"lengthens the opening's queue far more than in proportion. The profiles of its misses (under "
            f"“Profiles of the endpoints that missed a target”) come from a second burst right after it: "
            f"{profiled.users:,} of the same learners taking an identical exam (another quiz drawing 20 of the same "
            f"bank) on a second exam hall{drawn}, arriving at "
            f"the same rate with the same pauses, while py-spy samples every worker {rate_} times a second."
            f"{check} Its p95s are those of {profiled.users:,} learners on a profiled server, not the targets' "
            "figures" + (f" ({', '.join(its)})" if its else "") + ".")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def throughput(phase, name: str = "attempt page") -> float | None:
    row = phase.rows.get(name) if phase else None
    return row.rps if row else None


def haproxy_targets(two: dict) -> list[str]:
    phases = two["phases"]
    burst = phases.get("burst")
    lines = []
    if two.get("failed"):
        lines.append(f"| two nodes behind HAProxy: zero errors, zero lost answers | not measured: {two['failed']} | "
                     "**missed** |")
    if burst is not None:
        errors = errors_of(burst) + sum(errors_of(phases[key]) for key in ("proxy-one", "proxy-two") if key in phases)
        lines.append(f"| two nodes behind HAProxy: zero errors | {errors_of(burst)} in the {burst.users}-learner burst, "
                     f"{errors} with the throughput runs through HAProxy | {verdict(errors == 0)} |")
        answers = two.get("answers") or {}
        if answers:
            lines.append(f"| two nodes behind HAProxy: zero lost answers | {answers['lost']} lost of "
                         f"{answers['distinct']:,} saves acknowledged ({answers['in_database']:,} in the database) | "
                         f"{verdict(answers['lost'] == 0 and answers['distinct'] > 0)} |")
    one, both = throughput(phases.get("direct")), throughput(phases.get("proxy-two"))
    if one and both:
        lines.append(f"| two nodes against one: throughput recorded (attempt page) | two nodes behind HAProxy "
                     f"{rate(both)} req/s, one node direct {rate(one)} req/s ({both / one:.2f}×) | recorded |")
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
    questions = next((phase.get("questions") for _run, phase in live_game_phases(results) if phase.get("questions")), 10)
    lines = ["## Live game", "",
             "`bench/live_game.py`: one game, N guest players joining over HTTP as phones do, then one WebSocket "
             "each on 127.0.0.1 (the `websockets` library, half the phones in Arabic, half in English), a "
             f"{questions}-question game of single-choice questions; each player answers 0–3 s after the question "
             "reaches the phone. "
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


def extra_of(phase) -> dict:
    return getattr(phase, "extra", None) or {}


def cpu_cell(phase, group: str) -> str:
    value = phase.cpu.get(group)
    return "–" if value is None else f"{value:.0f}%"


def cpu_table(phases: dict, *, server: str = "gunicorn") -> list[str]:
    """CPU per group and phase; a locust share past CLIENT_SATURATED is marked: the client limited that phase.
    Redis and HAProxy get a column only where they ran."""
    groups = [("gunicorn", server), ("postgres", "PostgreSQL")]
    groups += [(group, label) for group, label in (("redis", "Redis"), ("haproxy", "HAProxy"))
               if any(phase.cpu.get(group, 0) >= 0.5 for phase in phases.values())]
    lines = ["| phase | " + " | ".join(label for _g, label in groups) + " | locust | other processes |",
             "|---|" + "---:|" * (len(groups) + 2)]
    for phase in phases.values():
        client = cpu_cell(phase, "locust")
        if phase.cpu.get("locust", 0) >= CLIENT_SATURATED:
            client = f"**{client}** (saturated)"
        lines.append(f"| {phase.title} | " + " | ".join(cpu_cell(phase, group) for group, _l in groups)
                     + f" | {client} | {cpu_cell(phase, 'other')} |")
    return lines


def saturated(phases: dict) -> list[str]:
    """The phases in which the single locust process used most of its core."""
    return [phase.title for phase in phases.values() if phase.cpu.get("locust", 0) >= CLIENT_SATURATED]


def client_note(phases: dict) -> list[str]:
    hot = saturated(phases)
    if not hot:
        return ["", f"locust (one process, so one core at most) stayed under {CLIENT_SATURATED:.0f}% of its core in "
                    "every phase: the client was not what limited them."]
    return ["", f"**The load generator saturated** in: {', '.join(hot)}. locust runs in one process (one core at "
                f"most) and used ≥ {CLIENT_SATURATED:.0f}% of it there, so those phases measure the client as much "
                "as the server: their requests/s are a lower bound of what the server could serve and their "
                "latencies include the client's own queue. Splitting locust over processes (`--processes`) would "
                "take the second core from the server on this 2-core machine."]


def burst_text(scenario, burst, *, think: str, what: str) -> str:
    low, high = think.split("-")
    rate_ = getattr(scenario, "burst_rate", scenario.spawn_rate)
    start = ("its attempt drawn ahead of the opening by `prepare_attempts`" if exam_hall_of(burst)
             else "a random draw of 20 from the 10,000-question bank")
    return (f"All {burst.users:,} learners start within {max(burst.users / rate_, 1):.0f} s (locust spawns {rate_} a "
            f"second). {what + ' ' if what else ''}Each opens the quiz, starts it ({start}), opens the "
            f"attempt (all 20 questions on one page), autosaves an answer to each question through the htmx "
            f"endpoint, opens the submit page, submits and reads the review. Between two actions a learner pauses "
            f"{low}–{high} s (uniform): a 20-question exam in about {20 * (float(low) + float(high)) / 2:.0f} s, many "
            f"times faster than a class really answers, so the load is a worst case. The burst took "
            f"{burst.window_s:.0f} s; req/s is over that time.")


def scenario_section(item: dict) -> list[str]:
    scenario, phases = item["scenario"], item["phases"]
    baseline = phases["baseline"].rows.get("baseline") if "baseline" in phases else None
    baseline_rps = baseline.rps if baseline else None
    setup = item["setup"]
    all_learners = getattr(scenario, "all_learners", scenario.learners)
    server_name = "daphne" if getattr(scenario, "server", "gunicorn") == "make-run" else "gunicorn"
    lines = [f"## {scenario.title}", "",
             f"Data: migrate {setup.get('migrate_s', 0):.1f} s, 10,000-question bank {setup.get('bank_s', 0):.1f} s, "
             f"{all_learners:,} learners and their sessions {setup.get('learners_s', 0):.1f} s, pre-made attempts "
             f"for {scenario.learners} of them {setup.get('attempts_s', 0):.1f} s (all through `bulk_create`"
             + (f"; of that time, the exam hall's class, its {getattr(scenario, 'burst_size', 0):,} memberships and "
                f"the assignment {setup['exam_hall_s']:.1f} s" if "exam_hall_s" in setup else "") + "). "
             f"Server: {item.get('server_label', 'gunicorn')}, `{item.get('server_command', '')}`"
             + (f"; cache and sessions in Redis (`REDIS_URL={scenario.redis_url}`)." if getattr(scenario, "redis_url", "")
                else "; no Redis (per-process memory cache, database sessions)."), ""]
    if getattr(scenario, "server", "gunicorn") == "make-run":
        lines += ["This is exactly what `make run` serves a class (`config/serve.py`): one daphne process on "
                  "`config.asgi`, plain HTTP (`PLAIN_HTTP=true`: no TLS proxy, so requests carry no "
                  "`X-Forwarded-Proto`), `DEBUG` off, the SQLite file as the database. It lets one page at a time into "
                  "Django (`ASGI_HTTP_THREADS`, config/request_slots.py), on a thread that keeps its connection; the "
                  "others wait their turn in daphne's event loop.", ""]
    login = phases.get("login")
    if login:
        log_in = login.rows.get("log in")
        lines += [f"### Log-in ({login.users} learners at once)", ""]
        lines += rows_table(login.rows)
        if log_in:
            per_second = log_in.count / max(login.window_s, 1e-6)
            size = getattr(scenario, "burst_size", scenario.learners)
            lines += ["", f"{per_second:.1f} log-ins per second with every core busy hashing (PBKDF2, Django's "
                          f"default iterations): {size:,} learners logging in at the same moment would wait up to "
                          f"about {size / max(per_second, 1e-6):.0f} s. Learners log in before the exam starts; the "
                          "bursts below start from signed-in sessions."]
    burst = phases.get("burst")
    if burst:
        lines += ["", f"### Exam burst ({burst.users:,} learners)", "",
                  burst_text(scenario, burst, think=scenario.burst_think, what=""), ""]
        hall = exam_hall_of(burst)
        if hall:
            lines += [exam_hall_paragraph(hall), ""]
        lines += rows_table(burst.rows)
        misses = burst_misses(burst) if scenario.key == "postgres" else []
        if misses:
            lines += ["", "Missed here: " + "; ".join(f"{name} p95 {ms(burst.rows[name].p95)} ms (target "
                                                       f"{limit:,})" for name, limit, _v in misses) + "."]
        profiled = phases.get("burst-profiled")
        if profiled:
            lines += ["", profiled_burst_paragraph(profiled, misses, item.get("burst_profile_rate", 10)), ""]
            lines += rows_table(profiled.rows)
    broken = phases.get("break")
    if broken:
        criterion = extra_of(broken).get("criterion", "")
        lines += ["", f"### To the break ({broken.users:,} learners)", "",
                  f"The same exam, a fresh quiz (a plain published one, without pre-created attempts: each "
                  f"start draws its 20 questions then), {broken.users:,} learners arriving at "
                  f"{broken.spawn_rate:.0f} a "
                  f"second (so the number started says when in the ramp it broke). The run stops at {criterion}, "
                  f"or after {extra_of(broken).get('limit_s', 0):.0f} s. **{capitalised(break_summary(broken))}.**", ""]
        lines += rows_table(broken.rows)
    alone = {}
    keys = [key for key in ("bare", "baseline", "page", "page-one", "save", "submit") if key in phases]
    if keys:
        lines += ["", "### Throughput of each endpoint alone, against the signed-in baseline", "",
                  f"Each row is its own locust run: {scenario.learners} users in a closed loop (no pause), the same "
                  f"concurrency as the baseline run, measured over {scenario.window_s:.0f} s after every user is "
                  "running. The last column is the endpoint's requests/s divided by the signed-in baseline's in this "
                  "run; bare Django (no session, no user, no query) is the ceiling beside it.", ""]
        for key in keys:
            alone.update(phases[key].rows)
        lines += rows_table(alone, baseline_rps=baseline_rps, ratios=True)
        notes = [f"- {phases[key].title}: {phases[key].note}" for key in keys if phases[key].note]
        if notes:
            lines += ["", *notes]
    if phases:
        lines += ["", "CPU used during each phase, in percent of one core (the machine has "
                      f"{item.get('cores', 2) * 100}%):", ""]
        lines += cpu_table(phases, server=server_name)
        lines += client_note(phases)
        failures = failure_lines({key: phase for key, phase in phases.items() if key != "break"})
        lines += ["", "Errors" + (" (the run to the break aside)" if "break" in phases else "") + ": "
                  + ("none." if not failures else ""), *failures]
        if "break" in phases:
            broke_failures = failure_lines({"break": phases["break"]})
            if broke_failures:
                lines += ["", "Errors of the run to the break:", *broke_failures[:8]]
    if item.get("comparison"):
        lines += ["", "### gunicorn settings compared", "",
                  "The same throughput runs under one other worker setting (the chosen one's rows are the runs above; "
                  "the other was measured right after, over shorter windows; the best of each column in bold). "
                  "Only more and fewer threads (eight and two a worker) are measured in every run, to keep `make "
                  "bench` within 20 minutes; three workers, sync workers and others are in “gunicorn settings, "
                  "measured apart” and “The tenth session” below.", "",
                  "| settings | baseline req/s | attempt page req/s | answer save req/s | answer save p95 ms | errors |",
                  "|---|---:|---:|---:|---:|---:|"]
        columns = [("baseline", "baseline"), ("page", "attempt page"), ("save", "answer save")]
        table = []
        for entry in item["comparison"]:
            got = entry["phases"]
            table.append((entry["settings"].label,
                          [got[key].rows.get(name) if key in got else None for key, name in columns],
                          sum(errors_of(phase) for phase in got.values())))
        best = [max((cells[i].rps for _l, cells, _e in table if cells[i]), default=None) for i in range(3)]
        for label, cells, errors in table:
            shown = [("–" if cell is None else (f"**{rate(cell.rps)}**" if cell.rps == best[i] else rate(cell.rps)))
                     for i, cell in enumerate(cells)]
            lines.append(f"| {label} | " + " | ".join(shown) + f" | {ms(cells[2].p95) if cells[2] else '–'} | {errors} |")
    if item.get("haproxy"):
        lines += haproxy_section(item["haproxy"], scenario, cores=item.get("cores", 2))
    if item.get("profiles"):
        lines += ["", "### Profiles of the endpoints that missed a target", ""]
        labels = {k: label for k, _n, _t, label in RATIO_TARGETS}
        for key, profile in item["profiles"].items():
            if key.startswith("burst:"):
                name = key.split(":", 1)[1]
                title = (f"{name} in the exam burst (p95 target missed; samples of its view during the profiled "
                         "burst)")
            else:
                title = labels.get(key, key) + " (closed loop, alone)"
            lines += [f"#### {title}", ""]
            if profile is None:
                lines += ["py-spy could not attach to the workers, or sampled none of this view, in this run.", ""]
                continue
            text = profile_markdown(profile)
            if key.startswith("burst:"):  # bench/profiles.py speaks of its usual rate
                text = text.replace("(py-spy, 100 a second)", f"(py-spy, {item.get('burst_profile_rate', 10)} a second)")
            lines += text.splitlines() + [""]
    return lines


def haproxy_section(two: dict, scenario, *, cores: int) -> list[str]:
    phases = two["phases"]
    lines = ["", "### Two nodes behind HAProxy", "",
             f"A second gunicorn ({two.get('settings', '')}, like the first) on another port, both on the same "
             "PostgreSQL database and the same Redis (cache and sessions), behind Debian's HAProxy "
             f"(`{two.get('haproxy_command', 'haproxy')}`, configuration written by `bench/haproxy.py` into "
             f"`{two.get('config', 'bench/.runs/haproxy.cfg')}`): `balance roundrobin`, no cookie, no stick table, so "
             "each request goes to the next node whoever sends it. HAProxy names the node of each response in an "
             "`X-Tarikh-Node` header (`http-response set-header X-Tarikh-Node %[srv_name]`; nothing in Tarikh "
             "knows about it), and the locust users record it per learner.", ""]
    if two.get("failed"):
        lines += [f"**The phase stopped: {two['failed']}.** Its measurements up to then are below.", ""]
    rows = []
    for key, label in [("direct", "one node, direct"), ("proxy-one", "one node behind HAProxy"),
                       ("proxy-two", "two nodes behind HAProxy")]:
        phase = phases.get(key)
        row = phase.rows.get("attempt page") if phase else None
        if row:
            rows.append((label, phase, row))
    if rows:
        first = rows[0][2].rps
        lines += [f"Throughput of the attempt page (20 questions), {scenario.learners} users in a closed loop, "
                  f"{scenario.window_s:.0f} s windows, one run after the other:", "",
                  "| setup | req/s | against one node direct | p50 ms | p95 ms | errors | gunicorn CPU | HAProxy CPU |"
                  " locust CPU |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for label, phase, row in rows:
            lines.append(f"| {label} | {rate(row.rps)} | {row.rps / first:.2f}× | {ms(row.p50)} | {ms(row.p95)} | "
                         f"{errors_of(phase)} | {cpu_cell(phase, 'gunicorn')} | {cpu_cell(phase, 'haproxy')} | "
                         f"{cpu_cell(phase, 'locust')} |")
        lines += ["", f"On this {cores}-core machine two nodes share the cores one node already kept busy (with "
                      "PostgreSQL, Redis, HAProxy and locust beside them), so a second node cannot add throughput "
                      "here; what this phase shows is that nothing breaks when requests alternate, and what the "
                      "proxy costs. On two machines the second node brings its own cores."]
    burst = phases.get("burst")
    if burst:
        lines += ["", f"#### Exam burst through HAProxy ({burst.users} learners)", "",
                  burst_text(scenario, burst, think=two.get("think", "1-3"),
                             what="Every request goes through HAProxy to either node, and the quiz is a plain "
                                  "published one, without pre-created attempts."), ""]
        lines += rows_table(burst.rows)
        spread = extra_of(burst).get("alternation")
        if spread:
            per_node = ", ".join(f"{node} {count:,}" for node, count in spread["per_node"].items())
            share = spread["switched_share"]
            lines += ["", f"Requests per node: {per_node}. {spread['learners_on_several']:,} of {spread['learners']:,} "
                          "learners were served by both nodes; of each learner's consecutive requests "
                          f"{percent(share)} went to the other node than the one before ({spread['switched']:,} of "
                          f"{spread['pairs']:,}; about half is what round robin among many learners gives, "
                          "0% what sticky sessions would)."]
        answers = two.get("answers")
        if answers:
            states = ", ".join(f"{count} {state}" for state, count in sorted(answers.get("attempts", {}).items()))
            lines += ["", f"Answers: locust saw {answers['acknowledged']:,} saves acknowledged (200 with the saved "
                          f"mark) for {answers['distinct']:,} questions; the database holds a response for "
                          f"{answers['in_database']:,} of them: **{answers['lost']} lost**. Attempts of the exam "
                          f"afterwards: {states or '–'}."]
            if answers.get("examples"):
                lines.append(f"Lost (attempt, position), first ones: {answers['examples']}.")
        failures = failure_lines({key: phase for key, phase in phases.items()})
        lines += ["", "Errors: " + ("none." if not failures else ""), *failures]
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
    """The machine's load from other processes while this run measured (a shared machine measures less)."""
    shares = [phase.cpu.get("other", 0.0) for phase in all_phases(results) if phase.cpu]
    loads = ""
    if results.get("load_before") and results.get("load_after"):
        before, after = results["load_before"], results["load_after"]
        loads = (f" Load average (1, 5, 15 minutes) at the start {before[0]:.2f} / {before[1]:.2f} / {before[2]:.2f}, "
                 f"at the end {after[0]:.2f} / {after[1]:.2f} / {after[2]:.2f} (the end includes the bench's own load).")
    if not shares:
        return [loads.strip(), ""] if loads else []
    average, peak = sum(shares) / len(shares), max(shares)
    if average < 15:
        return [f"Other processes used {average:.0f}% of one core on average while the phases ran (at most "
                f"{peak:.0f}% in one phase): the machine was otherwise quiet.{loads}", ""]
    return [f"**Other processes used {average:.0f}% of one core on average while the phases ran** (at most {peak:.0f}% "
            f"in one phase, of {results['machine']['cores'] * 100}%): the machine was shared, so absolute numbers are "
            "lower than on a quiet machine. Ratios to the baseline are less affected: each pair was measured minutes "
            f"apart under similar load (see the CPU tables).{loads}", ""]


def all_phases(results: dict):
    for item in results["scenarios"]:
        yield from item["phases"].values()
        for entry in item.get("comparison", [])[1:]:
            yield from entry["phases"].values()
        if item.get("haproxy"):
            yield from item["haproxy"]["phases"].values()


# --- before / after --------------------------------------------------------------------------------
HEADLINE_COLUMNS = [
    # The machine's pace in that run: this shared machine's speed moves every other figure with it.
    ("bare_rps", "bare Django req/s, PostgreSQL's server (the machine's pace)", lambda v: f"{v:,.0f}"),
    ("burst_learners", "burst learners (PostgreSQL)", lambda v: f"{v:,}"),
    ("burst_errors", "burst errors", lambda v: f"{v:,}"),
    ("burst_attempts", "burst's attempts (PostgreSQL)", str),
    ("start_p95_ms", "start p95 ms (≤ 2,000)", ms),
    ("page_p95_ms", "attempt page p95 ms (≤ 2,000)", ms),
    ("save_p95_ms", "answer save p95 ms (≤ 300)", ms),
    ("submit_p95_ms", "submit p95 ms (≤ 500)", ms),
    ("break", "where 2,000 learners break", str),
    ("baseline_of_bare", "signed-in baseline ÷ bare Django (≥ 60%)", percent),
    ("page_ratio", "attempt page ÷ baseline (≥ 50%)", percent),
    ("save_ratio", "answer save ÷ baseline (≥ 50%)", percent),
    ("submit_ratio", "submit ÷ baseline (≥ 35%)", percent),
    ("start_ms", "start from the 10,000 bank, median ms (≤ 20)", ms),
    ("sqlite_learners", "SQLite classroom burst learners", lambda v: f"{v:,}"),
    ("sqlite_server", "SQLite server", str),
    ("sqlite_start_p95_ms", "SQLite start p95 ms (≤ 1,000)", ms),
    ("two_nodes", "two nodes ÷ one node (HAProxy, attempt page)", lambda v: f"{v:.2f}×"),
    ("lost_answers", "answers lost behind HAProxy", lambda v: f"{v:,}"),
    ("duration_min", "whole run, minutes", lambda v: f"{v:.1f}"),
]


def headline(results: dict) -> dict:
    """This run's headline figures, as bench/history.json keeps them."""
    by_key = {item["scenario"].key: item for item in results["scenarios"]}
    pg, lite = by_key.get("postgres"), by_key.get("sqlite")
    figures: dict = {"run": f"{results['started']:%Y-%m-%d %H:%M}", "note": results.get("note", ""),
                     "duration_min": round(results["duration_s"] / 60, 1)}
    if pg:
        phases = pg["phases"]
        burst = phases.get("burst")
        if burst:
            figures.update(burst_learners=burst.users, burst_errors=errors_of(burst))
            hall = exam_hall_of(burst)
            each = f", {hall['ms_each']:.1f} ms each" if hall.get("ms_each") is not None else ""
            figures["burst_attempts"] = (f"drawn ahead by prepare_attempts{each}" if hall
                                         else "drawn at each start")
            for key, name in [("start_p95_ms", "start"), ("page_p95_ms", "attempt page"), ("save_p95_ms", "answer save"),
                              ("submit_p95_ms", "submit")]:
                if name in burst.rows:
                    figures[key] = round(burst.rows[name].p95, 1)
        if phases.get("break"):
            figures["break"] = break_summary(phases["break"])
        bare = phases.get("bare")
        if bare and "bare Django" in bare.rows:
            figures["bare_rps"] = round(bare.rows["bare Django"].rps)
        share = baseline_share_of_bare(phases)
        figures["baseline_of_bare"] = None if share is None else round(share, 3)
        for key, phase_key, name in [("page_ratio", "page", "attempt page"), ("save_ratio", "save", "answer save"),
                                     ("submit_ratio", "submit", "submit")]:
            value = ratio(phases, phase_key, name)
            figures[key] = None if value is None else round(value, 3)
        if pg.get("micro"):
            figures["start_ms"] = round(pg["micro"]["start"]["median_ms"], 1)
        two = pg.get("haproxy")
        if two:
            one, both = throughput(two["phases"].get("direct")), throughput(two["phases"].get("proxy-two"))
            figures["two_nodes"] = round(both / one, 2) if one and both else None
            figures["lost_answers"] = (two.get("answers") or {}).get("lost")
    if lite and lite["phases"].get("burst"):
        burst = lite["phases"]["burst"]
        figures["sqlite_learners"] = burst.users
        figures["sqlite_server"] = lite.get("server_label", "")
        if "start" in burst.rows:
            figures["sqlite_start_p95_ms"] = round(burst.rows["start"].p95, 1)
    return figures


def add_to_history(history: list[dict], results: dict) -> list[dict]:
    """`history` with this run's headline in its place (replacing an entry of the same minute)."""
    this = headline(results)
    return [entry for entry in history if entry.get("run") != this["run"]] + [this]


def history_section(results: dict, history: list[dict]) -> list[str]:
    """The headline figures of earlier runs (bench/history.json) beside this run's."""
    this = headline(results)
    earlier = [entry for entry in history if entry.get("run", "") < this["run"]][-4:]
    runs = earlier + [this]
    lines = ["## Before and after: the headline figures, run by run", "",
             "Earlier full runs from `bench/history.json` (a full `make bench` adds itself to it; the older runs' "
             "figures are copied from the documents they wrote) beside this run, in bold. The bursts grew between "
             "runs (300 learners before issue 17, 1,000 since), and the SQLite burst moved from gunicorn to "
             "`make run`'s daphne; “–” is a figure that run did not measure.", "",
             "| figure | " + " | ".join(entry["run"] for entry in earlier) + (" | " if earlier else "")
             + f"**{this['run']} (this run)** |",
             "|---|" + "---:|" * len(runs)]
    for key, label, shown in HEADLINE_COLUMNS:
        cells = []
        for entry in runs:
            value = entry.get(key)
            cells.append("–" if value is None or value == "" else shown(value))
        if all(cell == "–" for cell in cells):
            continue
        cells[-1] = f"**{cells[-1]}**" if cells[-1] != "–" else cells[-1]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    notes = [f"{entry['run']}: {entry['note']}" for entry in earlier if entry.get("note")]
    if notes:
        lines += ["", "Runs: " + "; ".join(notes) + "."]
    return lines


def timeline_section(results: dict) -> list[str]:
    """Where this run's minutes went, phase by phase (the 20-minute budget of `make bench`)."""
    timeline = results.get("timeline")
    if not timeline:
        return []
    lines = ["## Where the run's time went", "",
             f"{results['duration_s'] / 60:.1f} minutes in all (the install and `make messages` before it not "
             "counted). Each phase's wall time, locust's start-up and the wait for the server to go idle included:",
             "", "| step | seconds |", "|---|---:|"]
    lines += [f"| {label} | {seconds:.0f} |" for label, seconds in timeline]
    accounted = sum(seconds for _label, seconds in timeline)
    lines.append(f"| everything else (collectstatic, database set-up, server stops, the report) | "
                 f"{max(results['duration_s'] - accounted, 0):.0f} |")
    return lines


def markdown(results: dict, history: list[dict] | None = None) -> str:
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
        + (" (**--quick**: small sizes, not the numbers to quote)" if results.get("quick") else "")
        + (f" (**partial run**: only {', '.join(results.get('parts', []))})" if results.get("partial") else "") + ".",
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
        f"- HAProxy {machine.get('haproxy', '–')}, Redis {machine.get('redis', '–')}",
        "- Everything runs on this one machine: the servers, PostgreSQL, Redis, HAProxy and locust share its cores "
        "(the CPU tables show who used what; “other processes” is load that was not the benchmark's).",
        "",
        *noise_warning(results),
        "",
        "## How it runs",
        "",
        "- `make bench` runs `bench/run.py` (after `make bench-deps`, which installs Debian's haproxy when it is "
        "missing). For each database it creates its own: PostgreSQL `tarikh_bench` (created, then dropped) and "
        "the SQLite file `bench/.bench.sqlite3` (WAL, `IMMEDIATE` transactions, 20 s busy timeout, as "
        "`config/environment.py` sets them). On PostgreSQL the servers run as production does, with `REDIS_URL` "
        "(database 14 of the local Redis, emptied first) for the cache and the sessions (`cached_db`); the SQLite "
        "scenario is `make run` itself (`python -m config.serve`: one daphne process, plain HTTP, no Redis).",
        "- The sizes, and why: the PostgreSQL exam burst is issue 17's 1,000 learners (it replaces the 300 of "
        "earlier runs), then 2,000 arriving at the same rate until the first error or a p95 over 10 s (bounded to "
        "120 s); the closed loops run 300 users over 6 s windows (10 s before: 6 s at 80–500 requests/s is still "
        "500–3,000 requests per endpoint, and runs of the same code on this shared machine already differ by up to "
        "a factor of two, more than the longer window settled); one other gunicorn "
        "setting is compared instead of two; the burst's misses are profiled from a second, smaller burst on a "
        "second exam hall (py-spy at 10 samples a second; its size is in the burst's section), so the measured "
        "burst runs unprofiled, and the closed loops' misses over 5 s instead of 6; the two-node phase runs a "
        "300-learner burst with 1–3 s pauses. locust stays one process: at these rates it used a small share of "
        "its core (the CPU tables mark a phase where it passes 85%), and a second process would take a core from "
        "the server on this 2-core machine. The SQLite classroom is 60 learners. All of it fits `make bench` in about 20 minutes on this machine (see "
        "“Where the run's time went”).",
        "- Data (`bench/prepare.py`, `bench/dataset.py`): a shared bank of 10,000 published bilingual questions of "
        "all seven types (35% single choice, 15% true/false, 15% multiple response, 10% short answer, 10% numerical, "
        "8% matching, 7% ordering); an exam drawing 20 of them at random for each burst (on PostgreSQL the exam "
        "burst's is class-only and assigned to a class of its learners, its attempts drawn ahead by "
        "`manage.py prepare_attempts` before the burst; the others are plain published quizzes); the learner "
        "accounts, all with one real "
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
        "A worker per core keeps both cores busy despite the GIL, with PostgreSQL and the load generator on the "
        "same two cores; four threads each let a worker take the next requests while others wait on PostgreSQL "
        "or Redis. The number of threads that serves best depends on how much Python a request runs: while "
        "requests built their SQL anew, eight threads a worker (the choice until 2026-12-03) mostly queued for "
        "the GIL and two served up to three times more; with that work gone (prepared reads), two left the cores "
        "waiting and four gave the best exam burst (“The tenth session” in bench/FINDINGS.md; the comparison "
        "below measures eight and two threads again in every run). Idle kept-alive connections need no thread: "
        "gthread's main thread holds them until their next request. "
        f"{results.get('chosen_threads', 0)} threads need at most as many PostgreSQL connections, far below "
        "`max_connections` (100). Django's connection pool (5.2, `OPTIONS: {\"pool\": "
        "True}`) would need `psycopg[pool]` and buys little here: with gthread each thread keeps its persistent "
        "connection (`CONN_MAX_AGE=60`), so no request pays for connecting. `--timeout 30` ends a stuck "
        f"worker. `--keep-alive {results.get('keep_alive_s')}` keeps a learner's connection open for the next autosave: "
        "with the default 2 s (or 5 s) the server closes idle connections just as a learner's next request "
        "arrives on them, which a browser retries but locust counts as an error (a first run with 5 s counted 35 "
        "such resets in the burst).",
        "",
    ]
    for item in results["scenarios"]:
        lines += scenario_section(item) + [""]
    lines += micro_section(results)
    lines += ["", *live_game_section(results)]
    if history is not None:
        lines += ["", *history_section(results, history)]
    lines += ["", *timeline_section(results)]
    if FINDINGS.exists():
        lines += ["", FINDINGS.read_text().strip()]
    lines += ["", "## Commands of this run", "", "```sh", *results["commands"], "```", ""]
    return "\n".join(lines)
