"""Authentication backends: the log-in lock-out of django-axes, and the user of a request read from the cache."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

# A user object a request reads stays in the shared cache this long at most; every save of the user (a new
# password, deactivation, a new role) drops it at once, so this only bounds what a bulk UPDATE, which sends
# no signal, could leave stale.
USER_CACHE_SECONDS = 300
# Per-object caches Django fills on a user (permissions, prefetched groups): never stored, always fresh.
_TRANSIENT = ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_prefetched_objects_cache", "_state_cache")


class LockoutBackend(AxesStandaloneBackend):
    """Refuse a log-in while its username and address are locked out (settings: AXES_*).

    A call without a request (the test client's login(), a shell) comes from no one who could guess
    passwords over the web; it is let through to the next backend instead of raising, as axes would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def user_cache_key(user_id) -> str:
    return f"auth-user:{user_id}"


def forget_cached_user(user_id) -> None:
    """Drop a user's cached copy (called on every save of the user and change of their groups): at once, and
    again when the transaction making the change commits, since a request running meanwhile still reads the
    old row and would cache it again."""
    key = user_cache_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, whose `get_user` (once per signed-in request) reads the shared cache first.

    Only when every worker shares one cache (`SHARED_CACHE`: REDIS_URL is set); with per-process memory a
    worker could keep a copy that another worker's password change had made stale. Security is Django's
    own: `django.contrib.auth.get_user` still compares the session's hash with the (cached) user's, and the
    copy is dropped whenever the user is saved, so a new password or a deactivation ends other sessions on
    their next request, as without the cache. Permissions are never cached with the user; its role (whether it
    is a teacher) is, and every change of its groups through Django (either side of the relation, a group's
    rename or deletion) drops the copy (accounts.apps).
    """

    def get_user(self, user_id):
        if not getattr(settings, "SHARED_CACHE", False):
            return super().get_user(user_id)
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            for name in _TRANSIENT:
                user.__dict__.pop(name, None)
            user.is_teacher  # noqa: B018 — its group membership is read now and cached with it
            cache.set(key, user, USER_CACHE_SECONDS)
        return user if self.user_can_authenticate(user) else None
