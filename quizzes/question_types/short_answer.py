"""A typed answer compared with accepted answers, Arabic-aware (see `quizzes.answer_matching`).

Response: the text as typed. Every accepted answer is tried in both languages, so an answer typed in
the other language's accepted form counts; the best matching fraction wins.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.answer_matching import WILDCARD, matches
from quizzes.definitions import LANGUAGES, missing_languages
from quizzes.question_types.base import LANGUAGE_NAMES, ZERO, QuestionType, clamp, registry, require_texts, text_in


@registry.register
class ShortAnswer(QuestionType):
    name = "short_answer"
    label = _("Short answer")
    answer_rows = "accepted_answers"

    def fill_view(self, view, definition, *, order, response):
        view.value = response or ""
        if view.display.right_answer:
            view.accepted_forms = [form for answer in definition.accepted_answers if answer.fraction == 1
                                   for form in answer.text.values() if form]
        if view.display.feedback and response:
            answer = self.matching_answer(definition, response)
            view.extra["feedback"] = text_in(answer.feedback, view.language) if answer else ""

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
        for answer in definition.accepted_answers:
            if any(matches(response or "", form) for form in answer.text.values() if form):
                if best is None or answer.fraction > best.fraction:
                    best = answer
        return best

    def grade(self, definition, response):
        answer = self.matching_answer(definition, response)
        return clamp(answer.fraction) if answer else ZERO

    def correct_response(self, definition):
        best = max(definition.accepted_answers, key=lambda a: (a.fraction, WILDCARD not in str(a.text)))
        return next(form for form in (best.text.get(c) for c in LANGUAGES) if form)

    def summarise(self, definition, response, language):
        return response or ""

    def clean_response(self, definition, raw):
        return self.clean_typed_text(raw)

    def correct_answers_for_display(self, definition, language):
        return [a.text.get(language) or next(iter(v for v in a.text.values() if v), "")
                for a in definition.accepted_answers if a.fraction == 1]


__all__ = ["ShortAnswer", "LANGUAGE_NAMES"]
