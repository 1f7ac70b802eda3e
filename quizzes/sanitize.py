"""HTML that teachers write or import is cleaned with nh3 before it is stored, keeping basic formatting."""

import nh3

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
# Imported images are kept as data: URLs (Moodle embeds them as base64 <file> elements).
URL_SCHEMES = {"http", "https", "mailto", "data"}


def clean_html(html: str) -> str:
    """Return `html` with scripts, styles, event handlers and unknown tags removed."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def html_to_text(html: str) -> str:
    """Return the text of `html` without any markup (for answers, choices and summaries)."""
    import html as html_module

    return html_module.unescape(nh3.clean(html or "", tags=set())).strip()
