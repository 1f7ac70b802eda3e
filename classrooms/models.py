"""Classes a teacher runs: who belongs to them (learners join with a short code) and which quizzes
are assigned to them, with open, due and close times.

An assignment's status for a learner is never stored: it is computed from the learner's attempts at
the quiz, so it is always consistent with them (a learner who leaves and rejoins finds their work).
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, ngettext

from bilingual.folding import normalise
from quizzes.models import Attempt, GradingMethod
from quizzes.services.attempts import quiz_grade

# Six characters from an alphabet without look-alikes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
# 25 symbols ** 6 = about 244 million codes, so collisions are rare and retried.
JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6


def join_code_generate() -> str:
    """Return a random join code (not checked for uniqueness)."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def join_code_clean(typed: str) -> str:
    """Return the code a learner typed in its stored form.

    Case, spaces, dashes and other separators are ignored, and Arabic-Indic digits (typed on an
    Arabic keyboard) become ASCII digits: "acd-e٣٤" means "ACDE34".
    """
    folded = normalise(typed or "")
    return "".join(character for character in folded if character.isalnum()).upper()


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, teacher):
        return self.filter(teacher=teacher)

    def visible_to(self, user):
        """Classes whose pages, gradebook and exports `user` may open (the admin uses it too)."""
        if user.is_superuser:
            return self
        return self.filter(teacher=user)

    def editable_by(self, user):
        return self.visible_to(user)

    def active(self):
        return self.filter(archived=False)

    def joined_by(self, learner):
        return self.filter(memberships__learner=learner)


