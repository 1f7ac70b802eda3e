"""Question authoring: Arabic and English in tabs, the answer rows the type needs, validation by the type."""

from decimal import Decimal
from fractions import Fraction

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy as _, ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from bilingual.admin import BilingualAdminMixin, MissingTranslationFilter
from bilingual.folding import normalise, spelling_variants
from quizzes import definitions as defs
from quizzes.admin.fields import CompactInlineMixin
from quizzes.admin.scoping import OwnedByTeacherAdmin, ScopedRelationsMixin
from quizzes.models import (
    AcceptedAnswer,
    Choice,
    GapChoice,
    MatchingPair,
    NumericalAnswer,
    OrderingItem,
    Question,
    QuestionBank,
    QuestionHint,
    QuestionStatus,
    QuestionVersion,
)
from quizzes.rendering import render_preview
from quizzes.question_types import registry
from quizzes.question_types.base import hint_translation_errors
from quizzes.services import question_duplicate
from quizzes.sanitize import clean_html


def _text(form, field: str) -> defs.Text:
    return {code: form.cleaned_data.get(f"{field}_{code}") or "" for code in defs.LANGUAGES}


def _fraction(value) -> Fraction:
    return Fraction(Decimal(value if value is not None else 0))


ROW_BUILDERS = {
    "choices": lambda f: defs.ChoiceDef(
        text=_text(f, "text"), fraction=_fraction(f.cleaned_data.get("fraction")), feedback=_text(f, "feedback")
    ),
    "accepted_answers": lambda f: defs.AcceptedAnswerDef(
        text=_text(f, "text"), fraction=_fraction(f.cleaned_data.get("fraction"))
    ),
    "numerical_answers": lambda f: defs.NumericalAnswerDef(
        value=f.cleaned_data.get("value") or Decimal(0),
        tolerance=f.cleaned_data.get("tolerance") or Decimal(0),
        fraction=_fraction(f.cleaned_data.get("fraction")),
    ),
    "pairs": lambda f: defs.MatchingPairDef(prompt=_text(f, "prompt"), answer=_text(f, "answer")),
    "items": lambda f: defs.OrderingItemDef(text=_text(f, "text")),
    "gap_choices": lambda f: defs.GapChoiceDef(
        text=_text(f, "text"), group=f.cleaned_data.get("group") or 1, unlimited=bool(f.cleaned_data.get("unlimited"))
    ),
}


class AnswerFormSet(BaseInlineFormSet):
    """Validate the answer rows with the question's type, in the author's language."""

    def clean(self):
        super().clean()
        question = self.instance
        if any(self.errors) or not question.qtype:
            return
        qtype = registry.get(question.qtype)
        kind = self.fk.remote_field.related_name or self.model._meta.default_related_name
        if qtype.answer_rows != kind:
            return
        # Unchanged extra rows have empty cleaned_data; rows marked for deletion do not count.
        forms = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        forms.sort(key=lambda form: form.cleaned_data.get("position") or 0)
        definition = defs.QuestionDef(qtype=question.qtype, text={}, options=question.options or {})
        setattr(definition, kind, [ROW_BUILDERS[kind](form) for form in forms])
        definition = self.question_definition(definition)
        errors = qtype.validate(definition)
        if question.status == QuestionStatus.PUBLISHED:
            errors += qtype.translation_errors(definition)
        if errors:
            raise ValidationError(errors)

    def question_definition(self, definition: defs.QuestionDef) -> defs.QuestionDef:
        """The definition the rows are validated in (a formset whose type needs more of the question adds it)."""
        return definition


class AnswerInline(CompactInlineMixin, ScopedRelationsMixin, TranslationTabularInline):
    formset = AnswerFormSet
    extra = 0
    min_num = 0

    def _parent_editable(self, request, obj) -> bool:
        return obj is None or Question.objects.editable_by(request.user).filter(pk=obj.pk).exists()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)


class ChoiceInline(AnswerInline):
    model = Choice
    fields = ["position", "text", "fraction", "feedback"]
    extra = 2


class AcceptedAnswerInline(AnswerInline):
    model = AcceptedAnswer
    fields = ["position", "text", "fraction", "feedback", "spelling_suggestions"]
    readonly_fields = ["spelling_suggestions"]
    extra = 1

    @admin.display(description=_("Other usual Arabic spellings"))
    def spelling_suggestions(self, obj) -> str:
        """The usual Arabic spellings of a foreign name (ج/غ, س/ز/ث, long vowels) that the question does not
        accept yet, for the author to add as accepted answers or not."""
        if obj is None or not obj.pk or not obj.text_ar:
            return ""
        accepted = {normalise(text) for a in obj.question.accepted_answers.all()
                    for text in (a.text_ar, a.text_en) if text}
        variants = [v for v in spelling_variants(obj.text_ar) if normalise(v) not in accepted]
        return format_html_join("، ", '<bdi lang="ar">{}</bdi>', ((v,) for v in variants))


