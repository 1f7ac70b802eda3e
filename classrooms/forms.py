from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from classrooms.models import Accommodation, Classroom
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


class AccommodationForm(forms.ModelForm):
    """What one learner needs on every quiz of the class (the model's fields, with its choices and limits)."""

    class Meta:
        model = Accommodation
        fields = ["time_multiplier", "extra_attempts", "fewer_choices", "fair_scoring"]
        widgets = {
            "extra_attempts": forms.NumberInput(attrs={"min": 0, "max": 20, "dir": "ltr"}),
            "fewer_choices": forms.NumberInput(attrs={"min": 0, "max": 5, "dir": "ltr"}),
        }


class OverrideForm(forms.Form):
    """An exception to one assignment for one learner or several; every setting is optional."""

    learners = forms.ModelMultipleChoiceField(
        label=_("Learners"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("One learner, or several: each gets the same exception."),
    )
    opens_at = forms.DateTimeField(label=_("Opens"), required=False, widget=datetime_widget())
    due_at = forms.DateTimeField(label=_("Due"), required=False, widget=datetime_widget())
    closes_at = forms.DateTimeField(label=_("Closes"), required=False, widget=datetime_widget())
    time_limit_minutes = forms.IntegerField(
        label=_("Time limit (minutes)"), required=False, min_value=1, max_value=24 * 60,
        widget=forms.NumberInput(attrs={"dir": "ltr"}),
        help_text=_("Empty keeps the quiz's limit. A learner's extra time multiplies this one."),
    )
    attempts_allowed = forms.IntegerField(
        label=_("Attempts allowed"), required=False, min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"dir": "ltr"}), help_text=_("0 means unlimited; empty keeps the quiz's."),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Only you see it, never the learners."),
    )

    def __init__(self, *args, classroom, **kwargs):
        super().__init__(*args, **kwargs)
        learners = get_user_model().objects.filter(class_memberships__classroom=classroom)
        self.fields["learners"].queryset = learners.order_by("first_name", "last_name", "username")
        self.fields["learners"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def settings(self) -> dict:
        """The override's settings, as `services.override_save` takes them."""
        data = self.cleaned_data
        minutes = data.get("time_limit_minutes")
        return {
            "opens_at": data.get("opens_at"), "due_at": data.get("due_at"), "closes_at": data.get("closes_at"),
            "time_limit": timedelta(minutes=minutes) if minutes else None,
            "attempts_allowed": data.get("attempts_allowed"), "reason": data.get("reason", ""),
        }


class ClassAccountsForm(forms.Form):
    """The class list a teacher pastes to make its accounts (classrooms/class_accounts.py plans them)."""

    names = forms.CharField(
        label=_("Names"), max_length=20_000, strip=False,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 12, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One learner per line, first name first, in Arabic or Latin letters. Empty lines are ignored."),
    )
