"""The one interface every question type implements, and the registry that finds a type by name.

A type is one self-contained unit (Moodle's question/type/*, Wagtail's blocks). It owns, end to end:
- its **data**: the shared answer rows it uses (`answer_rows`: choices, accepted answers, numerical answers,
  matching pairs or ordering items, Moodle's `question_answers` made explicit) and its own settings and data
  in the question's `options` JSON (`option_fields`: the admin form fields that edit them; `text_for_authoring`
  and `text_from_authoring` when the author writes data into the question text), validation in the
  author's language (`validate`), the both-languages check before publishing (`translation_errors`) and what
  an attempt freezes (`snapshot`, the plain `QuestionDef` as JSON);
- **start**: the option order an attempt freezes (`start`, Moodle's `start_attempt`);
- the **formulation** the one renderer shows (`formulation`: the context of its template, limited by the
  page's `DisplayOptions`), response reading and cleaning (`raw_from_form`, `clean_response`), grading,
  `classify_response` for item statistics, `summarise`, `correct_response`, `random_guess_score`;
- its **fingerprint** (what makes two questions the same when importing);
- its **import and export** in each format: `import_from_<format>` / `export_to_<format>` hooks, which the
  format modules call and which default to the format's generic reader and writer (Moodle's
  `question/format.php` → `import_from_xml` in each type).

A type knows *how* a response is graded; it never knows *when* (that is the feedback behaviour's job,
see `quizzes.behaviours`). Types work on plain `QuestionDef` data, not on database rows, so they are tested
without a database. Responses are JSON-friendly values (a key, a list of keys, a text, a dict).

Adding a type means adding one module to this package (it registers itself with `@registry.register`),
its template `templates/quizzes/question_types/<name>.html` and its tests; docs/architecture.md has the
checklist. The registry is filled once, by `QuizzesConfig.ready()` (`registry.autodiscover()`); a test can
add a type for its own duration with `registry.register_temporarily(cls)`.
"""

from __future__ import annotations

import html as html_lib
import importlib
import pkgutil
import re
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from bilingual.folding import normalise
from quizzes.definitions import LANGUAGES, ROW_KINDS, QuestionDef, Text, is_blank, missing_languages, text_of
from quizzes.display import DisplayOptions

ZERO = Fraction(0)
ONE = Fraction(1)

LANGUAGE_NAMES = {"ar": _("Arabic"), "en": _("English")}


def clamp(value: Fraction) -> Fraction:
    """Keep a grade in [0, 1]."""
    return max(ZERO, min(ONE, value))


class UnknownQuestionType(LookupError):
    pass


# --- what a type gives the renderer -------------------------------------------------------------------
@dataclass
class Option:
    """A choice, an item or a matching answer as the template shows it."""

    key: str
    text: str
    selected: Any = False
    # Set only when the display options allow it (after a check, in a review, in a preview).
    is_right: bool | None = None
    feedback: str = ""


@dataclass
class QuestionView:
    """The context of a type's template (`q`): texts in one language, options in the frozen order, and only
    what `display` allows of the key. Built by `QuestionType.formulation`; nothing else reaches templates."""

    qtype: str
    template: str
    text: str
    language: str
    field_name: str
    display: DisplayOptions
    disabled: bool = False
    options: list[Option] = field(default_factory=list)
    prompts: list[Option] = field(default_factory=list)
    value: Any = ""
    unit: str = ""
    # The right answer, as a person reads it (only with display.right_answer).
    correct_summary: str = ""
    accepted_forms: list[str] = field(default_factory=list)
    # Anything else a type's own template needs.
    extra: dict = field(default_factory=dict)

    @property
    def show_key(self) -> bool:
        return self.display.right_answer


@dataclass
class ResponseClass:
    """One way of answering that item statistics count (Moodle's `classify_response`): a choice, a match, …"""

    key: str
    text: Text
    is_right: bool


