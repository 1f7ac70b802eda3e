from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """A learner's progress: mastery per event and topic, and spaced review of answered questions."""

    name = "progress"
    verbose_name = _("Progress")
