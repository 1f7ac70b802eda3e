"""What a page may show of a question and of a grade: one `DisplayOptions`, decided once per request.

Moodle's `question_display_options`: the page builds the options from where the learner is (taking an
attempt, reviewing a finished one, a teacher reading a learner's work, an author's preview) and the quiz's
review settings; the feedback behaviour then adjusts them per question (`adjust_display_options`: in an
attempt nothing is shown before a check, and the right answer only once the question is finished). Every
page that shows a question or a grade asks these options: the attempt page and its fragments, the check,
the review, the teacher's review, the admin preview, spaced review, the quiz list and quiz page, the class
pages and the progress dashboard. No template decides on its own whether a key or a mark may show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class DisplayOptions:
    """Which parts of a question (and of an attempt's grade) a page shows. Everything is hidden by default."""

    readonly: bool = False
    # Whether the response is right, partly right or wrong (the state badge, ticks on the chosen options).
    correctness: bool = False
    # The question's mark ("0.5 of 1").
    marks: bool = False
    # Feedback written for the answer the learner gave.
    feedback: bool = False
    # The question's general feedback and the historical explanation.
    general_feedback: bool = False
    # The right answer (every option's key, the accepted answers).
    right_answer: bool = False
    # The attempt's total score and the quiz grade.
    score: bool = False
    # What the author wrote for graders (an essay's grader information or model answer): teachers and authors
    # only, never a learner's review (Moodle's `manualcomment` option).
    grader_notes: bool = False

    # --- where the page is -----------------------------------------------------------------------
    @classmethod
    def hidden(cls, *, readonly: bool = False) -> "DisplayOptions":
        return cls(readonly=readonly)

    @classmethod
    def everything(cls, *, readonly: bool = True) -> "DisplayOptions":
        """An author's preview, a teacher reading a learner's attempt: all of it."""
        return cls(readonly=readonly, correctness=True, marks=True, feedback=True, general_feedback=True,
                   right_answer=True, score=True, grader_notes=True)

    @classmethod
    def for_review(cls, quiz, now) -> "DisplayOptions":
        """A learner's own finished attempt, as the quiz's review settings allow at `now`."""
        feedback = quiz.review_allows("feedback", now)
        return cls(
            readonly=True,
            correctness=quiz.review_allows("correctness", now),
            marks=quiz.review_allows("score", now),
            feedback=feedback,
            general_feedback=feedback,
            right_answer=quiz.review_allows("right_answers", now),
            score=quiz.review_allows("score", now),
        )

    @classmethod
    def for_attempt(cls, quiz, now) -> "DisplayOptions":
        """An attempt in progress, before the behaviour's adjustment: what its questions may show at most.

        Whether a checked answer is right, and its mark, are what immediate feedback is for. What names the
        answer (the right answer, the feedback, the general feedback and explanation) shows no more than the
        quiz's review would show at `now`: otherwise the first attempt would hand its keys to the second.
        """
        review = cls.for_review(quiz, now)
        return cls(correctness=True, marks=True, feedback=review.feedback, general_feedback=review.general_feedback,
                   right_answer=review.right_answer, score=False)

    @classmethod
    def for_grade(cls, quiz, now) -> "DisplayOptions":
        """A learner's grade on lists (quiz list, quiz page, class page, dashboard): only the score matters."""
        return cls(readonly=True, score=quiz.review_allows("score", now), marks=quiz.review_allows("score", now))

    # --- adjustments -----------------------------------------------------------------------------
    def but(self, **changes) -> "DisplayOptions":
        return replace(self, **changes)

    def only(self, other: "DisplayOptions") -> "DisplayOptions":
        """What both allow."""
        return DisplayOptions(**{name: getattr(self, name) and getattr(other, name)
                                 for name in self.__dataclass_fields__ if name != "readonly"},
                              readonly=self.readonly or other.readonly)

    @property
    def cache_key(self) -> str:
        return "".join("1" if getattr(self, name) else "0" for name in self.__dataclass_fields__)
