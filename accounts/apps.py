from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    # Permissions exist only after migrate creates them, so the role groups follow each migrate.
    from accounts.roles import sync_role_groups

    sync_role_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.sync_roles")
