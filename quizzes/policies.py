"""What one learner is allowed on one quiz: its time limit, its attempts, when their answers stop counting and how
many wrong options a single-choice question hides from them.

The quiz's own settings are the default. Apps above quizzes (classrooms: accommodations and per-assignment
overrides) adjust them through *providers* they register in their `AppConfig.ready()`, so quizzes never imports
them (see .importlinter). A provider is called as `provider(quiz=..., learner=..., now=..., base=...)` and returns
the policies it grants (none, one, or one per class that assigns the quiz).

When several policies apply — a user override and a group override of one assignment, or two classes that assign
the same quiz — they are combined **per setting, the most generous wins** (`most_generous`): the latest close, no
time limit over any, the longer limit, unlimited attempts over any, the most attempts, the most options hidden.
Moodle combines its *group* overrides this way, but gives a user override precedence over the groups' setting by
setting; Tarikh's groups are learners a teacher picks for one override, so a learner is never held to less than any
exception made for them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _, ngettext

_providers: list = []


@dataclass(frozen=True)
class LearnerPolicy:
    """The effective settings of one quiz for one learner.

    `time_limit` None means untimed; `attempts_allowed` 0 means unlimited; `closes_at` None means the learner's
    answers never stop counting. `multiplier`, `untimed` and `extra_attempts` say why (the learner's own start page
    reads them); `fewer_wrong` is how many wrong options single-choice questions hide, frozen at start.
    """

    time_limit: timedelta | None
    attempts_allowed: int
    closes_at: datetime | None = None
    fewer_wrong: int = 0
    multiplier: Decimal = Decimal(1)
    untimed: bool = False
    extra_attempts: int = 0
    # A provider's own dates for this learner (an override's) hold a class-only quiz open for them now, though the
    # class's assignment is not (yet, or any more) open.
    open_for_learner: bool = False

    @classmethod
    def of_quiz(cls, quiz, *, learner, now) -> LearnerPolicy:
        return cls(time_limit=quiz.time_limit, attempts_allowed=quiz.attempts_allowed,
                   closes_at=quiz.closing_for(learner, now))

    def accommodated(self, *, multiplier: Decimal = Decimal(1), untimed: bool = False, extra_attempts: int = 0,
                     fewer_wrong: int = 0) -> LearnerPolicy:
        """This policy with a learner's accommodations applied on top (extra attempts add to a limited number)."""
        limit = None if untimed or self.time_limit is None else self.time_limit * float(multiplier)
        if limit is not None:
            limit = timedelta(seconds=round(limit.total_seconds()))
        attempts = self.attempts_allowed + extra_attempts if self.attempts_allowed else 0
        return replace(self, time_limit=limit, attempts_allowed=attempts,
                       fewer_wrong=max(self.fewer_wrong, fewer_wrong), multiplier=max(self.multiplier, multiplier),
                       untimed=self.untimed or (untimed and self.time_limit is not None),
                       extra_attempts=max(self.extra_attempts, extra_attempts if self.attempts_allowed else 0))

    def deadline(self, started_at: datetime) -> datetime | None:
        """When an attempt started at `started_at` must be submitted: its time limit, or the close, if sooner."""
        ends = [when for when in (started_at + self.time_limit if self.time_limit else None, self.closes_at) if when]
        return min(ends) if ends else None

    def notes(self) -> list[str]:
        """What the learner is told about their own accommodations, in the active language."""
        notes = []
        if self.untimed:
            notes.append(_("You have no time limit on this quiz."))
        elif self.multiplier != 1 and self.time_limit:
            notes.append(_("You have %(multiplier)s× the time.") % {"multiplier": f"{self.multiplier.normalize():f}"})
        if self.extra_attempts:
            notes.append(ngettext("You have %(count)d extra attempt.", "You have %(count)d extra attempts.",
                                  self.extra_attempts) % {"count": self.extra_attempts})
        if self.fewer_wrong:
            notes.append(ngettext("Single-choice questions show you %(count)d fewer wrong option.",
                                  "Single-choice questions show you %(count)d fewer wrong options.",
                                  self.fewer_wrong) % {"count": self.fewer_wrong})
        return notes


def _later(a, b):
    return None if a is None or b is None else max(a, b)


def most_generous(policies) -> LearnerPolicy:
    """Combine `policies` setting by setting, keeping for each the most generous value (see the module's note)."""
    policies = list(policies)
    first = policies[0]
    combined = first
    for policy in policies[1:]:
        combined = LearnerPolicy(
            time_limit=_later(combined.time_limit, policy.time_limit),
            attempts_allowed=0 if 0 in (combined.attempts_allowed, policy.attempts_allowed)
            else max(combined.attempts_allowed, policy.attempts_allowed),
            closes_at=_later(combined.closes_at, policy.closes_at),
            fewer_wrong=max(combined.fewer_wrong, policy.fewer_wrong),
            multiplier=max(combined.multiplier, policy.multiplier),
            untimed=combined.untimed or policy.untimed,
            extra_attempts=max(combined.extra_attempts, policy.extra_attempts),
            open_for_learner=combined.open_for_learner or policy.open_for_learner,
        )
    return combined


def register(provider):
    """Add a provider (called from an AppConfig.ready(); registering the same function twice is harmless)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def policy_for(*, quiz, learner, now) -> LearnerPolicy:
    """The effective settings of `quiz` for `learner` at `now`: the quiz's own, unless a provider grants more."""
    base = LearnerPolicy.of_quiz(quiz, learner=learner, now=now)
    granted = [policy for provider in _providers for policy in provider(quiz=quiz, learner=learner, now=now, base=base)]
    return most_generous(granted) if granted else base
