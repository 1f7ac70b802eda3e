"""A question as a learner sees it: texts in one language, options in a given order, the key hidden.

The same view serves the attempt page, the review page and the teacher's preview. Only what the view
exposes reaches templates, so keys, fractions and right answers appear only when `show_key` is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from quizzes.definitions import QuestionDef, text_of
from quizzes.question_types import registry


@dataclass
class Option:
    key: str
    text: str
    selected: bool = False
    # Set only when the key is shown (review, preview).
    is_right: bool | None = None
    feedback: str = ""


@dataclass
class QuestionView:
    qtype: str
    template: str
    text: str
    language: str
    field_name: str
    options: list[Option] = field(default_factory=list)
    prompts: list[Option] = field(default_factory=list)
    value: str = ""
    unit: str = ""
    disabled: bool = False
    show_key: bool = False
    correct_summary: str = ""
    accepted_forms: list[str] = field(default_factory=list)
    general_feedback: str = ""


def ordered(rows, keys: list[str] | None, key=lambda row: row.key):
    """Return `rows` in the order of `keys` (a frozen shuffle), or as stored when there is none."""
    if not keys:
        return list(rows)
    position = {k: i for i, k in enumerate(keys)}
    return sorted(rows, key=lambda row: position.get(key(row), len(position)))


def present(
    definition: QuestionDef,
    *,
    language: str,
    field_name: str = "response",
    order: dict | None = None,
    response=None,
    show_key: bool = False,
    disabled: bool = False,
) -> QuestionView:
    """Return the view of `definition` in `language`; `order` holds the attempt's frozen option orders."""
    qtype = registry.get(definition.qtype)
    order = order or {}
    view = QuestionView(
        qtype=definition.qtype,
        template=qtype.template,
        text=mark_safe(text_of(definition.text, language)),  # sanitised with nh3 when saved
        language=language,
        field_name=field_name,
        disabled=disabled,
        show_key=show_key,
        unit=definition.options.get("unit", ""),
    )
    if definition.choices:
        picked = set(response if isinstance(response, list) else [response])
        for choice in ordered(definition.choices, order.get("choices")):
            view.options.append(
                Option(
                    key=choice.key,
                    text=text_of(choice.text, language),
                    selected=choice.key in picked,
                    is_right=(choice.fraction > 0) if show_key else None,
                    feedback=text_of(choice.feedback, language) if show_key else "",
                )
            )
    elif definition.items:
        current = response or order.get("items")
        view.options = [
            Option(key=item.key, text=text_of(item.text, language)) for item in ordered(definition.items, current)
        ]
    elif definition.pairs:
        chosen = response or {}
        prompts = [pair for pair in definition.pairs if not pair.is_distractor]
        view.prompts = [
            Option(key=pair.key, text=text_of(pair.prompt, language), selected=chosen.get(pair.key) or "")
            for pair in ordered(prompts, order.get("prompts"))
        ]
        seen = set()
        for pair in ordered(definition.pairs, order.get("answers"), key=lambda p: p.answer_key):
            text = text_of(pair.answer, language)
            if text not in seen:  # prompts sharing an answer show it once
                seen.add(text)
                view.options.append(Option(key=pair.answer_key, text=text))
    else:
        view.value = response or ""
    if show_key:
        view.correct_summary = qtype.summarise(definition, qtype.correct_response(definition), language)
        view.accepted_forms = [
            form for answer in definition.accepted_answers if answer.fraction == 1 for form in answer.text.values() if form
        ]
        view.general_feedback = mark_safe(text_of(definition.general_feedback, language))
    return view
