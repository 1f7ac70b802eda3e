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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size).1f MB); the limit is %(limit)d MB."),
                code="too_large",
                params={"size": upload.size / 2**20, "limit": MAX_IMPORT_BYTES // 2**20},
            )
        return upload
