"""config/cache.py: Django's Redis cache backend with one redis-py client kept per connection pool."""

import threading
import uuid

import pytest

from config.cache import RedisCache
from tests.redis_server import REDIS_TEST_URL, redis_reachable


@pytest.fixture
def cache():
    if not redis_reachable():
        pytest.skip(f"no Redis at {REDIS_TEST_URL} (.ci/run starts one; REDIS_TEST_URL names another)")
    # A prefix of its own, and only its own keys deleted after: other tests share this Redis database.
    backend = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": f"test-cache-{uuid.uuid4().hex[:8]}"})
    written = []
    real_set = backend.set
    backend.set = lambda key, *args, **kwargs: written.append(key) or real_set(key, *args, **kwargs)
    yield backend
    backend.delete_many(written)


def test_the_client_is_made_once_and_kept(cache):
    first = cache._cache.get_client()
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first  # one server: one pool for reads and writes


def test_it_is_still_djangos_cache(cache):
    cache.set("answer", {"q3": "Queretaro"}, 30)
    assert cache.get("answer") == {"q3": "Queretaro"}
    assert cache.get_many(["answer", "missing"]) == {"answer": {"q3": "Queretaro"}}
    cache.delete("answer")
    assert cache.get("answer") is None


def test_threads_share_the_kept_client(cache):
    """gunicorn's eight threads a worker call the cache at once through the one client."""
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"k{n}-{i}", n * 1000 + i, 30)
                assert cache.get(f"k{n}-{i}") == n * 1000 + i
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_the_settings_use_it_when_redis_is_configured():
    from tests.config.test_settings import manage

    result = manage("shell", "-c", "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
                    REDIS_URL=REDIS_TEST_URL)
    assert result.stdout.strip().splitlines()[-1] == "config.cache.RedisCache", result.stderr
