"""Moodle's GIFT text format: `parse` imports a GIFT file, `export` writes one.

GIFT (https://docs.moodle.org/en/GIFT_format) is the plain-text format teachers write by hand. The parser is
hand-written and follows Moodle's own importer (question/format/gift/format.php in moodle/moodle) rule by rule:
no Python library reads GIFT well (the few on PyPI are unmaintained and drop escapes, weights, feedback or
formats, and none reports problems per question), and the grammar is small enough to read directly.

What is read
- Questions are separated by blank lines (so, as in Moodle, a blank line inside `{…}` ends the question and
  leaves the brace unclosed). Lines starting with `//` are comments; `[tag:name]` in a question's
  comment lines (the convention of Moodle's own GIFT export, `// [tag:ww1] [tag:ottoman]`) become its tags.
- `::title::` is the question's name. `[html]`, `[moodle]`, `[plain]` and `[markdown]` in front of a text give
  its format; answers and feedback default to the question text's format, the question text to `[moodle]`.
  Question text and feedback become clean HTML (`clean_html`): html as is, markdown through the `markdown`
  package, plain escaped, moodle kept as HTML the way Moodle shows it (plain and moodle turn line breaks into
  `<br>`). Choices and matching pairs are stored as plain text (`html_to_text`); accepted short answers are
  kept as written, since learners' typing is compared with them.
- Every text goes through `split_multilang`: multilang `<span lang="ar" class="multilang">` markup and
  multilang2 `{mlang ar}…{mlang}` markup become {"ar", "en"}; one-language text goes to the field of its script.
  `{mlang …}` tags need no backslashes, and `= ~ # : { }` inside a `<span lang=…>` tag need none either
  (Moodle would want them escaped; we are lenient because bilingual files are written by hand).
- Escapes `\\~ \\= \\# \\{ \\} \\: \\\\` and `\\n` (a line break).
- Types, detected from the answer block `{…}` in Moodle's order:
  `{}` essay and text without a block (a "description") are skipped; `{#…}` numerical; a block with `~` is
  multiple choice: single_choice when it has a `=` answer (other answers may carry `~%n%` partial credit),
  else multiple_response (Moodle's "multiple answers"); `=` and `->` is matching (`= -> x` is a distractor);
  `{T}`, `{TRUE}`, `{F}`, `{FALSE}` (upper case, as in Moodle) is true/false; any other `=` block is short answer
  (`*` wildcards kept; a leading answer without `=`, as in `{four}`, counts too, as in Moodle).
- `%n%` weights (also decimal and negative), `#` answer feedback, `####` general feedback.
- An answer block in the middle of the text is a "missing word" question: the text before and after is joined
  with "_____". Stray quotes and semicolons after the block (`}";`) are ignored with a warning.
- `$CATEGORY: $course$/top/Sub` (the line only): the path without its `$context$/` prefix ("top/Sub") goes to
  `ParseResult.categories` and every later question gets the tag "category:top/Sub". `$CATEGORY: $course$`
  alone goes back to no category.

Decisions
- True/false feedback: `{TRUE#first#second}` follows Moodle: the first feedback is shown for the wrong answer
  and the second for the right one, so the first goes on the wrong ChoiceDef and the second on the right one.
- Numerical: `a:t` is value a ± t; `min..max` becomes the midpoint ± half the width. A `~` answer with a number
  (`~1900:10#close, but wrong`) is kept with fraction 0; a `~#feedback` catch-all ("any other answer") has no
  place in NumericalAnswerDef, so it is dropped with a warning (Moodle stores it as a `*` answer).
  Arabic-Indic digits (٠-٩ and ۰-۹), the Arabic decimal separator ٫ and − are accepted in numbers and weights.
- Counts and fractions (two choices at least, one right answer, weights within ±100%) are left to the question
  types' validation; only what cannot be read is an error (unclosed braces or title, two answer blocks, a
  matching pair without `->`, an empty answer, a number that is not a number, a range that ends before it
  starts, a negative tolerance). Each problem's `where` is "line N", or 'line N (“title”)', N being the
  question's first line that is not a comment.
- A file that is empty, not UTF-8 text, has NUL characters, is over MAX_IMPORT_BYTES or holds no question at
  all raises FormatError; nothing else is raised.

Export writes GIFT that Moodle imports and that `parse` reads back to equal QuestionDefs (type, name, texts,
general feedback, tags, choices, answers, numerical answers, pairs and their fractions and feedback). Texts are
written in `[html]` with multilang spans; choices and pairs are HTML-escaped, accepted answers written as they
are; a one-language text whose script would send it to the other field is also wrapped in a span. Tags are
written as `// [tag:…]`; a "category:" tag that is a question's last tag becomes a `$CATEGORY:` line instead.
GIFT has no ordering type: an ordering question becomes a `//` comment saying it was skipped; so does a short
answer question with "->" in an accepted answer (answers are written as typed, and `=` with `->` in a block
means matching; in every other text "->" is written as the equivalent HTML "-&gt;"). Not carried: points,
explanation, options, events, difficulty and images. Weights that are not whole or terminating percentages
(1/3) are written with 7 decimals, so they come back rounded.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import markdown
from django.utils.translation import gettext as _

from bilingual.scripts import detect_language
from quizzes.definitions import (
    LANGUAGES,
    AcceptedAnswerDef,
    ChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    QuestionDef,
    Text,
    is_blank,
)
from quizzes.formats.base import MAX_IMPORT_BYTES, FormatError, ParseResult, unsupported_type_message
from quizzes.formats.multilang import join_multilang, split_multilang
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT
from quizzes.sanitize import clean_html, html_to_text

FORMATS = ("html", "moodle", "plain", "markdown")
MISSING_WORD = "_____"
TRUE_WORDS = ("T", "TRUE")
TRUE_FALSE_WORDS = ("T", "TRUE", "F", "FALSE")

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
_RESTORE = str.maketrans({placeholder: "\n" if char == "n" else char for char, placeholder in _PLACEHOLDER.items()})
_HIDE_SPECIALS = str.maketrans({char: _PLACEHOLDER[char] for char in ":#={}~"})
# Multilang markup written without backslashes: `{mlang ar}` tags and the attributes of `<span lang="ar" …>`.
_MLANG_TAG = re.compile(r"\{mlang(?:\s+[A-Za-z_-]+)?\}", re.I)
_SPAN_TAG = re.compile(r"<span\b[^<>]*\blang\s*=[^<>]*>", re.I)

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

_CATEGORY_PREFIX = "$CATEGORY:"
_CATEGORY_CONTEXT = re.compile(r"^\$[A-Za-z]+\$(?:/|$)")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]])*)\]")
# Left after a closing brace by code that wrote the file (`}";`): not text anyone meant to write.
_JUNK_CHARS = set("\"';")


class _Broken(Exception):
    """The question cannot be read; `message` goes to the report as an error."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class _Unsupported(_Broken):
    """The question is of a type we do not have; `message` goes to the report as skipped."""


