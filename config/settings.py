"""Settings for Tarikh, read from the environment with safe development defaults.

Production mode is `DEBUG=false`. In that mode a missing SECRET_KEY or ALLOWED_HOSTS stops start-up
with a one-line explanation (see `config.environment`), and `manage.py check --deploy` passes.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

from config.environment import (
    channel_layers,
    database_from_url,
    env_bool,
    env_header,
    env_int,
    env_list,
    replica_database_from_url,
    require_in_production,
)
from config.release import release_version

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Mode and secrets ---------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = require_in_production(
    "SECRET_KEY", debug=DEBUG, development_default="django-insecure-tarikh-development-only"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
if not DEBUG and not ALLOWED_HOSTS:
    require_in_production("ALLOWED_HOSTS", debug=DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
# The bare page of the benchmarks (config/baseline.py) answers 404 unless the benchmark turns it on.
BENCH_BASELINE = env_bool("BENCH_BASELINE", default=False)
# Caches of rendered HTML are keyed on the release (config.release), so a deploy never serves stale pages.
RELEASE_VERSION = release_version(BASE_DIR)

# --- Applications -------------------------------------------------------------------------------
INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch admin forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    # daphne's runserver serves ASGI (pages and the live game's WebSockets) in development; whitenoise's,
    # above it, wraps it so static files still come from whitenoise. Before staticfiles, as channels asks.
    "daphne",
    "django.contrib.staticfiles",
    "csp",
    "bilingual",
    "accounts",
    "history",
    "quizzes",
    "classrooms",
    "progress",
    "games",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bilingual.middleware.DigitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bilingual.context_processors.language_switch",
            ],
        },
    },
]

# --- Storage ------------------------------------------------------------------------------------
# DATABASE_URL chooses the database; the default is an SQLite file in the project.
DATABASES = {"default": database_from_url(BASE_DIR, debug=DEBUG)}
# REPLICA_DATABASE_URL, when set, names a read replica of it: the pages below read from it (config/db_routers.py,
# a report may be a second behind); everything else, and every write, uses the primary.
REPORT_URL_NAMES = ["quizzes:statistics", "quizzes:statistics_csv", "classrooms:gradebook", "classrooms:export_csv",
                    "classrooms:export_xlsx", "games:report"]
if _replica := replica_database_from_url(debug=DEBUG):
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["config.db_routers.ReportsRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                      "config.middleware.ReportDatabaseMiddleware")
# How many HTTP requests an ASGI process (daphne: `make run`) lets into Django at once, each slot on a thread
# that keeps its connection; the rest wait their turn in order (config/request_slots.py). One on SQLite: it has
# one writer, and a second thread only made both wait for each other (its lock, the interpreter's; measured in
# bench/FINDINGS.md, "The eleventh session"), at the price that a teacher's long report holds the class's pages
# while it runs; four on PostgreSQL, as gunicorn's threads (pages in production are gunicorn's, docs/deploy.md).
ASGI_HTTP_THREADS = env_int(
    "ASGI_HTTP_THREADS", default=1 if DATABASES["default"]["ENGINE"].endswith("sqlite3") else 4, minimum=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# REDIS_URL, when set, backs the cache; otherwise a per-process memory cache.
_redis_url = env_list("REDIS_URL", default=[])
if _redis_url:
    CACHES = {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": _redis_url[0]}}  # Django's, one client kept
    # Every worker sees one cache: a signed-in request reads its session and its user from Redis, not from
    # the database (sessions are written through to the database too, so a Redis restart signs nobody out;
    # accounts.backends.CachedModelBackend caches the user and drops it on every change).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Room for the rendered questions of a few hundred learners' attempts (quizzes/fragments.py) besides
    # the timeline; the default of 300 entries would evict them while a class is still answering.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 20_000}}}

# Whether the cache is one that every worker shares (Redis), so per-request reads may come from it.
SHARED_CACHE = bool(_redis_url)

# The live game's channel layer (games/): with REDIS_URL, channels-redis, so several ASGI workers reach the
# same games; without it, each process's own memory, enough for `make run`'s single daphne process.
CHANNEL_LAYERS = channel_layers(_redis_url[0] if _redis_url else "")

# --- Accounts -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The lock-out check comes first; it lets a request through to the ModelBackend or refuses it.
# CachedModelBackend is Django's ModelBackend, reading a signed-in request's user from the cache with REDIS_URL.
# ModelBackend stays last only for sessions signed in before it came (their session names it): it never
# gets to authenticate, since CachedModelBackend answers first.
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend", "accounts.backends.CachedModelBackend",
                           "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_list("DEFAULT_FROM_EMAIL", default=["tarikh@localhost"])[0]

# --- Throttling ---------------------------------------------------------------------------------
# Log-ins: django-axes rather than django-ratelimit, because it hooks into authenticate() itself, so the
# site's log-in and the admin's (and any later one) are covered without wrapping views; it locks a
# username+address pair after failures, not a bare request rate, and keeps its counts in the database,
# so every gunicorn worker sees them and a restart forgets nothing. Five failures lock that username from
# that address for 15 minutes; a success before that forgets the failures. The lock-out page
# (accounts.throttling.lockout_response) is the same whether the account exists or not.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A try during the lock-out does not start the 15 minutes again, so the page's promise holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
# Only failures are recorded: a log of every successful log-in (address, browser) is not kept for learners.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Sign-ups and join codes: django-ratelimit's counters, in the cache (shared by the workers through
# REDIS_URL; without it each worker counts on its own). Only its functions are used, not its app: its
# system check knows no RedisCache of Django's own and would fail `check --deploy --fail-level WARNING`.
# A class of thirty may share one school address, so the per-address limits leave room for one.
RATELIMIT_IP_META_KEY = "accounts.throttling.client_ip"
SIGN_UP_RATE = "60/h"
JOIN_CODE_REFUSALS_PER_LEARNER = "10/15m"
JOIN_CODE_REFUSALS_PER_ADDRESS = "100/15m"
# A live game's PIN is six digits: refused PINs count per address, so a million cannot be tried.
GAME_PIN_REFUSALS_PER_ADDRESS = "30/15m"

# Behind a proxy, REMOTE_ADDR is the proxy's: TRUSTED_PROXY_HEADER names the header in which the proxy
# gives the client's address (its last entry is the one the proxy wrote). Unset, only REMOTE_ADDR counts,
# so no header a client sends can change who it is counted as.
TRUSTED_PROXY_HEADER = env_header("TRUSTED_PROXY_HEADER")

# --- Languages ----------------------------------------------------------------------------------
# Arabic first: it is the default language and the fallback of translated content.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ar", "en")}
# The admin's translation tabs need jQuery UI: served from our static files, never a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static files -------------------------------------------------------------------------------
# collectstatic writes the public files to STATIC_BUILD_DIR/public, which whitenoise serves whole, and the
# manifest of hashed names (staticfiles.json, a list of every file) beside it, where nobody can fetch it.
STATIC_BUILD_DIR = Path(os.environ.get("STATIC_BUILD_DIR") or BASE_DIR / "staticfiles")
STATIC_URL = "static/"
STATIC_ROOT = STATIC_BUILD_DIR / "public"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": (
        {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        if DEBUG
        else {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
            "OPTIONS": {"manifest_storage": FileSystemStorage(location=STATIC_BUILD_DIR)},
        }
    ),
}

# --- Security (production) ----------------------------------------------------------------------
# Behind a TLS proxy, the header in which it says "https" (docs/deploy.md); the proxy must overwrite it,
# since a client could send it too. Unset, a request is https only when it reached Django over TLS.
_proxy_ssl_header = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
# A classroom served over plain HTTP on its own network (`make run`, config/serve.py): no TLS certificate, so
# no redirect to https, no HSTS, and cookies that a browser sends over http. Never on a server on the internet.
PLAIN_HTTP = env_bool("PLAIN_HTTP", default=False)
if not DEBUG and not PLAIN_HTTP:
    # Stays on behind the proxy: with SECURE_PROXY_SSL_HEADER set, proxied https requests are not redirected.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Browser policies ---------------------------------------------------------------------------
# Teachers' images are data: URLs or files we serve; remote ones (which tell their host who opened a
# question, and when) are stripped by quizzes/sanitize.py and blocked here, unless this is on (https only).
ALLOW_REMOTE_IMAGES = env_bool("ALLOW_REMOTE_IMAGES", default=False)
# django-csp: our own origin only. No template holds an inline script or style (scripts are in static/js,
# bar sizes are set by static/js/sizes.js; tests/security/test_headers.py keeps it so), hence no
# 'unsafe-inline'. NONCE is added to the header only when a page uses {{ request.csp_nonce }}: an inline
# script that must stay carries nonce="{{ request.csp_nonce }}"; none does today.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *(["https:"] if ALLOW_REMOTE_IMAGES else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Devices, sensors and tracking Tarikh never uses are off for it and for anything it might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
        "interest-cohort", "local-fonts", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}

# --- Uploads ------------------------------------------------------------------------------------
# Question-bank imports larger than this are refused with a message (documented in README).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
