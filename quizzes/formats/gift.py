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
- Types, detected from the answer block `{…}` by asking the question types that read GIFT themselves
  (`import_from_gift`), lowest `gift_priority` first, so that Moodle's order is kept:
  text without a block (a "description") and `{}` (an essay) are asked only of the types that read questions
  without answers (gift_priority below 10: description, essay), and skipped when none does; then each
  type's module says which blocks it claims (Moodle's order: numerical `{#…}`, multiple choice with `~`,
  matching `->`, true/false `{T}`/`{F}`, any other `=` block as short answer) and how it reads and writes them.
- A question written by the default writer (below) names its type in a `// [tarikh:type=<name>]` comment; it is
  read by the default reader, whatever its block looks like. A name that is no registered type is an error.
- `%n%` weights (also decimal and negative), `#` answer feedback, `####` general feedback.
- An answer block in the middle of the text is a "missing word" question: the text before and after is joined
  with "_____". Stray quotes and semicolons after the block (`}";`) are ignored with a warning.
- `$CATEGORY: $course$/top/Sub` (the line only): the path without its `$context$/` prefix ("top/Sub") goes to
  `ParseResult.categories` and every later question gets the tag "category:top/Sub". `$CATEGORY: $course$`
  alone goes back to no category.

Decisions
- True/false feedback and numerical ranges follow Moodle; see quizzes/question_types/true_false.py and
  numerical.py. Arabic-Indic digits (٠-٩ and ۰-۹), the Arabic decimal separator ٫ and − are accepted in
  numbers and weights.
- Counts and fractions (two choices at least, one right answer, weights within ±100%) are left to the question
  types' validation; only what cannot be read is an error (unclosed braces or title, two answer blocks, a
  matching pair without `->`, an empty answer, a number that is not a number, a range that ends before it
  starts, a negative tolerance). Each problem's `where` is "line N", or 'line N (“title”)', N being the
  question's first line that is not a comment.
- A file that is empty, not UTF-8 text, has NUL characters, is over MAX_IMPORT_BYTES, holds no question at
  all or more than the reading budget allows (`quizzes.formats.base`) raises FormatError; nothing else is
  raised. A question with more than MAX_QUESTION_ANSWERS answers is an error.

Export writes GIFT that Moodle imports and that `parse` reads back to equal QuestionDefs (type, name, texts,
general feedback, tags, choices, answers, numerical answers, pairs and their fractions and feedback). Texts are
written in `[html]` with multilang spans; choices and pairs are HTML-escaped, accepted answers written as they
are; a one-language text whose script would send it to the other field is also wrapped in a span. Tags are
written as `// [tag:…]`; a "category:" tag that is a question's last tag becomes a `$CATEGORY:` line instead.
A type's `export_to_gift` writes its answer block; a type may refuse (`CannotWrite`), and the question then
becomes a `//` comment saying it was skipped: GIFT has no ordering type, and a short answer with "->" in an
accepted answer cannot be told from matching. Not carried: points, explanation, events, difficulty, images and
the options of the types that write GIFT themselves. Weights that are not whole or terminating percentages
(1/3) are written with 7 decimals, so they come back rounded.

Defaults, for a type that brings no GIFT hook of its own (GIFT has no type names, so the type goes in a comment):

    // [tag:…]
    // [tarikh:type=year_guess]
    // [tarikh:rows=choices]        only when the answers are not of the type's `answer_rows`
    // [tarikh:options={"year": 1862, "within": 2}]        the options: JSON, ASCII only, one line
    ::name::[html]question text{
      ~%100%a choice#feedback       choices
      =%50%an answer#feedback       accepted answers, written as typed
      =%100%1862:2#feedback         numerical answers (the block opens with `{#`)
      =prompt -> answer             matching pairs (an empty prompt is a distractor)
      =item                         ordering items, in order
      ####general feedback
    }

