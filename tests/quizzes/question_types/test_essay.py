"""Essay: the Arabic-aware word count, word limits, and the walkthrough start → answer → submit (needs
grading) → graded by a teacher (final mark and score)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from quizzes.display import DisplayOptions
from quizzes.models import Attempt, Quiz, QuizQuestion, StepAction
from quizzes.question_types import registry
from quizzes.question_types.essay import count_words
from quizzes.services import attempts as service
from quizzes.services.grading import slot_grade
from quizzes.states import SlotState
from tests.factories import essay_def

qtype = registry.get("essay")


# --- counting words ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, words", [
    ("", 0),
    ("   \n\t ", 0),
    ("The French landed at Veracruz.", 5),
    ("Franco-Mexican war, Napoleon's plan", 4),  # hyphen and apostrophe inside words
    ("word - word — word", 3),  # a dash between spaces is no word
    ("نزل الفرنسيون في فيراكروز.", 4),
    ("نَزَلَ الفَرَنْسِيُّونَ فِي فِيرَاكْرُوز", 4),  # harakat, shadda and sukun stay inside words
    ("الجـــيش المكســيكي", 2),  # tatweel
    ("بويبلا،مكسيكو؛كيريتارو؟نعم", 4),  # Arabic comma, semicolon and question mark separate words
    ("عام ١٨٦٢ هُزم الفرنسيون", 4),  # Arabic-Indic digits are a word
    ("١٬٨٦٢ أو 1,862 أو ٣٫٥ أو 3.5", 7),  # a number's separators join digits: 4 numbers and 3 «أو»
    ("و1862", 1),  # a letter joined to a number: one word
    ("In 1867 أُعدم ماكسيميليان in Querétaro.", 6),  # mixed scripts
    ("؟ ، ؛ ... !!", 0),  # punctuation alone
    ("\u064e\u0651", 0),  # diacritics with no letter
    ("ـــ", 0),  # tatweel alone
])
def test_count_words_in_arabic_latin_and_mixed_text(text, words):
    assert count_words(text) == words


def test_limits_give_a_message_in_the_learners_language_and_never_refuse_the_text():
    definition = essay_def(min_words=5, max_words=8)
    assert qtype.clean_response(definition, "كلمتان فقط") == "كلمتان فقط"  # saved though too short
    with translation.override("en"):
        assert qtype.word_problem(definition, "two words") == (
            "You have written 2 words; at least 5 words are needed.")
        assert qtype.word_problem(definition, "one two three four five six seven eight nine") == (
            "You have written 9 words; at most 8 words are allowed.")
        assert qtype.word_problem(definition, "one two three four five") == ""
        assert qtype.word_problem(definition, "") == ""
    view = qtype.formulation(definition, language="en", display=DisplayOptions(), response="two words")
    assert view.extra["too_few"] and not view.extra["too_many"] and view.extra["words"] == 2


def test_a_nul_or_a_text_longer_than_the_limit_is_refused():
    with pytest.raises(ValidationError):
        qtype.clean_response(essay_def(), "a\x00b")
    with pytest.raises(ValidationError) as error:
        qtype.clean_response(essay_def(), "x" * (qtype.MAX_RESPONSE_LENGTH + 1))
    assert error.value.code == "too_long"
    assert len(qtype.clean_response(essay_def(), "x " * 10_000)) < qtype.MAX_RESPONSE_LENGTH  # 10,000 words fit


def test_validation_of_the_word_limits():
    assert qtype.validate(essay_def(min_words=10, max_words=200)) == []
    assert [e.code for e in qtype.validate(essay_def(min_words=300, max_words=200))] == ["word_limits"]
    assert [e.code for e in qtype.validate(essay_def(min_words=-1))] == ["not_a_count"]


def test_a_template_in_one_language_only_cannot_be_published():
    assert [e.code for e in qtype.translation_errors(essay_def(response_template_ar="المقدّمة:"))] == [
        "missing_translation"]
    assert qtype.translation_errors(essay_def(response_template_ar="المقدّمة:", response_template_en="Intro:")) == []


def test_grader_information_shows_to_teachers_only():
    definition = essay_def(response_template_en="Causes:\n")
    # A learner's review that shows everything the review settings can allow: still no grader information.
    review = DisplayOptions(readonly=True, correctness=True, marks=True, feedback=True, general_feedback=True,
                            right_answer=True, score=True)
    learner = qtype.formulation(definition, language="en", display=review)
    assert "grader_info" not in learner.extra and learner.value == "Causes:\n"
    teacher = qtype.formulation(definition, language="en", display=DisplayOptions.everything())
    assert "Napoleon III" in teacher.extra["grader_info"]


def test_an_essay_is_never_graded_by_the_type():
    with pytest.raises(TypeError):
        qtype.grade(essay_def(), "text")
    assert qtype.needs_manual_grading and qtype.is_graded and not qtype.grades_automatically


# --- walkthrough ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_walkthrough_submit_needs_grading_then_the_teacher_grades_it(make, learner_user, now):
    teacher = make.teacher()
    quiz = Quiz.objects.create(owner=teacher, title_en="Q", title_ar="س", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=make.single_choice_def()), position=0)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=essay_def(min_words=3)), position=1)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    assert attempt.max_score == 3  # 1 + the essay's 2
    choice, essay = attempt.slots.order_by("position")
    service.attempt_save_response(attempt=attempt, position=0, raw=choice.question_type.correct_response(choice.definition),
                                  now=now)
    service.attempt_save_response(attempt=attempt, position=1, raw="بسبب الديون وطموح نابليون الثالث.", now=now)

    attempt = service.attempt_submit(attempt=attempt, now=now)
    essay.refresh_from_db()
    assert attempt.is_finished and attempt.needs_grading and attempt.score is None and attempt.percent is None
    assert essay.fraction is None and essay.state == SlotState.NEEDS_GRADING
    assert essay.steps.get(action=StepAction.FINISH).fraction is None
    grade = service.quiz_grade(quiz=quiz, attempts=[attempt])
    assert grade.needs_grading and grade.percent is None

    slot_grade(slot=essay, mark=Decimal("1.5"), comment="حجّة جيّدة.", grader=teacher, now=now)
    essay.refresh_from_db()
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert essay.state == SlotState.PARTIAL and essay.mark == Decimal("1.5") and essay.graded_by == teacher
    assert essay.steps.filter(action=StepAction.MANUAL).count() == 1
    assert not attempt.needs_grading and attempt.score == Decimal("2.5") and attempt.percent == Decimal("83.3")
    assert service.quiz_grade(quiz=quiz, attempts=[attempt]).percent == Decimal("83.3")


@pytest.mark.django_db
def test_an_empty_essay_counts_nothing_and_waits_for_no_one(make, learner_user, now):
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Q", title_ar="س", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=essay_def()))
    attempt = service.attempt_submit(attempt=service.attempt_start(quiz=quiz, learner=learner_user, now=now), now=now)
    slot = attempt.slots.get()
    assert slot.state == SlotState.UNANSWERED and not attempt.needs_grading and attempt.score == 0


@pytest.mark.django_db
def test_check_is_not_offered_for_an_essay_with_immediate_feedback(make, learner_user, client, now):
    from django.urls import reverse

    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Q", title_ar="س", is_published=True,
                               behaviour="immediate")
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=essay_def()))
    client.force_login(learner_user)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert 'value="check"' not in page and "data-essay-input" in page and 'dir="auto"' in page
    response = client.post(reverse("quizzes:answer", args=[attempt.pk, 0]), {"q0": "نص", "action": "check"})
    assert response.status_code == 302
    slot = attempt.slots.get()
    assert slot.response == "نص" and slot.tries == 0 and slot.fraction is None


# --- authoring ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_author_writes_an_essay_in_the_admin_with_its_options(client, make):
    from quizzes.models import Question

    teacher = make.teacher()
    bank = make.bank(owner=teacher)
    client.force_login(teacher)
    with translation.override("en"):
        add = reverse("admin:quizzes_question_add") + "?qtype=essay"
    form = client.get(add).content.decode()
    assert 'name="min_words"' in form and 'name="grader_info_ar"' in form and "TOTAL_FORMS" not in form
    data = {"bank": bank.pk, "qtype": "essay", "name": "Causes", "status": "published", "difficulty": "medium",
            "default_points": "4", "text_ar": "<p>لماذا تدخّلت فرنسا؟</p>", "text_en": "<p>Why did France intervene?</p>",
            "general_feedback_ar": "", "general_feedback_en": "", "explanation_ar": "", "explanation_en": "",
            "min_words": "300", "max_words": "100", "response_template_ar": "", "response_template_en": "",
            "grader_info_ar": "الديون", "grader_info_en": "The debts", "response_lines": ""}
    with translation.override("en"):
        refused = client.post(add, data)
    assert refused.status_code == 200 and "cannot be more than the most words" in refused.content.decode()
    with translation.override("en"):
        assert client.post(add, {**data, "max_words": "400"}).status_code == 302
    question = Question.objects.get(bank=bank)
    assert question.options["min_words"] == 300 and question.options["grader_info_en"] == "The debts"
    with translation.override("en"):
        preview = client.get(reverse("admin:quizzes_question_preview", args=[question.pk])).content.decode()
    assert "The debts" in preview and "الديون" in preview  # each pane in its language, for the author
