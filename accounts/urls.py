from django.urls import include, path

from accounts.views import SettingsView, SignUpView

urlpatterns = [
    path("signup/", SignUpView.as_view(), name="signup"),
    path("settings/", SettingsView.as_view(), name="account_settings"),
    path("", include("django.contrib.auth.urls")),
]
