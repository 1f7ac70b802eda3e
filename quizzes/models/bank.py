from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilingual.completeness import BilingualModel, BilingualQuerySet, in_active_language


class QuestionBankQuerySet(BilingualQuerySet):
    def visible_to(self, user):
        """Banks a user may read: their own and shared ones (a superuser reads all)."""
        if user.is_superuser:
            return self
        return self.filter(Q(owner=user) | Q(is_shared=True))

    def editable_by(self, user):
        """Banks a user may change: their own (a superuser changes all)."""
        if user.is_superuser:
            return self
        return self.filter(owner=user)


class QuestionBank(BilingualModel):
    """A teacher's collection of questions, private or shared with other teachers."""

    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="question_banks", verbose_name=_("owner")
    )
    is_shared = models.BooleanField(
        _("shared"), default=False, help_text=_("Other teachers can read and use the questions of a shared bank.")
    )
    topic = models.ForeignKey(
        "history.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question_banks",
        verbose_name=_("topic"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionBankQuerySet.as_manager()

    BILINGUAL_REQUIRED = ("title",)

    class Meta:
        ordering = ["title_ar", "pk"]
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self) -> str:
        return in_active_language(self, "title") or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("admin:quizzes_questionbank_change", args=[self.pk])

    def clean(self) -> None:
        self.clean_bilingual(publishing=False)


class Tag(models.Model):
    """A free label on questions ("category:Sub/Path" tags come from Moodle categories)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name
