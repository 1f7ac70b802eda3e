"""ASGI entry point: pages (Django) and the live game's WebSockets (games.routing), in one application.

`make run` serves it with daphne (config/serve.py); production runs several daphne workers with REDIS_URL
(docs/deploy.md). WebSockets are accepted only from the site's own hosts (ALLOWED_HOSTS, checked on the
Origin header), and carry the signed-in user from the session cookie like any page.
"""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django is set up before anything imports models (the consumers do).
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from config.request_slots import RequestSlots  # noqa: E402
from games.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter({
    # A few pages at a time, each slot on a thread that lives on, the rest queued in order
    # (config/request_slots.py; ASGI_HTTP_THREADS).
    "http": RequestSlots(django_application, settings.ASGI_HTTP_THREADS, bypass=(settings.STATIC_URL,)),
    "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
})
