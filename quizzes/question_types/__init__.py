"""Question types as a registry of small classes: `registry.get("single_choice")`."""

from quizzes.question_types.base import QuestionType, UnknownQuestionType, registry

__all__ = ["QuestionType", "UnknownQuestionType", "registry"]
