"""GIFT's syntax, shared by the GIFT driver (`quizzes.formats.gift`) and the question types' GIFT hooks.

Escapes, text formats (`[html]`, `[moodle]`, `[plain]`, `[markdown]`), multilang, `%n%` weights, `#` feedback,
numbers; `GiftBlock`, one question's answer block as a type's `import_from_gift` reads it, and `GiftWriter`,
what a type's `export_to_gift` writes its answer block with. Nothing here knows a question type: the rules of
gift.py's docstring that belong to one type live in that type's module (quizzes/question_types/*).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from quizzes.definitions import LANGUAGES, QuestionDef, Text, is_blank
from quizzes.formats.base import ParseResult, answers_over_limit, markdown_html, too_many_answers_message
from quizzes.formats.multilang import join_multilang, language_of, split_multilang
from quizzes.sanitize import clean_html, html_to_text

FORMATS = ("html", "moodle", "plain", "markdown")

# --- Escapes -----------------------------------------------------------------------------------------------
# Like Moodle, escaped characters are swapped for placeholders before the structure is read, so `\{` or `\=`
# never count as syntax, and swapped back in each finished piece of text. The placeholders are private-use
# characters; any already in the file are replaced first so they cannot pose as escapes.
_PLACEHOLDER = {
    "\\": "\ue000", ":": "\ue001", "#": "\ue002", "=": "\ue003",
    "{": "\ue004", "}": "\ue005", "~": "\ue006", "n": "\ue007",
}  # fmt: skip
_PLACEHOLDER_CHARS = re.compile("[\ue000-\ue007]")
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_PLACEHOLDER_OF = _PLACEHOLDER.__getitem__
_RESTORE = str.maketrans({placeholder: "\n" if char == "n" else char for char, placeholder in _PLACEHOLDER.items()})
_HIDE_SPECIALS = str.maketrans({char: _PLACEHOLDER[char] for char in ":#={}~"})
# Multilang markup written without backslashes: `{mlang ar}` tags and the attributes of `<span lang="ar" …>`.
_MLANG_TAG = re.compile(r"\{mlang(?:\s+[A-Za-z_-]+)?\}", re.I)
# (The look-ahead finds `lang=` once per tag; `[^<>]*\blang\s*=[^<>]*>` would try every `lang` in it.)
_SPAN_TAG = re.compile(r"<span\b(?=[^<>]*\blang\s*=)[^<>]*+>", re.I)

# What export escapes: Moodle's `repchar` list.
_WRITE_ESCAPES = str.maketrans({
    "\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": "",
})  # fmt: skip

# --- Numbers -----------------------------------------------------------------------------------------------
_ASCII_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
     "\u066b": ".", "\u2212": "-"}
)  # fmt: skip
# A plain decimal number; the exponent is short so that arithmetic on it cannot overflow.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_WEIGHT = re.compile(r"%(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))%")


class Broken(Exception):
    """The question cannot be read; `message` goes to the report as an error."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class Unsupported(Broken):
    """The question is of a type we do not have; `message` goes to the report as skipped."""


class CannotWrite(Exception):
    """GIFT has no way to write this question; `reason` says why (in the `//` comment written instead)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ============================================================================================================
# Reading
# ============================================================================================================


@dataclass
class GiftBlock:
    """One question's answer block, as a type's `import_from_gift` reads it.

    `answers` is what is inside `{…}` with the general feedback (`####…`) taken off and the escapes still
    hidden, so that `\\=` or `\\~` never count as syntax; the methods read its pieces in the format of the
    question text. `text` and `general_feedback` are read already; `question()` starts a definition with them.
    """

    where: str
    answers: str
    text_format: str
    result: ParseResult
    text: Text = field(default_factory=dict)
    general_feedback: Text = field(default_factory=dict)
    # False for a question with no `{…}` at all (a description); `{}` has a block with no answers (an essay).
    has_block: bool = True

    def question(self, qtype: str) -> QuestionDef:
        """A new definition of `qtype` with what every GIFT question has (the driver adds name and tags)."""
        return QuestionDef(qtype=qtype, text=dict(self.text), general_feedback=dict(self.general_feedback))

    def pieces(self, markers: str, answers: str | None = None) -> list[tuple[str, str]]:
        """The answers split at each marker character, as (marker, text) pairs (see `split_answers`)."""
        return split_answers(self.answers if answers is None else answers, markers)

    @staticmethod
    def weight(piece: str, default: Fraction) -> tuple[Fraction, str]:
        return take_weight(piece, default)

    @staticmethod
    def split_feedback(piece: str) -> tuple[str, str]:
        text, _hash, feedback = piece.partition("#")
        return text, feedback

    def rich(self, raw: str) -> Text:
        """Feedback as clean HTML per language."""
        return rich(raw, self.text_format)

    def plain(self, raw: str) -> Text:
        """A choice, an item or a matching prompt as plain text per language."""
        return plain(raw, self.text_format)

    def html_text(self, raw: str) -> Text:
        """HTML read as plain text whatever the format tag (a matching answer: Moodle reads no tag there)."""
        return languages(restore(raw), html_to_text)

    def as_typed(self, raw: str) -> Text:
        """Text kept as written, per language (accepted answers, compared with what learners type)."""
        _format, text = split_format(raw.strip(), self.text_format)
        return languages(restore(text), str.strip)

    def number_spec(self, raw: str) -> str:
        """A numerical answer's `value`, `value:tolerance` or `min..max`, format tag and escapes removed."""
        _format, spec = split_format(raw.strip(), self.text_format)
        return restore(spec).strip()

    @staticmethod
    def numbers(spec: str) -> tuple[Decimal, Decimal]:
        return numbers(spec)

    def warn(self, message) -> None:
        self.result.warn(self.where, message)

    @staticmethod
    def empty_answer(number: int) -> str:
        return _("Answer %(number)d is empty.") % {"number": number}


