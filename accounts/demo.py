"""Demo accounts for development; their passwords are documented in README.md."""

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.roles import make_learner, make_teacher

DEMO_TEACHER = ("teacher", "tarikh-teacher")
DEMO_LEARNER = ("learner", "tarikh-learner")
DEMO_ADMIN = ("admin", "tarikh-admin")


@transaction.atomic
def load_demo_accounts() -> dict[str, object]:
    """Create the demo admin, teacher and learner if missing; existing accounts keep their passwords."""
    User = get_user_model()
    accounts = {}
    for role, (username, password) in {"admin": DEMO_ADMIN, "teacher": DEMO_TEACHER, "learner": DEMO_LEARNER}.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=password, email=f"{username}@example.com")
        if role == "admin" and not user.is_superuser:
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        elif role == "teacher":
            make_teacher(user)
        elif role == "learner":
            make_learner(user)
        accounts[role] = user
    return accounts
