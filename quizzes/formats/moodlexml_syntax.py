"""Moodle XML's pieces, shared by the Moodle XML driver (`quizzes.formats.moodlexml`) and the question types'
Moodle XML hooks: reading elements, fractions and numbers, texts in Moodle's formats with their images, and
writing them back; `QuestionReader` (one question as a type's `import_from_moodlexml` reads it) and
`QuestionWriter` (what a type's `export_to_moodlexml` writes with). Nothing here knows a question type.
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

from django.utils.translation import gettext

from quizzes.definitions import ImageDef, QuestionDef, Text
from quizzes.formats.base import ParseResult, markdown_html
from quizzes.formats.multilang import join_multilang, split_multilang
from quizzes.sanitize import clean_html, html_to_text

MAX_IMAGE_BYTES = 1024 * 1024
# Images kept, by file extension; the bytes must start with the format's signature too.
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
IMAGE_SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
MAX_TAG_LENGTH = 200  # Tag.name
# Numbers beyond this many powers of ten are refused: Fraction(Decimal("1e-999999999")) would never end.
MAX_EXPONENT = 20

PLUGINFILE = "@@PLUGINFILE@@/"
PLUGINFILE_REFERENCE = re.compile(r"@@PLUGINFILE@@/([^\"'\s<>()]+)")
# The look-ahead and the possessive `*+` scan a tag once: `[^>]*@@PLUGINFILE@@[^>]*>` tried every reference in
# it, and every later `<img` of a text whose tags are not closed, against the whole rest of the text.
LEFTOVER_IMG = re.compile(r"<img\b(?=[^<>]*@@PLUGINFILE@@)[^<>]*+>", re.I)
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
# Reading
# ---------------------------------------------------------------------------------------------------------


def tag_text(text: str) -> str:
    return text[:MAX_TAG_LENGTH]


def inner(element) -> str:
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


def element_text(element) -> str:
    """The content of the `<text>` of an element such as `<name>` or `<questiontext>`."""
    if element is None:
        return ""
    text = element.find("text")
    return inner(text)


def answer_text(answer) -> str:
    # Old files wrote an answer's text directly inside <answer>; Moodle still reads them.
    if answer.find("text") is not None:
        return element_text(answer)
    return (answer.text or "").strip()


def child_text(element, tag: str, default: str = "") -> str:
    child = element.find(tag)
    if child is None:
        return default
    return (child.text or "").strip()


def flag(value: str) -> bool:
    """Moodle's reading of yes/no fields: "false", "0" and "" are no, anything else yes."""
    value = value.strip().lower()
    return value not in ("", "0", "false")


def read_decimal(value: str) -> Decimal | None:
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


def read_number(value: str, message: str) -> Decimal:
    """`value` as a number, or `Unreadable` with `message` (which names the field and shows %(value)s)."""
    found = read_decimal(value)
    if found is None:
        raise Unreadable(message % {"value": value.strip()[:40]})
    return found


def answer_fraction(answer) -> Fraction:
    """An answer's grade: `fraction="50"` is 50 %; an old `<fraction>0.5</fraction>` child is 0..1."""
    unreadable = gettext("the fraction “%(value)s” is not a number.")
    child = answer.find("fraction")
    if child is not None and (child.text or "").strip():
        share = Fraction(read_number(child.text, unreadable))
    else:
        share = Fraction(read_number(answer.get("fraction", "0"), unreadable)) / 100
    return share.limit_denominator(1000)


def plain_text(text: str) -> str:
    # A no-break space in an accepted answer or an option could never be typed or matched.
    return text.replace("\xa0", " ").strip()


