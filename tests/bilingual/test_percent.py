"""One way to write a percentage (issue 14, defect 7): `format_percent` and `{{ value|percent }}`, one rule for all."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template
from django.utils import translation

from bilingual import digits
from bilingual.percent import format_percent

ALM, LRM = "\u061c", "\u200e"


@pytest.mark.parametrize(("value", "written"), [
    (Decimal("66.7"), "66.7%"),
    (Decimal("100.0"), "100.0%"),  # a grade keeps its tenth, so a column of grades lines up
    (Decimal("49.96"), "50.0%"),  # halves and above round up, to a tenth
    (33.333, "33.3%"),
    (Fraction(200, 3), "66.7%"),
    (33, "33%"),  # a whole-number value (mastery, gridlines) claims no tenth it does not have
    (0, "0%"),
    (Decimal("-7.0"), "-7.0%"),
    (Decimal("-0.04"), "0.0%"),  # no minus on a value that rounds to zero
])
def test_english_writes_the_sign_after_the_number_with_the_values_own_precision(value, written):
    assert format_percent(value, "en") == written


def test_arabic_with_western_digits_is_written_as_english_and_a_minus_keeps_to_its_number():
    assert format_percent(Decimal("56.0"), "ar", digits.WESTERN) == "56.0%"
    assert format_percent(56, "ar", digits.WESTERN) == "56%"
    # Without the mark an Arabic sentence moves the minus to the number's far end («7.0%-»).
    assert format_percent(Decimal("-7.0"), "ar", digits.WESTERN) == f"{LRM}-7.0%"


def test_arabic_indic_digits_take_cldrs_arabic_decimal_separator_and_percent_sign():
    assert format_percent(Decimal("66.7"), "ar", digits.ARABIC_INDIC) == f"٦٦٫٧٪{ALM}"
    assert format_percent(56, "ar", digits.ARABIC_INDIC) == f"٥٦٪{ALM}"
    assert format_percent(Decimal("-7.0"), "ar", digits.ARABIC_INDIC) == f"{ALM}-٧٫٠٪{ALM}"


def test_english_pages_keep_western_digits_whatever_the_readers_choice():
    token = digits.activate(digits.ARABIC_INDIC)
    try:
        assert format_percent(56, "en") == "56%"
        assert format_percent(56, "ar") == f"٥٦٪{ALM}"  # the active choice counts on Arabic pages
    finally:
        digits.deactivate(token)
    assert format_percent(56, "ar") == "56%"  # outside a request: Western


@pytest.mark.parametrize("value", [None, "", "not a number", float("nan"), float("inf"), True])
def test_what_is_not_a_number_is_written_as_nothing(value):
    assert format_percent(value, "en") == ""


def test_the_filter_writes_in_the_active_language():
    template = Template("{% load percent %}{{ value|percent }}")
    with translation.override("en"):
        assert template.render(Context({"value": Decimal("33.3")})) == "33.3%"
    with translation.override("ar"):
        token = digits.activate(digits.ARABIC_INDIC)
        try:
            assert template.render(Context({"value": Decimal("33.3")})) == f"٣٣٫٣٪{ALM}"
        finally:
            digits.deactivate(token)


def test_no_template_writes_a_percent_sign_after_a_number_itself():
    """Every percentage a page shows goes through the filter: no `}}%` is left in the templates."""
    import pathlib
    import re

    from django.conf import settings

    pattern = re.compile(r"\}\}\s*%(?![}])")
    offenders = [
        str(path.relative_to(settings.BASE_DIR)) for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
