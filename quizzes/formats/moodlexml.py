"""Moodle XML: import (`parse`) and export (`export`) of question banks.

The file is read with defusedxml, and any DOCTYPE is refused: a question bank never needs one, and a
DTD is how entity expansion ("billion laughs") and external entities (reading local files) get in.

Import, per `<question type="…">` (Moodle's own importer, question/format/xml/format.php, is the model):

* `category` sets the category of the questions that follow: its path, without Moodle's context prefix
  (`$course$/`, `$module$/`, `$system$/`, `$cat1$/`, …) and the `top/` level, becomes the tag
  "category:<path>" and is recorded in `ParseResult.categories`, each ancestor before its descendants
  (so a file listing a child before its parent still gives parents first). Category `<info>` is ignored.
* A `<question type="…">` is read by the question types that name that Moodle type in their
  `moodlexml_types` (`import_from_moodlexml`): `multichoice` (single choice or multiple response, by
  `<single>`), `truefalse`, `shortanswer`, `numerical`, `matching` (and Moodle's internal `match`) and
  `ordering`, `cloze` (and `multianswer`: embedded answers, read out of the question text); every other Moodle
  type (calculated, drag and drop, …) without a registered reader is listed in `skipped`. `tarikh_<name>` is the default format below; a name that is no registered type is an error.
* Fractions are percentages (`fraction="33.33333"`), read as exact `Fraction`s rounded to the nearest
  one with a denominator up to 1000 (so 33.33333 gives 1/3). Checking them (one right answer, sums…) is
  the question types' job, not the parser's: error_invalid_grades.xml imports with its 33/100.
* Texts follow Moodle's formats (html, moodle_auto_format, plain_text, markdown). Question text and
  feedback become cleaned HTML; what Moodle shows as HTML but we store as plain text (choices, ordering
  items, matching prompts) goes through `html_to_text`; what Moodle itself keeps as plain text (short
  answers, numbers, matching answers) is kept as written. Multilang markup becomes {"ar", "en"}.
* Images: a `<file encoding="base64">` in the question text or a feedback is kept as an `ImageDef` and its
  `@@PLUGINFILE@@/name` references become `data:` URLs, so the stored HTML needs no file storage. A file
  over 1 MB, not a JPEG/PNG/GIF/WebP image, or whose bytes are not what its name says is dropped with a
  warning, and so is every `<img>` left pointing at a missing file. Images inside answers, prompts and
  items are dropped with a warning: those are plain text here.
* Each type's reading and writing is in its module (quizzes/question_types/*); in short: numerical drops
  Moodle's `*` answer ("any other number"), which no `NumericalAnswerDef` can express, with a warning when
  it carried feedback or credit (a silent drop would lose the feedback without anyone noticing); ordering
  keeps the items in the order of the file, as Moodle's qtype_ordering does (it ignores their `fraction`
  and renumbers them 1..n), with a warning when the fractions disagree; short answers are exported as one
  `<answer>` per language, since Moodle matches each literally, and an Arabic-only answer next to an
  English-only one with the same fraction and feedback is joined back into one bilingual answer on import.
* `<penalty>` (the share each wrong try costs) and each `<hint>` (multilang, shown after a wrong try with several
  tries) are read into `QuestionDef.penalty` and `hints` and written back; a hint's options (shownumcorrect,
  clearwrong, which nearly every Moodle export writes) are dropped silently: the hint's text is what a learner reads. Combined feedback (correct/partially/incorrect), idnumber and hidden
  are not carried.
* `where` in the report is "question N (“name”)", N counting every `<question>` element of the file,
  categories included, so it is the N-th `<question` a teacher finds when searching the file.
* A question that cannot be read (no type, a fraction or number that is not one) is recorded in
  `errors` and not imported; a file that is not well-formed XML raises `FormatError`.

Export writes what Moodle itself writes and `parse` reads back to the same `QuestionDef`s: bilingual
text as multilang spans in CDATA (format="html"), `data:` images as `@@PLUGINFILE@@` files, the first
"category:<path>" tag as `$course$/top/<path>` (questions grouped by category, uncategorised first, since
Moodle has no way back to "no category"), ordering as qtype_ordering with fractions 1..n, and plain text
in HTML fields escaped so it reads back unchanged. A question of a type that is not registered cannot be
written (`FormatError`).

Defaults, for a type that brings no Moodle XML hook of its own (what a new type gets for free):

    <question type="tarikh_year_guess">
      <name>, <questiontext>, <generalfeedback>, <defaultgrade>, <penalty>, <hidden>   (as for every type)
      <tarikh_options format="json"><text><![CDATA[{"year": 1862, "within": 2}]]></text></tarikh_options>
      <answer kind="choices" fraction="100" format="html"><text>…</text><feedback …/></answer>
      <answer kind="accepted_answers" fraction="50" format="moodle_auto_format"><text>…</text><feedback …/></answer>
      <answer kind="numerical_answers" fraction="100" format="moodle_auto_format"><text>1862</text>
        <tolerance>2</tolerance><feedback …/></answer>
      <subquestion kind="pairs" format="html"><text>prompt</text><answer><text>answer</text></answer></subquestion>
      <answer kind="items" fraction="1" format="html"><text>…</text></answer>
      <tags>…</tags>
    </question>

Every answer row the question has is written, each kind in Moodle's shape for it, and `kind` names its list
(an `<answer>` without `kind` is of the type's own `answer_rows`). Bilingual accepted answers and matching
answers are one multilang text each. Moodle itself skips such questions: it has no `tarikh_` types.
"""

