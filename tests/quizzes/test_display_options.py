"""One set of display options decides what every page shows: keys, marks and grades appear only where the
quiz's review settings and the feedback behaviour allow them."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from quizzes.display import DisplayOptions
from quizzes.models import Attempt, Behaviour, QuestionHint, QuestionsPerPage, ReviewTiming
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"quizzes:{name}", args=args)


def finish_right(learner, quiz):
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=timezone.now())
    for slot in attempt.slots.all():
        service.attempt_save_response(attempt=attempt, position=slot.position,
                                      raw=slot.question_type.correct_response(slot.definition), now=timezone.now())
    return service.attempt_submit(attempt=attempt, now=timezone.now())


@pytest.mark.parametrize("timing", [ReviewTiming.NEVER, ReviewTiming.AFTER_CLOSE])
def test_the_quiz_list_and_quiz_page_print_no_grade_the_review_hides(client, make, timing):
    learner = make.learner()
    quiz = make.quiz(questions=2, review_score=timing, attempts_allowed=3)
    assert finish_right(learner, quiz).percent == 100
    client.force_login(learner)
    for lang in ("en", "ar"):
        for page in (client.get(url("list", lang=lang)), client.get(url("quiz", quiz.pk, lang=lang))):
            text = re.sub(r"<[^>]+>", " ", page.content.decode().split("<main", 1)[1])
            assert "100" not in text  # neither the attempt's percent nor the quiz grade


def test_the_grade_shows_once_the_review_allows_it(client, make):
    learner = make.learner()
    quiz = make.quiz(questions=2, review_score=ReviewTiming.AFTER_CLOSE,
                     closes_at=timezone.now() + timezone.timedelta(days=1))
    finish_right(learner, quiz)
    client.force_login(learner)
    assert "grade: 100" not in client.get(url("list")).content.decode()
    with time_machine.travel(timezone.now() + timezone.timedelta(days=2)):
        assert "Your grade for this quiz: 100" in client.get(url("quiz", quiz.pk)).content.decode()


def test_a_wrong_first_check_shows_whether_it_was_right_but_not_the_key(client, make):
    """The retry must not be scored for free: the key waits until the question is finished."""
    learner = make.learner()
    quiz = make.quiz(questions=1, behaviour=Behaviour.IMMEDIATE, review_right_answers=ReviewTiming.IMMEDIATELY,
                     questions_per_page=QuestionsPerPage.ALL)
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    slot = attempt.slots.get()
    right = next(c for c in slot.definition.choices if c.fraction == 1)
    wrong = next(c for c in slot.definition.choices if c.fraction == 0)
    checked = client.post(url("answer", attempt.pk, 0), {"q0": wrong.key, "action": "check"},
                          HTTP_HX_REQUEST="true").content.decode()
    page = client.get(url("attempt", attempt.pk)).content.decode()
    for html in (checked, page):
        assert "feedback-wrong" in html  # whether it was right shows
        assert html.count("key-right") == 0  # no option is marked right
        assert html.count("key-wrong") == 0  # nor the pick to drop, while the retry is open
        assert "The Battle of Puebla." not in html  # the general feedback names the answer: not yet
        assert "Background" not in html
    finished = client.post(url("answer", attempt.pk, 0), {"q0": wrong.key, "action": "check"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "key-right" in finished and "The Battle of Puebla." in finished  # out of tries: finished
    assert right.key in finished


def test_the_key_never_shows_during_an_attempt_whose_quiz_never_shows_it(client, make):
    learner = make.learner()
    quiz = make.quiz(questions=1, behaviour=Behaviour.IMMEDIATE, review_right_answers=ReviewTiming.NEVER,
                     questions_per_page=QuestionsPerPage.ALL)
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    wrong = next(c for c in attempt.slots.get().definition.choices if c.fraction == 0)
    for _try in range(2):
        html = client.post(url("answer", attempt.pk, 0), {"q0": wrong.key, "action": "check"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "question-locked" in html and "key-right" not in html


def test_the_behaviour_adjusts_the_options_per_question(make):
    quiz = make.quiz(questions=1, behaviour=Behaviour.IMMEDIATE, review_right_answers=ReviewTiming.IMMEDIATELY)
    attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=timezone.now())
    slot = attempt.slots.get()
    from quizzes.rendering import attempt_display, slot_display

    base = attempt_display(attempt, timezone.now())
    assert slot_display(slot, attempt=attempt, base=base) == DisplayOptions.hidden()
    slot.tries, slot.fraction = 1, 0
    retry = slot_display(slot, attempt=attempt, base=base)
    assert retry.correctness and retry.feedback and not retry.right_answer and not retry.general_feedback
    slot.is_locked = True
    done = slot_display(slot, attempt=attempt, base=base)
    assert done.right_answer and done.general_feedback and done.readonly
    deferred = make.quiz(questions=1)
    other = service.attempt_start(quiz=deferred, learner=make.learner(), now=timezone.now())
    assert slot_display(other.slots.get(), attempt=other, base=attempt_display(other, timezone.now())) \
        == DisplayOptions.hidden()


def wrong_form(slot) -> dict:
    """Form data answering `slot` wrong, for each of the seven types."""
    d, name, field = slot.definition, slot.question_type.name, f"q{slot.position}"
    if name in ("single_choice", "true_false"):
        return {field: next(c.key for c in d.choices if c.fraction <= 0)}
    if name == "multiple_response":
        return {field: [c.key for c in d.choices if c.fraction <= 0]}
    if name == "short_answer":
        return {field: "Veracruz"}
    if name == "numerical":
        return {field: "1000"}
    if name == "matching":
        distractor = next(p.answer_key for p in d.pairs if p.is_distractor)
        return {f"{field}.{p.key}": distractor for p in d.pairs if not p.is_distractor}
    if name == "ordering":
        return {field: [item.key for item in reversed(d.items)]}
    if name == "cloze":
        return {f"{field}-{n}": "Bazaine" for n, gap in enumerate(d.options["gaps"], start=1)
                if gap["kind"] == "short_answer"}
    if name in ("gapselect", "ddwtos"):  # every gap filled with a word of its group that is not its own
        return {f"{field}-{gap.number}": next(c.key for c in gap.choices if c.text != gap.right.text)
                for gap in slot.question_type.gaps(d)}
    raise AssertionError(name)


@pytest.mark.parametrize("behaviour", [Behaviour.IMMEDIATE, Behaviour.INTERACTIVE])
@pytest.mark.parametrize("position", range(7))
def test_no_type_shows_its_key_while_a_retry_is_open(client, make, position, behaviour):
    """Every type, under both behaviours that check: after a wrong check with a try left, nothing names the right
    answer (with several tries, the hint shows instead); a true/false question, whose wrong try gives the answer
    away, has one try and is finished at once."""
    learner = make.learner()
    quiz = make.quiz(questions=7, behaviour=behaviour, review_right_answers=ReviewTiming.IMMEDIATELY,
                     review_feedback=ReviewTiming.IMMEDIATELY, questions_per_page=QuestionsPerPage.ALL)
    for quiz_question in quiz.fixed_questions.all():  # with a hint, every question has two tries
        QuestionHint.objects.create(question=quiz_question.question, text_ar="فكّر في التواريخ", text_en="Think of the dates")
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    slot = attempt.slots.get(position=position)
    html = client.post(url("answer", attempt.pk, position), {**wrong_form(slot), "action": "check"},
                       HTTP_HX_REQUEST="true").content.decode()
    slot.refresh_from_db()
    assert "feedback-wrong" in html or "feedback-partial" in html
    if slot.question_type.name == "true_false":
        assert slot.is_locked and slot.tries == 1
        return
    assert not slot.is_locked
    for sign in ("key-right", "key-wrong", "key-summary", "Background", "The Battle of Puebla."):
        assert sign not in html, (slot.question_type.name, sign)
    if behaviour == Behaviour.INTERACTIVE:
        assert "Think of the dates" in html and "Well done" not in html


@pytest.mark.parametrize("position", range(7))
def test_certainty_based_marking_shows_nothing_of_any_key_during_the_attempt(client, make, position):
    """Deferred feedback with certainty: a right answer given very surely shows no sign of being right."""
    learner = make.learner()
    quiz = make.quiz(questions=7, behaviour=Behaviour.DEFERRED_CBM, review_right_answers=ReviewTiming.IMMEDIATELY,
                     review_feedback=ReviewTiming.IMMEDIATELY, questions_per_page=QuestionsPerPage.ALL)
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    slot = attempt.slots.get(position=position)
    service.attempt_save_response(attempt=attempt, position=position, now=timezone.now(), certainty=3,
                                  raw=slot.question_type.correct_response(slot.definition))
    html = client.get(url("attempt", attempt.pk)).content.decode()
    assert 'name="q%d-certainty" value="3" checked' % position in html
    for sign in ("key-right", "key-wrong", "key-summary", "Background", "The Battle of Puebla.", "feedback-right",
                 "Well done", "CBM mark"):
        assert sign not in html, sign


def test_a_finished_question_shows_no_more_than_the_review_would_now(client, make):
    """Immediate feedback in a quiz whose review shows right answers and feedback only after it closes: the
    first attempt must not hand its keys to the second."""
    learner = make.learner()
    quiz = make.quiz(questions=1, behaviour=Behaviour.IMMEDIATE, attempts_allowed=2,
                     review_right_answers=ReviewTiming.AFTER_CLOSE, review_feedback=ReviewTiming.AFTER_CLOSE,
                     closes_at=timezone.now() + timezone.timedelta(days=3), questions_per_page=QuestionsPerPage.ALL)
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    wrong = next(c for c in attempt.slots.get().definition.choices if c.fraction == 0)
    for _try in range(2):
        html = client.post(url("answer", attempt.pk, 0), {"q0": wrong.key, "action": "check"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "question-locked" in html and "feedback-wrong" in html  # right or wrong: what immediate feedback is for
    for sign in ("key-right", "key-summary", "The Battle of Puebla.", "Background", "Well done"):
        assert sign not in html, sign


def cloze_quiz(make, **fields):
    """A quiz of one cloze question: a short answer, a number and a dropdown (tests/quizzes/question_types/
    test_cloze.py tests the type itself)."""
    from quizzes.models import Quiz, QuizQuestion
    from tests.quizzes.question_types.test_cloze import puebla

    teacher = make.teacher()
    quiz = Quiz.objects.create(owner=teacher, title_ar="اختبار", title_en="Quiz", is_published=True,
                               questions_per_page=QuestionsPerPage.ALL, **fields)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(bank_obj=make.bank(owner=teacher),
                                                                  definition=puebla()), position=0)
    return quiz


KEY_SIGNS = ("key-right", "key-wrong", "key-partial", "key-summary", "cloze-gap-", "Right answer")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_cloze_attempt_page_holds_no_key_until_the_review_allows_it(client, make, lang):
    """The stored text holds placeholders; the page holds the controls and nothing of the key (deferred)."""
    learner = make.learner()
    quiz = cloze_quiz(make, review_right_answers=ReviewTiming.AFTER_CLOSE, review_feedback=ReviewTiming.AFTER_CLOSE,
                      review_correctness=ReviewTiming.AFTER_CLOSE,
                      closes_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(learner)
    client.post(url("quiz", quiz.pk, lang=lang))
    attempt = Attempt.objects.get(learner=learner)
    page = client.get(url("attempt", attempt.pk, lang=lang)).content.decode()
    assert 'name="q0-2"' in page
    typed = re.sub(r"<select.*?</select>", "", page, flags=re.S)  # a dropdown's own choices are the question
    for secret in ("1862", "Zaragoza", "ثاراغوثا", "second siege", "الحصار الثاني", *KEY_SIGNS):
        assert secret not in typed, secret
    slot = attempt.slots.get()
    client.post(url("answer", attempt.pk, 0, lang=lang), {"q0-1": "1863", "q0-2": "Bazaine", "next": "stay"})
    client.post(url("submit", attempt.pk, lang=lang))
    review = client.get(url("review", attempt.pk, lang=lang)).content.decode()
    for secret in ("Zaragoza", "ثاراغوثا", "second siege", "الحصار الثاني", *KEY_SIGNS):
        assert secret not in review, secret
    with time_machine.travel(timezone.now() + timezone.timedelta(days=2)):
        later = client.get(url("review", attempt.pk, lang=lang)).content.decode()
    assert "key-summary" in later and "cloze-gap-wrong" in later and slot.definition.qtype == "cloze"


def test_a_cloze_with_a_retry_open_shows_no_key(client, make):
    learner = make.learner()
    quiz = cloze_quiz(make, behaviour=Behaviour.IMMEDIATE, review_right_answers=ReviewTiming.IMMEDIATELY)
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    html = client.post(url("answer", attempt.pk, 0), {"q0-1": "1863", "q0-2": "Bazaine", "action": "check"},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "feedback-wrong" in html or "feedback-partial" in html
    assert not attempt.slots.get().is_locked
    for sign in KEY_SIGNS:
        assert sign not in html, sign


@pytest.mark.parametrize("qtype", ["gapselect", "ddwtos"])
def test_no_gap_type_shows_its_key_while_a_retry_is_open(client, make, qtype):
    """Select missing words and drag and drop into text: nothing of the key after a wrong check with a try left;
    the per-gap marks and the right answers once the question is finished."""
    from quizzes.models import Quiz, QuizQuestion
    from tests.quizzes.question_types.gap_questions import puebla

    learner = make.learner()
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Q", title_ar="س", is_published=True,
                               behaviour=Behaviour.IMMEDIATE, review_right_answers=ReviewTiming.IMMEDIATELY)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=puebla(qtype)))
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner)
    slot = attempt.slots.get()
    html = client.post(url("answer", attempt.pk, 0), {**wrong_form(slot), "action": "check"},
                       HTTP_HX_REQUEST="true").content.decode()
    slot.refresh_from_db()
    assert "feedback-wrong" in html and not slot.is_locked
    for sign in ("key-right", "key-wrong", "key-summary", "gap-right", "gap-wrong", "(right:"):
        assert sign not in html, (qtype, sign)
    finished = client.post(url("answer", attempt.pk, 0), {**wrong_form(slot), "action": "check"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "key-summary" in finished and "gap-wrong" in finished and "(right: <bdi>Puebla</bdi>)" in finished
