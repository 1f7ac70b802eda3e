"""Attempts: a learner's go at a quiz. Starting one freezes its questions (as question versions), their order
and each question's option order; every response is kept on the slot and logged as a step."""

import math
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from quizzes import definitions as defs
from quizzes.models.prepared import PreparedRead
from quizzes.models.version import QuestionVersion
from quizzes.question_types import registry
from quizzes.states import SlotState, state_of

# Answers may arrive this long after the deadline (network latency, a slow phone) and still count. It is a
# network allowance, not the quiz's grace period (Quiz.grace_period): see Attempt.is_overdue.
DEADLINE_GRACE = timedelta(seconds=30)


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    FINISHED = "finished", _("finished")
    # Moodle's "abandoned": not submitted before the time ran out, under a quiz whose overdue handling says such
    # an attempt does not count. It counts as an attempt used, never as a grade.
    ABANDONED = "abandoned", _("not submitted in time")
    # Drawn ahead of a scheduled opening (`attempts_prepare`, Moodle 5.0's pre-created attempts): its questions and
    # orders are frozen, but the learner has not started it and cannot see it; starting only flips its state.
    PREPARED = "prepared", _("drawn ahead of the opening")


class AttemptQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(state=AttemptState.FINISHED)

    def in_progress(self):
        return self.filter(state=AttemptState.IN_PROGRESS)

    def overdue(self, now):
        """Attempts in progress past their deadline and the network allowance: the ones that may need closing
        (those in a quiz's grace period too, which `Attempt.is_overdue` tells apart)."""
        return self.in_progress().filter(deadline__lt=now - DEADLINE_GRACE)

    def of(self, learner):
        """The learner's attempts, as they may see them: not one drawn ahead of an opening that they have not
        started (its questions stay unknown to them until they start)."""
        return self.filter(learner=learner).exclude(state=AttemptState.PREPARED)

    def started(self):
        """Attempts a learner started (in progress, finished, abandoned): they count against the attempts allowed."""
        return self.exclude(state=AttemptState.PREPARED)


