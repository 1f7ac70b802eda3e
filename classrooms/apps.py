from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomsConfig(AppConfig):
    """Classes with join codes, assignments of quizzes, and the teacher's gradebook."""

    name = "classrooms"
    verbose_name = _("Classrooms")
