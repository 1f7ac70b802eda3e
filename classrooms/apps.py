from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomsConfig(AppConfig):
    """Classes with join codes, assignments of quizzes, and the teacher's gradebook."""

    name = "classrooms"
    verbose_name = _("Classrooms")

    def ready(self) -> None:
        # Accommodations and overrides reach the quiz pages and attempt_start through quizzes.policies: quizzes sits
        # below classrooms and never imports it.
        from classrooms.policies import class_policies
        from quizzes import policies

        policies.register(class_policies)
