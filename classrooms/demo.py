"""The demo class: the demo learner and eight generated learners, two assignments of the demo quizzes,
and finished attempts with varied answers, so the gradebook and the item statistics have data.

Idempotent: the class, its members and assignments are found again by name, and a learner who already
has an attempt at a quiz gets no new one. Answers are chosen by a random generator seeded with the
learner and the quiz, so every run writes the same responses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.roles import make_learner
from classrooms.models import Assignment, Classroom, Membership
from classrooms.services import classroom_create
from quizzes.definitions import QuestionDef
from quizzes.models import Attempt, Quiz
from quizzes.question_types import registry
from quizzes.services.attempts import attempt_save_response, attempt_start, attempt_submit

CLASS_NAME = "الصف التاسع (أ)"
LEARNER_PASSWORD = "tarikh-learner"
TOUR_TITLE = "Tour of the seven question types"
EXAM_TITLE = "Timed exam: the Empire years"

ON_TIME, LATE, NOT_YET = "on_time", "late", None


@dataclass(frozen=True)
class Profile:
    username: str
    first_name: str
    last_name: str
    ability: float  # the chance of answering a question right
    languages: tuple[str, str]  # the language of the tour attempt, then of the exam attempts
    tour: str | None  # on time, late, or never (missed: the tour has closed)
    exam_attempts: int  # the exam is still open: 0 means still to do


PROFILES = [
    Profile("learner-2", "سارة", "الحسن", 0.9, ("ar", "ar"), ON_TIME, 1),
    Profile("learner-3", "عمر", "خليل", 0.75, ("en", "en"), ON_TIME, 2),
    Profile("learner-4", "ليلى", "منصور", 0.6, ("ar", "ar"), LATE, 1),
    Profile("learner-5", "يوسف", "حداد", 0.45, ("ar", "ar"), ON_TIME, 0),
    Profile("learner-6", "مريم", "سعيد", 0.85, ("en", "en"), ON_TIME, 1),
    Profile("learner-7", "كريم", "ناصر", 0.35, ("ar", "ar"), NOT_YET, 1),
    Profile("learner-8", "نور", "عيسى", 0.7, ("ar", "en"), ON_TIME, 2),
    Profile("learner-9", "آدم", "يوسف", 0.55, ("en", "ar"), LATE, 1),
]

WRONG_WORDS = {
    "ar": ["تامبيكو", "أكابولكو", "بويبلا", "مكسيكو", "أواكساكا", "لا أعرف"],
    "en": ["Tampico", "Acapulco", "Puebla", "Mexico City", "Oaxaca", "not sure"],
}


@transaction.atomic
def load_demo_classroom(*, teacher, learner, now) -> dict[str, int]:
    """Create the demo class and its data if missing; return how many of each thing were created."""
    created = {"classrooms": 0, "learners": 0, "memberships": 0, "assignments": 0, "attempts": 0}
    classroom = Classroom.objects.filter(teacher=teacher, name=CLASS_NAME).first()
    if classroom is None:
        classroom = classroom_create(teacher=teacher, name=CLASS_NAME)
        created["classrooms"] += 1

    learners = [(learner, None)]
    for profile in PROFILES:
        user, is_new = _demo_learner(profile)
        created["learners"] += is_new
        learners.append((user, profile))
    for user, _profile in learners:
        _membership, is_new = Membership.objects.get_or_create(
            classroom=classroom, learner=user, defaults={"joined_at": now - timedelta(days=30)}
        )
        created["memberships"] += is_new

    # The tour was due two weeks ago and has closed (so the class shows done, late and missed);
    # the exam is open and due in four days (done or still to do).
    schedule = {
        TOUR_TITLE: (now - timedelta(days=21), now - timedelta(days=14), now - timedelta(days=7)),
        EXAM_TITLE: (now - timedelta(days=3), now + timedelta(days=4), now + timedelta(days=7)),
    }
    for title, (opens_at, due_at, closes_at) in schedule.items():
        quiz = Quiz.objects.filter(title_en=title, practice_for__isnull=True).order_by("pk").first()
        if quiz is None:
            continue
        assignment, is_new = Assignment.objects.get_or_create(
            classroom=classroom, quiz=quiz, defaults={"opens_at": opens_at, "due_at": due_at, "closes_at": closes_at}
        )
        created["assignments"] += is_new
        is_tour = title == TOUR_TITLE
        for user, profile in learners:
            if profile is None or Attempt.objects.filter(quiz=quiz, learner=user).exists():
                continue
            for start in _start_times(assignment, profile, is_tour=is_tour):
                _take(quiz, user, profile, start, language=profile.languages[0 if is_tour else 1])
                created["attempts"] += 1
    return created


def _demo_learner(profile: Profile):
    User = get_user_model()
    user = User.objects.filter(username=profile.username).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        username=profile.username, password=LEARNER_PASSWORD, email=f"{profile.username}@example.com",
        first_name=profile.first_name, last_name=profile.last_name,
    )
    make_learner(user)
    return user, True


def _start_times(assignment: Assignment, profile: Profile, *, is_tour: bool):
    offset = timedelta(hours=PROFILES.index(profile) * 3)
    if is_tour:
        if profile.tour == ON_TIME:
            return [assignment.opens_at + timedelta(days=2) + offset]
        if profile.tour == LATE:
            return [assignment.due_at + timedelta(days=2) + offset]
        return []
    return [assignment.opens_at + timedelta(hours=6 + day * 24) + offset for day in range(profile.exam_attempts)]


def _take(quiz: Quiz, user, profile: Profile, start, *, language: str) -> Attempt:
    number = Attempt.objects.filter(quiz=quiz, learner=user).count() + 1
    rng = random.Random(f"{profile.username}:{quiz.title_en}:{number}")
    # Learners do a little better on their second try.
    ability = min(0.97, profile.ability + 0.1 * (number - 1))
    attempt = attempt_start(quiz=quiz, learner=user, now=start, language=language, seed=rng.getrandbits(48))
    moment = start
    for slot in attempt.slots.all():
        moment += timedelta(seconds=rng.randint(25, 70))
        roll = rng.random()
        if roll > 0.96:
            continue  # left blank
        definition = slot.definition
        raw = _right(definition, language) if roll < ability else _wrong(definition, rng, language)
        attempt_save_response(attempt=attempt, position=slot.position, raw=raw, now=moment, language=language,
                              slot=slot)
    return attempt_submit(attempt=attempt, now=moment + timedelta(seconds=40))


def _right(definition: QuestionDef, language: str):
    qtype = registry.get(definition.qtype)
    if definition.qtype == "short_answer":
        best = max(definition.accepted_answers, key=lambda answer: answer.fraction)
        typed = best.text.get(language) or qtype.correct_response(definition)
        if "*" not in typed:
            return typed
    return qtype.correct_response(definition)


def _wrong(definition: QuestionDef, rng: random.Random, language: str):
    """A plausible wrong (or partly right) response of the question's type."""
    qtype = definition.qtype
    if qtype in ("single_choice", "true_false"):
        wrong = [choice.key for choice in definition.choices if choice.fraction <= 0] or [definition.choices[0].key]
        return rng.choice(wrong)
    if qtype == "multiple_response":
        keys = [choice.key for choice in definition.choices]
        return rng.sample(keys, rng.randint(1, len(keys)))
    if qtype == "short_answer":
        return rng.choice(WRONG_WORDS[language])
    if qtype == "numerical":
        best = max(definition.numerical_answers, key=lambda answer: answer.fraction)
        return str(int(best.value) + rng.choice([-3, -2, -1, 1, 2, 5]))
    if qtype == "matching":
        right = registry.get(qtype).correct_response(definition)
        prompts = list(right)
        if len(prompts) > 1:  # swap two answers: partly right
            first, second = rng.sample(prompts, 2)
            right[first], right[second] = right[second], right[first]
        return right
    if qtype == "ordering":
        keys = [item.key for item in definition.items]
        index = rng.randrange(len(keys) - 1)
        keys[index], keys[index + 1] = keys[index + 1], keys[index]
        return keys
    return None
