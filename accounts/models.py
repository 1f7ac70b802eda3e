"""Users and their roles: learners take quizzes, teachers author content in the admin."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


# Where a user object keeps whether it is in the Teachers group (`User.is_teacher`).
TEACHER_ROLE_CACHE = "_teacher_role_cache"


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
        """A superuser, or a member of the Teachers group. The membership is read once per user object, as Django's
        ModelBackend keeps permissions on it (`_perm_cache`): a change made through this object's own `groups`
        forgets it (accounts.apps); another object of the same user keeps what it read, as with permissions
        (every request reads its user anew). The cached user of signed-in requests carries it, and any change of
        the user's groups drops that copy (accounts.backends), so a page that asks costs no query."""
        if self.is_superuser:
            return True
        if TEACHER_ROLE_CACHE not in self.__dict__:
            from accounts.roles import TEACHERS

            self.__dict__[TEACHER_ROLE_CACHE] = self.groups.filter(name=TEACHERS).exists()
        return self.__dict__[TEACHER_ROLE_CACHE]
