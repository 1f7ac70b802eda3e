"""Users and their roles: learners take quizzes, teachers author content in the admin."""

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A Tarikh account. Roles are the groups named in `accounts.roles`."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_teacher(self) -> bool:
        from accounts.roles import TEACHERS

        return self.is_superuser or self.groups.filter(name=TEACHERS).exists()
