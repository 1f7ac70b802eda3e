from django.urls import path

from progress import views

app_name = "progress"
urlpatterns = [
    path("progress/", views.DashboardView.as_view(), name="dashboard"),
    path("progress/practise/", views.PractiseWeakEventsView.as_view(), name="practise"),
    path("progress/review/", views.ReviewStartView.as_view(), name="review"),
]
