"""Read settings from the environment, and explain a bad value in one line instead of a traceback."""

import os
import re
import tempfile
from pathlib import Path

import dj_database_url


class ConfigurationError(SystemExit):
    """A setting the environment got wrong; exits with a one-line explanation on stderr."""

    def __init__(self, message: str):
        super().__init__(f"Tarikh configuration error: {message}")


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, *, default: bool) -> bool:
    """Return the boolean value of the environment variable `name`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean; use true or false.")


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, *, default: int, minimum: int = 0) -> int:
    """Return the whole-number value of the environment variable `name` (at least `minimum`)."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ConfigurationError(f"{name}={raw!r} is too small; it must be at least {minimum}.")
    return value


HEADER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def env_header(name: str) -> str:
    """Return the request.META key of the HTTP header that the variable `name` names, or "" when unset.

    `X-Real-IP`, `x-real-ip` and `HTTP_X_REAL_IP` all mean the key HTTP_X_REAL_IP.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    if not HEADER_NAME.fullmatch(raw):
        raise ConfigurationError(f"{name}={raw!r} is not an HTTP header name; use e.g. X-Forwarded-Proto.")
    key = raw.upper().replace("-", "_")
    return key if key.startswith("HTTP_") else f"HTTP_{key}"


def require_in_production(name: str, *, debug: bool, development_default: str = "") -> str:
    """Return the variable `name`; in production mode (DEBUG off) it must be set."""
    value = os.environ.get(name, "")
    if value:
        return value
    if debug:
        return development_default
    raise ConfigurationError(f"{name} must be set when DEBUG is off (production mode).")


def database_from_url(base_dir: Path, *, debug: bool) -> dict:
    """Return the default database from DATABASE_URL, or an SQLite file in the project."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": base_dir / "db.sqlite3"}
    else:
        config = parse_database_url("DATABASE_URL", url)
    return with_engine_options(config, debug=debug)


def replica_database_from_url(*, debug: bool) -> dict | None:
    """Return the read replica from REPLICA_DATABASE_URL (config/db_routers.py), or None when it is unset.

    In tests the replica is the test database itself, seen through a second connection (TEST MIRROR).
    """
    url = os.environ.get("REPLICA_DATABASE_URL", "").strip()
    if not url:
        return None
    config = with_engine_options(parse_database_url("REPLICA_DATABASE_URL", url), debug=debug)
    config["TEST"] = {"MIRROR": "default"}
    return config


def parse_database_url(name: str, url: str) -> dict:
    """Return the database that the URL in the variable `name` describes."""
    try:
        config = dj_database_url.parse(url)
    except Exception as error:  # dj-database-url raises several types for a malformed URL
        raise ConfigurationError(
            f"{name} is not a database URL ({error}); "
            "expected e.g. postgres://user@127.0.0.1:5432/tarikh or sqlite:///path/to/db.sqlite3."
        ) from None
    if not config.get("ENGINE"):
        raise ConfigurationError(f"{name} names no known database engine: {url!r}.")
    return config


def with_engine_options(config: dict, *, debug: bool) -> dict:
    """Return `config` with the options Tarikh runs its engine with."""
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers and one writer work at once; the busy timeout waits for a lock instead of
        # failing with "database is locked"; IMMEDIATE transactions take the write lock up front.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        # Tests use a file too (not shared-cache memory), so concurrent tests behave as in production;
        # one per test run, so two runs on one machine never share it.
        config["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"tarikh-test-{os.getpid()}.sqlite3")}
        # In production mode a thread keeps its connection, and with it SQLite's cache of the pages it read:
        # `make run` serves every page on a few threads that live on (config/request_slots.py).
        config["CONN_MAX_AGE"] = 0 if debug else 600
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 0 if debug else 60
        config["CONN_HEALTH_CHECKS"] = True
    return config



# channels-redis waits for a message with BZPOPMIN for up to 5 s (RedisChannelLayer.brpop_timeout), and redis-py
# 8 reads with a 5 s socket timeout by default: under load the reply lands just after it and the consumer dies
# ("Timeout reading from …": every phone on that worker dropped). The read timeout must outlast the wait.
CHANNEL_REDIS_SOCKET_TIMEOUT_S = 20
# redis-py 8's asyncio pool opens at most 100 connections; 300 phones joining or leaving a worker at once
# (group_add, group_discard, the receive backup's clean-up) ran past it ("Too many connections").
CHANNEL_REDIS_MAX_CONNECTIONS = 1000


def channel_layers(redis_url: str, **config) -> dict:
    """The live game's channel layer: channels-redis on `redis_url`, or each process's memory without one."""
    if not redis_url:
        return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    host = {"address": redis_url, "socket_timeout": CHANNEL_REDIS_SOCKET_TIMEOUT_S, "socket_connect_timeout": 5,
            "max_connections": CHANNEL_REDIS_MAX_CONNECTIONS}
    return {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [host], **config}}}
