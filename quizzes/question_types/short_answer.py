"""A typed answer compared with accepted answers, Arabic-aware (see `quizzes.answer_matching`).

Response: the text as typed. Every accepted answer is tried in both languages, so an answer typed in
the other language's accepted form counts; the best matching fraction wins.

When an answer is accepted only after folding (hamza or alef forms, ة/ه, ى/ي, diacritics, digits, Latin
accents) or because it is a spelling variant the author accepted (ج/غ, س/ز/ث, long vowels), the feedback
says which form was accepted and why, so a learner learns the standard spelling. With the option `strict`,
nothing but Unicode forms and spaces is forgiven: for names whose spelling is the point.
"""

from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.answer_matching import WILDCARD, fold_reasons, is_spelling_variant, matches
from quizzes.definitions import LANGUAGES, AcceptedAnswerDef, is_blank, missing_languages
from quizzes.formats.gift_syntax import Broken, CannotWrite
from quizzes.formats.moodlexml_syntax import answer_fraction, answer_text, child_text, flag, question_text_format
from quizzes.question_types.base import LANGUAGE_NAMES, ZERO, QuestionType, clamp, registry, require_texts, text_in


# Why a typed answer was accepted in another form (`bilingual.folding.FOLD_REASONS`, and "variant").
ACCEPTED_BECAUSE = {
    "hamza": _("the hamza or alef form differs (أ، إ، آ، ا)"),
    "diacritics": _("the diacritics (harakat) differ"),
    "ta_marbuta": _("ة and ه differ"),
    "alef_maqsura": _("ى and ي differ"),
    "digits": _("Arabic-Indic and Western digits differ"),
    "accents": _("the accents on Latin letters differ"),
    "variant": _("it is a spelling variant the author accepted"),
}