The block holds one kind of answer rows; a question with rows of two kinds is not written (a comment says so).
Moodle ignores the comments and reads the block as whatever GIFT type it looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from quizzes.definitions import (
    LANGUAGES,
    AcceptedAnswerDef,
    ChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.formats.base import (
    MAX_IMPORT_BYTES,
    FormatError,
    ParseResult,
    answer_kinds,
    check_budget,
    no_answers_message,
    options_from_json,
    options_to_json,
    reading_budget,
    unknown_answer_kind_message,
    unknown_type_message,
    unsupported_type_message,
)
from quizzes.formats.gift_syntax import (
    Broken,
    CannotWrite,
    GiftBlock,
    GiftWriter,
    Unsupported,
    protect,
    restore,
    rich,
    rich_text,
    split_format,
)
from quizzes.question_types import UnknownQuestionType, registry
from quizzes.sanitize import html_to_text

MISSING_WORD = "_____"
# Where a type that reads GIFT but names no priority is asked: after true/false, before short answer (which
# takes any block left).
DEFAULT_PRIORITY = 50
# Questions without answers (no block: a description; `{}`: an essay) are asked only of the types below this
# priority (description 1, essay 5), the ones that read such questions; numerical, the first that reads answers,
# is 10.
_FIRST_ANSWER_READER = 10

_CATEGORY_PREFIX = "$CATEGORY:"
_CATEGORY_CONTEXT = re.compile(r"^\$[A-Za-z]+\$(?:/|$)")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]])*)\]")
# The default writer's comments: `// [tarikh:type=…]`, `// [tarikh:rows=…]`, and the options on a line of their own.
_MARK = re.compile(r"\[tarikh:(type|rows)=([^\]]*)\]")
_OPTIONS_MARK = re.compile(r"//\s*\[tarikh:options=(.*)\]")
# Left after a closing brace by code that wrote the file (`}";`): not text anyone meant to write.
_JUNK_CHARS = set("\"';")


@dataclass
class _Block:
    """The lines of one question: what sits between blank lines."""

    lines: list[tuple[int, str]] = field(default_factory=list)  # (1-based line number, stripped text)
    comments: list[str] = field(default_factory=list)


@dataclass
class _Marks:
    """What the `// [tarikh:…]` comments of a question say (the default writer's), and the other comments."""

    qtype: str | None = None
    rows: str | None = None
    options: str | None = None  # JSON, not read yet
    comments: list[str] = field(default_factory=list)


# ============================================================================================================
# Import
# ============================================================================================================


def parse(text: str) -> ParseResult:
    """Read GIFT `text`; raise FormatError only when the file as a whole cannot be read."""
    text = _readable_text(text)
    result = ParseResult()
    category = ""
    with reading_budget():
        for block in _blocks(text):
            check_budget(result)
            lines = block.lines
            if lines and lines[0][1].startswith(_CATEGORY_PREFIX):
                category = _read_category(lines[0][1], result)
                lines = lines[1:]
            if lines:
                marks = _read_marks(block.comments)
                tags = _comment_tags(marks.comments)
                if category and f"category:{category}" not in tags:
                    tags.append(f"category:{category}")
                _read_question(lines, tags, marks, result)
        check_budget(result)
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
    path = restore(protect(line[len(_CATEGORY_PREFIX) :])).strip()
    path = _CATEGORY_CONTEXT.sub("", path).strip().strip("/").strip()
    result.add_category(path)
    return path


def _read_marks(comments: list[str]) -> _Marks:
    marks = _Marks()
    for comment in comments:
        options = _OPTIONS_MARK.fullmatch(comment)
        if options:  # JSON may hold anything, "[tag:x]" too: it is not searched for tags
            marks.options = options.group(1)
            continue
        for key, value in _MARK.findall(comment):
            setattr(marks, "qtype" if key == "type" else key, value.strip())
        marks.comments.append(comment)
    return marks


def _comment_tags(comments: list[str]) -> list[str]:
    tags = {}  # a dict keeps the order, and finds a repeated tag at once among thousands
    for comment in comments:
        for raw in _TAG.findall(comment):
            tag = raw.replace("\\]", "]").strip()
            if tag:
                tags.setdefault(tag)
    return list(tags)


def _read_question(lines: list[tuple[int, str]], tags: list[str], marks: _Marks, result: ParseResult) -> None:
    """Add the question in `lines` to `result`: as a QuestionDef, skipped, or as an error."""
    body = protect("\n".join(line for _number, line in lines))
    where = _where(lines[0][0], "")
    try:
        name, body = _split_title(body)
        where = _where(lines[0][0], name)
        question = _question(body, where, marks, result)
    except Unsupported as problem:
        result.skip(where, problem.message)
        return
    except Broken as problem:
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
        raise Broken(_("The question title is not closed with “::”."))
    return restore(body[2:end]).strip(), body[end + 2 :].strip()


def _question(body: str, where: str, marks: _Marks, result: ParseResult) -> QuestionDef:
    before, answers, after = _split_answer_block(body)
    has_block = answers is not None
    if _is_junk(after):
        result.warn(where, _("“%(junk)s” after the answer block was ignored.") % {"junk": restore(after.strip())})
        after = ""
    question_text = before + (MISSING_WORD + after if after.strip() else "")
    text_format, question_text = split_format(question_text.strip(), "moodle")

    answers = (answers or "").strip()
    general_feedback = ""
    separator = answers.rfind("####")
    if separator >= 0:
        answers, general_feedback = answers[:separator].strip(), answers[separator + 4 :]

    block = GiftBlock(
        where=where, answers=answers, text_format=text_format, result=result,
        text=rich_text(question_text, text_format), general_feedback=rich(general_feedback, text_format),
        has_block=has_block,
    )  # fmt: skip
    if marks.qtype is not None:
        return _read_default(block, marks)
    return _typed_question(block)


