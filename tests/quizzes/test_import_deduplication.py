"""Import de-duplication compares whole definitions, as the question's type sees them: a question that
differs from one already in the bank (or earlier in the file) in any feedback, tolerance or key is imported;
only the same question is skipped."""

import pytest

from quizzes.models import Question
from quizzes.services import questions_import

pytestmark = pytest.mark.django_db


def imported(bank, text: str, format_name: str = "gift"):
    report = questions_import(data=text.encode(), format_name=format_name, bank=bank)
    assert report.ok, [str(p) for p in report.errors]
    return report


def test_a_short_answer_differing_only_by_its_general_feedback_is_imported_too(make):
    bank = make.bank()
    report = imported(bank, "Who won at Puebla? {=Zaragoza}\n\n"
                            "Who won at Puebla? {=Zaragoza ####Ignacio Zaragoza led the defence.}\n")
    assert len(report.imported) == 2 and not report.skipped
    assert bank.questions.count() == 2


def test_a_numerical_answer_with_another_tolerance_is_another_question(make):
    bank = make.bank()
    imported(bank, "In which year did Mexico become independent? {#1822:1}\n")
    report = imported(bank, "In which year did Mexico become independent? {#1822:50}\n")
    assert len(report.imported) == 1 and not report.skipped
    assert sorted(int(q.numerical_answers.get().tolerance) for q in bank.questions.all()) == [1, 50]


def test_reimporting_a_matching_question_with_a_corrected_key_keeps_both(make):
    bank = make.bank()
    # The same answers in the same order, matched to other prompts: the key was corrected.
    imported(bank, "Match. {=Puebla -> Zaragoza =Mexico City -> Bazaine =Querétaro -> Forey}\n")
    report = imported(bank, "Match. {=Puebla -> Zaragoza =Querétaro -> Bazaine =Mexico City -> Forey}\n")
    assert len(report.imported) == 1 and not report.skipped
    keys = {tuple((p.prompt_en, p.answer_en) for p in q.pairs.all()) for q in Question.objects.filter(bank=bank)}
    assert (("Puebla", "Zaragoza"), ("Querétaro", "Bazaine"), ("Mexico City", "Forey")) in keys


def test_answer_feedback_makes_a_question_different(make):
    bank = make.bank()
    report = imported(bank, "Capital? {=Mexico City ~Puebla}\n\nCapital? {=Mexico City ~Puebla#It was besieged twice.}\n")
    assert len(report.imported) == 2


def test_the_same_question_is_still_skipped_in_the_file_and_in_the_bank(make):
    bank = make.bank()
    report = imported(bank, "Who won at Puebla? {=Zaragoza}\n\nWho won at Puebla? {=Zaragoza}\n")
    assert len(report.imported) == 1 and len(report.skipped) == 1
    again = imported(bank, "<p>Who won at   Puebla?</p> {=Zaragoza}\n")  # markup and spaces do not count
    assert not again.imported and len(again.skipped) == 1