def split_answers(answers: str, markers: str) -> list[tuple[str, str]]:
    """Split at each marker character; return (marker, text) pairs.

    Text before the first marker counts as an answer when it is not blank, as in Moodle (`{four}` is a
    short answer "four").
    """
    if answers_over_limit(sum(answers.count(marker) for marker in markers)):
        raise Broken(too_many_answers_message())
    bits = re.split(f"([{re.escape(markers)}])", answers)
    pieces = [("", bits[0])] + list(zip(bits[1::2], bits[2::2], strict=True))
    if not pieces[0][1].strip():
        pieces.pop(0)
    return pieces


def take_weight(piece: str, default: Fraction) -> tuple[Fraction, str]:
    """Return the `%n%` weight at the start of `piece` as a fraction (or `default`), and the rest."""
    piece = piece.strip()
    # Translating digits keeps the length, so the match's end is right in the original too.
    match = _WEIGHT.match(piece.translate(_ASCII_DIGITS))
    if not match:
        return default, piece
    return Fraction(Decimal(match.group(1))) / 100, piece[match.end() :]


def numbers(spec: str) -> tuple[Decimal, Decimal]:
    """Return (value, tolerance) from `value`, `value:tolerance` or `min..max`."""
    spec = spec.translate(_ASCII_DIGITS)
    if spec.find("..") > 0:
        low, high = (_number(bit) for bit in spec.split("..", 1))
        if low > high:
            raise Broken(_("The range “%(range)s” ends before it starts.") % {"range": spec})
        value = (low + high) / 2
        return value, high - value
    if spec.find(":") > 0:
        value, tolerance = (_number(bit) for bit in spec.split(":", 1))
        if tolerance < 0:
            raise Broken(_("The tolerance in “%(answer)s” is negative.") % {"answer": spec})
        return value, tolerance
    return _number(spec), Decimal(0)


def _number(text: str) -> Decimal:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise Broken(_("“%(value)s” is not a number.") % {"value": text})
    return Decimal(text)


# --- Texts ---------------------------------------------------------------------------------------------------


def protect(text: str) -> str:
    """Hide escaped characters (and multilang markup's own `=`, `:`…) so they never count as syntax."""
    text = _PLACEHOLDER_CHARS.sub("\ufffd", text)
    # Split at the escapes and swap each escaped character (the odd pieces) at C speed, not one call per escape.
    pieces = _ESCAPE.split(text)
    pieces[1::2] = map(_PLACEHOLDER_OF, pieces[1::2])
    text = "".join(pieces)
    text = _MLANG_TAG.sub(lambda match: match.group(0).translate(_HIDE_SPECIALS), text)
    return _SPAN_TAG.sub(lambda match: match.group(0).translate(_HIDE_SPECIALS), text)


def restore(text: str) -> str:
    return text.translate(_RESTORE)


def split_format(text: str, default: str) -> tuple[str, str]:
    """Return (format, text) for a text that may start with `[html]`, `[plain]`, … (unknown names are text)."""
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in FORMATS:
            return text[1:end], text[end + 1 :]
    return default, text


def rich(raw: str, default_format: str) -> Text:
    """Question text or feedback, with its own format tag or `default_format`, as clean HTML per language."""
    text_format, text = split_format(raw.strip(), default_format)
    return rich_text(text, text_format)


