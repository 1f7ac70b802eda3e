"""Embedded answers (cloze, Moodle's multianswer): a text with gaps, each a short answer, a number or a choice.

Data. The question text holds a placeholder `{#n}` where gap n stands (as Moodle stores it), so a page that
prints the text never shows a key; the gaps are in `options["gaps"]`, in order:

    {"kind": "short_answer" | "numerical" | "choice", "weight": 2,
     "case_sensitive": false,                                   short answer (Moodle's SAC)
     "layout": "dropdown" | "vertical" | "horizontal", "shuffle": false, "multiple": false,   choice
     "answers": [{"key": "3f9a1c0e", "text": {"ar": …, "en": …}, "fraction": "1/2",
                  "feedback": {"ar": …, "en": …},
                  "value": "1862" | "*", "tolerance": "0"}]}    numerical (no text; "*" is any other number)

Authors write Moodle's embedded syntax (quizzes/formats/cloze_syntax.py) in the Arabic and the English text;
`text_from_authoring` reads both (the same gaps in the same order, kinds, weights, answers and fractions; the
texts of the answers and their feedback come from each language) and `text_for_authoring` writes the syntax
back for the form. Moodle XML carries the syntax in the question text, as Moodle writes it.

Response: {"1": "Juárez", "2": "1862", "3": "<choice key>", "4": ["<key>", "<key>"]}, gap numbers as strings,
unanswered gaps left out. Grade: the gaps' fractions weighted by their weights (Moodle's multianswer). A short
answer is matched as the short answer type matches (`quizzes.answer_matching`: Arabic spelling, tashkeel and
accents folded; every accepted form tried in both languages); a case-sensitive gap also wants the Latin
letters' case. A number is read as the numerical type reads it (Arabic-Indic digits, `٫`). Multiple response
adds the picked fractions (Moodle scales them on reading: see cloze_syntax).
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from itertools import product

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _, ngettext

from bilingual.punctuation import comma, semicolon
from quizzes.answer_matching import WILDCARD, matches
from quizzes.definitions import LANGUAGES, Text, is_blank, text_of
from quizzes.formats import cloze_syntax as syntax
from quizzes.formats.csv_syntax import RowError
from quizzes.formats.gift_syntax import CannotWrite
from quizzes.formats.moodlexml_syntax import Unreadable, decimal_text
from quizzes.question_types.base import (
    LANGUAGE_NAMES,
    ONE,
    ZERO,
    Option,
    PerGapFields,
    QuestionType,
    ResponseClass,
    clamp,
    invalid_response,
    registry,
)
from quizzes.question_types.numerical import parse_number
from quizzes.sanitize import clean_html, html_to_text

OTHER = "other"  # the response class of a typed answer that matches no answer
MAX_GAPS = 100
EXACT_GUESS_LIMIT = 12


@dataclass
class Answer:
    key: str
    text: Text = field(default_factory=dict)
    fraction: Fraction = ONE
    feedback: Text = field(default_factory=dict)
    value: Decimal | None = None  # numerical; None is "*", any other number
    tolerance: Decimal = Decimal(0)


@dataclass
class Gap:
    number: int
    kind: str
    weight: int = 1
    case_sensitive: bool = False
    layout: str = syntax.DROPDOWN
    shuffle: bool = False
    multiple: bool = False
    answers: list[Answer] = field(default_factory=list)

    @property
    def is_choice(self) -> bool:
        return self.kind == syntax.CHOICE

    def answer(self, key) -> Answer | None:
        return next((answer for answer in self.answers if answer.key == key), None)


@dataclass
class GapView:
    """What the template shows of one gap (built by `fill_view`, limited by the display options)."""

    number: int
    kind: str
    field: str
    layout: str = syntax.DROPDOWN
    multiple: bool = False
    value: str = ""
    options: list[Option] = field(default_factory=list)
    # "right", "partial" or "wrong": an answered gap, once the question is finished and correctness shows.
    mark: str = ""
    right_answer: str = ""
    feedback: str = ""


# --- the stored gaps -----------------------------------------------------------------------------------
def gaps_of(options: dict) -> list[Gap]:
    """The gaps stored in a question's `options`; ValueError (with the author's message) when unreadable."""
    raw = (options or {}).get("gaps", [])
    try:
        if not isinstance(raw, list) or len(raw) > MAX_GAPS:
            raise TypeError
        return [_gap_from_json(number, data) for number, data in enumerate(raw, start=1)]
    except (TypeError, ValueError, KeyError, ArithmeticError, AttributeError):
        raise ValueError(gettext("The gaps of this question cannot be read; write them again in the question text.")) from None


def _gap_from_json(number: int, data: dict) -> Gap:
    kind = data["kind"]
    if kind not in syntax.KINDS or data.get("layout", syntax.DROPDOWN) not in syntax.LAYOUTS:
        raise ValueError(kind)
    weight = data.get("weight", 1)
    if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
        raise ValueError(weight)
    answers = []
    for item in data.get("answers", []):
        value = item.get("value")
        answers.append(Answer(
            key=str(item["key"]), text=_text(item.get("text", {})), fraction=Fraction(str(item.get("fraction", "1"))),
            feedback=_text(item.get("feedback", {})),
            value=None if kind != syntax.NUMERICAL or value in (None, syntax.ANY_NUMBER) else Decimal(str(value)),
            tolerance=Decimal(str(item.get("tolerance", "0"))),
        ))
    return Gap(number=number, kind=kind, weight=weight, case_sensitive=bool(data.get("case_sensitive", False)),
               layout=data.get("layout", syntax.DROPDOWN), shuffle=bool(data.get("shuffle", False)),
               multiple=bool(data.get("multiple", False)), answers=answers)


def _text(value) -> Text:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TypeError
    return {code: value[code] for code in LANGUAGES if value.get(code)}


def gap_json(gap: Gap) -> dict:
    data = {"kind": gap.kind, "weight": gap.weight}
    if gap.kind == syntax.SHORT_ANSWER:
        data["case_sensitive"] = gap.case_sensitive
    if gap.is_choice:
        data.update(layout=gap.layout, shuffle=gap.shuffle, multiple=gap.multiple)
    answers = []
    for answer in gap.answers:
        item = {"key": answer.key, "fraction": str(answer.fraction), "feedback": answer.feedback}
        if gap.kind == syntax.NUMERICAL:
            item["value"] = syntax.ANY_NUMBER if answer.value is None else decimal_text(answer.value)
            item["tolerance"] = decimal_text(answer.tolerance)
        else:
            item["text"] = answer.text
        answers.append(item)
    data["answers"] = answers
    return data


# --- reading the syntax of both languages --------------------------------------------------------------
def read_texts(texts: Text) -> tuple[Text, list[Gap], list[ValidationError]]:
    """Read the gaps written in each language's text (Moodle's syntax) and join them into one list of gaps.

    Return the texts with placeholders, the gaps and the problems (each naming its gap, and the language when
    both languages are written). A language that has fewer gaps than the other (a translation under way)
    is not a problem here: `translation_errors` stops it from being published.
    """
    written = [code for code in LANGUAGES if (texts.get(code) or "").strip()]
    parsed = {code: syntax.parse(texts.get(code) or "") for code in written}
    problems = []
    for code in written:
        for problem in parsed[code].problems:
            problems.append(_problem(problem.gap, problem.message, problem.code, code if len(written) > 1 else None))
    gaps: list[Gap] = []
    count = max((len(parsed[code].gaps) for code in written), default=0)
    if count > MAX_GAPS:
        problems.append(ValidationError(ngettext("A question may have at most %(limit)d gap.",
                                                 "A question may have at most %(limit)d gaps.", MAX_GAPS)
                                        % {"limit": MAX_GAPS}, code="too_many_gaps"))
        count = 0
    for index in range(count):
        versions = {code: parsed[code].gaps[index] for code in written if index < len(parsed[code].gaps)}
        difference = _difference(versions)
        if difference:
            problems.append(ValidationError(_("Gap %(number)d: the Arabic and English texts differ in %(difference)s."),
                                            code="gap_mismatch", params={"number": index + 1, "difference": difference}))
            continue
        gaps.append(_joined(index + 1, versions))
    stored = {code: (parsed[code].text if code in parsed else texts.get(code) or "") for code in LANGUAGES}
    return stored, gaps, problems


def _problem(number: int, message, code: str, language: str | None) -> ValidationError:
    if language is None:
        if not number:
            return ValidationError(message, code=code)
        return ValidationError(_("Gap %(number)d: %(problem)s"), code=code, params={"number": number, "problem": message})
    return ValidationError(_("%(language)s text, gap %(number)d: %(problem)s"), code=code,
                           params={"language": LANGUAGE_NAMES[language], "number": number, "problem": message})


def _difference(versions: dict[str, syntax.Gap]):
    """What differs between the languages' versions of a gap (None when nothing does)."""
    if len(versions) < 2:
        return None
    ar, en = versions["ar"], versions["en"]
    if ar.code != en.code:
        return _("the kind of gap (%(ar)s in Arabic, %(en)s in English)") % {
            "ar": syntax.WRITTEN[ar.code], "en": syntax.WRITTEN[en.code]}
    if ar.weight != en.weight:
        return _("the weight (%(ar)d in Arabic, %(en)d in English)") % {"ar": ar.weight, "en": en.weight}
    if len(ar.answers) != len(en.answers):
        return _("the number of answers (%(ar)d in Arabic, %(en)d in English)") % {
            "ar": len(ar.answers), "en": len(en.answers)}
    if [a.fraction for a in ar.answers] != [a.fraction for a in en.answers]:
        return _("the answers’ fractions")
    if ar.kind == syntax.NUMERICAL and [(a.value, a.tolerance) for a in ar.answers] != [
            (a.value, a.tolerance) for a in en.answers]:
        return _("the numbers")
    return None


