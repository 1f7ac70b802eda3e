"""Join codes and sign-ups are rate-limited (django-ratelimit, counted in the cache): refused join codes per
learner and per address, sign-ups per address. Past the limit the answer is 429 with a message."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings

pytestmark = pytest.mark.django_db


def main_text(response) -> str:
    """The text a person reads in the page's <main>, without markup or runs of spaces."""
    html = response.content.decode()
    match = re.search(r"<main\b[^>]*>(.*)</main>", html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1) if match else html).split())


@pytest.fixture(autouse=True)
def _still_clock():
    """The counters live in fixed windows; a stopped clock keeps a test from straddling two of them."""
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield

JOIN = "/en/classes/join/"
SIGN_UP = "/en/accounts/signup/"
TOO_MANY = "Too many attempts. Please wait a few minutes, then try again."


def guess(n: int) -> str:
    """The n-th six-character code of the join-code alphabet: what someone guessing would type."""
    from classrooms.models import JOIN_CODE_ALPHABET as A

    return "".join(A[(n // len(A) ** i) % len(A)] for i in range(6))


def limit(setting: str) -> int:
    return int(getattr(settings, setting).split("/")[0])


@pytest.fixture
def classroom(make):
    from classrooms import services

    return services.classroom_create(teacher=make.teacher(), name="Class 9B")


def test_guessing_join_codes_is_refused_after_the_limit(client, make, classroom):
    client.force_login(make.learner())
    allowed = limit("JOIN_CODE_REFUSALS_PER_LEARNER")
    statuses = [client.post(JOIN, {"code": guess(n)}).status_code for n in range(100)]
    assert statuses[:allowed] == [400] * allowed
    assert set(statuses[allowed:]) == {429}
    # Once limited, even the right code waits: a guess that hits is not told apart from a miss.
    response = client.post(JOIN, {"code": classroom.join_code})
    assert response.status_code == 429 and TOO_MANY in main_text(response)
    assert not classroom.memberships.exists()


def test_the_join_link_counts_as_a_guess_too(client, make, classroom):
    client.force_login(make.learner())
    allowed = limit("JOIN_CODE_REFUSALS_PER_LEARNER")
    statuses = [client.get(f"{JOIN}{guess(n)}/").status_code for n in range(allowed + 5)]
    assert statuses[:allowed] == [404] * allowed and set(statuses[allowed:]) == {429}
    assert client.get(f"{JOIN}{classroom.join_code}/").status_code == 429


def test_right_codes_do_not_count(client, make, classroom):
    learner = make.learner()
    client.force_login(learner)
    for _ in range(limit("JOIN_CODE_REFUSALS_PER_LEARNER") * 2):
        assert client.post(JOIN, {"code": classroom.join_code}).status_code == 302


def test_new_accounts_do_not_reset_the_count_of_one_address(client, make):
    allowed = limit("JOIN_CODE_REFUSALS_PER_ADDRESS")
    statuses = []
    for account in range(allowed // limit("JOIN_CODE_REFUSALS_PER_LEARNER") + 2):
        client.force_login(make.learner())
        statuses += [client.post(JOIN, {"code": guess(n)}).status_code
                     for n in range(limit("JOIN_CODE_REFUSALS_PER_LEARNER"))]
    assert statuses.count(400) == allowed and statuses[-1] == 429


def test_the_join_limit_speaks_arabic(client, make):
    client.force_login(make.learner())
    for n in range(limit("JOIN_CODE_REFUSALS_PER_LEARNER") + 1):
        response = client.post("/ar/classes/join/", {"code": guess(n)})
    assert response.status_code == 429
    assert "محاولات كثيرة جدًّا. انتظر بضع دقائق، ثم حاول مرة أخرى." in main_text(response)


def test_join_codes_count_by_the_trusted_header_behind_a_proxy(client, make, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    settings.JOIN_CODE_REFUSALS_PER_LEARNER = "1000/15m"
    client.force_login(make.learner())
    allowed = limit("JOIN_CODE_REFUSALS_PER_ADDRESS")
    for n in range(allowed):
        client.post(JOIN, {"code": guess(n)}, HTTP_X_REAL_IP="192.0.2.10")
    assert client.post(JOIN, {"code": guess(9999)}, HTTP_X_REAL_IP="192.0.2.10").status_code == 429
    assert client.post(JOIN, {"code": guess(9999)}, HTTP_X_REAL_IP="192.0.2.11").status_code == 400


def sign_up(client, n, **extra):
    return client.post(SIGN_UP, {"username": f"new-{n}", "email": f"new-{n}@example.com",
                                 "password1": "Tarikh-pass-2026", "password2": "Tarikh-pass-2026"}, **extra)


def test_sign_ups_from_one_address_are_limited(client):
    from django.contrib.auth import get_user_model

    allowed = limit("SIGN_UP_RATE")
    statuses = []
    for n in range(allowed + 3):
        statuses.append(sign_up(client, n).status_code)
        client.logout()
    assert statuses[:allowed] == [302] * allowed and set(statuses[allowed:]) == {429}
    assert get_user_model().objects.count() == allowed
    response = sign_up(client, "late")
    assert TOO_MANY in main_text(response)
    # The form keeps what was typed, but is not validated (a taken username is not revealed).
    assert 'value="new-late"' in response.content.decode()
    assert sign_up(client, "elsewhere", REMOTE_ADDR="198.51.100.9").status_code == 302


def test_a_spoofed_forwarded_for_does_not_escape_the_sign_up_limit(client):
    for n in range(limit("SIGN_UP_RATE")):
        sign_up(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        client.logout()
    assert sign_up(client, "late", HTTP_X_FORWARDED_FOR="203.0.113.250").status_code == 429
