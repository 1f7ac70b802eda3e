"""Item statistics against hand-computed values, then against real attempts in the database.

The small data set: five learners A–E answer three questions worth 1 point each.

            Q1 true/false   Q2 multiple response   Q3 single choice (4 choices)   total   score %
    A            1                 0.5                      1                       2.5     83.33
    B            1                 1                        0                       2       66.67
    C            0                 0.5                      1                       1.5     50
    D            0                 0                        1                       1       33.33
    E            0                 0.5                      0                       0.5     16.67

Totals: mean 1.5, deviations 1, .5, 0, −.5, −1; Σd² = 2.5; sample variance 2.5/4 = .625.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from quizzes import definitions as defs
from quizzes import statistics as st
from quizzes.definitions import ChoiceDef, QuestionDef
from quizzes.models import Attempt
from quizzes.services import attempts as service


def t(text):
    return {"ar": text, "en": text}


Q1 = QuestionDef(qtype="true_false", name="q1", text=t("<p>Q1</p>"),
                 choices=[ChoiceDef(t("True"), Fraction(1), key="t"), ChoiceDef(t("False"), Fraction(0), key="f")])
Q2 = QuestionDef(qtype="multiple_response", name="q2", text=t("Q2"),
                 choices=[ChoiceDef(t("a"), Fraction(1, 2), key="a"), ChoiceDef(t("b"), Fraction(1, 2), key="b"),
                          ChoiceDef(t("c"), Fraction(0), key="c")])
Q3 = QuestionDef(qtype="single_choice", name="q3", text=t("Q3"),
                 choices=[ChoiceDef(t(key), Fraction(int(key == "r")), key=key) for key in ("r", "x", "y", "z")])
SNAPSHOTS = {1: defs.to_json(Q1), 2: defs.to_json(Q2), 3: defs.to_json(Q3)}

MARKS = {1: [1, 1, 0, 0, 0], 2: [0.5, 1, 0.5, 0, 0.5], 3: [1, 0, 1, 1, 0]}
# E left Q1 blank; D ticked a right and a wrong option of Q2 (½ − ½ = 0); B and E fell for distractor x of Q3.
RESPONSES = {
    1: ["t", "t", "f", "f", None],
    2: [["a"], ["a", "b"], ["b"], ["a", "c"], ["a"]],
    3: ["r", "x", "r", "r", "x"],
}


def row(attempt, question, position, fraction, response=None, *, points=1, language="ar", answered_in=""):
    """A tuple in statistics.ROW_FIELDS order (the learner is the attempt's number here)."""
    return (attempt, attempt, language, question, position, Decimal(str(fraction)), Decimal(points), answered_in,
            response)


def hand_rows():
    return [row(a, q, q - 1, MARKS[q][a], RESPONSES[q][a]) for a in range(5) for q in (1, 2, 3)]


@pytest.fixture
def report():
    return st.compute(hand_rows(), SNAPSHOTS)


def item(report, question_id):
    return next(i for i in report.items if i.question_id == question_id)


# --- the pure functions ----------------------------------------------------------------------------
def test_facility_is_the_mean_fraction_times_100():
    # Q1: (1 + 1 + 0 + 0 + 0) / 5 = 0.4 → 40.
    assert st.facility(MARKS[1]) == pytest.approx(40)
    assert st.facility([]) is None


def test_sample_sd_divides_by_n_minus_1():
    # Q1: mean .4, deviations .6 .6 −.4 −.4 −.4; Σd² = .72 + .48 = 1.2; variance 1.2/4 = .3; SD √.3 = .5477.
    assert st.sample_variance(MARKS[1]) == pytest.approx(0.3)
    assert st.sample_sd(MARKS[1]) == pytest.approx(0.547723, abs=1e-6)
    assert st.sample_sd([1]) is None


def test_discrimination_correlates_the_item_with_the_rest_of_the_test():
    # Q1 marks 1 1 0 0 0 (mean .4, d = .6 .6 −.4 −.4 −.4, Σd² = 1.2);
    # rest = total − Q1 = 1.5 1 1.5 1 .5 (mean 1.1, d = .4 −.1 .4 −.1 −.6, Σd² = .16+.01+.16+.01+.36 = .7);
    # Σ products = .24 − .06 − .16 + .04 + .24 = .30; r = .3 / √(1.2 × .7) = .3 / .916515 = .327327.
    assert st.discrimination([1, 1, 0, 0, 0], [1.5, 1, 1.5, 1, 0.5]) == pytest.approx(32.7327, abs=1e-4)


def test_discrimination_is_negative_when_weak_learners_get_it_right():
    # Q3 marks 1 0 1 1 0 (mean .6, d = .4 −.6 .4 .4 −.6, Σd² = 1.2);
    # rest 1.5 2 .5 0 .5 (mean .9, d = .6 1.1 −.4 −.9 −.4, Σd² = .36+1.21+.16+.81+.16 = 2.7);
    # Σ products = .24 − .66 − .16 − .36 + .24 = −.70; r = −.7 / √(1.2 × 2.7) = −.7 / 1.8 = −.388889.
    assert st.discrimination([1, 0, 1, 1, 0], [1.5, 2, 0.5, 0, 0.5]) == pytest.approx(-38.8889, abs=1e-4)


def test_discrimination_is_undefined_without_spread_or_with_one_answer():
    assert st.discrimination([1, 1, 1], [0, 1, 2]) is None
    assert st.discrimination([0, 1, 1], [2, 2, 2]) is None
    assert st.discrimination([1], [2]) is None


def test_discriminative_efficiency_divides_by_the_covariance_of_the_sorted_marks():
    # Q1: Σ products = .30 (above). Sorted marks 0 0 0 1 1 (d = −.4 −.4 −.4 .6 .6) against sorted rests
    # .5 1 1 1.5 1.5 (d = −.6 −.1 −.1 .4 .4): Σ = .24 + .04 + .04 + .24 + .24 = .80; DE = .30 / .80 = 37.5 %.
    assert st.discriminative_efficiency([1, 1, 0, 0, 0], [1.5, 1, 1.5, 1, 0.5]) == pytest.approx(37.5)
    # Q3: Σ products = −.70. Sorted 0 0 1 1 1 (d = −.6 −.6 .4 .4 .4) against 0 .5 .5 1.5 2 (d = −.9 −.4 −.4 .6 1.1):
    # Σ = .54 + .24 − .16 + .24 + .44 = 1.30; DE = −.7 / 1.3 = −53.846 %.
    assert st.discriminative_efficiency([1, 0, 1, 1, 0], [1.5, 2, 0.5, 0, 0.5]) == pytest.approx(-53.8462, abs=1e-4)
    assert st.discriminative_efficiency([1, 1], [0, 1]) is None


def test_cronbach_alpha_error_ratio_and_standard_error():
    # Two items of variance .25 each, total variance .9: alpha = 2/1 × (1 − .5/.9) = 2 × 4/9 = 8/9 = .8889;
    # error ratio = 100 × √(1 − 8/9) = 100/3 = 33.33; SE with SD 15 = 33.33/100 × 15 = 5.
    alpha = st.cronbach_alpha([0.25, 0.25], 0.9, 2)
    assert alpha == pytest.approx(8 / 9)
    assert st.error_ratio(alpha) == pytest.approx(100 / 3)
    assert st.standard_error(st.error_ratio(alpha), 15) == pytest.approx(5)
    # The data set: item variances .3 (Q1), .125 (Q2: d = 0 .5 0 −.5 0, Σd² = .5, /4), .3 (Q3); totals .625:
    # alpha = 3/2 × (1 − .725/.625) = 1.5 × (1 − 1.16) = −.24 (a negative item drags it below zero).
    assert st.cronbach_alpha([0.3, 0.125, 0.3], 0.625, 3) == pytest.approx(-0.24)
    assert st.cronbach_alpha([0.3], 0.625, 1) is None
    assert st.cronbach_alpha([0.3, 0.1], 0, 2) is None
    assert st.error_ratio(None) is None


def test_skewness_and_kurtosis_use_moodles_k_statistics():
    # Totals 2.5 2 1.5 1 .5: d = 1 .5 0 −.5 −1; m2 = 2.5/5 = .5, m3 = 0, m4 = (1 + .0625 + 0 + .0625 + 1)/5 = .425;
    # k2 = 5 × .5 / 4 = .625; k4 = 25 × (6 × .425 − 3 × 4 × .25) / (4 × 3 × 2) = 25 × (−.45) / 24 = −.46875;
    # kurtosis = k4 / k2² = −.46875 / .390625 = −1.2; symmetric, so skewness 0.
    totals = [2.5, 2, 1.5, 1, 0.5]
    assert st.skewness(totals) == pytest.approx(0, abs=1e-9)
    assert st.kurtosis(totals) == pytest.approx(-1.2)
    # Skewed right: d for 0 0 0 3 is −.75 −.75 −.75 2.25; m2 = 6.75/4 = 1.6875, m3 = (3 × −.421875 + 11.390625)/4
    # = 2.53125; k2 = 4 × 1.6875 / 3 = 2.25; k3 = 16 × 2.53125 / (3 × 2) = 6.75; skewness = 6.75 / 2.25^1.5 = 2.
    assert st.skewness([0, 0, 0, 3]) == pytest.approx(2)
    assert st.skewness([1, 2]) is None and st.kurtosis([1, 2, 3]) is None


def test_flags_follow_the_documented_thresholds():
    flags = lambda **kw: st.item_flags(**{"count": 20, "sd": 30.0, "random_guess": 0.0, **kw})  # noqa: E731
    assert flags(facility=95.0, discrimination=40.0) == ["too_easy"]
    assert flags(facility=90.0, discrimination=40.0) == []
    assert flags(facility=5.0, discrimination=40.0) == ["too_hard"]
    assert flags(facility=50.0, discrimination=-3.0) == ["negative_discrimination"]
    assert flags(facility=50.0, discrimination=19.9) == ["weak_discrimination"]
    assert flags(facility=50.0, discrimination=20.0) == []
    assert flags(facility=55.0, discrimination=40.0, random_guess=50.0) == ["guessing"]
    assert flags(facility=60.0, discrimination=40.0, random_guess=50.0) == []
    assert flags(facility=50.0, discrimination=None, sd=0.0) == ["no_spread"]
    assert flags(facility=100.0, discrimination=None, sd=0.0) == ["too_easy"]
    assert st.item_flags(count=4, facility=100.0, sd=0.0, discrimination=None, random_guess=None) == ["few_answers"]


def test_flag_messages_are_plain_words_in_the_active_language():
    with translation.override("en"):
        assert str(st.FLAG_MESSAGES["weak_discrimination"]) == "does not separate strong from weak learners"
        assert "check the key" in str(st.FLAG_MESSAGES["negative_discrimination"])


# --- the data set through compute() ---------------------------------------------------------------
def test_the_data_set_gives_the_hand_computed_item_statistics(report):
    q1, q2, q3 = item(report, 1), item(report, 2), item(report, 3)
    assert [i.question_id for i in report.items] == [1, 2, 3] and [i.number for i in report.items] == [1, 2, 3]
    assert (q1.count, q1.facility, q2.facility, q3.facility) == (5, pytest.approx(40), pytest.approx(50),
                                                                pytest.approx(60))
    # SD in % of the points: Q1 and Q3 √.3 = 54.77; Q2 √.125 = 35.36.
    assert q1.sd == pytest.approx(54.7723, abs=1e-4) and q3.sd == pytest.approx(54.7723, abs=1e-4)
    assert q2.sd == pytest.approx(35.3553, abs=1e-4)
    assert q1.discrimination == pytest.approx(32.7327, abs=1e-4)
    # Q2: d = 0 .5 0 −.5 0 against rest 2 1 1 1 0 (d = 1 0 0 0 −1): Σ products = 0 → D = 0, DE = 0.
    assert q2.discrimination == 0 and q2.efficiency == 0
    assert q3.discrimination == pytest.approx(-38.8889, abs=1e-4)
    assert q1.efficiency == pytest.approx(37.5) and q3.efficiency == pytest.approx(-53.8462, abs=1e-4)


def test_random_guess_scores_come_from_the_question_types(report):
    # True/false 1/2; single choice with one right of four 1/4; multiple response with weights ½ ½ −½:
    # of the 8 ways to tick, {a} {b} {a,b,c} earn ½, {a,b} earns 1, the rest 0 → 2.5/8 = 31.25 %.
    assert item(report, 1).random_guess == pytest.approx(50)
    assert item(report, 2).random_guess == pytest.approx(31.25)
    assert item(report, 3).random_guess == pytest.approx(25)


def test_the_data_set_flags_guessing_weak_and_negative_discrimination(report):
    # Q1: facility 40 < guess 50 + 10. Q2: 0 ≤ D < 20. Q3: D < 0.
    assert item(report, 1).flags == ["guessing"]
    assert item(report, 2).flags == ["weak_discrimination"]
    assert item(report, 3).flags == ["negative_discrimination"]
    with translation.override("en"):
        assert [str(m) for m in item(report, 2).flag_messages] == ["does not separate strong from weak learners"]


def test_the_quiz_summary_of_the_data_set(report):
    summary = report.summary
    assert (summary.attempts, summary.learners, summary.is_fixed) == (5, 5, True)
    # Scores 83.33 66.67 50 33.33 16.67 %: mean 50, median 50; SD √.625 / 3 × 100 = .790569 / 3 × 100 = 26.352.
    assert summary.mean == pytest.approx(50) and summary.median == pytest.approx(50)
    assert summary.sd == pytest.approx(26.3523, abs=1e-4)
    assert summary.skewness == pytest.approx(0, abs=1e-9) and summary.kurtosis == pytest.approx(-1.2)
    # alpha −.24 (above); error ratio 100 × √1.24 = 111.355; SE = 1.11355 × 26.3523 = 29.345.
    assert summary.alpha == pytest.approx(-0.24) and summary.alpha_percent == pytest.approx(-24)
    assert summary.error_ratio == pytest.approx(111.3553, abs=1e-4)
    assert summary.standard_error == pytest.approx(29.3447, abs=1e-4)
    assert summary.flags == ["few_attempts", "low_consistency"]
    with translation.override("en"):
        few, low = (str(message) for message in summary.flag_messages)
    assert few.startswith("Fewer than 30 attempts:") and "(Cronbach's alpha below 64%)" in low


def test_choice_counts_show_which_distractor_attracted_whom(report):
    # Median score 50 %: strong half A (83) and B (67), weak half D (33) and E (17); C sits on the median.
    assert (report.summary.strong_count, report.summary.weak_count) == (2, 2)
    counts = lambda question: [(c.key, c.is_right, c.strong, c.weak, c.total)  # noqa: E731
                               for c in item(report, question).choices]
    # Q1: A B true; C D false; E gave no answer (the last row, key "").
    assert counts(1) == [("t", True, 2, 0, 2), ("f", False, 0, 1, 2), ("", False, 0, 1, 1)]
    # Q2 (a list of keys): a by A B D E; b by B C; c by D.
    assert counts(2) == [("a", True, 2, 2, 4), ("b", True, 1, 0, 2), ("c", False, 0, 1, 1), ("", False, 0, 0, 0)]
    # Q3: distractor x attracted strong B as much as weak E; y and z attracted no one.
    assert counts(3) == [("r", True, 1, 1, 3), ("x", False, 1, 1, 2), ("y", False, 0, 0, 0), ("z", False, 0, 0, 0),
                         ("", False, 0, 0, 0)]
    with translation.override("en"):
        assert item(report, 1).choices[0].label == "True" and item(report, 1).text == "Q1"


def test_one_language_split_repeats_the_overall_numbers(report):
    q3 = item(report, 3)
    arabic, english = q3.languages
    assert (arabic.language, arabic.count, english.language, english.count) == ("ar", 5, "en", 0)
    assert arabic.facility == q3.facility and arabic.discrimination == q3.discrimination
    assert english.facility is None and english.discrimination is None and not q3.language_gap


# --- the language split ----------------------------------------------------------------------------
def language_rows():
    """Ten attempts: 0–4 in Arabic, 5–9 in English. Q1 is right for 4 of 5 Arabic answers (80) and 1 of 5 English
    ones (20); Q2 is right for 3 of 5 in each language (60 and 60).

    Attempt 9 started in English but its learner answered Q1 after switching to Arabic, and attempts 5–8 saved
    no `answered_in`: they fall back to the attempt's language.
    """
    q1 = [1, 1, 1, 1, 0, 0, 0, 0, 1, 0]
    q2 = [1, 0, 1, 0, 1, 0, 1, 1, 0, 1]
    rows = []
    for a in range(10):
        attempt_language = "ar" if a < 5 else "en"
        q1_language = "ar" if a == 9 else ""
        rows.append(row(a, 1, 0, q1[a], language=attempt_language, answered_in=q1_language))
        rows.append(row(a, 2, 1, q2[a], language=attempt_language, answered_in=attempt_language if a < 5 else ""))
    return rows


def test_a_question_whose_languages_differ_is_flagged_as_a_translation_problem():
    # Q1 in Arabic: attempts 0–4 (1 1 1 1 0) and 9 (0) → 4/6 = 66.7; in English: 5–8 (0 0 0 1) → 1/4 = 25.
    # The English side has 4 answers, below the minimum of 5: no flag yet.
    report = st.compute(language_rows(), {1: defs.to_json(Q1), 2: defs.to_json(Q3)})
    by_language = {row.language: row for row in item(report, 1).languages}
    assert (by_language["ar"].count, by_language["en"].count) == (6, 4)
    assert by_language["ar"].facility == pytest.approx(400 / 6) and by_language["en"].facility == pytest.approx(25)
    assert not item(report, 1).language_gap

    # With the switch undone (attempt 9 answered in English): Arabic 4/5 = 80, English 1/5 = 20; gap 60 ≥ 25.
    rows = [r if (r[0], r[3]) != (9, 1) else row(9, 1, 0, 0, language="en") for r in language_rows()]
    report = st.compute(rows, {1: defs.to_json(Q1), 2: defs.to_json(Q3)})
    q1, q2 = item(report, 1), item(report, 2)
    assert [(r.language, r.count, r.facility) for r in q1.languages] == [("ar", 5, pytest.approx(80)),
                                                                         ("en", 5, pytest.approx(20))]
    assert q1.language_gap and "language_gap" in q1.flags
    # Q2: 60 and 60, no gap.
    assert [r.facility for r in q2.languages] == [pytest.approx(60), pytest.approx(60)] and not q2.language_gap
    with translation.override("en"):
        assert "check the translation" in str(q1.flag_messages[-1])


def test_language_gap_needs_enough_answers_in_each_language():
    rows = lambda counts: [st.LanguageStatistics(code, n, f, None) for code, n, f in counts]  # noqa: E731
    assert st.language_gap(rows([("ar", 5, 80.0), ("en", 5, 55.0)]))
    assert not st.language_gap(rows([("ar", 5, 80.0), ("en", 5, 55.1)]))
    assert not st.language_gap(rows([("ar", 30, 90.0), ("en", 4, 10.0)]))
    assert not st.language_gap(rows([("ar", 30, 90.0), ("en", 0, None)]))


# --- edge cases ------------------------------------------------------------------------------------
def test_a_single_attempt_has_facilities_but_no_spread_or_correlation():
    report = st.compute([row(1, 1, 0, 1, "t"), row(1, 3, 1, 0, "x")], {1: defs.to_json(Q1), 3: defs.to_json(Q3)})
    q1, q3 = item(report, 1), item(report, 3)
    assert (q1.facility, q3.facility) == (100, 0)
    assert q1.sd is None and q1.discrimination is None and q1.efficiency is None
    assert q1.flags == ["few_answers"]
    summary = report.summary
    assert (summary.attempts, summary.mean, summary.median) == (1, 50, 50)
    assert summary.sd is None and summary.alpha is None and summary.skewness is None
    assert summary.error_ratio is None and summary.standard_error is None


def test_identical_marks_leave_discrimination_undefined():
    # Q1 half right for everyone (SD 0); Q3 right for everyone (facility 100).
    rows = [row(a, q, q, fraction) for a in range(6) for q, fraction in ((1, 0.5), (3, 1))]
    rows += [row(a, 2, 2, a % 2) for a in range(6)]
    report = st.compute(rows, SNAPSHOTS)
    for question in (1, 3):
        assert item(report, question).sd == 0
        assert item(report, question).discrimination is None and item(report, question).efficiency is None
    # Q1 is true/false: half marks for everyone are also exactly what guessing earns.
    assert item(report, 1).flags == ["no_spread", "guessing"]
    assert item(report, 3).flags == ["too_easy"]
    assert st.cronbach_alpha([0.0, 0.0], 0.0, 2) is None


def test_random_draws_count_each_question_over_the_attempts_that_had_it():
    # All four attempts had Q1; Q2 was drawn for attempts 0 and 1, Q3 for attempts 2 and 3.
    rows = [row(0, 1, 0, 1), row(0, 2, 1, 1), row(1, 1, 0, 0), row(1, 2, 1, 0.5),
            row(2, 1, 0, 1), row(2, 3, 1, 0), row(3, 1, 0, 1), row(3, 3, 1, 1)]
    report = st.compute(rows, SNAPSHOTS)
    assert [(i.question_id, i.count) for i in report.items] == [(1, 4), (2, 2), (3, 2)]
    # Q2: (1 + .5) / 2 = 75; Q3: (0 + 1) / 2 = 50.
    assert item(report, 2).facility == pytest.approx(75) and item(report, 3).facility == pytest.approx(50)
    assert not report.summary.is_fixed and report.summary.alpha is None and "not_fixed" in report.summary.flags


def test_generated_questions_count_in_the_total_but_get_no_statistics():
    rows = [row(a, None, p, a % 2) for a in range(3) for p in range(2)]
    report = st.compute(rows, {})
    assert report.items == [] and report.summary.generated_slots == 6
    assert report.summary.attempts == 3 and report.summary.mean == pytest.approx(100 / 3)


def test_responses_naming_unknown_choices_are_not_counted():
    report = st.compute([row(a, 3, 0, 0, "gone") for a in range(3)] + [row(3, 3, 0, 1, "r")], {3: defs.to_json(Q3)})
    counts = {c.key: c.total for c in item(report, 3).choices}
    assert counts == {"r": 1, "x": 0, "y": 0, "z": 0, "": 3}


def test_compute_handles_100000_responses_quickly():
    """10,000 attempts × 10 questions; the budget is generous for slow CI machines (measured ≈ 0.3 s)."""
    import random
    import time

    rng = random.Random(5)
    snapshots = {q: defs.to_json(Q3 if q % 2 else Q2) for q in range(1, 11)}
    rows = []
    for a in range(10_000):
        ability = rng.random()
        for q in range(1, 11):
            right = rng.random() < ability
            response = ("r" if right else "x") if q % 2 else (["a", "b"] if right else ["c"])
            rows.append((a, a, rng.choice(("ar", "en")), q, q, Decimal(int(right)), Decimal(1), "", response))
    start = time.perf_counter()
    report = st.compute(rows, snapshots)
    elapsed = time.perf_counter() - start
    assert report.summary.attempts == 10_000 and len(report.items) == 10
    assert report.summary.alpha > 0.8
    assert elapsed < 4


# --- the database --------------------------------------------------------------------------------
def answer(slot, right: bool):
    """The response a learner gives to get `slot` right or wrong."""
    if right:
        return slot.question_type.correct_response(slot.definition)
    wrong = [choice.key for choice in slot.definition.choices if choice.fraction <= 0]
    return wrong if slot.snapshot["qtype"] == "multiple_response" else wrong[0]


def finished_attempt(quiz, learner, now, rights, *, language="ar"):
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=now, language=language)
    for slot, right in zip(attempt.slots.order_by("position"), rights):
        service.attempt_save_response(attempt=attempt, position=slot.position, raw=answer(slot, right), now=now)
    return service.attempt_submit(attempt=attempt, now=now)


