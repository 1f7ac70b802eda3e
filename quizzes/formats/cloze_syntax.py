"""Moodle's embedded answers (Cloze) syntax: reading the gaps out of a question text and writing them back.

A gap is written in the question text as `{weight:CODE:alternatives}` (Moodle's qtype_multianswer,
`qtype_multianswer_extract_question` in question/type/multianswer/questiontype.php, is the model):

- `weight`: a whole number, the gap's share of the question (empty: 1). Arabic-Indic digits are read too.
- `CODE`, in Moodle's long or short form:
  SHORTANSWER / SA / MW (short answer), SHORTANSWER_C / SAC / MWC (case-sensitive), NUMERICAL / NM,
  MULTICHOICE / MC (a dropdown), MULTICHOICE_V / MCV (vertical radio buttons), MULTICHOICE_H / MCH (horizontal),
  MULTICHOICE_S / MCS, MULTICHOICE_VS / MCVS, MULTICHOICE_HS / MCHS (the same, shuffled),
  MULTIRESPONSE / MR (vertical checkboxes), MULTIRESPONSE_H / MRH, MULTIRESPONSE_S / MRS, MULTIRESPONSE_HS / MRHS.
- alternatives separated by `~`, each `[=|%n%]answer[#feedback]`: `=` is 100 %, `%50%` a weight (decimal and
  negative weights too, `٪` as well as `%`), none is 0 %. A numerical answer is `value[:tolerance]` (Moodle's
  number: a comma is a decimal separator) or `*` (any other number).
- escapes: `\\}` `\\#` `\\~` `\\/` `\\"` `\\\\` (and `\\{`) stand for the character; an answer ends at the first `~`, `#`
  or `}` that is not escaped (a `#` right after `&` belongs to an HTML entity such as `&#39;`), its feedback
  at the first `~` or `}`.
- Multiple response: as Moodle, the right answers' fractions are scaled to add up to 100 %, and when no answer
  carries a `%n%` weight each wrong answer costs as much as one right answer is worth.

The text is HTML: answers are returned as written there (entities and tags included; the question type turns
them into plain text), feedback as HTML. `parse` returns the text with each gap replaced by `{#n}` (Moodle's
placeholders), the gaps, and what could not be read (an unclosed gap, an unknown code, an empty answer, a
number that is not one); whether the gaps make a usable question (enough choices, a fully right answer) is the
question type's business. `write_gap` writes a gap back in canonical form (short codes, `=` for 100 %), so
parse → write → parse gives the same gaps. Pure functions over strings: no models, no database.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from bilingual.folding import normalise
from quizzes.formats.moodlexml_syntax import decimal_text, percent, read_decimal

SHORT_ANSWER = "short_answer"
NUMERICAL = "numerical"
CHOICE = "choice"
KINDS = (SHORT_ANSWER, NUMERICAL, CHOICE)
DROPDOWN, VERTICAL, HORIZONTAL = "dropdown", "vertical", "horizontal"
LAYOUTS = (DROPDOWN, VERTICAL, HORIZONTAL)
ANY_NUMBER = "*"


@dataclass(frozen=True)
class GapCode:
    kind: str
    case_sensitive: bool = False
    layout: str = DROPDOWN
    shuffle: bool = False
    multiple: bool = False


def _codes() -> tuple[dict[str, GapCode], dict[GapCode, str]]:
    codes, written = {}, {}
    for names, code in [
        (("SHORTANSWER", "SA", "MW"), GapCode(SHORT_ANSWER)),
        (("SHORTANSWER_C", "SAC", "MWC"), GapCode(SHORT_ANSWER, case_sensitive=True)),
        (("NUMERICAL", "NM"), GapCode(NUMERICAL)),
        (("MULTICHOICE", "MC"), GapCode(CHOICE)),
        (("MULTICHOICE_V", "MCV"), GapCode(CHOICE, layout=VERTICAL)),
        (("MULTICHOICE_H", "MCH"), GapCode(CHOICE, layout=HORIZONTAL)),
        (("MULTICHOICE_S", "MCS"), GapCode(CHOICE, shuffle=True)),
        (("MULTICHOICE_VS", "MCVS"), GapCode(CHOICE, layout=VERTICAL, shuffle=True)),
        (("MULTICHOICE_HS", "MCHS"), GapCode(CHOICE, layout=HORIZONTAL, shuffle=True)),
        (("MULTIRESPONSE", "MR"), GapCode(CHOICE, layout=VERTICAL, multiple=True)),
        (("MULTIRESPONSE_H", "MRH"), GapCode(CHOICE, layout=HORIZONTAL, multiple=True)),
        (("MULTIRESPONSE_S", "MRS"), GapCode(CHOICE, layout=VERTICAL, shuffle=True, multiple=True)),
        (("MULTIRESPONSE_HS", "MRHS"), GapCode(CHOICE, layout=HORIZONTAL, shuffle=True, multiple=True)),
    ]:
        for name in names:
            codes[name] = code
        written[code] = names[1]
    return codes, written


# Every code Moodle reads, and the short form `write_gap` writes.
CODES, WRITTEN = _codes()

DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
# A gap opens with `{weight:CODE:` (or `{weight:CODE}`, a gap with no answers, which Moodle ignores but an
# author means as a gap). Codes are upper case, as in Moodle; an unknown one is reported, not taken for text.
GAP_START = re.compile(rf"\{{([{DIGITS}]*):([A-Z][A-Z_]*)(:|(?=\}}))")
PLACEHOLDER = re.compile(r"\{#(\d+)\}")
FRACTION = re.compile(rf"^(?:(=)|[%٪](-?[{DIGITS}]+(?:[.,٫][{DIGITS}]*)?)[%٪])")
NUMBER = r"-?(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?"
NUMERICAL_ANSWER = re.compile(rf"^({NUMBER})(?::({NUMBER}))?$")
ESCAPED = re.compile(r"\\([{}#~/\"\\])")


@dataclass
class Alternative:
    """One answer of a gap: its text as written in the HTML (syntax escapes undone), fraction and feedback."""

    text: str
    fraction: Fraction = Fraction(0)
    feedback: str = ""
    # Numerical gaps: the value (None for `*`, any other number) and the tolerance.
    value: Decimal | None = None
    tolerance: Decimal = Decimal(0)


@dataclass
class Gap:
    kind: str
    weight: int = 1
    case_sensitive: bool = False
    layout: str = DROPDOWN
    shuffle: bool = False
    multiple: bool = False
    answers: list[Alternative] = field(default_factory=list)

    @property
    def code(self) -> GapCode:
        return GapCode(self.kind, self.case_sensitive and self.kind == SHORT_ANSWER,
                       self.layout if self.kind == CHOICE else DROPDOWN,
                       self.shuffle and self.kind == CHOICE, self.multiple and self.kind == CHOICE)


@dataclass
class Problem:
    """What could not be read: `gap` is the gap's number (1, 2, …), 0 for the text as a whole."""

    gap: int
    message: str
    code: str


