"""Shared formulations: a question's text and controls rendered once per (version, language, option order,
display options, locked or not) and shared by every learner asked that version, with each learner's own
field name and response filled in (issue 17, item 1).

In an exam hall most learners see the same versions in one of a few option orders, so the first view of an
attempt page, which had to render every question for each learner, renders each (version, order) once.
Per learner there remain the question's frame (its number, the save form, the check button) and the fill.

- The blank formulation is `quizzes/_formulation.html` (the question text and the type's template) rendered
  with no response under a placeholder field name, in the page's language.
- `fill` puts the slot's field name in, then the response: `QuestionType.fill_formulation`, whose default
  marks the chosen radio buttons and check boxes, the selected options of drop-down lists and the typed
  values of text boxes from `form_data` (what a browser would post for the response); ordering reorders its
  items. A type opts in with `shares_formulation = True`; one whose formulation shows more of the response
  than its controls (an essay counts its words) stays rendered per learner.
- Only while the display options show nothing about the response: no correctness, mark, feedback or right
  answer (every question of an exam in progress, before any check). Anything else is rendered per learner.

tests/quizzes/test_formulations.py proves, for every type that opts in, that the filled blank is exactly the
formulation rendered with the response. The key holds the release, so a deploy with new templates or
catalogs makes new keys; nothing in a shared formulation belongs to a learner.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from quizzes.display import DisplayOptions
from quizzes.question_types import registry

TEMPLATE = "quizzes/_formulation.html"
# NUL never comes out of rendering a template (see quizzes.rendering.CSRF_HOLE): a safe placeholder.
FIELD_HOLE = "\x00field\x00"
TIMEOUT_SECONDS = 6 * 3600


def shareable(qtype, display: DisplayOptions) -> bool:
    """Whether a question of `qtype` shown with `display` may use the shared formulation."""
    return qtype.shares_formulation and not (display.correctness or display.marks or display.feedback
                                             or display.right_answer)


def render(definition, *, language: str, display: DisplayOptions, order: dict | None, response=None,
           field_name: str, disabled: bool) -> str:
    """The formulation rendered directly (with `response`), as `quizzes/question.html` includes it."""
    qtype = registry.get(definition.qtype)
    view = qtype.formulation(definition, language=language, display=display, order=order, response=response,
                             field_name=field_name, disabled=disabled)
    return render_to_string(TEMPLATE, {"q": view, "language": language})


def key(slot, *, language: str, display: DisplayOptions, disabled: bool) -> str:
    # The page's own language too: the controls' labels ("Choose…") are in it.
    parts = (settings.RELEASE_VERSION, slot.version_id, language, translation.get_language(),
             json.dumps(slot.order or {}, sort_keys=True), display.cache_key, bool(disabled))
    return "formulation:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def fill(blank: str, *, qtype, definition, response, field_name: str) -> str | None:
    """The blank formulation with `field_name` and `response` in it; None when the type cannot fill it."""
    html = blank.replace(FIELD_HOLE, field_name)
    if qtype.is_answered(response):
        return qtype.fill_formulation(html, definition, response, field_name)
    return html


def formulations(slots, *, language: str, displays: list[DisplayOptions], disabled: list[bool]) -> dict:
    """The filled formulations of those of `slots` that may share theirs ({slot.pk: SafeString}), from the
    cache in one read; the blanks it lacks are rendered once each and stored."""
    wanted = {}
    for slot, display, locked in zip(slots, displays, disabled):
        if shareable(slot.question_type, display):
            wanted[slot.pk] = (slot, display, locked, key(slot, language=language, display=display, disabled=locked))
    if not wanted:
        return {}
    keys = {entry[3] for entry in wanted.values()}
    found = {} if settings.DEBUG else cache.get_many(list(keys))
    made = {}
    for slot, display, locked, cache_key in wanted.values():
        if cache_key not in found and cache_key not in made:
            made[cache_key] = render(slot.definition, language=language, display=display, order=slot.order,
                                     field_name=FIELD_HOLE, disabled=locked)
    if made and not settings.DEBUG:
        cache.set_many(made, TIMEOUT_SECONDS)
    found.update(made)
    filled = {}
    for pk, (slot, _display, _locked, cache_key) in wanted.items():
        html = fill(found[cache_key], qtype=slot.question_type, definition=slot.definition, response=slot.response,
                    field_name=f"q{slot.position}")
        if html is not None:
            filled[pk] = mark_safe(html)
    return filled
