"""Management commands speak the terminal's language (issue 14, defect 15).

Django runs a command in the site's default language, so `manage.py loaddemo` printed Arabic to an English
terminal. `LanguageCommand` adds `--language ar|en`; without it, the language comes from the terminal's locale
(`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as gettext reads them): Arabic when that names Arabic, English otherwise
(a terminal that says nothing, or says "C", is taken for English).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def terminal_language(environ=None) -> str:
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (environ.get(name) or "").strip()
        if value:
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


class LanguageCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("--language", choices=LANGUAGES, default=None,
                            help="The language of the command's messages (default: the terminal's, from LANG).")
        return parser

    def execute(self, *args, **options):
        language = options.get("language") or terminal_language()
        with translation.override(language):
            return super().execute(*args, **options)