from __future__ import annotations

import re
from functools import partial
from xml.etree import ElementTree as StdElementTree

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree
from django.utils.translation import gettext, ngettext

from quizzes.definitions import (
    LANGUAGES,
    AcceptedAnswerDef,
    ChoiceDef,
    GapChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.formats.base import (
    MAX_IMPORT_BYTES,
    MAX_QUESTION_ANSWERS,
    FormatError,
    ParseResult,
    answer_count,
    answer_kinds,
    answers_over_limit,
    check_budget,
    no_answers_message,
    options_from_json,
    options_to_json,
    reading_budget,
    too_many_answers_message,
    unknown_answer_kind_message,
    unknown_type_message,
    unsupported_type_message,
)
from quizzes.formats.moodlexml_syntax import (
    QuestionReader,
    QuestionWriter,
    Unreadable,
    answer_fraction,
    answer_text,
    child_text,
    decimal_text,
    element_text,
    inner,
    plain_text,
    question_text_format,
    read_number,
    tag_text,
    text_element,
)
from quizzes.formats.multilang import join_multilang, split_multilang
from quizzes.question_types import UnknownQuestionType, registry
from quizzes.sanitize import html_to_text

CATEGORY_TAG = "category:"
MAX_NAME_LENGTH = 255  # Question.name
# A question's own elements (answers, hints, units, settings): every reading of one is bounded by these.
MAX_QUESTION_ELEMENTS = 4 * MAX_QUESTION_ANSWERS
# Each level of a category path is recorded (ancestors first), so a path of a million levels is refused.
MAX_CATEGORY_DEPTH = 50
# The Moodle type of the default format: "tarikh_" and the type's name.
DEFAULT_PREFIX = "tarikh_"

CONTEXT_PREFIX = re.compile(r"^\$[A-Za-z0-9_]+\$/?")
# Moodle writes a "/" inside a category name as "//"; a single "/" separates levels.
CATEGORY_SEPARATOR = re.compile(r"(?<!/)/(?!/)")


# ---------------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------------


def parse(text: str | bytes) -> ParseResult:
    """Read a Moodle XML file; raise `FormatError` only when the file as a whole cannot be read."""
    with reading_budget():
        root = _read_xml(text)
        result = ParseResult()
        category = ""
        for number, element in enumerate(root.findall("question"), start=1):
            check_budget(result)
            try:
                if (element.get("type") or "").strip() == "category":
                    category = _read_category(element, result)
                else:
                    _read_question(number, element, result, category)
            except Unreadable as problem:
                result.error(_where(number, ""), problem.message)
        check_budget(result)
    return result


def _read_question(number: int, element, result: ParseResult, category: str) -> None:
    """Add the question to `result`, or say in `result` why it was skipped or could not be read."""
    moodle_type = (element.get("type") or "").strip()
    name = _read_name(element)
    where = _where(number, name)
    if not moodle_type:
        result.error(where, gettext("the question has no type."))
        return
    if moodle_type.startswith(DEFAULT_PREFIX):
        try:
            qtype = registry.get(moodle_type[len(DEFAULT_PREFIX) :])
        except UnknownQuestionType:
            result.error(where, unknown_type_message(moodle_type[len(DEFAULT_PREFIX) :], registry.names()))
            return
        readers = [partial(_read_default, qtype)]
    else:
        readers = [qtype.import_from_moodlexml for qtype in _types_reading(moodle_type)]
    if not readers:
        result.skip(where, unsupported_type_message(moodle_type))
        return
    if len(element) > MAX_QUESTION_ELEMENTS:
        result.error(where, ngettext("the question has more than %(limit)d element; no question needs so many.",
                                     "the question has more than %(limit)d elements; no question needs so many.",
                                     MAX_QUESTION_ELEMENTS) % {"limit": MAX_QUESTION_ELEMENTS})
        return
    reader = QuestionReader(result, where)
    question = None
    try:
        reader.read_common(element)
        for read in readers:
            question = read(element, reader)
            if question is not None:
                break
    except Unreadable as problem:
        result.error(where, problem.message)
        return
    if question is None:
        result.skip(where, unsupported_type_message(moodle_type))
        return
    if answers_over_limit(answer_count(question)):
        result.error(where, too_many_answers_message())
        return
    question.name = name
    question.source = where
    category_tag = tag_text(CATEGORY_TAG + category)
    if category and category_tag not in question.tags:
        question.tags.insert(0, category_tag)
    result.questions.append(question)


def _types_reading(moodle_type: str) -> list:
    """The registered types that read `<question type="moodle_type">`, asked in turn (Moodle's
    `try_importing_using_qtypes`): the first whose `import_from_moodlexml` returns a question has it."""
    return [
        qtype for qtype in registry.all()
        if moodle_type in getattr(qtype, "moodlexml_types", ()) and getattr(qtype, "import_from_moodlexml", None)
    ]  # fmt: skip


def _read_xml(text: str | bytes):
    """Parse the document with defusedxml, turning every way it can fail into a `FormatError`."""
    if isinstance(text, bytes):
        size = len(text)
    else:
        text = text.lstrip("\ufeff")
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_IMPORT_BYTES:
        raise FormatError(
            gettext("the file is larger than %(size)d MB.") % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    try:
        root = ElementTree.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden:
        raise FormatError(gettext("the file declares XML entities, which are refused for safety.")) from None
    except ExternalReferenceForbidden:
        raise FormatError(gettext("the file refers to external XML resources, which are refused for safety.")) from None
    except DTDForbidden as refused:
        raise FormatError(_dtd_message(text, refused)) from None
    except StdElementTree.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise FormatError(
            gettext("the file is not well-formed XML (line %(line)s, column %(column)s).")
            % {"line": line, "column": column}
        ) from None
    except (UnicodeError, ValueError):
        # Text that cannot be encoded (lone surrogates) or that expat refuses before parsing.
        raise FormatError(gettext("the file is not readable XML text.")) from None
    if root.tag != "quiz":
        raise FormatError(
            gettext("this is not a Moodle XML file: its root element is <%(tag)s>, not <quiz>.") % {"tag": root.tag}
        )
    return root


def _dtd_message(text, refused: DTDForbidden) -> str:
    """DTDs are refused before their content is read; say which danger this one carried, if any."""
    marker = b"<!ENTITY" if isinstance(text, bytes) else "<!ENTITY"
    if marker in text:
        return gettext("the file declares XML entities, which are refused for safety.")
    if refused.sysid or refused.pubid:
        return gettext("the file refers to external XML resources, which are refused for safety.")
    return gettext("the file contains a document type declaration (DTD), which is refused for safety.")


def _where(number: int, name: str) -> str:
    if name:
        return gettext("question %(number)d (“%(name)s”)") % {"number": number, "name": name}
    return gettext("question %(number)d") % {"number": number}


def _read_category(element, result: ParseResult) -> str:
    """Return the category path of a `<question type="category">` and record it (ancestors first)."""
    holder = element.find("category")
    raw = element_text(holder) if holder is not None and holder.find("text") is not None else inner(holder)
    parts = _category_parts(raw)
    if len(parts) > MAX_CATEGORY_DEPTH:
        raise Unreadable(
            ngettext("the category is nested more than %(limit)d level deep.",
                     "the category is nested more than %(limit)d levels deep.", MAX_CATEGORY_DEPTH)
            % {"limit": MAX_CATEGORY_DEPTH}
        )
    for depth in range(1, len(parts) + 1):
        result.add_category("/".join(parts[:depth]))
    return "/".join(parts)


def _category_parts(raw: str) -> list[str]:
    """Split "$course$/top/Iota/Kappa" into ["Iota", "Kappa"]."""
    raw = CONTEXT_PREFIX.sub("", raw.strip())
    parts = [part.strip() for part in CATEGORY_SEPARATOR.split(raw)]
    parts = [part for part in parts if part]
    if parts and parts[0].lower() == "top":
        parts = parts[1:]
    return parts


def _read_name(element) -> str:
    """A plain-text name, as Moodle keeps it (tags stripped); a bilingual name reads "ar / en"."""
    name = split_multilang(element_text(element.find("name")))
    versions = [plain_text(html_to_text(name[code])) for code in LANGUAGES if name.get(code)]
    return " / ".join(version for version in versions if version)[:MAX_NAME_LENGTH]


# --- The default reader -----------------------------------------------------------------------------------


def _read_default(qtype, element, reader: QuestionReader) -> QuestionDef:
    """A `<question type="tarikh_<name>">`: the options' JSON and every answer row, each of its `kind`."""
    question = reader.question(qtype.name)
    options = element.find("tarikh_options")
    if options is not None:
        try:
            question.options = options_from_json(element_text(options))
        except ValueError as error:
            raise Unreadable(str(error)) from None
    text_format = question_text_format(element)
    for row in element:
        if row.tag not in ("answer", "subquestion"):
            continue
        kind = row.get("kind") or ("pairs" if row.tag == "subquestion" else qtype.answer_rows)
        if kind is None:
            raise Unreadable(no_answers_message(qtype.name))
        if kind not in _DEFAULT_READERS:
            raise Unreadable(unknown_answer_kind_message(kind))
        getattr(question, kind).append(_DEFAULT_READERS[kind](row, reader, text_format))
    return question


def _default_choice(answer, reader: QuestionReader, text_format: str) -> ChoiceDef:
    return ChoiceDef(
        text=reader.text_from_html(answer, default_format=text_format),
        fraction=answer_fraction(answer),
        feedback=reader.html(answer.find("feedback"), text_format),
    )


def _default_accepted_answer(answer, reader: QuestionReader, text_format: str) -> AcceptedAnswerDef:
    return AcceptedAnswerDef(
        text=reader.plain(answer_text(answer)),
        fraction=answer_fraction(answer),
        feedback=reader.html(answer.find("feedback"), text_format),
    )


def _default_numerical_answer(answer, reader: QuestionReader, text_format: str) -> NumericalAnswerDef:
    return NumericalAnswerDef(
        value=read_number(answer_text(answer), gettext("the answer “%(value)s” is not a number.")),
        tolerance=read_number(
            child_text(answer, "tolerance", "0") or "0", gettext("the tolerance “%(value)s” is not a number.")
        ),
        fraction=answer_fraction(answer),
        feedback=reader.html(answer.find("feedback"), text_format),
    )


def _default_pair(subquestion, reader: QuestionReader, text_format: str) -> MatchingPairDef:
    return MatchingPairDef(
        prompt=reader.text_from_html(subquestion, element_text(subquestion), text_format),
        answer=reader.plain(element_text(subquestion.find("answer"))),
    )


def _default_item(answer, reader: QuestionReader, text_format: str) -> OrderingItemDef:
    return OrderingItemDef(text=reader.text_from_html(answer, default_format=text_format))


def _default_gap_choice(answer, reader: QuestionReader, text_format: str) -> GapChoiceDef:
    group = child_text(answer, "group", "1") or "1"
    if not group.isdigit():
        raise Unreadable(gettext("the group “%(value)s” of a choice is not a number.") % {"value": group[:40]})
    return GapChoiceDef(text=reader.text_from_html(answer, default_format=text_format), group=int(group),
                        unlimited=answer.find("infinite") is not None)


_DEFAULT_READERS = {
    "gap_choices": _default_gap_choice,
    "choices": _default_choice,
    "accepted_answers": _default_accepted_answer,
    "numerical_answers": _default_numerical_answer,
    "pairs": _default_pair,
    "items": _default_item,
}


# ---------------------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------------------


def export(questions: list[QuestionDef]) -> str:
    """Write `questions` as a Moodle XML file that Moodle and `parse` can import."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for category, group in _by_category(questions).items():
        if category:
            lines += _category_lines(category)
        for question, qtype in group:
            lines += _question_lines(question, qtype)
    lines.append("</quiz>")
    return "\n".join(lines) + "\n"


def _by_category(questions: list[QuestionDef]) -> dict[str, list]:
    """(question, type) pairs grouped by category as Moodle exports them: uncategorised first, then by first
    appearance.

    A `<question type="category">` holds until the next one, and Moodle has no path back to "no category"
    (`$course$/top` is the hidden top category), so uncategorised questions must come before any category.
    """
    groups: dict[str, list] = {"": []}
    for question in questions:
        try:
            qtype = registry.get(question.qtype)
        except UnknownQuestionType:
            raise FormatError(
                gettext("questions of type “%(type)s” cannot be written as Moodle XML.") % {"type": question.qtype}
            ) from None
        groups.setdefault(_category_path(_category_tag(question)), []).append((question, qtype))
    return groups


def _question_lines(question: QuestionDef, qtype) -> list[str]:
    tags = list(question.tags)
    if _category_tag(question):
        tags.remove(_category_tag(question))  # written as the category of the question
    writer = QuestionWriter(question)
    hook = getattr(qtype, "export_to_moodlexml", None)
    if hook is not None:
        return writer.lines(qtype.moodlexml_types[0], hook, tags)
    return writer.lines(DEFAULT_PREFIX + qtype.name, partial(_write_default, qtype), tags)


def _category_tag(question: QuestionDef) -> str:
    """The question's first "category:<path>" tag (written as a Moodle category), or ""."""
    return next((tag for tag in question.tags if tag.startswith(CATEGORY_TAG) and _category_path(tag)), "")


def _category_path(tag: str) -> str:
    return tag[len(CATEGORY_TAG):].strip("/ ")


def _category_lines(path: str) -> list[str]:
    return [
        '  <question type="category">',
        f"    <category>{text_element('$course$/top/' + path)}</category>",
        "  </question>",
    ]


# --- The default writer -----------------------------------------------------------------------------------


def _write_default(qtype, question: QuestionDef, xml: QuestionWriter) -> list[str]:
    lines = []
    if question.options:
        options = text_element(options_to_json(question.options), cdata=True)
        lines.append(f'    <tarikh_options format="json">{options}</tarikh_options>')
    for kind in answer_kinds(question):
        lines += _DEFAULT_WRITERS[kind](getattr(question, kind), xml, f' kind="{kind}"')
    return lines


def _default_choice_lines(choices: list[ChoiceDef], xml: QuestionWriter, attributes: str) -> list[str]:
    lines = []
    for choice in choices:
        lines += xml.answer_lines(choice.fraction, xml.plain_html(choice.text), choice.feedback, attributes=attributes)
    return lines


def _default_accepted_answer_lines(answers: list[AcceptedAnswerDef], xml: QuestionWriter, attributes: str) -> list[str]:
    lines = []
    for answer in answers:
        text = join_multilang(answer.text)
        lines += xml.answer_lines(answer.fraction, text, answer.feedback, "moodle_auto_format", attributes=attributes)
    return lines


def _default_numerical_answer_lines(
    answers: list[NumericalAnswerDef], xml: QuestionWriter, attributes: str
) -> list[str]:
    lines = []
    for answer in answers:
        tolerance = f"      <tolerance>{decimal_text(answer.tolerance)}</tolerance>"
        lines += xml.answer_lines(
            answer.fraction, decimal_text(answer.value), answer.feedback, "moodle_auto_format", [tolerance], attributes
        )
    return lines


def _default_pair_lines(pairs: list[MatchingPairDef], xml: QuestionWriter, attributes: str) -> list[str]:
    return xml.subquestion_lines(pairs, attributes)


def _default_item_lines(items: list[OrderingItemDef], xml: QuestionWriter, attributes: str) -> list[str]:
    return xml.ordered_item_lines(items, attributes)


def _default_gap_choice_lines(choices: list[GapChoiceDef], xml: QuestionWriter, attributes: str) -> list[str]:
    """Gap choices as answers with Moodle's `<group>` and `<infinite/>` (of its dragbox) inside."""
    lines = []
    for choice in choices:
        extra = [f"      <group>{choice.group}</group>", *(["      <infinite/>"] if choice.unlimited else [])]
        lines += [f'    <answer{attributes} fraction="0" format="html">',
                  f"      {text_element(xml.plain_html(choice.text), cdata=True)}", *extra, "    </answer>"]
    return lines


_DEFAULT_WRITERS = {
    "gap_choices": _default_gap_choice_lines,
    "choices": _default_choice_lines,
    "accepted_answers": _default_accepted_answer_lines,
    "numerical_answers": _default_numerical_answer_lines,
    "pairs": _default_pair_lines,
    "items": _default_item_lines,
}