def ordered(rows, keys: list[str] | None, key=lambda row: row.key):
    """Return `rows` in the order of `keys` (a frozen shuffle), or as stored when there is none."""
    if not keys:
        return list(rows)
    position = {k: i for i, k in enumerate(keys)}
    return sorted(rows, key=lambda row: position.get(key(row), len(position)))


class QuestionType(ABC):
    name: ClassVar[str]
    label: ClassVar[Promise]
    # The shared answer rows this type stores its answers in (a `QuestionDef` list name), or None.
    answer_rows: ClassVar[str | None] = None
    # Longest text a learner may type (short answer, numerical); longer responses are refused.
    MAX_RESPONSE_LENGTH: ClassVar[int] = 500
    # Graded by a teacher, not by `grade` (an essay): the slot waits in "needs grading".
    needs_manual_grading: ClassVar[bool] = False
    # False for a text block with no grade (a description): its slot has no points, no number and no answer,
    # and it is never graded (Moodle's `is_real_question_type()`).
    is_graded: ClassVar[bool] = True
    # Whether a learner can answer it on a phone within a live game's time limit (games/): false for an essay.
    playable_live: ClassVar[bool] = True
    # Checks allowed with immediate feedback when fewer than the behaviour's (a wrong true/false gives the
    # answer away, so it has one); None: the behaviour decides.
    max_tries: ClassVar[int | None] = None

    # --- formats: each format asks the type first and falls back to its own generic reader and writer
    # (quizzes/formats/base.py documents the hooks; None means "use the format's default").
    gift_priority: ClassVar[int] = 50  # the order in which GIFT asks the types to read an answer block
    moodlexml_types: ClassVar[tuple[str, ...]] = ()  # Moodle's names of the type (`<question type="…">`)
    csv_columns: ClassVar[tuple[str, ...]] = ()  # CSV columns of the type's own
    import_from_gift = export_to_gift = None
    import_from_moodlexml = export_to_moodlexml = None
    import_from_csv = export_to_csv = None

    @property
    def template(self) -> str:
        return f"quizzes/question_types/{self.name}.html"

    @property
    def grades_automatically(self) -> bool:
        """Whether `grade` gives the mark: false for an essay (a teacher grades it) and a description (no grade).
        Only such slots are checked, graded on submitting, counted by item statistics and made review cards."""
        return self.is_graded and not self.needs_manual_grading

    # --- authoring -------------------------------------------------------------------------------
    def option_fields(self) -> dict:
        """Form fields (name → django.forms.Field) for this type's settings, stored in the question's
        `options`; the admin question form shows them under the type's label."""
        return {}

    # The question text as the author writes it, when it holds more than what learners read: a cloze text
    # carries its gaps in Moodle's embedded syntax, stored apart (in `options`) so the text shows no key. The
    # admin question form shows `text_for_authoring` and stores what `text_from_authoring` returns; a type whose
    # text is only text keeps both defaults.
    def text_for_authoring(self, text: Text, options: dict) -> Text:
        """Return the question texts ({"ar", "en"}) as the author edits them, from the stored texts and options."""
        return dict(text)

    def text_from_authoring(self, text: Text, options: dict) -> tuple[Text, dict]:
        """Return the texts and options to store from the texts the author wrote, or raise ValidationError
        (messages in the author's language) when they cannot be read. The inverse of `text_for_authoring`."""
        return dict(text), options

    @abstractmethod
    def validate(self, definition: QuestionDef) -> list[ValidationError]:
        """Return the problems that stop this definition from being a usable question."""
        ...

    def translation_errors(self, definition: QuestionDef) -> list[ValidationError]:
        """Return the answer texts missing in a language (checked before publishing)."""
        errors = []
        rows = getattr(definition, self.answer_rows) if self.answer_rows else []
        for number, row in enumerate(rows, start=1):
            for name in self.translated_fields(row):
                for code in missing_languages(getattr(row, name)):
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

    def fingerprint(self, definition: QuestionDef) -> tuple:
        """What makes two questions the same question when importing (de-duplication).

        The whole definition as the type sees it: texts (folded: markup, spaces and Arabic spelling
        variants do not count), general feedback and explanation, points, options, and every answer row
        with its fractions, feedback, values and tolerances. Names, keys, tags, events and where the
        importer found the question do not make a question different.
        """
        return (definition.qtype, _fold(definition.text), _fold(definition.general_feedback),
                _fold(definition.explanation), _number(definition.points), _frozen(definition.options),
                tuple(_row_print(row) for kind in ROW_KINDS for row in getattr(definition, kind)))

    # --- attempts --------------------------------------------------------------------------------
    def start(self, definition: QuestionDef, rng, *, shuffle: bool, fewer_wrong: int = 0) -> dict:
        """Return the state an attempt freezes for this question (its option order); `shuffle` is the quiz's
        "shuffle choices" setting, `fewer_wrong` how many wrong options the learner's accommodation hides (only
        single choice honours it). Moodle's `start_attempt`; `formulation` reads the state back."""
        return {}

    def formulation(self, definition: QuestionDef, *, language: str, display: DisplayOptions, order: dict | None = None,
                    response=None, field_name: str = "response", disabled: bool = False) -> QuestionView:
        """Return what the type's template shows: the question in `language`, its controls in the frozen
        `order` with `response` filled in, and of the key only what `display` allows."""
        view = QuestionView(
            qtype=self.name, template=self.template,
            text=mark_safe(text_of(definition.text, language)),  # sanitised with nh3 when saved
            language=language, field_name=field_name, display=display, disabled=disabled or display.readonly,
        )
        self.fill_view(view, definition, order=order or {}, response=response)
        if display.right_answer:
            view.correct_summary = self.summarise_correct(definition, language)
        return view

    # Whether learners asked the same version share its rendered formulation, each with their response filled
    # in by `fill_formulation` (quizzes/formulations.py). Opt in only when the response shows in nothing but
    # the type's form controls; tests/quizzes/test_formulations.py then proves the fill for the type.
    shares_formulation: ClassVar[bool] = False

    def fill_formulation(self, html: str, definition: QuestionDef, response: Any, field_name: str) -> str | None:
        """Return the formulation `html`, rendered with no response, as it renders with `response`: by default
        the controls `form_data` names are given their values (see `fill_controls`). None: cannot (the page
        renders the question itself)."""
        return fill_controls(html, self.form_data(response, field_name))

    def fill_view(self, view: QuestionView, definition: QuestionDef, *, order: dict, response) -> None:
        """Fill the type's part of `view` (options, prompts, value); the default shows a typed answer."""
        view.value = response or ""

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

    def summarise_correct(self, definition: QuestionDef, language: str) -> str:
        """Return the right answer as a person reads it in `language` (a review's key, a live game's reveal); a
        type whose right answers differ by language names the one in `language`."""
        return self.summarise(definition, self.correct_response(definition), language)

    def random_guess_score(self, definition: QuestionDef) -> Fraction | None:
        """Return the expected fraction of a learner who guesses at random (None when not meaningful)."""
        return ZERO

    def compute_final_grade(self, definition: QuestionDef, responses: list, penalty: Fraction) -> Fraction:
        """Return the fraction earned over several tries (the interactive behaviour): `responses` are the
        tries' responses in order, the last the one that stands; `penalty` is what each wrong try costs.

        The default is Moodle's interactive behaviour: the last response's grade less `penalty` for each
        earlier try, never below 0. A type made of parts (matching, cloze, gaps) overrides it with countback
        (Moodle's `question_automatically_gradable_with_countback::compute_final_grade`): each part earns
        what it would have earned at the try since which it has been right.
        """
        if not responses:
            return ZERO
        return max(ZERO, self.grade(definition, responses[-1]) - penalty * (len(responses) - 1))

    # Whether `response_classes`/`classify_response` sort responses for item statistics.
    classifies_responses: ClassVar[bool] = False

    def response_classes(self, definition: QuestionDef) -> list[ResponseClass]:
        """The ways of answering that item statistics count one by one (with `classifies_responses`)."""
        return []

    def classify_response(self, definition: QuestionDef, response: Any) -> list[str]:
        """Return the keys of the `response_classes` that `response` hits (empty: no answer)."""
        return []

    def is_answered(self, response: Any) -> bool:
        return response not in (None, "", [], {})

    def raw_from_form(self, data, name: str) -> Any:
        """Return the raw response posted under field `name` (a QueryDict), before `clean_response`."""
        return data.get(name)

    def form_data(self, response: Any, name: str) -> dict:
        """The fields a browser posts for `response` under field `name`: `raw_from_form` read backwards (the
        load test and tests answer through real forms with it)."""
        return {name: response}

    @abstractmethod
    def clean_response(self, definition: QuestionDef, raw: Any) -> Any:
        """Return `raw` (from a form or JSON) as this type's response, or raise ValidationError.

        A response that names a choice, item or pair the question does not have is refused.
        """
        ...

    def clean_typed_text(self, raw: Any) -> str:
        """A typed response, stripped and no longer than MAX_RESPONSE_LENGTH."""
        text = str(raw or "").strip()
        if "\x00" in text:  # no keyboard types it, and PostgreSQL cannot store it in text
            raise invalid_response(_("Your answer contains a character that cannot be saved."))
        if len(text) > self.MAX_RESPONSE_LENGTH:
            raise ValidationError(
                _("Your answer is too long: at most %(limit)d characters."),
                code="too_long",
                params={"limit": self.MAX_RESPONSE_LENGTH},
            )
        return text