@dataclass
class _Block:
    """The lines of one question: what sits between blank lines."""

    lines: list[tuple[int, str]] = field(default_factory=list)  # (1-based line number, stripped text)
    comments: list[str] = field(default_factory=list)


@dataclass
class _Question:
    """What every question type reads from: the parts of one question, escapes still hidden."""

    where: str
    answers: str  # inside the braces, general feedback removed
    text_format: str
    result: ParseResult


# ============================================================================================================
# Import
# ============================================================================================================


def parse(text: str) -> ParseResult:
    """Read GIFT `text`; raise FormatError only when the file as a whole cannot be read."""
    text = _readable_text(text)
    result = ParseResult()
    category = ""
    for block in _blocks(text):
        lines = block.lines
        if lines and lines[0][1].startswith(_CATEGORY_PREFIX):
            category = _read_category(lines[0][1], result)
            lines = lines[1:]
        if lines:
            tags = _comment_tags(block.comments)
            if category and f"category:{category}" not in tags:
                tags.append(f"category:{category}")
            _read_question(lines, tags, result)
    if not (result.questions or result.skipped or result.errors or result.categories):
        raise FormatError(_("No GIFT questions were found in the file."))
    return result


def _readable_text(text) -> str:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FormatError(_("The file is not UTF-8 text.")) from error
    if not isinstance(text, str):
        raise FormatError(_("The file is not text."))
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # lone surrogates: not text that came from a real file
        raise FormatError(_("The file is not text.")) from error
    if "\x00" in text:
        raise FormatError(_("The file is not text."))
    if size > MAX_IMPORT_BYTES:
        raise FormatError(_("The file is larger than %(limit)d MB.") % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)})
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FormatError(_("The file is empty."))
    return text


