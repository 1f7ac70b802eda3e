"""Admin pieces shared by every bilingual model: a completeness column and missing-language filters."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import get_language, gettext, gettext_lazy as _

from bilingual.completeness import LANGUAGE_CODES, in_active_language


class ActiveLanguageColumn:
    """A change-list column of a translated field in the active language, falling back visibly to the other
    («… (باللغة الإنجليزية فقط)»), sorted by the active language's column (modeltranslation's own `title` column
    would show the other language's text unmarked). Use it in `list_display`: ActiveLanguageColumn("title", _("title"))."""

    def __init__(self, field: str, description) -> None:
        self.field = field
        self.short_description = description
        self.__name__ = f"{field}_in_active_language"

    @property
    def admin_order_field(self) -> str:
        return f"{self.field}_{(get_language() or settings.LANGUAGE_CODE)[:2]}"

    def __call__(self, obj) -> str:
        return in_active_language(obj, self.field) or "—"


class MissingTranslationFilter(admin.SimpleListFilter):
    """Filter rows by the language in which some required text is missing."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        names = dict(settings.LANGUAGES)
        choices = [("complete", _("complete in both languages"))]
        choices += [(code, _("missing %(language)s") % {"language": gettext(names[code])}) for code in LANGUAGE_CODES]
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == "complete":
            return queryset.translation_complete()
        if value in LANGUAGE_CODES:
            return queryset.missing_language(value)
        return queryset


class BilingualAdminMixin:
    """Add the “translation complete” column; the Arabic fields' direction comes from admin CSS."""

    @admin.display(boolean=True, description=_("translation complete"))
    def translation_complete(self, obj) -> bool:
        return obj.is_translation_complete

    # css/admin.css and js/admin_tabs.js are on every admin page (templates/admin/base_site.html), not in a Media.
