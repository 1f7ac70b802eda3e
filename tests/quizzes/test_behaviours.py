"""The two behaviours of issue 11 walked through as a learner meets them: interactive with several tries (hints,
a penalty per try, countback) and deferred feedback with certainty-based marking (Moodle's tables)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from quizzes.behaviours import behaviour_for, cbm_fraction, cbm_summary
from quizzes.definitions import MatchingPairDef, QuestionDef, with_keys
from quizzes.display import DisplayOptions
from quizzes.models import Attempt, Behaviour, QuestionsPerPage, Quiz, QuizQuestion, ReviewTiming
from quizzes.question_types import registry
from quizzes.rendering import render_review
from quizzes.services import attempts as service
from quizzes.states import SlotState
from quizzes.statistics import quiz_item_statistics

pytestmark = pytest.mark.django_db

HINTS = [{"ar": "<p>تلميح أول</p>", "en": "<p>Hint one</p>"}, {"ar": "<p>تلميح ثانٍ</p>", "en": "<p>Hint two</p>"}]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def url(name, *args):
    with translation.override("en"):
        return reverse(f"quizzes:{name}", args=args)


def every_type():
    from tests.factories import definitions_of_every_type

    return definitions_of_every_type()


def hinted(definition: QuestionDef, hints: int = 2, penalty: Fraction | None = None) -> QuestionDef:
    definition.hints = [dict(hint) for hint in HINTS[:hints]]
    if penalty is not None:
        definition.penalty = penalty
    return definition


def quiz_of(make, *definitions, **fields) -> Quiz:
    owner = make.teacher()
    bank = make.bank(owner=owner)
    fields.setdefault("questions_per_page", QuestionsPerPage.ALL)
    quiz = Quiz.objects.create(owner=owner, title_ar="اختبار", title_en="Quiz", is_published=True, **fields)
    for position, definition in enumerate(definitions):
        QuizQuestion.objects.create(quiz=quiz, question=make.question(bank_obj=bank, definition=definition),
                                    position=position)
    return quiz


def right_and_wrong(slot):
    choices = slot.definition.choices
    return next(c.key for c in choices if c.fraction == 1), next(c.key for c in choices if c.fraction <= 0)


# =============================================================================================================
# Interactive with several tries
# =============================================================================================================
def test_interactive_wrong_twice_with_a_hint_each_time_then_right(make, learner_user, now):
    """Two hints make three tries; each wrong try shows its hint and costs the penalty: right at the third
    try keeps 1 − 2 × 1/3."""
    quiz = quiz_of(make, hinted(make.single_choice_def()), behaviour=Behaviour.INTERACTIVE)
    behaviour = behaviour_for(quiz)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    right, wrong = right_and_wrong(attempt.slots.get())
    assert behaviour.tries_left(attempt.slots.get()) == 3

    slot = service.attempt_check(attempt=attempt, position=0, raw=wrong, now=now)
    assert (slot.tries, slot.is_locked, slot.fraction, slot.state) == (1, False, 0, SlotState.WRONG)
    assert behaviour.is_try_again(slot) and behaviour.hint(slot, "en") == "<p>Hint one</p>"
    assert behaviour.tries_left(slot) == 2
    with pytest.raises(service.QuestionLocked, match="Try again"):  # read-only until "Try again"
        service.attempt_save_response(attempt=attempt, position=0, raw=right, now=now)

    slot = service.attempt_try_again(attempt=attempt, position=0, now=now)
    assert slot.fraction is None and not behaviour.is_try_again(slot) and behaviour.hint(slot, "en") == ""
    slot = service.attempt_check(attempt=attempt, position=0, raw=wrong, now=now)
    assert behaviour.hint(slot, "ar") == "<p>تلميح ثانٍ</p>" and behaviour.tries_left(slot) == 1
    service.attempt_try_again(attempt=attempt, position=0, now=now)
    slot = service.attempt_check(attempt=attempt, position=0, raw=right, now=now)
    assert slot.is_locked and slot.tries == 3 and slot.fraction == Decimal("0.3333333")
    assert behaviour.hint(slot, "en") == ""

    attempt = service.attempt_submit(attempt=attempt, now=now)
    slot = attempt.slots.get()
    assert attempt.score == Decimal("0.333") and slot.fraction == Decimal("0.3333333")
    assert slot.state == SlotState.PARTIAL  # the mark is partial; the last try itself was right
    assert [s.action for s in slot.steps.all()].count("check") == 3


def test_interactive_right_first_time_keeps_full_marks(make, learner_user, now):
    quiz = quiz_of(make, hinted(make.single_choice_def()), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    right, _wrong = right_and_wrong(attempt.slots.get())
    slot = service.attempt_check(attempt=attempt, position=0, raw=right, now=now)
    assert slot.is_locked and slot.fraction == 1
    assert service.attempt_submit(attempt=attempt, now=now).score == 1


def test_interactive_partly_right_and_finished_while_a_try_is_left_pays_for_the_try(make, learner_user, now):
    """Moodle's process_finish: the wrong check used up its try, so the answer left standing is graded less
    one penalty (1/2 − 1/3)."""
    quiz = quiz_of(make, hinted(every_type()[1], hints=1), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    slot = attempt.slots.get()
    france = next(c.key for c in slot.definition.choices if c.text["en"] == "France")
    slot = service.attempt_check(attempt=attempt, position=0, raw=[france], now=now)
    assert slot.state == SlotState.PARTIAL and behaviour_for(quiz).is_try_again(slot)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.slots.get().fraction == Decimal("0.1666667") and attempt.score == Decimal("0.167")


def test_interactive_wrong_on_the_last_try_is_finished_wrong(make, learner_user, now):
    quiz = quiz_of(make, hinted(make.single_choice_def(), hints=1), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    _right, wrong = right_and_wrong(attempt.slots.get())
    service.attempt_check(attempt=attempt, position=0, raw=wrong, now=now)
    service.attempt_try_again(attempt=attempt, position=0, now=now)
    slot = service.attempt_check(attempt=attempt, position=0, raw=wrong, now=now)
    assert slot.is_locked and slot.fraction == 0 and behaviour_for(quiz).tries_left(slot) == 0
    assert service.attempt_submit(attempt=attempt, now=now).score == 0


def test_interactive_unchecked_questions_are_graded_at_submission_without_penalty(make, learner_user, now):
    quiz = quiz_of(make, hinted(make.single_choice_def()), hinted(make.single_choice_def()),
                   behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    first, second = attempt.slots.all()
    service.attempt_save_response(attempt=attempt, position=0, raw=right_and_wrong(first)[0], now=now)
    # The second is checked wrong once, then changed to right and never checked: one try was used.
    service.attempt_check(attempt=attempt, position=1, raw=right_and_wrong(second)[1], now=now)
    service.attempt_try_again(attempt=attempt, position=1, now=now)
    service.attempt_save_response(attempt=attempt, position=1, raw=right_and_wrong(second)[0], now=now)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert [slot.fraction for slot in attempt.slots.all()] == [1, Decimal("0.6666667")]
    assert attempt.score == Decimal("1.667")


def test_interactive_a_check_without_an_answer_uses_no_try(make, learner_user, now):
    quiz = quiz_of(make, hinted(make.single_choice_def()), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    with pytest.raises(ValidationError, match="Answer the question before checking it."):
        service.attempt_check(attempt=attempt, position=0, raw=None, now=now)
    slot = attempt.slots.get()
    assert slot.tries == 0 and not slot.steps.filter(action="check").exists()


def test_interactive_without_hints_has_one_try_and_true_false_keeps_its_one(make, learner_user, now):
    quiz = quiz_of(make, make.single_choice_def(), hinted(every_type()[2]), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    for slot in attempt.slots.all():
        wrong = right_and_wrong(slot)[1]
        checked = service.attempt_check(attempt=attempt, position=slot.position, raw=wrong, now=now)
        assert checked.is_locked and checked.tries == 1 and checked.fraction == 0


def test_interactive_penalty_is_the_questions_own(make, learner_user, now):
    quiz = quiz_of(make, hinted(make.single_choice_def(), penalty=Fraction(1, 10)), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    right, wrong = right_and_wrong(attempt.slots.get())
    service.attempt_check(attempt=attempt, position=0, raw=wrong, now=now)
    service.attempt_try_again(attempt=attempt, position=0, now=now)
    assert service.attempt_check(attempt=attempt, position=0, raw=right, now=now).fraction == Decimal("0.9")


# --- countback ---------------------------------------------------------------------------------------------
def four_part_matching() -> QuestionDef:
    t = lambda text: {"ar": text, "en": text}  # noqa: E731
    return with_keys(QuestionDef(qtype="matching", text=t("Match"), pairs=[
        MatchingPairDef(t("Landing"), t("December")), MatchingPairDef(t("Battle"), t("May")),
        MatchingPairDef(t("Siege"), t("March")), MatchingPairDef(t("Execution"), t("June")),
        MatchingPairDef({}, t("August")),
    ]))


def test_matching_countback_is_moodles_worked_example():
    """qbehaviour_interactivecountback's example: part 1 right throughout (1), part 2 right, changed, right at
    the third try (1/3), part 3 right from the second try (2/3), part 4 never (0): 2/4."""
    matching = registry.get("matching")
    d = four_part_matching()
    landing, battle, siege, execution, distractor = d.pairs
    wrong = distractor.answer_key
    tries = [
        {landing.key: landing.answer_key, battle.key: battle.answer_key, siege.key: wrong, execution.key: wrong},
        {landing.key: landing.answer_key, battle.key: wrong, siege.key: siege.answer_key, execution.key: wrong},
        {landing.key: landing.answer_key, battle.key: battle.answer_key, siege.key: siege.answer_key,
         execution.key: wrong},
    ]
    assert matching.compute_final_grade(d, tries, Fraction(1, 3)) == Fraction(1, 2)
    # The default (last try less a penalty per earlier try) would have given 3/4 − 2/3.
    default = super(type(matching), matching).compute_final_grade(d, tries, Fraction(1, 3))
    assert default == Fraction(3, 4) - Fraction(2, 3)


def test_default_final_grade_is_the_last_try_less_a_penalty_per_earlier_try_never_below_zero():
    single = registry.get("single_choice")
    d = with_keys(every_type()[0])
    right, wrong = d.choices[0].key, d.choices[1].key
    assert single.compute_final_grade(d, [right], Fraction(1, 3)) == 1
    assert single.compute_final_grade(d, [wrong, wrong, right], Fraction(1, 4)) == Fraction(1, 2)
    assert single.compute_final_grade(d, [wrong, wrong, wrong, right], Fraction(1, 2)) == 0
    assert single.compute_final_grade(d, [], Fraction(1, 3)) == 0


def test_interactive_matching_credits_the_parts_right_since_an_earlier_try(make, learner_user, now):
    quiz = quiz_of(make, hinted(every_type()[5], hints=1), behaviour=Behaviour.INTERACTIVE)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    pairs = attempt.slots.get().definition.pairs
    landing, battle, distractor = pairs
    first = {landing.key: landing.answer_key, battle.key: distractor.answer_key}
    slot = service.attempt_check(attempt=attempt, position=0, raw=first, now=now)
    assert slot.fraction == Decimal("0.5") and slot.state == SlotState.PARTIAL
    service.attempt_try_again(attempt=attempt, position=0, now=now)
    second = {landing.key: landing.answer_key, battle.key: battle.answer_key}
    slot = service.attempt_check(attempt=attempt, position=0, raw=second, now=now)
    # Landing right from the first try (1), Battle from the second (2/3): 5/6, not 1 − 1/3.
    assert slot.is_locked and slot.fraction == Decimal("0.8333333")


# --- pages ---------------------------------------------------------------------------------------------------
def start_on_page(client, learner, quiz):
    client.force_login(learner)
    client.post(url("quiz", quiz.pk))
    return Attempt.objects.get(learner=learner, quiz=quiz)


def test_interactive_pages_show_the_hint_after_a_wrong_try_only_and_the_key_once_finished(client, make):
    learner = make.learner()
    quiz = quiz_of(make, hinted(every_type()[0], hints=1), behaviour=Behaviour.INTERACTIVE,
                   review_right_answers=ReviewTiming.IMMEDIATELY, review_feedback=ReviewTiming.IMMEDIATELY)
    attempt = start_on_page(client, learner, quiz)
    right, wrong = right_and_wrong(attempt.slots.get())
    before = client.get(url("attempt", attempt.pk)).content.decode()
    assert "Hint one" not in before and "2 tries left" in before and 'value="check"' in before

    checked = client.post(url("answer", attempt.pk, 0), {"q0": wrong, "action": "check"},
                          HTTP_HX_REQUEST="true").content.decode()
    page = client.get(url("attempt", attempt.pk)).content.decode()
    for html in (checked, page):
        assert "Hint one" in html and "feedback-wrong" in html and "1 try left." in html
        assert 'value="try_again"' in html and 'value="check"' not in html
        for sign in ("key-right", "key-wrong", "key-summary", "The Battle of Puebla.", "Background"):
            assert sign not in html, sign
    assert "nav-try-again" not in page  # one page, no navigator; see the one-per-page test

    again = client.post(url("answer", attempt.pk, 0), {"action": "try_again"}, HTTP_HX_REQUEST="true")
    assert "Hint one" not in again.content.decode() and 'value="check"' in again.content.decode()
    finished = client.post(url("answer", attempt.pk, 0), {"q0": right, "action": "check"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "Right!" in finished and "key-right" in finished and "The Battle of Puebla." in finished
    assert "Hint one" not in finished and 'value="try_again"' not in finished


def test_interactive_without_javascript_checks_and_tries_again_with_plain_posts(client, make):
    learner = make.learner()
    quiz = quiz_of(make, hinted(make.single_choice_def()), make.single_choice_def(), behaviour=Behaviour.INTERACTIVE,
                   questions_per_page=QuestionsPerPage.ONE)
    attempt = start_on_page(client, learner, quiz)
    _right, wrong = right_and_wrong(attempt.slots.get(position=0))
    response = client.post(url("answer", attempt.pk, 0), {"q0": wrong, "action": "check"})
    assert response.status_code == 302 and response.url.endswith("?page=0#q0")
    page = client.get(response.url).content.decode()
    assert "Hint one" in page and "nav-try-again" in page
    response = client.post(url("answer", attempt.pk, 0), {"action": "try_again"})
    assert response.status_code == 302
    slot = attempt.slots.get(position=0)
    assert slot.fraction is None and slot.tries == 1


def test_interactive_attempt_page_queries_do_not_grow_with_the_questions(client, make):
    """The try-again state lives on the slot (no CHECK steps are read to show a page)."""
    counts = []
    for size in (2, 6):
        learner = make.learner()
        quiz = quiz_of(make, *[hinted(make.single_choice_def()) for _ in range(size)],
                       behaviour=Behaviour.INTERACTIVE)
        attempt = start_on_page(client, learner, quiz)
        for slot in attempt.slots.all():
            service.attempt_check(attempt=attempt, position=slot.position, raw=right_and_wrong(slot)[1],
                                  now=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("attempt", attempt.pk)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# =============================================================================================================
# Deferred feedback with certainty-based marking
# =============================================================================================================
@pytest.mark.parametrize("fraction, certainty, mark", [
    (1, 1, 1), (1, 2, 2), (1, 3, 3), (0, 1, 0), (0, 2, -2), (0, 3, -6),
    (Fraction(1, 2), 3, Fraction(3, 2)), (Fraction(1, 2), 2, 1), (Fraction(1, 2), None, Fraction(1, 2)), (0, None, 0),
])
def test_cbm_marks_follow_moodles_table(fraction, certainty, mark):
    assert cbm_fraction(Fraction(fraction), certainty) == mark


def cbm_quiz(make):
    """Four single-choice questions and a multiple-response one (France alone is half right), a point each."""
    sc = make.single_choice_def
    return quiz_of(make, sc(), sc(), sc(), every_type()[1], sc(), behaviour=Behaviour.DEFERRED_CBM)


def answer_cbm(attempt, now):
    """Right at C=3, wrong at C=3, right without a certainty, half right at C=2, unanswered at C=3."""
    slots = list(attempt.slots.all())
    france = next(c.key for c in slots[3].definition.choices if c.text["en"] == "France")
    plan = [(right_and_wrong(slots[0])[0], 3), (right_and_wrong(slots[1])[1], 3), (right_and_wrong(slots[2])[0], None),
            ([france], 2), (None, 3)]
    for slot, (raw, certainty) in zip(slots, plan):
        service.attempt_save_response(attempt=attempt, position=slot.position, raw=raw, now=now, certainty=certainty)


def test_cbm_walkthrough_marks_the_total_and_keeps_the_accuracy(make, learner_user, now):
    quiz = cbm_quiz(make)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    answer_cbm(attempt, now)
    assert [slot.certainty for slot in attempt.slots.all()] == [3, 3, None, 2, 3]
    attempt = service.attempt_submit(attempt=attempt, now=now)
    slots = list(attempt.slots.all())
    # The slot keeps the type's grade (accuracy); the behaviour derives the CBM mark from it.
    assert [slot.fraction for slot in slots] == [1, 0, 1, Decimal("0.5"), 0]
    assert [behaviour_for(quiz).mark_fraction(slot) for slot in slots] == [3, -6, 1, 1, 0]
    assert attempt.score == Decimal("-1") and attempt.max_score == 5 and attempt.percent == Decimal("-20.0")

    summary = cbm_summary(slots)
    assert (summary.questions, summary.not_answered) == (5, 1)
    assert summary.accuracy == Fraction(1, 2) and summary.average_cbm == Fraction(-1, 5)
    # Moodle's bonus: 0.1 × (−0.2 − the best single certainty's expectation at 50 %, C=1's 0.5).
    assert summary.bonus == Fraction(-7, 100)
    by_level = {row.certainty: (row.count, row.accuracy, row.judgement) for row in summary.rows}
    assert by_level == {1: (1, 1, "a bit under-confident"), 2: (1, Fraction(1, 2), "a bit over-confident"),
                        3: (2, Fraction(1, 2), "a bit over-confident")}


def test_cbm_all_right_and_very_sure_is_three_hundred_percent(make, learner_user, now):
    quiz = quiz_of(make, make.single_choice_def(), make.single_choice_def(), behaviour=Behaviour.DEFERRED_CBM)
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    for slot in attempt.slots.all():
        service.attempt_save_response(attempt=attempt, position=slot.position, raw=right_and_wrong(slot)[0], now=now,
                                      certainty=3)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    assert attempt.percent == 300 and cbm_summary(attempt.slots.all()).bonus == Fraction(0)


def test_cbm_review_shows_the_summary_and_each_certainty(client, make):
    learner = make.learner()
    quiz = cbm_quiz(make)
    attempt = start_on_page(client, learner, quiz)
    answer_cbm(attempt, timezone.now())
    service.attempt_submit(attempt=attempt, now=timezone.now())
    html = client.get(url("review", attempt.pk)).content.decode()
    for text in ("CBM grade", "<bdi>-20.0%</bdi>", "Average CBM mark", "<bdi>-0.20</bdi>", "Accuracy",
                 "<bdi>50.0%</bdi>", "CBM bonus", "<bdi>-7.0%</bdi>", "<bdi>43.0%</bdi>",
                 "Certainty: Very (more than 80 %)", "Certainty: Fairly (more than 67 %)",
                 "No certainty chosen; counted as: Not very (less than 67 %)", "CBM mark: <bdi>-6</bdi>",
                 "CBM mark: <bdi>3</bdi>", "a bit over-confident"):
        assert text in html, text
    teacher = "".join(render_review(attempt.slots.all(), display=DisplayOptions.everything(), language="en",
                                    teacher=True))
    assert "Certainty: Very (more than 80 %)" in teacher and "CBM mark: <bdi>-6</bdi>" in teacher


def test_cbm_review_hides_marks_the_review_settings_hide_but_shows_the_certainty(client, make):
    learner = make.learner()
    quiz = quiz_of(make, make.single_choice_def(), behaviour=Behaviour.DEFERRED_CBM, review_score=ReviewTiming.NEVER)
    attempt = start_on_page(client, learner, quiz)
    service.attempt_save_response(attempt=attempt, position=0, raw=right_and_wrong(attempt.slots.get())[1],
                                  now=timezone.now(), certainty=3)
    service.attempt_submit(attempt=attempt, now=timezone.now())
    html = client.get(url("review", attempt.pk)).content.decode()
    assert "Certainty: Very (more than 80 %)" in html
    assert "CBM mark" not in html and "CBM bonus" not in html and "-6" not in html


def test_cbm_item_statistics_stay_on_accuracy(make, now):
    quiz = quiz_of(make, make.single_choice_def(), make.single_choice_def(), behaviour=Behaviour.DEFERRED_CBM)
    for right in (True, False):
        attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        for slot in attempt.slots.all():
            key = right_and_wrong(slot)[0 if right else 1]
            service.attempt_save_response(attempt=attempt, position=slot.position, raw=key, now=now, certainty=3)
        service.attempt_submit(attempt=attempt, now=now)
    report = quiz_item_statistics(quiz=quiz)
    # Half right: 50 %, whatever the CBM marks (3 and −6) would make of it.
    assert [item.facility for item in report.items] == [50.0, 50.0]
    assert report.summary.mean == 50.0


# --- the save path -----------------------------------------------------------------------------------------
def test_certainty_is_saved_by_autosave_and_by_the_plain_form(client, make):
    learner = make.learner()
    quiz = quiz_of(make, make.single_choice_def(), make.single_choice_def(), behaviour=Behaviour.DEFERRED_CBM)
    attempt = start_on_page(client, learner, quiz)
    page = client.get(url("attempt", attempt.pk)).content.decode()
    assert page.count('name="q0-certainty"') == 3 and "Very (more than 80 %)" in page and 'value="check"' not in page
    right = right_and_wrong(attempt.slots.get(position=0))[0]
    saved = client.post(url("answer", attempt.pk, 0), {"q0": right, "q0-certainty": "3"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "Saved at" in saved.content.decode()
    assert attempt.slots.get(position=0).certainty == 3
    # The certainty alone changes: saved too.
    client.post(url("answer", attempt.pk, 0), {"q0": right, "q0-certainty": "2"}, HTTP_HX_REQUEST="true")
    assert attempt.slots.get(position=0).certainty == 2
    # Without JavaScript: an ordinary post, then back to the page.
    plain = client.post(url("answer", attempt.pk, 1), {"q1": right_and_wrong(attempt.slots.get(position=1))[1],
                                                       "q1-certainty": "1", "next": "stay"})
    assert plain.status_code == 302 and attempt.slots.get(position=1).certainty == 1
    assert 'value="1" checked' in client.get(url("attempt", attempt.pk)).content.decode()
    assert client.post(url("answer", attempt.pk, 0), {"q0": right, "q0-certainty": "7"}).status_code == 400
    assert attempt.slots.get(position=0).certainty == 2


def test_certainty_is_neither_asked_nor_kept_under_other_behaviours(client, make):
    learner = make.learner()
    quiz = quiz_of(make, make.single_choice_def(), behaviour=Behaviour.DEFERRED)
    attempt = start_on_page(client, learner, quiz)
    assert "certainty" not in client.get(url("attempt", attempt.pk)).content.decode()
    client.post(url("answer", attempt.pk, 0), {"q0": right_and_wrong(attempt.slots.get())[0], "q0-certainty": "3"},
                HTTP_HX_REQUEST="true")
    assert attempt.slots.get().certainty is None


def test_the_start_page_explains_each_behaviour(client, make):
    client.force_login(make.learner())
    expected = {Behaviour.DEFERRED: "Exam: your answers are saved", Behaviour.IMMEDIATE: "Practice: check each answer",
                Behaviour.INTERACTIVE: "Several tries", Behaviour.DEFERRED_CBM: "say how sure you are"}
    for behaviour, text in expected.items():
        quiz = quiz_of(make, make.single_choice_def(), behaviour=behaviour)
        assert text in client.get(url("quiz", quiz.pk)).content.decode()
