"""The log-in lock-out of django-axes, as an authentication backend."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuse a log-in while its username and address are locked out (settings: AXES_*).

    A call without a request (the test client's login(), a shell) comes from no one who could guess
    passwords over the web; it is let through to the next backend instead of raising, as axes would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