class PerGapFields:
    """Responses posted as one form field per gap, `<name>-<gap number>` (cloze, select missing words, drag
    into text): `raw_from_form` reads them as {gap number: value} and `form_data` writes them back.
    `several_values_per_gap`: a gap may post several values (checkboxes), read as a list without the empty one."""

    several_values_per_gap: ClassVar[bool] = False

    def form_data(self, response, name: str) -> dict:
        return {f"{name}-{gap}": value for gap, value in (response or {}).items()}

    def raw_from_form(self, data, name: str) -> dict:
        prefix = f"{name}-"
        raw = {}
        for key in data.keys():
            number = key[len(prefix):]
            if key.startswith(prefix) and number.isdigit():
                raw[number] = ([value for value in data.getlist(key) if value != ""] if self.several_values_per_gap
                               else data.get(key))
        return raw


# --- fingerprints ------------------------------------------------------------------------------------
def _fold(text: Text) -> tuple:
    from quizzes.sanitize import html_to_text  # sanitize imports nh3 only when it is used

    return tuple(normalise(html_to_text(text.get(code, "") or "")) for code in LANGUAGES)


def _frozen(value) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def _number(value) -> str:
    return format(Decimal(value).normalize(), "f")


def _row_print(row) -> tuple:
    values = []
    for name, value in sorted(vars(row).items()):
        if name in ("key", "answer_key"):
            continue
        if isinstance(value, dict):
            value = _fold(value)
        elif isinstance(value, Decimal):
            value = _number(value)
        elif isinstance(value, Fraction):
            value = str(value.limit_denominator(1000))  # as stored: 7 decimals read back as the fraction meant
        values.append((name, value))
    return (type(row).__name__, tuple(values))


