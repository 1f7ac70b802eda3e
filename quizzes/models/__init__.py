"""Quizzes' models, one module per noun: banks and tags, questions and their answer rows."""

from quizzes.models.bank import QuestionBank, Tag
from quizzes.models.question import (
    AcceptedAnswer,
    Choice,
    Difficulty,
    MatchingPair,
    NumericalAnswer,
    OrderingItem,
    Question,
    QuestionStatus,
)

__all__ = [
    "AcceptedAnswer",
    "Choice",
    "Difficulty",
    "MatchingPair",
    "NumericalAnswer",
    "OrderingItem",
    "Question",
    "QuestionBank",
    "QuestionStatus",
    "Tag",
]
