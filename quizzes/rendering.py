"""The one question renderer: every page that shows a question goes through `question_context` and the
template `quizzes/question.html` (Moodle's `core_question_renderer::question()`).

The renderer asks the type for the formulation (`QuestionType.formulation`, limited by the page's
`DisplayOptions`) and the behaviour for the per-question adjustment of those options
(`adjust_display_options`); the slot's state (right / partly right / wrong / …) comes from `slot.state`.
So no page can show what its options hide: the attempt page, its fragments and the check, the learner's
review, the teacher's review, the admin preview and spaced review all render here.

Attempt pages cache each question's HTML. Its key is the release (`settings.RELEASE_VERSION`: a deploy makes
new keys), the slot's id and `revision` (bumped by every UPDATE that changes the slot: a save, a check,
grading), the language, the display options and the quiz's layout settings (and when the quiz was last
changed). So a cached fragment can be missing, never stale; nothing in a key or its HTML is shared between
learners (the key holds the slot's id). The one per-request value inside a fragment, the CSRF token of the
answer form, is rendered as a hole and filled on the way out. With DEBUG on (development) nothing is cached,
so edited templates show at once.
"""

from __future__ import annotations

import copy
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from history.models import Event
from quizzes.behaviours import CERTAINTIES, DEFAULT_CERTAINTY, FeedbackBehaviour, behaviour_for, to_decimal
from quizzes.definitions import QuestionDef, text_of
from quizzes.display import DisplayOptions
from quizzes.formulations import formulations
from quizzes.models import Attempt, AttemptQuestion, AttemptState, Navigation, QuestionsPerPage
from quizzes.models.attempt import number_slots
from quizzes.question_types import registry
from quizzes.states import SlotState, graded_state_for_fraction

QUESTION_TEMPLATE = "quizzes/question.html"
# NUL never comes out of rendering a template (escaping keeps it, but nothing we render contains it).
CSRF_HOLE = "\x00csrf-token\x00"
# Long enough for an exam sitting; a fragment's key changes with every answer anyway.
TIMEOUT_SECONDS = 6 * 3600


def other_language(language: str) -> str:
    return "en" if language == "ar" else "ar"


def question_context(definition: QuestionDef, *, display: DisplayOptions, language: str, mode: str,
                     slot: AttemptQuestion | None = None, field_name: str = "response", anchor: str = "",
                     disabled: bool = False, formulation: SafeString | None = None, **extra) -> dict:
    """Return the context of `quizzes/question.html` for one question shown with `display`; `formulation`, when
    given, is its text and controls already rendered (a shared one, quizzes/formulations.py)."""
    qtype = registry.get(definition.qtype)
    view = None if formulation else qtype.formulation(
        definition, language=language, display=display, order=slot.order if slot else None,
        response=slot.response if slot else None, field_name=field_name, disabled=disabled,
    )
    response = slot.response if slot else None
    # An essay shows its text itself, and a description has none.
    show_summary = (slot is not None and mode == "review" and qtype.grades_automatically
                    and (extra.get("teacher", False) or not display.right_answer))
    return {
        "mode": mode, "slot": slot, "q": view, "formulation": formulation, "display": display, "language": language,
        "other_language": other_language(language), "anchor": anchor or field_name,
        "state": slot.state if slot else SlotState.UNANSWERED,
        # The response in words: in a review, unless the key beside it shows it already; always for a teacher.
        "show_summary": show_summary,
        "summary": qtype.summarise(definition, response, language) if show_summary else "",
        # Both texts were sanitised with nh3 when the question was saved.
        "general_feedback": mark_safe(text_of(definition.general_feedback, language)) if display.general_feedback else "",
        "explanation": mark_safe(text_of(definition.explanation, language)) if display.general_feedback else "",
        **extra,
    }


# --- attempts ------------------------------------------------------------------------------------
def attempt_display(attempt: Attempt, now) -> DisplayOptions:
    """The page-level options of an attempt: its review settings once finished, else the attempt's own."""
    if attempt.is_finished:
        return DisplayOptions.for_review(attempt.quiz, now)
    return DisplayOptions.for_attempt(attempt.quiz, now)


def slot_display(slot: AttemptQuestion, *, attempt: Attempt, base: DisplayOptions) -> DisplayOptions:
    """`base` as the feedback behaviour adjusts it for this question (only while the attempt is going on)."""
    if attempt.is_finished:
        return base
    return behaviour_for(attempt.quiz).adjust_display_options(base, slot)


def slot_disabled(slot: AttemptQuestion, attempt: Attempt) -> bool:
    """Whether a slot's controls are disabled: checked (locked) or its attempt finished."""
    return slot.is_locked or attempt.is_finished


