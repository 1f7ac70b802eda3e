"""Match each prompt with an answer; distractor answers (pairs with no prompt) make guessing harder.

Response: {prompt key: answer key}. Partial credit: the share of prompts matched right. Two prompts
may share an answer text; a pick is right when its answer's text is the right one.
"""

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy as _

from bilingual.punctuation import arrow, semicolon
from quizzes.answer_matching import normalise
from quizzes.definitions import MatchingPairDef, is_blank
from quizzes.formats.gift_syntax import Broken
from quizzes.formats.moodlexml_syntax import child_text, element_text, flag, question_text_format
from quizzes.question_types.base import (
    ZERO,
    Option,
    QuestionType,
    invalid_response,
    ordered,
    registry,
    text_in,
)


def same_text(first, second) -> bool:
    return any(normalise(first.get(c, "")) == normalise(second.get(c, "")) and first.get(c) for c in first)


@registry.register
class Matching(QuestionType):
    name = "matching"
    shares_formulation = True  # the response shows only in its controls (quizzes/formulations.py)
    label = _("Matching")
    answer_rows = "pairs"
    gift_priority = 30
    # "match" is Moodle's internal name, which its importer accepts too.
    moodlexml_types = ("matching", "match")

    def start(self, definition, rng, *, shuffle, fewer_wrong=0):
        order = {"answers": rng.sample([p.answer_key for p in definition.pairs], len(definition.pairs))}
        if shuffle:
            prompts = [p.key for p in definition.pairs if not p.is_distractor]
            order["prompts"] = rng.sample(prompts, len(prompts))
        return order

    def fill_view(self, view, definition, *, order, response):
        chosen = response or {}
        view.prompts = [
            Option(key=pair.key, text=text_in(pair.prompt, view.language), selected=chosen.get(pair.key) or "")
            for pair in ordered(self.prompts(definition), order.get("prompts"))
        ]
        seen = set()
        for pair in ordered(definition.pairs, order.get("answers"), key=lambda p: p.answer_key):
            text = text_in(pair.answer, view.language)
            if text not in seen:  # prompts sharing an answer show it once
                seen.add(text)
                view.options.append(Option(key=pair.answer_key, text=text))
        if view.display.correctness and view.disabled:  # finished: no retry to help
            for prompt in view.prompts:
                if prompt.selected:
                    right = next(p for p in definition.pairs if p.key == prompt.key)
                    picked = self.answer_for(definition, prompt.selected)
                    prompt.is_right = picked is not None and (picked is right or same_text(picked.answer, right.answer))

    def prompts(self, definition):
        return [pair for pair in definition.pairs if not pair.is_distractor]

    def translated_fields(self, row):
        return ("answer",) if row.is_distractor else ("prompt", "answer")

    def validate(self, definition):
        errors = []
        if len(self.prompts(definition)) < 2:
            errors.append(ValidationError(_("Add at least two pairs."), code="too_few_pairs"))
        for number, pair in enumerate(definition.pairs, start=1):
            if is_blank(pair.answer):
                errors.append(
                    ValidationError(
                        _("Pair %(number)d has no answer."), code="blank_answer", params={"number": number}
                    )
                )
        return errors

    def answer_for(self, definition, answer_key):
        return next((pair for pair in definition.pairs if pair.answer_key == answer_key), None)

    def is_matched(self, definition, pair, response) -> bool:
        """Whether `response` matches the prompt of `pair` right."""
        picked = self.answer_for(definition, (response or {}).get(pair.key))
        return picked is not None and (picked is pair or same_text(picked.answer, pair.answer))

    def grade(self, definition, response):
        prompts = self.prompts(definition)
        if not prompts:
            return ZERO
        right = sum(1 for pair in prompts if self.is_matched(definition, pair, response))
        return Fraction(right, len(prompts))

    def compute_final_grade(self, definition, responses, penalty):
        """Countback, as Moodle's qtype_match: a prompt matched right in the last response earns 1 less a penalty
        for each try up to its last wrong one; a prompt wrong in the last response earns nothing."""
        prompts = self.prompts(definition)
        if not prompts or not responses:
            return ZERO
        total = ZERO
        for pair in prompts:
            wrong = [i for i, response in enumerate(responses) if not self.is_matched(definition, pair, response)]
            last_wrong = wrong[-1] if wrong else -1
            if last_wrong < len(responses) - 1:
                total += max(ZERO, 1 - (last_wrong + 1) * penalty)
        return total / len(prompts)

    def correct_response(self, definition):
        return {pair.key: pair.answer_key for pair in self.prompts(definition)}

    def summarise(self, definition, response, language):
        response = response or {}
        parts = []
        for pair in self.prompts(definition):
            picked = self.answer_for(definition, response.get(pair.key))
            answer = text_in(picked.answer, language) if picked else "—"
            parts.append(f"{text_in(pair.prompt, language)}{arrow(language)}{answer}")
        return semicolon(language).join(parts)

    def random_guess_score(self, definition):
        answers = {normalise(text_in(pair.answer, "en")) for pair in definition.pairs}
        return Fraction(1, len(answers)) if answers else ZERO

    def is_answered(self, response):
        return bool(response) and any(response.values())

    def form_data(self, response, name):
        return {f"{name}.{part}": value for part, value in (response or {}).items()}

    def raw_from_form(self, data, name):
        prefix = f"{name}."
        return {key[len(prefix):]: value for key, value in data.items() if key.startswith(prefix)}

    def clean_response(self, definition, raw):
        if not raw:
            return {}
        if not isinstance(raw, dict):
            raise invalid_response()
        prompt_keys = {pair.key for pair in self.prompts(definition)}
        answer_keys = {pair.answer_key for pair in definition.pairs}
        cleaned = {}
        for prompt, answer in raw.items():
            if prompt not in prompt_keys or (answer and answer not in answer_keys):
                raise invalid_response()
            if answer:
                cleaned[prompt] = answer
        return cleaned

    # --- formats ----------------------------------------------------------------------------------------
    def import_from_gift(self, block):
        """`=` and `->`: `=item -> match` per pair; `= -> match` is a distractor."""
        if "=" not in block.answers or "->" not in block.answers:
            return None
        pairs = []
        for number, (_marker, piece) in enumerate(block.pieces("="), start=1):
            if "->" not in piece:
                raise Broken(
                    gettext("Pair %(number)d has no “->” between the item and its match.") % {"number": number}
                )
            prompt, answer = piece.split("->", 1)
            # Moodle reads a format tag on the item but not on the match, which is plain text.
            pair = MatchingPairDef(prompt=block.plain(prompt), answer=block.html_text(answer))
            if is_blank(pair.answer):
                raise Broken(gettext("Pair %(number)d has nothing after “->”.") % {"number": number})
            pairs.append(pair)
        question = block.question(self.name)
        question.pairs = pairs
        return question

    def export_to_gift(self, question, gift):
        lines = [
            f"\t={gift.plain(pair.prompt)} -> {gift.escape(gift.join_plain(pair.answer))}" for pair in question.pairs
        ]
        return gift.block(lines)

    def import_from_moodlexml(self, element, xml):
        question = xml.question(self.name)
        text_format = question_text_format(element)
        for subquestion in element.findall("subquestion"):
            prompt = xml.text_from_html(subquestion, element_text(subquestion), text_format)
            answer = xml.plain(element_text(subquestion.find("answer")))
            if is_blank(prompt) and is_blank(answer):
                continue  # an unused row of Moodle's form
            question.pairs.append(MatchingPairDef(prompt=prompt, answer=answer))
        if element.find("shuffleanswers") is not None:
            question.options["shuffle"] = flag(child_text(element, "shuffleanswers"))
        return question

    def export_to_moodlexml(self, question, xml):
        return xml.shuffle_lines() + xml.subquestion_lines(question.pairs)

    def import_from_csv(self, row):
        question = row.question(self.name)
        question.pairs = row.pairs()
        return question

    def export_to_csv(self, question, csv):
        return csv.answer_cells(question.pairs)
