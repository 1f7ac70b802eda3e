"""Description: a text block with no grade; not answered, not counted, not numbered."""

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.models import Quiz, QuizQuestion, QuestionsPerPage
from quizzes.question_types import registry
from quizzes.services import attempts as service
from tests.factories import description_def, essay_def

qtype = registry.get("description")


def test_a_description_takes_no_response_and_has_no_grade():
    assert qtype.clean_response(description_def(), "anything") is None
    assert not qtype.is_answered("anything") and not qtype.is_graded and not qtype.grades_automatically
    with pytest.raises(TypeError):
        qtype.grade(description_def(), None)


@pytest.mark.django_db
def test_walkthrough_a_description_is_not_counted_and_not_numbered(make, learner_user, client, now):
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Q", title_ar="س", is_published=True,
                               questions_per_page=QuestionsPerPage.ONE)
    first, second = make.single_choice_def(), make.single_choice_def(text_en="Who won at Puebla?")
    for position, definition in enumerate([first, description_def(), second]):
        QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=definition), position=position,
                                    points=5 if position == 1 else None)  # even given points, it counts none
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert attempt.max_score == 2
    slots = list(attempt.slots.order_by("position"))
    assert [slot.number for slot in slots] == [1, None, 2] and slots[1].points == 0
    client.force_login(learner_user)
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1").content.decode()
    assert "question-information" in page and "بويبلا" in page and "nav-information" in page
    assert "data-inline-size=\"0\"" in page
    for slot in (slots[0], slots[2]):
        service.attempt_save_response(attempt=attempt, position=slot.position,
                                      raw=slot.question_type.correct_response(slot.definition), now=now)
    with translation.override("en"):
        submit = client.get(reverse("quizzes:submit", args=[attempt.pk])).content.decode()
    assert 'class="unanswered"' not in submit
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.score == 2 and attempt.percent == 100 and not attempt.needs_grading
    description = attempt.slots.get(position=1)
    assert description.fraction is None and description.state.value == "unanswered"
    with translation.override("en"):
        review = client.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    assert review.count("question-information") == 1 and ">Information<" in review
    assert "Question 2" in review and "Question 3" not in review


@pytest.mark.django_db
def test_numbers_skip_descriptions_in_a_fragment_too(make, learner_user, now):
    """A slot rendered alone (a check, a language peek) finds its number with one query."""
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Q", title_ar="س", is_published=True)
    for position, definition in enumerate([description_def(), essay_def(), description_def(), essay_def()]):
        QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=definition), position=position)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert [slot.number for slot in attempt.slots.order_by("position")] == [None, 1, None, 2]
