"""Log-ins are throttled (django-axes): after a few failures for one username from one address, every
attempt, the right password included, is refused for a while, in the user's language, with the same words
whether the account exists or not. The address is REMOTE_ADDR unless a trusted proxy header is configured."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone


pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-pass-123"  # tests/factories.py


def main_text(response) -> str:
    """The text a person reads in the page's <main>, without markup or runs of spaces."""
    html = response.content.decode()
    match = re.search(r"<main\b[^>]*>(.*)</main>", html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1) if match else html).split())

LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/en/admin/login/"


def log_in(client, username, password, *, url=LOGIN, **extra):
    return client.post(url, {"username": username, "password": password, "next": "/en/"}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_two_hundred_wrong_passwords_are_not_all_answered(client, make):
    make.learner(username="sara")
    statuses = [log_in(client, "sara", f"guess-{n}").status_code for n in range(200)]
    plain_failures = statuses.index(429)
    assert plain_failures == settings.AXES_FAILURE_LIMIT - 1
    assert set(statuses[:plain_failures]) == {200}
    assert set(statuses[plain_failures:]) == {429}


def test_the_right_password_fails_during_the_lockout_and_works_after_it(client, make):
    make.learner(username="sara")
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "sara", f"guess-{n}")
    response = log_in(client, "sara", PASSWORD)
    assert response.status_code == 429 and not logged_in(client)
    assert int(response["Retry-After"]) == 15 * 60
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = log_in(client, "sara", PASSWORD)
        assert response.status_code == 302 and logged_in(client)


@pytest.mark.parametrize("lang, words", [
    ("en", "Too many failed log-in attempts. Please wait 15 minutes, then try again."),
    ("ar", "محاولات دخول فاشلة كثيرة. انتظر 15 دقيقة، ثم حاول مرة أخرى."),
])
def test_the_lockout_message_is_in_the_users_language(client, make, lang, words):
    make.learner(username="sara")
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "sara", f"guess-{n}", url=f"/{lang}/accounts/login/")
    assert response.status_code == 429
    assert f'<html lang="{lang}"' in response.content.decode()
    assert words in main_text(response)


def test_the_lockout_says_nothing_about_whether_the_account_exists(client, make):
    make.learner(username="sara")
    pages = {}
    for username in ("sara", "nobody-by-this-name"):
        for n in range(settings.AXES_FAILURE_LIMIT):
            response = log_in(client, username, f"guess-{n}")
        assert response.status_code == 429
        pages[username] = main_text(response)
    assert pages["sara"] == pages["nobody-by-this-name"]
    assert "sara" not in pages["sara"]


def test_the_lockout_is_for_one_username_from_one_address(client, make):
    make.learner(username="sara")
    make.learner(username="omar")
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "sara", f"guess-{n}")
    assert log_in(client, "sara", PASSWORD).status_code == 429
    # The same person from another address, and another person from this one, are not locked out.
    assert log_in(client, "sara", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    client.logout()
    assert log_in(client, "omar", PASSWORD).status_code == 302


def test_a_success_before_the_limit_forgets_the_failures(client, make):
    make.learner(username="sara")
    for _round in range(3):
        for n in range(settings.AXES_FAILURE_LIMIT - 1):
            assert log_in(client, "sara", f"guess-{n}").status_code == 200
        assert log_in(client, "sara", PASSWORD).status_code == 302
        client.logout()


def test_the_admin_log_in_is_locked_out_too(client, make):
    make.user(username="editor", is_staff=True, is_superuser=True)
    statuses = [log_in(client, "editor", f"guess-{n}", url=ADMIN_LOGIN).status_code for n in range(50)]
    assert statuses.count(200) == settings.AXES_FAILURE_LIMIT - 1 and statuses[-1] == 429
    response = log_in(client, "editor", PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429 and not logged_in(client)
    assert client.get("/en/admin/").status_code == 302  # still sent to the log-in page


def test_failures_at_the_admin_and_the_site_count_together(client, make):
    make.user(username="editor", is_staff=True, is_superuser=True)
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "editor", f"guess-{n}", url=ADMIN_LOGIN)
    assert log_in(client, "editor", "one-more").status_code == 429


def test_a_spoofed_forwarded_for_header_is_ignored_by_default(client, make):
    make.learner(username="sara")
    statuses = [
        log_in(client, "sara", f"guess-{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(20)
    ]
    assert statuses[-1] == 429
    assert log_in(client, "sara", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.250").status_code == 429


def test_behind_a_proxy_the_configured_header_gives_the_address(client, make, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    make.learner(username="sara")
    # The proxy appends the address it saw; whatever the client wrote before it is not believed.
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "sara", f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 192.0.2.10")
    assert response.status_code == 429
    assert log_in(client, "sara", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == 429
    # Another client behind the same proxy (the same REMOTE_ADDR) is not locked out.
    assert log_in(client, "sara", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.11").status_code == 302


def test_the_client_address_comes_from_remote_addr_or_the_trusted_header_only(rf, settings):
    from accounts.throttling import client_ip

    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5", HTTP_X_REAL_IP="203.0.113.6")
    assert client_ip(request) == "192.0.2.1"
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    assert client_ip(request) == "203.0.113.6"
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")) == "203.0.113.5"
    # A missing or malformed header falls back to the connection's address.
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="not-an-address")) == "192.0.2.1"


@pytest.mark.parametrize("value, expected", [
    (None, ""), ("", ""), ("X-Forwarded-For", "HTTP_X_FORWARDED_FOR"), ("x-real-ip", "HTTP_X_REAL_IP"),
    ("HTTP_X_REAL_IP", "HTTP_X_REAL_IP"),
])
def test_the_proxy_header_is_read_from_the_environment(monkeypatch, value, expected):
    from config.environment import env_header

    if value is None:
        monkeypatch.delenv("TRUSTED_PROXY_HEADER", raising=False)
    else:
        monkeypatch.setenv("TRUSTED_PROXY_HEADER", value)
    assert env_header("TRUSTED_PROXY_HEADER") == expected


def test_a_malformed_proxy_header_is_a_configuration_error(monkeypatch):
    from config.environment import ConfigurationError, env_header

    monkeypatch.setenv("TRUSTED_PROXY_HEADER", "X-Forwarded-For; rm -rf")
    with pytest.raises(ConfigurationError, match="TRUSTED_PROXY_HEADER"):
        env_header("TRUSTED_PROXY_HEADER")


def test_an_ipv6_client_counts_as_its_64_network(rf):
    """One subscriber holds a whole /64: addresses of it share one lock-out count."""
    from accounts.throttling import client_ip

    first = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    second = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:fffe")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert client_ip(first) == client_ip(second) == "2001:db8:1:2::"
    assert client_ip(other) != client_ip(first)
    assert client_ip(rf.get("/", REMOTE_ADDR="203.0.113.7")) == "203.0.113.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="::ffff:203.0.113.7")) == "203.0.113.7"
