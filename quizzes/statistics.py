"""Item statistics of a quiz, with Moodle's definitions, and what Moodle does not show: the same numbers
split by the language a learner answered in, and which choice attracted whom.

Definitions (Moodle's "Quiz statistics calculations", https://docs.moodle.org/dev/Quiz_statistics_calculations)
------------------------------------------------------------------------------------------------------------
Statistics use each learner's FIRST finished attempt by default: later attempts build on the first and break the
assumptions of item analysis. "All attempts" treats every finished attempt as if a different learner made it.

A *mark* is fraction × points of one question in one attempt; an attempt's *total* is the sum of its marks.
Questions are grouped by question id (a question drawn at random is counted over the attempts that drew it);
slots of generated questions (no question id) count towards the total but get no statistics of their own.
Variances and standard deviations are sample ones (divided by n − 1).

Per question, over the n attempts that had it:
- facility index F = 100 × mean fraction (Moodle: mean mark / maximum mark);
- standard deviation SD = 100 × sample SD of the fractions (Moodle shows it as a percentage of the maximum mark);
- random guess score = 100 × the question type's `random_guess_score` of the question's latest version asked (of that version when read per version);
- discrimination index D = 100 × Pearson correlation between the question's marks and the REST of the test
  (total − this question's mark); undefined (None, shown "—") when either varies not at all or n < 2;
- discriminative efficiency DE = 100 × cov(mark, rest) / cov_max, where cov_max pairs the marks and the rests
  after sorting each separately (the largest covariance those two distributions allow); undefined when cov_max = 0.

For the quiz, over the attempts' scores in % of their maximum:
- number of attempts, mean, median, SD; skewness and kurtosis with Moodle's k-statistics
  (skewness = k3 / k2^(3/2) for n > 2, kurtosis = k4 / k2² for n > 3);
- Cronbach's alpha (coefficient of internal consistency), only when every attempt had the same k ≥ 2 questions:
  alpha = k / (k − 1) × (1 − Σ variances of the questions' marks / variance of the totals);
- error ratio ER = 100 × √(1 − alpha); standard error SE = ER / 100 × SD (in % of the maximum score).

Beyond Moodle
-------------
- Language split: F and D per question over the attempts answered in each language (the slot's `answered_in`,
  else the attempt's language).
- Choice counts, for every type that classifies its responses (`QuestionType.classify_response`; the choice
  types count the choices picked): how many learners' responses fell in each class (classes the latest version
  does not know are not counted), among all, the strong half and the weak half. Strong means a total score (%) above
  the median of all attempts in the report, weak below it; attempts exactly at the median belong to neither half.

Manually graded and ungraded questions: an essay counts once a teacher has graded it; while it waits for its
mark it is left out (of its item and of its attempt's total), never counted as wrong. A description (no grade)
is never an item.

Flags in plain words (thresholds; Moodle's guidance in brackets)
----------------------------------------------------------------
No question is flagged on fewer than MIN_ANSWERS (5) answers: it gets "too few answers to judge yet" instead.
- F > TOO_EASY (90): too easy.  F < TOO_HARD (10): too hard.  [F 5–95 usable, 30–70 ideal; ≥ 95 or ≤ 5 suspect]
- D < 0: right answers come more from weak learners than from strong ones — check the key.  [negative: invalid]
- 0 ≤ D < WEAK_DISCRIMINATION (20): does not separate strong from weak learners.  [≥ 30 adequate, ≥ 50 very good]
- SD = 0 and neither too easy nor too hard: every learner got the same mark, so it cannot separate them.
- random guess score > 0 and F < guess + GUESS_MARGIN (10 points): no better than guessing.
- Language split: at least LANGUAGE_MIN_ANSWERS (5) answers in each of two languages and their facilities differ by
  at least LANGUAGE_GAP (25) points: the Arabic and English versions behave differently: check the translation.
For the quiz: alpha < LOW_CONSISTENCY (0.64) is flagged [Moodle: ≥ 75 % satisfactory, < 64 % unsatisfactory],
and fewer than FEW_ATTEMPTS (30) attempts makes every number a hint.

Performance: `load_rows` and `load_versions` are the only queries (one each); `compute` makes one pass over the
rows, then works per question on plain lists. No numpy: `math.fsum` keeps the sums exact enough and fast.
"""