def _blocks(text: str):
    """Yield the file's questions as blocks of stripped lines, separated by blank lines (as Moodle does)."""
    block = _Block()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if block.lines or block.comments:
                yield block
            block = _Block()
        elif line.startswith("//"):
            block.comments.append(line)
        else:
            block.lines.append((number, line))
    if block.lines or block.comments:
        yield block


def _read_category(line: str, result: ParseResult) -> str:
    """Return the category path of a `$CATEGORY:` line without its `$course$/` prefix, and record it."""
    path = _restore(_protect(line[len(_CATEGORY_PREFIX) :])).strip()
    path = _CATEGORY_CONTEXT.sub("", path).strip().strip("/").strip()
    if path and path not in result.categories:
        result.categories.append(path)
    return path


def _comment_tags(comments: list[str]) -> list[str]:
    tags = []
    for comment in comments:
        for raw in _TAG.findall(comment):
            tag = raw.replace("\\]", "]").strip()
            if tag and tag not in tags:
                tags.append(tag)
    return tags


def _read_question(lines: list[tuple[int, str]], tags: list[str], result: ParseResult) -> None:
    """Add the question in `lines` to `result`: as a QuestionDef, skipped, or as an error."""
    body = _protect("\n".join(line for _number, line in lines))
    where = _where(lines[0][0], "")
    try:
        name, body = _split_title(body)
        where = _where(lines[0][0], name)
        question = _question(body, where, result)
    except _Unsupported as problem:
        result.skip(where, problem.message)
        return
    except _Broken as problem:
        result.error(where, problem.message)
        return
    question.name = name
    question.tags = tags
    question.source = where
    result.questions.append(question)


def _where(line: int, name: str) -> str:
    if name:
        return _("line %(line)d (“%(name)s”)") % {"line": line, "name": name}
    return _("line %(line)d") % {"line": line}


def _split_title(body: str) -> tuple[str, str]:
    """Return (name, the rest) for a question that may start with `::name::`."""
    if not body.startswith("::"):
        return "", body
    end = body.find("::", 2)
    if end < 0:
        raise _Broken(_("The question title is not closed with “::”."))
    return _restore(body[2:end]).strip(), body[end + 2 :].strip()


def _question(body: str, where: str, result: ParseResult) -> QuestionDef:
    before, answers, after = _split_answer_block(body)
    if answers is None:
        raise _Unsupported(unsupported_type_message("description"))
    if _is_junk(after):
        result.warn(where, _("“%(junk)s” after the answer block was ignored.") % {"junk": _restore(after.strip())})
        after = ""
    question_text = before + (MISSING_WORD + after if after.strip() else "")
    text_format, question_text = _split_format(question_text.strip(), "moodle")

    answers = answers.strip()
    general_feedback = ""
    separator = answers.rfind("####")
    if separator >= 0:
        answers, general_feedback = answers[:separator].strip(), answers[separator + 4 :]

    parts = _Question(where=where, answers=answers, text_format=text_format, result=result)
    question = _typed_question(parts)
    question.text = _rich_text(question_text, text_format)
    question.general_feedback = _rich(general_feedback, text_format)
    return question


def _split_answer_block(body: str) -> tuple[str, str | None, str]:
    """Return (text before, inside, text after) the `{…}` block; inside is None when there is no block."""
    opens, closes = body.count("{"), body.count("}")
    if not opens and not closes:
        return body, None, ""
    if not closes:
        raise _Broken(_("“{” opens an answer block that is not closed with “}”."))
    if not opens:
        raise _Broken(_("“}” closes an answer block that was not opened with “{”."))
    if opens > 1 or closes > 1:
        raise _Broken(_("A question has only one answer block {…}; write other braces as \\{ and \\}."))
    start, end = body.index("{"), body.index("}")
    if end < start:
        raise _Broken(_("“}” comes before “{”."))
    return body[:start], body[start + 1 : end], body[end + 1 :]


