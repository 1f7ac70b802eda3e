"""Throttling: the log-in lock-out's page (django-axes), rate limits on sign-ups and join codes
(django-ratelimit's counters, in the cache), and the client address that both count by.

The address is REMOTE_ADDR, or behind a proxy the header that settings.TRUSTED_PROXY_HEADER names; never a
header the client chooses, so nobody escapes a limit by sending X-Forwarded-For.
"""

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext, ngettext
from django_ratelimit.core import get_usage

TOO_MANY_REQUESTS = 429
# With no usable address (a Unix socket without the proxy's header) everyone shares one count.
UNKNOWN_ADDRESS = "0.0.0.0"


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _counted(address: str) -> str:
    """An IPv6 address counts as its /64 network: one subscriber holds a whole /64, and counting each address
    of it apart would give an attacker 2**64 lock-out buckets per username (axes does not mask)."""
    ip = ipaddress.ip_address(address)
    if ip.version == 4:
        return address
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)


def client_ip(request) -> str:
    """Return the address of the client that sent `request` (an IPv6 client: its /64 network)."""
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        # A proxy appends the address it saw to X-Forwarded-For; anything before it came from the client.
        candidate = request.META.get(header, "").rsplit(",", 1)[-1].strip()
        if _is_address(candidate):
            return _counted(candidate)
    remote = request.META.get("REMOTE_ADDR", "")
    return _counted(remote) if _is_address(remote) else UNKNOWN_ADDRESS


# --- log-in lock-out -----------------------------------------------------------------------------
def lockout_response(request, original_response, credentials):
    """The page a locked-out log-in gets (AXES_LOCKOUT_CALLABLE), the site's and the admin's alike.

    It names no username and reads the same whether the account exists or not.
    """
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = seconds // 60
    message = ngettext(
        "Too many failed log-in attempts. Please wait %(minutes)s minute, then try again.",
        "Too many failed log-in attempts. Please wait %(minutes)s minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}
    response = render(request, "accounts/too_many_attempts.html", {"message": message, "log_in": True},
                      status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(seconds)
    return response


# --- rate limits ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RateLimit:
    """A counter of one kind of attempt, per client address ("ip") or per account ("user")."""

    group: str
    key: str
    setting: str  # the name of the setting that holds the rate, e.g. "10/15m"

    def _usage(self, request, *, count: bool) -> dict | None:
        return get_usage(request, group=self.group, key=self.key, rate=getattr(settings, self.setting),
                         increment=count)

    def is_reached(self, request) -> bool:
        """Whether the next attempt would go over the limit (counts nothing)."""
        usage = self._usage(request, count=False)
        return usage is not None and usage["count"] >= usage["limit"]

    def count(self, request) -> bool:
        """Count one attempt; return whether it went over the limit."""
        usage = self._usage(request, count=True)
        return usage is not None and usage["should_limit"]


SIGN_UP = (RateLimit("sign-up", "ip", "SIGN_UP_RATE"),)
# Only refused codes count: a class joining with the right code is never slowed down.
JOIN_CODE_REFUSALS = (
    RateLimit("join-code-refusals-learner", "user", "JOIN_CODE_REFUSALS_PER_LEARNER"),
    RateLimit("join-code-refusals-address", "ip", "JOIN_CODE_REFUSALS_PER_ADDRESS"),
)


def limit_reached(request, limits) -> bool:
    return any(limit.is_reached(request) for limit in limits)


def limit_count(request, limits) -> bool:
    """Count one attempt against each limit; return whether any went over."""
    return any([limit.count(request) for limit in limits])


def too_many_attempts() -> str:
    return gettext("Too many attempts. Please wait a few minutes, then try again.")
