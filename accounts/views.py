from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts import throttling
from accounts.forms import SignUpForm
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
