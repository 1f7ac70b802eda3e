from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _, ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from bilingual.admin import BilingualAdminMixin, MissingTranslationFilter
from history.models import Event, Participation, Person, Topic


class ParticipationInline(TranslationTabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["person"]


class EventInline(admin.TabularInline):
    model = Event
    fields = ["title", "start_date", "start_precision", "is_published"]
    show_change_link = True
    extra = 0
    fk_name = "topic"
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(BilingualAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "slug", "is_published", "translation_complete"]
    list_filter = ["is_published", MissingTranslationFilter]
    search_fields = ["title_ar", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [EventInline]
    actions = ["generate_questions"]

    @admin.action(description=_("Generate questions from the events of the selected topic"))
    def generate_questions(self, request, queryset):
        """Ask for the bank and the seed, then save generated questions as drafts to review."""
        from quizzes.forms import GenerateQuestionsForm
        from quizzes.services.generation import questions_generate

        if "apply" in request.POST:
            form = GenerateQuestionsForm(request.POST, user=request.user)
            if form.is_valid():
                bank = form.target_bank()
                created = []
                for topic in queryset:
                    created += questions_generate(topic=topic, bank=bank, user=request.user,
                                                  seed=form.cleaned_data["seed"])
                self.message_user(
                    request,
                    ngettext("%(count)d question generated as a draft in “%(bank)s”; review and publish it.",
                             "%(count)d questions generated as drafts in “%(bank)s”; review and publish them.",
                             len(created)) % {"count": len(created), "bank": bank},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:quizzes_question_changelist") + f"?bank={bank.pk}")
        else:
            form = GenerateQuestionsForm(user=request.user)
        return TemplateResponse(request, "admin/history/topic/generate_questions.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "topics": queryset, "form": form,
            "title": gettext("Generate questions"), "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


@admin.register(Event)
class EventAdmin(BilingualAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "start_date", "start_precision", "topic", "is_published", "translation_complete"]
    list_filter = ["topic", "is_published", "start_precision", MissingTranslationFilter]
    search_fields = ["title_ar", "title_en", "summary_ar", "summary_en", "slug"]
    list_select_related = ["topic"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [ParticipationInline]
    fieldsets = [
        (None, {"fields": ["topic", "parent", "slug", "is_published"]}),
        (_("Text"), {"fields": ["title", "summary", "description", "place"]}),
        (_("Dates"), {"fields": [("start_date", "start_precision"), ("end_date", "end_precision")]}),
    ]


@admin.register(Person)
class PersonAdmin(BilingualAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "birth_year", "death_year", "is_published", "translation_complete"]
    list_filter = ["is_published", MissingTranslationFilter]
    search_fields = ["name_ar", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
