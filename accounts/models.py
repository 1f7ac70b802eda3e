"""Users and their roles: learners take quizzes, teachers author content in the admin."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A Tarikh account. Roles are the groups named in `accounts.roles`."""

    class Digits(models.TextChoices):
        """The digits of Arabic pages, as CLDR names their numbering systems (`bilingual.digits`)."""

        WESTERN = "latn", _("Western digits")
        ARABIC_INDIC = "arab", _("Arabic-Indic digits")

    # Empty until the reader chooses: then the Arabic region their browser asks for decides.
    digits = models.CharField(
        _("digits on Arabic pages"), max_length=4, choices=Digits.choices, blank=True, default="",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_teacher(self) -> bool:
        from accounts.roles import TEACHERS

        return self.is_superuser or self.groups.filter(name=TEACHERS).exists()
