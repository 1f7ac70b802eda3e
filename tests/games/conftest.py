"""Fixtures of the live game's tests: a teacher's quiz of playable questions, a game of it, and players."""

import uuid
from datetime import datetime, timezone

import pytest

from config.environment import channel_layers as layer_settings
from games import services
from tests import factories
from tests.redis_server import REDIS_TEST_URL, redis_reachable

# The questions of every playable type, in the factories' order (single choice first).
PLAYABLE = 7
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def host(db):
    return factories.teacher(username="host")


@pytest.fixture
def quiz(host):
    """Seven questions, one of each playable type; options in their stored order (no shuffle)."""
    return factories.quiz(questions=PLAYABLE, owner=host, shuffle_choices=False)


@pytest.fixture
def choice_quiz(host):
    """Three single-choice questions (right answer first when not shuffled)."""
    return _choice_quiz(host)


def _choice_quiz(host, count=3):
    from quizzes.models import Quiz, QuizQuestion

    bank = factories.bank(owner=host)
    made = Quiz.objects.create(owner=host, title_ar="لعبة", title_en="Game", is_published=True, shuffle_choices=False)
    for position in range(count):
        definition = factories.single_choice_def(right_en=f"right {position}", wrong_en=(f"wrong {position}a", f"wrong {position}b"))
        definition.general_feedback = {"ar": "شرح عام", "en": "General feedback SECRET-FEEDBACK"}
        definition.explanation = {"ar": "خلفية", "en": "Background SECRET-EXPLANATION"}
        definition.choices[0].feedback = {"ar": "أحسنت", "en": "SECRET-OPTION-FEEDBACK"}
        QuizQuestion.objects.create(quiz=made, question=factories.question(bank_obj=bank, definition=definition),
                                    position=position)
    return made


@pytest.fixture
def make_game(host):
    def make(quiz, **options):
        return services.game_host(quiz=quiz, host=options.pop("host", host), now=NOW, seed=1, **options)

    return make


@pytest.fixture
def game(make_game, choice_quiz):
    return make_game(choice_quiz)


@pytest.fixture
def join():
    def add(game, nickname, **options):
        return services.game_join(game=game, now=options.pop("now", NOW), nickname=nickname, **options)

    return add


def right_key(game, position=None):
    definition = game.definition(position)
    return game.question_type(position).correct_response(definition)


def wrong_key(game, position=None):
    definition = game.definition(position)
    return next(choice.key for choice in definition.choices if choice.fraction == 0)




@pytest.fixture(params=["memory", "redis"])
def channel_layer(request, settings):
    """Each test using it runs on the in-memory layer and on channels-redis (skipped without a Redis)."""
    from channels.layers import channel_layers

    if request.param == "redis":
        if not redis_reachable(REDIS_TEST_URL):
            pytest.skip(f"no Redis at {REDIS_TEST_URL} (.ci/run starts one; REDIS_TEST_URL names another)")
        settings.CHANNEL_LAYERS = layer_settings(REDIS_TEST_URL, prefix=f"tarikh-test-{uuid.uuid4().hex[:8]}")
    else:
        settings.CHANNEL_LAYERS = layer_settings("")
    channel_layers.backends.clear()
    yield request.param
    channel_layers.backends.clear()


@pytest.fixture(autouse=True)
def _messages_in_english(_reset_language):
    """The services' refusals are read in English here (pages and sockets choose their language by URL)."""
    from django.utils import translation

    translation.activate("en")