def _split_answer_block(body: str) -> tuple[str, str | None, str]:
    """Return (text before, inside, text after) the `{…}` block; inside is None when there is no block."""
    opens, closes = body.count("{"), body.count("}")
    if not opens and not closes:
        return body, None, ""
    if not closes:
        raise Broken(_("“{” opens an answer block that is not closed with “}”."))
    if not opens:
        raise Broken(_("“}” closes an answer block that was not opened with “{”."))
    if opens > 1 or closes > 1:
        raise Broken(_("A question has only one answer block {…}; write other braces as \\{ and \\}."))
    start, end = body.index("{"), body.index("}")
    if end < start:
        raise Broken(_("“}” comes before “{”."))
    return body[:start], body[start + 1 : end], body[end + 1 :]


def _is_junk(after: str) -> bool:
    stripped = after.strip()
    return bool(stripped) and set(stripped) <= _JUNK_CHARS


def _typed_question(block: GiftBlock) -> QuestionDef:
    """Ask the types that read GIFT, in `gift_priority` order, which one the block is (Moodle's order)."""
    if not block.has_block or not block.answers:
        # No block (a description) or `{}` (an essay): only a type that claims such questions reads them, so
        # that without one they are skipped, never taken by a type that reads answers.
        for qtype in readers():
            if qtype.gift_priority < _FIRST_ANSWER_READER and (question := qtype.import_from_gift(block)) is not None:
                return question
        raise Unsupported(unsupported_type_message("description" if not block.has_block else "essay"))
    for qtype in readers():
        question = qtype.import_from_gift(block)
        if question is not None:
            return question
    raise Unsupported(_("no question type of this site reads this answer block; skipped."))


def readers() -> list:
    """The registered types with an `import_from_gift` hook, in the order they are asked."""
    found = [qtype for qtype in registry.all() if getattr(qtype, "import_from_gift", None) is not None]
    return sorted(found, key=lambda qtype: getattr(qtype, "gift_priority", DEFAULT_PRIORITY))


# --- The default reader -------------------------------------------------------------------------------------


def _read_default(block: GiftBlock, marks: _Marks) -> QuestionDef:
    """A question the default writer wrote: the type from its comment, the answers read as its rows' kind."""
    try:
        qtype = registry.get(marks.qtype)
    except UnknownQuestionType:
        raise Broken(unknown_type_message(marks.qtype, registry.names())) from None
    question = block.question(qtype.name)
    if marks.options is not None:
        try:
            question.options = options_from_json(marks.options)
        except ValueError as error:
            raise Broken(str(error)) from None
    kind = marks.rows or qtype.answer_rows
    if kind is not None and kind not in _DEFAULT_READERS:
        raise Broken(unknown_answer_kind_message(kind))
    if block.answers:
        if kind is None:
            raise Broken(no_answers_message(qtype.name))
        setattr(question, kind, _DEFAULT_READERS[kind](block))
    return question


def _weighted(block: GiftBlock, answers: str | None = None):
    """(number, fraction, text, feedback) of each answer; `=` defaults to 100%, `~` to 0%."""
    for number, (marker, piece) in enumerate(block.pieces("=~", answers), start=1):
        fraction, piece = block.weight(piece, Fraction(marker != "~"))
        text, feedback = block.split_feedback(piece)
        yield number, fraction, text, block.rich(feedback)


def _default_choices(block: GiftBlock) -> list[ChoiceDef]:
    return [ChoiceDef(block.plain(text), fraction, feedback) for _n, fraction, text, feedback in _weighted(block)]


def _default_accepted_answers(block: GiftBlock) -> list[AcceptedAnswerDef]:
    return [AcceptedAnswerDef(block.as_typed(text), fraction, feedback)
            for _n, fraction, text, feedback in _weighted(block)]  # fmt: skip


def _default_numerical_answers(block: GiftBlock) -> list[NumericalAnswerDef]:
    answers = []
    for _n, fraction, spec, feedback in _weighted(block, block.answers.removeprefix("#")):
        value, tolerance = block.numbers(block.number_spec(spec))
        answers.append(NumericalAnswerDef(value=value, tolerance=tolerance, fraction=fraction, feedback=feedback))
    return answers


def _default_pairs(block: GiftBlock) -> list[MatchingPairDef]:
    pairs = []
    for number, (_marker, piece) in enumerate(block.pieces("="), start=1):
        prompt, arrow, answer = piece.partition("->")
        if not arrow:
            raise Broken(_("Pair %(number)d has no “->” between the item and its match.") % {"number": number})
        pairs.append(MatchingPairDef(prompt=block.plain(prompt), answer=block.html_text(answer)))
    return pairs