def _is_junk(after: str) -> bool:
    stripped = after.strip()
    return bool(stripped) and set(stripped) <= _JUNK_CHARS


def _typed_question(parts: _Question) -> QuestionDef:
    """Tell the type from the answer block, in Moodle's order, and read the answers."""
    answers = parts.answers
    if not answers:
        raise _Unsupported(unsupported_type_message("essay"))
    if answers.startswith("#"):
        return _numerical(parts)
    if "~" in answers:
        return _multiple_choice(parts)
    if "=" in answers and "->" in answers:
        return _matching(parts)
    if answers.split("#", 1)[0].strip() in TRUE_FALSE_WORDS:
        return _true_false(parts)
    return _short_answer(parts)


def _multiple_choice(parts: _Question) -> QuestionDef:
    pieces = _split_answers(parts.answers, "=~")
    choices = []
    for number, (marker, piece) in enumerate(pieces, start=1):
        if marker == "=":
            # As in Moodle, a `=` answer is fully right; only `~` answers carry %weights%.
            fraction, piece = Fraction(1), piece.strip()
        else:
            fraction, piece = _take_weight(piece, Fraction(0))
        text, feedback = _split_feedback(piece)
        choice = ChoiceDef(
            text=_plain(text, parts.text_format), fraction=fraction, feedback=_rich(feedback, parts.text_format)
        )
        if is_blank(choice.text):
            raise _Broken(_empty_answer(number))
        choices.append(choice)
    single = any(marker == "=" for marker, _piece in pieces)
    return QuestionDef(qtype="single_choice" if single else "multiple_response", text={}, choices=choices)


def _true_false(parts: _Question) -> QuestionDef:
    word, *feedbacks = parts.answers.split("#", 2)
    wrong = _rich(feedbacks[0], parts.text_format) if feedbacks else {}
    right = _rich(feedbacks[1], parts.text_format) if len(feedbacks) > 1 else {}
    is_true = word.strip() in TRUE_WORDS
    true_feedback, false_feedback = (right, wrong) if is_true else (wrong, right)
    true_choice = ChoiceDef(text=dict(TRUE_TEXT), fraction=Fraction(is_true), feedback=true_feedback)
    false_choice = ChoiceDef(text=dict(FALSE_TEXT), fraction=Fraction(not is_true), feedback=false_feedback)
    return QuestionDef(qtype="true_false", text={}, choices=[true_choice, false_choice])


def _short_answer(parts: _Question) -> QuestionDef:
    answers = []
    for number, (_marker, piece) in enumerate(_split_answers(parts.answers, "="), start=1):
        fraction, piece = _take_weight(piece, Fraction(1))
        text, feedback = _split_feedback(piece)
        # Accepted answers are compared with what learners type, so they are kept as written (no HTML).
        _format, text = _split_format(text.strip(), parts.text_format)
        answer = AcceptedAnswerDef(
            text=_languages(_restore(text), str.strip), fraction=fraction, feedback=_rich(feedback, parts.text_format)
        )
        if is_blank(answer.text):
            raise _Broken(_empty_answer(number))
        answers.append(answer)
    return QuestionDef(qtype="short_answer", text={}, accepted_answers=answers)


def _matching(parts: _Question) -> QuestionDef:
    pairs = []
    for number, (_marker, piece) in enumerate(_split_answers(parts.answers, "="), start=1):
        if "->" not in piece:
            raise _Broken(_("Pair %(number)d has no “->” between the item and its match.") % {"number": number})
        prompt, answer = piece.split("->", 1)
        # Moodle reads a format tag on the item but not on the match, which is plain text.
        pair = MatchingPairDef(
            prompt=_plain(prompt, parts.text_format), answer=_languages(_restore(answer), html_to_text)
        )
        if is_blank(pair.answer):
            raise _Broken(_("Pair %(number)d has nothing after “->”.") % {"number": number})
        pairs.append(pair)
    return QuestionDef(qtype="matching", text={}, pairs=pairs)


