"""Admin form fields and widgets shared by the question and quiz screens.

`PercentFractionField`: an answer row's share of the grade is stored as a fraction (1.0000000, -0.3333333) and
typed and shown as a percentage (100, -33.33333) with a % after the box. `CompactInlineMixin`: the rows of a
tabular inline fit a 1366 px laptop (short textareas; the widths are in static/css/admin.css).
"""

from decimal import Decimal
from fractions import Fraction

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quizzes.models.question import decimal_of, stored_fraction
from quizzes.question_types.numerical import parse_number

# A percentage typed with decimals is the simple fraction it rounds (33.3 and 33.33333 are a third, 16.7 a sixth,
# 14.29 a seventh: Moodle's grades), so that three "33.3 %" choices make the whole grade; an integer is exact.
SIMPLE_DENOMINATOR = 20
# Shown with the decimals the stored fraction has (7 as a fraction, 5 as a percentage): saving a form unchanged
# stores the same value (a third shown as 33.3 would come back as 0.333 if 33.3 were not read as a third).
SHOWN_DECIMALS = 5


def percent_text(value) -> str:
    """A stored fraction as the percentage typed for it: 1 → "100", 0.5 → "50", -0.3333333 → "-33.33333"."""
    if value in (None, ""):
        return ""
    percent = stored_fraction(Decimal(value)) * 100
    if percent.denominator == 1:
        return str(percent.numerator)
    shown = Decimal(percent.numerator) / Decimal(percent.denominator)
    return format(shown.quantize(Decimal(1).scaleb(-SHOWN_DECIMALS)).normalize(), "f")


def fraction_of_percent(percent: Decimal) -> Fraction:
    """The share of the grade a typed percentage means (see SIMPLE_DENOMINATOR)."""
    exact = Fraction(percent) / 100
    decimals = max(0, -percent.as_tuple().exponent)
    if decimals:
        simple = exact.limit_denominator(SIMPLE_DENOMINATOR)
        if round(Decimal(simple.numerator * 100) / simple.denominator, decimals) == percent:
            return simple
    return exact.limit_denominator(1000)


class PercentInput(forms.TextInput):
    """A short left-to-right box with a % after it, in Arabic pages too (the number and its sign read as one).

    A text box, not a number box: browsers refuse Arabic-Indic digits and ٫ in `type=number`."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "dir": "ltr", "size": 8, "autocomplete": "off",
                          "class": "vPercentField", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            return percent_text(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<span class="percent-input" dir="ltr">{}<span class="percent-sign" aria-hidden="true">'
                           "%</span></span>", super().render(name, value, attrs, renderer))


class PercentFractionField(forms.Field):
    """A fraction of the grade typed as a percentage (100, 50, -33.3, ١٠٠, ٣٣٫٣, "50 %"); cleans to the stored
    Decimal (1.0000000, 0.5000000, -0.3333333) between `minimum` and `maximum` (fractions, the model's bounds)."""

    widget = PercentInput
    default_error_messages = {
        "invalid": _("Type the share of the grade as a percentage, such as 100, 50 or -33.3."),
        "range": _("The percentage must be between %(minimum)s and %(maximum)s."),
    }

    def __init__(self, *, minimum=Decimal(0), maximum=Decimal(1), **kwargs):
        self.minimum, self.maximum = Decimal(minimum), Decimal(maximum)
        kwargs.setdefault("label", _("percentage of the grade"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return percent_text(value) if isinstance(value, (Decimal, int, float)) else value

    def to_python(self, value):
        if isinstance(value, Decimal):
            return value
        text = str(value or "").strip().replace("\u2212", "-").replace("٪", "%")[:24]
        text = text.removesuffix("%").strip()
        if not text:
            return None
        percent = parse_number(text)
        if percent is None or not percent.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        fraction = fraction_of_percent(percent)
        if not self.minimum <= fraction <= self.maximum:
            raise forms.ValidationError(
                self.error_messages["range"], code="range",
                params={"minimum": percent_text(self.minimum), "maximum": percent_text(self.maximum)},
            )
        return decimal_of(fraction)


def percent_fraction_field(db_field, **kwargs) -> PercentFractionField:
    """The percentage field of a model's fraction field, with the model's bounds and default."""
    bounds = {"minimum": Decimal(0), "maximum": Decimal(1)}
    for validator in db_field.validators:
        if isinstance(validator, MinValueValidator):
            bounds["minimum"] = Decimal(validator.limit_value)
        elif isinstance(validator, MaxValueValidator):
            bounds["maximum"] = Decimal(validator.limit_value)
    defaults = {"required": not db_field.blank, "initial": db_field.get_default(), **bounds}
    return PercentFractionField(**{**defaults, **kwargs})


# The help under a fraction's header, by model (an answer's share is plain; a choice's may be negative).
FRACTION_HELP = {
    "Choice": _("100 is fully right, 0 is wrong; a negative percentage costs points."),
}


class CompactInlineMixin:
    """Tabular inline rows that fit a laptop: textareas of a few lines; fraction fields as percentages."""

    textarea_rows = 3
    textarea_cols = 30

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "fraction":
            return percent_fraction_field(db_field, help_text=FRACTION_HELP.get(db_field.model.__name__, ""))
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, forms.Textarea):
            field.widget.attrs.update(rows=self.textarea_rows, cols=self.textarea_cols)
        return field
