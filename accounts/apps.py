from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    # Permissions exist only after migrate creates them, so the role groups follow each migrate.
    from accounts.roles import sync_role_groups

    sync_role_groups()


def _forget_cached_user(sender, instance, **kwargs):
    # The cached user of requests (accounts.backends.CachedModelBackend) must never outlive a change.
    from accounts.backends import forget_cached_user

    forget_cached_user(instance.pk)


def _forget_cached_users_of_groups(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if not action.startswith("post_"):
        return
    from accounts.backends import forget_cached_user
    from accounts.models import User

    if not reverse:  # user.groups.add(...)
        from accounts.models import TEACHER_ROLE_CACHE

        instance.__dict__.pop(TEACHER_ROLE_CACHE, None)  # this object's own memo of its role
        forget_cached_user(instance.pk)
    elif pk_set:  # group.user_set.add(...)
        for pk in pk_set:
            forget_cached_user(pk)
    else:  # group.user_set.clear()
        for pk in User.objects.filter(groups=instance).values_list("pk", flat=True):
            forget_cached_user(pk)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.models import User

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.sync_roles")
        post_save.connect(_forget_cached_user, sender=User, dispatch_uid="accounts.forget_cached_user")
        post_delete.connect(_forget_cached_user, sender=User, dispatch_uid="accounts.forget_deleted_user")
        m2m_changed.connect(_forget_cached_users_of_groups, sender=User.groups.through,
                            dispatch_uid="accounts.forget_cached_user_groups")
