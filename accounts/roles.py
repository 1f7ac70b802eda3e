"""The Teachers and Learners groups, and exactly the admin permissions a teacher needs."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

TEACHERS = "Teachers"
LEARNERS = "Learners"

# (app label, model) pairs a teacher may add, change, delete and view in the admin.
# Later apps extend this list; a teacher never gets user or group administration.
TEACHER_MODELS = [
    ("history", "topic"),
    ("history", "event"),
    ("history", "person"),
    ("history", "participation"),
    ("quizzes", "questionbank"),
    ("quizzes", "question"),
    ("quizzes", "choice"),
    ("quizzes", "acceptedanswer"),
    ("quizzes", "numericalanswer"),
    ("quizzes", "matchingpair"),
    ("quizzes", "orderingitem"),
    ("quizzes", "gapchoice"),
    ("quizzes", "questionhint"),
    ("quizzes", "tag"),
    ("quizzes", "quiz"),
    ("quizzes", "quizquestion"),
    ("quizzes", "quizdraw"),
    ("classrooms", "classroom"),
    ("classrooms", "membership"),
    ("classrooms", "assignment"),
]


def teacher_permissions():
    permissions = Permission.objects.none()
    for app_label, model in TEACHER_MODELS:
        permissions |= Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
    return permissions


@transaction.atomic
def sync_role_groups() -> None:
    """Create the role groups and give Teachers their permissions (idempotent)."""
    teachers, _created = Group.objects.get_or_create(name=TEACHERS)
    Group.objects.get_or_create(name=LEARNERS)
    teachers.permissions.set(teacher_permissions())


def make_teacher(user) -> None:
    """Give `user` the teacher role: staff (admin access) in the Teachers group."""
    sync_role_groups()
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=TEACHERS))


def make_learner(user) -> None:
    """Give `user` the learner role, with no admin access."""
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    user.groups.add(group)
