"""Feedback behaviours: *when* responses are graded and feedback is shown (Moodle's question/behaviour).

The question types decide *how* a response is graded; a behaviour decides when that happens, what the
learner may do next and what share of the points a graded question earns. All four work over the same slots
and the same types, and no type knows which one is in force.

- Deferred feedback (exam): responses are saved as they are given and may change freely until the
  attempt is submitted; only then is every question graded. Nothing about right or wrong is shown before.
- Immediate feedback (practice): a learner checks each answer when they give it and sees at once whether
  it is right, with its feedback. Retry rule: a question that is not fully right may be checked again,
  up to MAX_TRIES checks in all (fewer for a type whose wrong try gives the answer away: true/false
  has one, as Moodle's penalty of 100% for it says); each extra check costs PENALTY of the question's fraction (Moodle's
  interactive default, 1/3), and the best penalised check counts. After a fully right check, or the
  last one, the question is locked. Questions never checked are graded at submission, without penalty.
- Interactive with several tries (Moodle's interactive and interactivecountback): a question has one try
  more than it has hints (`QuestionDef.hints`; true/false keeps its one try). A wrong or partly right check
  with tries left puts the question in its *try-again* state: read-only, showing that the answer is not
  right, the feedback on it and the hint for that try, until the learner presses "Try again". The question
  is finished by a right check or the last try; only then may the right answer, general feedback and
  explanation show (and never beyond what the quiz's review settings allow). Its fraction is the type's
  `compute_final_grade` over the tries' responses (the CHECK steps) with the question's penalty for each
  wrong try: by default the last response's grade less a penalty per earlier try; matching and the other
  types made of parts credit each part from the try since which it has been right (countback). At
  submission a question still open counts its current response as one more try (as Moodle's
  `process_finish` does: a wrong check used up its try); a question never checked is graded without
  penalty. A check without an answer costs no try. While a question is being tried the slot's `fraction`
  holds the last try's own grade (it marks the try-again state and says right/partly/wrong); once finished,
  the final one.
- Deferred feedback with certainty-based marking (Moodle's deferredcbm): as deferred feedback, and with each
  answer the learner says how sure they are (1–3, `AttemptQuestion.certainty`; none chosen counts as 1, as
  in Moodle). The slot's `fraction` stays the type's grade (the *accuracy*, which item statistics read);
  the CBM mark is derived from it and the certainty (`cbm_fraction`: right ×1/×2/×3, wrong 0/−2/−6) and is
  what the attempt's score sums, so the score runs from −6 to 3 times the maximum (100 % is every answer
  right at certainty 1). `cbm_summary` gives the review's CBM grade, accuracy and CBM bonus.

A question a teacher grades (an essay) or that has no grade (a description) is never checked and asks no
certainty (`is_auto_graded`); its mark is its plain fraction under every behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from quizzes.definitions import text_of
from quizzes.display import DisplayOptions
from quizzes.models import AttemptQuestion, AttemptStep, Behaviour, StepAction

MAX_TRIES = 2
PENALTY = Fraction(1, 3)
ZERO = Fraction(0)


def to_decimal(fraction: Fraction) -> Decimal:
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.0000001"))


def is_auto_graded(qtype) -> bool:
    """Whether the type grades a response itself: not an essay (a teacher grades it), not a description (no grade)."""
    return qtype.grades_automatically


class FeedbackBehaviour:
    """What every behaviour answers; the defaults are deferred feedback's."""

    name: str
    # Shown on the quiz's start page.
    description = ""
    shows_feedback_during_attempt = False
    can_check = False
    asks_certainty = False
    # Whether the final grade reads the tries' responses (the CHECK steps): `checked_responses`.
    grades_tries = False

    def can_change(self, slot: AttemptQuestion) -> bool:
        return True

    def adjust_display_options(self, options: DisplayOptions, slot: AttemptQuestion) -> DisplayOptions:
        """During the attempt nothing about right or wrong shows (Moodle's deferred feedback)."""
        return DisplayOptions.hidden(readonly=options.readonly)

    def final_fraction(self, slot: AttemptQuestion, *, tries: list | None = None) -> Fraction:
        """The fraction a slot keeps when the attempt is submitted (the type's grade of its response)."""
        return slot.question_type.grade(slot.definition, slot.response)

    def mark_fraction(self, slot: AttemptQuestion) -> Fraction | None:
        """The share of the slot's points its mark counts: its fraction (None until graded)."""
        return None if slot.fraction is None else Fraction(slot.fraction)

    def shows_check(self, slot: AttemptQuestion) -> bool:
        return self.can_check and not slot.is_locked and is_auto_graded(slot.question_type)

    def shows_certainty(self, slot: AttemptQuestion) -> bool:
        return self.asks_certainty and is_auto_graded(slot.question_type)

    def is_try_again(self, slot: AttemptQuestion) -> bool:
        return False

    def tries_left(self, slot: AttemptQuestion) -> int | None:
        return None


