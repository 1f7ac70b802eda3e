"""Settings come from the environment; bad values stop start-up with one line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "ASGI_HTTP_THREADS"}}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_missing_secret_key_in_production_is_a_one_line_error():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="tarikh.example")
    assert result.returncode != 0
    assert result.stderr.strip() == "Tarikh configuration error: SECRET_KEY must be set when DEBUG is off (production mode)."


def test_malformed_database_url_is_a_one_line_error():
    result = manage("check", DATABASE_URL="not a url at all")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Tarikh configuration error: DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_unknown_database_scheme_is_a_one_line_error():
    result = manage("check", DATABASE_URL="mongodb://localhost/tarikh")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_boolean_is_explained():
    result = manage("check", DEBUG="maybe")
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_production_mode_passes_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "-a-long-random-production-secret-key-0123456789",
        ALLOWED_HOSTS="tarikh.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_environment_chooses_database_and_cache(monkeypatch, tmp_path):
    from config import environment

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tarikh")
    config = environment.database_from_url(tmp_path, debug=False)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "tarikh" and config["CONN_MAX_AGE"] == 60
    monkeypatch.delenv("DATABASE_URL")
    config = environment.database_from_url(tmp_path, debug=True)
    assert config["ENGINE"] == "django.db.backends.sqlite3" and config["NAME"] == tmp_path / "db.sqlite3"
    assert "WAL" in config["OPTIONS"]["init_command"] and config["CONN_MAX_AGE"] == 0
    assert environment.database_from_url(tmp_path, debug=False)["CONN_MAX_AGE"] == 600


def test_allowed_hosts_and_lists_parse(monkeypatch):
    from config.environment import env_list

    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,,")
    assert env_list("ALLOWED_HOSTS", default=[]) == ["a.example", "b.example"]


@pytest.mark.parametrize("value, expected", [("true", True), ("0", False), ("YES", True), ("off", False)])
def test_env_bool(monkeypatch, value, expected):
    from config.environment import env_bool

    monkeypatch.setenv("DEBUG", value)
    assert env_bool("DEBUG", default=not expected) is expected


def test_the_redis_channel_layer_reads_longer_than_it_waits_for_a_message():
    """redis-py 8's default read timeout (5 s) equals channels-redis's BZPOPMIN wait (5 s): under load every
    socket's consumer died with "Timeout reading from …" (issue 12's 300-player run on two workers)."""
    from channels_redis.core import RedisChannelLayer

    from config.environment import channel_layers

    config = channel_layers("redis://127.0.0.1:6379/0")["default"]
    layer = RedisChannelLayer(**config["CONFIG"])
    pool = layer.create_pool(0)
    assert pool.connection_kwargs["socket_timeout"] > RedisChannelLayer.brpop_timeout
    assert pool.max_connections >= 1000  # redis-py 8 would stop at 100: fewer than the phones of one worker
    assert channel_layers("")["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"


@pytest.mark.parametrize("value, expected", [(None, 7), ("", 7), (" 3 ", 3), ("1", 1)])
def test_env_int(monkeypatch, value, expected):
    from config.environment import env_int

    if value is None:
        monkeypatch.delenv("ASGI_HTTP_THREADS", raising=False)
    else:
        monkeypatch.setenv("ASGI_HTTP_THREADS", value)
    assert env_int("ASGI_HTTP_THREADS", default=7, minimum=1) == expected


@pytest.mark.parametrize("value, message", [("two", "is not a whole number"), ("0", "must be at least 1")])
def test_bad_whole_numbers_are_explained(monkeypatch, value, message):
    from config.environment import ConfigurationError, env_int

    monkeypatch.setenv("ASGI_HTTP_THREADS", value)
    with pytest.raises(ConfigurationError, match=message):
        env_int("ASGI_HTTP_THREADS", default=2, minimum=1)


def test_an_asgi_process_lets_one_page_at_a_time_into_django_on_sqlite_and_four_on_postgresql():
    code = "from django.conf import settings; print(settings.ASGI_HTTP_THREADS)"
    for url, expected in [("sqlite:////tmp/tarikh-slots-test.sqlite3", "1"),
                          ("postgres://postgres@127.0.0.1:5432/tarikh", "4")]:
        result = manage("shell", "--no-imports", "-c", code, DATABASE_URL=url)
        assert result.stdout.strip() == expected, result.stderr
    assert manage("shell", "--no-imports", "-c", code, ASGI_HTTP_THREADS="9").stdout.strip() == "9"
