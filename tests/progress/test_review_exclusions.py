"""Spaced review and generated practice never hold an essay or a description: a review cannot grade an
essay again (a teacher grades it), and a description has no grade."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from progress import services
from progress.models import ReviewCard
from quizzes.models import Quiz, QuizQuestion
from quizzes.question_types import registry
from quizzes.services import attempts as attempt_service
from quizzes.services.generation import generate_definitions
from quizzes.services.grading import slot_grade
from tests.factories import description_def, essay_def

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


def test_a_graded_essay_and_a_description_never_become_review_cards(make, learner_user):
    teacher = make.teacher()
    quiz = Quiz.objects.create(owner=teacher, title_en="Q", title_ar="س", is_published=True,
                               review_right_answers="immediately")
    choice = make.question(definition=make.single_choice_def())
    for position, question in enumerate([choice, make.question(definition=essay_def()),
                                         make.question(definition=description_def())]):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    attempt = attempt_service.attempt_start(quiz=quiz, learner=learner_user, now=NOW)
    first, essay, _description = attempt.slots.order_by("position")
    attempt_service.attempt_save_response(attempt=attempt, position=0,
                                          raw=first.question_type.correct_response(first.definition), now=NOW)
    attempt_service.attempt_save_response(attempt=attempt, position=1, raw="نص المقال", now=NOW)
    attempt_service.attempt_submit(attempt=attempt, now=NOW)
    slot_grade(slot=essay, mark=Decimal(1), comment="", grader=teacher, now=NOW)

    services.review_cards_sync(learner=learner_user, now=NOW)
    assert list(ReviewCard.objects.of(learner_user).values_list("question_id", flat=True)) == [choice.pk]


@pytest.mark.parametrize("seed", range(5))
def test_generated_practice_makes_no_essay_or_description(make, seed):
    """Generation makes only types a computer grades (quizzes/services/generation.py names its own)."""
    topic = make.topic()
    events = [make.event(topic_obj=topic, start=datetime.date(1861 + n, 1 + n, 1)) for n in range(6)]
    made = generate_definitions(events=events, seed=seed)
    assert made and all(registry.get(q.qtype).grades_automatically for q in made)
    assert not {q.qtype for q in made} & {"essay", "description"}
