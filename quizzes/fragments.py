"""The HTML of an attempt's questions ("slots"), rendered once per state and cached.

Rendering a question through its templates costs about half a millisecond; a 20-question page spent
most of its time there (docs/benchmarks.md). A slot's HTML is a pure function of a few values: the slot's
frozen question and option order, the learner's saved response and marks, the page language and the
quiz's display settings. `slot_key` digests exactly those values, so a changed answer, a check, a finished
attempt or another language makes a new key: a cached fragment can be missing, never stale.

Nothing in the key or the HTML is shared between learners (the key holds the slot's id), so no learner can
be served another's answers. The one per-request value inside a fragment, the CSRF token of the answer
form, is rendered as a hole and filled on the way out: a token cached with the fragment would go stale
when the learner logs in again.

The cache is Django's default cache: Redis in production (REDIS_URL), shared by every worker; otherwise
each process's memory. With DEBUG on (development) nothing is cached, so edited templates show at once.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from quizzes.behaviours import behaviour_for
from quizzes.models import Attempt, AttemptQuestion, QuestionsPerPage
from quizzes.presentation import present

SLOT_TEMPLATE = "quizzes/_slot.html"
# NUL never comes out of rendering a template (escaping keeps it, but nothing we render contains it).
CSRF_HOLE = "\x00csrf-token\x00"
# Long enough for an exam sitting; a fragment's key changes with every answer anyway.
TIMEOUT_SECONDS = 6 * 3600


def slot_context(slot: AttemptQuestion, *, language: str, show_feedback: bool, attempt: Attempt,
                 total: int | None = None) -> dict:
    """Return the template context of one slot: the question and, when allowed, its feedback."""
    total = total if total is not None else attempt.slots.count()
    view = present(
        slot.definition,
        language=language,
        field_name=f"q{slot.position}",
        order=slot.order,
        response=slot.response,
        show_key=show_feedback and slot.fraction is not None,
        disabled=slot.is_locked or attempt.is_finished,
    )
    return {
        "slot": slot, "q": view, "language": language, "other_language": "en" if language == "ar" else "ar",
        "attempt": attempt, "behaviour": behaviour_for(attempt.quiz),
        "one_per_page": attempt.quiz.questions_per_page == QuestionsPerPage.ONE,
        "is_first": slot.position == 0, "is_last": slot.position == total - 1,
        "sequential": attempt.quiz.navigation == "sequential",
    }


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A digest of what turns a slot into HTML (templates, catalogs and the code that prepares them), so
    that after a deploy no worker serves HTML cached by the previous version (Redis outlives deploys)."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    sources = sorted((base / "templates" / "quizzes").rglob("*.html"))
    sources += sorted((base / "quizzes" / "question_types").glob("*.py"))
    sources += [base / "quizzes" / name for name in ("presentation.py", "definitions.py", "fragments.py")]
    sources += sorted(Path(path) for directory in settings.LOCALE_PATHS for path in Path(directory).rglob("*.mo"))
    for path in sources:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def slot_key(slot: AttemptQuestion, *, attempt: Attempt, language: str, total: int) -> str:
    """Return the cache key of a slot's HTML: a digest of everything the HTML depends on."""
    quiz = attempt.quiz
    parts = (
        renderer_version(), language, attempt.pk, attempt.started_at.isoformat(), attempt.state, total,
        quiz.behaviour, quiz.questions_per_page, quiz.navigation,
        slot.pk, slot.question_id, slot.position, str(slot.points), str(slot.fraction), slot.tries, slot.is_locked,
        json.dumps(slot.response, sort_keys=True, ensure_ascii=False),
    )
    return "slot-html:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render_slots(request, slots: list[AttemptQuestion], *, attempt: Attempt, language: str,
                 total: int) -> list[SafeString]:
    """Return the HTML of `slots` for the attempt page, from the cache where it holds them."""
    show_feedback = behaviour_for(attempt.quiz).shows_feedback_during_attempt
    keys = [slot_key(slot, attempt=attempt, language=language, total=total) for slot in slots]
    # With DEBUG (development), templates change without a restart: render every time.
    found = {} if settings.DEBUG else cache.get_many(keys)
    missing = {key: slot for key, slot in zip(keys, slots) if key not in found}
    deferred = [slot for slot in missing.values() if "snapshot" in slot.get_deferred_fields()]
    if deferred:  # listed without_snapshots(): one query for the snapshots of the questions to render
        snapshots = dict(AttemptQuestion.objects.filter(pk__in=[slot.pk for slot in deferred])
                         .values_list("pk", "snapshot"))
        for slot in deferred:
            slot.snapshot = snapshots[slot.pk]
    rendered = {
        key: str(render_to_string(SLOT_TEMPLATE, {
            **slot_context(slot, language=language, show_feedback=show_feedback, attempt=attempt, total=total),
            "csrf_token": CSRF_HOLE,
        }))
        for key, slot in missing.items()
    }
    if rendered and not settings.DEBUG:
        cache.set_many(rendered, TIMEOUT_SECONDS)
    found.update(rendered)
    token = get_token(request)
    return [mark_safe(found[key].replace(CSRF_HOLE, token)) for key in keys]
