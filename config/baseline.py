"""The bare baseline page of the benchmarks (docs/benchmarks.md).

It goes through the whole middleware stack like every other page (sessions, auth, locale, CSRF) and
renders a trivial template with the context processors, but runs no query of ours: its throughput is
what Django itself does on this machine, the yardstick every page of Tarikh is measured against.
It is served only when the benchmark turns it on (BENCH_BASELINE=true); everywhere else it is a 404.
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.views.generic import TemplateView


class BaselineView(LoginRequiredMixin, TemplateView):
    """A signed-in page with no work of its own, so the session and the user are loaded as on the quiz pages."""

    template_name = "bench/baseline.html"

    def dispatch(self, request, *args, **kwargs):
        if not settings.BENCH_BASELINE:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def bare(request):
    """The real ceiling: Django's middleware and a response, with no session, no user and no database read.

    Beside the signed-in baseline it shows what loading the session and the user costs (issue 17, item 5).
    """
    if not settings.BENCH_BASELINE:
        raise Http404
    return HttpResponse(b"ok", content_type="text/plain")