class QuestionReader:
    """Reads the parts of one question, collecting its images and reporting what was dropped."""

    def __init__(self, result: ParseResult, where: str):
        self.result = result
        self.where = where
        # The question's images, in order of appearance; `question()` hands this same list to the question.
        self.images: list[ImageDef] = []
        self.dropped: set[str] = set()
        self._warned: set[str] = set()
        self.common = QuestionDef(qtype="", text={})

    def read_common(self, element) -> None:
        """Read what every question has: text, general feedback, points and tags (the driver sets the name)."""
        questiontext = element.find("questiontext")
        legacy = _legacy_image(element, questiontext)
        common = QuestionDef(qtype="", text=self.html(questiontext, extra_files=legacy))
        # Like Moodle, feedback without a format of its own is in the format of the question text.
        common.general_feedback = self.html(element.find("generalfeedback"), question_text_format(element))
        grade = child_text(element, "defaultgrade")
        if grade:
            common.points = read_number(grade, gettext("the default grade “%(value)s” is not a number."))
        tags = {}  # in order, and a repeated tag found at once among thousands
        for holder in ("tags", "coursetags"):
            for tag in element.findall(f"{holder}/tag"):
                value = plain_text(element_text(tag))
                if value:
                    tags.setdefault(tag_text(value))
        common.tags = list(tags)
        self.read_tries(element, common)
        self.common = common

    def read_tries(self, element, common: QuestionDef) -> None:
        """The interactive behaviour's parts: `<penalty>` (0..1, the share each wrong try costs, read to the
        nearest fraction with a denominator up to 1000: 0.3333333 is a third) and each `<hint>`'s text. Moodle's
        hint options (show the number right, clear the wrong parts) are not carried: the hint's text is."""
        penalty = child_text(element, "penalty")
        if penalty:
            value = read_decimal(penalty)
            if value is None or not 0 <= value <= 1:
                self.warn(gettext("the penalty “%(value)s” is not a share between 0 and 1; a third was kept.")
                          % {"value": penalty[:40]})
            else:
                common.penalty = Fraction(value).limit_denominator(1000)
        text_format = question_text_format(element)
        for hint in element.findall("hint"):
            text = self.html(hint, text_format)
            if text:
                common.hints.append(text)

    def question(self, qtype: str) -> QuestionDef:
        """A new definition of `qtype` with what `read_common` read; images found later are added to it too."""
        common = self.common
        return QuestionDef(
            qtype=qtype, text=dict(common.text), general_feedback=dict(common.general_feedback), points=common.points,
            tags=list(common.tags), images=self.images, penalty=common.penalty, hints=[dict(h) for h in common.hints],
        )  # fmt: skip

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
        raw = element_text(element)
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
            raw = answer_text(element) if element is not None else ""
        if IMG_TAG.search(raw) or (element is not None and element.find("file") is not None):
            self.warn(
                gettext("images in answers, matching prompts and ordering items were dropped: those are plain text.")
            )
        found = {}
        for code, value in split_multilang(raw).items():
            if text_format == "markdown":
                value = html_to_text(markdown_html(value))
            elif text_format != "plain_text":
                value = html_to_text(value)
            value = plain_text(value)
            if value:
                found[code] = value
        return found

    @staticmethod
    def plain(raw: str) -> Text:
        """Text Moodle keeps as typed (short answers, matching answers), split by language."""
        return {code: plain_text(value) for code, value in split_multilang(raw).items() if plain_text(value)}


def _to_html(value: str, text_format: str) -> str:
    if text_format == "plain_text":
        return html.escape(value).replace("\n", "<br>")
    if text_format == "markdown":
        return markdown_html(value)
    if text_format in ("moodle_auto_format", "wiki_like"):
        # Moodle shows these with their line breaks kept (its text_to_html).
        return value.replace("\r\n", "\n").replace("\n", "<br>")
    # "html", and any format Moodle does not know, which it reads as HTML too.
    return value


def _data_url(image: ImageDef) -> str:
    return f"data:{image.mime_type};base64,{base64.b64encode(image.content).decode('ascii')}"


def _legacy_image(element, questiontext) -> list:
    """Files before Moodle 2 were `<image>` and `<image_base64>`; Moodle appends them to the text."""
    name = child_text(element, "image")
    data = child_text(element, "image_base64")
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


def question_text_format(element) -> str:
    questiontext = element.find("questiontext")
    return questiontext.get("format", "html").strip() if questiontext is not None else "html"


# ---------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------


