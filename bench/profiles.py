"""Read py-spy's collapsed stacks (`--format raw`) and say where the time goes, in a few table rows.

    python -m bench.profiles bench/.runs/attempt-page.raw
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")

# Stages of a request, counted inclusively: a sample is in a stage when any frame of its stack is; a
# template that runs a query counts in both rows, so the shares overlap and do not add up to 100%.
STAGES = [
    ("rendering templates", ("django/template/", "django/templatetags/")),
    ("database: building queries, running them, reading rows", ("django/db/", "psycopg/", "sqlite3/")),
    ("… of which in the driver, waiting for the database", ("psycopg/", "sqlite3/")),
    ("translations (gettext and the active language)", ("django/utils/translation/",)),
    ("reversing URLs", ("django/urls/base.py",)),
    ("parsing question versions (once per process)", ("quizzes/definitions.py", "json/decoder.py")),
    ("grading", ("quizzes/behaviours.py",)),
    ("password hashing", ("django/contrib/auth/hashers.py",)),
    ("sessions, authentication and CSRF middleware", ("django/contrib/sessions/", "django/contrib/auth/middleware",
                                                     "django/middleware/csrf.py")),
]
OUTSIDE_DJANGO = "gunicorn alone (accepting, reading and writing sockets; no Django frame)"
OURS = ("quizzes/", "history/", "accounts/", "bilingual/", "config/", "classrooms/", "progress/")


def parse(path: Path) -> list[tuple[list[tuple[str, str]], int]]:
    """Return the stacks (outermost frame first, each frame as (function, file)) with their sample counts."""
    stacks = []
    for line in path.read_text().splitlines():
        stack, _space, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = []
        for part in stack.split(";"):
            match = FRAME.match(part.strip())
            if match:
                frames.append((match["function"], match["file"]))
            else:
                frames.append((part.strip(), ""))
        stacks.append((frames, int(count)))
    return stacks


def stages_of(frames: list[tuple[str, str]]) -> set[str]:
    files = [file for _function, file in frames]
    found = {stage for stage, markers in STAGES if any(marker in file for file in files for marker in markers)}
    if not any("django/" in file for file in files):
        found.add(OUTSIDE_DJANGO)
    return found


def summarise(path: Path, *, top: int = 12) -> dict:
    """Inclusive shares of the samples by stage, and the functions of our code with the largest share."""
    stacks = parse(path)
    total = sum(count for _frames, count in stacks) or 1
    stages: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    for frames, count in stacks:
        for stage in stages_of(frames):
            stages[stage] += count
        seen = set()
        for function, file in frames:
            if any(marker in file for marker in OURS) and "/site-packages/" not in file:
                short = file[file.index(next(m for m in OURS if m in file)):]
                key = f"{short} {function}"
                if key not in seen:
                    seen.add(key)
                    ours[key] += count
    return {
        "samples": total,
        "stages": [(stage, 100 * stages[stage] / total) for stage, _m in STAGES + [(OUTSIDE_DJANGO, ())]
                   if stages[stage]],
        "ours": [(name, 100 * count / total) for name, count in ours.most_common(top)],
    }


def markdown(summary: dict) -> str:
    lines = [f"{summary['samples']} samples of the gunicorn workers' busy threads (py-spy, 100 a second). "
             "Stages overlap: a query run from a template counts in both rows.", "",
             "| stage (inclusive) | share of samples |", "|---|---:|"]
    lines += [f"| {stage} | {share:.0f}% |" for stage, share in summary["stages"] if share >= 0.5]
    if summary["ours"]:
        lines += ["", "| our function (inclusive) | share |", "|---|---:|"]
        lines += [f"| `{name}` | {share:.0f}% |" for name, share in summary["ours"]]
    return "\n".join(lines)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(f"## {argument}\n\n{markdown(summarise(Path(argument)))}\n")