# --- the registry ------------------------------------------------------------------------------------
class Registry:
    """Question types by name (compare Django's `get_hashers_by_algorithm()`)."""

    def __init__(self) -> None:
        self._types: dict[str, QuestionType] = {}

    def register(self, cls: type[QuestionType]) -> type[QuestionType]:
        if cls.name in self._types:
            raise ValueError(f"Question type {cls.name!r} is registered twice.")
        self._types[cls.name] = cls()
        return cls

    def unregister(self, name: str) -> None:
        self._types.pop(name, None)

    @contextmanager
    def register_temporarily(self, cls: type[QuestionType]):
        """Register `cls` for the duration of a `with` block (tests of the engine's contract)."""
        self.register(cls)
        try:
            yield self._types[cls.name]
        finally:
            self.unregister(cls.name)

    def autodiscover(self) -> None:
        """Import every module of this package, so each registers its type (`QuizzesConfig.ready()`)."""
        package = importlib.import_module("quizzes.question_types")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"quizzes.question_types.{module.name}")

    def get(self, name: str) -> QuestionType:
        try:
            return self._types[name]
        except KeyError:
            known = ", ".join(sorted(self._types))
            raise UnknownQuestionType(f"Unknown question type {name!r}; known types: {known}.") from None

    def all(self) -> list[QuestionType]:
        return list(self._types.values())

    def names(self) -> list[str]:
        return list(self._types)

    def choices(self) -> list[tuple[str, Promise]]:
        return [(qtype.name, qtype.label) for qtype in self._types.values()]


