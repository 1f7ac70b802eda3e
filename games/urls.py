from django.urls import path

from games import views

app_name = "games"

urlpatterns = [
    path("games/", views.GameListView.as_view(), name="list"),
    path("games/host/<int:pk>/", views.HostSetupView.as_view(), name="host_setup"),
    path("games/<int:pk>/", views.HostView.as_view(), name="host"),
    path("games/<int:pk>/command/", views.HostCommandView.as_view(), name="command"),
    path("games/<int:pk>/report.<str:fmt>", views.ReportView.as_view(), name="report"),
    path("games/<int:pk>/qr.svg", views.QRCodeView.as_view(), name="qr"),
    path("play/", views.JoinView.as_view(), name="join"),
    path("play/<str:pin>/", views.PlayView.as_view(), name="play"),
    path("play/<str:pin>/answer/", views.AnswerView.as_view(), name="answer"),
]