def _cdata(value: str) -> str:
    value = XML_INVALID.sub("", value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escape(value: str) -> str:
    return html.escape(XML_INVALID.sub("", value), quote=False)


def text_element(value: str, cdata: bool = False) -> str:
    if not value:
        return "<text></text>"
    return f"<text>{_cdata(value) if cdata else escape(value)}</text>"


def decimal_text(value) -> str:
    return format(Decimal(value).normalize(), "f") if Decimal(value) else "0"


def _seven_decimals(fraction: Fraction) -> str:
    """A share as Moodle writes a penalty: a third is 0.3333333, 1 is 1.0000000."""
    return str((Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001")))


def percent(fraction: Fraction) -> str:
    """Moodle stores fractions with 7 decimals and writes them as percentages (1/3 → 33.33333)."""
    share = (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001"))
    return decimal_text(share * 100)


class QuestionWriter:
    """Writes one question; images in its HTML go out as Moodle `<file>`s referred to by @@PLUGINFILE@@."""

    def __init__(self, question: QuestionDef):
        self.question = question
        self.unreferenced = list(question.images)
        # The share of the mark a wrong try costs (7 decimals, as Moodle stores it); a type's hook may change it
        # (true/false: all of it).
        self.penalty = _seven_decimals(question.penalty)
        # The question text as written; a type's hook may change it (cloze writes its gaps back into it).
        self.text = question.text

    def lines(self, moodle_type: str, write_type_part, tags: list[str]) -> list[str]:
        """The `<question>`: what every question has, then `write_type_part(question, self)`'s lines (a type's
        `export_to_moodlexml`, or the default's), then `tags` (the category tag is written as a category)."""
        q = self.question
        type_part = write_type_part(q, self)  # first: it may change `self.text`
        common = [
            # Moodle strips tags from names (and so does `parse`): "<" and "&" are written as entities.
            f"    <name>{text_element(html.escape(q.name, quote=False))}</name>",
            *self.html_field("questiontext", self.text, 2),
            *self.html_field("generalfeedback", q.general_feedback, 2),
        ]
        lines = [
            f'  <question type="{moodle_type}">',
            *common,
            f"    <defaultgrade>{decimal_text(q.points)}</defaultgrade>",
            f"    <penalty>{self.penalty}</penalty>",
            "    <hidden>0</hidden>",
            *type_part,
            *self.hint_lines(),
            *self.tag_lines(tags),
            "  </question>",
        ]
        # Images no text refers to still travel, with the question text, so nothing is lost.
        if self.unreferenced:
            end = next(i for i, line in enumerate(lines) if line.strip() == "</questiontext>")
            lines[end:end] = [self.file_line(image, 3) for image in self.unreferenced]
        return lines

    # Parts ------------------------------------------------------------------------------------------------

    def html_field(self, tag: str, text: Text, depth: int) -> list[str]:
        indent = "  " * depth
        value, images = self.extract_images(join_multilang(text))
        lines = [f'{indent}<{tag} format="html">', f"{indent}  {text_element(value, cdata=True)}"]
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

    def answer_lines(
        self, fraction: Fraction, text: str, feedback: Text, answer_format="html", extra=(), attributes=""
    ) -> list[str]:
        """An `<answer>`: its fraction as a percentage, its text (in CDATA when html), `extra` lines, feedback."""
        lines = [
            f'    <answer{attributes} fraction="{percent(fraction)}" format="{answer_format}">',
            f"      {text_element(text, cdata=answer_format == 'html')}",
            *extra,
            *self.html_field("feedback", feedback, 3),
            "    </answer>",
        ]
        return lines

    def subquestion_lines(self, pairs, attributes="") -> list[str]:
        """Matching pairs as Moodle's `<subquestion>`s: the prompt as HTML, the answer as plain text."""
        lines = []
        for pair in pairs:
            lines += [
                f'    <subquestion{attributes} format="html">',
                f"      {text_element(self.plain_html(pair.prompt), cdata=True)}",
                "      <answer>",
                f"        {text_element(join_multilang(pair.answer))}",
                "      </answer>",
                "    </subquestion>",
            ]
        return lines

    def ordered_item_lines(self, items, attributes="") -> list[str]:
        """Ordering items as qtype_ordering writes them: the fraction is the item's position (reading goes by
        the file's order)."""
        lines = []
        for position, item in enumerate(items, start=1):
            lines += [
                f'    <answer{attributes} fraction="{position}" format="html">',
                f"      {text_element(self.plain_html(item.text), cdata=True)}",
                "    </answer>",
            ]
        return lines

    def shuffle_lines(self) -> list[str]:
        if "shuffle" not in self.question.options:
            return []
        return [f"    <shuffleanswers>{'true' if self.question.options['shuffle'] else 'false'}</shuffleanswers>"]

    def hint_lines(self) -> list[str]:
        """Each hint as Moodle's `<hint format="html">`, after the type's own elements as Moodle writes them."""
        lines = []
        for hint in self.question.hints:
            lines += self.html_field("hint", hint, 2)
        return lines

    def tag_lines(self, tags: list[str]) -> list[str]:
        if not tags:
            return []
        lines = ["    <tags>"]
        lines += [f"      <tag>{text_element(tag)}</tag>" for tag in tags]
        lines.append("    </tags>")
        return lines
