"""Quizzes' models, one module per noun: banks and tags, questions and their answer rows."""

from quizzes.models.attempt import (
    DEADLINE_GRACE,
    Attempt,
    AttemptQuestion,
    AttemptState,
    AttemptStep,
    StepAction,
)
from quizzes.models.bank import QuestionBank, Tag
from quizzes.models.question import (
    ANSWER_ROW_MODELS,
    AcceptedAnswer,
    Choice,
    Difficulty,
    GapChoice,
    MatchingPair,
    NumericalAnswer,
    OrderingItem,
    Question,
    QuestionHint,
    QuestionStatus,
)
from quizzes.models.quiz import (
    Behaviour,
    GradingMethod,
    Navigation,
    QuestionsPerPage,
    Quiz,
    QuizDraw,
    QuizQuestion,
    ReviewTiming,
)

__all__ = [
    "ANSWER_ROW_MODELS",
    "DEADLINE_GRACE",
    "Attempt",
    "AttemptQuestion",
    "AttemptState",
    "AttemptStep",
    "Behaviour",
    "GradingMethod",
    "Navigation",
    "QuestionsPerPage",
    "Quiz",
    "QuizDraw",
    "QuizQuestion",
    "ReviewTiming",
    "StepAction",
    "AcceptedAnswer",
    "Choice",
    "Difficulty",
    "GapChoice",
    "MatchingPair",
    "NumericalAnswer",
    "OrderingItem",
    "Question",
    "QuestionBank",
    "QuestionHint",
    "QuestionStatus",
    "Tag",
]