def _joined(number: int, versions: dict[str, syntax.Gap]) -> Gap:
    first = next(iter(versions.values()))
    answers = []
    for index, alternative in enumerate(first.answers):
        answer = Answer(key="", fraction=alternative.fraction, value=alternative.value, tolerance=alternative.tolerance)
        for code, version in versions.items():
            written = version.answers[index]
            if first.kind != syntax.NUMERICAL and html_to_text(written.text).strip():
                answer.text[code] = html_to_text(written.text).strip()
            if clean_html(written.feedback).strip():
                answer.feedback[code] = clean_html(written.feedback).strip()
        answer.key = answer_key(number, index, answer)
        answers.append(answer)
    return Gap(number=number, kind=first.kind, weight=first.weight, case_sensitive=first.case_sensitive,
               layout=first.layout, shuffle=first.shuffle, multiple=first.multiple, answers=answers)


def answer_key(number: int, index: int, answer: Answer) -> str:
    """The key forms and responses name an answer by: the same gaps read twice (an export read back, a text
    saved again) get the same keys, and the site's secret keeps a learner from working out from a key where
    the author put the answer (the right one is often first)."""
    seed = repr((settings.SECRET_KEY, number, index, sorted(answer.text.items()), str(answer.value)))
    return hashlib.blake2b(seed.encode(), digest_size=4).hexdigest()


