"""Question banks in the admin: scoping, duplication, and import/export pages."""

import base64
import secrets

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy as _, ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from bilingual.admin import ActiveLanguageColumn, BilingualAdminMixin, MissingTranslationFilter
from quizzes.admin.scoping import OwnedByTeacherAdmin
from quizzes.formats import FORMATS, extension, guess_format
from quizzes.forms import ImportForm
from quizzes.models import QuestionBank
from quizzes.services import bank_duplicate, questions_export, questions_import

SESSION_PREFIX = "quizzes-import-"


@admin.register(QuestionBank)
class QuestionBankAdmin(BilingualAdminMixin, OwnedByTeacherAdmin, TabbedTranslationAdmin):
    list_display = [ActiveLanguageColumn("title", _("title")), "owner", "is_shared", "topic", "question_count", "translation_complete", "tools"]
    list_filter = ["is_shared", "topic", MissingTranslationFilter]
    search_fields = ["title_ar", "title_en"]
    actions = ["duplicate_banks"]
    fields = ["title", "description", "topic", "is_shared", "owner"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner", "topic").annotate(
            number_of_questions=Count("questions")
        )

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["owner"]

    def save_model(self, request, obj, form, change):
        if not change and not obj.owner_id:
            obj.owner = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("questions"), ordering="number_of_questions")
    def question_count(self, obj):
        url = reverse("admin:quizzes_question_changelist") + f"?bank={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.number_of_questions)

    @admin.display(description=_("import / export"))
    def tools(self, obj):
        links = []
        if self.model.objects.filter(pk=obj.pk).exists():
            links.append(format_html('<a href="{}">{}</a>', reverse("admin:quizzes_questionbank_import", args=[obj.pk]),
                                     gettext("Import")))
        for name in FORMATS:
            links.append(format_html('<a href="{}">{}</a>', reverse("admin:quizzes_questionbank_export",
                                                                    args=[obj.pk, name]), name))
        return format_html(" · ".join(["{}"] * len(links)), *links)

    @admin.action(description=_("Duplicate the selected banks (with their questions)"))
    def duplicate_banks(self, request, queryset):
        for bank in queryset:
            bank_duplicate(bank=bank, user=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d bank duplicated.", "%(count)d banks duplicated.", count) % {"count": count},
            messages.SUCCESS,
        )

    # --- import and export pages -----------------------------------------------------------------
    def get_urls(self):
        return [
            path("<int:pk>/import/", self.admin_site.admin_view(self.import_view), name="quizzes_questionbank_import"),
            path("<int:pk>/export/<str:format_name>/", self.admin_site.admin_view(self.export_view),
                 name="quizzes_questionbank_export"),
            *super().get_urls(),
        ]

    def import_view(self, request, pk):
        """Upload → dry-run report → confirm. The file waits in the session between the two steps."""
        bank = get_object_or_404(QuestionBank.objects.editable_by(request.user), pk=pk)
        if not self.has_change_permission(request, bank):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "original": bank,
                   "title": gettext("Import questions into “%(bank)s”") % {"bank": bank}}
        form = ImportForm()
        if request.method == "POST" and request.POST.get("token"):
            stored = request.session.pop(SESSION_PREFIX + request.POST["token"], None)
            if stored is None:
                messages.error(request, gettext("This import preview has expired; upload the file again."))
                return redirect("admin:quizzes_questionbank_import", pk=bank.pk)
            report = questions_import(data=base64.b64decode(stored["data"]), format_name=stored["format"],
                                      bank=bank, user=request.user, skip_invalid=stored.get("skip_invalid", False))
            if report.written:
                messages.success(
                    request,
                    ngettext("%(count)d question imported as a draft.", "%(count)d questions imported as drafts.",
                             len(report.imported)) % {"count": len(report.imported)},
                )
                return redirect(reverse("admin:quizzes_question_changelist") + f"?bank={bank.pk}")
            context["report"] = report
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = upload.read()
                format_name = form.cleaned_data["format"] or guess_format(upload.name, data[:200].decode("utf-8", "replace"))
                if format_name is None:
                    form.add_error("format", gettext("The format could not be recognised from the file; choose it."))
                else:
                    skip_invalid = form.cleaned_data["skip_invalid"]
                    report = questions_import(data=data, format_name=format_name, bank=bank, user=request.user,
                                              dry_run=True, skip_invalid=skip_invalid)
                    context["report"] = report
                    if report.ok and report.imported:
                        token = secrets.token_urlsafe(12)
                        request.session[SESSION_PREFIX + token] = {
                            "data": base64.b64encode(data).decode("ascii"), "format": format_name,
                            "skip_invalid": skip_invalid}
                        context["token"] = token
        context["form"] = form
        return TemplateResponse(request, "admin/quizzes/questionbank/import.html", context)

    def export_view(self, request, pk, format_name):
        bank = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, bank):  # an export holds every key of the bank
            raise PermissionDenied
        if format_name not in FORMATS:
            return HttpResponse(gettext("Unknown format."), status=404)
        content = questions_export(bank=bank, format_name=format_name)
        content_type = {"moodlexml": "application/xml", "csv": "text/csv"}.get(format_name, "text/plain")
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        filename = f"{slugify(bank.title_en or bank.title_ar, allow_unicode=False) or 'bank'}-{bank.pk}.{extension(format_name)}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
