"""An essay: the learner writes a text, a teacher grades it (Moodle's qtype_essay and qbehaviour_manualgraded).

Response: the text as typed (plain text, at most MAX_RESPONSE_LENGTH characters). There is no answer to
compare with, so `grade` is never asked for a mark (`needs_manual_grading`): submitting leaves the slot in
*needs grading*, and `quizzes.services.grading.slot_grade` gives it the teacher's mark and comment. An empty
essay is not answered: it counts 0 and waits for no one (Moodle's "gave up"), though a teacher may grade it.

Options (`option_fields`): the least and most words (0: no limit), the height of the writing box in lines,
a response template (the text the box starts with) and the grader information or model answer, each in
both languages. The grader information is for teachers only (`DisplayOptions.grader_notes`).

Word limits follow Moodle's `check_input_word_count`: they never refuse a save (a learner's text is never
lost for being short or long); the page says how many words there are and whether they are within the
limits, live as the learner types (static/js/essay.js counts the same way as `count_words`) and from the
server whenever the question is shown, and the teacher sees the count when grading.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _, ngettext

from quizzes.definitions import LANGUAGES, missing_languages
from quizzes.formats.moodlexml_syntax import child_text, element_text, question_text_format, text_element
from quizzes.formats.multilang import join_multilang, split_multilang
from quizzes.question_types.base import LANGUAGE_NAMES, QuestionType, registry
from quizzes.sanitize import clean_html

TATWEEL = "\u0640"
# Invisible characters that sit inside a word (Persian and Urdu write them between letters).
INSIDE_WORD = {TATWEEL, "\u200c", "\u200d", "\u00ad"}
# Between two letters these keep one word ("don't", "Franco-Mexican"); between two digits, the separators of
# a number (1,862 · ١٬٨٦٢ · 3.5 · ٣٫٥) do.
LETTER_JOINERS = {"'", "\u2019", "\u02bc", "-", "\u2010", "\u2011"}
DIGIT_JOINERS = {",", ".", "\u066b", "\u066c"}
# The writing box's height when the author sets none: Moodle's default (responsefieldlines 15).
DEFAULT_LINES = 15


def count_words(text: str) -> int:
    """Return the number of words in `text`, Arabic or Latin or both.

    A word is a run of letters and digits (any script; Arabic-Indic digits too). Diacritics (harakat, shadda,
    tanwin: combining marks) and tatweel belong to the letters around them; punctuation, Arabic « ، ؛ ؟ »
    included, and spaces separate words; apostrophes and hyphens between letters, and the separators of a
    number between digits, do not. static/js/essay.js counts the same way for the live count.
    """
    count = 0
    previous = ""  # "letter", "digit", "joiner-letter", "joiner-digit" or "" (outside a word)
    for character in text or "":
        if character in INSIDE_WORD:
            continue
        kind = unicodedata.category(character)[0]
        if kind in "LN":
            current = "digit" if kind == "N" else "letter"
            if previous == "" or (previous == "joiner-digit" and current != "digit"):
                count += 1
            previous = current
        elif kind == "M":
            if previous == "":  # a mark with no letter before it starts nothing
                continue
        elif previous == "letter" and character in LETTER_JOINERS:
            previous = "joiner-letter"
        elif previous == "digit" and character in DIGIT_JOINERS:
            previous = "joiner-digit"
        elif previous == "digit" and character in LETTER_JOINERS:
            previous = "joiner-letter"
        else:
            previous = ""
    return count


def _number(value) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _rich(text: str) -> str:
    """An author's text as HTML: HTML (imported from Moodle) is cleaned; plain text keeps its line breaks."""
    if "<" in text:
        return mark_safe(clean_html(text))  # noqa: S308 - cleaned with nh3
    return mark_safe(linebreaks(escape(text)))  # noqa: S308 - escaped