from __future__ import annotations

import json
import math
import statistics as pystats
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import mul

from django.db.models import BigIntegerField, Case, F, FloatField, Max, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Cast
from django.utils.translation import get_language, gettext_lazy as _, ngettext_lazy

from quizzes import definitions as defs
from quizzes.question_types import registry
from quizzes.question_types.base import LANGUAGE_NAMES, UnknownQuestionType
from quizzes.sanitize import html_to_text

# --- thresholds (documented in the module docstring) -----------------------------------------------
MIN_ANSWERS = 5
TOO_EASY = 90.0
TOO_HARD = 10.0
WEAK_DISCRIMINATION = 20.0
GUESS_MARGIN = 10.0
LANGUAGE_MIN_ANSWERS = 5
LANGUAGE_GAP = 25.0
LOW_CONSISTENCY = 0.64
FEW_ATTEMPTS = 30

# Sums of squares below this count as zero: identical marks leave float dust, not spread.
EPSILON = 1e-9

FLAG_MESSAGES = {
    "few_answers": _("too few answers to judge yet"),
    "too_easy": _("too easy: almost everyone gets it right, so it tells you little"),
    "too_hard": _("too hard: almost no one gets it right — check the question and its key"),
    "negative_discrimination": _("right answers come more from weak learners than from strong ones — check the key"),
    "weak_discrimination": _("does not separate strong from weak learners"),
    "no_spread": _("every learner got the same mark, so it cannot separate strong from weak learners"),
    "guessing": _("no better than guessing"),
    "language_gap": _("the Arabic and English versions behave differently: check the translation"),
}

QUIZ_FLAG_MESSAGES = {
    "few_attempts": ngettext_lazy(
        "Fewer than %(count)d attempt: treat these numbers as hints; they change as more learners answer.",
        "Fewer than %(count)d attempts: treat these numbers as hints; they change as more learners answer.",
        "count",
    ),
    "low_consistency": _(
        "The questions do not hang together: the total score is not a consistent measure "
        "(Cronbach's alpha below %(percent)d%%). Look first at the questions flagged below."
    ),
    "not_fixed": _("Cronbach's alpha needs every attempt to have the same questions; these attempts did not."),
}
QUIZ_FLAG_PARAMETERS = {"count": FEW_ATTEMPTS, "percent": round(100 * LOW_CONSISTENCY)}


# --- the math, on plain lists ------------------------------------------------------------------------
def mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def sum_of_squares(values: Sequence[float]) -> float:
    deviations = _deviations(values)
    return math.fsum(map(mul, deviations, deviations))


def sample_variance(values: Sequence[float]) -> float | None:
    """Return the sample variance (n − 1), or None below two values."""
    if len(values) < 2:
        return None
    return sum_of_squares(values) / (len(values) - 1)


def sample_sd(values: Sequence[float]) -> float | None:
    variance = sample_variance(values)
    return None if variance is None else math.sqrt(variance)


def median(values: Sequence[float]) -> float | None:
    return pystats.median(values) if values else None


def facility(fractions: Sequence[float]) -> float | None:
    """Return the facility index: the mean fraction × 100."""
    average = mean(fractions)
    return None if average is None else 100 * average


def _deviations(values: Sequence[float]) -> list[float]:
    centre = math.fsum(values) / len(values)
    return [v - centre for v in values]


def _clean(value: float) -> float:
    """Return 0 for float dust, so a zero covariance never reads as a (tiny) negative one."""
    return 0.0 if abs(value) <= EPSILON else value


