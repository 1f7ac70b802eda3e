"""Admin for question banks and questions; one module per screen."""

from quizzes.admin import banks, questions, quizzes, tags, topics  # noqa: F401  (registers the ModelAdmins)
