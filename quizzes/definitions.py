"""A question as plain data: what question types validate and grade, and what import formats produce.

Database rows (`Question` and its answer rows) become a `QuestionDef` through `Question.definition()`;
importers build `QuestionDef`s from files and `services.question_create_from_definition` saves them.
Keeping this layer free of the ORM lets the types and formats be tested without a database, and makes
round-trips (export, then import) comparable field by field.

Texts are dicts keyed by language code ("ar", "en"); a missing key or "" means "not written yet".
Fractions are `fractions.Fraction` in [-1, 1] so grading never suffers float rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

Text = dict[str, str]

LANGUAGES = ("ar", "en")
# The shared answer rows (Moodle's `question_answers`, made explicit): a type stores its answers in one of
# these lists (`QuestionType.answer_rows`) and its own settings and data in `options`.
ROW_KINDS = ("choices", "accepted_answers", "numerical_answers", "pairs", "items", "gap_choices")


def text_of(text: Text, language: str) -> str:
    """Return `text` in `language`, falling back to the other language."""
    if text.get(language):
        return text[language]
    for code in LANGUAGES:
        if text.get(code):
            return text[code]
    return ""


def is_blank(text: Text) -> bool:
    return not any((value or "").strip() for value in text.values())


def missing_languages(text: Text) -> list[str]:
    return [code for code in LANGUAGES if not (text.get(code) or "").strip()]


@dataclass
class ChoiceDef:
    """An option of a single-choice, multiple-response or true/false question."""

    text: Text
    fraction: Fraction = Fraction(0)
    feedback: Text = field(default_factory=dict)
    key: str = ""


@dataclass
class AcceptedAnswerDef:
    """An accepted short answer, written in one language or both; `*` is a wildcard."""

    text: Text
    fraction: Fraction = Fraction(1)
    feedback: Text = field(default_factory=dict)
    key: str = ""


@dataclass
class NumericalAnswerDef:
    """A number accepted within ± tolerance (years are the common case)."""

    value: Decimal
    tolerance: Decimal = Decimal(0)
    fraction: Fraction = Fraction(1)
    feedback: Text = field(default_factory=dict)
    key: str = ""


@dataclass
class MatchingPairDef:
    """A prompt and its answer; a pair with a blank prompt is a distractor answer."""

    prompt: Text
    answer: Text
    key: str = ""
    answer_key: str = ""

    @property
    def is_distractor(self) -> bool:
        return is_blank(self.prompt)


@dataclass
class OrderingItemDef:
    """An item to put in order; the list order of `OrderingItemDef`s is the correct order."""

    text: Text
    key: str = ""


@dataclass
class GapChoiceDef:
    """A choice of a select-missing-words or drag-into-text question (Moodle's gapselect and ddwtos).

    `[[n]]` in the question text marks the place of the n-th choice (counted from 1, in list order); the
    choices of the same `group` are the options offered in each other's gaps. An `unlimited` choice may fill
    several gaps (drag into text).
    """

    text: Text
    group: int = 1
    unlimited: bool = False
    key: str = ""


@dataclass
class ImageDef:
    """An image embedded in an imported question (Moodle's base64 `<file>`)."""

    name: str
    content: bytes
    mime_type: str = ""


@dataclass
class QuestionDef:
    qtype: str
    text: Text
    name: str = ""
    general_feedback: Text = field(default_factory=dict)
    explanation: Text = field(default_factory=dict)
    points: Decimal = Decimal(1)
    choices: list[ChoiceDef] = field(default_factory=list)
    accepted_answers: list[AcceptedAnswerDef] = field(default_factory=list)
    numerical_answers: list[NumericalAnswerDef] = field(default_factory=list)
    pairs: list[MatchingPairDef] = field(default_factory=list)
    items: list[OrderingItemDef] = field(default_factory=list)
    gap_choices: list[GapChoiceDef] = field(default_factory=list)
    # The type's own settings and data (JSON): "unit" (numerical), "case_sensitive" (short answer), … A type
    # that needs more than the shared answer rows keeps it here (see `QuestionType.option_fields`).
    options: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    # Slugs of linked `history` events, and difficulty ("easy", "medium", "hard" or "").
    events: list[str] = field(default_factory=list)
    difficulty: str = ""
    # Interactive behaviour (several tries): the hint shown after each wrong try (one more try than hints,
    # as Moodle's interactive behaviour) and the share of the points each extra try costs.
    hints: list[Text] = field(default_factory=list)
    penalty: Fraction = Fraction(1, 3)
    # Where an importer found the question ("line 12", "question 3"), for its report.
    source: str = ""
    images: list[ImageDef] = field(default_factory=list)
    id: int | None = None

    @property
    def type_label(self) -> str:
        """The type's name in the active language ("صواب أو خطأ", not "true_false"), for reports and previews."""
        from quizzes.question_types import registry

        return str(registry.get(self.qtype).label) if self.qtype in registry.names() else self.qtype


# --- JSON snapshots (an attempt freezes the questions it was started with) --------------------------
def to_json(definition: QuestionDef) -> dict:
    """Return `definition` as JSON-friendly data (fractions as "n/d", decimals as strings; no images)."""

    def row(obj) -> dict:
        data = {}
        for name, value in vars(obj).items():
            if isinstance(value, Fraction):
                value = str(value)
            elif isinstance(value, Decimal):
                value = str(value)
            data[name] = value
        return data

    data = row(definition)
    for name in ROW_KINDS:
        data[name] = [row(item) for item in getattr(definition, name)]
    data["images"] = []
    return data


_ROW_TYPES = {
    "choices": ChoiceDef,
    "accepted_answers": AcceptedAnswerDef,
    "numerical_answers": NumericalAnswerDef,
    "pairs": MatchingPairDef,
    "items": OrderingItemDef,
    "gap_choices": GapChoiceDef,
}


def from_json(data: dict) -> QuestionDef:
    """Rebuild a `QuestionDef` written by `to_json`."""

    def convert(cls, values: dict):
        values = dict(values)
        if "fraction" in values:
            values["fraction"] = Fraction(values["fraction"])
        for name in ("value", "tolerance"):
            if name in values:
                values[name] = Decimal(values[name])
        return cls(**values)

    values = dict(data)
    for name, cls in _ROW_TYPES.items():
        values[name] = [convert(cls, item) for item in data.get(name, [])]
    values["points"] = Decimal(values.get("points", "1"))
    if "penalty" in values:
        values["penalty"] = Fraction(values["penalty"])
    values["images"] = []
    return QuestionDef(**values)


def with_keys(definition: QuestionDef) -> QuestionDef:
    """Give every answer row a random key if it has none (generated and imported definitions have none)."""
    import secrets

    for name in ROW_KINDS:
        for row in getattr(definition, name):
            row.key = row.key or secrets.token_hex(4)
            if isinstance(row, MatchingPairDef):
                row.answer_key = row.answer_key or secrets.token_hex(4)
    return definition
