"""What single choice, multiple response and true/false share: options with fractions."""

from __future__ import annotations

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.definitions import ChoiceDef, QuestionDef, is_blank
from quizzes.formats.csv_syntax import CsvRow, CsvWriter
from quizzes.formats.gift_syntax import Broken, GiftBlock, GiftWriter
from quizzes.formats.moodlexml_syntax import (
    QuestionReader,
    QuestionWriter,
    answer_fraction,
    child_text,
    flag,
    question_text_format,
)
from quizzes.question_types.base import (
    ZERO,
    Option,
    QuestionType,
    ResponseClass,
    clamp,
    invalid_response,
    ordered,
    require_texts,
    text_in,
)


class ChoiceQuestionType(QuestionType):
    """A question answered by picking one option (response: the option's key)."""

    answer_rows = "choices"
    shares_formulation = True  # the response shows only in its radio buttons or check boxes
    # Whether the quiz's "shuffle choices" applies (true/false keeps True before False).
    shuffles = True
    classifies_responses = True

    # Whether an accommodation's "fewer choices" hides wrong options (single choice only: hiding options of a
    # multiple response question would tell which ones to tick).
    hides_wrong_options = False

    def start(self, definition: QuestionDef, rng, *, shuffle: bool, fewer_wrong: int = 0) -> dict:
        order = {}
        if shuffle and self.shuffles and definition.choices:
            order["choices"] = rng.sample([c.key for c in definition.choices], len(definition.choices))
        if fewer_wrong and self.hides_wrong_options:
            wrong = [c.key for c in definition.choices if c.fraction <= 0]
            # The right option and at least one other always stay.
            hidden = min(fewer_wrong, len(wrong), len(definition.choices) - 2)
            if hidden > 0:
                order["hidden"] = sorted(rng.sample(wrong, hidden))
        return order

    def picked(self, response) -> set:
        return set(response if isinstance(response, list) else [response])

    def fill_view(self, view, definition: QuestionDef, *, order: dict, response) -> None:
        picked = self.picked(response)
        display = view.display
        hidden = set(order.get("hidden") or ())
        for choice in ordered(definition.choices, order.get("choices")):
            if choice.key in hidden:
                continue
            selected = choice.key in picked
            # Ticks on every option with the right answer; on the learner's own picks with correctness, once the
            # question is finished (while a retry is open they would say which picks to drop).
            shows_right = display.right_answer or (display.correctness and selected and view.disabled)
            shows_feedback = display.feedback and (selected or display.right_answer)
            view.options.append(
                Option(
                    key=choice.key,
                    text=text_in(choice.text, view.language),
                    selected=selected,
                    is_right=(choice.fraction > 0) if shows_right else None,
                    feedback=text_in(choice.feedback, view.language) if shows_feedback else "",
                )
            )

    def response_classes(self, definition: QuestionDef) -> list[ResponseClass]:
        return [ResponseClass(choice.key, choice.text, choice.fraction > 0) for choice in definition.choices]

    def classify_response(self, definition: QuestionDef, response) -> list[str]:
        keys = {choice.key for choice in definition.choices}
        return [key for key in self.picked(response) if key in keys]

    def validate_choices(self, definition: QuestionDef, *, minimum: int = 2) -> list[ValidationError]:
        errors = []
        if len(definition.choices) < minimum:
            errors.append(
                ValidationError(
                    _("Add at least %(minimum)d choices."), code="too_few_choices", params={"minimum": minimum}
                )
            )
        errors += require_texts(definition.choices, "text", _("Choice"))
        for number, choice in enumerate(definition.choices, start=1):
            if not -1 <= choice.fraction <= 1:
                errors.append(
                    ValidationError(
                        _("Choice %(number)d: the fraction must be between -100%% and 100%%."),
                        code="fraction_range",
                        params={"number": number},
                    )
                )
        return errors

    def choice(self, definition: QuestionDef, key):
        for choice in definition.choices:
            if choice.key == key:
                return choice
        return None

    def grade(self, definition: QuestionDef, response) -> Fraction:
        choice = self.choice(definition, response)
        return clamp(choice.fraction) if choice else ZERO

    def correct_response(self, definition: QuestionDef):
        return max(definition.choices, key=lambda choice: choice.fraction).key

    def summarise(self, definition: QuestionDef, response, language: str) -> str:
        choice = self.choice(definition, response)
        return text_in(choice.text, language) if choice else ""

    def random_guess_score(self, definition: QuestionDef) -> Fraction:
        if not definition.choices:
            return ZERO
        return sum((clamp(c.fraction) for c in definition.choices), ZERO) / len(definition.choices)

    def clean_response(self, definition: QuestionDef, raw):
        if raw in (None, ""):
            return None
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if self.choice(definition, raw) is None:
            raise invalid_response()
        return raw

    # --- formats: what the hooks of single choice and multiple response share -----------------------------
    # Moodle's multiple choice is one question type with a "single" setting; here it is two types. Each reads
    # the files meant for it (GIFT: a `~` block with or without a `=` answer; XML: `<single>`) and writes them.

    def read_gift_choices(self, block: GiftBlock, pieces: list[tuple[str, str]]) -> QuestionDef:
        """Choices from a GIFT multiple choice block: `=right`, `~wrong`, `~%50%partly right`, `#feedback`."""
        choices = []
        for number, (marker, piece) in enumerate(pieces, start=1):
            if marker == "=":
                # As in Moodle, a `=` answer is fully right; only `~` answers carry %weights%.
                fraction, piece = Fraction(1), piece.strip()
            else:
                fraction, piece = block.weight(piece, Fraction(0))
            text, feedback = block.split_feedback(piece)
            choice = ChoiceDef(text=block.plain(text), fraction=fraction, feedback=block.rich(feedback))
            if is_blank(choice.text):
                raise Broken(block.empty_answer(number))
            choices.append(choice)
        question = block.question(self.name)
        question.choices = choices
        return question

    def write_gift_choices(self, question: QuestionDef, gift: GiftWriter, *, single: bool) -> str:
        lines = []
        for choice in question.choices:
            text = gift.plain(choice.text)
            if single and choice.fraction == 1:
                marker = "="
            elif choice.fraction == 0 and not text.startswith("%"):
                marker = "~"
            else:
                marker = f"~%{gift.percent(choice.fraction)}%"
            lines.append(f"\t{marker}{text}{gift.feedback(choice.feedback)}")
        return gift.block(lines)

    def read_moodlexml_choices(self, element, xml: QuestionReader) -> QuestionDef:
        question = xml.question(self.name)
        text_format = question_text_format(element)
        for answer in element.findall("answer"):
            question.choices.append(
                ChoiceDef(
                    text=xml.text_from_html(answer, default_format=text_format),
                    fraction=answer_fraction(answer),
                    feedback=xml.html(answer.find("feedback"), text_format),
                )
            )
        if element.find("shuffleanswers") is not None:
            question.options["shuffle"] = flag(child_text(element, "shuffleanswers"))
        return question

    def write_moodlexml_choices(self, question: QuestionDef, xml: QuestionWriter, *, single: bool) -> list[str]:
        lines = [f"    <single>{'true' if single else 'false'}</single>", *xml.shuffle_lines()]
        lines.append("    <answernumbering>abc</answernumbering>")
        for choice in question.choices:
            lines += xml.answer_lines(choice.fraction, xml.plain_html(choice.text), choice.feedback)
        return lines

    def read_csv_choices(self, row: CsvRow) -> QuestionDef:
        question = row.question(self.name)
        question.choices = row.choices()
        return question

    def write_csv_choices(self, question: QuestionDef, csv: CsvWriter) -> dict[str, str]:
        return csv.answer_cells(question.choices)
