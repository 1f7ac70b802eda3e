"""The one interface every question type implements, and the registry that finds a type by name.

A type knows *how* a response is graded; it never knows *when* (that is the feedback behaviour's job,
see `quizzes.behaviours`). Types work on plain `QuestionDef` data, not on database rows, so they are
tested without a database. Responses are JSON-friendly values (a key, a list of keys, a text, a dict);
each type documents its own.

Adding a type means adding one module to this package (it registers itself with `@registry.register`),
its template `templates/quizzes/question_types/<name>.html` and its tests.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
import pkgutil
import threading
from fractions import Fraction
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quizzes.definitions import LANGUAGES, QuestionDef, Text, is_blank, missing_languages

ZERO = Fraction(0)
ONE = Fraction(1)

LANGUAGE_NAMES = {"ar": _("Arabic"), "en": _("English")}


def clamp(value: Fraction) -> Fraction:
    """Keep a grade in [0, 1]."""
    return max(ZERO, min(ONE, value))


class UnknownQuestionType(LookupError):
    pass


class QuestionType(ABC):
    name: ClassVar[str]
    label: ClassVar[Promise]
    # Which list of the QuestionDef holds this type's answer data.
    answer_kind: ClassVar[str]
    # Longest text a learner may type (short answer, numerical); longer responses are refused.
    MAX_RESPONSE_LENGTH: ClassVar[int] = 500

    @property
    def template(self) -> str:
        return f"quizzes/question_types/{self.name}.html"

    # --- authoring -------------------------------------------------------------------------------
    @abstractmethod
    def validate(self, definition: QuestionDef) -> list[ValidationError]:
        """Return the problems that stop this definition from being a usable question."""
        ...

    def translation_errors(self, definition: QuestionDef) -> list[ValidationError]:
        """Return the answer texts missing in a language (checked before publishing)."""
        errors = []
        for number, row in enumerate(getattr(definition, self.answer_kind), start=1):
            for field in self.translated_fields(row):
                for code in missing_languages(getattr(row, field)):
                    errors.append(
                        ValidationError(
                            _("Answer %(number)d: the %(language)s text is missing."),
                            code="missing_translation",
                            params={"number": number, "language": LANGUAGE_NAMES[code]},
                        )
                    )
        return errors

    def translated_fields(self, row) -> tuple[str, ...]:
        """The text fields of an answer row that must exist in both languages."""
        return ("text",)

    # --- attempts --------------------------------------------------------------------------------
    @abstractmethod
    def grade(self, definition: QuestionDef, response: Any) -> Fraction:
        """Return the fraction in [0, 1] that `response` earns."""
        ...

    @abstractmethod
    def correct_response(self, definition: QuestionDef) -> Any:
        """Return a response that earns full marks."""
        ...

    @abstractmethod
    def summarise(self, definition: QuestionDef, response: Any, language: str) -> str:
        """Return the response as a person reads it, in `language`."""
        ...

    def random_guess_score(self, definition: QuestionDef) -> Fraction | None:
        """Return the expected fraction of a learner who guesses at random (None when not meaningful)."""
        return ZERO

    def is_answered(self, response: Any) -> bool:
        return response not in (None, "", [], {})

    def raw_from_form(self, data, name: str) -> Any:
        """Return the raw response posted under field `name` (a QueryDict), before `clean_response`."""
        return data.get(name)

    @abstractmethod
    def clean_response(self, definition: QuestionDef, raw: Any) -> Any:
        """Return `raw` (from a form or JSON) as this type's response, or raise ValidationError.

        A response that names a choice, item or pair the question does not have is refused.
        """
        ...


class Registry:
    """Question types by name (compare Django's `get_hashers_by_algorithm()`)."""

    def __init__(self) -> None:
        self._types: dict[str, QuestionType] = {}
        self._loaded = False
        self._lock = threading.RLock()

    def register(self, cls: type[QuestionType]) -> type[QuestionType]:
        if cls.name in self._types:
            raise ValueError(f"Question type {cls.name!r} is registered twice.")
        self._types[cls.name] = cls()
        return cls

    def _load(self) -> None:
        if self._loaded:
            return
        # Threads of one gunicorn worker may ask at once: the others wait until every type is registered.
        with self._lock:
            if self._loaded:
                return
            package = importlib.import_module("quizzes.question_types")
            for module in pkgutil.iter_modules(package.__path__):
                if module.name != "base":
                    importlib.import_module(f"quizzes.question_types.{module.name}")
            self._loaded = True

    def get(self, name: str) -> QuestionType:
        self._load()
        try:
            return self._types[name]
        except KeyError:
            known = ", ".join(sorted(self._types))
            raise UnknownQuestionType(f"Unknown question type {name!r}; known types: {known}.") from None

    def all(self) -> list[QuestionType]:
        self._load()
        return list(self._types.values())

    def names(self) -> list[str]:
        return [qtype.name for qtype in self.all()]


registry = Registry()


# --- helpers shared by several types -------------------------------------------------------------
def require_texts(rows, field: str, what) -> list[ValidationError]:
    """Every row needs its text in at least one language."""
    errors = []
    for number, row in enumerate(rows, start=1):
        if is_blank(getattr(row, field)):
            errors.append(
                ValidationError(
                    _("%(what)s %(number)d has no text."), code="blank", params={"what": what, "number": number}
                )
            )
    return errors


def text_in(text: Text, language: str) -> str:
    from quizzes.definitions import text_of

    return text_of(text, language)


def keys_of(rows) -> set[str]:
    return {row.key for row in rows}


def invalid_response(message=None) -> ValidationError:
    return ValidationError(message or _("This answer does not belong to the question."), code="invalid_response")


__all__ = ["LANGUAGES", "ONE", "ZERO", "QuestionType", "clamp", "registry"]