def _default_items(block: GiftBlock) -> list[OrderingItemDef]:
    return [OrderingItemDef(block.plain(piece)) for _marker, piece in block.pieces("=")]


_DEFAULT_READERS = {
    "choices": _default_choices,
    "accepted_answers": _default_accepted_answers,
    "numerical_answers": _default_numerical_answers,
    "pairs": _default_pairs,
    "items": _default_items,
}


# ============================================================================================================
# Export
# ============================================================================================================


def export(questions: list[QuestionDef]) -> str:
    """Write `questions` as GIFT; a question GIFT cannot hold (ordering) becomes a comment line saying so."""
    parts = []
    category = ""
    for question in questions:
        try:
            qtype = registry.get(question.qtype)
        except UnknownQuestionType:
            parts.append(_skipped_comment(question, ""))
            continue
        wanted, tags = _category_and_tags(question)
        try:
            written = _write_question(question, tags, qtype)
        except CannotWrite as problem:
            parts.append(_skipped_comment(question, problem.reason))
            continue
        if wanted != category:
            # `$CATEGORY: $course$` alone takes later questions back to no category.
            parts.append(f"{_CATEGORY_PREFIX} $course$/{wanted}" if wanted else f"{_CATEGORY_PREFIX} $course$")
            category = wanted
        parts.append(written)
    return "\n\n".join(parts) + "\n" if parts else ""


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


def _write_question(question: QuestionDef, tags: list[str], qtype) -> str:
    writer = GiftWriter(question)
    hook = getattr(qtype, "export_to_gift", None)
    if hook is not None:
        marks, block = [], hook(question, writer)
    else:
        marks, block = _write_default(qtype, question, writer)
    lines = []
    if tags:
        lines.append("// " + " ".join(_write_tag(tag) for tag in tags))
    lines += marks
    head = f"::{writer.escape(question.name)}::" if question.name else ""
    head += "[html]" + writer.escape(writer.join(question.text))
    lines.append(head + block)
    return "\n".join(lines)


def _write_tag(tag: str) -> str:
    # Moodle's convention: `]` is escaped; a tag is one line.
    return "[tag:" + " ".join(tag.split()).replace("]", "\\]") + "]"


# --- The default writer -------------------------------------------------------------------------------------


def _write_default(qtype, question: QuestionDef, writer: GiftWriter) -> tuple[list[str], str]:
    """Return the `// [tarikh:…]` comment lines and the answer block of a type without `export_to_gift`."""
    kinds = answer_kinds(question)
    if len(kinds) > 1:
        raise CannotWrite("its answers are of more than one kind")
    if kinds and kinds[0] not in _DEFAULT_WRITERS:  # gap choices: GIFT has no way to write groups
        raise CannotWrite(f"GIFT cannot write answers of the kind {kinds[0]}")
    marks = [f"// [tarikh:type={qtype.name}]"]
    if kinds and kinds[0] != qtype.answer_rows:
        marks.append(f"// [tarikh:rows={kinds[0]}]")
    if question.options:
        marks.append(f"// [tarikh:options={options_to_json(question.options, ascii_only=True)}]")
    if not kinds:
        return marks, writer.block([])
    kind = kinds[0]
    lines = [f"\t{line}" for line in _DEFAULT_WRITERS[kind](getattr(question, kind), writer)]
    return marks, writer.block(lines, opening="{#" if kind == "numerical_answers" else "{")


def _default_choice_lines(rows, gift: GiftWriter) -> list[str]:
    return [f"~%{gift.percent(row.fraction)}%{gift.plain(row.text)}{gift.feedback(row.feedback)}" for row in rows]


def _default_accepted_answer_lines(rows, gift: GiftWriter) -> list[str]:
    return [f"=%{gift.percent(row.fraction)}%{gift.typed(row.text)}{gift.feedback(row.feedback)}" for row in rows]


def _default_numerical_answer_lines(rows, gift: GiftWriter) -> list[str]:
    return [
        f"=%{gift.percent(row.fraction)}%{format(row.value, 'f')}:{format(row.tolerance, 'f')}"
        f"{gift.feedback(row.feedback)}"
        for row in rows
    ]


def _default_pair_lines(rows, gift: GiftWriter) -> list[str]:
    return [f"={gift.plain(row.prompt)} -> {gift.escape(gift.join_plain(row.answer))}" for row in rows]


def _default_item_lines(rows, gift: GiftWriter) -> list[str]:
    return [f"={gift.plain(row.text)}" for row in rows]


_DEFAULT_WRITERS = {
    "choices": _default_choice_lines,
    "accepted_answers": _default_accepted_answer_lines,
    "numerical_answers": _default_numerical_answer_lines,
    "pairs": _default_pair_lines,
    "items": _default_item_lines,
}
