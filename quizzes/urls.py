from django.urls import path

from quizzes import grading, reports, views

app_name = "quizzes"
urlpatterns = [
    path("quizzes/", views.QuizListView.as_view(), name="list"),
    path("quizzes/<int:pk>/", views.QuizDetailView.as_view(), name="quiz"),
    path("topics/<slug:slug>/practice/", views.PracticeStartView.as_view(), name="practice"),
    path("attempts/<int:pk>/", views.AttemptView.as_view(), name="attempt"),
    path("attempts/<int:pk>/questions/<int:position>/", views.AnswerView.as_view(), name="answer"),
    path("attempts/<int:pk>/questions/<int:position>/<str:language>/", views.SlotLanguageView.as_view(),
         name="slot_language"),
    path("attempts/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("attempts/<int:pk>/review/", views.ReviewView.as_view(), name="review"),
]

# Teacher reports (quizzes/reports.py).
urlpatterns += [
    path("quizzes/<int:pk>/statistics/", reports.ItemStatisticsView.as_view(), name="statistics"),
    path("quizzes/<int:pk>/statistics.csv", reports.ItemStatisticsCSVView.as_view(), name="statistics_csv"),
]

# Grading essays (quizzes/grading.py).
urlpatterns += [
    path("quizzes/<int:pk>/grading/", grading.GradingQueueView.as_view(), name="grading"),
    path("quizzes/<int:pk>/grading/<int:slot_pk>/", grading.SlotGradeView.as_view(), name="grade_slot"),
]
