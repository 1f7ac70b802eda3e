"""Root URLs: every page a person reads lives under a language prefix (/ar/..., /en/...)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.utils.functional import lazy
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from config import baseline
from history.views import HomeView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("bench/bare/", baseline.bare, name="bare"),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("history.urls")),
    path("", include("quizzes.urls")),
    path("", include("classrooms.urls")),
    path("", include("progress.urls")),
    path("", include("games.urls")),
    path("bench/baseline/", baseline.BaselineView.as_view(), name="baseline"),
    prefix_default_language=True,
)

admin.site.site_header = _("Tarikh authoring")
admin.site.site_title = _("Tarikh authoring")
admin.site.index_title = _("Topics, events, people and question banks")
handler400 = "config.errors.bad_request"
