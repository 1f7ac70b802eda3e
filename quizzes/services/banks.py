"""Workflows that touch several quiz models: saving definitions, duplicating, importing and exporting."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _, ngettext

from history.models import Event
from quizzes import definitions as defs
from quizzes.formats import get_format
from quizzes.formats.base import MAX_IMPORT_BYTES, FormatError, ParseResult, Problem, check_budget, reading_budget
from quizzes.models import (
    ANSWER_ROW_MODELS,
    Question,
    QuestionBank,
    QuestionHint,
    QuestionStatus,
    Tag,
)
from quizzes.models.question import decimal_of
from quizzes.question_types import registry
from quizzes.question_types.base import LANGUAGE_NAMES
from quizzes.sanitize import clean_html

# Tags and events of one question: each list goes into one query (`name__in=…`), which a database bounds.
MAX_QUESTION_TAGS = 100
MAX_QUESTION_EVENTS = 100
TAG_LENGTH = Tag._meta.get_field("name").max_length
# What no database column stores: NUL (PostgreSQL refuses it in text and JSON) and lone surrogates
# (not UTF-8 at all).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _fields(name: str, text: defs.Text) -> dict[str, str]:
    return {f"{name}_{code}": (text.get(code) or "") for code in defs.LANGUAGES}


def _question_instance(
    *, bank: QuestionBank, definition: defs.QuestionDef, user=None, status: str = QuestionStatus.DRAFT
) -> Question:
    """The unsaved question that saving `definition` writes (and that an import checks first)."""
    return Question(
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
        penalty=decimal_of(definition.penalty),
        created_by=user,
    )


def _tag_names(names: list[str]) -> list[str]:
    """Tag names as stored: cut to the column's length (as Moodle XML import does), each once."""
    return list(dict.fromkeys(name[:TAG_LENGTH] for name in names))


@transaction.atomic
def question_create_from_definition(
    *, bank: QuestionBank, definition: defs.QuestionDef, user=None, status: str = QuestionStatus.DRAFT
) -> Question:
    """Save `definition` as a question of `bank`, with its answer rows, tags and events."""
    question = _question_instance(bank=bank, definition=definition, user=user, status=status)
    question.save(force_insert=True)
    for kind in defs.ROW_KINDS:
        rows = getattr(definition, kind)
        if rows:
            model = ANSWER_ROW_MODELS[kind]
            model.objects.bulk_create(model.from_definition(question=question, position=position, row=row)
                                      for position, row in enumerate(rows))
    if definition.hints:
        QuestionHint.objects.bulk_create(
            QuestionHint(question=question, position=position, **_fields("text", {c: clean_html(v) for c, v in hint.items()}))
            for position, hint in enumerate(definition.hints))
    if definition.tags:
        question.tags.set(tags_get_or_create(names=definition.tags))
    if definition.events:
        question.events.set(Event.objects.filter(slug__in=definition.events))
    return question


def tags_get_or_create(*, names: list[str]) -> list[Tag]:
    names = _tag_names(names)
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name) for name in names if name not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    return list(Tag.objects.filter(name__in=names))


# --- what the database would refuse -----------------------------------------------------------------
def definition_storage_problems(*, definition: defs.QuestionDef, bank: QuestionBank) -> list[str]:
    """What stops `definition` from being saved, each as a message: values that do not fit their columns
    (digits, decimal places, lengths: the model fields' own checks), characters no database stores, options
    that are not plain JSON, and more tags or events than a question may have.

    The same unsaved rows that `question_create_from_definition` writes are checked, so a dry run refuses
    what the real import would fail on."""
    question = _question_instance(bank=bank, definition=definition)
    problems = _field_problems(question, exclude={"bank", "created_by"})
    if _unstorable_json(definition.options):
        problems.append(_("%(field)s: %(problem)s") % {
            "field": Question._meta.get_field("options").verbose_name,
            "problem": _("hold a value that cannot be stored (a NUL character, or a number that is not finite)."),
        })  # fmt: skip
    for kind in defs.ROW_KINDS:
        model = ANSWER_ROW_MODELS[kind]
        for position, row in enumerate(getattr(definition, kind)):
            label = {"row": model._meta.verbose_name, "number": position + 1}
            try:
                instance = model.from_definition(question=question, position=position, row=row)
            except (ArithmeticError, ValueError, TypeError):  # a fraction too large to write with 7 decimals
                problems.append(_("%(row)s %(number)d: a number in it cannot be stored.") % label)
                continue
            problems += [_("%(row)s %(number)d, %(problem)s") % {**label, "problem": problem}
                         for problem in _field_problems(instance, exclude={"question"})]
    if len(definition.tags) > MAX_QUESTION_TAGS:
        problems.append(ngettext("a question may have at most %(limit)d tag.",
                                 "a question may have at most %(limit)d tags.", MAX_QUESTION_TAGS)
                        % {"limit": MAX_QUESTION_TAGS})
    if any(UNSTORABLE.search(tag) for tag in definition.tags):
        problems.append(_("%(field)s: %(problem)s") % {"field": _("tags"), "problem": _unstorable_message()})
    if len(definition.events) > MAX_QUESTION_EVENTS:
        problems.append(ngettext("a question may be linked to at most %(limit)d event.",
                                 "a question may be linked to at most %(limit)d events.",
                                 MAX_QUESTION_EVENTS) % {"limit": MAX_QUESTION_EVENTS})
    return problems


