"""Questions and the answer rows each type uses (Moodle's question and question_answers, made explicit).

Answer rows carry a random `key`: attempts and forms name choices, items and pairs by it, never by the
primary key, whose order would give away the right order of an ordering or matching question.
"""

import secrets
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from bilingual.completeness import LANGUAGE_CODES, BilingualModel, BilingualQuerySet, in_active_language
from history.models import Event
from quizzes import definitions as defs
from quizzes.models.bank import QuestionBank, Tag
from quizzes.question_types import registry
from quizzes.question_types.base import hint_translation_errors

SNAPSHOT_CACHE_SECONDS = 24 * 3600


def new_key() -> str:
    return secrets.token_hex(4)


def question_type_choices():
    return registry.choices()


class QuestionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Difficulty(models.TextChoices):
    EASY = "easy", _("easy")
    MEDIUM = "medium", _("medium")
    HARD = "hard", _("hard")


class QuestionQuerySet(BilingualQuerySet):
    def published(self):
        return self.filter(status=QuestionStatus.PUBLISHED)

    # A question is as readable and as editable as its bank: the rules live on QuestionBankQuerySet.
    def visible_to(self, user):
        """Questions of the banks a user may read."""
        return self if user.is_superuser else self.filter(bank__in=QuestionBank.objects.visible_to(user))

    def editable_by(self, user):
        """Questions of the banks a user may change."""
        return self if user.is_superuser else self.filter(bank__in=QuestionBank.objects.editable_by(user))

    @staticmethod
    def missing_language_q(language: str) -> Q:
        """A condition true when the question text or any answer a learner reads lacks `language`."""
        blank = lambda column: Q(**{f"{column}__isnull": True}) | Q(**{column: ""})  # noqa: E731
        text = f"text_{language}"
        return (
            blank(text)
            | Exists(Choice.objects.filter(blank(text), question=OuterRef("pk")))
            | Exists(OrderingItem.objects.filter(blank(text), question=OuterRef("pk")))
            | Exists(GapChoice.objects.filter(blank(text), question=OuterRef("pk")))
            | Exists(QuestionHint.objects.filter(blank(text), question=OuterRef("pk")))
            | Exists(MatchingPair.objects.filter(blank(f"answer_{language}"), question=OuterRef("pk")))
            | Exists(
                MatchingPair.objects.filter(blank(f"prompt_{language}"), question=OuterRef("pk")).exclude(
                    **{f"prompt_{code}": "" for code in LANGUAGE_CODES}
                )
            )
        )

    def missing_language(self, language: str):
        return self.filter(self.missing_language_q(language))

    def translation_complete(self):
        complete = Q()
        for code in LANGUAGE_CODES:
            complete &= ~self.missing_language_q(code)
        return self.filter(complete)

    def with_translation_status(self):
        """Annotate `translation_done` (text and answers complete in both languages) in the same query."""
        complete = Q()
        for code in LANGUAGE_CODES:
            complete &= ~self.missing_language_q(code)
        return self.annotate(translation_done=ExpressionWrapper(complete, output_field=BooleanField()))

    def snapshots(self, pks: list[int]) -> dict[int, dict]:
        """Return {id: snapshot} (the question as JSON, as attempts freeze it) for the questions `pks`.

        A snapshot is cached under the question's id and `updated_at`, which every edit of the question or
        its answer rows changes (the admin saves the question with its inlines): an edited question is read
        afresh (`definitions`), an unchanged one costs no query of its own. Event slugs and tag names live in
        other tables, whose edits leave `updated_at` alone, so they are read fresh for every call (two short
        queries, which the questions read afresh share).
        """
        versions = dict(self.filter(pk__in=pks).order_by().values_list("pk", "updated_at"))  # no join for the ordering
        keys = {pk: f"question-snapshot:{pk}:{version.isoformat()}" for pk, version in versions.items()}
        cached = cache.get_many(keys.values())
        found = {pk: cached[key] for pk, key in keys.items() if key in cached}
        events, tags = self.labels(versions)
        missing = [pk for pk in versions if pk not in found]
        if missing:
            fresh = {}
            for question, definition in self.definitions(missing, events=events, tags=tags):
                snapshot = defs.to_json(definition)
                found[question.pk] = snapshot
                if question.updated_at == versions[question.pk]:  # not edited in between
                    fresh[keys[question.pk]] = snapshot
            cache.set_many(fresh, SNAPSHOT_CACHE_SECONDS)
        return {pk: {**snapshot, "events": events[pk], "tags": tags[pk]} for pk, snapshot in found.items()}

    @staticmethod
    def labels(pks) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
        """({id: event slugs}, {id: tag names}) of the questions `pks`, in each model's order: two queries."""
        events, tags = defaultdict(list), defaultdict(list)
        for pk, slug in Event.objects.filter(questions__in=pks).values_list("questions", "slug"):
            events[pk].append(slug)
        for pk, name in Tag.objects.filter(questions__in=pks).values_list("questions", "name"):
            tags[pk].append(name)
        return events, tags

    def definitions(self, pks, *, events=None, tags=None) -> list[tuple["Question", defs.QuestionDef]]:
        """(question, its `definition()`) for the questions `pks`: what `with_answers()` gives, read one kind of
        answer row at a time for all of them (one query each, eight in all with the questions; two more for the
        event slugs and tag names unless given, as `labels` reads them). Starting an attempt reads the questions
        it drew for the first time this way: Django's prefetch made a queryset per question and relation, which
        cost more than the queries (bench/FINDINGS.md, "The eleventh session")."""
        questions = list(self.filter(pk__in=pks).order_by())
        ids = [question.pk for question in questions]
        if events is None or tags is None:
            events, tags = self.labels(ids)
        rows = {}
        for kind in (*defs.ROW_KINDS, "hints"):
            by_question = rows[kind] = defaultdict(list)
            for row in Question._meta.get_field(kind).related_model.objects.filter(question_id__in=ids):
                by_question[row.question_id].append(row)
        return [(question, question.definition(rows={kind: rows[kind][question.pk] for kind in rows},
                                               events=events[question.pk], tags=tags[question.pk]))
                for question in questions]

    def versions(self, pks: list[int]) -> dict[int, "QuestionVersion"]:
        """Return {id: version} of the questions `pks` as they are now (`snapshots`), made where new: what an
        attempt freezes. An edited question gets its next version the first time an attempt asks it."""
        from quizzes.models.version import QuestionVersion

        snapshots = self.snapshots(pks)
        pks = list(snapshots)
        return dict(zip(pks, QuestionVersion.objects.of([(pk, snapshots[pk]) for pk in pks])))

    def with_answers(self):
        """Prefetch every answer row, so `definition()` runs no query of its own."""
        return self.prefetch_related(
            "choices", "accepted_answers", "numerical_answers", "pairs", "items", "gap_choices", "hints",
            Prefetch("tags", queryset=Tag.objects.only("name")),
            Prefetch("events", queryset=Event.objects.only("slug")),
        )