class NumericalAnswerInline(AnswerInline):
    model = NumericalAnswer
    fields = ["position", "value", "tolerance", "fraction", "feedback"]
    extra = 1


class MatchingPairInline(AnswerInline):
    model = MatchingPair
    fields = ["position", "prompt", "answer"]
    extra = 3


class OrderingItemInline(AnswerInline):
    model = OrderingItem
    fields = ["position", "text"]
    extra = 3


class GapChoiceFormSet(AnswerFormSet):
    """The choices are checked against the question text's [[n]] markers, so the definition carries the text."""

    def question_definition(self, definition: defs.QuestionDef) -> defs.QuestionDef:
        definition.text = {code: getattr(self.instance, f"text_{code}", "") or "" for code in defs.LANGUAGES}
        return definition


class GapChoiceInline(AnswerInline):
    model = GapChoice
    formset = GapChoiceFormSet
    fields = ["position", "text", "group", "unlimited"]
    extra = 3

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for code in defs.LANGUAGES:
            field = formset.form.base_fields.get(f"text_{code}")
            if field is not None:
                field.help_text = _("[[1]] in the question text is the place of the first choice (in order of "
                                    "position), [[2]] of the second, and so on; each gap offers the choices of its "
                                    "group. Unlimited: the word may fill several gaps (drag and drop).")
        return formset


def _penalty_or_default(form):
    value = form.cleaned_data.get("penalty")
    return Question._meta.get_field("penalty").default if value is None else value


class QuestionHintForm(forms.ModelForm):
    """A hint's texts are HTML, sanitised as the question text is."""

    def clean(self):
        cleaned = super().clean()
        for code in defs.LANGUAGES:
            if cleaned.get(f"text_{code}"):
                cleaned[f"text_{code}"] = clean_html(cleaned[f"text_{code}"])
        return cleaned


class QuestionHintFormSet(BaseInlineFormSet):
    """A published question's hints need both languages, as its answers do.

    A post without the hints' management form (a page or script from before hints existed) reads as no hints
    rather than failing the whole question with "ManagementForm data is missing"."""

    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, **kwargs)

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.status != QuestionStatus.PUBLISHED:
            return
        forms = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        forms.sort(key=lambda form: form.cleaned_data.get("position") or 0)
        errors = hint_translation_errors([_text(form, "text") for form in forms])
        if errors:
            raise ValidationError(errors)


class QuestionHintInline(AnswerInline):
    """The hints shown after each wrong try in a quiz with several tries (the first after the first wrong try);
    a question has one try more than it has hints. Both languages are checked before publishing."""

    model = QuestionHint
    form = QuestionHintForm
    formset = QuestionHintFormSet
    fields = ["position", "text"]
    extra = 1
    textarea_rows, textarea_cols = 4, 60
    verbose_name_plural = _("hints (quizzes with several tries: one try more than hints)")


# The inline of each shared answer-row shape (`QuestionType.answer_rows`).
INLINES_BY_KIND = {
    "choices": ChoiceInline,
    "accepted_answers": AcceptedAnswerInline,
    "numerical_answers": NumericalAnswerInline,
    "pairs": MatchingPairInline,
    "items": OrderingItemInline,
    "gap_choices": GapChoiceInline,
}


