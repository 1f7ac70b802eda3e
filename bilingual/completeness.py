"""Whether a translated model has both its Arabic and its English text.

django-modeltranslation stores one column per language (`title_ar`, `title_en`). A draft may lack one
language; publishing needs both. Models list the fields that must be complete in `BILINGUAL_REQUIRED`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def language_name(code: str):
    """Return the (lazy) display name of a language code, rendered in the language active when shown."""
    return dict(settings.LANGUAGES)[code]


def missing_language_q(field_names, language: str) -> Q:
    """Return a Q matching rows where any of `field_names` is empty in `language`."""
    query = Q()
    for name in field_names:
        column = f"{name}_{language}"
        query |= Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
    return query


def in_active_language(obj, field: str, *, limit: int = 80, clean=None) -> str:
    """`obj`'s `field` in the active language for lists, autocompletes and reports; when it has none, the other
    language's text marked visibly as such («… (باللغة الإنجليزية فقط)»); "" when it has neither.

    modeltranslation's own fallback (`obj.title`) would show the other language's text unmarked. `clean` turns
    stored text into plain text (a question's HTML)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]

    def text_in(code: str) -> str:
        value = getattr(obj, f"{field}_{code}", "") or ""
        return " ".join((clean(value) if clean else value).split())

    own = text_in(language)
    if own:
        return own[:limit]
    for other in LANGUAGE_CODES:
        text = text_in(other) if other != language else ""
        if text:
            # Translators: a name or text shown in the other language because it has none in this one.
            return gettext("%(text)s (only in %(language)s)") % {
                "text": text[:max(limit - 10, 10)], "language": gettext("English") if other == "en" else gettext("Arabic")}
    return ""


class BilingualQuerySet(models.QuerySet):
    def missing_language(self, language: str):
        """Rows lacking some required text in `language`."""
        return self.filter(missing_language_q(self.model.BILINGUAL_REQUIRED, language))

    def translation_complete(self):
        """Rows with every required text in both languages."""
        query = Q()
        for code in LANGUAGE_CODES:
            query |= missing_language_q(self.model.BILINGUAL_REQUIRED, code)
        return self.exclude(query)


class BilingualModel(models.Model):
    """A model whose required texts must exist in both languages before it is published."""

    BILINGUAL_REQUIRED: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def missing_translations(self) -> list[tuple[str, str]]:
        """Return (field, language) pairs whose text is empty."""
        missing = []
        for name in self.BILINGUAL_REQUIRED:
            for code in LANGUAGE_CODES:
                value = getattr(self, f"{name}_{code}", None)
                if not (value or "").strip():
                    missing.append((name, code))
        return missing

    @property
    def is_translation_complete(self) -> bool:
        return not self.missing_translations()

    def translation_errors(self) -> dict[str, list[ValidationError]]:
        """Return a ValidationError per missing text, naming the field and the language."""
        errors: dict[str, list[ValidationError]] = {}
        for name, code in self.missing_translations():
            label = self._meta.get_field(name).verbose_name
            errors.setdefault(f"{name}_{code}", []).append(
                ValidationError(
                    _("“%(field)s” in %(language)s is required before this can be published."),
                    code="missing_translation",
                    params={"field": label, "language": language_name(code)},
                )
            )
        return errors

    def clean_bilingual(self, *, publishing: bool) -> None:
        """Raise a ValidationError naming each missing text when the item is to be published.

        A draft still needs its required texts in at least one language.
        """
        if publishing:
            errors = self.translation_errors()
            if errors:
                raise ValidationError(errors)
            return
        errors = {}
        for name in self.BILINGUAL_REQUIRED:
            if not any((getattr(self, f"{name}_{code}", None) or "").strip() for code in LANGUAGE_CODES):
                label = self._meta.get_field(name).verbose_name
                errors[f"{name}_{LANGUAGE_CODES[0]}"] = ValidationError(
                    _("“%(field)s” is required in at least one language."),
                    code="required_one_language",
                    params={"field": label},
                )
        if errors:
            raise ValidationError(errors)