def item_and_rest(item: Sequence[float], rest: Sequence[float], *, efficiency: bool = True
                  ) -> tuple[float | None, float | None]:
    """Return the discrimination index and the discriminative efficiency of `item` against `rest`.

    Discrimination = 100 × Σdx·dr / √(Σdx² · Σdr²), the Pearson correlation; undefined without spread.
    Efficiency = 100 × Σdx·dr / the same sum over the deviations sorted separately (smallest mark with the
    smallest rest, and so on: the largest covariance the two distributions allow). Both covariances share
    the divisor n − 1, which cancels. Both are None below two answers.
    """
    if len(item) < 2:
        return None, None
    dx, dr = _deviations(item), _deviations(rest)
    sxx, srr = math.fsum(map(mul, dx, dx)), math.fsum(map(mul, dr, dr))
    sxr = _clean(math.fsum(map(mul, dx, dr)))
    index = None if sxx <= EPSILON or srr <= EPSILON else 100 * sxr / math.sqrt(sxx * srr)
    if not efficiency:
        return index, None
    dx.sort()
    dr.sort()
    most = math.fsum(map(mul, dx, dr))
    return index, None if most <= EPSILON else 100 * sxr / most


def discrimination(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """Return 100 × the correlation of the item's marks with the rest of the test, or None if undefined."""
    return item_and_rest(item, rest, efficiency=False)[0]


def discriminative_efficiency(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """Return 100 × cov(item, rest) / the largest covariance the two distributions allow, or None."""
    return item_and_rest(item, rest)[1]


def cronbach_alpha(item_variances: Sequence[float | None], total_variance: float | None, k: int) -> float | None:
    """Return k / (k − 1) × (1 − Σ item variances / total variance), or None when undefined."""
    if k < 2 or total_variance is None or total_variance <= EPSILON or any(v is None for v in item_variances):
        return None
    return k / (k - 1) * (1 - math.fsum(item_variances) / total_variance)


def error_ratio(alpha: float | None) -> float | None:
    """Return Moodle's error ratio, 100 × √(1 − alpha)."""
    if alpha is None or alpha > 1:
        return None
    return 100 * math.sqrt(1 - alpha)


def standard_error(ratio: float | None, sd: float | None) -> float | None:
    """Return the standard error of a score, ER / 100 × SD."""
    if ratio is None or sd is None:
        return None
    return ratio / 100 * sd


def _k_statistics(values: Sequence[float]) -> tuple[int, float, float, float]:
    n = len(values)
    centre = math.fsum(values) / n
    d2 = [(v - centre) ** 2 for v in values]
    m2 = math.fsum(d2) / n
    m3 = math.fsum((v - centre) ** 3 for v in values) / n
    m4 = math.fsum(d * d for d in d2) / n
    return n, m2, m3, m4


def skewness(values: Sequence[float]) -> float | None:
    """Return k3 / k2^(3/2) (Moodle's skewness), or None below three values or without spread."""
    if len(values) < 3:
        return None
    n, m2, m3, _m4 = _k_statistics(values)
    k2 = n * m2 / (n - 1)
    if k2 <= EPSILON:
        return None
    k3 = n * n * m3 / ((n - 1) * (n - 2))
    return k3 / k2**1.5


def kurtosis(values: Sequence[float]) -> float | None:
    """Return k4 / k2² (Moodle's excess kurtosis), or None below four values or without spread."""
    if len(values) < 4:
        return None
    n, m2, _m3, m4 = _k_statistics(values)
    k2 = n * m2 / (n - 1)
    if k2 <= EPSILON:
        return None
    k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
    return k4 / (k2 * k2)


# --- flags -----------------------------------------------------------------------------------------
def item_flags(*, count: int, facility: float | None, sd: float | None, discrimination: float | None,
               random_guess: float | None) -> list[str]:
    """Return the codes of FLAG_MESSAGES that apply to a question (thresholds in the module docstring)."""
    if count < MIN_ANSWERS or facility is None:
        return ["few_answers"]
    flags = []
    if facility > TOO_EASY:
        flags.append("too_easy")
    elif facility < TOO_HARD:
        flags.append("too_hard")
    if discrimination is not None:
        if discrimination < 0:
            flags.append("negative_discrimination")
        elif discrimination < WEAK_DISCRIMINATION:
            flags.append("weak_discrimination")
    elif sd is not None and sd <= EPSILON and not flags:
        flags.append("no_spread")
    if random_guess and facility < random_guess + GUESS_MARGIN:
        flags.append("guessing")
    return flags


def language_gap(by_language: Sequence[LanguageStatistics]) -> bool:
    """Whether two languages, each with enough answers, differ in facility by LANGUAGE_GAP points or more."""
    facilities = [row.facility for row in by_language
                  if row.count >= LANGUAGE_MIN_ANSWERS and row.facility is not None]
    return len(facilities) >= 2 and max(facilities) - min(facilities) >= LANGUAGE_GAP


# --- results ---------------------------------------------------------------------------------------
@dataclass
class LanguageStatistics:
    language: str
    count: int
    facility: float | None
    discrimination: float | None

    @property
    def label(self):
        return LANGUAGE_NAMES.get(self.language, self.language)


@dataclass
class ChoiceCount:
    """How many picked one choice (or, with key "", gave no answer), in the strong half, the weak half and in all."""

    key: str
    text: defs.Text
    is_right: bool
    strong: int = 0
    weak: int = 0
    total: int = 0

    @property
    def is_no_answer(self) -> bool:
        return self.key == ""

    @property
    def label(self) -> str:
        return html_to_text(defs.text_of(self.text, get_language()))


@dataclass
class ItemStatistics:
    question_id: int
    qtype: str
    name: str
    texts: defs.Text
    count: int
    facility: float | None
    sd: float | None
    random_guess: float | None
    discrimination: float | None
    efficiency: float | None
    variance: float | None = None
    number: int = 0
    mean_position: float = 0.0
    flags: list[str] = field(default_factory=list)
    languages: list[LanguageStatistics] = field(default_factory=list)
    language_gap: bool = False
    choices: list[ChoiceCount] = field(default_factory=list)
    # Read per version (`quiz_item_statistics(by_version=True)`): the version's number; None per question.
    version: int | None = None

    @property
    def text(self) -> str:
        """The question's text in the active language, without markup."""
        return html_to_text(defs.text_of(self.texts, get_language()))

    @property
    def type_label(self):
        try:
            return registry.get(self.qtype).label
        except UnknownQuestionType:
            return self.qtype

    @property
    def flag_messages(self) -> list:
        return [FLAG_MESSAGES[code] for code in self.flags]


@dataclass
class QuizSummary:
    attempts: int
    learners: int
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None
    alpha: float | None
    error_ratio: float | None
    standard_error: float | None
    is_fixed: bool
    strong_count: int
    weak_count: int
    generated_slots: int = 0
    flags: list[str] = field(default_factory=list)

    @property
    def alpha_percent(self) -> float | None:
        return None if self.alpha is None else 100 * self.alpha

    @property
    def flag_messages(self) -> list:
        return [QUIZ_FLAG_MESSAGES[code] % QUIZ_FLAG_PARAMETERS for code in self.flags]


@dataclass
class ItemStatisticsReport:
    summary: QuizSummary
    items: list[ItemStatistics]
    all_attempts: bool = False
    by_version: bool = False
    # The language codes of the language split, in column order.
    languages: list[str] = field(default_factory=list)

    @property
    def language_labels(self) -> list:
        return [LANGUAGE_NAMES.get(code, code) for code in self.languages]

    @property
    def choice_items(self) -> list[ItemStatistics]:
        return [item for item in self.items if item.choices]


# --- one pass over the responses ---------------------------------------------------------------------
# The columns `load_rows` returns, in order; `compute` takes any iterable of such tuples.
ROW_FIELDS = (
    "attempt_id", "attempt__learner_id", "attempt__language", "question_id", "position", "fraction", "points",
    "answered_in", "response",
)


class _Question:
    """What one pass collects for a question: parallel lists, one entry per attempt that had it."""

    __slots__ = ("attempts", "fractions", "marks", "languages", "responses", "position_sum")

    def __init__(self) -> None:
        self.attempts: list[int] = []
        self.fractions: list[float] = []
        self.marks: list[float] = []
        self.languages: list[str] = []
        self.responses: list = []
        self.position_sum = 0


def counted_as_graded(qtype: str, fraction) -> bool:
    """Whether a slot counts: a description never does (no grade), an essay once a teacher has graded it
    (waiting for its mark, it is not wrong: it is left out, from its item and its attempt's total)."""
    try:
        kind = registry.get(qtype)
    except UnknownQuestionType:
        return True
    return kind.is_graded and not (kind.needs_manual_grading and fraction is None)


def counts_by_answer(qtype: str) -> bool:
    """Whether a question type sorts responses into classes that the report counts one by one."""
    try:
        return registry.get(qtype).classifies_responses
    except UnknownQuestionType:
        return False


def _choice_counts(definition: defs.QuestionDef, attempts: list[int], responses: list, halves: list[int]
                   ) -> list[ChoiceCount]:
    """Count the responses in each of the type's response classes (`classify_response`: for choice types, the
    choices picked); a response hitting no class the version knows counts as no answer."""
    qtype = registry.get(definition.qtype)
    rows = {c.key: ChoiceCount(c.key, c.text, c.is_right) for c in qtype.response_classes(definition)}
    blank = ChoiceCount("", {}, False)
    for attempt, response in zip(attempts, responses):
        picked = [rows[key] for key in qtype.classify_response(definition, response) if key in rows]
        half = halves[attempt]
        for row in picked or (blank,):
            row.total += 1
            if half > 0:
                row.strong += 1
            elif half < 0:
                row.weak += 1
    return [*rows.values(), blank]


def _random_guess(qtype: str, definition: defs.QuestionDef | None) -> float | None:
    if definition is None:
        return None
    try:
        guess = registry.get(qtype).random_guess_score(definition)
    except UnknownQuestionType:
        return None
    return None if guess is None else 100 * float(guess)


def compute(rows: Iterable[tuple], snapshots: dict[int, dict], *, all_attempts: bool = False,
            languages: Sequence[str] = defs.LANGUAGES, json_responses: bool = False) -> ItemStatisticsReport:
    """Return the item statistics of the responses `rows` (tuples in ROW_FIELDS order).

    `snapshots` maps the rows' question ids (or version ids) to the question's JSON (its type, texts and choices).
    With `json_responses`, responses arrive as JSON text (as `load_rows` reads them) and only those of
    choice questions, the only ones counted by answer, are decoded.
    """
    index: dict[int, int] = {}
    totals: list[float] = []
    maxima: list[float] = []
    learners: set = set()
    questions: dict[int, _Question] = {}
    qtypes = {pk: snapshot.get("qtype", "") for pk, snapshot in snapshots.items()}
    counted = {pk for pk, qtype in qtypes.items() if counts_by_answer(qtype)}
    generated = 0

    for attempt_id, learner_id, attempt_language, question_id, position, fraction, points, answered_in, response \
            in rows:
        if question_id is not None and not counted_as_graded(qtypes.get(question_id, ""), fraction):
            continue
        i = index.get(attempt_id)
        if i is None:
            i = index[attempt_id] = len(totals)
            totals.append(0.0)
            maxima.append(0.0)
            learners.add(learner_id)
        value = float(fraction) if fraction is not None else 0.0
        weight = float(points)
        mark = value * weight
        totals[i] += mark
        maxima[i] += weight
        if question_id is None:
            generated += 1
            continue
        question = questions.get(question_id)
        if question is None:
            question = questions[question_id] = _Question()
        question.attempts.append(i)
        question.fractions.append(value)
        question.marks.append(mark)
        question.languages.append(answered_in or attempt_language)
        question.position_sum += position
        if question_id in counted:
            if json_responses:
                response = None if response is None else json.loads(response)
            question.responses.append(response)

    percents = [100 * total / most if most else 0.0 for total, most in zip(totals, maxima)]
    middle = median(percents)
    # +1 strong half, −1 weak half, 0 exactly at the median.
    halves = [(p > middle) - (p < middle) for p in percents]

    seen = set().union(*(question.languages for question in questions.values()))
    columns = [*languages, *sorted(code for code in seen if code not in languages)]
    items = []
    for question_id, question in questions.items():
        snapshot = snapshots.get(question_id) or {}
        definition = defs.from_json(snapshot) if snapshot else None
        qtype = qtypes.get(question_id, "")
        rest = [totals[i] - mark for i, mark in zip(question.attempts, question.marks)]
        fraction_sd = sample_sd(question.fractions)
        discrimination_index, efficiency = item_and_rest(question.marks, rest)
        item = ItemStatistics(
            question_id=question_id,
            qtype=qtype,
            name=snapshot.get("name", ""),
            texts=snapshot.get("text", {}),
            count=len(question.marks),
            facility=facility(question.fractions),
            sd=None if fraction_sd is None else 100 * fraction_sd,
            random_guess=_random_guess(qtype, definition),
            discrimination=discrimination_index,
            efficiency=efficiency,
            variance=sample_variance(question.marks),
            mean_position=question.position_sum / len(question.marks),
        )
        item.languages = _language_split(question, rest, columns)
        item.flags = item_flags(count=item.count, facility=item.facility, sd=item.sd,
                                discrimination=item.discrimination, random_guess=item.random_guess)
        item.language_gap = language_gap(item.languages)
        if item.language_gap:
            item.flags.append("language_gap")
        if definition is not None and question_id in counted:
            item.choices = _choice_counts(definition, question.attempts, question.responses, halves)
        items.append(item)
    items.sort(key=lambda item: (item.mean_position, item.question_id))
    for number, item in enumerate(items, start=1):
        item.number = number

    return ItemStatisticsReport(summary=_summary(
        percents=percents, totals=totals, items=items, learners=len(learners), generated=generated, halves=halves,
    ), items=items, all_attempts=all_attempts, languages=columns)


def _language_split(question: _Question, rest: list[float], languages: Sequence[str]) -> list[LanguageStatistics]:
    groups: dict[str, list[int]] = {code: [] for code in languages}
    for position, language in enumerate(question.languages):
        groups[language].append(position)
    split = []
    for language, positions in groups.items():
        fractions = [question.fractions[p] for p in positions]
        split.append(LanguageStatistics(
            language=language,
            count=len(positions),
            facility=facility(fractions),
            discrimination=discrimination([question.marks[p] for p in positions], [rest[p] for p in positions]),
        ))
    return split


def _summary(*, percents, totals, items, learners, generated, halves) -> QuizSummary:
    n = len(totals)
    k = len(items)
    is_fixed = bool(n) and not generated and k >= 2 and all(item.count == n for item in items)
    alpha = cronbach_alpha([item.variance for item in items], sample_variance(totals), k) if is_fixed else None
    sd = sample_sd(percents)
    ratio = error_ratio(alpha)
    flags = []
    if n < FEW_ATTEMPTS:
        flags.append("few_attempts")
    if alpha is not None and alpha < LOW_CONSISTENCY:
        flags.append("low_consistency")
    if n and k >= 2 and not is_fixed:
        flags.append("not_fixed")
    return QuizSummary(
        attempts=n, learners=learners, mean=mean(percents), median=median(percents), sd=sd,
        skewness=skewness(percents), kurtosis=kurtosis(percents), alpha=alpha, error_ratio=ratio,
        standard_error=standard_error(ratio, sd), is_fixed=is_fixed,
        strong_count=sum(1 for h in halves if h > 0), weak_count=sum(1 for h in halves if h < 0),
        generated_slots=generated, flags=flags,
    )


# --- loading (one query each) ----------------------------------------------------------------------
def counted_slots(quiz, *, all_attempts: bool = False):
    """Return the slots of the quiz's finished attempts that the statistics count (first attempts by default)."""
    from quizzes.models import Attempt, AttemptQuestion

    attempts = Attempt.objects.finished().filter(quiz=quiz)
    if not all_attempts:
        first = (Attempt.objects.finished().filter(quiz=quiz, learner=OuterRef("learner"))
                 .order_by("number").values("number")[:1])
        attempts = attempts.filter(number=Subquery(first))
    return AttemptQuestion.objects.filter(attempt__in=attempts.values("pk")).order_by()


def load_rows(quiz, *, all_attempts: bool = False, by_version: bool = False) -> list[tuple]:
    """Return the counted responses as tuples in ROW_FIELDS order (one query); `by_version` puts the question
    version's id where the question's goes (a generated question's stays None).

    Fractions and points arrive as floats: the statistics need no more, and converting 100,000 decimals
    costs more than all the arithmetic. Responses arrive as JSON text: `compute(..., json_responses=True)`
    decodes only those it counts by answer (decoding all of them was half the time of the report).
    """
    slots = counted_slots(quiz, all_attempts=all_attempts).annotate(
        fraction_value=Cast("fraction", FloatField()), points_value=Cast("points", FloatField()),
        response_json=Cast("response", TextField()),
    )
    renamed = {"fraction": "fraction_value", "points": "points_value", "response": "response_json"}
    if by_version:
        slots = slots.annotate(item_key=Case(When(question__isnull=True, then=Value(None)), default=F("version_id"),
                                             output_field=BigIntegerField()))
        renamed["question_id"] = "item_key"
    columns = [renamed.get(name, name) for name in ROW_FIELDS]
    return list(slots.values_list(*columns))


def load_versions(quiz, *, all_attempts: bool = False, by_version: bool = False) -> dict[int, tuple]:
    """Return {key: (question id, version number, the version's JSON)} for the questions the counted attempts
    asked (one query): per question (key: its id) its latest version asked, or with `by_version` every version
    asked (key: the version's id)."""
    from quizzes.models import QuestionVersion

    slots = counted_slots(quiz, all_attempts=all_attempts).filter(question__isnull=False)
    if by_version:
        versions = QuestionVersion.objects.filter(pk__in=slots.values("version_id"))
        key = "pk"
    else:  # ids grow: the largest is the latest
        versions = QuestionVersion.objects.filter(
            pk__in=slots.values("question_id").annotate(latest=Max("version_id")).values("latest"))
        key = "question_id"
    return {row[0]: row[1:] for row in versions.order_by().values_list(key, "question_id", "number", "definition")}


def quiz_item_statistics(*, quiz, all_attempts: bool = False, by_version: bool = False) -> ItemStatisticsReport:
    """Return the item statistics of `quiz` (two queries), one row per question (by the latest version asked)
    or, with `by_version`, one per version of each question that the counted attempts asked."""
    versions = load_versions(quiz, all_attempts=all_attempts, by_version=by_version)
    report = compute(load_rows(quiz, all_attempts=all_attempts, by_version=by_version),
                     {key: data for key, (_question, _number, data) in versions.items()},
                     all_attempts=all_attempts, json_responses=True)
    if by_version:
        for item in report.items:
            item.question_id, item.version, _data = versions[item.question_id]
    report.by_version = by_version
    return report