def slot_context(slot: AttemptQuestion, *, attempt: Attempt, language: str, base: DisplayOptions,
                 total: int | None = None, error: str | None = None, formulation: SafeString | None = None) -> dict:
    """The context of one question of an attempt in progress (the attempt page, a check, a language peek)."""
    total = total if total is not None else attempt.slots.count()
    quiz = attempt.quiz
    behaviour = behaviour_for(quiz)
    try_again = behaviour.is_try_again(slot)
    return question_context(
        slot.definition, display=slot_display(slot, attempt=attempt, base=base), language=language, mode="attempt",
        slot=slot, field_name=f"q{slot.position}", disabled=slot_disabled(slot, attempt),
        attempt=attempt, behaviour=behaviour, error=error, formulation=formulation,
        one_per_page=quiz.questions_per_page == QuestionsPerPage.ONE,
        is_first=slot.position == 0, is_last=slot.position == total - 1,
        sequential=quiz.navigation == Navigation.SEQUENTIAL,
        show_check=behaviour.shows_check(slot) and not attempt.is_finished,
        try_again=try_again,
        # Sanitised with nh3 when the question was saved.
        hint=mark_safe(behaviour.hint(slot, language)) if try_again else "",
        tries_left=behaviour.tries_left(slot) if behaviour.can_check else None,
        feedback_state=try_state(slot, behaviour),
        **certainty_context(slot, behaviour, field_name=f"q{slot.position}"),
    )


def try_state(slot: AttemptQuestion, behaviour: FeedbackBehaviour) -> SlotState:
    """What the feedback after a check says: how the last try itself did. With several tries a right answer at
    the second try is right, although its mark (less the penalty) is partial."""
    if behaviour.grades_tries and slot.tries and slot.fraction is not None:
        return graded_state_for_fraction(slot.question_type.grade(slot.definition, slot.response))
    return slot.state


def certainty_context(slot: AttemptQuestion, behaviour: FeedbackBehaviour, *, field_name: str) -> dict:
    """The certainty part of a question's context (certainty-based marking), empty under other behaviours."""
    if not behaviour.shows_certainty(slot):
        return {}
    chosen = slot.certainty
    return {
        "certainty_field": f"{field_name}-certainty",
        "certainties": [(level, label, level == chosen) for level, label in CERTAINTIES.items()],
        "certainty_label": CERTAINTIES[chosen or DEFAULT_CERTAINTY],
        "certainty_assumed": chosen is None,
    }


def slot_key(slot: AttemptQuestion, *, attempt: Attempt, language: str, total: int, display: DisplayOptions) -> str:
    """Return the cache key of a slot's HTML: the release, the slot's revision and the page's settings."""
    quiz = attempt.quiz
    # Choices as their plain values: a quiz or attempt just made holds the enum members, one read back strings,
    # and the two must give one key (the cron job renders the questions of attempts it has just drawn).
    parts = (
        settings.RELEASE_VERSION, language, display.cache_key, attempt.pk, str(attempt.state), total,
        quiz.pk, quiz.updated_at.isoformat() if quiz.updated_at else "", str(quiz.behaviour),
        str(quiz.questions_per_page), str(quiz.navigation), slot.pk, slot.revision,
    )
    return "question-html:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render_slots(request, slots: list[AttemptQuestion], *, attempt: Attempt, language: str, total: int,
                 now) -> list[SafeString]:
    """Return the HTML of `slots` for the attempt page, from the cache where it holds them."""
    token = get_token(request)
    return [mark_safe(html.replace(CSRF_HOLE, token))
            for html in slot_fragments(slots, attempt=attempt, language=language, total=total, now=now)]


def slot_fragments(slots: list[AttemptQuestion], *, attempt: Attempt, language: str, total: int, now) -> list[str]:
    """The HTML of `slots`, each with the hole for the CSRF token: from the cache, the rest rendered and stored."""
    base = attempt_display(attempt, now)
    displays = [slot_display(slot, attempt=attempt, base=base) for slot in slots]
    keys = [slot_key(slot, attempt=attempt, language=language, total=total, display=display)
            for slot, display in zip(slots, displays)]
    # With DEBUG (development), templates change without a restart: render every time.
    found = {} if settings.DEBUG else cache.get_many(keys)
    missing = {key: (slot, display) for key, slot, display in zip(keys, slots, displays) if key not in found}
    # The formulations of the questions to render, shared with the other learners asked the same versions.
    shared = formulations(
        [slot for slot, _display in missing.values()], language=language,
        displays=[display for _slot, display in missing.values()],
        disabled=[slot_disabled(slot, attempt) for slot, _display in missing.values()],
    ) if missing else {}
    rendered = {
        key: str(render_to_string(QUESTION_TEMPLATE, {
            **slot_context(slot, attempt=attempt, language=language, base=base, total=total,
                           formulation=shared.get(slot.pk)),
            "csrf_token": CSRF_HOLE,
        }))
        for key, (slot, _display) in missing.items()
    }
    if rendered and not settings.DEBUG:
        cache.set_many(rendered, TIMEOUT_SECONDS)
    found.update(rendered)
    return [found[key] for key in keys]


