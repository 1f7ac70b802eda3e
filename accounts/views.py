from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, UpdateView

from accounts import throttling
from accounts.forms import DigitsForm, SignUpForm
from accounts.models import User
from accounts.services import learner_sign_up


class SignUpView(FormView):
    template_name = "registration/signup.html"
    form_class = SignUpForm

    def post(self, request, *args, **kwargs):
        if throttling.limit_count(request, throttling.SIGN_UP):
            # What was typed is shown again but not validated: a throttled client learns nothing, not even
            # whether a username is taken.
            form = self.form_class(initial={name: request.POST.get(name, "") for name in ("username", "email")})
            messages.error(request, throttling.too_many_attempts())
            return self.render_to_response(self.get_context_data(form=form), status=throttling.TOO_MANY_REQUESTS)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = learner_sign_up(form=form)
        login(self.request, user, backend="accounts.backends.CachedModelBackend")
        messages.success(self.request, _("Welcome, %(name)s! Your account is ready.") % {"name": user.username})
        return redirect("home")


class SettingsView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    """The signed-in reader's own settings: for now, the digits of Arabic pages."""

    template_name = "accounts/settings.html"
    form_class = DigitsForm
    success_url = reverse_lazy("account_settings")
    success_message = gettext_lazy("Your settings are saved.")

    def get_object(self, queryset=None):
        return self.request.user

    def get_initial(self):
        # Until the reader chooses, the choice shown is the one in force: their browser's default
        # (`request.digits`, set by bilingual's DigitsMiddleware; accounts does not import bilingual).
        if self.object.digits:
            return {}
        return {"digits": str(getattr(self.request, "digits", User.Digits.WESTERN))}
