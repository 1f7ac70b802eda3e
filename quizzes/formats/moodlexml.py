"""Moodle XML: import (`parse`) and export (`export`) of question banks.

The file is read with defusedxml, and any DOCTYPE is refused: a question bank never needs one, and a
DTD is how entity expansion ("billion laughs") and external entities (reading local files) get in.

Import, per `<question type="…">` (Moodle's own importer, question/format/xml/format.php, is the model):

* `category` sets the category of the questions that follow: its path, without Moodle's context prefix
  (`$course$/`, `$module$/`, `$system$/`, `$cat1$/`, …) and the `top/` level, becomes the tag
  "category:<path>" and is recorded in `ParseResult.categories`, each ancestor before its descendants
  (so a file listing a child before its parent still gives parents first). Category `<info>` is ignored.
* `multichoice`, `truefalse`, `shortanswer`, `numerical`, `matching` and `ordering` are imported; every
  other type (essay, cloze, calculated, drag and drop, description, …) is listed in `skipped`.
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
* Numerical: Moodle's `*` answer ("any other number") cannot be expressed as a `NumericalAnswerDef`; it
  is dropped, with a warning when it carried feedback or credit (a silent drop would lose the feedback
  without anyone noticing).
* Ordering: Moodle's qtype_ordering imports the answers in the order they appear in the file (it ignores
  their `fraction` and renumbers them 1..n when saving), so we do too; a warning says when the fractions
  disagree with that order.
* Short answers: Moodle matches each `<answer>` literally, so a bilingual accepted answer is exported as
  one `<answer>` per language; on import, an Arabic-only answer next to an English-only one with the same
  fraction and feedback is joined back into one bilingual `AcceptedAnswerDef` (grading is the same).
* Combined feedback (correct/partially/incorrect), hints, penalty, idnumber and hidden are not carried.
* `where` in the report is "question N (“name”)", N counting every `<question>` element of the file,
  categories included, so it is the N-th `<question` a teacher finds when searching the file.
* A question that cannot be read (no type, a fraction or number that is not one) is recorded in
  `errors` and not imported; a file that is not well-formed XML raises `FormatError`.

Export writes what Moodle itself writes and `parse` reads back to the same `QuestionDef`s: bilingual
text as multilang spans in CDATA (format="html"), `data:` images as `@@PLUGINFILE@@` files, the first
"category:<path>" tag as `$course$/top/<path>` (questions grouped by category, uncategorised first, since
Moodle has no way back to "no category"), ordering as qtype_ordering with fractions 1..n, and plain text
in HTML fields escaped so it reads back unchanged.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from urllib.parse import quote, unquote
from xml.etree import ElementTree as StdElementTree

import markdown
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree
from django.utils.translation import gettext

from quizzes.definitions import (
    LANGUAGES,
    AcceptedAnswerDef,
    ChoiceDef,
    ImageDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
    Text,
    is_blank,
)
from quizzes.formats.base import MAX_IMPORT_BYTES, FormatError, ParseResult, unsupported_type_message
from quizzes.formats.multilang import join_multilang, split_multilang
from quizzes.sanitize import clean_html, html_to_text

CATEGORY_TAG = "category:"
MAX_IMAGE_BYTES = 1024 * 1024
# Images kept, by file extension; the bytes must start with the format's signature too.
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
IMAGE_SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
TRUE_TEXT = {"ar": "صح", "en": "True"}
FALSE_TEXT = {"ar": "خطأ", "en": "False"}
MAX_NAME_LENGTH = 255  # Question.name
MAX_TAG_LENGTH = 200  # Tag.name
# Numbers beyond this many powers of ten are refused: Fraction(Decimal("1e-999999999")) would never end.
MAX_EXPONENT = 20

CONTEXT_PREFIX = re.compile(r"^\$[A-Za-z0-9_]+\$/?")
# Moodle writes a "/" inside a category name as "//"; a single "/" separates levels.
CATEGORY_SEPARATOR = re.compile(r"(?<!/)/(?!/)")
PLUGINFILE = "@@PLUGINFILE@@/"
PLUGINFILE_REFERENCE = re.compile(r"@@PLUGINFILE@@/([^\"'\s<>()]+)")
LEFTOVER_IMG = re.compile(r"<img\b[^>]*@@PLUGINFILE@@[^>]*>", re.I)
LEFTOVER_URL = re.compile(r"""\s(?:href|src)\s*=\s*(["'])@@PLUGINFILE@@[^"']*\1""", re.I)
IMG_TAG = re.compile(r"<img\b", re.I)
DATA_URL = re.compile(r"data:(image/[A-Za-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)")
# Characters XML 1.0 cannot carry at all, even in CDATA.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Unreadable(Exception):
    """A question that cannot be read at all; recorded in the report's errors."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------------


def parse(text: str | bytes) -> ParseResult:
    """Read a Moodle XML file; raise `FormatError` only when the file as a whole cannot be read."""
    root = _read_xml(text)
    result = ParseResult()
    category = ""
    for number, element in enumerate(root.findall("question"), start=1):
        try:
            if (element.get("type") or "").strip() == "category":
                category = _read_category(element, result)
            else:
                _read_question(number, element, result, category)
        except Unreadable as problem:
            result.error(_where(number, ""), problem.message)
    return result


def _read_question(number: int, element, result: ParseResult, category: str) -> None:
    """Add the question to `result`, or say in `result` why it was skipped or could not be read."""
    qtype = (element.get("type") or "").strip()
    name = _read_name(element)
    where = _where(number, name)
    if not qtype:
        result.error(where, gettext("the question has no type."))
        return
    reader = READERS.get(qtype)
    if reader is None:
        result.skip(where, unsupported_type_message(qtype))
        return
    try:
        question = reader(element, QuestionReader(result, where))
    except Unreadable as problem:
        result.error(where, problem.message)
        return
    question.name = name
    question.source = where
    category_tag = _tag(CATEGORY_TAG + category)
    if category and category_tag not in question.tags:
        question.tags.insert(0, category_tag)
    result.questions.append(question)


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
    raw = _text(holder) if holder is not None and holder.find("text") is not None else _inner(holder)
    parts = _category_parts(raw)
    for depth in range(1, len(parts) + 1):
        path = "/".join(parts[:depth])
        if path not in result.categories:
            result.categories.append(path)
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
    name = split_multilang(_text(element.find("name")))
    versions = [_plain(html_to_text(name[code])) for code in LANGUAGES if name.get(code)]
    return " / ".join(version for version in versions if version)[:MAX_NAME_LENGTH]


def _tag(text: str) -> str:
    return text[:MAX_TAG_LENGTH]


# --- Reading elements --------------------------------------------------------------------------------------


def _inner(element) -> str:
    """The content of an element, markup included (HTML written without CDATA arrives as elements)."""
    if element is None:
        return ""
    pieces = [element.text or ""]
    try:
        for child in element:
            pieces.append(StdElementTree.tostring(child, encoding="unicode"))
    except RecursionError:
        # Thousands of nested elements: no question text looks like that.
        raise Unreadable(gettext("a text is nested too deeply to be read.")) from None
    return "".join(pieces).strip()


def _text(element) -> str:
    """The content of the `<text>` of an element such as `<name>` or `<questiontext>`."""
    if element is None:
        return ""
    text = element.find("text")
    return _inner(text)


def _answer_text(answer) -> str:
    # Old files wrote an answer's text directly inside <answer>; Moodle still reads them.
    if answer.find("text") is not None:
        return _text(answer)
    return (answer.text or "").strip()


def _child_text(element, tag: str, default: str = "") -> str:
    child = element.find(tag)
    if child is None:
        return default
    return (child.text or "").strip()


def _flag(value: str) -> bool:
    """Moodle's reading of yes/no fields: "false", "0" and "" are no, anything else yes."""
    value = value.strip().lower()
    return value not in ("", "0", "false")


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    if number.is_zero():
        return Decimal(0)
    if abs(number.adjusted()) > MAX_EXPONENT:
        return None
    # "1.0000000" (as Moodle writes grades) reads as 1; "10" stays 10, not 1E+1.
    number = number.normalize()
    return number.quantize(Decimal(1)) if number.as_tuple().exponent > 0 else number


def _number(value: str, message: str) -> Decimal:
    """`value` as a number, or `Unreadable` with `message` (which names the field and shows %(value)s)."""
    number = _decimal(value)
    if number is None:
        raise Unreadable(message % {"value": value.strip()[:40]})
    return number


def _fraction(answer) -> Fraction:
    """An answer's grade: `fraction="50"` is 50 %; an old `<fraction>0.5</fraction>` child is 0..1."""
    unreadable = gettext("the fraction “%(value)s” is not a number.")
    child = answer.find("fraction")
    if child is not None and (child.text or "").strip():
        share = Fraction(_number(child.text, unreadable))
    else:
        share = Fraction(_number(answer.get("fraction", "0"), unreadable)) / 100
    return share.limit_denominator(1000)


def _plain(text: str) -> str:
    # A no-break space in an accepted answer or an option could never be typed or matched.
    return text.replace("\xa0", " ").strip()


class QuestionReader:
    """Reads the parts of one question, collecting its images and reporting what was dropped."""

    def __init__(self, result: ParseResult, where: str):
        self.result = result
        self.where = where
        # The question's images, in order of appearance; `_headers` hands this same list to the question.
        self.images: list[ImageDef] = []
        self.dropped: set[str] = set()
        self._warned: set[str] = set()

    def warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.result.warn(self.where, message)

    # Rich text: question text and feedback -------------------------------------------------------------

    def html(self, element, default_format: str = "html", extra_files=()) -> Text:
        """Cleaned HTML per language from an element with `format`, `<text>` and `<file>`s."""
        if element is None:
            return {}
        text_format = element.get("format", default_format).strip()
        files = self._files(list(element.findall("file")) + list(extra_files))
        raw = _text(element)
        found = {}
        for code, value in split_multilang(raw).items():
            value = _to_html(value, text_format)
            if text_format != "plain_text":
                value = self._embed_images(value, files)
            value = clean_html(value)
            if value:
                found[code] = value
        return found

    def _files(self, elements) -> dict[str, ImageDef]:
        """The images of a field by the path its HTML refers to them with; others dropped with a warning."""
        files = {}
        for element in elements:
            name = (element.get("name") or "").strip()
            path = (element.get("path") or "/").strip().strip("/")
            image = self._image(name, element)
            if image is None:
                continue
            files["/".join(part for part in (path, name) if part)] = image
            if image not in self.images:
                self.images.append(image)
        return files

    def _image(self, name: str, element) -> ImageDef | None:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        mime_type = IMAGE_TYPES.get(extension)
        encoded = re.sub(r"\s+", "", element.text or "")
        if mime_type is None:
            return self._drop(name, gettext("only JPEG, PNG, GIF and WebP images are kept."))
        if (element.get("encoding") or "base64").strip().lower() != "base64":
            return self._drop(name, gettext("its encoding is not base64."))
        if len(encoded) * 3 // 4 > MAX_IMAGE_BYTES + 2:
            return self._drop(name, gettext("it is larger than 1 MB."))
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            return self._drop(name, gettext("its content is not valid base64."))
        if len(content) > MAX_IMAGE_BYTES:
            return self._drop(name, gettext("it is larger than 1 MB."))
        if not content.startswith(IMAGE_SIGNATURES[mime_type]):
            return self._drop(name, gettext("its content is not the image its name says."))
        return ImageDef(name=name, content=content, mime_type=mime_type)

    def _drop(self, name: str, reason: str) -> None:
        self.dropped.add(name)
        self.warn(gettext("image “%(name)s” was dropped: %(reason)s") % {"name": name, "reason": reason})
        return None

    def _embed_images(self, value: str, files: dict[str, ImageDef]) -> str:
        """Point `@@PLUGINFILE@@/x.jpg` at a data: URL; remove `<img>`s whose file is not there."""

        def embed(match):
            reference = unquote(match.group(1))
            image = files.get(reference)
            if image is None:
                return match.group(0)
            return _data_url(image)

        value = PLUGINFILE_REFERENCE.sub(embed, value)
        for match in PLUGINFILE_REFERENCE.finditer(value):
            reference = unquote(match.group(1))
            if reference.rsplit("/", 1)[-1] not in self.dropped:  # a dropped file was reported already
                self.warn(
                    gettext("the file “%(name)s” is missing; references to it were removed.") % {"name": reference}
                )
        return LEFTOVER_URL.sub("", LEFTOVER_IMG.sub("", value))

    # Plain text ---------------------------------------------------------------------------------------

    def text_from_html(self, element, raw: str | None = None, default_format: str = "html") -> Text:
        """Plain text per language from a field Moodle shows as HTML (choices, items, prompts)."""
        text_format = element.get("format", default_format).strip() if element is not None else default_format
        if raw is None:
            raw = _answer_text(element) if element is not None else ""
        if IMG_TAG.search(raw) or (element is not None and element.find("file") is not None):
            self.warn(
                gettext("images in answers, matching prompts and ordering items were dropped: those are plain text.")
            )
        found = {}
        for code, value in split_multilang(raw).items():
            if text_format == "markdown":
                value = html_to_text(markdown.markdown(value))
            elif text_format != "plain_text":
                value = html_to_text(value)
            value = _plain(value)
            if value:
                found[code] = value
        return found

    @staticmethod
    def plain(raw: str) -> Text:
        """Text Moodle keeps as typed (short answers, matching answers), split by language."""
        return {code: _plain(value) for code, value in split_multilang(raw).items() if _plain(value)}


def _to_html(value: str, text_format: str) -> str:
    if text_format == "plain_text":
        return html.escape(value).replace("\n", "<br>")
    if text_format == "markdown":
        return markdown.markdown(value)
    if text_format in ("moodle_auto_format", "wiki_like"):
        # Moodle shows these with their line breaks kept (its text_to_html).
        return value.replace("\r\n", "\n").replace("\n", "<br>")
    # "html", and any format Moodle does not know, which it reads as HTML too.
    return value


def _data_url(image: ImageDef) -> str:
    return f"data:{image.mime_type};base64,{base64.b64encode(image.content).decode('ascii')}"


# --- Question types --------------------------------------------------------------------------------------


def _headers(element, reader: QuestionReader, qtype: str) -> QuestionDef:
    """What every question has: text, general feedback, points and tags (the name is set by `parse`)."""
    questiontext = element.find("questiontext")
    legacy = _legacy_image(element, questiontext)
    question = QuestionDef(qtype=qtype, text=reader.html(questiontext, extra_files=legacy))
    # Like Moodle, feedback without a format of its own is in the format of the question text.
    question.general_feedback = reader.html(element.find("generalfeedback"), _text_format(element))
    grade = _child_text(element, "defaultgrade")
    if grade:
        question.points = _number(grade, gettext("the default grade “%(value)s” is not a number."))
    for holder in ("tags", "coursetags"):
        for tag in element.findall(f"{holder}/tag"):
            value = _plain(_text(tag))
            if value and _tag(value) not in question.tags:
                question.tags.append(_tag(value))
    question.images = reader.images
    question.options = {}
    return question


def _legacy_image(element, questiontext) -> list:
    """Files before Moodle 2 were `<image>` and `<image_base64>`; Moodle appends them to the text."""
    name = _child_text(element, "image")
    data = _child_text(element, "image_base64")
    if not (name and data and questiontext is not None):
        return []
    name = name.replace("/", "_")
    text = questiontext.find("text")
    if text is None:
        text = StdElementTree.SubElement(questiontext, "text")
    if len(text):  # markup without CDATA: append after the last element
        last = text[-1]
        last.tail = (last.tail or "") + f' <img src="{PLUGINFILE}{quote(name)}" />'
    else:
        text.text = (text.text or "") + f' <img src="{PLUGINFILE}{quote(name)}" />'
    file = StdElementTree.Element("file", {"name": name, "encoding": "base64"})
    file.text = data
    return [file]


def _text_format(element) -> str:
    questiontext = element.find("questiontext")
    return questiontext.get("format", "html").strip() if questiontext is not None else "html"


def _read_multichoice(element, reader: QuestionReader) -> QuestionDef:
    single = _flag(_child_text(element, "single", "true"))
    question = _headers(element, reader, "single_choice" if single else "multiple_response")
    text_format = _text_format(element)
    for answer in element.findall("answer"):
        question.choices.append(
            ChoiceDef(
                text=reader.text_from_html(answer, default_format=text_format),
                fraction=_fraction(answer),
                feedback=reader.html(answer.find("feedback"), text_format),
            )
        )
    if element.find("shuffleanswers") is not None:
        question.options["shuffle"] = _flag(_child_text(element, "shuffleanswers"))
    return question


def _read_truefalse(element, reader: QuestionReader) -> QuestionDef:
    """Always two choices, True then False; Moodle's answers say "true"/"false" in either order."""
    question = _headers(element, reader, "true_false")
    text_format = _text_format(element)
    sides = {}
    answers = element.findall("answer")
    for position, answer in enumerate(answers):
        side = _answer_text(answer).strip().lower()
        if side not in ("true", "false"):
            # Old exports wrote localised words; Moodle then takes the first answer as "true".
            side = "true" if position == 0 else "false"
            reader.warn(gettext("the answers are not marked “true” and “false”; the first was taken as true."))
        if side in sides:
            reader.warn(gettext("only the first “true” and the first “false” answers were read."))
            continue
        sides[side] = (_fraction(answer), reader.html(answer.find("feedback"), text_format))
    for side, text in (("true", TRUE_TEXT), ("false", FALSE_TEXT)):
        fraction, feedback = sides.get(side, (Fraction(0), {}))
        question.choices.append(ChoiceDef(text=dict(text), fraction=fraction, feedback=feedback))
    return question


def _read_shortanswer(element, reader: QuestionReader) -> QuestionDef:
    question = _headers(element, reader, "short_answer")
    text_format = _text_format(element)
    for answer in element.findall("answer"):
        question.accepted_answers.append(
            AcceptedAnswerDef(
                text=reader.plain(_answer_text(answer)),
                fraction=_fraction(answer),
                feedback=reader.html(answer.find("feedback"), text_format),
            )
        )
    question.accepted_answers = _join_languages(question.accepted_answers)
    if element.find("usecase") is not None:
        question.options["case_sensitive"] = _flag(_child_text(element, "usecase"))
    return question


def _join_languages(answers: list[AcceptedAnswerDef]) -> list[AcceptedAnswerDef]:
    """Join an Arabic-only answer and the English-only answer next to it (same fraction and feedback).

    `export` writes a bilingual accepted answer as one Moodle answer per language, since Moodle compares
    the typed text with each answer as written; this reads it back as the one answer it was. Grading is
    the same either way: every accepted form is tried whatever its language.
    """
    joined: list[AcceptedAnswerDef] = []
    can_pair = False  # whether joined[-1] is still a one-language answer that may take a partner
    for answer in answers:
        if can_pair and _partners(joined[-1], answer):
            joined[-1].text = {**joined[-1].text, **answer.text}
            can_pair = False
            continue
        joined.append(answer)
        can_pair = True
    return joined


def _partners(first: AcceptedAnswerDef, second: AcceptedAnswerDef) -> bool:
    return (
        len(first.text) == 1
        and len(second.text) == 1
        and first.text.keys() != second.text.keys()
        and first.fraction == second.fraction
        and first.feedback == second.feedback
        and not any("*" in value for value in (*first.text.values(), *second.text.values()))
    )


def _read_numerical(element, reader: QuestionReader) -> QuestionDef:
    question = _headers(element, reader, "numerical")
    text_format = _text_format(element)
    for answer in element.findall("answer"):
        value = _answer_text(answer)
        fraction = _fraction(answer)
        feedback = reader.html(answer.find("feedback"), text_format)
        if value in ("*", ""):
            # "Any other number": no NumericalAnswerDef can say that; say what is lost, if anything.
            if fraction:
                reader.warn(gettext("the answer “*” (any other number) gave credit; it was dropped."))
            elif not is_blank(feedback):
                reader.warn(gettext("the feedback for any other number (answer “*”) was dropped."))
            continue
        question.numerical_answers.append(
            NumericalAnswerDef(
                value=_number(value, gettext("the answer “%(value)s” is not a number.")),
                tolerance=_number(
                    _child_text(answer, "tolerance", "0") or "0", gettext("the tolerance “%(value)s” is not a number.")
                ),
                fraction=fraction,
                feedback=feedback,
            )
        )
    _read_unit(element, question, reader)
    return question


def _read_unit(element, question: QuestionDef, reader: QuestionReader) -> None:
    """The base unit (multiplier 1) is shown after the number; other units and their conversions are not kept."""
    units = element.findall("units/unit")
    for unit in units:
        name = _plain(_child_text(unit, "unit_name"))
        multiplier = _decimal(_child_text(unit, "multiplier", "1") or "1")
        if name and multiplier == 1:
            question.options["unit"] = name
            break
    if len(units) > 1:
        reader.warn(gettext("only the base unit was kept; other units and their multipliers were dropped."))


def _read_matching(element, reader: QuestionReader) -> QuestionDef:
    question = _headers(element, reader, "matching")
    text_format = _text_format(element)
    for subquestion in element.findall("subquestion"):
        prompt = reader.text_from_html(subquestion, _text(subquestion), text_format)
        answer = reader.plain(_text(subquestion.find("answer")))
        if is_blank(prompt) and is_blank(answer):
            continue  # an unused row of Moodle's form
        question.pairs.append(MatchingPairDef(prompt=prompt, answer=answer))
    if element.find("shuffleanswers") is not None:
        question.options["shuffle"] = _flag(_child_text(element, "shuffleanswers"))
    return question


def _read_ordering(element, reader: QuestionReader) -> QuestionDef:
    """Items in the order of the file, as Moodle's qtype_ordering imports them."""
    question = _headers(element, reader, "ordering")
    text_format = _text_format(element)
    positions = []
    for answer in element.findall("answer"):
        text = reader.text_from_html(answer, default_format=text_format)
        if is_blank(text):
            continue  # Moodle drops empty items too
        question.items.append(OrderingItemDef(text=text))
        positions.append(_decimal(answer.get("fraction", "")))
    if None not in positions and positions != sorted(positions):
        reader.warn(
            gettext(
                "the items’ fraction values do not follow their order in the file; "
                "the file order was kept, as Moodle does."
            )
        )
    return question


READERS = {
    "multichoice": _read_multichoice,
    "truefalse": _read_truefalse,
    "shortanswer": _read_shortanswer,
    "numerical": _read_numerical,
    "matching": _read_matching,
    "match": _read_matching,  # Moodle's internal name, accepted by its importer too
    "ordering": _read_ordering,
}


# ---------------------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------------------

MOODLE_TYPES = {
    "single_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "numerical": "numerical",
    "matching": "matching",
    "ordering": "ordering",
}


def export(questions: list[QuestionDef]) -> str:
    """Write `questions` as a Moodle XML file that Moodle and `parse` can import."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for category, group in _by_category(questions).items():
        if category:
            lines += _category_lines(category)
        for question in group:
            lines += QuestionWriter(question).lines()
    lines.append("</quiz>")
    return "\n".join(lines) + "\n"


def _by_category(questions: list[QuestionDef]) -> dict[str, list[QuestionDef]]:
    """Questions grouped by category as Moodle exports them: uncategorised first, then by first appearance.

    A `<question type="category">` holds until the next one, and Moodle has no path back to "no category"
    (`$course$/top` is the hidden top category), so uncategorised questions must come before any category.
    """
    groups: dict[str, list[QuestionDef]] = {"": []}
    for question in questions:
        if question.qtype not in MOODLE_TYPES:
            raise FormatError(
                gettext("questions of type “%(type)s” cannot be written as Moodle XML.") % {"type": question.qtype}
            )
        groups.setdefault(_category_path(_category_tag(question)), []).append(question)
    return groups


def _category_tag(question: QuestionDef) -> str:
    """The question's first "category:<path>" tag (written as a Moodle category), or ""."""
    return next((tag for tag in question.tags if tag.startswith(CATEGORY_TAG) and _category_path(tag)), "")


def _category_path(tag: str) -> str:
    return tag[len(CATEGORY_TAG):].strip("/ ")


def _category_lines(path: str) -> list[str]:
    return [
        '  <question type="category">',
        f"    <category>{_text_element('$course$/top/' + path)}</category>",
        "  </question>",
    ]


def _cdata(value: str) -> str:
    value = XML_INVALID.sub("", value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _escape(value: str) -> str:
    return html.escape(XML_INVALID.sub("", value), quote=False)


def _text_element(value: str, cdata: bool = False) -> str:
    if not value:
        return "<text></text>"
    return f"<text>{_cdata(value) if cdata else _escape(value)}</text>"


def _decimal_text(value) -> str:
    return format(Decimal(value).normalize(), "f") if Decimal(value) else "0"


def _percent(fraction: Fraction) -> str:
    """Moodle stores fractions with 7 decimals and writes them as percentages (1/3 → 33.33333)."""
    share = (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001"))
    return _decimal_text(share * 100)


class QuestionWriter:
    """Writes one question; images in its HTML go out as Moodle `<file>`s referred to by @@PLUGINFILE@@."""

    def __init__(self, question: QuestionDef):
        self.question = question
        self.unreferenced = list(question.images)

    def lines(self) -> list[str]:
        q = self.question
        lines = [
            f'  <question type="{MOODLE_TYPES[q.qtype]}">',
            # Moodle strips tags from names (and so does `parse`): "<" and "&" are written as entities.
            f"    <name>{_text_element(html.escape(q.name, quote=False))}</name>",
            *self.html_field("questiontext", q.text, 2),
            *self.html_field("generalfeedback", q.general_feedback, 2),
            f"    <defaultgrade>{_decimal_text(q.points)}</defaultgrade>",
            f"    <penalty>{'1' if q.qtype == 'true_false' else '0.3333333'}</penalty>",
            "    <hidden>0</hidden>",
        ]
        lines += getattr(self, "_" + q.qtype)()
        lines += self.tag_lines()
        lines.append("  </question>")
        # Images no text refers to still travel, with the question text, so nothing is lost.
        if self.unreferenced:
            end = next(i for i, line in enumerate(lines) if line.strip() == "</questiontext>")
            lines[end:end] = [self.file_line(image, 3) for image in self.unreferenced]
        return lines

    # Parts ------------------------------------------------------------------------------------------------

    def html_field(self, tag: str, text: Text, depth: int) -> list[str]:
        indent = "  " * depth
        value, images = self.extract_images(join_multilang(text))
        lines = [f'{indent}<{tag} format="html">', f"{indent}  {_text_element(value, cdata=True)}"]
        lines += [self.file_line(image, depth + 1) for image in images]
        lines.append(f"{indent}</{tag}>")
        return lines

    def extract_images(self, value: str) -> tuple[str, list[ImageDef]]:
        """Turn data: URLs back into `@@PLUGINFILE@@/name` plus the file, as Moodle stores images."""
        images: list[ImageDef] = []

        def extract(match):
            try:
                content = base64.b64decode(match.group(2), validate=True)
            except (binascii.Error, ValueError):
                return match.group(0)
            image = next((i for i in self.question.images if i.content == content), None)
            if image is None:
                extension = match.group(1).split("/")[1].replace("jpeg", "jpg")
                image = ImageDef(name=f"image{len(images) + 1}.{extension}", content=content, mime_type=match.group(1))
            if image in self.unreferenced:
                self.unreferenced.remove(image)
            if image not in images:
                images.append(image)
            return PLUGINFILE + quote(image.name)

        return DATA_URL.sub(extract, value), images

    @staticmethod
    def file_line(image: ImageDef, depth: int) -> str:
        name = html.escape(image.name, quote=True)
        content = base64.b64encode(image.content).decode("ascii")
        return f'{"  " * depth}<file name="{name}" path="/" encoding="base64">{content}</file>'

    @staticmethod
    def plain_html(text: Text) -> str:
        """Plain text in a field Moodle reads as HTML: escaped, so `parse` gives back the same text."""
        return join_multilang({code: html.escape(value, quote=False) for code, value in text.items() if value})

    def answer_lines(self, fraction: Fraction, text: str, feedback: Text, answer_format="html", extra=()) -> list[str]:
        lines = [
            f'    <answer fraction="{_percent(fraction)}" format="{answer_format}">',
            f"      {_text_element(text, cdata=answer_format == 'html')}",
            *extra,
            *self.html_field("feedback", feedback, 3),
            "    </answer>",
        ]
        return lines

    def shuffle_lines(self) -> list[str]:
        if "shuffle" not in self.question.options:
            return []
        return [f"    <shuffleanswers>{'true' if self.question.options['shuffle'] else 'false'}</shuffleanswers>"]

    def tag_lines(self) -> list[str]:
        tags = list(self.question.tags)
        if _category_tag(self.question):
            tags.remove(_category_tag(self.question))  # written as the category of the question
        if not tags:
            return []
        lines = ["    <tags>"]
        lines += [f"      <tag>{_text_element(tag)}</tag>" for tag in tags]
        lines.append("    </tags>")
        return lines

    # Types ------------------------------------------------------------------------------------------------

    def _choices(self, single: bool) -> list[str]:
        lines = [f"    <single>{'true' if single else 'false'}</single>", *self.shuffle_lines()]
        lines.append("    <answernumbering>abc</answernumbering>")
        for choice in self.question.choices:
            lines += self.answer_lines(choice.fraction, self.plain_html(choice.text), choice.feedback)
        return lines

    def _single_choice(self) -> list[str]:
        return self._choices(single=True)

    def _multiple_response(self) -> list[str]:
        return self._choices(single=False)

    def _true_false(self) -> list[str]:
        """Choice 1 is True and choice 2 False, as `parse` and the true/false type have them."""
        choices = list(self.question.choices) + [ChoiceDef(text={})] * 2
        lines = []
        for side, choice in zip(("true", "false"), choices[:2]):
            lines += self.answer_lines(choice.fraction, side, choice.feedback, "moodle_auto_format")
        return lines

    def _short_answer(self) -> list[str]:
        lines = []
        if "case_sensitive" in self.question.options:
            lines.append(f"    <usecase>{1 if self.question.options['case_sensitive'] else 0}</usecase>")
        for answer in self.question.accepted_answers:
            # One Moodle answer per language: Moodle compares the typed text with each answer as written.
            forms = [answer.text[code] for code in LANGUAGES if answer.text.get(code)]
            for form in dict.fromkeys(forms) or [""]:
                lines += self.answer_lines(answer.fraction, form, answer.feedback, "moodle_auto_format")
        return lines

    def _numerical(self) -> list[str]:
        lines = []
        for answer in self.question.numerical_answers:
            tolerance = f"      <tolerance>{_decimal_text(answer.tolerance)}</tolerance>"
            lines += self.answer_lines(
                answer.fraction, _decimal_text(answer.value), answer.feedback, "moodle_auto_format", [tolerance]
            )
        unit = self.question.options.get("unit")
        if unit:
            lines += [
                "    <units>",
                "      <unit>",
                "        <multiplier>1</multiplier>",
                f"        <unit_name>{_escape(unit)}</unit_name>",
                "      </unit>",
                "    </units>",
                "    <showunits>0</showunits>",
            ]
        return lines

    def _matching(self) -> list[str]:
        lines = self.shuffle_lines()
        for pair in self.question.pairs:
            lines += [
                '    <subquestion format="html">',
                f"      {_text_element(self.plain_html(pair.prompt), cdata=True)}",
                "      <answer>",
                f"        {_text_element(join_multilang(pair.answer))}",
                "      </answer>",
                "    </subquestion>",
            ]
        return lines

    def _ordering(self) -> list[str]:
        """qtype_ordering: all items shown, graded like our type (right next item, last excluded)."""
        lines = [
            "    <layouttype>VERTICAL</layouttype>",
            "    <selecttype>ALL</selecttype>",
            f"    <selectcount>{len(self.question.items)}</selectcount>",
            "    <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>",
            "    <showgrading>SHOW</showgrading>",
        ]
        for position, item in enumerate(self.question.items, start=1):
            lines += [
                f'    <answer fraction="{position}" format="html">',
                f"      {_text_element(self.plain_html(item.text), cdata=True)}",
                "    </answer>",
            ]
        return lines
