"""Grading essays: the service (marks, comments, regrading, the attempt's score) and the teacher's pages
(permissions, the queue, Save / Save and next / Previous / Next keeping what was typed)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt, AttemptQuestion, Quiz, QuizQuestion, StepAction
from quizzes.services import attempts as service
from quizzes.services.grading import slot_grade
from tests.factories import essay_def

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(f"quizzes:{name}", args=args)


def essay_quiz(make, teacher, *, essays=1):
    quiz = Quiz.objects.create(owner=teacher, title_en="Mexico", title_ar="المكسيك", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=make.single_choice_def()), position=0)
    for number in range(essays):
        QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=essay_def()), position=number + 1)
    return quiz


def submitted(make, quiz, now, *, text="فرنسا أرادت إمبراطورية في أمريكا.", learner=None):
    learner = learner or make.learner()
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=now)
    for slot in attempt.slots.all():
        raw = text if slot.question_type.needs_manual_grading else slot.question_type.correct_response(slot.definition)
        service.attempt_save_response(attempt=attempt, position=slot.position, raw=raw, now=now)
    return service.attempt_submit(attempt=attempt, now=now)


def essays_of(attempt):
    return list(attempt.slots.filter(version__qtype="essay").order_by("position"))


# --- the service ---------------------------------------------------------------------------------------
def test_the_score_is_set_when_the_last_essay_is_graded_and_follows_a_regrade(make, now):
    teacher = make.teacher()
    attempt = submitted(make, essay_quiz(make, teacher, essays=2), now)
    first, second = essays_of(attempt)
    assert attempt.score is None and attempt.needs_grading
    slot_grade(slot=first, mark=Decimal(2), comment="", grader=teacher, now=now)
    assert Attempt.objects.get(pk=attempt.pk).score is None  # one essay still waits
    slot_grade(slot=second, mark=Decimal("0.5"), comment="قصير", grader=teacher, now=now)
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("3.5")  # 1 + 2 + 0.5
    slot_grade(slot=second, mark=Decimal("1.25"), comment="أفضل بعد المراجعة", grader=teacher, now=now)
    second.refresh_from_db()
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("4.25")
    assert second.comment == "أفضل بعد المراجعة" and second.mark == Decimal("1.25")
    assert [step.fraction for step in second.steps.filter(action=StepAction.MANUAL)] == [
        Decimal("0.25"), Decimal("0.625")]
    assert second.revision >= 3  # every grade makes a new cache key


@pytest.mark.parametrize("mark, code", [(Decimal(-1), "mark_range"), (Decimal("2.5"), "mark_range"),
                                        (Decimal("1.005"), "mark_places")])
def test_a_mark_out_of_range_is_refused(make, now, mark, code):
    teacher = make.teacher()
    (essay,) = essays_of(submitted(make, essay_quiz(make, teacher), now))
    with pytest.raises(ValidationError) as error:
        slot_grade(slot=essay, mark=mark, comment="", grader=teacher, now=now)
    assert error.value.code == code
    essay.refresh_from_db()
    assert essay.fraction is None


def test_only_essays_of_submitted_attempts_are_graded(make, now):
    teacher = make.teacher()
    attempt = submitted(make, essay_quiz(make, teacher), now)
    choice = attempt.slots.get(position=0)
    with pytest.raises(ValidationError) as error:
        slot_grade(slot=choice, mark=Decimal(0), comment="", grader=teacher, now=now)
    assert error.value.code == "not_manual"
    going = service.attempt_start(quiz=essay_quiz(make, teacher), learner=make.learner(), now=now)
    with pytest.raises(ValidationError) as error:
        slot_grade(slot=essays_of(going)[0], mark=Decimal(1), comment="", grader=teacher, now=now)
    assert error.value.code == "not_finished"


# --- the pages ------------------------------------------------------------------------------------------
def test_only_the_quizs_teacher_sees_its_grading_pages(make, client, now):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    (essay,) = essays_of(submitted(make, quiz, now))
    pages = [url("grading", quiz.pk), url("grade_slot", quiz.pk, essay.pk)]
    for other in (make.teacher(), make.learner()):
        client.force_login(other)
        assert [client.get(page).status_code for page in pages] == [404, 404]
        assert client.post(pages[1], {"mark": "2", "go": "save"}).status_code == 404
    essay.refresh_from_db()
    assert essay.fraction is None
    client.logout()
    assert client.get(pages[0]).status_code == 302  # to the log-in page
    client.force_login(teacher)
    assert [client.get(page).status_code for page in pages] == [200, 200]
    # A slot of another quiz is not reachable through this quiz's address.
    other_quiz = essay_quiz(make, teacher)
    (elsewhere,) = essays_of(submitted(make, other_quiz, now))
    assert client.get(url("grade_slot", quiz.pk, elsewhere.pk)).status_code == 404


def test_the_grading_page_shows_response_grader_information_and_a_mark_field(make, client, now):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    (essay,) = essays_of(submitted(make, quiz, now, text="السطر الأول\nالسطر الثاني"))
    client.force_login(teacher)
    with translation.override("en"):
        page = client.get(url("grade_slot", quiz.pk, essay.pk)).content.decode()
    assert "السطر الأول<br>السطر الثاني" in page  # the response, line breaks kept
    assert "Napoleon III" in page and "Information for graders" in page
    assert 'name="mark"' in page and 'inputmode="decimal"' in page and 'name="comment"' in page
    assert "From 0 to 2." in page


def test_save_accepts_arabic_indic_digits(make, client, now):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    attempt = submitted(make, quiz, now)
    (essay,) = essays_of(attempt)
    client.force_login(teacher)
    response = client.post(url("grade_slot", quiz.pk, essay.pk), {"mark": "١٫٥", "comment": "جيّد", "go": "save"})
    assert response.status_code == 302 and response.url == url("grade_slot", quiz.pk, essay.pk)
    essay.refresh_from_db()
    assert essay.mark == Decimal("1.5") and essay.comment == "جيّد" and essay.graded_by == teacher
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("2.5")


@pytest.mark.parametrize("mark, message", [("٩", "The mark must be between 0 and 2."),
                                           ("lots", "Type the mark as a number, such as 2.5."),
                                           ("", "Give a mark to save the grade and the comment.")])
def test_an_invalid_mark_shows_the_page_again_with_the_typed_comment(make, client, now, mark, message):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    (essay,) = essays_of(submitted(make, quiz, now))
    client.force_login(teacher)
    with translation.override("en"):
        response = client.post(url("grade_slot", quiz.pk, essay.pk),
                               {"mark": mark, "comment": "تعليق طويل كتبه المعلّم", "go": "next"})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "تعليق طويل كتبه المعلّم" in page
    essay.refresh_from_db()
    assert essay.fraction is None and essay.comment == ""


def test_next_and_previous_save_what_was_typed_and_move_through_the_list(make, client, now):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    first, second, third = (essays_of(submitted(make, quiz, now))[0] for _ in range(3))
    client.force_login(teacher)
    # Nothing typed: Next moves without grading.
    response = client.post(url("grade_slot", quiz.pk, first.pk), {"mark": "", "comment": "", "go": "next"})
    assert response.url == url("grade_slot", quiz.pk, second.pk)
    first.refresh_from_db()
    assert first.fraction is None and not first.steps.filter(action=StepAction.MANUAL).exists()
    # Typed, then Next: saved, and on to the next answer to grade.
    response = client.post(url("grade_slot", quiz.pk, second.pk), {"mark": "2", "comment": "ممتاز", "go": "next"})
    assert response.url == url("grade_slot", quiz.pk, third.pk)
    second.refresh_from_db()
    assert (second.mark, second.comment) == (Decimal(2), "ممتاز")
    # Previous from the third: the second is graded now, so the list of answers to grade goes back to the first.
    response = client.post(url("grade_slot", quiz.pk, third.pk), {"mark": "1", "comment": "", "go": "previous"})
    assert response.url == url("grade_slot", quiz.pk, first.pk)
    third.refresh_from_db()
    assert third.mark == Decimal(1)
    # In the list of all answers, Previous from the third is the second.
    response = client.post(url("grade_slot", quiz.pk, third.pk) + "?show=all", {"mark": "1", "comment": "",
                                                                                "go": "previous"})
    assert response.url == url("grade_slot", quiz.pk, second.pk) + "?show=all"
    # Moving from a graded answer without touching it grades nothing again.
    client.post(url("grade_slot", quiz.pk, second.pk) + "?show=all", {"mark": "2", "comment": "ممتاز", "go": "next"})
    assert second.steps.filter(action=StepAction.MANUAL).count() == 1
    # Save and next on the last one of the list: back to the queue.
    response = client.post(url("grade_slot", quiz.pk, first.pk), {"mark": "0", "comment": "", "go": "save_next"})
    assert response.url == url("grading", quiz.pk)
    assert not AttemptQuestion.objects.filter(version__qtype="essay", fraction__isnull=True).exists()


def test_the_queue_lists_answers_to_grade_and_graded_ones_by_filter(make, client, now):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    waiting = essays_of(submitted(make, quiz, now, learner=make.learner(first_name="Amal", last_name="Saeed")))[0]
    graded = essays_of(submitted(make, quiz, now, learner=make.learner(first_name="Omar", last_name="Haddad")))[0]
    slot_grade(slot=graded, mark=Decimal(1), comment="", grader=teacher, now=now)
    client.force_login(teacher)
    to_grade = client.get(url("grading", quiz.pk)).content.decode()
    assert "Amal Saeed" in to_grade and "Omar Haddad" not in to_grade
    done = client.get(url("grading", quiz.pk) + "?show=graded").content.decode()
    assert "Omar Haddad" in done and "Amal Saeed" not in done
    everything = client.get(url("grading", quiz.pk) + "?show=all").content.decode()
    assert "Omar Haddad" in everything and "Amal Saeed" in everything
    assert url("grade_slot", quiz.pk, waiting.pk) in to_grade


@pytest.mark.parametrize("learners", [2, 12])
def test_the_queue_page_runs_a_bounded_number_of_queries(make, client, now, django_assert_max_num_queries, learners):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher, essays=2)
    for _ in range(learners):
        submitted(make, quiz, now)
    client.force_login(teacher)
    with django_assert_max_num_queries(7):
        page = client.get(url("grading", quiz.pk))
    assert page.status_code == 200 and page.content.decode().count("/grading/") >= 2 * learners


def test_the_learners_review_shows_the_comment_when_feedback_is_shown(make, client, now):
    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    learner = make.learner()
    (essay,) = essays_of(submitted(make, quiz, now, learner=learner))
    slot_grade(slot=essay, mark=Decimal(2), comment="أحسنتَ التحليل.", grader=teacher, now=now)
    client.force_login(learner)
    assert "أحسنتَ التحليل." in client.get(url("review", essay.attempt_id)).content.decode()
    Quiz.objects.filter(pk=quiz.pk).update(review_feedback="never")
    assert "أحسنتَ التحليل." not in client.get(url("review", essay.attempt_id)).content.decode()


def test_item_statistics_leave_out_essays_waiting_for_a_mark_and_never_list_descriptions(make, now):
    from quizzes.statistics import quiz_item_statistics
    from tests.factories import description_def

    teacher = make.teacher()
    quiz = essay_quiz(make, teacher)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=description_def()), position=5)
    graded, waiting = (essays_of(submitted(make, quiz, now))[0] for _ in range(2))
    slot_grade(slot=graded, mark=Decimal(2), comment="", grader=teacher, now=now)
    report = quiz_item_statistics(quiz=quiz)
    by_type = {item.qtype: item for item in report.items}
    assert set(by_type) == {"single_choice", "essay"}
    # One graded essay, fully right; the waiting one is not counted as wrong.
    assert by_type["essay"].count == 1 and by_type["essay"].facility == 100
