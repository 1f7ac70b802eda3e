from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from bilingual.admin import ActiveLanguageColumn, BilingualAdminMixin, MissingTranslationFilter
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
    list_display = [ActiveLanguageColumn("title", _("title")), "slug", "is_published", "translation_complete"]
    list_filter = ["is_published", MissingTranslationFilter]
    search_fields = ["title_ar", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(BilingualAdminMixin, TabbedTranslationAdmin):
    list_display = [ActiveLanguageColumn("title", _("title")), "start_date", "start_precision", "topic", "is_published", "translation_complete"]
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
        (_("Dates"), {"fields": [("start_date", "start_precision"), ("end_date", "end_precision"),
                                  "other_start_years"]}),
        (_("People"), {"fields": ["participants_complete"]}),
    ]


@admin.register(Person)
class PersonAdmin(BilingualAdminMixin, TabbedTranslationAdmin):
    list_display = [ActiveLanguageColumn("name", _("name")), "birth_year", "death_year", "is_published", "translation_complete"]
    list_filter = ["is_published", MissingTranslationFilter]
    search_fields = ["name_ar", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
