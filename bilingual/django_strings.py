"""Django's own strings that our Arabic catalog translates differently, listed so `makemessages` keeps them.

The project's catalogs (LOCALE_PATHS) come before Django's, so an entry here replaces Django's Arabic.
- "Add another %(verbose_name)s" (the admin's inline rows): Django's Arabic «أضف %(verbose_name)s آخر» is
  masculine, which is wrong for most of our nouns (إجابة، فقرة، صورة …); «إضافة %(verbose_name)s» fits all.
- The minimum-length password message: Django 5.2 asks for "… at least %d character." but its Arabic catalog
  still has the older msgid with "%(min_length)d", so sign-up showed it in English inside Arabic text, its full
  stop on the wrong side (issue 14, defect 3).
- "Reset password", "Set password" and "Set password: %s" (the admin's user page, Django 5.1): Django's Arabic
  catalog has no entry for them, so the Arabic admin showed them in English (tests/browser/test_arabic_pages.py).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDDEN = [
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Set password: %s"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
