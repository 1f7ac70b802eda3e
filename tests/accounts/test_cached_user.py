"""With a shared cache (REDIS_URL), a signed-in request reads its session and user from the cache, not the
database, and is exactly as secure: logging out, a new password, deactivation and role changes count at once."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from accounts.backends import user_cache_key
from tests import factories

pytestmark = pytest.mark.django_db

SHARED = {"SHARED_CACHE": True, "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
          "BENCH_BASELINE": True}
PAGE = "/en/bench/baseline/"


@pytest.fixture
def signed_in(client):
    with override_settings(**SHARED):
        user = factories.learner(username="reader")
        user.set_password("pass-word-1234")
        user.save()
        assert client.login(username="reader", password="pass-word-1234")
        client.get(PAGE)  # the first request fills the cache
        yield client, user


def test_a_signed_in_request_runs_no_query_for_session_or_user(signed_in, django_assert_num_queries):
    client, _user = signed_in
    with override_settings(**SHARED), django_assert_num_queries(0):
        assert client.get(PAGE).status_code == 200


def test_without_a_shared_cache_the_session_and_user_come_from_the_database(client, django_assert_num_queries):
    user = factories.learner()
    client.force_login(user)
    with override_settings(BENCH_BASELINE=True), django_assert_num_queries(2):
        assert client.get(PAGE).status_code == 200


def test_a_new_password_ends_other_sessions_on_their_next_request(signed_in):
    client, user = signed_in
    with override_settings(**SHARED):
        user.set_password("another-pass-5678")
        user.save()
        response = client.get(PAGE)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_deactivating_the_account_signs_it_out(signed_in):
    client, user = signed_in
    with override_settings(**SHARED):
        user.is_active = False
        user.save(update_fields=["is_active"])
        assert client.get(PAGE).status_code == 302


def test_logging_out_ends_the_session_in_the_cache_too(signed_in):
    client, _user = signed_in
    with override_settings(**SHARED):
        session_key = client.cookies["sessionid"].value
        client.post("/en/accounts/logout/")
        client.cookies["sessionid"] = session_key  # a stolen cookie, replayed
        assert client.get(PAGE).status_code == 302


def test_a_role_change_is_seen_at_once(signed_in):
    from django.core.cache import cache

    client, user = signed_in
    with override_settings(**SHARED):
        assert cache.get(user_cache_key(user.pk)) is not None
        user.groups.add(Group.objects.get_or_create(name="Teachers")[0])
        assert cache.get(user_cache_key(user.pk)) is None
        client.get(PAGE)
        group = Group.objects.get(name="Teachers")
        group.user_set.remove(user)
        assert cache.get(user_cache_key(user.pk)) is None


def test_permissions_are_never_cached_with_the_user(signed_in):
    from django.core.cache import cache

    client, user = signed_in
    with override_settings(**SHARED):
        cached = cache.get(user_cache_key(user.pk))
        assert "_perm_cache" not in vars(cached) and "_prefetched_objects_cache" not in vars(cached)


def test_the_teacher_role_is_cached_with_the_user_so_asking_it_costs_no_query(signed_in, django_assert_num_queries):
    from accounts.backends import CachedModelBackend

    _client, user = signed_in
    with override_settings(**SHARED):
        with django_assert_num_queries(0):
            cached = CachedModelBackend().get_user(user.pk)
            assert cached.is_teacher is False
        user.groups.add(Group.objects.get_or_create(name="Teachers")[0])  # drops the copy
        with django_assert_num_queries(2):  # the user and its role, read once and cached again
            assert CachedModelBackend().get_user(user.pk).is_teacher is True
        with django_assert_num_queries(0):
            assert CachedModelBackend().get_user(user.pk).is_teacher is True


def test_a_role_given_or_taken_through_the_users_groups_counts_on_that_object_at_once(django_assert_num_queries):
    from accounts.roles import make_teacher

    user = factories.learner()
    assert user.is_teacher is False
    with django_assert_num_queries(0):
        assert user.is_teacher is False  # read once per object
    make_teacher(user)
    assert user.is_teacher is True
    user.groups.clear()
    assert user.is_teacher is False
    user.is_superuser = True
    assert user.is_teacher is True


def teacher_signed_in(client):
    """A teacher signed in, their cached copy filled (it carries the role)."""
    from django.core.cache import cache

    from accounts.backends import CachedModelBackend

    client_, user = client
    with override_settings(**SHARED):
        user.groups.add(Group.objects.get_or_create(name="Teachers")[0])
        assert CachedModelBackend().get_user(user.pk).is_teacher is True
        assert cache.get(user_cache_key(user.pk)) is not None
    return user


def test_clearing_a_groups_members_drops_each_former_members_copy(signed_in):
    from django.core.cache import cache

    user = teacher_signed_in(signed_in)
    with override_settings(**SHARED):
        Group.objects.get(name="Teachers").user_set.clear()
        assert cache.get(user_cache_key(user.pk)) is None


@pytest.mark.parametrize("change", ["rename", "delete"])
def test_renaming_or_deleting_a_group_drops_its_members_copies(signed_in, change):
    from django.core.cache import cache

    from accounts.backends import CachedModelBackend

    user = teacher_signed_in(signed_in)
    with override_settings(**SHARED):
        group = Group.objects.get(name="Teachers")
        if change == "rename":
            group.name = "Former teachers"
            group.save()
        else:
            group.delete()
        assert cache.get(user_cache_key(user.pk)) is None
        assert CachedModelBackend().get_user(user.pk).is_teacher is False


def test_a_copy_cached_again_before_the_change_commits_is_dropped_when_it_commits(
        signed_in, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    user = teacher_signed_in(signed_in)
    key = user_cache_key(user.pk)
    with override_settings(**SHARED):
        with django_capture_on_commit_callbacks(execute=True):
            Group.objects.get(name="Teachers").user_set.remove(user)
            assert cache.get(key) is None
            cache.set(key, "a request that read the old membership meanwhile")
        assert cache.get(key) is None
