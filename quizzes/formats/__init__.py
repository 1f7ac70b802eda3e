"""Question import/export formats: one driver module each with `parse(text) -> ParseResult` and
`export(questions) -> str` (gift, moodlexml, csv), beside its `<format>_syntax` module, the pieces that the
question types' format hooks use (see `quizzes.formats.base`)."""

import importlib
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _

FORMATS = {
    "gift": ("quizzes.formats.gift", _("GIFT (Moodle)"), "txt"),
    "moodlexml": ("quizzes.formats.moodlexml", _("Moodle XML"), "xml"),
    "csv": ("quizzes.formats.csv", _("CSV spreadsheet"), "csv"),
}


def get_format(name: str):
    try:
        module, _label, _extension = FORMATS[name]
    except KeyError:
        raise LookupError(f"Unknown format {name!r}; choose one of: {', '.join(FORMATS)}.") from None
    return importlib.import_module(module)


def format_choices():
    return [(name, label) for name, (_module, label, _extension) in FORMATS.items()]


def extension(name: str) -> str:
    return FORMATS[name][2]


def guess_format(filename: str, text_start: str = "") -> str | None:
    """Guess a file's format from its name, then from its first characters."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xml" or text_start.lstrip().startswith("<"):
        return "moodlexml"
    if suffix == ".csv":
        return "csv"
    if suffix in {".gift", ".txt"}:
        return "gift"
    return None