def _numerical(parts: _Question) -> QuestionDef:
    answers = []
    for marker, piece in _split_answers(parts.answers[1:], "=~"):
        fraction, piece = _take_weight(piece, Fraction(0) if marker == "~" else Fraction(1))
        spec, feedback = _split_feedback(piece)
        _format, spec = _split_format(spec.strip(), parts.text_format)
        spec = _restore(spec).strip()
        if spec in ("", "*"):
            # "Any other answer" feedback: NumericalAnswerDef holds numbers only.
            if feedback.strip():
                parts.result.warn(parts.where, _("The feedback for any other answer was dropped: it cannot be stored."))
            continue
        value, tolerance = _numbers(spec)
        answers.append(
            NumericalAnswerDef(
                value=value, tolerance=tolerance, fraction=fraction, feedback=_rich(feedback, parts.text_format)
            )
        )
    if not answers:
        raise _Broken(_("The numerical question has no answer."))
    return QuestionDef(qtype="numerical", text={}, numerical_answers=answers)


def _numbers(spec: str) -> tuple[Decimal, Decimal]:
    """Return (value, tolerance) from `value`, `value:tolerance` or `min..max`."""
    spec = spec.translate(_ASCII_DIGITS)
    if spec.find("..") > 0:
        low, high = (_number(bit) for bit in spec.split("..", 1))
        if low > high:
            raise _Broken(_("The range “%(range)s” ends before it starts.") % {"range": spec})
        value = (low + high) / 2
        return value, high - value
    if spec.find(":") > 0:
        value, tolerance = (_number(bit) for bit in spec.split(":", 1))
        if tolerance < 0:
            raise _Broken(_("The tolerance in “%(answer)s” is negative.") % {"answer": spec})
        return value, tolerance
    return _number(spec), Decimal(0)


def _number(text: str) -> Decimal:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise _Broken(_("“%(value)s” is not a number.") % {"value": text})
    return Decimal(text)


def _empty_answer(number: int) -> str:
    return _("Answer %(number)d is empty.") % {"number": number}


# --- Pieces of the answer block -----------------------------------------------------------------------------


def _split_answers(answers: str, markers: str) -> list[tuple[str, str]]:
    """Split at each marker character; return (marker, text) pairs.

    Text before the first marker counts as an answer when it is not blank, as in Moodle (`{four}` is a
    short answer "four").
    """
    bits = re.split(f"([{re.escape(markers)}])", answers)
    pieces = [("", bits[0])] + list(zip(bits[1::2], bits[2::2], strict=True))
    if not pieces[0][1].strip():
        pieces.pop(0)
    return pieces


def _take_weight(piece: str, default: Fraction) -> tuple[Fraction, str]:
    """Return the `%n%` weight at the start of `piece` as a fraction (or `default`), and the rest."""
    piece = piece.strip()
    # Translating digits keeps the length, so the match's end is right in the original too.
    match = _WEIGHT.match(piece.translate(_ASCII_DIGITS))
    if not match:
        return default, piece
    return Fraction(Decimal(match.group(1))) / 100, piece[match.end() :]


def _split_feedback(piece: str) -> tuple[str, str]:
    text, _hash, feedback = piece.partition("#")
    return text, feedback


# --- Texts ---------------------------------------------------------------------------------------------------


