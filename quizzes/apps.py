from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self) -> None:
        # Every question type registers itself when its module is imported: import them all, once, before
        # any request (Django's admin fills its registry the same way), so no request waits on a lock.
        from quizzes.question_types import registry

        registry.autodiscover()
