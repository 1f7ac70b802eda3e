"""Spaced review cards (scheduled with the fsrs package) and each learner's review bookkeeping."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The fsrs card state is stored as fsrs's own dict; this version says which shape it has, so a later
# fsrs release that changes the shape can be migrated card by card.
FSRS_STATE_VERSION = 6


class ReviewCardQuerySet(models.QuerySet):
    def of(self, learner):
        return self.filter(learner=learner)

    def due(self, now):
        return self.filter(due__lte=now)


class ReviewCard(models.Model):
    """A question a learner has answered, to be asked again when fsrs says it is due."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards", verbose_name=_("learner")
    )
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="review_cards", verbose_name=_("question")
    )
    state = models.JSONField(_("fsrs card state"))
    state_version = models.PositiveSmallIntegerField(_("fsrs state version"), default=FSRS_STATE_VERSION)
    due = models.DateTimeField(_("due"), db_index=True)
    last_review = models.DateTimeField(_("last review"), null=True, blank=True)
    reviews = models.PositiveIntegerField(_("reviews"), default=0)
    lapses = models.PositiveIntegerField(_("forgotten"), default=0)

    objects = ReviewCardQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("review card")
        verbose_name_plural = _("review cards")
        constraints = [models.UniqueConstraint(fields=["learner", "question"], name="one_card_per_question")]
        indexes = [models.Index(fields=["learner", "due"], name="card_learner_due")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.question_id}"


class ReviewProgress(models.Model):
    """A learner's review bookkeeping; syncing their cards locks this row, so two syncs never interleave."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_progress", verbose_name=_("learner")
    )

    class Meta:
        verbose_name = _("review progress")
        verbose_name_plural = _("review progress")

    def __str__(self) -> str:
        return str(self.learner)


class SyncedAttempt(models.Model):
    """A finished attempt whose answers are in its learner's review cards (see progress.services)."""

    attempt = models.OneToOneField(
        "quizzes.Attempt", on_delete=models.CASCADE, primary_key=True, related_name="review_sync",
        verbose_name=_("attempt"),
    )

    class Meta:
        verbose_name = _("attempt in the review cards")
        verbose_name_plural = _("attempts in the review cards")

    def __str__(self) -> str:
        return str(self.attempt_id)