def rich_text(text: str, text_format: str) -> Text:
    return languages(restore(text), lambda value: _to_html(value, text_format))


def plain(raw: str, default_format: str) -> Text:
    """A choice or matching item as plain text per language."""
    text_format, text = split_format(raw.strip(), default_format)
    return languages(restore(text), lambda value: _to_plain(value, text_format))


def languages(text: str, convert) -> Text:
    """Split multilang markup, convert each language's text, and drop the languages left empty."""
    converted = {code: convert(value) for code, value in split_multilang(text.strip()).items()}
    return {code: value for code, value in converted.items() if value}


def _to_html(text: str, text_format: str) -> str:
    if text_format == "markdown":
        return clean_html(markdown_html(text))
    if text_format == "plain":
        return clean_html(html.escape(text, quote=False).replace("\n", "<br>"))
    if text_format == "moodle":
        # Moodle's own format allows HTML and turns line breaks into <br>.
        return clean_html(text.replace("\n", "<br>"))
    return clean_html(text)


def _to_plain(text: str, text_format: str) -> str:
    if text_format == "plain":
        return text.strip()
    if text_format == "markdown":
        return html_to_text(markdown_html(text))
    return html_to_text(text)


# ============================================================================================================
# Writing
# ============================================================================================================


class GiftWriter:
    """What a type's `export_to_gift` writes its answer block with, for one question.

    Texts are written in `[html]` with multilang spans; choices, items and matching pairs (plain text) are
    HTML-escaped, accepted answers written as they are typed (`typed`).
    """

    def __init__(self, question: QuestionDef):
        self.question = question

    def block(self, lines: list[str], opening: str = "{") -> str:
        """The answer block: `opening`, one line per answer, the general feedback, `}`."""
        general = self.general_feedback("\t")
        lines = lines + ([general] if general else [])
        # A blank line would end the question in the middle of its block.
        return opening + "\n" + "\n".join(lines) + "\n}" if lines else opening + "}"

    def general_feedback(self, indent: str) -> str:
        if is_blank(self.question.general_feedback):
            return ""
        return f"{indent}####{self.rich(self.question.general_feedback)}"

    def feedback(self, feedback: Text) -> str:
        """`#feedback`, or nothing when there is none."""
        written = self.rich(feedback)
        return f"#{written}" if written else ""

    def rich(self, text: Text) -> str:
        # `->` in a short answer's block would make it a matching question; `-&gt;` is the same HTML.
        return guard_format(escape(join(text).replace("->", "-&gt;")))

    def plain(self, text: Text) -> str:
        return guard_format(escape(join_plain(text)))

    def typed(self, text: Text) -> str:
        """Text written as it is (accepted answers): no HTML to hide anything in."""
        return guard_format(escape(join(text)))

    @staticmethod
    def join(text: Text) -> str:
        return join(text)

    @staticmethod
    def join_plain(text: Text) -> str:
        return join_plain(text)

    @staticmethod
    def escape(text: str) -> str:
        return escape(text)

    @staticmethod
    def percent(fraction: Fraction) -> str:
        return percent(fraction)


def join_plain(text: Text) -> str:
    """Plain text, HTML-escaped per language so that it reads back unchanged through the [html] format."""
    return join({code: html.escape(value, quote=False) for code, value in text.items()})


def join(text: Text) -> str:
    """Multilang markup for `text`, like `join_multilang`, but also for one language that its script would
    not give back (English written without Latin letters, Arabic with no Arabic letters)."""
    present = [(code, text[code].strip()) for code in LANGUAGES if (text.get(code) or "").strip()]
    if len(present) == 1:
        code, value = present[0]
        if language_of(re.sub(r"<[^<>]+>", " ", value)) != code:
            return f'<span lang="{code}" class="multilang">{value}</span>'
    return join_multilang(dict(present))


def escape(text: str) -> str:
    return text.translate(_WRITE_ESCAPES)


def guard_format(written: str) -> str:
    """A text that starts with "[" gets an explicit format tag, so "[plain]…" in it is not read as one."""
    return "[html]" + written if written.startswith("[") else written


def percent(fraction: Fraction) -> str:
    """A weight as GIFT writes it; weights that are not whole or terminating percentages get 7 decimals."""
    share = Fraction(fraction) * 100
    if share.denominator == 1:
        return str(share.numerator)
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    if Fraction(exact) == share:
        return format(exact.normalize(), "f")
    return format(round(exact, 7), "f")
