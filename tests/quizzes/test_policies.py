"""quizzes.policies: a learner's effective settings of a quiz, the providers that adjust them, and how several
policies combine (the most generous value of each setting wins); the single-choice type's "fewer wrong options"."""

import datetime
import random
from decimal import Decimal

import pytest

from quizzes import policies
from quizzes.definitions import with_keys
from quizzes.policies import LearnerPolicy, most_generous, policy_for
from quizzes.question_types import registry
from tests.factories import single_choice_def

MINUTE = datetime.timedelta(minutes=1)
NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC)


def policy(**fields):
    return LearnerPolicy(**{"time_limit": 20 * MINUTE, "attempts_allowed": 2, "closes_at": None, **fields})


def test_the_most_generous_value_of_each_setting_wins_separately():
    later = NOW + datetime.timedelta(days=2)
    one = policy(time_limit=30 * MINUTE, attempts_allowed=1, closes_at=NOW)
    other = policy(time_limit=10 * MINUTE, attempts_allowed=3, closes_at=later, fewer_wrong=1)
    combined = most_generous([one, other])
    assert combined.time_limit == 30 * MINUTE          # from the first
    assert combined.attempts_allowed == 3              # from the second
    assert combined.closes_at == later
    assert combined.fewer_wrong == 1
    assert most_generous([other, one]) == combined     # the order does not matter


def test_untimed_unlimited_and_no_close_are_the_most_generous_of_all():
    combined = most_generous([policy(), policy(time_limit=None, attempts_allowed=0, closes_at=None),
                              policy(closes_at=NOW)])
    assert (combined.time_limit, combined.attempts_allowed, combined.closes_at) == (None, 0, None)


@pytest.mark.parametrize(("multiplier", "minutes"), [("1.25", 25), ("1.5", 30), ("2", 40)])
def test_extra_time_multiplies_the_limit(multiplier, minutes):
    accommodated = policy().accommodated(multiplier=Decimal(multiplier))
    assert accommodated.time_limit == minutes * MINUTE
    assert accommodated.deadline(NOW) == NOW + minutes * MINUTE


def test_untimed_removes_the_limit_but_not_the_close():
    accommodated = policy(closes_at=NOW + 5 * MINUTE).accommodated(untimed=True)
    assert accommodated.time_limit is None and accommodated.untimed
    assert accommodated.deadline(NOW) == NOW + 5 * MINUTE


def test_extra_attempts_add_to_a_limited_number_only():
    assert policy().accommodated(extra_attempts=2).attempts_allowed == 4
    unlimited = policy(attempts_allowed=0).accommodated(extra_attempts=2)
    assert unlimited.attempts_allowed == 0 and unlimited.extra_attempts == 0  # nothing to tell the learner


def test_the_learner_is_told_their_own_accommodations():
    from django.utils import translation

    with translation.override("en"):
        notes = [str(note) for note in policy().accommodated(multiplier=Decimal("1.5"), extra_attempts=1,
                                                             fewer_wrong=2).notes()]
    assert notes == ["You have 1.5× the time.", "You have 1 extra attempt.",
                     "Single-choice questions show you 2 fewer wrong options."]
    assert policy().notes() == []


@pytest.mark.django_db
def test_a_registered_provider_adjusts_the_quiz_and_the_quiz_alone_holds_without_one(make):
    quiz = make.quiz(questions=1, time_limit=20 * MINUTE, attempts_allowed=1)
    learner = make.learner()
    assert policy_for(quiz=quiz, learner=learner, now=NOW).time_limit == 20 * MINUTE

    def grant(*, quiz, learner, now, base):
        return [base.accommodated(multiplier=Decimal(2))]

    policies.register(grant)
    try:
        assert policy_for(quiz=quiz, learner=learner, now=NOW).time_limit == 40 * MINUTE
    finally:
        policies.unregister(grant)
    assert policy_for(quiz=quiz, learner=learner, now=NOW).time_limit == 20 * MINUTE


# --- fewer wrong options (single choice) -----------------------------------------------------------------------------
def five_options():
    return with_keys(single_choice_def(wrong_en=("1861", "1863", "1864", "1865")))


@pytest.mark.parametrize("seed", range(20))
def test_fewer_wrong_hides_wrong_options_and_never_the_right_one(seed):
    definition = five_options()
    qtype = registry.get("single_choice")
    order = qtype.start(definition, random.Random(seed), shuffle=True, fewer_wrong=2)
    right = next(c.key for c in definition.choices if c.fraction == 1)
    assert len(order["hidden"]) == 2 and right not in order["hidden"]
    from quizzes.display import DisplayOptions

    view = qtype.formulation(definition, language="en", display=DisplayOptions.everything(), order=order)
    shown = [option.key for option in view.options]
    assert len(shown) == 3 and right in shown and not set(shown) & set(order["hidden"])


def test_fewer_wrong_always_leaves_the_right_option_and_one_other():
    definition = with_keys(single_choice_def(wrong_en=("1861", "1863")))
    order = registry.get("single_choice").start(definition, random.Random(1), shuffle=False, fewer_wrong=5)
    assert len(order["hidden"]) == 1


def test_without_fewer_wrong_the_frozen_order_is_what_it_was():
    definition = five_options()
    qtype = registry.get("single_choice")
    assert qtype.start(definition, random.Random(3), shuffle=True) == qtype.start(
        definition, random.Random(3), shuffle=True, fewer_wrong=0)
    assert "hidden" not in qtype.start(definition, random.Random(3), shuffle=True)


def test_multiple_response_ignores_fewer_wrong():
    definition = five_options()
    definition.qtype = "multiple_response"
    assert "hidden" not in registry.get("multiple_response").start(definition, random.Random(3), shuffle=True,
                                                                   fewer_wrong=2)
