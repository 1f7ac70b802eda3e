from django.urls import path

from history import views

app_name = "history"
urlpatterns = [
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<slug:slug>/", views.TimelineView.as_view(), name="timeline"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
]
