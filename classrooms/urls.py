from django.urls import path

from classrooms import views

app_name = "classrooms"
urlpatterns = [
    # Learners
    path("classes/", views.MyClassesView.as_view(), name="mine"),
    path("classes/join/", views.JoinView.as_view(), name="join"),
    path("classes/join/<str:code>/", views.JoinView.as_view(), name="join_link"),
    # Teachers
    path("classes/teaching/", views.TeachingView.as_view(), name="teaching"),
    path("classes/<int:pk>/", views.ClassroomView.as_view(), name="detail"),
    path("classes/<int:pk>/code/", views.CodeRenewView.as_view(), name="renew_code"),
    path("classes/<int:pk>/assignments/", views.AssignmentCreateView.as_view(), name="assign"),
    path("classes/<int:pk>/members/<int:learner_pk>/remove/", views.MemberRemoveView.as_view(), name="remove_member"),
    path("classes/<int:pk>/accounts/", views.ClassAccountsView.as_view(), name="class_accounts"),
    path("classes/<int:pk>/members/<int:learner_pk>/password/", views.PasswordResetView.as_view(),
         name="reset_password"),
    path("classes/<int:pk>/members/<int:learner_pk>/accommodations/", views.AccommodationView.as_view(),
         name="accommodation"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/overrides/", views.AssignmentOverridesView.as_view(),
         name="overrides"),
    path("classes/<int:pk>/overrides/<int:override_pk>/delete/", views.OverrideDeleteView.as_view(),
         name="delete_override"),
    path("classes/<int:pk>/gradebook/", views.GradebookView.as_view(), name="gradebook"),
    path("classes/<int:pk>/gradebook.csv", views.GradebookExportView.as_view(), {"format": "csv"}, name="export_csv"),
    path("classes/<int:pk>/gradebook.xlsx", views.GradebookExportView.as_view(), {"format": "xlsx"},
         name="export_xlsx"),
    path("classes/attempts/<int:pk>/", views.AttemptReviewView.as_view(), name="attempt_review"),
    path("classes/<int:pk>/grading/", views.ClassGradingQueueView.as_view(), name="grading"),
    path("classes/<int:pk>/grading/<int:slot_pk>/", views.ClassSlotGradeView.as_view(), name="grade_slot"),
]
