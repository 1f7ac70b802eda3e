from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilingualConfig(AppConfig):
    """Shared machinery for content written in Arabic and English side by side."""

    name = "bilingual"
    verbose_name = _("Bilingual content")
