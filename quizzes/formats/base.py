"""What every import/export format shares: the parse result, its report, and the format's own error.

A parser turns a file's text into a `ParseResult`: the questions it understood, the questions it skipped
(types we do not have, such as essay or cloze, each with its reason) and warnings (such as an image
dropped). A file that cannot be read at all, or a question that is broken, raises `FormatError` or is
recorded in `errors`: the import is all or nothing, so any error means nothing is written.

Messages are lazy translations, so the report reads in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from quizzes.definitions import QuestionDef

# Files larger than this are refused before parsing (also the admin upload limit).
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class FormatError(Exception):
    """The file cannot be imported; `message` says why and `where` says where (line or question)."""

    def __init__(self, message, *, where: str = ""):
        super().__init__(str(message))
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else str(self.message)


@dataclass
class Problem:
    """One entry of an import report."""

    where: str  # "line 12", "question 3 (name)"
    message: str  # lazy translation

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else str(self.message)


@dataclass
class ParseResult:
    questions: list[QuestionDef] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    # Category paths met in the file (Moodle "$course$/Top/Child"), in order of appearance.
    categories: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def skip(self, where: str, message) -> None:
        self.skipped.append(Problem(where, message))

    def warn(self, where: str, message) -> None:
        self.warnings.append(Problem(where, message))

    def error(self, where: str, message) -> None:
        self.errors.append(Problem(where, message))


def unsupported_type_message(qtype: str):
    return _("questions of type “%(type)s” are not supported; skipped.") % {"type": qtype}
