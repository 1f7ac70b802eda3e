"""The "Generate questions" action on history's topic changelist, supplied from the quizzes side.

History sits below quizzes (see .importlinter), so history's TopicAdmin cannot name a quizzes form or
service. Instead this module unregisters that admin and registers a subclass that adds the action.
Subclassing was chosen over appending to `history.admin.TopicAdmin.actions` because it leaves
history's class as history defines it (no attribute patched from another app), keeps the action a
plain method beside its admin, and makes the registered admin findable here by name. Importing
`history.admin` first guarantees its registration has happened, whatever the app order.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _, ngettext

from history import admin as history_admin
from history.models import Topic
from quizzes.forms import GenerateQuestionsForm
from quizzes.services.generation import questions_generate

admin.site.unregister(Topic)


@admin.register(Topic)
class TopicAdmin(history_admin.TopicAdmin):
    actions = [*history_admin.TopicAdmin.actions, "generate_questions"]

    @admin.action(description=_("Generate questions from the events of the selected topic"))
    def generate_questions(self, request, queryset):
        """Ask for the bank and the seed, then save generated questions as drafts to review."""
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
