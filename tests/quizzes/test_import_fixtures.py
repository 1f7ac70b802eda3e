"""Our own import files (tests/fixtures) go through the real import, as the Moodle corpus does in
test_import_corpus.py: all or nothing, refusals and skips that say why, de-duplication, images kept."""

from pathlib import Path

import pytest
from django.utils import translation

from quizzes.formats import guess_format
from quizzes.models import Question
from quizzes.services import questions_import

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# file: (imported, skipped, errors)
EXPECTED = {
    # The second of two "1453" questions ({T} and {TRUE}) and the Golden
    # Ratio as a range (1.6175..1.6185 is the same answer as 1.618:0.0005).
    "gift/features.gift.txt": (23, 2, 0),
    "gift/category_export.gift.txt": (4, 0, 0),
    "moodlexml/categories.xml": (7, 0, 0),
    "gift/essay_and_description.gift.txt": (4, 0, 0),
    "moodlexml/essay_and_description.xml": (2, 0, 0),
    "moodlexml/images.xml": (2, 0, 0),
    "moodlexml/invalid_grades.xml": (0, 0, 1),  # 33% + 33.33% + 33.33% is not 100%: the file is refused
    "moodlexml/types.xml": (6, 0, 0),
    "moodlexml/unsupported.xml": (0, 0, 5),  # five broken cloze questions refuse the file (with the essay)
    "moodlexml/cloze_questions.xml": (0, 0, 1),  # the 7th has no fully right answer: the file is refused
    "moodlexml/cloze_broken.xml": (0, 0, 5),  # each question refused with Moodle's reason
}


def data(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_the_table_covers_every_fixture_file():
    assert sorted(str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".xml")) == sorted(
        EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_file_imports_all_or_nothing(name, make):
    bank = make.bank()
    with translation.override("en"):
        report = questions_import(data=data(name), format_name=guess_format(name, data(name)[:200].decode()), bank=bank)
    imported, skipped, errors = EXPECTED[name]
    assert (len(report.imported), len(report.skipped), len(report.errors)) == (imported, skipped, errors)
    assert bank.questions.count() == (imported if not errors else 0)
    for problem in report.skipped:
        assert "skipped" in str(problem.message)


def test_refused_and_skipped_files_say_why(make):
    with translation.override("en"):
        report = questions_import(data=data("moodlexml/invalid_grades.xml"), format_name="moodlexml", bank=make.bank())
        assert str(report.errors[0]) == (
            "question 1 (“Years of the Caliphate : 632 < x & x > 661”): "
            "The right choices' fractions must add up to 100%; they add up to 99.67%."
        )
        report = questions_import(data=data("moodlexml/unsupported.xml"), format_name="moodlexml", bank=make.bank())
        assert all("are not supported" in str(p.message) for p in report.skipped)
    assert Question.objects.count() == 0


def test_importing_the_same_file_twice_adds_nothing(make):
    bank = make.bank()
    questions_import(data=data("gift/category_export.gift.txt"), format_name="gift", bank=bank)
    report = questions_import(data=data("gift/category_export.gift.txt"), format_name="gift", bank=bank)
    assert len(report.skipped) == 4 and bank.questions.count() == 4


def test_images_are_kept_inside_the_question(make):
    bank = make.bank()
    questions_import(data=data("moodlexml/images.xml"), format_name="moodlexml", bank=bank)
    text = bank.questions.first().text_en
    assert text.count('src="data:image/png;base64,') == 1 and "@@PLUGINFILE@@" not in text