def write_texts(texts: Text, gaps: list[Gap]) -> Text:
    """The texts with each placeholder replaced by its gap in Moodle's syntax, in that text's language."""
    written = {}
    for code in LANGUAGES:
        text = texts.get(code) or ""
        if text:
            written[code] = syntax.write_text(text, {gap.number: syntax.write_gap(_syntax_gap(gap, code))
                                                     for gap in gaps})
    return written


def _syntax_gap(gap: Gap, language: str) -> syntax.Gap:
    return syntax.Gap(
        kind=gap.kind, weight=gap.weight, case_sensitive=gap.case_sensitive, layout=gap.layout, shuffle=gap.shuffle,
        multiple=gap.multiple,
        answers=[syntax.Alternative(text=html.escape(text_of(answer.text, language), quote=False),
                                    fraction=answer.fraction, feedback=answer.feedback.get(language, ""),
                                    value=answer.value, tolerance=answer.tolerance)
                 for answer in gap.answers],
    )


def _matches_case(response: str, accepted: str) -> bool:
    """A case-sensitive match: folded as usual (Arabic has no case), and each capital typed where the accepted
    answer has one (a capital is marked before folding, so the folding cannot forget it)."""
    def marked(text):
        return "".join(f"^{c}" if c.isupper() else c for c in text)

    return matches(response, accepted) and matches(marked(response), marked(accepted))


