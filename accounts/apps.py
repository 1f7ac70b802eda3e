from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete
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
    from accounts.backends import forget_cached_user

    if reverse and action == "pre_clear":  # group.user_set.clear(): its members, while they are still members
        _forget_members(instance)
        return
    if not action.startswith("post_"):
        return
    if not reverse:  # user.groups.add(...), .remove, .set, .clear
        from accounts.models import TEACHER_ROLE_CACHE

        instance.__dict__.pop(TEACHER_ROLE_CACHE, None)  # this object's own memo of its role
        forget_cached_user(instance.pk)
    elif pk_set:  # group.user_set.add(...), .remove
        for pk in pk_set:
            forget_cached_user(pk)


def _forget_members(group) -> None:
    from accounts.backends import forget_cached_user

    for pk in group.user_set.values_list("pk", flat=True):
        forget_cached_user(pk)


def _forget_members_of_group(sender, instance, **kwargs):
    # A group renamed (a role is its group's name) or deleted (its memberships go without an m2m signal).
    if instance.pk is not None:
        _forget_members(instance)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from accounts.models import User

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.sync_roles")
        post_save.connect(_forget_cached_user, sender=User, dispatch_uid="accounts.forget_cached_user")
        post_delete.connect(_forget_cached_user, sender=User, dispatch_uid="accounts.forget_deleted_user")
        m2m_changed.connect(_forget_cached_users_of_groups, sender=User.groups.through,
                            dispatch_uid="accounts.forget_cached_user_groups")
        post_save.connect(_forget_members_of_group, sender=Group, dispatch_uid="accounts.forget_renamed_group")
        pre_delete.connect(_forget_members_of_group, sender=Group, dispatch_uid="accounts.forget_deleted_group")
