"""Workflows that touch several quiz models, one module per area: banks (import, export, duplicate),
attempts (start, answer, submit) and generation (questions made from events)."""

from quizzes.services.banks import (  # noqa: F401
    ImportReport,
    bank_duplicate,
    question_create_from_definition,
    question_duplicate,
    questions_export,
    questions_import,
    tags_get_or_create,
)
