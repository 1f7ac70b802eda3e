"""Error pages of our own where Django's default would fail.

Django's default 400 view is wrapped in `requires_csrf_token`, which reads the request body again: a form
body that Django refuses to read (one declared `charset=utf-16`, say) then raises a second time inside the
error handler and turns a 400 into a 500. This view never reads the body.
"""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)