class DeferredFeedback(FeedbackBehaviour):
    name = Behaviour.DEFERRED
    description = _("Exam: your answers are saved as you go, and you see the results only after you submit.")


class ImmediateFeedback(FeedbackBehaviour):
    name = Behaviour.IMMEDIATE
    description = _("Practice: check each answer as you give it and see at once whether it is right. "
                    "A wrong answer may be tried once more, for fewer points.")
    shows_feedback_during_attempt = True
    can_check = True

    def can_change(self, slot: AttemptQuestion) -> bool:
        return not slot.is_locked

    def adjust_display_options(self, options: DisplayOptions, slot: AttemptQuestion) -> DisplayOptions:
        """Nothing before the first check; after a check that leaves a try, whether it was right and the
        feedback on the answer given; the right answer, general feedback and explanation only once the
        question is finished (right, or out of tries): otherwise the retry would be scored for free."""
        if not slot.tries:
            return DisplayOptions.hidden(readonly=options.readonly or slot.is_locked)
        if not slot.is_locked:
            return options.only(DisplayOptions(correctness=True, marks=True, feedback=True))
        return options.but(readonly=True)

    def check(self, slot: AttemptQuestion) -> Fraction:
        """Grade the current response now; return the fraction this check earns after the penalty."""
        raw = slot.question_type.grade(slot.definition, slot.response)
        slot.tries += 1
        earned = max(Fraction(0), raw - PENALTY * (slot.tries - 1))
        best = max(earned, Fraction(slot.fraction)) if slot.fraction is not None else earned
        slot.fraction = to_decimal(best)
        slot.is_locked = raw == 1 or slot.tries >= self.max_tries(slot)
        return earned

    def tries_left(self, slot: AttemptQuestion) -> int:
        return 0 if slot.is_locked else self.max_tries(slot) - slot.tries

    def max_tries(self, slot: AttemptQuestion) -> int:
        """MAX_TRIES, or fewer where a wrong try gives the answer away (true/false: one)."""
        return min(MAX_TRIES, slot.question_type.max_tries or MAX_TRIES)

    def final_fraction(self, slot: AttemptQuestion, *, tries: list | None = None) -> Fraction:
        if slot.tries:
            return Fraction(slot.fraction)
        return slot.question_type.grade(slot.definition, slot.response)


