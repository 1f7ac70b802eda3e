"""Django's own strings that our Arabic catalog translates differently, listed so `makemessages` keeps them.

The project's catalogs (LOCALE_PATHS) come before Django's, so an entry here replaces Django's Arabic.
- "Add another %(verbose_name)s" (the admin's inline rows): Django's Arabic «أضف %(verbose_name)s آخر» is
  masculine, which is wrong for most of our nouns (إجابة، فقرة، صورة …); «إضافة %(verbose_name)s» fits all.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Add another %(verbose_name)s"),
]
