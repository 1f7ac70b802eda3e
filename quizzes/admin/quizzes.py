"""Quizzes in the admin: settings, questions chosen one by one and random draws; scoped to their owner."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from bilingual.admin import BilingualAdminMixin, MissingTranslationFilter
from quizzes.admin.scoping import OwnedByTeacherAdmin, ScopedInline
from quizzes.models import Quiz, QuizDraw, QuizQuestion


class QuizQuestionInline(ScopedInline):
    """Questions chosen one by one, among those the teacher may read (the list and the posted id alike)."""

    model = QuizQuestion
    extra = 0
    autocomplete_fields = ["question"]
    fields = ["position", "question", "points"]


class QuizDrawInline(ScopedInline):
    """Random draws from a bank the teacher may read (their own or a shared one)."""

    model = QuizDraw
    extra = 0
    fields = ["position", "bank", "count", "difficulty", "events", "tags", "points"]
    autocomplete_fields = ["events", "tags"]


@admin.register(Quiz)
class QuizAdmin(BilingualAdminMixin, OwnedByTeacherAdmin, TabbedTranslationAdmin):
    list_display = ["title", "topic", "is_published", "behaviour", "opens_at", "closes_at", "translation_complete",
                    "reports"]
    list_filter = ["is_published", "behaviour", "topic", MissingTranslationFilter]
    search_fields = ["title_ar", "title_en"]
    inlines = [QuizQuestionInline, QuizDrawInline]
    fieldsets = [
        (None, {"fields": ["title", "introduction", "topic", "is_published", "visibility"]}),
        (_("Timing"), {"fields": ["opens_at", "closes_at", "time_limit", "attempts_allowed"]}),
        (_("Grading"), {"fields": ["grading_method", "pass_mark", "behaviour"]}),
        (_("Layout"), {"fields": ["questions_per_page", "navigation", "shuffle_questions", "shuffle_choices"]}),
        (_("Review options"), {"fields": ["review_score", "review_correctness", "review_right_answers",
                                          "review_feedback"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(practice_for__isnull=True)

    @admin.display(description=_("reports"))
    def reports(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("quizzes:statistics", args=[obj.pk]), gettext("Item statistics"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner = request.user
        super().save_model(request, obj, form, change)
