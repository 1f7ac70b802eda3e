import pytest

from quizzes.services import attempts as attempt_service


def answer_and_submit(attempt, *, right: set[int], now):
    """Answer the positions in `right` fully right, leave the others empty, and submit."""
    for slot in attempt.slots.all():
        if slot.position in right:
            attempt_service.attempt_save_response(attempt=attempt, position=slot.position,
                                                  raw=slot.question_type.correct_response(slot.definition), now=now)
    return attempt_service.attempt_submit(attempt=attempt, now=now)


@pytest.fixture
def finish():
    """finish(learner, quiz, right=..., now=...): one finished attempt with those positions answered right."""

    def finish(learner, quiz, *, right: set[int], now):
        attempt = attempt_service.attempt_start(quiz=quiz, learner=learner, now=now)
        return answer_and_submit(attempt, right=right, now=now)

    return finish