class Classroom(models.Model):
    # Written by the teacher in whatever language they teach in; not translated.
    name = models.CharField(_("name"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="classrooms_taught",
        verbose_name=_("teacher"),
    )
    join_code = models.CharField(_("join code"), max_length=JOIN_CODE_LENGTH, unique=True, editable=False)
    code_expires_at = models.DateTimeField(
        _("code expires"), null=True, blank=True,
        help_text=_("After this time the join code no longer works. Leave empty to keep it working."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    archived = models.BooleanField(
        _("archived"), default=False, help_text=_("An archived class takes no new learners and is hidden from them.")
    )

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["archived", "-created_at", "pk"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("classrooms:detail", kwargs={"pk": self.pk})

    def get_join_url(self) -> str:
        return reverse("classrooms:join_link", kwargs={"code": self.join_code})

    def code_has_expired(self, now) -> bool:
        return self.code_expires_at is not None and now >= self.code_expires_at


class Membership(models.Model):
    """A learner in a class. Removing a learner deletes the membership; their attempts stay."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("class")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships",
        verbose_name=_("learner"),
    )
    joined_at = models.DateTimeField(_("joined"))
    # Set when the teacher made the learner's account for this class (classrooms/class_accounts.py): the class's
    # teacher may then reset its password. Empty for a learner who signed up and joined with the code.
    account_created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("account created by"), editable=False,
    )

    class Meta:
        ordering = ["classroom", "joined_at", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [models.UniqueConstraint(fields=["classroom", "learner"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.classroom}"


class AssignmentStatus(models.TextChoices):
    TO_DO = "to_do", _("to do")
    DONE = "done", _("done")
    LATE = "late", _("late")
    MISSED = "missed", _("missed")


@dataclass(frozen=True)
class AssignmentResult:
    """Where one learner stands on one assignment."""

    status: AssignmentStatus
    percent: Decimal | None = None
    passed: bool | None = None
    # The attempt whose review the grade links to (the one the grading method picks).
    attempt_id: int | None = None
    attempts: int = 0
    submitted_at: datetime | None = None
    overdue: bool = False
    # Finished attempts submitted outside the assignment's dates: they exist, but do not count for it.
    uncounted: int = 0
    # The grade waits for a teacher to grade an essay (percent is None until then).
    needs_grading: bool = False

    @property
    def is_late(self) -> bool:
        return self.status == AssignmentStatus.LATE


class AssignmentQuerySet(models.QuerySet):
    def open_at(self, now):
        return self.filter(opens_at__lte=now).filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))


class Assignment(models.Model):
    """A quiz put to a class.

    Status rules, for one learner at time `now`:

    - An attempt *counts* for the assignment when it is finished between `opens_at` and `closes_at`
      (inclusive; no `closes_at` means no end). Its time is when it was submitted; an attempt that
      was finished automatically after its time ran out counts at its deadline, not when the
      server got round to closing it.
    - **done**: a counted attempt was submitted at or before `due_at`;
    - **late**: counted attempts exist, all submitted after `due_at` (flagged, and graded as usual);
    - **missed**: no counted attempt and the assignment has closed (`now >= closes_at`);
    - **to do** otherwise. Without `closes_at` late work is accepted for ever, so nothing is ever
      missed: a learner past `due_at` stays "to do", with `overdue` set.

    The grade is the quiz's grading method (highest, average, first, last) over counted attempts.
    """

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("class")
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("quiz")
    )
    opens_at = models.DateTimeField(_("opens"))
    due_at = models.DateTimeField(_("due"))
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True,
        help_text=_("Work submitted after the due time and before this one counts, marked late. "
                    "Leave empty to accept late work at any time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(condition=Q(due_at__gt=F("opens_at")), name="assignment_due_after_open"),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gte=F("due_at")),
                name="assignment_closes_after_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.classroom}"

    def clean(self) -> None:
        errors = {}
        if self.opens_at and self.due_at and self.due_at <= self.opens_at:
            errors["due_at"] = ValidationError(_("The due time must come after the opening time."), code="dates")
        if self.closes_at and self.due_at and self.closes_at < self.due_at:
            errors["closes_at"] = ValidationError(
                _("The closing time cannot come before the due time."), code="dates"
            )
        if errors:
            raise ValidationError(errors)

    # --- predicates ------------------------------------------------------------------------------
    def has_opened(self, now) -> bool:
        return now >= self.opens_at

    def has_closed(self, now) -> bool:
        return self.closes_at is not None and now >= self.closes_at

    # --- status ----------------------------------------------------------------------------------
    def counts(self, submitted_at) -> bool:
        return self.opens_at <= submitted_at and (self.closes_at is None or submitted_at <= self.closes_at)

    def result_from(self, attempts, now) -> AssignmentResult:
        """Return the result of one learner given their attempts at the quiz (in any state)."""
        finished = [a for a in attempts if a.is_finished]
        counted = [a for a in finished if self.counts(submitted_at(a))]
        uncounted = len(finished) - len(counted)
        if not counted:
            closed = self.has_closed(now)
            return AssignmentResult(
                status=AssignmentStatus.MISSED if closed else AssignmentStatus.TO_DO,
                overdue=not closed and now > self.due_at,
                uncounted=uncounted,
            )
        counted.sort(key=lambda a: a.number)
        first = min(submitted_at(a) for a in counted)
        grade = quiz_grade(quiz=self.quiz, attempts=counted)
        return AssignmentResult(
            status=AssignmentStatus.DONE if first <= self.due_at else AssignmentStatus.LATE,
            percent=grade.percent,
            passed=grade.passed,
            needs_grading=grade.needs_grading,
            attempt_id=graded_attempt(self.quiz.grading_method, counted).pk,
            attempts=len(counted),
            submitted_at=first,
            uncounted=uncounted,
        )

    def for_learner(self, overrides) -> Assignment:
        """This assignment with the dates `overrides` (the learner's) give them: per date, the most generous of the
        overrides that set it (the earliest opening, the latest due and close); unchanged without overrides."""
        overrides = list(overrides)
        if not overrides:
            return self
        personal = copy.copy(self)
        opens = [o.opens_at for o in overrides if o.opens_at]
        due = [o.due_at for o in overrides if o.due_at]
        closes = [o.closes_at for o in overrides if o.closes_at]
        if opens:
            personal.opens_at = min(opens)
        if due:
            personal.due_at = max(due)
        if closes:
            personal.closes_at = max(closes)
        return personal

    def result_for(self, learner, now) -> AssignmentResult:
        personal = self.for_learner(self.overrides.filter(learners=learner))
        return personal.result_from(list(Attempt.objects.finished().filter(quiz_id=self.quiz_id, learner=learner)), now)

    def status_for(self, learner, now) -> AssignmentStatus:
        return self.result_for(learner, now).status


def submitted_at(attempt) -> datetime:
    """When a finished attempt's answers were final (its deadline, if it was closed late for being overdue)."""
    if attempt.finished_automatically and attempt.deadline is not None:
        return min(attempt.finished_at, attempt.deadline)
    return attempt.finished_at


def graded_attempt(method: str, attempts):
    """The attempt a grade comes from under `method`; for an average, the latest one."""
    if method == GradingMethod.HIGHEST:
        # The first of the best, as Moodle does.
        return max(attempts, key=lambda a: (a.percent if a.percent is not None else Decimal(-1), -a.number))
    if method == GradingMethod.FIRST:
        return attempts[0]
    return attempts[-1]


def assignment_results(*, assignments, learner_ids, now) -> dict[tuple[int, int], AssignmentResult]:
    """Results for every learner × assignment, keyed by (learner id, assignment id), from two queries (the
    attempts, and the overrides that move a learner's dates).

    `assignments` should come with their quiz (select_related) so that no query runs per assignment.
    """
    assignments, learner_ids = list(assignments), list(learner_ids)
    if not assignments or not learner_ids:
        return {}
    attempts = (
        Attempt.objects.finished()
        .filter(quiz_id__in={a.quiz_id for a in assignments}, learner_id__in=learner_ids)
        .only("id", "quiz_id", "learner_id", "number", "state", "finished_at", "deadline",
              "finished_automatically", "score", "max_score")
        .order_by("number")
    )
    overrides: dict[tuple[int, int], list] = {}
    through = AssignmentOverride.learners.through.objects.filter(
        assignmentoverride__assignment_id__in=[a.pk for a in assignments], user_id__in=learner_ids,
    ).select_related("assignmentoverride")
    for row in through:
        overrides.setdefault((row.user_id, row.assignmentoverride.assignment_id), []).append(row.assignmentoverride)
    by_learner_quiz: dict[tuple[int, int], list] = {}
    for attempt in attempts:
        by_learner_quiz.setdefault((attempt.learner_id, attempt.quiz_id), []).append(attempt)
    results = {}
    for learner_id in learner_ids:
        for assignment in assignments:
            personal = assignment.for_learner(overrides.get((learner_id, assignment.pk), ()))
            results[learner_id, assignment.pk] = personal.result_from(
                by_learner_quiz.get((learner_id, assignment.quiz_id), []), now
            )
    return results


# --- accommodations and overrides ----------------------------------------------------------------
class TimeMultiplier(models.TextChoices):
    NONE = "1", _("no extra time")
    QUARTER = "1.25", _("1.25× the time")
    HALF = "1.5", _("1.5× the time")
    DOUBLE = "2", _("2× the time")
    UNTIMED = "untimed", _("untimed")


class Accommodation(models.Model):
    """What one learner of a class needs on every quiz assigned to it (Canvas's course-wide accommodations).

    Only the class's teacher sees it; the learner is told their own on the quiz's start page.
    """

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="accommodation", verbose_name=_("member")
    )
    time_multiplier = models.CharField(
        _("time"), max_length=7, choices=TimeMultiplier.choices, default=TimeMultiplier.NONE
    )
    extra_attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=0, validators=[MaxValueValidator(20)],
        help_text=_("Added to quizzes that limit attempts."),
    )
    fewer_choices = models.PositiveSmallIntegerField(
        _("fewer wrong options"), default=0, validators=[MaxValueValidator(5)],
        help_text=_("Single-choice questions hide this many wrong options (the right one always stays)."),
    )
    fair_scoring = models.BooleanField(
        _("fair scoring in live games"), default=False,
        help_text=_("Points for right answers only, however fast, even when the game scores speed."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")

    def __str__(self) -> str:
        return str(self.membership)

    @property
    def untimed(self) -> bool:
        return self.time_multiplier == TimeMultiplier.UNTIMED

    @property
    def multiplier(self) -> Decimal:
        return Decimal(1) if self.untimed else Decimal(self.time_multiplier)

    @property
    def is_empty(self) -> bool:
        return (self.time_multiplier == TimeMultiplier.NONE and not self.extra_attempts and not self.fewer_choices
                and not self.fair_scoring)

    def labels(self) -> list[str]:
        """Short words for the teacher's badge: "1.5× the time", "2 extra attempts"…"""
        labels = [] if self.time_multiplier == TimeMultiplier.NONE else [str(self.get_time_multiplier_display())]
        if self.extra_attempts:
            labels.append(ngettext("%(count)d extra attempt", "%(count)d extra attempts", self.extra_attempts)
                          % {"count": self.extra_attempts})
        if self.fewer_choices:
            labels.append(ngettext("%(count)d fewer option", "%(count)d fewer options", self.fewer_choices)
                          % {"count": self.fewer_choices})
        if self.fair_scoring:
            labels.append(str(_("fair scoring")))
        return labels

    def applied_to(self, policy):
        return policy.accommodated(multiplier=self.multiplier, untimed=self.untimed,
                                   extra_attempts=self.extra_attempts, fewer_wrong=self.fewer_choices)


class AssignmentOverride(models.Model):
    """An exception to one assignment for one learner or several (Moodle's user and group overrides).

    Each setting is optional: empty keeps the assignment's (or the quiz's). When several overrides name a learner,
    the most generous value of each setting wins (quizzes/policies.py).
    """

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("assignment")
    )
    learners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("learners"))
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    time_limit = models.DurationField(_("time limit"), null=True, blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("0 means unlimited.")
    )
    # Seen by the class's teacher only: never on a learner's page.
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["assignment", "created_at", "pk"]
        verbose_name = _("override")
        verbose_name_plural = _("overrides")

    def __str__(self) -> str:
        return f"{self.assignment} · {self.pk}"

    def clean(self) -> None:
        if self.time_limit is not None and self.time_limit <= timedelta(0):
            raise ValidationError({"time_limit": ValidationError(_("The time limit must be positive."),
                                                                 code="time_limit")})
        opens = self.opens_at or (self.assignment.opens_at if self.assignment_id else None)
        due = self.due_at or (self.assignment.due_at if self.assignment_id else None)
        closes = self.closes_at or (self.assignment.closes_at if self.assignment_id else None)
        if opens and due and due <= opens:
            raise ValidationError({"due_at": ValidationError(_("The due time must come after the opening time."),
                                                             code="dates")})
        if closes and due and closes < due:
            raise ValidationError({"closes_at": ValidationError(
                _("The closing time cannot come before the due time."), code="dates")})

    @property
    def time_limit_minutes(self) -> int | None:
        return None if self.time_limit is None else round(self.time_limit.total_seconds() / 60)

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in
                   ("opens_at", "due_at", "closes_at", "time_limit", "attempts_allowed"))