registry = Registry()


# --- filling a shared formulation (quizzes/formulations.py) ----------------------------------------
_CONTROL = re.compile(r'<select\b[^>]*>|</select>|<input\b[^>]*>|<option\b[^>]*>')
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def fill_controls(html: str, data: dict) -> str:
    """Give the form controls of `html` the values of `data` ({field name: value or list of values}, as a
    browser posts them): a radio button or check box whose value is posted gets `checked`, an option of a
    drop-down list `selected`, a text box its value. Each attribute goes where the types' templates write it
    (just before the tag's end; a text box's `value=""` filled in), so the result is the HTML they render."""
    wanted = {name: {str(v) for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, "")}
              for name, value in data.items()}
    texts = {name: value for name, value in data.items() if not isinstance(value, (list, tuple))}
    pieces, position, select = [], 0, None
    for match in _CONTROL.finditer(html):
        tag = match.group(0)
        if tag == "</select>":
            select = None
            continue
        attributes = {name: html_lib.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        filled = tag
        if tag.startswith("<select"):
            select = attributes.get("name")
        elif tag.startswith("<option"):
            if select is not None and attributes.get("value") in wanted.get(select, ()):
                filled = tag[:-1] + " selected>"
        elif attributes.get("type") in ("radio", "checkbox"):
            if attributes.get("value") in wanted.get(attributes.get("name"), ()):
                filled = tag[:-1] + " checked>"
        elif attributes.get("type") == "text" and texts.get(attributes.get("name")) not in (None, ""):
            filled = tag.replace('value=""', f'value="{escape(texts[attributes["name"]])}"', 1)
        if filled is not tag:
            pieces += [html[position:match.start()], filled]
            position = match.end()
    pieces.append(html[position:])
    return "".join(pieces)


# --- helpers shared by several types -------------------------------------------------------------
def require_texts(rows, field_name: str, what) -> list[ValidationError]:
    """Every row needs its text in at least one language."""
    errors = []
    for number, row in enumerate(rows, start=1):
        if is_blank(getattr(row, field_name)):
            errors.append(
                ValidationError(
                    _("%(what)s %(number)d has no text."), code="blank", params={"what": what, "number": number}
                )
            )
    return errors


def text_in(text: Text, language: str) -> str:
    return text_of(text, language)


def hint_translation_errors(hints: list[Text]) -> list[ValidationError]:
    """Return the hints (shown after a wrong try) missing a language, checked before publishing as answers are."""
    return [
        ValidationError(_("Hint %(number)d: the %(language)s text is missing."), code="missing_translation",
                        params={"number": number, "language": LANGUAGE_NAMES[code]})
        for number, hint in enumerate(hints, start=1) for code in missing_languages(hint)
    ]


def keys_of(rows) -> set[str]:
    return {row.key for row in rows}


def invalid_response(message=None) -> ValidationError:
    return ValidationError(message or _("This answer does not belong to the question."), code="invalid_response")


__all__ = ["LANGUAGES", "ONE", "ZERO", "Option", "PerGapFields", "QuestionType", "QuestionView", "ResponseClass", "clamp",
           "ordered", "registry"]