# --- the type ------------------------------------------------------------------------------------------
@registry.register
class Cloze(PerGapFields, QuestionType):
    name = "cloze"
    shares_formulation = True  # the response shows only in its gaps' controls
    label = _("Embedded answers (cloze)")
    answer_rows = None
    # Moodle writes `cloze` and reads both names (question/format/xml/format.php).
    moodlexml_types = ("cloze", "multianswer")
    classifies_responses = True
    several_values_per_gap = True  # a multiple-response gap posts its checkboxes under one name

    def gaps(self, definition) -> list[Gap]:
        return gaps_of(definition.options)

    # --- authoring ----------------------------------------------------------------------------------
    def text_for_authoring(self, text: Text, options: dict) -> Text:
        try:
            gaps = gaps_of(options)
        except ValueError:
            return dict(text)
        return {**text, **write_texts(text, gaps)}

    def text_from_authoring(self, text: Text, options: dict) -> tuple[Text, dict]:
        stored, gaps, problems = read_texts(text)
        if problems:
            raise ValidationError(problems)
        return stored, {**options, "gaps": [gap_json(gap) for gap in gaps]}

    def validate(self, definition):
        try:
            gaps = self.gaps(definition)
        except ValueError as error:
            return [ValidationError(str(error), code="unreadable_gaps")]
        if not gaps:
            return [ValidationError(_("The question text must include at least one embedded answer, such as "
                                      "{1:SHORTANSWER:=Juárez}."), code="no_gaps")]
        errors = []
        for gap in gaps:
            errors += self._gap_errors(gap)
        if not sum(gap.weight for gap in gaps):
            errors.append(ValidationError(_("Every gap has weight 0: give at least one gap a weight."),
                                          code="no_weight"))
        found = {number for code in LANGUAGES for number in syntax.placeholders(definition.text.get(code) or "")}
        for gap in gaps:
            if gap.number not in found:
                errors.append(ValidationError(_("Gap %(number)d is not in the question text."), code="gap_not_in_text",
                                              params={"number": gap.number}))
        for number in sorted(found - {gap.number for gap in gaps}):
            errors.append(ValidationError(_("The question text names gap %(number)d, which does not exist."),
                                          code="unknown_gap", params={"number": number}))
        return errors

    def _gap_errors(self, gap: Gap) -> list[ValidationError]:
        """Moodle's checks of each gap (`qtype_multianswer_validate_question`), in its words."""
        errors = []
        params = {"number": gap.number}
        if gap.is_choice and len(gap.answers) < 2:
            errors.append(ValidationError(_("Gap %(number)d: this type of question requires at least 2 choices."),
                                          code="too_few_choices", params=params))
        elif not gap.answers:
            errors.append(ValidationError(_("Gap %(number)d: add at least one answer."), code="no_answers",
                                          params=params))
        if gap.is_choice and gap.multiple:
            full = any(answer.fraction > 0 for answer in gap.answers)
        else:
            full = any(answer.fraction == 1 for answer in gap.answers)
        if gap.answers and not full:
            errors.append(ValidationError(
                _("Gap %(number)d: one of the answers should have a score of 100%% so it is possible to get full "
                  "marks for this question."), code="no_full_answer", params=params))
        low = -1 if gap.is_choice else 0
        for position, answer in enumerate(gap.answers, start=1):
            answer_params = {**params, "answer": position}
            if not low <= answer.fraction <= 1:
                errors.append(ValidationError(
                    _("Gap %(number)d, answer %(answer)d: the fraction must be between %(low)d%% and 100%%."),
                    code="fraction_range", params={**answer_params, "low": low * 100}))
            if gap.kind == syntax.NUMERICAL and answer.tolerance < 0:
                errors.append(ValidationError(_("Gap %(number)d, answer %(answer)d: the tolerance cannot be negative."),
                                              code="negative_tolerance", params=answer_params))
            if gap.kind != syntax.NUMERICAL and is_blank(answer.text):
                errors.append(ValidationError(_("Gap %(number)d, answer %(answer)d has no text."), code="blank",
                                              params=answer_params))
        return errors

    def translation_errors(self, definition):
        """Both texts carry every gap, and what a learner reads or types in a gap exists in both languages."""
        try:
            gaps = self.gaps(definition)
        except ValueError:
            return []
        errors = []
        for code in LANGUAGES:
            found = syntax.placeholders(definition.text.get(code) or "")
            language = LANGUAGE_NAMES[code]
            for gap in gaps:
                params = {"number": gap.number, "language": language}
                if gap.number not in found:
                    errors.append(ValidationError(_("Gap %(number)d is missing from the %(language)s text."),
                                                  code="missing_translation", params=params))
                elif gap.kind == syntax.SHORT_ANSWER:
                    if not any(answer.fraction == 1 and answer.text.get(code) for answer in gap.answers):
                        errors.append(ValidationError(_("Gap %(number)d: add a fully right answer in %(language)s."),
                                                      code="missing_translation", params=params))
                elif gap.is_choice:
                    for position, answer in enumerate(gap.answers, start=1):
                        if not answer.text.get(code):
                            errors.append(ValidationError(
                                _("Gap %(number)d, answer %(answer)d: the %(language)s text is missing."),
                                code="missing_translation", params={**params, "answer": position}))
        return errors

    def fingerprint(self, definition):
        """Keys are drawn at random when gaps are read, so the same file read twice differs only in them."""
        options = dict(definition.options)
        if isinstance(options.get("gaps"), list):
            options["gaps"] = [{**gap, "answers": [{k: v for k, v in answer.items() if k != "key"}
                                                   for answer in gap.get("answers", []) if isinstance(answer, dict)]}
                               for gap in options["gaps"] if isinstance(gap, dict)]
        return super().fingerprint(replace(definition, options=options))

    # --- attempts -----------------------------------------------------------------------------------
    def start(self, definition, rng, *, shuffle, fewer_wrong=0):
        """The choices of a shuffled gap (MCS, MRS…) in a frozen order, when the quiz shuffles choices (as Moodle,
        both must say so)."""
        if not shuffle:
            return {}
        orders = {str(gap.number): rng.sample([a.key for a in gap.answers], len(gap.answers))
                  for gap in self.gaps(definition) if gap.is_choice and gap.shuffle}
        return {"gaps": orders} if orders else {}

    def fill_view(self, view, definition, *, order, response):
        """The text cut at its placeholders with a control in each gap. The type's template prints the text, so
        the renderer's own copy is emptied."""
        gaps = {gap.number: gap for gap in self.gaps(definition)}
        response = response or {}
        pieces = syntax.PLACEHOLDER.split(str(view.text))
        view.text = ""
        parts = [{"html": mark_safe(pieces[0]), "gap": None}]  # the text was cleaned with nh3 when saved
        for index in range(1, len(pieces), 2):
            gap = gaps.get(int(pieces[index]))
            if gap is None:  # a placeholder of no gap: shown as written
                parts[-1]["html"] = mark_safe(parts[-1]["html"] + "{#" + pieces[index] + "}")
            else:
                parts.append({"html": "", "gap": self._gap_view(view, gap, response.get(str(gap.number)),
                                                                 (order.get("gaps") or {}).get(str(gap.number)))})
            parts.append({"html": mark_safe(pieces[index + 1]), "gap": None})
        view.extra["parts"] = parts
        view.extra["total"] = len(gaps)

    def _gap_view(self, view, gap: Gap, answer, frozen_keys) -> GapView:
        display, language = view.display, view.language
        shown = GapView(number=gap.number, kind=gap.kind, field=f"{view.field_name}-{gap.number}", layout=gap.layout,
                        multiple=gap.multiple)
        finished = view.disabled
        if gap.is_choice:
            picked = set(answer if isinstance(answer, list) else [answer] if answer else [])
            answers = gap.answers
            if frozen_keys:
                position = {key: i for i, key in enumerate(frozen_keys)}
                answers = sorted(answers, key=lambda a: position.get(a.key, len(position)))
            for choice in answers:
                selected = choice.key in picked
                shows_right = display.right_answer or (display.correctness and selected and finished)
                shows_feedback = display.feedback and (selected or display.right_answer)
                shown.options.append(Option(
                    key=choice.key, text=text_of(choice.text, language), selected=selected,
                    is_right=(choice.fraction > 0) if shows_right and gap.layout != syntax.DROPDOWN else None,
                    feedback=html_to_text(text_of(choice.feedback, language)) if shows_feedback
                    and gap.layout != syntax.DROPDOWN else ""))
            if gap.layout == syntax.DROPDOWN and display.feedback and picked:
                chosen = gap.answer(next(iter(picked)))
                shown.feedback = html_to_text(text_of(chosen.feedback, language)) if chosen else ""
        else:
            shown.value = answer or ""
            if display.feedback and answer:
                matched = self.matching_answer(gap, answer)
                shown.feedback = html_to_text(text_of(matched.feedback, language)) if matched else ""
        if display.correctness and finished and answer:
            fraction = self.gap_fraction(gap, answer)
            shown.mark = "right" if fraction == 1 else "partial" if fraction > 0 else "wrong"
        if display.right_answer and not (gap.is_choice and gap.layout != syntax.DROPDOWN):
            shown.right_answer = self.right_answer_text(gap, language)
        return shown

    def right_answer_text(self, gap: Gap, language: str) -> str:
        if gap.kind == syntax.NUMERICAL:
            best = max(gap.answers, key=lambda a: (a.fraction, a.value is not None))
            if best.value is None:
                return syntax.ANY_NUMBER
            return decimal_text(best.value) + (f" ± {decimal_text(best.tolerance)}" if best.tolerance else "")
        if gap.is_choice:
            right = [a for a in gap.answers if a.fraction > 0] if gap.multiple else [
                max(gap.answers, key=lambda a: a.fraction)]
            return comma(language).join(text_of(a.text, language) for a in right)
        # The first fully right answer in the page's language, as Moodle names "the correct answer": every
        # accepted spelling in both languages would bury it (they still count when a learner types them).
        right = next((answer for answer in gap.answers if answer.fraction == 1), None)
        return text_of(right.text, language) if right else ""

    # --- grading ------------------------------------------------------------------------------------
    def matching_answer(self, gap: Gap, typed: str) -> Answer | None:
        """The answer with the highest fraction that a typed response matches (short answer or number)."""
        best = None
        if gap.kind == syntax.NUMERICAL:
            value = parse_number(typed or "")
            if value is None:
                return None
            for answer in gap.answers:
                if (answer.value is None or abs(value - answer.value) <= answer.tolerance) and (
                        best is None or answer.fraction > best.fraction):
                    best = answer
            return best
        match = _matches_case if gap.case_sensitive else matches
        for answer in gap.answers:
            if any(match(typed or "", form) for form in answer.text.values() if form):
                if best is None or answer.fraction > best.fraction:
                    best = answer
        return best

    def gap_fraction(self, gap: Gap, answer) -> Fraction:
        if not answer:
            return ZERO
        if gap.is_choice:
            picked = set(answer if isinstance(answer, list) else [answer])
            return clamp(sum((a.fraction for a in gap.answers if a.key in picked), ZERO))
        matched = self.matching_answer(gap, answer)
        return clamp(matched.fraction) if matched else ZERO

    def grade(self, definition, response):
        gaps = self.gaps(definition)
        total = sum(gap.weight for gap in gaps)
        if not total:
            return ZERO
        response = response or {}
        earned = sum((gap.weight * self.gap_fraction(gap, response.get(str(gap.number))) for gap in gaps), ZERO)
        return clamp(Fraction(earned, total))

    def correct_response(self, definition):
        response = {}
        for gap in self.gaps(definition):
            if gap.is_choice and gap.multiple:
                response[str(gap.number)] = [a.key for a in gap.answers if a.fraction > 0]
            elif gap.is_choice:
                response[str(gap.number)] = max(gap.answers, key=lambda a: a.fraction).key
            elif gap.kind == syntax.NUMERICAL:
                best = max(gap.answers, key=lambda a: (a.fraction, a.value is not None))
                response[str(gap.number)] = decimal_text(best.value) if best.value is not None else "0"
            else:
                best = max(gap.answers, key=lambda a: (a.fraction, WILDCARD not in str(a.text)))
                response[str(gap.number)] = next(best.text[code] for code in LANGUAGES if best.text.get(code))
        return response

    def summarise(self, definition, response, language):
        response = response or {}
        parts = []
        with translation.override(language):
            for gap in self.gaps(definition):
                parts.append(gettext("gap %(number)d: %(answer)s") % {
                    "number": gap.number, "answer": self._answer_text(gap, response.get(str(gap.number)), language)})
        return semicolon(language).join(parts)

    def _answer_text(self, gap: Gap, answer, language: str) -> str:
        if not answer:
            return "—"
        if gap.is_choice:
            picked = set(answer if isinstance(answer, list) else [answer])
            return comma(language).join(text_of(a.text, language) for a in gap.answers if a.key in picked)
        return str(answer)

    def random_guess_score(self, definition):
        """Moodle's: the gaps' weighted guesses (typed gaps 0, a dropdown the mean of its fractions, checkboxes
        each ticked with probability ½)."""
        gaps = self.gaps(definition)
        total = sum(gap.weight for gap in gaps)
        if not total:
            return None
        guessed = ZERO
        for gap in gaps:
            if not gap.is_choice or not gap.answers:
                continue
            if not gap.multiple:
                guess = sum((clamp(a.fraction) for a in gap.answers), ZERO) / len(gap.answers)
            elif len(gap.answers) <= EXACT_GUESS_LIMIT:
                picks = list(product((False, True), repeat=len(gap.answers)))
                guess = sum((clamp(sum((a.fraction for a, on in zip(gap.answers, pick) if on), ZERO))
                             for pick in picks), ZERO) / len(picks)
            else:
                guess = ZERO
            guessed += gap.weight * guess
        return guessed / total

    # --- item statistics ----------------------------------------------------------------------------
    def response_classes(self, definition):
        classes = []
        for gap in self.gaps(definition):
            for answer in gap.answers:
                written = answer.text if gap.kind != syntax.NUMERICAL else {
                    code: self._number_text(answer) for code in LANGUAGES}
                right = answer.fraction > 0 if gap.is_choice else answer.fraction == 1
                classes.append(ResponseClass(f"{gap.number}:{answer.key}", _gap_label(gap.number, written), right))
            if not gap.is_choice:
                other = {}
                for code in LANGUAGES:
                    with translation.override(code):
                        other[code] = gettext("another answer")
                classes.append(ResponseClass(f"{gap.number}:{OTHER}", _gap_label(gap.number, other), False))
        return classes

    @staticmethod
    def _number_text(answer: Answer) -> str:
        if answer.value is None:
            return syntax.ANY_NUMBER
        return decimal_text(answer.value) + (f" ± {decimal_text(answer.tolerance)}" if answer.tolerance else "")

    def classify_response(self, definition, response):
        response = response or {}
        keys = []
        for gap in self.gaps(definition):
            answer = response.get(str(gap.number))
            if not answer:
                continue
            if gap.is_choice:
                picked = set(answer if isinstance(answer, list) else [answer])
                keys += [f"{gap.number}:{a.key}" for a in gap.answers if a.key in picked]
            else:
                matched = self.matching_answer(gap, answer)
                keys.append(f"{gap.number}:{matched.key if matched else OTHER}")
        return keys

    # --- responses ----------------------------------------------------------------------------------
    def is_answered(self, response):
        return isinstance(response, dict) and any(response.values())

    def clean_response(self, definition, raw):
        if raw in (None, "", {}):
            return {}
        if not isinstance(raw, dict):
            raise invalid_response()
        gaps = {str(gap.number): gap for gap in self.gaps(definition)}
        cleaned = {}
        for number, value in raw.items():
            gap = gaps.get(str(number))
            if gap is None:
                raise invalid_response()
            values = value if isinstance(value, list) else [] if value in (None, "") else [value]
            if not all(isinstance(v, str) for v in values):
                raise invalid_response()
            if gap.is_choice:
                if any(gap.answer(v) is None for v in values):
                    raise invalid_response()
                if gap.multiple:
                    picked = [a.key for a in gap.answers if a.key in set(values)]
                    if picked:
                        cleaned[str(gap.number)] = picked
                elif values:
                    cleaned[str(gap.number)] = values[-1]
                continue
            typed = self.clean_typed_text(values[-1] if values else "")
            if typed and gap.kind == syntax.NUMERICAL and parse_number(typed) is None:
                raise ValidationError(_("Gap %(number)d: please type a number, such as 1862."), code="not_a_number",
                                      params={"number": gap.number})
            if typed:
                cleaned[str(gap.number)] = typed
        return {number: cleaned[number] for number in sorted(cleaned, key=int)}

    # --- formats ------------------------------------------------------------------------------------
    def import_from_moodlexml(self, element, xml):
        """The gaps are read out of the question text (Moodle's `qtype_multianswer_extract_question`); a gap
        that cannot be read makes the question unreadable, with Moodle's reason. Without `<defaultgrade>` (Moodle
        writes none for cloze) the question is worth the sum of its gaps' weights, as in Moodle."""
        question = xml.question(self.name)
        texts, gaps, problems = read_texts(question.text)
        if problems:
            raise Unreadable(gettext("invalid embedded answers (cloze) question: %(problems)s") % {
                "problems": " ".join(str(message) for problem in problems for message in problem.messages)})
        question.text = {code: value for code, value in texts.items() if value}
        question.options = {"gaps": [gap_json(gap) for gap in gaps]}
        if element.find("defaultgrade") is None and gaps:
            question.points = Decimal(sum(gap.weight for gap in gaps))
        return question

    def export_to_moodlexml(self, question, xml):
        """Moodle's own export: the question text with every gap written back in the embedded syntax."""
        try:
            xml.text = write_texts(question.text, self.gaps(question))
        except ValueError:  # unreadable gaps (validation refuses them): the text is written as it is
            pass
        return []

    def import_from_csv(self, row):
        """The gaps are written in the `text_ar` and `text_en` cells in Moodle's embedded syntax, as an author
        writes them in the admin; a gap that cannot be read is the row's error, with its number."""
        question = row.question(self.name)
        texts, gaps, problems = read_texts(question.text)
        if problems:
            raise RowError(" ".join(str(message) for problem in problems for message in problem.messages))
        question.text = {code: value for code, value in texts.items() if value}
        question.options = {"gaps": [gap_json(gap) for gap in gaps]}
        return question

    def export_to_csv(self, question, csv):
        """The text cells with every gap written back in the embedded syntax (no `options` column)."""
        try:
            texts = write_texts(question.text, self.gaps(question))
        except ValueError:  # unreadable gaps (validation refuses them): the text is written as it is
            return {}
        return {f"text_{code}": texts.get(code, "") for code in LANGUAGES if texts.get(code)}

    def export_to_gift(self, question, gift):
        raise CannotWrite("GIFT has no embedded answers (cloze); export the bank as Moodle XML")


def _gap_label(number: int, text: Text) -> Text:
    """`text` as item statistics name it: "gap 2: Juárez", in each language."""
    label = {}
    for code in LANGUAGES:
        with translation.override(code):
            label[code] = gettext("gap %(number)d: %(answer)s") % {"number": number, "answer": text_of(text, code)}
    return label


__all__ = ["Cloze", "Gap", "gaps_of", "read_texts", "write_texts"]