@registry.register
class ShortAnswer(QuestionType):
    name = "short_answer"
    shares_formulation = True  # the response shows only in its controls (quizzes/formulations.py)
    label = _("Short answer")
    answer_rows = "accepted_answers"
    # Asked last: GIFT reads any block no other type takes as a short answer, as Moodle does.
    gift_priority = 90
    moodlexml_types = ("shortanswer",)

    def option_fields(self):
        return {"strict": forms.BooleanField(
            label=_("strict spelling"), required=False,
            help_text=_("Accept only the exact spelling (Unicode forms and spaces aside): no hamza, ة/ه, ى/ي, "
                        "diacritics or digit forms forgiven. For names whose spelling is the point."),
        )}

    def fill_view(self, view, definition, *, order, response):
        view.value = response or ""
        if view.display.right_answer:
            view.accepted_forms = [form for answer in definition.accepted_answers if answer.fraction == 1
                                   for form in answer.text.values() if form]
        if view.display.feedback and response:
            answer = self.matching_answer(definition, response)
            view.extra["feedback"] = text_in(answer.feedback, view.language) if answer else ""
            accepted_as, reasons = self.how_accepted(definition, response)
            if reasons:
                view.extra["accepted_as"] = accepted_as
                view.extra["accepted_because"] = [ACCEPTED_BECAUSE[reason] for reason in reasons]

    def how_accepted(self, definition, response) -> tuple[str, list[str]]:
        """Return the standard form `response` was accepted as and why (ACCEPTED_BECAUSE keys), or ("", [])
        when it was typed as accepted (or not accepted at all)."""
        answer = self.matching_answer(definition, response)
        if answer is None or answer.fraction <= 0 or definition.options.get("strict"):
            return "", []
        form = next(f for f in answer.text.values() if f and matches(response, f))
        if WILDCARD in form:
            return "", []
        reasons = fold_reasons(response, form)
        standards = [f for a in definition.accepted_answers if a.fraction == answer.fraction
                     for f in a.text.values() if f and WILDCARD not in f]
        standard = next((f for f in standards[:standards.index(form)] if is_spelling_variant(form, f)), None)
        if standard is not None:
            return standard, ["variant", *reasons]
        return (form, reasons) if reasons else ("", [])

    def validate(self, definition):
        errors = []
        answers = definition.accepted_answers
        if not answers:
            errors.append(ValidationError(_("Add at least one accepted answer."), code="no_answers"))
        errors += require_texts(answers, "text", _("Accepted answer"))
        if answers and not any(answer.fraction == 1 for answer in answers):
            errors.append(
                ValidationError(_("One accepted answer must be fully right (100%%)."), code="no_full_answer")
            )
        for number, answer in enumerate(answers, start=1):
            if not 0 <= answer.fraction <= 1:
                errors.append(
                    ValidationError(
                        _("Accepted answer %(number)d: the fraction must be between 0%% and 100%%."),
                        code="fraction_range",
                        params={"number": number},
                    )
                )
        return errors

    def translation_errors(self, definition):
        """Each language needs a fully right answer learners can type in it (names may be in one only)."""
        errors = []
        for code in LANGUAGES:
            if not any(a.fraction == 1 and code not in missing_languages(a.text) for a in definition.accepted_answers):
                errors.append(
                    ValidationError(
                        _("Add a fully right accepted answer in %(language)s."),
                        code="missing_translation",
                        params={"language": LANGUAGE_NAMES[code]},
                    )
                )
        return errors

    def matching_answer(self, definition, response):
        """Return the accepted answer with the highest fraction that `response` matches, if any."""
        best = None
        strict = bool(definition.options.get("strict"))
        for answer in definition.accepted_answers:
            if any(matches(response or "", form, strict=strict) for form in answer.text.values() if form):
                if best is None or answer.fraction > best.fraction:
                    best = answer
        return best

    def grade(self, definition, response):
        answer = self.matching_answer(definition, response)
        return clamp(answer.fraction) if answer else ZERO

    def correct_response(self, definition):
        return next(form for form in (self._best(definition).text.get(c) for c in LANGUAGES) if form)

    def summarise_correct(self, definition, language):
        """The best accepted answer in `language` («كيريتارو» on Arabic pages, "Querétaro" on English ones)."""
        return self._best(definition).text.get(language) or self.correct_response(definition)

    @staticmethod
    def _best(definition):
        return max(definition.accepted_answers, key=lambda a: (a.fraction, WILDCARD not in str(a.text)))

    def summarise(self, definition, response, language):
        return response or ""

    def clean_response(self, definition, raw):
        return self.clean_typed_text(raw)

    def correct_answers_for_display(self, definition, language):
        return [a.text.get(language) or next(iter(v for v in a.text.values() if v), "")
                for a in definition.accepted_answers if a.fraction == 1]

    # --- formats ----------------------------------------------------------------------------------------
    def import_from_gift(self, block):
        """`=answer` lines with `%n%` weights (100% by default) and `#feedback`; `*` wildcards are kept.

        Accepted answers are compared with what learners type, so they are kept as written (no HTML).
        """
        answers = []
        for number, (_marker, piece) in enumerate(block.pieces("="), start=1):
            fraction, piece = block.weight(piece, Fraction(1))
            text, feedback = block.split_feedback(piece)
            answer = AcceptedAnswerDef(text=block.as_typed(text), fraction=fraction, feedback=block.rich(feedback))
            if is_blank(answer.text):
                raise Broken(block.empty_answer(number))
            answers.append(answer)
        question = block.question(self.name)
        question.accepted_answers = answers
        return question

    def export_to_gift(self, question, gift):
        lines = []
        for answer in question.accepted_answers:
            text = gift.join(answer.text)
            if "->" in text:
                # Accepted answers are written as typed (no HTML to hide it in), and `=` with `->` means matching.
                raise CannotWrite("an accepted answer contains “->”")
            weight = gift.percent(answer.fraction)
            lines.append(f"\t=%{weight}%{gift.typed(answer.text)}{gift.feedback(answer.feedback)}")
        return gift.block(lines)

    def import_from_moodlexml(self, element, xml):
        question = xml.question(self.name)
        text_format = question_text_format(element)
        for answer in element.findall("answer"):
            question.accepted_answers.append(
                AcceptedAnswerDef(
                    text=xml.plain(answer_text(answer)),
                    fraction=answer_fraction(answer),
                    feedback=xml.html(answer.find("feedback"), text_format),
                )
            )
        question.accepted_answers = _join_languages(question.accepted_answers)
        if element.find("usecase") is not None:
            question.options["case_sensitive"] = flag(child_text(element, "usecase"))
        return question

    def export_to_moodlexml(self, question, xml):
        lines = []
        if "case_sensitive" in question.options:
            lines.append(f"    <usecase>{1 if question.options['case_sensitive'] else 0}</usecase>")
        for answer in question.accepted_answers:
            # One Moodle answer per language: Moodle compares the typed text with each answer as written.
            forms = [answer.text[code] for code in LANGUAGES if answer.text.get(code)]
            for form in dict.fromkeys(forms) or [""]:
                lines += xml.answer_lines(answer.fraction, form, answer.feedback, "moodle_auto_format")
        return lines

    def import_from_csv(self, row):
        question = row.question(self.name)
        question.accepted_answers = row.accepted_answers()
        return question

    def export_to_csv(self, question, csv):
        return csv.answer_cells(question.accepted_answers)


def _join_languages(answers: list[AcceptedAnswerDef]) -> list[AcceptedAnswerDef]:
    """Join an Arabic-only answer and the English-only answer next to it (same fraction and feedback).

    `export_to_moodlexml` writes a bilingual accepted answer as one Moodle answer per language, since Moodle
    compares the typed text with each answer as written; this reads it back as the one answer it was. Grading
    is the same either way: every accepted form is tried whatever its language.
    """
    joined: list[AcceptedAnswerDef] = []
    can_pair = False  # whether joined[-1] is still a one-language answer that may take a partner
    for answer in answers:
        if can_pair and _partners(joined[-1], answer):
            joined[-1].text = {**joined[-1].text, **answer.text}
            can_pair = False
            continue
        joined.append(answer)
        can_pair = True
    return joined


def _partners(first: AcceptedAnswerDef, second: AcceptedAnswerDef) -> bool:
    return (
        len(first.text) == 1
        and len(second.text) == 1
        and first.text.keys() != second.text.keys()
        and first.fraction == second.fraction
        and first.feedback == second.feedback
        and not any("*" in value for value in (*first.text.values(), *second.text.values()))
    )


__all__ = ["ShortAnswer", "LANGUAGE_NAMES"]