@registry.register
class Essay(QuestionType):
    name = "essay"
    label = _("Essay (graded by a teacher)")
    answer_rows = None
    # Not `shares_formulation`: its formulation counts the words of the response and says when they are too few.
    needs_manual_grading = True
    playable_live = False  # minutes of writing, and a teacher's mark: no live game waits for that
    # About 5,000 words: a long essay fits, a pasted book does not.
    MAX_RESPONSE_LENGTH = 30_000
    # GIFT: `{}` (an empty answer block) is an essay; asked before every type that reads answers.
    gift_priority = 5
    moodlexml_types = ("essay",)

    # --- authoring ---------------------------------------------------------------------------------
    def option_fields(self):
        def text_field(label, help_text):
            return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
                                   help_text=help_text)

        return {
            "min_words": forms.IntegerField(label=_("least words"), required=False, min_value=0,
                                            help_text=_("Leave empty for no minimum.")),
            "max_words": forms.IntegerField(label=_("most words"), required=False, min_value=0,
                                            help_text=_("Leave empty for no maximum.")),
            "response_lines": forms.IntegerField(label=_("height of the writing box (lines)"), required=False,
                                                 min_value=3, max_value=40,
                                                 help_text=_("Leave empty for 15 lines.")),
            "response_template_ar": text_field(_("response template (Arabic)"),
                                               _("The text the writing box starts with, such as headings to fill in.")),
            "response_template_en": text_field(_("response template (English)"), ""),
            "grader_info_ar": text_field(_("information for graders (Arabic)"),
                                         _("A model answer or what to look for. Only teachers see it, when grading.")),
            "grader_info_en": text_field(_("information for graders (English)"), ""),
        }

    def validate(self, definition):
        errors = []
        options = definition.options
        for name in ("min_words", "max_words", "response_lines"):
            value = options.get(name)
            if value in (None, ""):
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                errors.append(ValidationError(_("The word limits and the height must be whole numbers, 0 or more."),
                                              code="not_a_count"))
                return errors
        least, most = _number(options.get("min_words")), _number(options.get("max_words"))
        if least and most and least > most:
            errors.append(ValidationError(
                _("The least words (%(least)d) cannot be more than the most words (%(most)d)."),
                code="word_limits", params={"least": least, "most": most}))
        return errors

    def translation_errors(self, definition):
        """A response template given in one language needs the other: learners of both start from it."""
        template = self.text_option(definition, "response_template")
        if not any(template.values()):
            return []
        return [
            ValidationError(_("The response template is missing in %(language)s."), code="missing_translation",
                            params={"language": LANGUAGE_NAMES[code]})
            for code in missing_languages(template)
        ]

    @staticmethod
    def text_option(definition, name: str) -> dict:
        """A bilingual option ({"ar", "en"}) kept as `<name>_ar` and `<name>_en`."""
        return {code: str(definition.options.get(f"{name}_{code}") or "") for code in LANGUAGES}

    # --- attempts ----------------------------------------------------------------------------------
    def limits(self, definition) -> tuple[int, int]:
        """The least and most words (0: no limit)."""
        return _number(definition.options.get("min_words")), _number(definition.options.get("max_words"))

    def word_problem(self, definition, response) -> str:
        """Why the response's length is outside the word limits, in the active language; "" when it is not
        (or when nothing is written yet). Moodle's `check_input_word_count`."""
        if not self.is_answered(response):
            return ""
        least, most = self.limits(definition)
        count = count_words(response)
        if most and count > most:
            return ngettext("You have written %(count)d words; at most %(limit)d word is allowed.",
                            "You have written %(count)d words; at most %(limit)d words are allowed.",
                            most) % {"count": count, "limit": most}
        if least and count < least:
            return ngettext("You have written %(count)d words; at least %(limit)d word is needed.",
                            "You have written %(count)d words; at least %(limit)d words are needed.",
                            least) % {"count": count, "limit": least}
        return ""

    def fill_view(self, view, definition, *, order, response):
        template = self.text_option(definition, "response_template")
        view.value = response if self.is_answered(response) else (template.get(view.language) or "")
        least, most = self.limits(definition)
        words = count_words(response or "")
        view.extra.update({
            "min_words": least, "max_words": most, "words": words,
            "rows": _number(definition.options.get("response_lines")) or DEFAULT_LINES,
            "too_few": bool(least) and self.is_answered(response) and words < least,
            "too_many": bool(most) and words > most,
            "max_length": self.MAX_RESPONSE_LENGTH,
            "word_problem": self.word_problem(definition, response),
        })
        if view.display.grader_notes:
            info = self.text_option(definition, "grader_info")
            shown = info.get(view.language) or next((info[code] for code in LANGUAGES if info[code]), "")
            view.extra["grader_info"] = _rich(shown) if shown.strip() else ""

    def grade(self, definition, response):
        raise TypeError("An essay is graded by a teacher (quizzes.services.grading), never by `grade`.")

    def correct_response(self, definition):
        return None

    def summarise(self, definition, response, language):
        return response or ""

    def random_guess_score(self, definition):
        return None

    def is_answered(self, response) -> bool:
        return bool(str(response or "").strip())

    def clean_response(self, definition, raw):
        text = str(raw or "").replace("\r\n", "\n").replace("\r", "\n").rstrip()
        if not text.strip():
            return ""
        self.clean_typed_text(text)  # refuses NUL and more than MAX_RESPONSE_LENGTH characters
        return text

    # --- formats -----------------------------------------------------------------------------------
    # GIFT: `{}` reads as an essay (Moodle's rule); writing goes through the default writer, whose
    # `// [tarikh:type=essay]` and options comments keep the options, and whose block for a question without
    # answers is `{}`, which Moodle reads as an essay too.
    def import_from_gift(self, block):
        if not getattr(block, "has_block", True) or block.answers.strip():
            return None
        return block.question(self.name)

    def import_from_moodlexml(self, element, xml):
        """Moodle's essay fields (question/format/xml/format.php `import_essay`): word limits, the box height,
        the grader information and the response template, multilang markup split into our two languages.
        Attachments are not carried (essays here are typed); the response format is always a plain box."""
        question = xml.question(self.name)
        options = question.options
        for name, tag in (("min_words", "minwordlimit"), ("max_words", "maxwordlimit"),
                          ("response_lines", "responsefieldlines")):
            value = child_text(element, tag).strip()
            if value.isdigit() and int(value):
                options[name] = int(value)
        if "response_lines" in options:
            options["response_lines"] = max(3, min(40, options["response_lines"]))
            if options["response_lines"] == DEFAULT_LINES:  # the default is not stored (nor written by the admin)
                del options["response_lines"]
        info = xml.html(element.find("graderinfo"), question_text_format(element))
        template = _template_text(element.find("responsetemplate"), xml)
        for code in LANGUAGES:
            if info.get(code):
                options[f"grader_info_{code}"] = info[code]
            if template.get(code):
                options[f"response_template_{code}"] = template[code]
        return question

    def export_to_moodlexml(self, question, xml):
        options = question.options
        info = self.text_option(question, "grader_info")
        template = self.text_option(question, "response_template")
        lines = [
            "    <responseformat>plain</responseformat>",
            "    <responserequired>1</responserequired>",
            f"    <responsefieldlines>{_number(options.get('response_lines')) or DEFAULT_LINES}</responsefieldlines>",
            f"    <minwordlimit>{_number(options.get('min_words')) or ''}</minwordlimit>",
            f"    <maxwordlimit>{_number(options.get('max_words')) or ''}</maxwordlimit>",
            "    <attachments>0</attachments>",
            "    <attachmentsrequired>0</attachmentsrequired>",
            "    <maxbytes>0</maxbytes>",
            "    <filetypeslist></filetypeslist>",
            *xml.html_field("graderinfo", {code: value for code, value in info.items() if value}, 2),
            '    <responsetemplate format="plain_text">',
            f"      {text_element(join_multilang({code: value for code, value in template.items() if value}), cdata=True)}",
            "    </responsetemplate>",
        ]
        return lines


def _template_text(element, xml) -> dict:
    """The response template per language: plain text (with its line breaks), or the text of Moodle's HTML."""
    if element is None:
        return {}
    if (element.get("format") or "plain_text").strip() == "html":
        return xml.text_from_html(element)
    return {code: value.strip() for code, value in split_multilang(element_text(element)).items() if value.strip()}


__all__ = ["Essay", "count_words"]
