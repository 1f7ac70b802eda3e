"""A number within a tolerance: years are the common case.

Response: the text as typed. It is read after `normalise`, so Arabic-Indic (٠-٩) and Persian (۰-۹)
digits and the Arabic decimal separator ٫ work; the question's unit may follow the number.

A year question can accept either calendar (option `either_calendar`): the Gregorian year, or the Hijri
year(s) it spans (1862 spans 1278–1279 AH), converted by `history.dates` as on the event pages; a
generated question names the Hijri years of its event's own dates (option `hijri_years`). "هـ" or "AH"
after the number says it is Hijri, "م" or "AD"/"CE" that it is Gregorian; a bare number is read in the
calendar whose accepted years it is near. The feedback and the review show the conversion.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy as _

from history import dates
from quizzes.answer_matching import normalise
from quizzes.definitions import NumericalAnswerDef, is_blank
from quizzes.formats.gift_syntax import Broken
from quizzes.formats.moodlexml_syntax import (
    answer_fraction,
    answer_text,
    child_text,
    decimal_text,
    escape,
    plain_text,
    question_text_format,
    read_decimal,
    read_number,
)
from quizzes.question_types.base import ZERO, QuestionType, clamp, registry, text_in

NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:\s*(.*))?$")
# What may follow a year to name its calendar, as `normalise` folds it ("هـ" becomes "ه").
HIJRI_MARKS = ("ه", "ه.", "هـ", "ah", "a.h", "a.h.")
GREGORIAN_MARKS = ("م", "م.", "ad", "a.d", "a.d.", "ce", "c.e", "c.e.")
HIJRI, GREGORIAN = "hijri", "gregorian"


def parse_number(text: str, unit: str = "") -> Decimal | None:
    """Return the number in `text` (with an optional trailing unit), or None if it is not one."""
    folded = normalise(text or "").replace(" ", "") if not unit else normalise(text or "")
    folded = folded.replace(",", "") if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", folded) else folded
    match = NUMBER.match(folded)
    if not match:
        return None
    rest = (match.group(2) or "").strip()
    if rest and (not unit or rest != normalise(unit)):
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None


def hijri_years_of(year: int) -> tuple[int, int]:
    """The first and last Hijri year that the Gregorian `year` overlaps (1862 → 1278, 1279)."""
    return dates.hijri_years(datetime.date(year, 1, 1), "year")


def read_year(text: str, *, either_calendar: bool, unit: str = "") -> tuple[Decimal | None, str | None]:
    """Return the number in `text` and the calendar its mark names (None: no mark, or not a year question)."""
    if either_calendar and not unit:
        folded = normalise(text or "")
        for calendar, marks in ((HIJRI, HIJRI_MARKS), (GREGORIAN, GREGORIAN_MARKS)):
            for mark in marks:
                if folded.endswith(mark) and (number := parse_number(folded[: -len(mark)])) is not None:
                    return number, calendar
    return parse_number(text, unit), None


@registry.register
class Numerical(QuestionType):
    name = "numerical"
    shares_formulation = True  # the response shows only in its controls (quizzes/formulations.py)
    label = _("Numerical")
    answer_rows = "numerical_answers"
    gift_priority = 10
    moodlexml_types = ("numerical",)
    csv_columns = ("unit",)

    def option_fields(self):
        return {
            "unit": forms.CharField(label=_("unit"), max_length=40, required=False,
                                    help_text=_("Typed after the number, such as “km”; leave empty for years.")),
            "either_calendar": forms.BooleanField(
                label=_("either calendar"), required=False,
                help_text=_("For a year: also accept the Hijri year(s) that the Gregorian year spans (1862 spans "
                            "1278–1279 AH). The feedback shows the conversion."),
            ),
        }
    MAX_RESPONSE_LENGTH = 60

    def validate(self, definition):
        errors = []
        answers = definition.numerical_answers
        if not answers:
            errors.append(ValidationError(_("Add at least one accepted number."), code="no_answers"))
        elif not any(answer.fraction == 1 for answer in answers):
            errors.append(ValidationError(_("One accepted number must be fully right (100%%)."), code="no_full_answer"))
        for number, answer in enumerate(answers, start=1):
            if answer.tolerance < 0:
                errors.append(
                    ValidationError(
                        _("Accepted number %(number)d: the tolerance cannot be negative."),
                        code="negative_tolerance",
                        params={"number": number},
                    )
                )
            if not 0 <= answer.fraction <= 1:
                errors.append(
                    ValidationError(
                        _("Accepted number %(number)d: the fraction must be between 0%% and 100%%."),
                        code="fraction_range",
                        params={"number": number},
                    )
                )
        return errors

    def translation_errors(self, definition):
        return []

    def hijri_answers(self, definition) -> dict[int, NumericalAnswerDef]:
        """The Hijri years accepted (with either calendar), each with the Gregorian answer it converts."""
        if not definition.options.get("either_calendar"):
            return {}
        answers = {}
        named = definition.options.get("hijri_years")
        for answer in sorted(definition.numerical_answers, key=lambda a: a.fraction):
            if named is not None:
                if answer.fraction == 1:
                    answers.update({int(year): answer for year in named})
                continue
            low, high = int(answer.value - answer.tolerance), int(answer.value + answer.tolerance)
            for year in range(low, high + 1):
                first, last = hijri_years_of(year)
                answers.update({hijri: answer for hijri in range(first, last + 1)})
        return answers

    def read_response(self, definition, response) -> tuple[Decimal | None, str]:
        """Return the number in `response` and the calendar it is read in."""
        value, calendar = read_year(response, either_calendar=bool(definition.options.get("either_calendar")),
                                    unit=definition.options.get("unit", ""))
        if calendar is None:
            calendar = GREGORIAN
            hijri = self.hijri_answers(definition)
            if value is not None and hijri and self._gregorian_answer(definition, value) is None:
                # A bare year far from the Gregorian answers but among the Hijri ones was typed in Hijri.
                nearest = min(definition.numerical_answers, key=lambda a: abs(value - a.value))
                if min(abs(value - year) for year in hijri) < abs(value - nearest.value):
                    calendar = HIJRI
        return value, calendar

    def _gregorian_answer(self, definition, value):
        best = None
        for answer in definition.numerical_answers:
            if abs(value - answer.value) <= answer.tolerance and (best is None or answer.fraction > best.fraction):
                best = answer
        return best

    def matching_answer(self, definition, response):
        value, calendar = self.read_response(definition, response)
        if value is None:
            return None
        if calendar == HIJRI:
            return self.hijri_answers(definition).get(int(value)) if value == int(value) else None
        return self._gregorian_answer(definition, value)

    def conversion(self, definition, response) -> str:
        """"1279 AH ≈ 1862 CE" when `response` was accepted as a Hijri year, else ""."""
        value, calendar = self.read_response(definition, response)
        answer = self.matching_answer(definition, response)
        if calendar != HIJRI or answer is None:
            return ""
        # Translators: a Hijri year and the Gregorian year it converts to, e.g. "1279 هـ ≈ 1862 م".
        return gettext("%(hijri)s AH ≈ %(year)s CE") % {"hijri": int(value), "year": format(answer.value.normalize(), "f")}

    def hijri_key(self, definition) -> str:
        """The accepted Hijri years as a person reads them: "1278–1279 AH" (with either calendar), else ""."""
        years = sorted({year for year, answer in self.hijri_answers(definition).items() if answer.fraction == 1})
        if not years:
            return ""
        shown = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        if len(years) > 1 and years != list(range(years[0], years[-1] + 1)):
            shown = "، ".join(map(str, years))
        return gettext("%(years)s AH") % {"years": shown}

    def grade(self, definition, response):
        answer = self.matching_answer(definition, response)
        return clamp(answer.fraction) if answer else ZERO

    def correct_response(self, definition):
        best = max(definition.numerical_answers, key=lambda answer: answer.fraction)
        return format(best.value.normalize(), "f")

    def summarise(self, definition, response, language):
        return response or ""

    def fill_view(self, view, definition, *, order, response):
        view.value = response or ""
        view.unit = definition.options.get("unit", "")
        view.extra["either_calendar"] = bool(definition.options.get("either_calendar"))
        if view.display.feedback and response:
            answer = self.matching_answer(definition, response)
            view.extra["feedback"] = text_in(answer.feedback, view.language) if answer else ""
            with translation.override(view.language):
                view.extra["conversion"] = self.conversion(definition, response)
        if view.display.right_answer:
            with translation.override(view.language):
                view.extra["hijri_key"] = self.hijri_key(definition)

    def clean_response(self, definition, raw):
        text = self.clean_typed_text(raw)
        if text and self.read_response(definition, text)[0] is None:
            raise ValidationError(_("Please type a number, such as 1862."), code="not_a_number")
        return text

    # --- formats ----------------------------------------------------------------------------------------
    def import_from_gift(self, block):
        """`{#…}`: `=a:t` is a ± t, `=min..max` the midpoint ± half the width, `%n%` weights and `#feedback`.

        A `~` answer with a number (`~1900:10#close, but wrong`) is kept with fraction 0; a `~#feedback`
        catch-all ("any other answer") has no place in NumericalAnswerDef, so it is dropped with a warning
        (Moodle stores it as a `*` answer).
        """
        if not block.answers.startswith("#"):
            return None
        answers = []
        for marker, piece in block.pieces("=~", block.answers[1:]):
            fraction, piece = block.weight(piece, Fraction(0) if marker == "~" else Fraction(1))
            spec, feedback = block.split_feedback(piece)
            spec = block.number_spec(spec)
            if spec in ("", "*"):
                # "Any other answer" feedback: NumericalAnswerDef holds numbers only.
                if feedback.strip():
                    block.warn(gettext("The feedback for any other answer was dropped: it cannot be stored."))
                continue
            value, tolerance = block.numbers(spec)
            answers.append(
                NumericalAnswerDef(value=value, tolerance=tolerance, fraction=fraction, feedback=block.rich(feedback))
            )
        if not answers:
            raise Broken(gettext("The numerical question has no answer."))
        question = block.question(self.name)
        question.numerical_answers = answers
        return question

    def export_to_gift(self, question, gift):
        lines = [
            f"\t=%{gift.percent(answer.fraction)}%{format(answer.value, 'f')}:{format(answer.tolerance, 'f')}"
            f"{gift.feedback(answer.feedback)}"
            for answer in question.numerical_answers
        ]
        return gift.block(lines, opening="{#")

    def import_from_moodlexml(self, element, xml):
        """Moodle's `*` answer ("any other number") cannot be a NumericalAnswerDef: it is dropped, with a
        warning when it carried feedback or credit (a silent drop would lose the feedback unnoticed)."""
        question = xml.question(self.name)
        text_format = question_text_format(element)
        for answer in element.findall("answer"):
            value = answer_text(answer)
            fraction = answer_fraction(answer)
            feedback = xml.html(answer.find("feedback"), text_format)
            if value in ("*", ""):
                if fraction:
                    xml.warn(gettext("the answer “*” (any other number) gave credit; it was dropped."))
                elif not is_blank(feedback):
                    xml.warn(gettext("the feedback for any other number (answer “*”) was dropped."))
                continue
            question.numerical_answers.append(
                NumericalAnswerDef(
                    value=read_number(value, gettext("the answer “%(value)s” is not a number.")),
                    tolerance=read_number(
                        child_text(answer, "tolerance", "0") or "0",
                        gettext("the tolerance “%(value)s” is not a number."),
                    ),
                    fraction=fraction,
                    feedback=feedback,
                )
            )
        _read_moodlexml_unit(element, question, xml)
        return question

    def export_to_moodlexml(self, question, xml):
        lines = []
        for answer in question.numerical_answers:
            tolerance = f"      <tolerance>{decimal_text(answer.tolerance)}</tolerance>"
            lines += xml.answer_lines(
                answer.fraction, decimal_text(answer.value), answer.feedback, "moodle_auto_format", [tolerance]
            )
        unit = question.options.get("unit")
        if unit:
            lines += [
                "    <units>",
                "      <unit>",
                "        <multiplier>1</multiplier>",
                f"        <unit_name>{escape(unit)}</unit_name>",
                "      </unit>",
                "    </units>",
                "    <showunits>0</showunits>",
            ]
        return lines

    def import_from_csv(self, row):
        question = row.question(self.name)
        question.numerical_answers = row.numerical_answers()
        if row.value("unit"):
            question.options["unit"] = row.value("unit")
        return question

    def export_to_csv(self, question, csv):
        return {**csv.answer_cells(question.numerical_answers), "unit": question.options.get("unit", "")}


def _read_moodlexml_unit(element, question, xml) -> None:
    """The base unit (multiplier 1) is shown after the number; other units and their conversions are not kept."""
    units = element.findall("units/unit")
    for unit in units:
        name = plain_text(child_text(unit, "unit_name"))
        multiplier = read_decimal(child_text(unit, "multiplier", "1") or "1")
        if name and multiplier == 1:
            question.options["unit"] = name
            break
    if len(units) > 1:
        xml.warn(gettext("only the base unit was kept; other units and their multipliers were dropped."))
