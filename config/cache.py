"""Django's own Redis cache backend, keeping one redis-py client per connection pool.

Django 5.2's `RedisCacheClient.get_client` wraps the shared connection pool in a new `redis.Redis` on every
cache call, and building one fills a table of about 170 response callbacks: measured here at a sixth of the
signed-in baseline page's time, which reads the cache twice (the session, then the user). A `redis.Redis`
holds no connection of its own and is safe to share between threads (redis-py's documentation), so the
client made for a pool is kept and reused. Everything else is Django's backend unchanged. Hand-written
because it is a dozen lines: django-redis would do it too, but would replace the whole backend.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