class Attempt(models.Model):
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz"))
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("learner")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(_("state"), max_length=11, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS)
    language = models.CharField(_("language"), max_length=5, default="ar")
    seed = models.BigIntegerField(_("shuffle seed"), default=0)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    finished_automatically = models.BooleanField(_("finished when time ran out"), default=False)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=3, default=Decimal(0))
    # Played in a live game (games/): the game's answers, recorded as a finished attempt when the game ended.
    from_live_game = models.BooleanField(_("played in a live game"), default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["quiz", "learner", "number"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "learner", "number"], name="attempt_number_unique"),
            models.UniqueConstraint(
                fields=["quiz", "learner"], condition=Q(state="in_progress"), name="one_attempt_in_progress"
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="attempt_state_deadline")]

    @classmethod
    def of_learner_with_quiz(cls, learner, pk: int) -> "Attempt | None":
        """The learner's attempt `pk` with its quiz, as `Attempt.objects.of(learner).select_related("quiz")` gives
        it, or None. Every request of an attempt (its page, each answer save, the submit) reads it: a prepared
        read, whose SQL is compiled once (quizzes/models/prepared.py)."""
        return _LEARNERS_ATTEMPT.first(learner_id=learner.pk, pk=pk)

    @classmethod
    def of_learner_at_quiz(cls, learner, quiz_id: int) -> list["Attempt"]:
        """The learner's attempts at a quiz, in order, as `Attempt.objects.of(learner).filter(quiz=…)` gives them:
        the start page and the review read them (a prepared read)."""
        return _LEARNERS_QUIZ_ATTEMPTS.read(learner_id=learner.pk, quiz_id=quiz_id)

    def slot_list(self, *, versions: bool = True) -> list["AttemptQuestion"]:
        """The attempt's slots in order, as `attempt.slots.all()` gives them (each knows this attempt), through a
        prepared read, each with its question's type read with it.

        `versions`: put their question versions in this process's cache now (one query for those it lacks).
        Without, a page that may need no version (its questions' HTML from the cache) reads none: the first slot
        asked for its definition reads every missing one of the list at once, never one by one."""
        slots = _ATTEMPT_SLOTS.read(attempt_id=self.pk)
        version_ids = frozenset(slot.version_id for slot in slots)
        for slot in slots:
            slot.attempt = self
            slot._listed_versions = version_ids
        if slots and versions:
            QuestionVersion.cached(version_ids)
        return slots

    def __str__(self) -> str:
        return f"{self.quiz} — {self.learner} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state == AttemptState.FINISHED

    @property
    def is_in_progress(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    @property
    def is_abandoned(self) -> bool:
        return self.state == AttemptState.ABANDONED

    # --- time: the server's clock decides (Moodle's handle_if_time_expired) ------------------------------
    @property
    def submit_by(self):
        """The last moment the learner may submit: the deadline, or the deadline and the quiz's grace period.
        None without a deadline."""
        from quizzes.models.quiz import OverdueHandling

        if self.deadline is None:
            return None
        if self.quiz.overdue_handling == OverdueHandling.GRACE_PERIOD:
            return self.deadline + self.quiz.grace_period
        return self.deadline

    def is_overdue(self, now, allowance: timedelta = DEADLINE_GRACE) -> bool:
        """In progress and past the moment to submit, and past `allowance` after it: the attempt must be closed
        as the quiz's overdue handling says. Requests that may have been sent in time (an answer, a submit, cron)
        allow DEADLINE_GRACE; opening a page allows nothing (nothing of that page is in flight)."""
        return self.is_in_progress and self.submit_by is not None and now > self.submit_by + allowance

    def in_grace_period(self, now) -> bool:
        """Time is up but the quiz's grace period is not: the learner may submit, not change answers."""
        return (self.is_in_progress and self.deadline is not None and now > self.deadline
                and not self.is_overdue(now, allowance=timedelta(0)))

    def accepts_answers(self, now) -> bool:
        return self.is_in_progress and (self.deadline is None or now <= self.deadline + DEADLINE_GRACE)

    @property
    def needs_grading(self) -> bool:
        """Finished with an essay still waiting for a teacher's mark: the score is None until the last one is
        graded (Moodle's sumgrades NULL), and every grade shows "needs grading" instead of a number."""
        return self.is_finished and self.score is None

    @property
    def percent(self) -> Decimal | None:
        if self.score is None or not self.max_score:
            return None
        return (self.score * 100 / self.max_score).quantize(Decimal("0.1"))

    def seconds_left(self, now) -> int | None:
        """Whole seconds to the deadline, rounded up (a countdown reaching zero is never early), or to the end of
        the grace period once the deadline has passed; None without a deadline."""
        if self.deadline is None:
            return None
        end = self.submit_by if self.in_grace_period(now) else self.deadline
        return max(0, math.ceil((end - now).total_seconds()))


class AttemptQuestionQuerySet(models.QuerySet):
    def _fetch_all(self):
        """Fetch the slots, then their question versions: from this process's cache, or in one more query for
        those it lacks (so a list of slots never reads its versions one by one)."""
        had = self._result_cache is not None
        super()._fetch_all()
        if not had and self._result_cache and isinstance(self._result_cache[0], AttemptQuestion):
            QuestionVersion.cached({slot.version_id for slot in self._result_cache})


class AttemptQuestion(models.Model):
    """One question of an attempt: the version of the question it asks, its option order, and the learner's
    response."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="slots", verbose_name=_("attempt"))
    position = models.PositiveSmallIntegerField(_("position"))
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="attempt_slots",
        verbose_name=_("question"),
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=Decimal(1))
    # The question exactly as it was asked: shared with every other attempt that asked the same version.
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="slots",
                                verbose_name=_("question version"))
    order = models.JSONField(_("option order"), default=dict)
    response = models.JSONField(_("response"), null=True, blank=True)
    fraction = models.DecimalField(_("fraction"), max_digits=8, decimal_places=7, null=True, blank=True)
    tries = models.PositiveSmallIntegerField(_("checks"), default=0)
    is_locked = models.BooleanField(_("locked"), default=False)
    answered_in = models.CharField(_("answered in"), max_length=5, blank=True)
    switched_language = models.BooleanField(_("looked at the other language"), default=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Certainty-based marking: how sure the learner said they were (1 not very, 2 fairly, 3 very); None elsewhere.
    certainty = models.PositiveSmallIntegerField(_("certainty"), null=True, blank=True,
                                                 choices=[(1, "1"), (2, "2"), (3, "3")])
    # Manual grading (an essay): the teacher's comment, who graded and when; the mark is `fraction`.
    comment = models.TextField(_("teacher's comment"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("graded by"),
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    # Bumped by every UPDATE that changes what the slot shows (a save, a check, grading): the rendered
    # question is cached under it (quizzes.rendering).
    revision = models.PositiveIntegerField(_("revision"), default=0)

    objects = AttemptQuestionQuerySet.as_manager()

    class Meta:
        # The column, not the relation: ordering by "attempt" would join the attempt and its quiz to sort by
        # their own orderings, in every query of an attempt's slots.
        ordering = ["attempt_id", "position"]
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="attempt_position_unique")]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.position}"

    @property
    def question_version(self) -> QuestionVersion:
        """The slot's version, from this process's cache (`version` would read it again from the database); when
        the cache lacks it, with those of the slots read with it (`Attempt.slot_list`) in the same query."""
        if "version" in self._state.fields_cache:
            return self.version
        version = QuestionVersion.held(self.version_id)
        if version is None:
            listed = getattr(self, "_listed_versions", frozenset())
            version = QuestionVersion.cached(listed | {self.version_id})[self.version_id]
        return version

    @property
    def definition(self) -> defs.QuestionDef:
        """The question as it was asked, shared with every slot of the same version: read it, never change it."""
        return self.question_version.parsed

    @property
    def snapshot(self) -> dict:
        """The question as it was asked, as JSON (the version's)."""
        return self.question_version.definition

    @property
    def question_type(self):
        qtype = self.__dict__.get("version_qtype")  # read with the slot (Attempt.slot_list): no version needed
        return registry.get(qtype if qtype is not None else self.question_version.qtype)

    @property
    def state(self) -> SlotState:
        """Right, partly right, wrong (from the fraction, in one place), or answered / not answered, or needs
        grading (an answered essay of a submitted attempt that no teacher has graded yet)."""
        return state_of(fraction=self.fraction, answered=self.is_answered, needs_grading=self.needs_grading)

    @property
    def needs_grading(self) -> bool:
        return (self.is_locked and self.fraction is None and self.question_type.needs_manual_grading
                and self.is_answered)

    @cached_property
    def number(self) -> int | None:
        """The question's number as learners read it, or None for a description (not numbered; the questions
        after it keep their numbers). `number_slots` sets it for a list of slots without a query."""
        if not self.question_type.is_graded:
            return None
        ungraded = [qtype.name for qtype in registry.all() if not qtype.is_graded]
        before = AttemptQuestion.objects.filter(attempt_id=self.attempt_id, position__lt=self.position)
        return before.exclude(version__qtype__in=ungraded).count() + 1 if ungraded else self.position + 1

    @property
    def is_answered(self) -> bool:
        return self.question_type.is_answered(self.response)

    @property
    def points_display(self) -> str:
        return format(self.points.normalize(), "f")

    @property
    def points_plural(self) -> int:
        """The number that chooses the plural form of "points" (fractional points read as "other")."""
        return int(self.points) if self.points == int(self.points) else 100

    @property
    def mark(self) -> Decimal | None:
        if self.fraction is None:
            return None
        return (self.fraction * self.points).quantize(Decimal("0.001"))


def number_slots(slots) -> list[AttemptQuestion]:
    """Give each of an attempt's slots (all of them, in position order) its `number`: descriptions are not
    numbered and the questions after one keep counting from the question before it."""
    number = 0
    for slot in slots:
        if slot.question_type.is_graded:
            number += 1
            slot.number = number
        else:
            slot.number = None
    return slots


_LEARNERS_ATTEMPT = PreparedRead(
    lambda learner_id, pk: Attempt.objects.of(learner_id).select_related("quiz").filter(pk=pk).order_by(),
    learner_id=int, pk=int)
_LEARNERS_QUIZ_ATTEMPTS = PreparedRead(
    lambda learner_id, quiz_id: Attempt.objects.of(learner_id).filter(quiz_id=quiz_id).order_by("number"),
    learner_id=int, quiz_id=int)
_ATTEMPT_SLOTS = PreparedRead(
    lambda attempt_id: AttemptQuestion.objects.filter(attempt_id=attempt_id).annotate(
        version_qtype=models.F("version__qtype")), attempt_id=int)


class StepAction(models.TextChoices):
    SAVE = "save", _("saved")
    CHECK = "check", _("checked")
    FINISH = "finish", _("graded at the end")
    MANUAL = "manual", _("graded by a teacher")


class AttemptStep(models.Model):
    """The log of an attempt question: every save and check, in order (Moodle's question_attempt_steps)."""

    slot = models.ForeignKey(AttemptQuestion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("question"))
    action = models.CharField(_("action"), max_length=6, choices=StepAction.choices)
    response = models.JSONField(_("response"), null=True, blank=True)
    fraction = models.DecimalField(_("fraction"), max_digits=8, decimal_places=7, null=True, blank=True)
    created_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["slot_id", "created_at", "pk"]  # the column: no join to the slot's own ordering
        verbose_name = _("attempt step")
        verbose_name_plural = _("attempt steps")

    def __str__(self) -> str:
        return f"{self.slot} {self.action}"
