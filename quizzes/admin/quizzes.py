"""Quizzes in the admin: settings, questions chosen one by one and random draws; scoped to their owner."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from bilingual.admin import ActiveLanguageColumn, BilingualAdminMixin, MissingTranslationFilter
from quizzes.admin.fields import CompactInlineMixin
from quizzes.admin.scoping import OwnedByTeacherAdmin, ScopedInline
from quizzes.models import Quiz, QuizDraw, QuizQuestion


class QuizQuestionInline(CompactInlineMixin, ScopedInline):
    """Questions chosen one by one, among those the teacher may read (the list and the posted id alike)."""

    model = QuizQuestion
    extra = 0
    autocomplete_fields = ["question"]
    fields = ["position", "question", "points"]


class QuizDrawInline(CompactInlineMixin, ScopedInline):
    """Random draws from a bank the teacher may read (their own or a shared one)."""

    model = QuizDraw
    extra = 0
    fields = ["position", "bank", "count", "difficulty", "events", "tags", "points"]
    autocomplete_fields = ["events", "tags"]


# The four feedback behaviours in a teacher's words (quizzes.behaviours has the rules).
BEHAVIOUR_HELP = _(
    "Deferred feedback: an exam; answers are graded when the quiz is submitted, and nothing shows before. "
    "Immediate feedback: practice; each answer is checked when given, with one more try for fewer points. "
    "Several tries (interactive): each answer is checked; after a wrong try the learner sees the question's hint "
    "for that try and tries again, each extra try costing the question's penalty; a question has one try more "
    "than it has hints, and the right answer shows only when it is finished. "
    "Certainty-based marking: as deferred feedback, and learners say how sure they are of each answer; a right "
    "answer earns 1, 2 or 3 times its points, a wrong one 0, −2 or −6 times, so guessing with confidence costs."
)


@admin.register(Quiz)
class QuizAdmin(BilingualAdminMixin, OwnedByTeacherAdmin, TabbedTranslationAdmin):
    list_display = [ActiveLanguageColumn("title", _("title")), "topic", "is_published", "behaviour", "opens_at", "closes_at", "translation_complete",
                    "reports"]
    list_filter = ["is_published", "behaviour", "topic", MissingTranslationFilter]
    search_fields = ["title_ar", "title_en"]
    inlines = [QuizQuestionInline, QuizDrawInline]
    fieldsets = [
        (None, {"fields": ["title", "introduction", "topic", "is_published", "visibility"]}),
        (_("Timing"), {"fields": ["opens_at", "closes_at", "time_limit", "overdue_handling", "grace_period",
                                    "attempts_allowed"]}),
        (_("Grading"), {"fields": ["grading_method", "pass_mark", "behaviour"]}),
        (_("Layout"), {"fields": ["questions_per_page", "navigation", "shuffle_questions", "shuffle_choices"]}),
        (_("Review options"), {"fields": ["review_score", "review_correctness", "review_right_answers",
                                          "review_feedback"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(practice_for__isnull=True)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "behaviour":
            field.help_text = BEHAVIOUR_HELP
        return field

    @admin.display(description=_("reports"))
    def reports(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("quizzes:statistics", args=[obj.pk]), gettext("Item statistics"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner = request.user
        super().save_model(request, obj, form, change)
