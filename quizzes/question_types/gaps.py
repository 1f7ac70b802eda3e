"""What select missing words and drag and drop into text share (Moodle's `qtype_gapselect_question_base`).

Not a type itself (nothing here is registered): `gapselect.py` and `ddwtos.py` are the two types.

Data: the choices are the question's `gap_choices` rows (text, group, unlimited), in list order; `[[n]]` in the
question text marks a *gap* whose right answer is the n-th choice (counted from 1), and the gap offers the choices
of that choice's group. Gaps are numbered 1, 2, … in the order they appear in the text (Moodle's "places"); the
same `[[n]]` may mark several gaps. Markers count only in the text of the HTML, never inside a tag. The Arabic
and English texts carry the same markers in the same order (checked before publishing, naming the gap); the
gaps are read from the first language whose text has any.

Options: `shuffle` (default true, as Moodle's import): the choices of each group in a frozen random order per
attempt, when the quiz shuffles choices too.

Response: {"<gap number>": choice key}; a gap left empty is absent. A gap is right when its choice is the gap's
choice, or a choice of the same group with the same text (two "the" in a group are the same word). Grade: the
share of gaps right (Moodle's `get_num_parts_right`). Item statistics count each gap's choices apart
("gap 2: Puebla"), as Moodle's `classify_response` does per place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _

from bilingual.punctuation import semicolon
from quizzes.answer_matching import normalise
from quizzes.definitions import LANGUAGES, GapChoiceDef, QuestionDef, missing_languages, text_of
from quizzes.formats.gift_syntax import CannotWrite
from quizzes.formats.moodlexml_syntax import Unreadable, child_text, element_text, flag, text_element
from quizzes.question_types.base import (
    LANGUAGE_NAMES,
    ZERO,
    Option,
    PerGapFields,
    QuestionType,
    ResponseClass,
    invalid_response,
    ordered,
    require_texts,
)
from quizzes.sanitize import clean_html

MARKER = re.compile(r"\[\[(\d+)\]\]")
# A tag of nh3's output: attribute values are double-quoted and may hold ">" (nh3 escapes only & and ").
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
MAX_GROUP = 20  # GapChoice.group


def pieces(html: str) -> list:
    """`html`, cleaned with nh3, cut at its markers: HTML fragments (str) with the marker's number (int) between
    them. Only text between tags is searched, so a marker inside an attribute stays text."""
    cleaned = clean_html(html or "")
    found: list = [""]
    position = 0
    for tag in [*TAG.finditer(cleaned), None]:
        end = tag.start() if tag else len(cleaned)
        text = cleaned[position:end]
        parts = MARKER.split(text)
        found[-1] += parts[0]
        for index in range(1, len(parts), 2):
            found += [int(parts[index]), parts[index + 1]]
        if tag:
            found[-1] += tag.group(0)
            position = tag.end()
    return found


def markers(html: str) -> list[int]:
    """The numbers of the `[[n]]` markers of `html`, in reading order."""
    return [piece for piece in pieces(html) if isinstance(piece, int)]


@dataclass
class Gap:
    """A place in the text: its number (1, 2, … in reading order), the right choice and the choices offered."""

    number: int
    right: GapChoiceDef
    choices: list[GapChoiceDef]

    @property
    def group(self) -> int:
        return self.right.group


@dataclass
class GapView:
    """One gap as the template shows it."""

    number: int
    field: str
    group: int
    options: list[Option] = field(default_factory=list)
    selected: str = ""
    selected_text: str = ""
    # "right" or "wrong", once the question is finished and correctness shows.
    mark: str = ""
    # The right choice's text, with display.right_answer.
    right_answer: str = ""


@dataclass
class PoolItem:
    """A choice in the pool that drag and drop picks from."""

    key: str
    text: str
    group: int
    unlimited: bool


def same_text(first: GapChoiceDef, second: GapChoiceDef) -> bool:
    return any(first.text.get(code) and normalise(first.text.get(code, "")) == normalise(second.text.get(code, ""))
               for code in LANGUAGES)


def gap_label(number: int, text: dict) -> dict:
    """"gap 2: Puebla" in each language (item statistics name a gap's choices so)."""
    label = {}
    for code in LANGUAGES:
        with translation.override(code):
            label[code] = gettext("gap %(number)d: %(answer)s") % {"number": number, "answer": text_of(text, code)}
    return label


class GapQuestionType(PerGapFields, QuestionType):
    """The shared base of gapselect and ddwtos (see the module docstring)."""

    answer_rows = "gap_choices"
    shares_formulation = True  # the response shows only in the gaps' drop-down lists
    classifies_responses = True
    # Whether a choice that is not `unlimited` may fill one gap only (drag and drop: a dragged word leaves the pool).
    limited_reuse = False
    # GIFT cannot write the type; the reason goes into the `//` comment written instead.
    gift_refusal = ""

    # --- authoring -------------------------------------------------------------------------------------
    def option_fields(self):
        return {
            "shuffle": forms.BooleanField(
                label=_("shuffle the choices"), required=False, initial=True,
                help_text=_("Each attempt shows the choices of each group in its own order (when the quiz "
                            "shuffles choices too)."),
            ),
        }

    def gaps(self, definition: QuestionDef) -> list[Gap]:
        """The gaps of the first language whose text has markers; markers naming no choice are left out."""
        numbers = next((found for code in LANGUAGES if (found := markers(definition.text.get(code, "")))), [])
        return self._gaps_of(definition, numbers)

    def _gaps_of(self, definition: QuestionDef, numbers: list[int]) -> list[Gap]:
        choices = definition.gap_choices
        gaps = []
        for number in numbers:
            if 1 <= number <= len(choices):
                right = choices[number - 1]
                gaps.append(Gap(number=len(gaps) + 1, right=right,
                                choices=[c for c in choices if c.group == right.group]))
        return gaps

    def validate(self, definition):
        errors = []
        choices = definition.gap_choices
        texts = {code: markers(definition.text[code]) for code in LANGUAGES if definition.text.get(code)}
        if not any(texts.values()):
            errors.append(ValidationError(
                _("Put at least one gap in the question text: [[1]] marks the place of the first choice, [[2]] of "
                  "the second, and so on."), code="no_gaps"))
        for number in sorted({n for found in texts.values() for n in found}):
            if not 1 <= number <= len(choices):
                errors.append(ValidationError(
                    _("[[%(number)d]] in the question text names no choice: the choices are numbered from 1 to "
                      "%(last)d."), code="no_such_choice", params={"number": number, "last": len(choices)}))
        errors += require_texts(choices, "text", _("Choice"))
        for number, choice in enumerate(choices, start=1):
            if not 1 <= choice.group <= MAX_GROUP:
                errors.append(ValidationError(
                    _("Choice %(number)d: the group must be between 1 and %(last)d."), code="group_range",
                    params={"number": number, "last": MAX_GROUP}))
        if self.limited_reuse:
            for number in sorted({n for found in texts.values() for n, count in Counter(found).items() if count > 1}):
                if number <= len(choices) and not choices[number - 1].unlimited:
                    errors.append(ValidationError(
                        _("Choice %(number)d fills more than one gap: make it unlimited."), code="reused_choice",
                        params={"number": number}))
        return errors

    def translation_errors(self, definition):
        errors = []
        for number, choice in enumerate(definition.gap_choices, start=1):
            for code in missing_languages(choice.text):
                errors.append(ValidationError(
                    _("Choice %(number)d: the %(language)s text is missing."), code="missing_translation",
                    params={"number": number, "language": LANGUAGE_NAMES[code]}))
        if all(definition.text.get(code) for code in LANGUAGES):
            arabic, english = (markers(definition.text[code]) for code in LANGUAGES)
            for gap in range(1, max(len(arabic), len(english)) + 1):
                if gap > len(arabic) or gap > len(english):
                    errors.append(ValidationError(
                        _("Gap %(gap)d is only in the %(language)s text."), code="gaps_differ",
                        params={"gap": gap, "language": LANGUAGE_NAMES["ar" if gap <= len(arabic) else "en"]}))
                elif arabic[gap - 1] != english[gap - 1]:
                    errors.append(ValidationError(
                        _("Gap %(gap)d is [[%(arabic)d]] in the Arabic text but [[%(english)d]] in the English "
                          "text."), code="gaps_differ",
                        params={"gap": gap, "arabic": arabic[gap - 1], "english": english[gap - 1]}))
        return errors

    def fingerprint(self, definition):
        # A question without the setting shuffles, so it is the same as one that says so.
        options = {"shuffle": True, **definition.options}
        return super().fingerprint(replace(definition, options=options))

    # --- attempts --------------------------------------------------------------------------------------
    def shuffles(self, definition: QuestionDef) -> bool:
        return bool(definition.options.get("shuffle", True))

    def start(self, definition, rng, *, shuffle, fewer_wrong=0):
        """Each group's choices in a frozen order, when both the quiz and the question shuffle (Moodle's
        `_choiceorder<group>`)."""
        if not (shuffle and self.shuffles(definition)):
            return {}
        groups: dict[str, list[str]] = {}
        for choice in definition.gap_choices:
            groups.setdefault(str(choice.group), []).append(choice.key)
        return {"groups": {group: rng.sample(keys, len(keys)) for group, keys in groups.items()}}

    def fill_view(self, view, definition, *, order, response):
        """The text cut at its markers with a gap in each; the type's template prints it, so the renderer's copy
        is emptied. The k-th marker of the text shown is gap k."""
        response = response or {}
        frozen = order.get("groups") or {}
        gaps = self.gaps(definition)
        found = pieces(text_of(definition.text, view.language))
        view.text = ""
        parts = []
        seen = 0
        for piece in found:
            if isinstance(piece, str):
                parts.append({"html": mark_safe(piece), "gap": None})  # nh3's output, cleaned just now
            elif seen < len(gaps):
                parts.append({"html": "", "gap": self._gap_view(view, gaps[seen], response, frozen)})
                seen += 1
            else:  # a marker of no gap (only while the texts disagree): shown as written
                parts.append({"html": f"[[{piece}]]", "gap": None})
        view.extra["parts"] = parts
        view.extra["gaps"] = [part["gap"] for part in parts if part["gap"]]
        view.extra["pool"] = self._pool(view, definition, frozen)
        view.options = []

    def _ordered_group(self, choices: list[GapChoiceDef], group: int, frozen: dict) -> list[GapChoiceDef]:
        return ordered([c for c in choices if c.group == group], frozen.get(str(group)))

    def _gap_view(self, view, gap: Gap, response: dict, frozen: dict) -> GapView:
        language, display = view.language, view.display
        selected = response.get(str(gap.number)) or ""
        shown = GapView(number=gap.number, field=f"{view.field_name}-{gap.number}", group=gap.group, selected=selected)
        for choice in self._ordered_group(gap.choices, gap.group, frozen):
            text = text_of(choice.text, language)
            shown.options.append(Option(key=choice.key, text=text, selected=choice.key == selected))
            if choice.key == selected:
                shown.selected_text = text
        if display.correctness and view.disabled and selected:  # finished: no retry to help
            shown.mark = "right" if self.gap_is_right(gap, selected) else "wrong"
        if display.right_answer:
            shown.right_answer = text_of(gap.right.text, language)
        return shown

    def _pool(self, view, definition: QuestionDef, frozen: dict) -> list[PoolItem]:
        """Every choice, group by group in the frozen order (what drag and drop shows to pick from)."""
        pool = []
        for group in sorted({c.group for c in definition.gap_choices}):
            for choice in self._ordered_group(definition.gap_choices, group, frozen):
                pool.append(PoolItem(key=choice.key, text=text_of(choice.text, view.language), group=group,
                                     unlimited=choice.unlimited and self.limited_reuse))
        return pool

    # --- grading ---------------------------------------------------------------------------------------
    def gap_is_right(self, gap: Gap, key) -> bool:
        picked = next((c for c in gap.choices if c.key == key), None)
        return picked is not None and (picked is gap.right or same_text(picked, gap.right))

    def grade(self, definition, response):
        gaps = self.gaps(definition)
        if not gaps:
            return ZERO
        response = response or {}
        right = sum(1 for gap in gaps if self.gap_is_right(gap, response.get(str(gap.number))))
        return Fraction(right, len(gaps))

    def compute_final_grade(self, definition, responses, penalty):
        """Countback per gap (Moodle's gapselect `compute_final_grade`): a gap right in the last try earns 1 less
        `penalty` for each try up to its last wrong one; a gap wrong in the last try earns nothing."""
        gaps = self.gaps(definition)
        if not gaps or not responses:
            return ZERO
        total = ZERO
        for gap in gaps:
            wrong = [i for i, response in enumerate(responses)
                     if not self.gap_is_right(gap, (response or {}).get(str(gap.number)))]
            last_wrong = wrong[-1] if wrong else -1
            if last_wrong < len(responses) - 1:
                total += max(ZERO, 1 - (last_wrong + 1) * penalty)
        return total / len(gaps)

    def correct_response(self, definition):
        return {str(gap.number): gap.right.key for gap in self.gaps(definition)}

    def summarise(self, definition, response, language):
        response = response or {}
        parts = []
        with translation.override(language):
            for gap in self.gaps(definition):
                picked = next((c for c in gap.choices if c.key == response.get(str(gap.number))), None)
                parts.append(gettext("gap %(number)d: %(answer)s") % {
                    "number": gap.number, "answer": text_of(picked.text, language) if picked else "—"})
        return semicolon(language).join(parts)

    def random_guess_score(self, definition):
        """Moodle's: the mean over the gaps of one in the number of choices the gap offers."""
        gaps = self.gaps(definition)
        if not gaps:
            return None
        return sum((Fraction(1, len(gap.choices)) for gap in gaps), ZERO) / len(gaps)

    # --- item statistics -------------------------------------------------------------------------------
    def response_classes(self, definition):
        return [ResponseClass(f"{gap.number}:{choice.key}", gap_label(gap.number, choice.text),
                              choice is gap.right or same_text(choice, gap.right))
                for gap in self.gaps(definition) for choice in gap.choices]

    def classify_response(self, definition, response):
        if not isinstance(response, dict):
            return []
        return [f"{gap.number}:{response[str(gap.number)]}" for gap in self.gaps(definition)
                if response.get(str(gap.number))]

    # --- responses -------------------------------------------------------------------------------------
    def is_answered(self, response):
        return isinstance(response, dict) and any(response.values())

    def clean_response(self, definition, raw):
        if raw in (None, "", {}):
            return {}
        if not isinstance(raw, dict):
            raise invalid_response()
        gaps = {str(gap.number): gap for gap in self.gaps(definition)}
        cleaned = {}
        for number, key in raw.items():
            gap = gaps.get(str(number))
            if gap is None or not isinstance(key, (str, type(None))):
                raise invalid_response()
            if not key:
                continue
            if not any(choice.key == key for choice in gap.choices):  # only the choices of the gap's group
                raise invalid_response()
            cleaned[str(gap.number)] = key
        if self.limited_reuse:
            for key, count in Counter(cleaned.values()).items():
                choice = next(c for c in definition.gap_choices if c.key == key)
                if count > 1 and not choice.unlimited:
                    raise ValidationError(
                        _("“%(choice)s” can fill only one gap."), code="used_twice",
                        params={"choice": text_of(choice.text, translation.get_language() or "ar")})
        return {number: cleaned[number] for number in sorted(cleaned, key=int)}

    # --- formats ---------------------------------------------------------------------------------------
    # Moodle's element for a choice (`selectoption`, `dragbox`).
    moodlexml_choice = ""

    def import_from_moodlexml(self, element, xml):
        """Moodle's modern shape: `<shuffleanswers>` (1 when absent, as Moodle) and one `<selectoption>` or
        `<dragbox>` per choice with its `<text>`, `<group>` and (drag and drop) `<infinite/>`. Combined feedback
        and hints are not carried (as for every type, see quizzes/formats/moodlexml.py)."""
        question = xml.question(self.name)
        if element.find("shuffleanswers") is not None:
            question.options["shuffle"] = flag(child_text(element, "shuffleanswers"))
        else:
            question.options["shuffle"] = True
        for box in element.findall(self.moodlexml_choice):
            raw_group = child_text(box, "group", "1") or "1"
            if not raw_group.isdigit():
                raise Unreadable(gettext("the group “%(value)s” of a choice is not a number.") % {"value": raw_group[:40]})
            question.gap_choices.append(GapChoiceDef(
                text=xml.text_from_html(box, element_text(box)), group=int(raw_group),
                unlimited=box.find("infinite") is not None))
        return question

    def export_to_moodlexml(self, question, xml):
        lines = [f"    <shuffleanswers>{1 if self.shuffles(question) else 0}</shuffleanswers>"]
        for choice in question.gap_choices:
            lines += [
                f"    <{self.moodlexml_choice}>",
                f"      {text_element(xml.plain_html(choice.text), cdata=True)}",
                f"      <group>{choice.group}</group>",
                *(["      <infinite/>"] if choice.unlimited and self.limited_reuse else []),
                f"    </{self.moodlexml_choice}>",
            ]
        return lines

    def export_to_gift(self, question, gift):
        raise CannotWrite(self.gift_refusal)


__all__ = ["Gap", "GapQuestionType", "GapView", "PoolItem", "markers", "pieces"]