class TypeOptionsForm(forms.ModelForm):
    """The question form with the type's own settings (`QuestionType.option_fields`), stored in `options`.

    The admin adds the fields of the question's type to this form (`QuestionAdmin.get_form`); `clean` puts
    their values into `instance.options` before the answer rows are validated, and validates a type that
    has no answer rows here, with the type's own rules, in the author's language. A type that reads data out
    of the question text (`text_from_authoring`: cloze gaps) gets the texts as written here, and the form shows
    the texts it writes back (`text_for_authoring`).
    """

    qtype_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.option_names():
            if name in (self.instance.options or {}):
                self.initial.setdefault(name, self.instance.options[name])
        qtype = self.question_type()
        if qtype is not None and self.instance.pk:
            stored = {code: self.initial.get(f"text_{code}") or "" for code in defs.LANGUAGES}
            for code, text in qtype.text_for_authoring(stored, self.instance.options or {}).items():
                if f"text_{code}" in self.fields:
                    self.initial[f"text_{code}"] = text

    def question_type(self):
        try:
            return registry.get(self.qtype_name or self.instance.qtype or self.data.get("qtype", ""))
        except LookupError:
            return None

    def option_names(self) -> list[str]:
        qtype = self.question_type()
        return list(qtype.option_fields()) if qtype else []

    def clean(self):
        cleaned = super().clean()
        qtype = self.question_type()
        if qtype is None:
            return cleaned
        options = dict(self.instance.options or {})
        for name in self.option_names():
            if name in cleaned:
                options[name] = cleaned[name]
        texts = {code: cleaned.get(f"text_{code}") or "" for code in defs.LANGUAGES}
        if not self.errors:
            texts, options = qtype.text_from_authoring(texts, options)  # ValidationError: shown on the form
            cleaned.update({f"text_{code}": text for code, text in texts.items() if f"text_{code}" in cleaned})
        self.instance.options = options
        if qtype.answer_rows is None and not self.errors:
            definition = defs.QuestionDef(qtype=qtype.name, text=texts, options=options)
            errors = qtype.validate(definition)
            if cleaned.get("status") == QuestionStatus.PUBLISHED:
                errors += qtype.translation_errors(definition)
            if errors:
                raise ValidationError(errors)
        return cleaned


class QuestionTypeFilter(admin.SimpleListFilter):
    title = _("type")
    parameter_name = "qtype"

    def lookups(self, request, model_admin):
        return [(qtype.name, qtype.label) for qtype in registry.all()]

    def queryset(self, request, queryset):
        return queryset.filter(qtype=self.value()) if self.value() else queryset


class VisibleBankFilter(admin.SimpleListFilter):
    title = _("bank")
    parameter_name = "bank"

    def lookups(self, request, model_admin):
        return [(bank.pk, str(bank)) for bank in QuestionBank.objects.visible_to(request.user)]

    def queryset(self, request, queryset):
        return queryset.filter(bank_id=self.value()) if self.value() else queryset


