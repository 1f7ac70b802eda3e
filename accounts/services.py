from django.db import transaction

from accounts.roles import make_learner


@transaction.atomic
def learner_sign_up(*, form) -> "User":  # noqa: F821 - the form's model
    """Create a learner account from a valid sign-up form."""
    user = form.save()
    make_learner(user)
    return user
