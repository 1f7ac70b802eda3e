"""Question versions (Moodle 4.0's question_versions): the question exactly as attempts asked it.

A version is immutable. It is made the first time an attempt uses a question as it then is (`of`): editing a
question that no attempt has used makes no version, and the next attempt after an edit makes the next one. An
attempt's slot points at its version instead of carrying its own copy, so every learner who drew the same
question shares one row, one cache entry and one parsed `QuestionDef`.

Generated questions (practice quizzes drawn from events) have versions too, with no question: the same
generated question is one version however many learners get it.

The `definition` is the question as JSON (`quizzes.definitions.to_json`, with its event slugs and tag names).
Its `fingerprint` is a hash of that JSON and the question's id: the same content is the same version.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable

from django.db import IntegrityError, models
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from quizzes import definitions as defs
from quizzes.question_types import registry

# Versions kept parsed in each process (about 4 KB each: 40 MB at most). Versions never change, so an entry
# is never stale; the bound only keeps a long-running worker's memory flat.
CACHED_VERSIONS = 10_000


def fingerprint(question_id: int | None, data: dict) -> str:
    """The hash that names a version: the question's id and its JSON, keys sorted."""
    text = json.dumps([question_id, data], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class _Cache:
    """A bounded, thread-safe map of version id → version, filled a query at a time (`QuestionVersion.cached`)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[int, QuestionVersion] = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, ids: Iterable[int]) -> dict[int, QuestionVersion]:
        found, missing = {}, set()
        with self.lock:
            for pk in ids:
                version = self.entries.get(pk)
                if version is None:
                    missing.add(pk)
                else:
                    self.entries.move_to_end(pk)
                    found[pk] = version
        if missing:
            loaded = {version.pk: version for version in QuestionVersion.objects.filter(pk__in=missing)}
            self.put(loaded.values())
            found.update(loaded)
        return found

    def held(self, pk: int) -> QuestionVersion | None:
        with self.lock:
            version = self.entries.get(pk)
            if version is not None:
                self.entries.move_to_end(pk)
            return version

    def put(self, versions: Iterable[QuestionVersion]) -> None:
        with self.lock:
            for version in versions:
                self.entries[version.pk] = version
                self.entries.move_to_end(version.pk)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_cache = _Cache(CACHED_VERSIONS)


class QuestionVersionQuerySet(models.QuerySet):
    def of(self, items: list[tuple[int | None, dict]]) -> list[QuestionVersion]:
        """The versions of `items` ((question id or None, the question as JSON)), in order, made where new.

        Queries: one to find them; where some are new, one for the questions' last numbers and one insert
        (and one more find). Two starts making the same new version at once make it once (its fingerprint is
        unique); numbers taken by another version at the same moment are drawn again.
        """
        prints = [fingerprint(question_id, data) for question_id, data in items]
        wanted = set(prints)
        for _retry in range(4):
            found = {version.fingerprint: version for version in self.filter(fingerprint__in=wanted)}
            new = {}
            for (question_id, data), print_ in zip(items, prints):
                if print_ not in found and print_ not in new:
                    new[print_] = QuestionVersion(question_id=question_id, qtype=data["qtype"], definition=data,
                                                  fingerprint=print_, created_at=timezone.now())
            if not new:
                break
            numbered = [version for version in new.values() if version.question_id is not None]
            last = dict(self.filter(question_id__in={version.question_id for version in numbered}).order_by()
                        .values("question_id").annotate(last=Max("number")).values_list("question_id", "last"))
            for version in numbered:
                last[version.question_id] = version.number = last.get(version.question_id, 0) + 1
            # A version another start made meanwhile (same fingerprint) or a number it took is skipped here and
            # found, or numbered again, on the next round.
            self.bulk_create(new.values(), ignore_conflicts=True)
        else:
            raise IntegrityError("question versions could not be made")
        _cache.put(found.values())
        return [found[print_] for print_ in prints]

    def usage(self, question) -> list[QuestionVersion]:
        """The versions of `question`, newest first, each with `attempts` (how many attempts asked it) and
        `quizzes` (the quizzes those attempts were of, by title). Three queries."""
        from quizzes.models.attempt import AttemptQuestion
        from quizzes.models.quiz import Quiz

        versions = list(self.filter(question=question).annotate(attempts=Count("slots__attempt", distinct=True))
                        .order_by("-number"))
        pairs = set(AttemptQuestion.objects.filter(version__in=versions).order_by()
                    .values_list("version_id", "attempt__quiz_id").distinct())
        quizzes = {quiz.pk: quiz for quiz in Quiz.objects.filter(pk__in={quiz for _version, quiz in pairs})}
        for version in versions:
            version.quizzes = sorted((quizzes[quiz] for pk, quiz in pairs if pk == version.pk and quiz in quizzes),
                                     key=lambda quiz: str(quiz))
        return versions


class QuestionVersion(models.Model):
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="versions",
        verbose_name=_("question"),
    )
    # 1, 2, 3… for each question; 0 for a generated question (no question of its own).
    number = models.PositiveIntegerField(_("version"), default=0)
    qtype = models.CharField(_("type"), max_length=40, db_index=True)
    definition = models.JSONField(_("the question as attempts asked it"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    objects = QuestionVersionQuerySet.as_manager()

    class Meta:
        ordering = ["question_id", "number"]  # the column: "question" would join the question and its bank
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], condition=Q(question__isnull=False),
                                    name="question_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · v{self.number}" if self.question_id else self.name

    @property
    def name(self) -> str:
        return self.definition.get("name") or self.definition.get("text", {}).get("en", "")[:60]

    @cached_property
    def parsed(self) -> defs.QuestionDef:
        """The version as a `QuestionDef`, parsed once per process and shared by every slot that asks it: read
        it, never change it."""
        return defs.from_json(self.definition)

    @property
    def question_type(self):
        return registry.get(self.qtype)

    def is_current(self) -> bool:
        """Whether the question is still as this version asked it (an edit since then makes the next one)."""
        if self.question_id is None:
            return True
        from quizzes.models.question import Question

        now = Question.objects.snapshots([self.question_id]).get(self.question_id)
        return now is not None and fingerprint(self.question_id, now) == self.fingerprint

    @staticmethod
    def cached(ids: Iterable[int]) -> dict[int, QuestionVersion]:
        """{id: version} for `ids`, from this process's cache (versions never change); one query for the rest."""
        return _cache.get_many(ids)

    @staticmethod
    def held(pk: int) -> QuestionVersion | None:
        """The version `pk` if this process's cache holds it; None, without a query, if not."""
        return _cache.held(pk)

    @staticmethod
    def forget_cached() -> None:
        """Empty this process's cache (tests, whose rolled-back ids may come back with other content)."""
        _cache.clear()