class Question(BilingualModel):
    bank = models.ForeignKey(
        "quizzes.QuestionBank", on_delete=models.CASCADE, related_name="questions", verbose_name=_("bank")
    )
    qtype = models.CharField(_("type"), max_length=40, choices=question_type_choices)
    name = models.CharField(
        _("name"), max_length=255, blank=True, help_text=_("A short name for teachers; learners do not see it.")
    )
    text = models.TextField(_("question text"), blank=True)
    general_feedback = models.TextField(
        _("general feedback"), blank=True, help_text=_("Shown to every learner after answering, right or wrong.")
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("The historical background, shown in the review.")
    )
    default_points = models.DecimalField(
        _("default points"), max_digits=6, decimal_places=2, default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    difficulty = models.CharField(_("difficulty"), max_length=6, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    status = models.CharField(_("status"), max_length=9, choices=QuestionStatus.choices, default=QuestionStatus.DRAFT)
    events = models.ManyToManyField("history.Event", blank=True, related_name="questions", verbose_name=_("events"))
    tags = models.ManyToManyField("quizzes.Tag", blank=True, related_name="questions", verbose_name=_("tags"))
    options = models.JSONField(_("options"), default=dict, blank=True)
    penalty = models.DecimalField(
        _("penalty for each wrong try"), max_digits=8, decimal_places=7, default=Decimal("0.3333333"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("In quizzes with several tries: the share of the points each extra try costs."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    BILINGUAL_REQUIRED = ("text",)

    class Meta:
        ordering = ["bank", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        # With the id, a random draw numbers a bank's published questions from the index alone
        # (an index-only scan in id order: 6 ms instead of 18 ms for 10,000 on PostgreSQL, no sort).
        indexes = [models.Index(fields=["bank", "status", "id"], name="question_bank_status_id")]

    def __str__(self) -> str:
        """The question's text in the active language (admin lists, the quiz builder's search, reports), or, when it
        has none yet, the other language's marked as such; the author's name for it when it has no text at all."""
        from quizzes.sanitize import html_to_text

        return in_active_language(self, "text", clean=html_to_text) or self.name[:80] or f"#{self.pk}"

    @property
    def question_type(self):
        return registry.get(self.qtype)

    @property
    def is_published(self) -> bool:
        return self.status == QuestionStatus.PUBLISHED

    def clean(self) -> None:
        self.clean_bilingual(publishing=self.is_published)

    def definition(self, *, rows: dict[str, list] | None = None, events: list[str] | None = None,
                   tags: list[str] | None = None) -> defs.QuestionDef:
        """Return this question as plain data (prefetch with `with_answers()` to avoid queries).

        `rows` ({relation: its rows}, the answer rows' kinds and "hints"), `events` (slugs) and `tags` (names),
        when given, are this question's, already read (`QuestionQuerySet.definitions`)."""
        def related(name: str) -> list:
            return rows[name] if rows is not None else getattr(self, name).all()

        return defs.QuestionDef(
            id=self.pk,
            qtype=self.qtype,
            name=self.name,
            text=translated(self, "text"),
            general_feedback=translated(self, "general_feedback"),
            explanation=translated(self, "explanation"),
            points=self.default_points,
            options=dict(self.options or {}),
            difficulty=self.difficulty,
            **{kind: [row.to_definition() for row in related(kind)] for kind in defs.ROW_KINDS},
            tags=list(tags) if tags is not None else [tag.name for tag in self.tags.all()],
            events=list(events) if events is not None else [event.slug for event in self.events.all()],
            hints=[translated(hint, "text") for hint in related("hints")],
            penalty=stored_fraction(self.penalty),
        )

    def validation_errors(self) -> list[ValidationError]:
        """Return what stops this question from being used (its type's rules, and both languages if published)."""
        definition = self.definition()
        errors = list(self.question_type.validate(definition))
        if self.is_published:
            errors += self.question_type.translation_errors(definition)
            errors += hint_translation_errors(definition.hints)
            errors += [error for messages in self.translation_errors().values() for error in messages]
        return errors


def stored_fraction(value: Decimal) -> Fraction:
    """Return a stored fraction as the exact one meant: 0.3333333 is a third, so three thirds make 1."""
    return Fraction(value).limit_denominator(1000)


def translated(obj, field: str) -> defs.Text:
    return {code: getattr(obj, f"{field}_{code}") or "" for code in LANGUAGE_CODES}


FRACTION_VALIDATORS = [MinValueValidator(Decimal(-1)), MaxValueValidator(Decimal(1))]


def decimal_of(fraction: Fraction) -> Decimal:
    """A fraction as stored (7 decimals): a third is 0.3333333, read back as a third by `stored_fraction`."""
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001"))


def text_fields(name: str, text: defs.Text) -> dict[str, str]:
    return {f"{name}_{code}": (text.get(code) or "") for code in LANGUAGE_CODES}


class AnswerRow(models.Model):
    """A shared answer row (Moodle's `question_answers`, one table per shape); a type names the shape it uses
    (`QuestionType.answer_rows`). Each shape converts itself to and from its plain `defs` row."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, verbose_name=_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    key = models.CharField(max_length=16, default=new_key, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def to_definition(self):
        raise NotImplementedError

    @classmethod
    def from_definition(cls, *, question, position: int, row):
        raise NotImplementedError


class GradedAnswerRow(AnswerRow):
    """An answer row that earns a share of the points and may carry feedback for whoever gives it."""

    fraction = models.DecimalField(
        _("fraction"), max_digits=8, decimal_places=7, default=Decimal(1),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta(AnswerRow.Meta):
        abstract = True


class Choice(GradedAnswerRow):
    """An option of a single-choice, multiple-response or true/false question."""

    text = models.CharField(_("text"), max_length=1000, blank=True)
    # Unlike other answers, a choice is wrong unless marked right, and a wrong pick may cost points.
    fraction = models.DecimalField(
        _("fraction"), max_digits=8, decimal_places=7, default=Decimal(0), validators=FRACTION_VALIDATORS,
        help_text=_("Share of the points this option gives: 1 is fully right, 0 is wrong, negative costs."),
    )

    class Meta(AnswerRow.Meta):
        default_related_name = "choices"
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text

    def to_definition(self) -> defs.ChoiceDef:
        return defs.ChoiceDef(text=translated(self, "text"), fraction=stored_fraction(self.fraction),
                              feedback=translated(self, "feedback"), key=self.key)

    @classmethod
    def from_definition(cls, *, question, position, row):
        return cls(question=question, position=position, fraction=decimal_of(row.fraction),
                   **text_fields("text", row.text), **text_fields("feedback", row.feedback))


class AcceptedAnswer(GradedAnswerRow):
    """An accepted short answer in Arabic, English or both; `*` is a wildcard."""

    text = models.CharField(_("accepted answer"), max_length=500, blank=True)

    class Meta(AnswerRow.Meta):
        default_related_name = "accepted_answers"
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")

    def __str__(self) -> str:
        return self.text

    def to_definition(self) -> defs.AcceptedAnswerDef:
        return defs.AcceptedAnswerDef(text=translated(self, "text"), fraction=stored_fraction(self.fraction),
                                      feedback=translated(self, "feedback"), key=self.key)

    @classmethod
    def from_definition(cls, *, question, position, row):
        return cls(question=question, position=position, fraction=decimal_of(row.fraction),
                   **text_fields("text", row.text), **text_fields("feedback", row.feedback))


class NumericalAnswer(GradedAnswerRow):
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=20, decimal_places=6, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))], help_text=_("Answers within ± this amount count."),
    )

    class Meta(AnswerRow.Meta):
        default_related_name = "numerical_answers"
        verbose_name = _("numerical answer")
        verbose_name_plural = _("numerical answers")

    def __str__(self) -> str:
        return f"{self.value} ± {self.tolerance}"

    def to_definition(self) -> defs.NumericalAnswerDef:
        return defs.NumericalAnswerDef(value=self.value, tolerance=self.tolerance,
                                       fraction=stored_fraction(self.fraction),
                                       feedback=translated(self, "feedback"), key=self.key)

    @classmethod
    def from_definition(cls, *, question, position, row):
        return cls(question=question, position=position, value=row.value, tolerance=row.tolerance,
                   fraction=decimal_of(row.fraction), **text_fields("feedback", row.feedback))


class MatchingPair(AnswerRow):
    """A prompt and its answer; leave the prompt empty to add a distractor answer."""

    prompt = models.CharField(_("prompt"), max_length=500, blank=True)
    answer = models.CharField(_("answer"), max_length=500, blank=True)
    answer_key = models.CharField(max_length=16, default=new_key, editable=False)

    class Meta(AnswerRow.Meta):
        default_related_name = "pairs"
        verbose_name = _("matching pair")
        verbose_name_plural = _("matching pairs")

    def __str__(self) -> str:
        return f"{self.prompt} → {self.answer}"

    def to_definition(self) -> defs.MatchingPairDef:
        return defs.MatchingPairDef(prompt=translated(self, "prompt"), answer=translated(self, "answer"),
                                    key=self.key, answer_key=self.answer_key)

    @classmethod
    def from_definition(cls, *, question, position, row):
        return cls(question=question, position=position, **text_fields("prompt", row.prompt),
                   **text_fields("answer", row.answer))


class OrderingItem(AnswerRow):
    """An item of an ordering question; the position is its place in the right order."""

    text = models.CharField(_("text"), max_length=500, blank=True)

    class Meta(AnswerRow.Meta):
        default_related_name = "items"
        verbose_name = _("ordering item")
        verbose_name_plural = _("ordering items")

    def __str__(self) -> str:
        return self.text

    def to_definition(self) -> defs.OrderingItemDef:
        return defs.OrderingItemDef(text=translated(self, "text"), key=self.key)

    @classmethod
    def from_definition(cls, *, question, position, row):
        return cls(question=question, position=position, **text_fields("text", row.text))


class GapChoice(AnswerRow):
    """A choice of a select-missing-words or drag-into-text question; `[[n]]` in the text is the n-th
    choice's place, and the choices of a group are offered in each other's gaps."""

    text = models.CharField(_("text"), max_length=500, blank=True)
    group = models.PositiveSmallIntegerField(
        _("group"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Gaps offer the choices of their own group."),
    )
    unlimited = models.BooleanField(
        _("unlimited"), default=False, help_text=_("The choice may fill more than one gap."),
    )

    class Meta(AnswerRow.Meta):
        default_related_name = "gap_choices"
        verbose_name = _("gap choice")
        verbose_name_plural = _("gap choices")

    def __str__(self) -> str:
        return self.text

    def to_definition(self) -> defs.GapChoiceDef:
        return defs.GapChoiceDef(text=translated(self, "text"), group=self.group, unlimited=self.unlimited,
                                 key=self.key)

    @classmethod
    def from_definition(cls, *, question, position, row):
        return cls(question=question, position=position, group=row.group, unlimited=row.unlimited,
                   **text_fields("text", row.text))


class QuestionHint(models.Model):
    """A hint shown after a wrong try when a quiz gives several tries (Moodle's question_hints): the first
    after the first wrong try, and so on; a question has one try more than it has hints."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="hints", verbose_name=_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("hint"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("hint")
        verbose_name_plural = _("hints")

    def __str__(self) -> str:
        return self.text[:80]


# The shared answer rows by shape (`defs.ROW_KINDS`): what saving and reading a definition walk through.
ANSWER_ROW_MODELS = {
    "choices": Choice,
    "accepted_answers": AcceptedAnswer,
    "numerical_answers": NumericalAnswer,
    "pairs": MatchingPair,
    "items": OrderingItem,
    "gap_choices": GapChoice,
}
