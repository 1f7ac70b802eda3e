"""Shared formulations (quizzes/formulations.py, issue 17 item 1): one rendering per version, language and
option order, shared between learners, with each learner's field name and response filled in."""

import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from quizzes import formulations
from quizzes.definitions import with_keys
from quizzes.display import DisplayOptions
from quizzes.question_types import registry
from tests import factories
from tests.quizzes.question_types import gap_questions
from tests.quizzes.question_types.test_cloze import puebla as cloze_puebla


def samples():
    """One question of each type, with the keys a saved question has."""
    return [with_keys(definition) for definition in [*factories.definitions_of_every_type(), gap_questions.puebla("gapselect"), gap_questions.puebla("ddwtos"),
            cloze_puebla(), factories.description_def(), factories.essay_def()]]


def responses(definition):
    """None, the right answer, and other answers a learner might give (cleaned as a save cleans them)."""
    qtype = registry.get(definition.qtype)
    right = qtype.correct_response(definition)
    raw = [None, right]
    if isinstance(right, dict):
        parts, answers = list(right), list(right.values())
        raw += [dict(zip(parts, answers[1:] + answers[:1])), {parts[0]: answers[0]}]
    elif isinstance(right, list):
        keys = [choice.key for choice in definition.choices] or list(right)
        raw += [list(reversed(right)), keys[:1]]
    elif definition.choices:
        raw += [choice.key for choice in definition.choices if choice.key != right][:2]
    else:
        raw += ['Zaragoza "el <b>general</b>" & co', "ثاراغوثا", "1862.5"]
    cleaned = []
    for response in raw:
        try:
            cleaned.append(None if response is None else qtype.clean_response(definition, response))
        except ValidationError:
            continue
    return cleaned


CASES = [(definition, response) for definition in samples() for response in responses(definition)
         if registry.get(definition.qtype).shares_formulation]


def test_every_type_but_the_essay_shares_its_formulation():
    assert {name for name in registry.names() if not registry.get(name).shares_formulation} == {"essay"}
    assert {definition.qtype for definition, _response in CASES} == set(registry.names()) - {"essay"}


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("disabled", [False, True])
@pytest.mark.parametrize("definition,response", CASES,
                         ids=[f"{d.qtype}-{i}" for i, (d, _r) in enumerate(CASES)])
def test_the_filled_blank_is_the_formulation_rendered_with_the_response(definition, response, language, disabled):
    qtype = registry.get(definition.qtype)
    order = qtype.start(definition, random.Random(7), shuffle=True)
    display = DisplayOptions.hidden()
    with translation.override(language):
        direct = formulations.render(definition, language=language, display=display, order=order,
                                     response=response, field_name="q3", disabled=disabled)
        blank = formulations.render(definition, language=language, display=display, order=order,
                                    field_name=formulations.FIELD_HOLE, disabled=disabled)
    filled = formulations.fill(blank, qtype=qtype, definition=definition, response=response, field_name="q3")
    assert filled == direct
    assert formulations.FIELD_HOLE not in filled


def test_a_text_answer_is_escaped_where_it_is_filled_in():
    definition = next(d for d in samples() if d.qtype == "short_answer")
    qtype = registry.get("short_answer")
    with translation.override("en"):
        blank = formulations.render(definition, language="en", display=DisplayOptions.hidden(), order={},
                                    field_name=formulations.FIELD_HOLE, disabled=False)
    filled = formulations.fill(blank, qtype=qtype, definition=definition, response='"><script>x</script>',
                               field_name="q0")
    assert "<script>" not in filled and 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in filled


@pytest.mark.parametrize("display", [DisplayOptions(correctness=True), DisplayOptions(marks=True),
                                     DisplayOptions(feedback=True), DisplayOptions(right_answer=True)])
def test_nothing_that_shows_about_the_response_is_shared(display):
    assert not formulations.shareable(registry.get("single_choice"), display)
    assert formulations.shareable(registry.get("single_choice"), DisplayOptions.hidden())
    assert not formulations.shareable(registry.get("essay"), DisplayOptions.hidden())


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_learners_asked_the_same_version_share_one_rendering(make, monkeypatch):
    """Two learners, one exam in one option order: the first learner's page renders each formulation once, the
    second learner's first view renders none, and each page still shows its own learner's answers."""
    from django.test import Client
    from django.utils import timezone

    from quizzes.models import QuestionsPerPage
    from quizzes.services.attempts import attempt_save_response, attempt_start

    cache.clear()
    quiz = make.quiz(questions=5, questions_per_page=QuestionsPerPage.ALL, shuffle_choices=False)
    learners = [factories.learner(), factories.learner()]
    attempts = [attempt_start(quiz=quiz, learner=learner, now=timezone.now()) for learner in learners]
    slot = attempts[1].slots.get(position=0)
    answer = slot.question_type.correct_response(slot.definition)
    attempt_save_response(attempt=attempts[1], position=0, raw=answer, now=timezone.now())
    rendered = []
    real = formulations.render
    monkeypatch.setattr(formulations, "render", lambda *a, **kw: rendered.append(kw["field_name"]) or real(*a, **kw))
    pages = []
    for learner, attempt in zip(learners, attempts):
        client = Client()
        client.force_login(learner)
        pages.append(client.get(f"/en/attempts/{attempt.pk}/").content.decode())
        rendered.append("page")
    assert rendered == [formulations.FIELD_HOLE] * 5 + ["page", "page"]  # nothing rendered for the second
    # The second learner's saved answer is on their page only.
    assert slot.question_type.name == "single_choice"
    chosen = f'name="q0" value="{answer}" checked>'
    assert chosen in pages[1] and chosen not in pages[0]
