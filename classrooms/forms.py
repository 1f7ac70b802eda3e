from django import forms
from django.utils.translation import gettext_lazy as _

from classrooms.models import Classroom
from quizzes.models import Quiz

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def datetime_widget():
    return forms.DateTimeInput(format=DATETIME_LOCAL, attrs={"type": "datetime-local", "dir": "ltr"})


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["name"]
        widgets = {"name": forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"})}


class CodeRenewForm(forms.Form):
    code_expires_at = forms.DateTimeField(
        label=_("The new code works until"), required=False, widget=datetime_widget(),
        help_text=_("Leave empty to keep it working until you change it."),
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Class code"), max_length=30,
        help_text=_("Six letters and digits, from your teacher. Capitals, spaces and dashes do not matter."),
        widget=forms.TextInput(attrs={
            "dir": "ltr", "class": "code-input", "autocomplete": "off", "autocapitalize": "characters",
            "spellcheck": "false", "autofocus": True,
        }),
    )


class AssignmentForm(forms.Form):
    quiz = forms.ModelChoiceField(label=_("Quiz"), queryset=Quiz.objects.none())
    opens_at = forms.DateTimeField(label=_("Opens"), widget=datetime_widget())
    due_at = forms.DateTimeField(label=_("Due"), widget=datetime_widget())
    closes_at = forms.DateTimeField(
        label=_("Closes"), required=False, widget=datetime_widget(),
        help_text=_("Work submitted after the due time and before this one counts, marked late. "
                    "Leave empty to accept late work at any time."),
    )

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the teacher's own published quizzes; the service refuses any other anyway.
        self.fields["quiz"].queryset = (
            Quiz.objects.published().filter(owner=teacher, practice_for__isnull=True).order_by("-created_at", "pk")
        )
