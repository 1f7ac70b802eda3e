"""HTML that teachers write or import is cleaned with nh3 before it is stored, keeping basic formatting.

Images may come only from us: data: URLs (Moodle embeds its images as base64 <file>s, and imports keep
them so) and paths on this site. A remote image would tell its host which learner opened the question,
and when, so it is removed unless settings.ALLOW_REMOTE_IMAGES is on (then https only, as the
Content-Security-Policy allows). data: URLs are for images alone: a data: link opens a page of any content.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "span", "bdi", "ul", "ol", "li",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "img", "a", "h3", "h4",
}
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
# Which attribute may use which scheme is narrowed further by `_allowed_url`.
URL_SCHEMES = {"http", "https", "mailto", "data"}
# What a browser ignores or strips in a URL before it reads the scheme (WHATWG URL: tab, newline, C0, space).
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(c) for c in range(0x21))


def _url_parts(value: str):
    """Split `value` as a browser would read it: backslashes are slashes, tabs and newlines vanish."""
    return urlsplit(_URL_NOISE.sub("", value).strip(_URL_EDGES).replace("\\", "/"))


def _allowed_url(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: return the value to keep, or None to drop the attribute."""
    if (tag, attribute) not in {("a", "href"), ("img", "src")}:
        return value
    try:
        url = _url_parts(value)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    scheme = url.scheme.lower()
    if tag == "a":
        return None if scheme == "data" else value
    if scheme == "data":
        return value if url.path.lower().startswith("image/") else None
    if not scheme and not url.netloc:  # a path on this site: /media/…, or relative
        # …but not "///host", which urlsplit reads as a path and browsers as another site.
        written = _URL_NOISE.sub("", value).strip(_URL_EDGES).replace("\\", "/")
        return None if written.startswith("//") else value
    if scheme == "https" and url.netloc and getattr(settings, "ALLOW_REMOTE_IMAGES", False):
        return value
    return None


def clean_html(html: str) -> str:
    """Return `html` with scripts, styles, event handlers, unknown tags and foreign images removed."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_allowed_url,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def html_to_text(html: str) -> str:
    """Return the text of `html` without any markup (for answers, choices and summaries)."""
    import html as html_module

    return html_module.unescape(nh3.clean(html or "", tags=set())).strip()