@dataclass
class Parsed:
    text: str
    gaps: list[Gap] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- reading ------------------------------------------------------------------------------------------
def parse(text: str) -> Parsed:
    """Read every gap of `text`; return the text with `{#n}` in place of gap n, the gaps, and the problems."""
    pieces: list[str] = []
    gaps: list[Gap] = []
    problems: list[Problem] = []
    position = 0
    while True:
        match = GAP_START.search(text, position)
        if match is None:
            break
        number = len(gaps) + 1
        code = CODES.get(match.group(2))
        if code is None:
            problems.append(Problem(number, _("“%(code)s” is not a kind of gap; use SA, SAC, NM, MC, MCV, MCH, "
                                              "MCS, MCVS, MCHS, MR, MRH, MRS or MRHS.") % {"code": match.group(2)},
                                    "unknown_kind"))
        end = _closing_brace(text, match.end())
        if end is None:
            problems.append(Problem(number, _("the gap is not closed: a “}” is missing."), "unclosed"))
            break
        weight = int(normalise(match.group(1)) or "1")
        gap = Gap(kind=code.kind if code else SHORT_ANSWER, weight=weight, case_sensitive=code.case_sensitive
                  if code else False, layout=code.layout if code else DROPDOWN, shuffle=code.shuffle if code else False,
                  multiple=code.multiple if code else False)
        body = text[match.end():end] if match.group(3) == ":" else ""
        problems += _read_alternatives(gap, body, number)
        gaps.append(gap)
        pieces += [text[position:match.start()], "{#%d}" % number]
        position = end + 1
    pieces.append(text[position:])
    return Parsed(text="".join(pieces), gaps=gaps, problems=problems)


def _closing_brace(text: str, start: int) -> int | None:
    """The index of the `}` that closes a gap whose alternatives start at `start` (escaped braces skipped)."""
    index = start
    while index < len(text):
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character == "}":
            return index
        index += 1
    return None


def _split(body: str, separator: str) -> list[str]:
    """`body` split at each `separator` that is not escaped."""
    parts, start, index = [], 0, 0
    while index < len(body):
        character = body[index]
        if character == "\\":
            index += 2
            continue
        if character == separator:
            parts.append(body[start:index])
            start = index + 1
        index += 1
    parts.append(body[start:])
    return parts


def _ends_with_ampersand(body: str, index: int) -> bool:
    return body[:index].endswith("&") or body[:index].endswith("&amp;")


def _first_feedback_mark(alternative: str) -> int | None:
    index = 0
    while index < len(alternative):
        character = alternative[index]
        if character == "\\":
            index += 2
            continue
        if character == "#" and not _ends_with_ampersand(alternative, index):
            return index
        index += 1
    return None


def unescape(value: str) -> str:
    return ESCAPED.sub(r"\1", value)