def attempt_pages_warm(attempts: list[Attempt], *, now) -> None:
    """Render into the cache, ahead of a scheduled opening, the questions of attempts drawn for it
    (`attempts_prepare`), in both languages, as each learner's first view of their attempt asks for them once
    started: the opening's burst then reads them instead of rendering them all at once. Only with a cache every
    worker shares (Redis): a per-process cache would keep them in the command's own process. A key that no
    longer fits at the start (a quiz edited in between) is only a miss."""
    if settings.DEBUG or not settings.SHARED_CACHE or not attempts:
        return
    by_attempt: dict[int, list[AttemptQuestion]] = {}
    for slot in AttemptQuestion.objects.filter(attempt__in=[attempt.pk for attempt in attempts]):
        by_attempt.setdefault(slot.attempt_id, []).append(slot)
    for attempt in attempts:
        started = copy.copy(attempt)  # as it will be once its learner starts it
        started.state = AttemptState.IN_PROGRESS
        slots = number_slots(by_attempt.get(attempt.pk, []))
        for slot in slots:
            slot.attempt = started
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                slot_fragments(slots, attempt=started, language=language, total=len(slots), now=now)


def render_review(slots, *, display: DisplayOptions, language: str, teacher: bool = False,
                  behaviour: FeedbackBehaviour | None = None) -> list[SafeString]:
    """The HTML of a finished attempt's questions for the learner's review (`display` from the quiz's review
    settings) or the teacher's (`DisplayOptions.everything()`); event links only where feedback shows.
    `behaviour` (by default the quiz's) adds the certainty and CBM mark under certainty-based marking."""
    slots = number_slots(list(slots))
    if behaviour is None and slots:
        behaviour = behaviour_for(slots[0].attempt.quiz)
    slugs = {slug for slot in slots for slug in slot.definition.events}
    events = {e.slug: e for e in Event.objects.published().filter(slug__in=slugs)} if display.general_feedback else {}
    return [
        render_to_string(QUESTION_TEMPLATE, question_context(
            slot.definition, display=display, language=language, mode="review", slot=slot,
            field_name=f"q{slot.position}", disabled=True, teacher=teacher,
            events=[events[s] for s in slot.definition.events if s in events],
            **review_marks(slot, behaviour, display),
        ))
        for slot in slots
    ]


def render_preview(definition: QuestionDef, *, language: str, heading: str) -> SafeString:
    """An author's preview: the question as a learner sees it (so in `language`, labels too), with every part
    of the key."""
    with translation.override(language):
        return render_to_string(QUESTION_TEMPLATE, question_context(
            definition, display=DisplayOptions.everything(), language=language, mode="preview",
            field_name=f"preview-{language}", disabled=True, heading=heading))


def review_marks(slot: AttemptQuestion, behaviour: FeedbackBehaviour | None, display: DisplayOptions) -> dict:
    """Under certainty-based marking, the certainty the learner chose (their own input: always shown) and,
    where marks show, the CBM mark beside the accuracy mark in the header."""
    if behaviour is None or not behaviour.shows_certainty(slot):
        return {}
    context = {**certainty_context(slot, behaviour, field_name=f"q{slot.position}"), "cbm_mark": None}
    share = behaviour.mark_fraction(slot)
    if display.marks and share is not None:
        context["cbm_mark"] = (to_decimal(share) * slot.points).quantize(Decimal("0.001"))
    return context


def navigator(slots: list[AttemptQuestion], *, attempt: Attempt, now) -> list[dict]:
    """The question navigator's cells: answered or not, and right / partly right / wrong where the
    behaviour's options show it for that question (a finished check), or waiting for another try."""
    base = attempt_display(attempt, now)
    behaviour = behaviour_for(attempt.quiz)
    cells = []
    for slot in slots:
        display = slot_display(slot, attempt=attempt, base=base)
        state = slot.state
        classes = ["nav-answered"] if slot.is_answered else []
        label = state.label if state in (SlotState.UNANSWERED, SlotState.ANSWERED) else SlotState.ANSWERED.label
        if behaviour.is_try_again(slot):
            classes.append("nav-try-again")
            label = _("try again")
        elif display.correctness and state.is_graded:
            classes.append(f"nav-{state.css_class}")
            label = state.label
        elif behaviour.shows_certainty(slot) and slot.is_answered and slot.certainty is None:
            classes.append("nav-no-certainty")
            label = _("answered, certainty not chosen")
        cells.append({"slot": slot, "classes": " ".join(classes), "label": label})
    return cells
