from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.formats import format_choices
from quizzes.formats.base import MAX_IMPORT_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Moodle XML, GIFT or CSV, in UTF-8, at most %(limit)d MB.") % {"limit": MAX_IMPORT_BYTES // 2**20},
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("Recognise from the file"))] + format_choices(), required=False
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip questions that cannot be imported, and import the rest"), required=False,
        help_text=_("Otherwise one question that cannot be imported stops the whole file."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size).1f MB); the limit is %(limit)d MB."),
                code="too_large",
                params={"size": upload.size / 2**20, "limit": MAX_IMPORT_BYTES // 2**20},
            )
        return upload


class GenerateQuestionsForm(forms.Form):
    """Where generated questions go: an existing bank of the teacher's, or a new one."""

    bank = forms.ModelChoiceField(
        label=_("Bank"), queryset=None, required=False, empty_label=_("A new bank named after the topic")
    )
    seed = forms.IntegerField(
        label=_("Seed"), initial=1, min_value=0,
        help_text=_("The same seed and events give the same questions; change it for a different set."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from quizzes.models import QuestionBank

        self.user = user
        self.fields["bank"].queryset = QuestionBank.objects.editable_by(user)

    def target_bank(self):
        from quizzes.models import QuestionBank

        chosen = self.cleaned_data.get("bank")
        if chosen:
            return chosen
        bank, _created = QuestionBank.objects.get_or_create(
            owner=self.user, title_en="Generated questions", defaults={"title_ar": "أسئلة مولَّدة"}
        )
        return bank
