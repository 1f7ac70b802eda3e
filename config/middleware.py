"""Middleware of the project as a whole (installed by config/settings.py only when it applies)."""

from django.conf import settings
from django.urls import Resolver404, resolve

from config.db_routers import reports_database


class ReportDatabaseMiddleware:
    """Answer the pages named in `settings.REPORT_URL_NAMES` inside `reports_database()`.

    Installed only with REPLICA_DATABASE_URL, after LocaleMiddleware (the language prefix must be active to
    resolve the URL) and AuthenticationMiddleware. The views stay as they are: the URL's name decides. The
    block wraps the whole response in this middleware's own call rather than being opened in process_view, so
    it is entered and left in one context under ASGI too (Django runs process_view in another thread's copy of
    it). The signed-in user (and so the session) is read first, from the primary, so the replica's lag never
    signs out a teacher who has just signed in. A report's template is rendered, and its file written, inside
    the response, so within the block.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.url_names = frozenset(settings.REPORT_URL_NAMES)

    def __call__(self, request):
        if not self.is_report(request):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 (resolves the lazy user from the primary)
        with reports_database():
            return self.get_response(request)

    def is_report(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):  # reports are read; anything else writes on the primary
            return False
        try:
            match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.view_name in self.url_names
