"""Arabic-Indic digits on Arabic pages for the readers who choose them, in what they read and nowhere else."""

import re

from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from bilingual import digits

# Where something that keeps its digits may begin, found in one case-sensitive pass (a case-insensitive one costs
# five times as much; Django, the templates and the sanitiser of authored HTML write tags in lower case): a
# comment or declaration; a raw-text element, whose text may hold "<" and ">" (<script>, <style>, <textarea>);
# an element whose text is to be typed or read by a machine (<code>, <pre>, <kbd>, <samp>); or a marker inside a
# start tag: `data-machine`, `translate="no"`, class `sign-in-secret` (a sign-in card's username and password).
_RAW_TEXT = {"script", "style", "textarea"}
_CANDIDATE = re.compile(
    r"<(?:!|\?|(?P<name>script|style|textarea|code|pre|kbd|samp|SCRIPT|STYLE|TEXTAREA|CODE|PRE|KBD|SAMP)\b)"
    r"|(?P<marker>data-machine|translate=|sign-in-secret)"
)
_MARKER = re.compile(r"""\sdata-machine(?![\w-])|\stranslate=["']?no\b|\sclass=(?:"[^"]*|'[^']*)\bsign-in-secret\b""")
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_START_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9:-]*)({_ATTRIBUTES})>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# The text between two tags that holds a digit, with the ">" before it. Attribute values never hold a raw ">"
# (Django escapes it, and no template writes one), so a ">" always ends a tag.
_TEXT_WITH_DIGITS = re.compile(r">[^<0-9]*[0-9][^<]*")


def _rewrite_text(markup: str) -> str:
    """Rewrite the text of `markup`, which starts just after a tag (or at the start of the page)."""
    return _TEXT_WITH_DIGITS.sub(lambda match: ">" + digits.to_arabic_indic(match.group()[1:]), ">" + markup)[1:]


def _element_end(html: str, name: str, position: int) -> int:
    """Where the element `name` whose start tag ends at `position` ends, with its end tag (nested ones counted)."""
    if name in _RAW_TEXT:
        end = re.compile(rf"</{name}\s*>", re.I).search(html, position)
        return end.end() if end else len(html)
    depth = 1
    for tag in re.compile(rf"<(/?){re.escape(name)}\b{_ATTRIBUTES}>", re.I).finditer(html, position):
        if tag.group(1):
            depth -= 1
            if not depth:
                return tag.end()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return len(html)


def _kept(html: str, match: re.Match) -> tuple[int, int] | None:
    """The span of `html` that a `_CANDIDATE` match says keeps its digits, or None if it says nothing after all."""
    start = match.start()
    if match.group("marker"):
        start = html.rfind("<", 0, start)
        if start < 0 or html.rfind(">", 0, match.start()) > start:
            return None  # the marker's words in text, not in a tag
    elif html.startswith("<!--", start):
        end = html.find("-->", start)
        return start, len(html) if end < 0 else end + 3
    elif not match.group("name"):
        end = html.find(">", start)
        return start, len(html) if end < 0 else end + 1
    tag = _START_TAG.match(html, start)
    if tag is None:
        return None
    name = tag.group(1).lower()
    if match.group("marker") and not _MARKER.search(tag.group(2)):
        return None
    if name in _VOID or tag.group(2).endswith("/"):
        return start, tag.end()
    return start, _element_end(html, name, tag.end())


def arabic_indic_text(html: str) -> str:
    """Write the ASCII digits of `html`'s text in Arabic-Indic ones, leaving markup and machine-read text alone.

    Only text between tags changes, with `digits.to_arabic_indic` («66.7%» → «٦٦٫٧٪»): never a tag or an attribute
    (so `data-inline-size`, `aria-valuenow`, `value`, `href` and SVG coordinates keep their digits), nor the text of
    <script>, <style>, <textarea>, <code>, <pre>, <kbd>, <samp>, nor anything inside an element marked
    `data-machine`, `translate="no"` or class `sign-in-secret`. Form fields' values are attributes, and a
    <textarea>'s is skipped: what a learner typed comes back as typed.
    """
    out = []
    position = 0
    for match in _CANDIDATE.finditer(html):
        if match.start() < position:  # inside a span already kept whole
            continue
        span = _kept(html, match)
        if span is None or span[0] < position:
            continue
        out.append(_rewrite_text(html[position:span[0]]))
        out.append(html[span[0]:span[1]])
        position = span[1]
    out.append(_rewrite_text(html[position:]))
    return "".join(out)


class DigitsMiddleware:
    """Activate the reader's digits for the request and, on Arabic pages, write an HTML answer's text in them.

    `request.digits` is the reader's numbering system (`bilingual.digits.for_request`). It is activated on Arabic
    pages only, for `{{ value|percent }}`; English pages always have Western digits. Streaming answers and
    anything but text/html (CSV, XLSX, JSON, files) are left alone, htmx fragments are treated like whole pages.
    Placed after the authentication and locale middleware, whose results it reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.digits = SimpleLazyObject(lambda: digits.for_request(request))
        arabic = (getattr(request, "LANGUAGE_CODE", "") or "").startswith("ar")
        numbering_system = str(request.digits) if arabic else digits.WESTERN
        token = digits.activate(numbering_system)
        try:
            response = self.get_response(request)
        finally:
            digits.deactivate(token)
        if not arabic or response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        # A visitor's digits come from the browser's languages: a cache must tell their answers apart.
        patch_vary_headers(response, ("Accept-Language",))
        if numbering_system == digits.ARABIC_INDIC and not response.has_header("Content-Encoding"):
            charset = response.charset or "utf-8"
            response.content = arabic_indic_text(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
