"""The live game's WebSocket addresses (config/asgi.py routes /ws/ here), language first as in the pages."""

from django.urls import path

from games import consumers

websocket_urlpatterns = [
    path("ws/<str:lang>/play/<str:pin>/", consumers.PlayerConsumer.as_asgi()),
    path("ws/<str:lang>/host/<int:pk>/", consumers.HostConsumer.as_asgi()),
]
