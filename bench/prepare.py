"""Migrate the bench database and fill it; write the plan the locust users read (who they are, what to open).

    DATABASE_URL=... python -m bench.prepare --learners 2000 --loop-learners 300 --exam-hall 1000 \
        --plan bench/.runs/plan.json
    DATABASE_URL=... python -m bench.prepare exam-hall attempts|open --plan bench/.runs/plan.json

Every learner gets an account and a signed-in session (the exam bursts use them); the first `--loop-learners`
also get the pre-made attempts of the closed-loop phases (attempt page, answer save, submit). Each burst has an
exam of its own (`exams` in the plan: burst, break, haproxy), so a learner starts a fresh attempt in each.

With `--exam-hall N` the burst's exam is a scheduled exam, as a school runs it (`dataset.exam_hall`): the first N
learners (those the burst's users take, in order) are the members of a class of the bench teacher, and the exam
is class-only and assigned to that class, opening an hour from now (`exam_hall` in the plan). The runner then
runs `manage.py prepare_attempts` as cron does before the opening, and `exam-hall open` moves the opening to
now; `exam-hall attempts` prints the exam's attempts by state (one JSON line), before and after the burst.
The break and HAProxy exams stay plain published quizzes, drawn at each start.

With `--profile-hall M` a second scheduled exam (`profile` in `exams`, `profile_hall` in the plan) is assigned the
same way to a second class of the first M learners, opening three hours from now: out of reach of the first
`prepare_attempts` (its `--within` reaches the first exam only), so the runner draws it ahead later, for a
second, profiled burst after the measured one (`exam-hall attempts|open --hall profile_hall`).

The database named by DATABASE_URL must be empty (the runner creates it). Prints one JSON line of timings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path


# One exam per burst: the exam burst, its profiled second burst, the run to where it breaks, the two-node burst
# behind HAProxy.
EXAMS = {"burst": "Bench exam", "profile": "Bench exam (profiled burst)", "break": "Bench exam (where it breaks)",
         "haproxy": "Bench exam (two nodes)"}
# The profiled burst's exam hall opens this long after the data is made: later than the first one's opening and
# than the `--within` the runner gives prepare_attempts for it (bench/run.py PREPARE_WITHIN_MIN).
PROFILE_HALL_OPENS_IN_H = 3
HALLS = ("exam_hall", "profile_hall")


def setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def exam_hall_command(argv: list[str]) -> None:
    """`exam-hall attempts|open --plan PLAN [--hall profile_hall]`: an exam hall's attempts by state, or its opening
    moved to now."""
    parser = argparse.ArgumentParser(prog="bench.prepare exam-hall")
    parser.add_argument("action", choices=["attempts", "open"])
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--hall", choices=HALLS, default="exam_hall")
    options = parser.parse_args(argv)
    hall = json.loads(options.plan.read_text()).get(options.hall)
    if not hall:
        raise SystemExit(f"{options.plan} has no {options.hall} (bench.prepare --exam-hall / --profile-hall)")
    setup()
    from bench import dataset

    if options.action == "open":
        assignment = dataset.exam_hall_open(hall["assignment"])
        print(json.dumps({"opens_at": assignment.opens_at.isoformat()}))
    else:
        print(json.dumps(dataset.exam_hall_attempts(hall["quiz"])))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["exam-hall"]:
        exam_hall_command(argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, required=True)
    parser.add_argument("--bank-size", type=int, default=10_000)
    parser.add_argument("--exam-questions", type=int, default=20)
    parser.add_argument("--loop-learners", type=int, default=None,
                        help="how many learners get pre-made attempts for the closed loops (default: all)")
    parser.add_argument("--submit-rounds", type=int, default=4,
                        help="answered attempts per learner, for the submit throughput phase")
    parser.add_argument("--exam-hall", type=int, default=0,
                        help="the burst's exam is assigned to a class of the first N learners, opening in an hour "
                             "(default 0: a plain published quiz)")
    parser.add_argument("--profile-hall", type=int, default=0,
                        help="a second exam hall of the first N learners, opening in three hours, for a profiled "
                             "burst (default 0: none)")
    parser.add_argument("--plan", type=Path, required=True)
    options = parser.parse_args(argv)

    setup()
    from django.core.management import call_command

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate_s"] = time.perf_counter() - started
    plan = build(options, timings)
    options.plan.parent.mkdir(parents=True, exist_ok=True)
    options.plan.write_text(json.dumps(plan))
    print(json.dumps(timings))


def build(options, timings: dict) -> dict:
    """Create the data and return the plan (plain JSON-able data)."""
    from bench import dataset
    from quizzes.models import QuestionsPerPage, Quiz

    clock = time.perf_counter()
    owner = dataset.teacher()
    bank = dataset.bank(owner=owner, size=options.bank_size)
    timings["bank_s"] = time.perf_counter() - clock

    clock = time.perf_counter()
    users = dataset.learners(count=options.learners)
    keys = dataset.sessions(users)
    timings["learners_s"] = time.perf_counter() - clock

    clock = time.perf_counter()
    exams = {key: dataset.exam(owner=owner, bank_obj=bank, questions=options.exam_questions, title=title).pk
             for key, title in EXAMS.items()}
    halls = {}
    for name, exam_key, size, opens_in in [
        ("exam_hall", "burst", getattr(options, "exam_hall", 0), dataset.EXAM_HALL_OPENS_IN),
        ("profile_hall", "profile", getattr(options, "profile_hall", 0), timedelta(hours=PROFILE_HALL_OPENS_IN_H)),
    ]:
        size = min(size or 0, len(users))
        if size:
            hall_clock = time.perf_counter()
            # A burst's users take the plan's learners in order (bench/locustfile.py `Learner`): the first ones.
            halls[name] = (size, dataset.exam_hall(owner=owner, quiz=Quiz.objects.get(pk=exams[exam_key]),
                                                   learners=users[:size], opens_in=opens_in,
                                                   name=f"Bench {name.replace('_', ' ')}"))
            timings[f"{name}_s"] = time.perf_counter() - hall_clock
    loop_users = users[:getattr(options, "loop_learners", None) or len(users)]
    # Capacity phases use their own quizzes: no burst's exam holds an attempt it did not start (or, in the exam
    # hall, that prepare_attempts did not draw).
    drawer = dataset.Drawer(bank_obj=bank)
    page_exam = dataset.exam(owner=owner, bank_obj=bank, questions=options.exam_questions, title="Bench exam (pages)")
    reading = dataset.attempts_in_progress(drawer=drawer, quiz=page_exam, users=loop_users,
                                           questions=options.exam_questions, answered=True)
    paged_exam = dataset.exam(owner=owner, bank_obj=bank, questions=options.exam_questions,
                              title="Bench exam (one question per page)", per_page=QuestionsPerPage.ONE)
    paging = dataset.attempts_in_progress(drawer=drawer, quiz=paged_exam, users=loop_users,
                                          questions=options.exam_questions, answered=True)
    submitting = []
    for round_number in range(options.submit_rounds):
        quiz = dataset.exam(owner=owner, bank_obj=bank, questions=options.exam_questions,
                            title=f"Bench exam (submit {round_number + 1})")
        submitting.append(dataset.attempts_in_progress(drawer=drawer, quiz=quiz, users=loop_users,
                                                       questions=options.exam_questions, answered=True))
    timings["attempts_s"] = time.perf_counter() - clock

    learners = []
    for index, (user, key) in enumerate(zip(users, keys)):
        learner = {"username": user.username, "session": key}
        if index < len(loop_users):
            attempt = reading[index]
            learner.update({
                "page_attempt": attempt.pk,
                "one_per_page_attempt": paging[index].pk,
                "forms": [dataset.form_data(slot) for slot in attempt.prepared_slots],
                "other_forms": [dataset.other_form_data(slot) for slot in attempt.prepared_slots],
                "submit_attempts": [round_attempts[index].pk for round_attempts in submitting],
            })
        learners.append(learner)
    plan = {
        "password": dataset.PASSWORD,
        "exam_quiz": exams["burst"],
        "exams": exams,
        "loop_learners": len(loop_users),
        "bank_size": options.bank_size,
        "exam_questions": options.exam_questions,
        "learners": learners,
    }
    for name, (size, hall) in halls.items():
        plan[name] = {"assignment": hall.pk, "classroom": hall.classroom_id, "quiz": hall.quiz_id,
                      "learners": size, "opens_at": hall.opens_at.isoformat(), "closes_at": hall.closes_at.isoformat()}
    return plan


if __name__ == "__main__":
    main()