@pytest.mark.django_db
def test_the_loader_reads_first_finished_attempts_in_two_queries(make, now, django_assert_num_queries):
    quiz = make.quiz(questions=3)  # single choice, multiple response, true/false
    patterns = [(1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 1, 0), (0, 0, 0)]
    learners = [make.learner(password=None) for _ in patterns]
    for learner, rights in zip(learners, patterns):
        finished_attempt(quiz, learner, now, rights, language="en" if learner is learners[0] else "ar")
    # A second, perfect attempt by the last learner counts only among all attempts;
    # an attempt in progress never counts.
    finished_attempt(quiz, learners[-1], now, (1, 1, 1))
    service.attempt_start(quiz=quiz, learner=make.learner(password=None), now=now)

    with django_assert_num_queries(2):
        report = st.quiz_item_statistics(quiz=quiz)
    assert report.summary.attempts == 5 and report.summary.learners == 5 and report.summary.is_fixed
    # Single choice right 3 of 5 (60), multiple response 3 of 5 (60), true/false 1 of 5 (20).
    assert [i.qtype for i in report.items] == ["single_choice", "multiple_response", "true_false"]
    assert [i.facility for i in report.items] == [pytest.approx(60), pytest.approx(60), pytest.approx(20)]
    # Guessing: one right choice of three; France ½ + Spain ½ − Austria 1 earn ½ ½ 1 in 3 of 8 tickings (2/8);
    # true or false.
    assert [i.random_guess for i in report.items] == [pytest.approx(100 / 3), pytest.approx(25), pytest.approx(50)]
    # No answered_in was saved: the first learner's attempt language (English) counts.
    assert [(r.language, r.count) for r in report.items[0].languages] == [("ar", 4), ("en", 1)]
    right_key = report.items[0].choices[0]
    assert right_key.is_right and right_key.total == 3
    # Multiple response answers are lists of keys, read back from the database's JSON: each right choice
    # was ticked by the three learners who got the question right.
    ticked = [choice for choice in report.items[1].choices if choice.is_right]
    assert ticked and all(choice.total == 3 for choice in ticked)

    everything = st.quiz_item_statistics(quiz=quiz, all_attempts=True)
    assert everything.summary.attempts == 6 and everything.summary.learners == 5
    assert [i.facility for i in everything.items] == [pytest.approx(400 / 6), pytest.approx(400 / 6),
                                                      pytest.approx(200 / 6)]
    assert len(st.load_rows(quiz)) == 15 and len(st.load_rows(quiz, all_attempts=True)) == 18


@pytest.mark.django_db
def test_the_first_finished_attempt_counts_even_when_numbers_have_gaps(make, now):
    quiz = make.quiz(questions=2)
    learner = make.learner(password=None)
    first = finished_attempt(quiz, learner, now, (0, 0))
    finished_attempt(quiz, learner, now, (1, 1))
    Attempt.objects.filter(pk=first.pk).delete()
    report = st.quiz_item_statistics(quiz=quiz)
    assert report.summary.attempts == 1 and report.summary.mean == 100


@pytest.mark.django_db
def test_a_quiz_without_finished_attempts_has_an_empty_report(make, now):
    quiz = make.quiz(questions=2)
    service.attempt_start(quiz=quiz, learner=make.learner(password=None), now=now)
    report = st.quiz_item_statistics(quiz=quiz)
    assert report.items == [] and report.summary.attempts == 0 and report.summary.mean is None

