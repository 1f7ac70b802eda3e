from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignUpForm(UserCreationForm):
    # Optional: many learners of fourteen have no address; the site's administrator can reset a password.
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False,
        help_text=_("Used only to reset your password. Without one, the site's administrator can reset it for you."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The symbols are Latin text: isolated left to right, or the Arabic sentence scrambles them.
        self.fields["username"].help_text = format_html(
            "{} <bdi dir=\"ltr\">@ . + - _</bdi>",
            _("At most 150 characters: letters, digits and these symbols only:"),
        )


class DigitsForm(forms.ModelForm):
    """The reader's digits on Arabic pages, each choice shown with a sample year in its own digits."""

    # The samples are kept from the page's digits (translate="no"): each must show its own kind.
    SAMPLES = {User.Digits.WESTERN: "1867", User.Digits.ARABIC_INDIC: "١٨٦٧"}

    class Meta:
        model = User
        fields = ("digits",)
        widgets = {"digits": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["digits"]
        field.required = True
        field.choices = [
            (value, format_html('{} <bdi translate="no">{}</bdi>', label, self.SAMPLES[value]))
            for value, label in User.Digits.choices
        ]
