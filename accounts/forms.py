from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _
from django import forms

from accounts.models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"), required=True, help_text=_("Used only to reset your password."))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
