"""`{{ value|percent }}`: every percentage a person reads goes through `bilingual.percent.format_percent`."""

from django import template

from bilingual.percent import format_percent

register = template.Library()


@register.filter
def percent(value):
    """Write a number of percent as the page's language and the reader's digits want it (see `format_percent`)."""
    return format_percent(value)