def _protect(text: str) -> str:
    text = _PLACEHOLDER_CHARS.sub("\ufffd", text)
    text = _ESCAPE.sub(lambda match: _PLACEHOLDER[match.group(1)], text)
    text = _MLANG_TAG.sub(lambda match: match.group(0).translate(_HIDE_SPECIALS), text)
    return _SPAN_TAG.sub(lambda match: match.group(0).translate(_HIDE_SPECIALS), text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _split_format(text: str, default: str) -> tuple[str, str]:
    """Return (format, text) for a text that may start with `[html]`, `[plain]`, … (unknown names are text)."""
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in FORMATS:
            return text[1:end], text[end + 1 :]
    return default, text


def _rich(raw: str, default_format: str) -> Text:
    """Question text or feedback, with its own format tag or `default_format`, as clean HTML per language."""
    text_format, text = _split_format(raw.strip(), default_format)
    return _rich_text(text, text_format)


def _rich_text(text: str, text_format: str) -> Text:
    return _languages(_restore(text), lambda value: _to_html(value, text_format))


def _plain(raw: str, default_format: str) -> Text:
    """A choice or matching item as plain text per language."""
    text_format, text = _split_format(raw.strip(), default_format)
    return _languages(_restore(text), lambda value: _to_plain(value, text_format))


def _languages(text: str, convert) -> Text:
    """Split multilang markup, convert each language's text, and drop the languages left empty."""
    converted = {code: convert(value) for code, value in split_multilang(text.strip()).items()}
    return {code: value for code, value in converted.items() if value}


def _to_html(text: str, text_format: str) -> str:
    if text_format == "markdown":
        return clean_html(markdown.markdown(text))
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
        return html_to_text(markdown.markdown(text))
    return html_to_text(text)


# ============================================================================================================
# Export
# ============================================================================================================


def export(questions: list[QuestionDef]) -> str:
    """Write `questions` as GIFT; a question GIFT cannot hold (ordering) becomes a comment line saying so."""
    parts = []
    category = ""
    for question in questions:
        writer = _WRITERS.get(question.qtype)
        if writer is None:
            parts.append(_skipped_comment(question, ""))
            continue
        wanted, tags = _category_and_tags(question)
        try:
            written = _write_question(question, tags, writer)
        except _CannotWrite as problem:
            parts.append(_skipped_comment(question, problem.reason))
            continue
        if wanted != category:
            # `$CATEGORY: $course$` alone takes later questions back to no category.
            parts.append(f"{_CATEGORY_PREFIX} $course$/{wanted}" if wanted else f"{_CATEGORY_PREFIX} $course$")
            category = wanted
        parts.append(written)
    return "\n\n".join(parts) + "\n" if parts else ""


class _CannotWrite(Exception):
    """GIFT has no way to write this question; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _skipped_comment(question: QuestionDef, reason: str) -> str:
    label = question.name or html_to_text(next((question.text[c] for c in LANGUAGES if question.text.get(c)), ""))
    label = " ".join(label.split())[:60]
    because = f" ({reason})" if reason else ""
    return f"// {question.qtype} question “{label}” cannot be written in GIFT{because}; skipped"


def _category_and_tags(question: QuestionDef) -> tuple[str, list[str]]:
    """Return (category path to write as `$CATEGORY:`, tags to write as `[tag:]`).

    `parse` puts the category tag last, so only a last, single "category:" tag is written as `$CATEGORY:`;
    any other is written as a tag, which reads back the same.
    """
    tags = list(question.tags)
    categories = [tag for tag in tags if tag.startswith("category:")]
    if len(categories) == 1 and tags[-1] == categories[0]:
        path = categories[0][len("category:") :]
        if path and path == path.strip().strip("/").strip() and "\n" not in path and not _CATEGORY_CONTEXT.match(path):
            return path, tags[:-1]
    return "", tags


def _write_question(question: QuestionDef, tags: list[str], writer) -> str:
    lines = []
    if tags:
        lines.append("// " + " ".join(_write_tag(tag) for tag in tags))
    head = f"::{_escape(question.name)}::" if question.name else ""
    head += "[html]" + _escape(_join(question.text))
    lines.append(head + writer(question))
    return "\n".join(lines)


def _write_tag(tag: str) -> str:
    # Moodle's convention: `]` is escaped; a tag is one line.
    return "[tag:" + " ".join(tag.split()).replace("]", "\\]") + "]"


def _write_choices(question: QuestionDef) -> str:
    single = question.qtype == "single_choice"
    lines = []
    for choice in question.choices:
        text = _write_plain(choice.text)
        if single and choice.fraction == 1:
            marker = "="
        elif choice.fraction == 0 and not text.startswith("%"):
            marker = "~"
        else:
            marker = f"~%{_percent(choice.fraction)}%"
        lines.append(f"\t{marker}{text}{_write_feedback(choice.feedback)}")
    return _block(lines, question)


def _write_true_false(question: QuestionDef) -> str:
    # Our convention: the first choice is "True". Moodle reads `{TRUE#first#second}` as first = feedback
    # for the wrong answer, second = feedback for the right one.
    true_choice, false_choice = (question.choices + [ChoiceDef(text={}), ChoiceDef(text={})])[:2]
    true_is_right = true_choice.fraction >= false_choice.fraction
    right, wrong = (true_choice, false_choice) if true_is_right else (false_choice, true_choice)
    answer = "TRUE" if true_is_right else "FALSE"
    right_feedback, wrong_feedback = _write_rich(right.feedback), _write_rich(wrong.feedback)
    if right_feedback:
        answer += f"#{wrong_feedback}#{right_feedback}"
    elif wrong_feedback:
        answer += f"#{wrong_feedback}"
    general = _general_feedback(question, "\t")
    return "{" + answer + (f"\n{general}\n" if general else "") + "}"


def _write_short_answer(question: QuestionDef) -> str:
    lines = []
    for answer in question.accepted_answers:
        text = _join(answer.text)
        if "->" in text:
            # Accepted answers are written as typed (no HTML to hide it in), and `=` with `->` means matching.
            raise _CannotWrite("an accepted answer contains “->”")
        weight = _percent(answer.fraction)
        lines.append(f"\t=%{weight}%{_guard_format(_escape(text))}{_write_feedback(answer.feedback)}")
    return _block(lines, question)


def _write_numerical(question: QuestionDef) -> str:
    lines = [
        f"\t=%{_percent(answer.fraction)}%{format(answer.value, 'f')}:{format(answer.tolerance, 'f')}"
        f"{_write_feedback(answer.feedback)}"
        for answer in question.numerical_answers
    ]
    return _block(lines, question, opening="{#")


def _write_matching(question: QuestionDef) -> str:
    lines = [f"\t={_write_plain(pair.prompt)} -> {_escape(_join_plain(pair.answer))}" for pair in question.pairs]
    return _block(lines, question)


_WRITERS = {
    "single_choice": _write_choices,
    "multiple_response": _write_choices,
    "true_false": _write_true_false,
    "short_answer": _write_short_answer,
    "numerical": _write_numerical,
    "matching": _write_matching,
}


def _block(lines: list[str], question: QuestionDef, opening: str = "{") -> str:
    general = _general_feedback(question, "\t")
    return opening + "\n" + "\n".join(lines + ([general] if general else [])) + "\n}"


def _general_feedback(question: QuestionDef, indent: str) -> str:
    if is_blank(question.general_feedback):
        return ""
    return f"{indent}####{_write_rich(question.general_feedback)}"


def _write_feedback(feedback: Text) -> str:
    written = _write_rich(feedback)
    return f"#{written}" if written else ""


def _write_rich(text: Text) -> str:
    # `->` in a short answer's block would make it a matching question; `-&gt;` is the same HTML.
    return _guard_format(_escape(_join(text).replace("->", "-&gt;")))


def _write_plain(text: Text) -> str:
    return _guard_format(_escape(_join_plain(text)))


def _join_plain(text: Text) -> str:
    """Plain text, HTML-escaped per language so that it reads back unchanged through the [html] format."""
    return _join({code: html.escape(value, quote=False) for code, value in text.items()})


def _join(text: Text) -> str:
    """Multilang markup for `text`, like `join_multilang`, but also for one language that its script would
    not give back (English written without Latin letters, Arabic with no Arabic letters)."""
    present = [(code, text[code].strip()) for code in LANGUAGES if (text.get(code) or "").strip()]
    if len(present) == 1:
        code, value = present[0]
        if detect_language(re.sub(r"<[^>]+>", " ", value)) != code:
            return f'<span lang="{code}" class="multilang">{value}</span>'
    return join_multilang(dict(present))


def _escape(text: str) -> str:
    return text.translate(_WRITE_ESCAPES)


def _guard_format(written: str) -> str:
    """A text that starts with "[" gets an explicit format tag, so "[plain]…" in it is not read as one."""
    return "[html]" + written if written.startswith("[") else written


def _percent(fraction: Fraction) -> str:
    percent = Fraction(fraction) * 100
    if percent.denominator == 1:
        return str(percent.numerator)
    exact = Decimal(percent.numerator) / Decimal(percent.denominator)
    if Fraction(exact) == percent:
        return format(exact.normalize(), "f")
    return format(round(exact, 7), "f")
