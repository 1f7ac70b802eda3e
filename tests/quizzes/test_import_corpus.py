"""Every file of the shared Moodle corpus goes through the real import (parse, validate, de-duplicate).

The corpus lies beside the repository (../shared/corpus, or TARIKH_CORPUS); without it these tests are
skipped, and tests/quizzes/test_import_fixtures.py covers the same constructs with our own files."""

import pytest
from django.utils import translation

from quizzes.formats import guess_format
from quizzes.models import Question
from quizzes.services import questions_import

pytestmark = pytest.mark.django_db

# file: (imported, skipped, errors) — what a teacher's import of the file does.
EXPECTED = {
    "broken_cloze_questions.xml": (0, 0, 5),  # five broken cloze questions, each refused with Moodle's reason
    "categories_reverse_order.xml": (2, 0, 0),  # an essay and a short answer
    "category_with_description.xml": (1, 0, 0),
    "error_invalid_grades.xml": (0, 0, 1),  # 33% + 33.33% + 33.33% is not 100%: the file is refused
    "essay__testquestion.moodle.xml": (1, 0, 0),
    # Moodle's own GIFT examples: 10 repeat earlier questions word for word (skipped); 6 more repeat a question
    # with other feedback, weights or answers, and Moodle imports those too (the engine issue: de-duplication
    # compares whole definitions; until then they were skipped as "the same question").
    "examples.txt": (33, 10, 0),
    "html_chars_in_idnumbers.xml": (1, 0, 0),
    "match__testquestion.moodle.xml": (1, 0, 0),
    "multichoice__testquestion.moodle.xml": (1, 0, 0),
    "nested_categories_with_questions.xml": (5, 0, 0),  # four true/false and an essay
    "numerical__testquestion.moodle.xml": (1, 0, 0),
    "ordering__testquestion.moodle.xml": (1, 0, 0),
    "questions.gift.txt": (8, 1, 0),  # "2-08 TSL" written twice (the essay is imported)
    "questions_in_category.gift.txt": (4, 0, 0),
    "shortanswer__testquestion.moodle.xml": (1, 0, 0),
    "truefalse.xml": (2, 0, 0),
    "truefalse__testquestion.moodle.xml": (1, 0, 0),
}


def test_the_table_covers_every_corpus_file(moodle_corpus):
    assert sorted(path.name for path in moodle_corpus.iterdir() if path.name != "SOURCES.md") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_imports_all_or_nothing(name, make, moodle_corpus):
    data = (moodle_corpus / name).read_bytes()
    bank = make.bank()
    with translation.override("en"):
        report = questions_import(data=data, format_name=guess_format(name, data[:200].decode()), bank=bank)
    imported, skipped, errors = EXPECTED[name]
    assert (len(report.imported), len(report.skipped), len(report.errors)) == (imported, skipped, errors)
    assert bank.questions.count() == (imported if not errors else 0)
    for problem in report.skipped:
        assert "skipped" in str(problem.message)


def test_refused_and_skipped_files_say_why(make, moodle_corpus):
    with translation.override("en"):
        report = questions_import(data=(moodle_corpus / "error_invalid_grades.xml").read_bytes(),
                                  format_name="moodlexml", bank=make.bank())
        assert str(report.errors[0]) == (
            "question 1 (“Question with invalid grades : x > 1 & x < 2”): "
            "The right choices' fractions must add up to 100%; they add up to 99.67%."
        )
    assert Question.objects.count() == 0


# Moodle's own test (question/format/xml/tests/xmlformat_test.php, test_import_broken_multianswer_questions)
# expects these reasons, question by question.
BROKEN_CLOZE_REASONS = [
    "question 1 (“Multianswer question without subquestions”): The question text must include at least one "
    "embedded answer, such as {1:SHORTANSWER:=Juárez}.",
    "question 2 (“Multichoice subquestion without choices”): Gap 1: this type of question requires at least 2 "
    "choices.",
    "question 3 (“Multichoice subquestion with only one choice”): Gap 1: this type of question requires at least 2 "
    "choices.",
    "question 4 (“Multichoice subquestion with no completely correct answer”): Gap 1: one of the answers should "
    "have a score of 100% so it is possible to get full marks for this question.",
    "question 5 (“Numerical subquestion with buggy answer”): invalid embedded answers (cloze) question: Gap 1: "
    "the answer “zero” must be a number, for example -1.234 or 3e8, or “*”.",
]


def test_broken_cloze_questions_are_refused_one_by_one_with_moodles_reasons(make, moodle_corpus):
    data = (moodle_corpus / "broken_cloze_questions.xml").read_bytes()
    with translation.override("en"):
        report = questions_import(data=data, format_name="moodlexml", bank=make.bank())
    assert sorted(str(problem) for problem in report.errors) == sorted(BROKEN_CLOZE_REASONS)
    assert Question.objects.count() == 0


@pytest.mark.parametrize("dry_run", [True, False])
def test_skipping_bad_questions_skips_each_broken_cloze_with_its_reason(make, moodle_corpus, dry_run):
    data = (moodle_corpus / "broken_cloze_questions.xml").read_bytes()
    with translation.override("en"):
        report = questions_import(data=data, format_name="moodlexml", bank=make.bank(), skip_invalid=True,
                                  dry_run=dry_run)
    assert report.ok and not report.imported
    assert sorted(f"{problem.where}: {problem.message}" for problem in report.skipped) == sorted(
        reason.replace(": ", ": skipped, not imported: ", 1) for reason in BROKEN_CLOZE_REASONS)
    assert Question.objects.count() == 0


def test_importing_the_same_file_twice_adds_nothing(make, moodle_corpus):
    bank = make.bank()
    data = (moodle_corpus / "questions_in_category.gift.txt").read_bytes()
    questions_import(data=data, format_name="gift", bank=bank)
    report = questions_import(data=data, format_name="gift", bank=bank)
    assert len(report.skipped) == 4 and bank.questions.count() == 4


def test_images_of_truefalse_xml_are_kept_inside_the_question(make, moodle_corpus):
    bank = make.bank()
    questions_import(data=(moodle_corpus / "truefalse.xml").read_bytes(), format_name="moodlexml", bank=bank)
    text = bank.questions.first().text_en
    assert text.count('src="data:image/jpeg;base64,') >= 1 and "@@PLUGINFILE@@" not in text