class InteractiveFeedback(FeedbackBehaviour):
    """Several tries with a hint after each wrong one and a penalty per try (see the module's docstring)."""

    name = Behaviour.INTERACTIVE
    description = _("Several tries: check each answer as you give it; after a wrong try you see a hint and may "
                    "try again, for fewer points.")
    shows_feedback_during_attempt = True
    can_check = True
    grades_tries = True

    def max_tries(self, slot: AttemptQuestion) -> int:
        """One try more than the question has hints (Moodle), fewer where the type says so (true/false: one)."""
        tries = len(slot.definition.hints) + 1
        return min(tries, slot.question_type.max_tries or tries)

    def tries_left(self, slot: AttemptQuestion) -> int:
        return 0 if slot.is_locked else self.max_tries(slot) - slot.tries

    def is_try_again(self, slot: AttemptQuestion) -> bool:
        """Checked, not right, tries left, and "Try again" not pressed yet."""
        return not slot.is_locked and slot.tries > 0 and slot.fraction is not None

    def can_change(self, slot: AttemptQuestion) -> bool:
        return not slot.is_locked and not self.is_try_again(slot)

    def shows_check(self, slot: AttemptQuestion) -> bool:
        return super().shows_check(slot) and not self.is_try_again(slot)

    def adjust_display_options(self, options: DisplayOptions, slot: AttemptQuestion) -> DisplayOptions:
        """Before a check, nothing. In the try-again state, read-only, the feedback on the answer given (the
        page says it is not right and shows the hint); no ticks on the picks, which would say which to change,
        and nothing that names the answer. Finished: what the attempt's options allow (the review's)."""
        if slot.is_locked:
            return options.but(readonly=True)
        if self.is_try_again(slot):
            return options.only(DisplayOptions(feedback=True)).but(readonly=True)
        return DisplayOptions.hidden(readonly=options.readonly)

    def hint(self, slot: AttemptQuestion, language: str) -> str:
        """The hint for the try just failed (the first after the first wrong try, …), "" if none; HTML
        sanitised when the question was saved."""
        if not self.is_try_again(slot):
            return ""
        hints = slot.definition.hints
        index = slot.tries - 1
        return text_of(hints[index], language) if index < len(hints) else ""

    def check(self, slot: AttemptQuestion) -> Fraction:
        """Grade the current response as a try; return the try's own grade. Raise ValidationError when
        there is no answer to check (no try is used)."""
        qtype = slot.question_type
        if not qtype.is_answered(slot.response):
            raise ValidationError(_("Answer the question before checking it."), code="unanswered")
        raw = qtype.grade(slot.definition, slot.response)
        slot.tries += 1
        if raw == 1 or slot.tries >= self.max_tries(slot):
            slot.is_locked = True
            earlier = checked_responses([slot])[slot.pk]
            slot.fraction = to_decimal(self.final_grade(slot, [*earlier, slot.response]))
        else:
            slot.fraction = to_decimal(raw)
        return raw

    def try_again(self, slot: AttemptQuestion) -> None:
        """Leave the try-again state: the question may be changed and checked again."""
        slot.fraction = None

    def final_grade(self, slot: AttemptQuestion, responses: list) -> Fraction:
        return slot.question_type.compute_final_grade(slot.definition, responses, slot.definition.penalty)

    def final_fraction(self, slot: AttemptQuestion, *, tries: list | None = None) -> Fraction:
        """A finished question keeps its grade; an open one counts its current response as one more try."""
        if slot.is_locked and slot.fraction is not None:
            return Fraction(slot.fraction)
        if not slot.tries or not is_auto_graded(slot.question_type):
            return slot.question_type.grade(slot.definition, slot.response)
        tries = checked_responses([slot])[slot.pk] if tries is None else tries
        return self.final_grade(slot, [*tries, slot.response])


# --- certainty-based marking ------------------------------------------------------------------------------
# Moodle's question_cbm: the labels, the marks for a right and a wrong answer, the default.
CERTAINTIES = {
    1: pgettext_lazy("certainty", "Not very (less than 67 %)"),
    2: pgettext_lazy("certainty", "Fairly (more than 67 %)"),
    3: pgettext_lazy("certainty", "Very (more than 80 %)"),
}
DEFAULT_CERTAINTY = 1
RIGHT_SCORE = {1: 1, 2: 2, 3: 3}
WRONG_SCORE = {1: 0, 2: -2, 3: -6}
# Moodle's optimal probability window of each certainty, for the judgement in the review's break-down.
OPTIMAL_RANGE = {1: (Fraction(0), Fraction(2, 3)), 2: (Fraction(2, 3), Fraction(4, 5)), 3: (Fraction(4, 5), Fraction(1))}


def cbm_fraction(fraction: Fraction, certainty: int | None) -> Fraction:
    """The CBM mark of a graded fraction (Moodle's `question_cbm::adjust_fraction`): a right or partly right
    answer earns its fraction times the certainty (1, 2, 3); a wrong one 0, −2 or −6."""
    certainty = certainty or DEFAULT_CERTAINTY
    if fraction <= 0:
        return Fraction(WRONG_SCORE[certainty])
    return RIGHT_SCORE[certainty] * Fraction(fraction)


def cbm_bonus(average_cbm: Fraction, accuracy: Fraction) -> Fraction:
    """Moodle's CBM bonus: a tenth of how far the average CBM mark is above what the best single certainty
    would have earned at this accuracy (0.1 is Moodle's empirical constant)."""
    expected = max(accuracy * RIGHT_SCORE[c] + (1 - accuracy) * WRONG_SCORE[c] for c in RIGHT_SCORE)
    return Fraction(1, 10) * (average_cbm - expected)


class DeferredCBM(DeferredFeedback):
    name = Behaviour.DEFERRED_CBM
    description = _("Exam with certainty-based marking: with each answer, say how sure you are. A right answer "
                    "earns 1, 2 or 3 times its points; a wrong one 0, −2 or −6 times. You see the results after you submit.")
    asks_certainty = True

    def mark_fraction(self, slot: AttemptQuestion) -> Fraction | None:
        """The CBM mark: an unanswered question earns 0 whatever the certainty (Moodle grades nothing there)."""
        if slot.fraction is None:
            return None
        if not is_auto_graded(slot.question_type):
            return Fraction(slot.fraction)
        if not slot.is_answered:
            return ZERO
        return cbm_fraction(Fraction(slot.fraction), slot.certainty)


