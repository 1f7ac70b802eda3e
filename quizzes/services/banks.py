"""Workflows that touch several quiz models: saving definitions, duplicating, importing and exporting."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from history.models import Event
from quizzes import definitions as defs
from quizzes.formats import get_format
from quizzes.formats.base import MAX_IMPORT_BYTES, FormatError, ParseResult, Problem
from quizzes.models import (
    ANSWER_ROW_MODELS,
    Question,
    QuestionBank,
    QuestionStatus,
    Tag,
)
from quizzes.question_types import registry
from quizzes.sanitize import clean_html


def _fields(name: str, text: defs.Text) -> dict[str, str]:
    return {f"{name}_{code}": (text.get(code) or "") for code in defs.LANGUAGES}


@transaction.atomic
def question_create_from_definition(
    *, bank: QuestionBank, definition: defs.QuestionDef, user=None, status: str = QuestionStatus.DRAFT
) -> Question:
    """Save `definition` as a question of `bank`, with its answer rows, tags and events."""
    question = Question.objects.create(
        bank=bank,
        qtype=definition.qtype,
        name=definition.name[:255],
        **_fields("text", {code: clean_html(value) for code, value in definition.text.items()}),
        **_fields("general_feedback", {c: clean_html(v) for c, v in definition.general_feedback.items()}),
        **_fields("explanation", {c: clean_html(v) for c, v in definition.explanation.items()}),
        default_points=definition.points,
        difficulty=definition.difficulty or "medium",
        status=status,
        options=definition.options,
        created_by=user,
    )
    for kind in defs.ROW_KINDS:
        rows = getattr(definition, kind)
        if rows:
            model = ANSWER_ROW_MODELS[kind]
            model.objects.bulk_create(model.from_definition(question=question, position=position, row=row)
                                      for position, row in enumerate(rows))
    if definition.tags:
        question.tags.set(tags_get_or_create(names=definition.tags))
    if definition.events:
        question.events.set(Event.objects.filter(slug__in=definition.events))
    return question


def tags_get_or_create(*, names: list[str]) -> list[Tag]:
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name[:200]) for name in dict.fromkeys(names) if name not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    return list(Tag.objects.filter(name__in=names))


@transaction.atomic
def question_duplicate(*, question: Question, user=None, bank: QuestionBank | None = None) -> Question:
    """Copy a question (as a draft) with all its answers, tags and events."""
    definition = Question.objects.with_answers().get(pk=question.pk).definition()
    if bank is None:
        definition.name = _("Copy of %(name)s") % {"name": question.name} if question.name else ""
    return question_create_from_definition(bank=bank or question.bank, definition=definition, user=user)


@transaction.atomic
def bank_duplicate(*, bank: QuestionBank, user) -> QuestionBank:
    """Copy a bank and every question in it; the copy belongs to `user` and is private."""
    copy = QuestionBank.objects.create(
        owner=user,
        topic=bank.topic,
        is_shared=False,
        **{f"title_{code}": (_("Copy of %(name)s") % {"name": getattr(bank, f"title_{code}")}
                             if getattr(bank, f"title_{code}") else "") for code in defs.LANGUAGES},
        **{f"description_{code}": getattr(bank, f"description_{code}") for code in defs.LANGUAGES},
    )
    for question in bank.questions.with_answers():
        question_create_from_definition(bank=copy, definition=question.definition(), user=user,
                                        status=question.status)
    return copy


# --- import ----------------------------------------------------------------------------------------
@dataclass
class ImportReport:
    """What an import did or would do; nothing is written when `errors` is not empty."""

    format_name: str
    imported: list[defs.QuestionDef] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    bank: QuestionBank | None = None
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def question_fingerprint(definition: defs.QuestionDef) -> tuple:
    """Questions count as the same when their type says so: the whole definition as it sees it."""
    return registry.get(definition.qtype).fingerprint(definition)


def decode_upload(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise FormatError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": MAX_IMPORT_BYTES // 1024 // 1024}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            _("The file is not UTF-8 text (byte %(position)d). Save it as UTF-8 and try again.")
            % {"position": error.start}
        ) from None


def questions_import(
    *, data: bytes, format_name: str, bank: QuestionBank, user=None, dry_run: bool = False
) -> ImportReport:
    """Parse, validate and (unless `dry_run`) save a file's questions into `bank`: all or nothing."""
    report = ImportReport(format_name=format_name, dry_run=dry_run, bank=bank)
    try:
        text = decode_upload(data)
        result: ParseResult = get_format(format_name).parse(text)
    except FormatError as error:
        report.errors.append(Problem(error.where, str(error.message)))
        return report
    report.skipped, report.warnings, report.errors = result.skipped, result.warnings, list(result.errors)

    known_events = set(Event.objects.filter(slug__in={s for d in result.questions for s in d.events})
                       .values_list("slug", flat=True))
    existing = {question_fingerprint(q.definition()) for q in bank.questions.with_answers()} if bank.pk else set()
    seen = set()
    for number, definition in enumerate(result.questions, start=1):
        where = definition.source or _("question %(number)d") % {"number": number}
        try:
            qtype = registry.get(definition.qtype)
        except LookupError:
            report.errors.append(Problem(where, _("unknown question type “%(type)s”.") % {"type": definition.qtype}))
            continue
        problems = qtype.validate(definition)
        if defs.is_blank(definition.text):
            problems.append(_("the question has no text."))
        for problem in problems:
            report.errors.append(Problem(where, " ".join(getattr(problem, "messages", [str(problem)]))))
        for slug in definition.events:
            if slug not in known_events:
                report.errors.append(Problem(where, _("no event has the slug “%(slug)s”.") % {"slug": slug}))
        fingerprint = question_fingerprint(definition)
        if fingerprint in existing:
            report.skipped.append(Problem(where, _("the same question is already in the bank; skipped.")))
            continue
        if fingerprint in seen:
            report.skipped.append(Problem(where, _("the same question appears earlier in the file; skipped.")))
            continue
        seen.add(fingerprint)
        if not problems:
            report.imported.append(definition)

    if report.errors or dry_run:
        report.imported = report.imported if not report.errors else []
        return report
    with transaction.atomic():
        if bank.pk is None:
            bank.save()
        for definition in report.imported:
            question_create_from_definition(bank=bank, definition=definition, user=user)
    report.written = True
    return report


def questions_export(*, bank: QuestionBank, format_name: str) -> str:
    """Return the bank's questions written in `format_name`."""
    questions = [question.definition() for question in bank.questions.with_answers()]
    return get_format(format_name).export(questions)