def _field_problems(instance, *, exclude: set[str]) -> list[str]:
    """`instance.clean_fields()` as "field: problem" messages, and the text no column stores."""
    fields = instance._meta.concrete_fields
    # django-modeltranslation's `text` stands for `text_<active language>`: its `text_ar` and `text_en` are checked.
    exclude = exclude | {f.translated_field.name for f in fields if hasattr(f, "translated_field")}
    problems = []
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems += [_("%(field)s: %(problem)s") % {"field": _field_label(instance, name), "problem": message}
                         for message in messages]
    for f in fields:
        value = getattr(instance, f.attname, None)
        if f.name not in exclude and isinstance(value, str) and UNSTORABLE.search(value):
            problems.append(_("%(field)s: %(problem)s") % {"field": _field_label(instance, f.name),
                                                           "problem": _unstorable_message()})
    return problems


def _field_label(instance, name: str) -> str:
    """A field as the author reads it: "text (English)" for a field of one language."""
    f = instance._meta.get_field(name)
    if hasattr(f, "translated_field"):
        return _("%(field)s (%(language)s)") % {"field": f.translated_field.verbose_name,
                                                 "language": LANGUAGE_NAMES.get(f.language, f.language)}
    return str(f.verbose_name)


def _unstorable_message() -> str:
    return _("contains a character that cannot be stored (a NUL character or a lone surrogate).")


def _unstorable_json(value) -> bool:
    """Whether JSON `value` holds what PostgreSQL's jsonb refuses: NUL, lone surrogates, Infinity or NaN."""
    if isinstance(value, dict):
        return any(_unstorable_json(key) or _unstorable_json(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_unstorable_json(item) for item in value)
    if isinstance(value, str):
        return bool(UNSTORABLE.search(value))
    if isinstance(value, float):
        return not math.isfinite(value)
    return False


def _known_event_slugs(slugs: set[str]) -> set[str]:
    """The slugs of `slugs` that name an event, asked for in batches a database's query can hold (a slug
    with a character no column stores names none, and PostgreSQL would refuse the query)."""
    slugs, known = sorted(slug for slug in slugs if not UNSTORABLE.search(slug)), set()
    for start in range(0, len(slugs), 500):
        known.update(Event.objects.filter(slug__in=slugs[start : start + 500]).values_list("slug", flat=True))
    return known


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
    *, data: bytes, format_name: str, bank: QuestionBank, user=None, dry_run: bool = False, skip_invalid: bool = False
) -> ImportReport:
    """Parse, validate and (unless `dry_run`) save a file's questions into `bank`: all or nothing.

    With `skip_invalid`, a question that cannot be read or is not valid (its type's rules, what the database
    would refuse, an unknown event) is skipped with its reasons and the rest is imported; a file that cannot be
    read at all, or a new bank that could not be saved, still refuses the whole file. The dry run reports
    exactly what the import would do.
    """
    report = ImportReport(format_name=format_name, dry_run=dry_run, bank=bank)
    # Reading and checking share one budget (`quizzes.formats.base.reading_budget`): a file that takes
    # too long is refused before anything is written.
    with reading_budget():
        try:
            text = decode_upload(data)
            result: ParseResult = get_format(format_name).parse(text)
            _check_definitions(report, result, bank, skip_invalid=skip_invalid)
        except FormatError as error:
            report.errors = [Problem(error.where, str(error.message))]
            report.imported = []
            return report

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


def _check_definitions(report: ImportReport, result: ParseResult, bank: QuestionBank, *,
                       skip_invalid: bool = False) -> None:
    """Validate each question as its type and as the database see it, and skip the ones already there (and,
    with `skip_invalid`, the ones that are not valid, each with its reasons)."""
    report.skipped, report.warnings, report.errors = list(result.skipped), result.warnings, list(result.errors)
    if skip_invalid:  # a question the parser could not read is one question's problem, not the file's
        report.skipped += [_skipped_invalid(problem.where, [str(problem.message)]) for problem in report.errors]
        report.errors = []
    if bank.pk is None:  # the bank is written with the questions, so it is checked with them
        report.errors += [Problem(_("bank"), problem) for problem in _field_problems(bank, exclude={"owner", "topic"})]
    known_events = _known_event_slugs({slug for d in result.questions for slug in d.events})
    existing = {question_fingerprint(q.definition()) for q in bank.questions.with_answers()} if bank.pk else set()
    seen = set()
    for number, definition in enumerate(result.questions, start=1):
        check_budget()
        where = definition.source or _("question %(number)d") % {"number": number}
        try:
            qtype = registry.get(definition.qtype)
        except LookupError:
            report.errors.append(Problem(where, _("unknown question type “%(type)s”.") % {"type": definition.qtype}))
            continue
        problems = qtype.validate(definition)
        if defs.is_blank(definition.text):
            problems.append(_("the question has no text."))
        problems += definition_storage_problems(definition=definition, bank=bank)
        messages = [" ".join(getattr(problem, "messages", [str(problem)])) for problem in problems]
        messages += [_("no event has the slug “%(slug)s”.") % {"slug": slug}
                     for slug in definition.events if slug not in known_events]
        if messages and skip_invalid:
            report.skipped.append(_skipped_invalid(where, messages))
            continue
        report.errors += [Problem(where, message) for message in messages]
        fingerprint = question_fingerprint(definition)
        if fingerprint in existing:
            report.skipped.append(Problem(where, _("the same question is already in the bank; skipped.")))
            continue
        if fingerprint in seen:
            report.skipped.append(Problem(where, _("the same question appears earlier in the file; skipped.")))
            continue
        seen.add(fingerprint)
        if not messages:
            report.imported.append(definition)


def _skipped_invalid(where: str, messages: list[str]) -> Problem:
    return Problem(where, _("skipped, not imported: %(reasons)s") % {"reasons": " ".join(messages)})


def questions_export(*, bank: QuestionBank, format_name: str) -> str:
    """Return the bank's questions written in `format_name`."""
    questions = [question.definition() for question in bank.questions.with_answers()]
    return get_format(format_name).export(questions)