@dataclass
class CertaintyRow:
    """One certainty level in the review's break-down."""

    certainty: int
    label: str
    count: int = 0
    weight: Fraction = ZERO
    right: Fraction = ZERO

    @property
    def accuracy(self) -> Fraction | None:
        return self.right / self.weight if self.weight else None

    @property
    def accuracy_percent(self) -> float | None:
        return None if self.accuracy is None else float(100 * self.accuracy)

    @property
    def optimal_low(self) -> Fraction:
        return OPTIMAL_RANGE[self.certainty][0]

    @property
    def optimal_high(self) -> Fraction:
        return OPTIMAL_RANGE[self.certainty][1]

    @property
    def judgement(self) -> str:
        """Over- or under-confident at this level, as Moodle judges it (a rough significance test)."""
        accuracy = self.accuracy
        if accuracy is None:
            return ""
        low, high = OPTIMAL_RANGE[self.certainty]
        if accuracy < low:
            return str(_("over-confident") if (accuracy - low) ** 2 * self.count > Fraction(1, 2)
                       else _("a bit over-confident"))
        if accuracy > high:
            return str(_("under-confident") if (accuracy - high) ** 2 * self.count > Fraction(1, 2)
                       else _("a bit under-confident"))
        return str(pgettext_lazy("certainty judgement", "OK"))


@dataclass
class CbmSummary:
    """The review's certainty-based marking summary (Moodle's `qbehaviour_deferredcbm_type::summarise_usage`)."""

    questions: int
    not_answered: int
    average_cbm: Fraction
    accuracy: Fraction
    bonus: Fraction
    rows: list[CertaintyRow] = field(default_factory=list)

    @property
    def accuracy_and_bonus(self) -> Fraction:
        return self.accuracy + self.bonus

    # Percentages and marks as the template prints them (floats: display only).
    @property
    def accuracy_percent(self) -> float:
        return float(100 * self.accuracy)

    @property
    def bonus_percent(self) -> float:
        return float(100 * self.bonus)

    @property
    def accuracy_and_bonus_percent(self) -> float:
        return float(100 * self.accuracy_and_bonus)

    @property
    def average_cbm_value(self) -> float:
        return float(self.average_cbm)


def cbm_summary(slots) -> CbmSummary | None:
    """The CBM summary of a finished attempt's slots (None when no question counts): the average CBM mark
    per point, the accuracy (the share of the points earned, certainty aside), the bonus for telling surer
    answers from less sure ones, and the break-down by certainty. Questions without points or graded by a
    teacher do not count; an unanswered question counts its points with nothing earned."""
    rows = {c: CertaintyRow(c, str(label)) for c, label in CERTAINTIES.items()}
    total_weight = total_right = total_cbm = ZERO
    questions = not_answered = 0
    for slot in slots:
        points = Fraction(slot.points)
        if points <= 0 or slot.fraction is None or not is_auto_graded(slot.question_type):
            continue
        questions += 1
        total_weight += points
        if not slot.is_answered:
            not_answered += 1
            continue
        fraction = Fraction(slot.fraction)
        row = rows[slot.certainty or DEFAULT_CERTAINTY]
        row.count += 1
        row.weight += points
        row.right += points * fraction
        total_right += points * fraction
        total_cbm += points * cbm_fraction(fraction, slot.certainty)
    if not questions:
        return None
    accuracy, average = total_right / total_weight, total_cbm / total_weight
    return CbmSummary(questions=questions, not_answered=not_answered, average_cbm=average, accuracy=accuracy,
                      bonus=cbm_bonus(average, accuracy), rows=list(rows.values()))


# --- tries ---------------------------------------------------------------------------------------------------
def checked_responses(slots) -> dict[int, list]:
    """The responses each slot was checked with, in order (its CHECK steps), in one query."""
    found: dict[int, list] = {slot.pk: [] for slot in slots}
    steps = (AttemptStep.objects.filter(slot__in=[slot.pk for slot in slots], action=StepAction.CHECK)
             .order_by("slot_id", "created_at", "pk").values_list("slot_id", "response"))
    for slot_id, response in steps:
        found[slot_id].append(response)
    return found


BEHAVIOURS = {
    Behaviour.DEFERRED: DeferredFeedback(),
    Behaviour.IMMEDIATE: ImmediateFeedback(),
    Behaviour.INTERACTIVE: InteractiveFeedback(),
    Behaviour.DEFERRED_CBM: DeferredCBM(),
}


def behaviour_for(quiz) -> FeedbackBehaviour:
    return BEHAVIOURS[quiz.behaviour]
