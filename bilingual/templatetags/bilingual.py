"""Template helpers for showing text in its own direction inside pages of the other one."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    """Wrap user-authored or mixed text in <bdi> so its direction never disturbs the sentence around it."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)
