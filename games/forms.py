"""Forms of the live game: hosting a quiz, and joining with a PIN and a nickname."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from games.models import MAX_TEAMS, NICKNAME_MAX_LENGTH, PIN_LENGTH, Scoring, pin_clean
from games.services import classes_for_games, nickname_clean



def team_choices() -> list[tuple[int, str]]:
    """No teams, or 2 to MAX_TEAMS (labels in the request's language: a number meets a noun)."""
    return [(0, gettext("no teams: everyone plays alone"))] + [
        (n, ngettext("%(count)d team", "%(count)d teams", n) % {"count": n}) for n in range(2, MAX_TEAMS + 1)
    ]


class HostForm(forms.Form):
    scoring = forms.ChoiceField(label=_("Scoring"), choices=Scoring.choices, initial=Scoring.FAIR,
                                widget=forms.RadioSelect, help_text=_(
                                    "Fair: each answer earns its grade × 1000 points, however long it took. "
                                    "Classic: a right answer earns 1000 points at once, falling to 500 at the "
                                    "last second, plus 100 for each earlier right answer in a row (at most 500)."))
    classroom = forms.ModelChoiceField(label=_("For a class"), queryset=None, required=False,
                                       empty_label=_("anyone with the PIN (guests choose a nickname)"),
                                       help_text=_("For a class, only its members can join, under their names."))
    teams = forms.TypedChoiceField(label=_("Teams"), choices=(), coerce=int, initial=0, help_text=_(
        "Players are put in teams at random when the game starts (you can place them yourself in the lobby); "
        "a team's score is the mean of its members' scores, so team size does not matter."))
    seconds_per_question = forms.IntegerField(label=_("Seconds per question"), min_value=10, max_value=300,
                                              initial=30)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classroom"].queryset = classes_for_games(user)
        self.fields["teams"].choices = team_choices()


class PinForm(forms.Form):
    pin = forms.CharField(label=_("Game PIN"), max_length=3 * PIN_LENGTH, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "off", "dir": "ltr", "autofocus": True}))

    def clean_pin(self) -> str:
        pin = pin_clean(self.cleaned_data["pin"])
        if len(pin) != PIN_LENGTH:
            raise ValidationError(_("A game PIN has %(count)d digits."), code="pin_length",
                                  params={"count": PIN_LENGTH})
        return pin


class NicknameForm(forms.Form):
    nickname = forms.CharField(label=_("Your nickname"), max_length=3 * NICKNAME_MAX_LENGTH, widget=forms.TextInput(
        attrs={"autocomplete": "nickname", "dir": "auto", "autofocus": True}))

    def clean_nickname(self) -> str:
        return nickname_clean(self.cleaned_data["nickname"])
