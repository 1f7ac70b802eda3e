"""A number within a tolerance: years are the common case.

Response: the text as typed. It is read after `normalise`, so Arabic-Indic (٠-٩) and Persian (۰-۹)
digits and the Arabic decimal separator ٫ work; the question's unit may follow the number.
"""

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy as _

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


@registry.register
class Numerical(QuestionType):
    name = "numerical"
    label = _("Numerical")
    answer_rows = "numerical_answers"
    gift_priority = 10
    moodlexml_types = ("numerical",)
    csv_columns = ("unit",)

    def option_fields(self):
        return {"unit": forms.CharField(label=_("unit"), max_length=40, required=False,
                                        help_text=_("Typed after the number, such as “km”; leave empty for years."))}
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

    def matching_answer(self, definition, response):
        value = parse_number(response, definition.options.get("unit", ""))
        if value is None:
            return None
        best = None
        for answer in definition.numerical_answers:
            if abs(value - answer.value) <= answer.tolerance and (best is None or answer.fraction > best.fraction):
                best = answer
        return best

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
        if view.display.feedback and response:
            answer = self.matching_answer(definition, response)
            view.extra["feedback"] = text_in(answer.feedback, view.language) if answer else ""

    def clean_response(self, definition, raw):
        text = self.clean_typed_text(raw)
        if text and parse_number(text, definition.options.get("unit", "")) is None:
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
