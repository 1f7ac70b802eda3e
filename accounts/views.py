from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.forms import SignUpForm
from accounts.services import learner_sign_up


class SignUpView(FormView):
    template_name = "registration/signup.html"
    form_class = SignUpForm

    def form_valid(self, form):
        user = learner_sign_up(form=form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Welcome, %(name)s! Your account is ready.") % {"name": user.username})
        return redirect("home")