@admin.register(Question)
class QuestionAdmin(BilingualAdminMixin, OwnedByTeacherAdmin, TabbedTranslationAdmin):
    list_display = ["short_text", "qtype_label", "bank", "status", "difficulty", "translation_complete", "preview_link"]
    list_filter = [QuestionTypeFilter, VisibleBankFilter, "events", "status", "difficulty", MissingTranslationFilter]
    search_fields = ["name", "text_ar", "text_en"]
    list_select_related = ["bank"]
    autocomplete_fields = ["events"]
    filter_horizontal = ["tags"]
    actions = ["duplicate_questions", "publish_questions", "unpublish_questions"]
    fieldsets = [
        (None, {"fields": ["bank", "qtype", "name", "status", "difficulty", "default_points"]}),
        (_("Text"), {"fields": ["text", "general_feedback", "explanation"]}),
        (_("Links"), {"fields": ["events", "tags"]}),
    ]

    # --- scoping and forms ---------------------------------------------------------------------
    def get_queryset(self, request):
        return super().get_queryset(request).with_translation_status()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bank":
            kwargs["queryset"] = QuestionBank.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["qtype", "versions_used"] if obj else []

    def _question_type(self, request, obj=None):
        name = obj.qtype if obj else (request.POST.get("qtype") or request.GET.get("qtype"))
        try:
            return registry.get(name)
        except LookupError:
            return None

    def get_form(self, request, obj=None, change=False, **kwargs):
        qtype = self._question_type(request, obj)
        fields = qtype.option_fields() if qtype else {}
        base = type("QuestionForm", (TypeOptionsForm,), {**fields, "qtype_name": qtype.name if qtype else ""})
        kwargs["form"] = base
        form = super().get_form(request, obj, change=change, **kwargs)
        if "penalty" in form.base_fields:  # left out or empty, the penalty is the default (a third)
            form.base_fields["penalty"].required = False
            form.clean_penalty = _penalty_or_default
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        qtype = self._question_type(request, obj)
        if qtype and qtype.option_fields():
            fieldsets.insert(1, (qtype.label, {"fields": list(qtype.option_fields())}))
        if qtype is None or qtype.grades_automatically:  # tries and their penalty: only what is checked
            fieldsets.append((_("Several tries"), {"fields": ["penalty"]}))
        if obj is not None:
            fieldsets.append((_("Versions"), {"fields": ["versions_used"]}))
        return fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("qtype", request.GET.get("qtype", ""))
        return initial

    def get_inline_instances(self, request, obj=None):
        qtype = self._question_type(request, obj)
        if qtype is None:
            return []
        inlines = [INLINES_BY_KIND[qtype.answer_rows](self.model, self.admin_site)] if qtype.answer_rows else []
        if qtype.grades_automatically:  # an essay or a description is never tried again: no hints
            inlines.append(QuestionHintInline(self.model, self.admin_site))
        return inlines

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "GET" and request.GET.get("qtype") not in registry.names():
            return TemplateResponse(
                request,
                "admin/quizzes/question/choose_type.html",
                {**self.admin_site.each_context(request), "opts": self.model._meta, "types": registry.all(),
                 "title": gettext("Choose the type of the new question"), "query": request.GET.urlencode()},
            )
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        for code in defs.LANGUAGES:
            for field in ("text", "general_feedback", "explanation"):
                setattr(obj, f"{field}_{code}", clean_html(getattr(obj, f"{field}_{code}") or ""))
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "quizquestion":  # a quiz offers only published questions
            queryset = queryset.published()
        return queryset, duplicates

    # --- columns -------------------------------------------------------------------------------
    @admin.display(description=_("question"), ordering="text_ar")
    def short_text(self, obj):
        return str(obj)

    @admin.display(description=_("type"), ordering="qtype")
    def qtype_label(self, obj):
        return obj.question_type.label

    @admin.display(description=_("versions asked"))
    def versions_used(self, obj):
        versions = QuestionVersion.objects.usage(obj)
        return render_to_string("admin/quizzes/question/_versions.html", {
            "versions": versions, "edited": bool(versions) and not versions[0].is_current()})

    @admin.display(boolean=True, description=_("translation complete"))
    def translation_complete(self, obj):
        return getattr(obj, "translation_done", obj.is_translation_complete)

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:quizzes_question_preview", args=[obj.pk]),
                           gettext("Preview"))

    # --- preview -------------------------------------------------------------------------------
    def get_urls(self):
        return [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="quizzes_question_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        question = get_object_or_404(self.get_queryset(request).with_answers(), pk=pk)
        if not self.has_view_permission(request, question):  # the preview shows the key
            raise PermissionDenied
        definition = question.definition()
        guess = question.question_type.random_guess_score(definition)
        views = [
            (code, name, render_preview(definition, language=code, heading=name))
            for code, name in (("ar", gettext("Arabic")), ("en", gettext("English")))
        ]
        return TemplateResponse(
            request,
            "admin/quizzes/question/preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": question,
                "title": gettext("Preview: %(question)s") % {"question": question},
                "views": views,
                "problems": question.validation_errors(),
                "guess_percent": None if guess is None else round(float(guess) * 100),
            },
        )

    # --- actions -------------------------------------------------------------------------------
    @admin.action(description=_("Duplicate the selected questions"))
    def duplicate_questions(self, request, queryset):
        banks = QuestionBank.objects.editable_by(request.user)
        count = 0
        for question in queryset:
            target = question.bank if banks.filter(pk=question.bank_id).exists() else None
            if target is None:
                self.message_user(
                    request, gettext("“%(question)s” is in a bank you cannot change; copy the bank instead.")
                    % {"question": question}, messages.WARNING,
                )
                continue
            question_duplicate(question=question, user=request.user)
            count += 1
        if count:
            self.message_user(
                request,
                ngettext("%(count)d question duplicated as a draft.", "%(count)d questions duplicated as drafts.", count)
                % {"count": count},
                messages.SUCCESS,
            )

    @admin.action(description=_("Publish the selected questions"))
    def publish_questions(self, request, queryset):
        published = 0
        for question in queryset.editable_by(request.user).with_answers():
            question.status = QuestionStatus.PUBLISHED
            problems = question.validation_errors()
            if problems:
                self.message_user(
                    request,
                    gettext("“%(question)s” was not published: %(problems)s")
                    % {"question": question, "problems": " ".join(m for p in problems for m in p.messages)},
                    messages.ERROR,
                )
                continue
            question.save(update_fields=["status", "updated_at"])
            published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d question published.", "%(count)d questions published.", published)
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Return the selected questions to draft"))
    def unpublish_questions(self, request, queryset):
        count = queryset.editable_by(request.user).update(status=QuestionStatus.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d question returned to draft.", "%(count)d questions returned to draft.", count)
            % {"count": count},
            messages.SUCCESS,
        )
