"""Migrate the bench database and fill it; write the plan the locust users read (who they are, what to open).

    DATABASE_URL=... python -m bench.prepare --learners 2000 --loop-learners 300 --plan bench/.runs/plan.json

Every learner gets an account and a signed-in session (the exam bursts use them); the first `--loop-learners`
also get the pre-made attempts of the closed-loop phases (attempt page, answer save, submit). Each burst has an
exam of its own (`exams` in the plan: burst, break, haproxy), so a learner starts a fresh attempt in each.

The database named by DATABASE_URL must be empty (the runner creates it). Prints one JSON line of timings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


# One exam per burst: the exam burst, the run to where it breaks, the two-node burst behind HAProxy.
EXAMS = {"burst": "Bench exam", "break": "Bench exam (where it breaks)", "haproxy": "Bench exam (two nodes)"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, required=True)
    parser.add_argument("--bank-size", type=int, default=10_000)
    parser.add_argument("--exam-questions", type=int, default=20)
    parser.add_argument("--loop-learners", type=int, default=None,
                        help="how many learners get pre-made attempts for the closed loops (default: all)")
    parser.add_argument("--submit-rounds", type=int, default=4,
                        help="answered attempts per learner, for the submit throughput phase")
    parser.add_argument("--plan", type=Path, required=True)
    options = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
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
    from quizzes.models import QuestionsPerPage

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
    loop_users = users[:getattr(options, "loop_learners", None) or len(users)]
    # Capacity phases use their own quizzes, so the burst starts every attempt of its exam itself.
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
    return {
        "password": dataset.PASSWORD,
        "exam_quiz": exams["burst"],
        "exams": exams,
        "loop_learners": len(loop_users),
        "bank_size": options.bank_size,
        "exam_questions": options.exam_questions,
        "learners": learners,
    }


if __name__ == "__main__":
    main()