def _read_alternatives(gap: Gap, body: str, number: int) -> list[Problem]:
    problems = []
    any_weight = False
    # Moodle reads a `~` before the first answer too (`{1:MR:~=a~=b~c}`).
    body = body[1:] if body.startswith("~") else body
    for position, alternative in enumerate(_split(body, "~") if body else [], start=1):
        weight = FRACTION.match(alternative)
        fraction = Fraction(0)
        if weight:
            if weight.group(1):
                fraction = Fraction(1)
            else:
                fraction = Fraction(normalise(weight.group(2)).replace(",", ".")) / 100
                any_weight = True
            alternative = alternative[weight.end():]
        mark = _first_feedback_mark(alternative)
        answer, feedback = (alternative, "") if mark is None else (alternative[:mark], alternative[mark + 1:])
        found = Alternative(text=unescape(answer).strip(), fraction=fraction, feedback=unescape(feedback).strip())
        if not html.unescape(found.text).strip():
            problems.append(Problem(number, _("answer %(answer)d is empty.") % {"answer": position}, "empty_answer"))
            continue
        if gap.kind == NUMERICAL and not _read_number(found):
            problems.append(Problem(
                number, _("the answer “%(value)s” must be a number, for example -1.234 or 3e8, or “*”.")
                % {"value": html.unescape(found.text)[:40]}, "not_a_number"))
            continue
        gap.answers.append(found)
    if gap.kind == CHOICE and gap.multiple:
        _scale_multiple_response(gap.answers, any_weight)
    return problems


def _read_number(alternative: Alternative) -> bool:
    """Set the value and tolerance of a numerical answer; False when it is not a number (nor `*`)."""
    written = normalise(html.unescape(alternative.text)).replace(" ", "")
    if written == ANY_NUMBER:
        alternative.value = None
        return True
    match = NUMERICAL_ANSWER.match(written)
    if not match:
        return False
    value = read_decimal(match.group(1).replace(",", "."))
    tolerance = read_decimal(match.group(2).replace(",", ".")) if match.group(2) else Decimal(0)
    if value is None or tolerance is None or tolerance < 0:
        return False
    alternative.value, alternative.tolerance = value, tolerance
    return True


def _scale_multiple_response(answers: list[Alternative], any_weight: bool) -> None:
    """Moodle's reading of a multiple-response gap: right fractions scaled to add up to 100 %; without any
    `%n%` weight, each wrong answer costs what one right answer gives."""
    total = sum((answer.fraction for answer in answers if answer.fraction > 0), Fraction(0))
    if not total:
        return
    for answer in answers:
        if answer.fraction > 0:
            answer.fraction = answer.fraction / total
        elif not any_weight:
            answer.fraction = -1 / total


def placeholders(text: str) -> list[int]:
    """The gap numbers of the `{#n}` placeholders in `text`, in order."""
    return [int(number) for number in PLACEHOLDER.findall(text)]


# --- writing ------------------------------------------------------------------------------------------
def escape_answer(value: str) -> str:
    """An answer's text (as it stands in the HTML) written inside a gap."""
    return re.sub(r"([\\}~#])", r"\\\1", value)


def escape_feedback(value: str) -> str:
    """Feedback (HTML) written inside a gap: it ends at `~` or `}`, so `#` may stay as it is."""
    return re.sub(r"([\\}~])", r"\\\1", value)


def write_gap(gap: Gap) -> str:
    """`gap` in Moodle's syntax, in canonical form: `{weight:CODE:=right~%50%partly#feedback~wrong}`."""
    alternatives = []
    for answer in gap.answers:
        if gap.kind == NUMERICAL:
            text = ANY_NUMBER if answer.value is None else decimal_text(answer.value)
            if answer.value is not None and answer.tolerance:
                text += ":" + decimal_text(answer.tolerance)
        else:
            text = escape_answer(answer.text)
        alternatives.append(_written_fraction(answer.fraction, text, explicit=gap.multiple and gap.kind == CHOICE)
                            + text + ("#" + escape_feedback(answer.feedback) if answer.feedback else ""))
    return "{%d:%s:%s}" % (gap.weight, WRITTEN[gap.code], "~".join(alternatives))


def _written_fraction(fraction: Fraction, text: str, *, explicit: bool) -> str:
    # Multiple response writes every weight, so reading it back scales nothing; `%0%` keeps an answer that
    # starts with "=" or "%" from being read as a weight.
    if fraction == 1 and not explicit:
        return "="
    if fraction == 0 and not explicit and not text.startswith(("=", "%", "٪")):
        return ""
    return f"%{percent(fraction)}%"


def write_text(text: str, gaps: dict[int, str]) -> str:
    """`text` with each `{#n}` replaced by `gaps[n]` (placeholders of no gap stay as they are)."""
    return PLACEHOLDER.sub(lambda match: gaps.get(int(match.group(1)), match.group(0)), text)
