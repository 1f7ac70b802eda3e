"""Essay and description in every format: Moodle XML and GIFT as Moodle writes them (our fixtures), and
export → import round trips in GIFT, Moodle XML and CSV (the generic options column)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from quizzes.formats import FORMATS, csv as csv_format, get_format, gift, moodlexml
from tests.factories import description_def, essay_def

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def full_essay():
    return essay_def(min_words=50, max_words=300, response_lines=8,
                     response_template_ar="المقدّمة:\nالأسباب:", response_template_en="Introduction:\nCauses:")


def test_moodle_xml_essay_fields_and_multilang_are_read():
    result = moodlexml.parse((FIXTURES / "moodlexml/essay_and_description.xml").read_text(encoding="utf-8"))
    description, essay = result.questions
    assert (description.qtype, description.points, description.tags) == ("description", 0, ["category:Mexico"])
    assert "Zaragoza" in description.text["en"] and "ساراغوسا" in description.text["ar"]
    assert (essay.qtype, essay.points) == ("essay", Decimal(5))
    assert essay.options == {
        "min_words": 50, "max_words": 300, "response_lines": 10,
        "grader_info_ar": "<p>نصر غير متوقّع على جيش أوروبي.</p>",
        "grader_info_en": "<p>An unexpected victory over a European army.</p>",
        "response_template_ar": "المعركة:", "response_template_en": "The battle:",
    }


def test_moodle_xml_export_is_what_moodle_reads():
    written = moodlexml.export([full_essay(), description_def()])
    assert '<question type="essay">' in written and '<question type="description">' in written
    for element in ("<responseformat>plain</responseformat>", "<minwordlimit>50</minwordlimit>",
                    "<maxwordlimit>300</maxwordlimit>", "<responsefieldlines>8</responsefieldlines>",
                    '<graderinfo format="html">', '<responsetemplate format="plain_text">'):
        assert element in written


def test_gift_reads_a_description_and_essays_as_moodle_writes_them():
    result = gift.parse((FIXTURES / "gift/essay_and_description.gift.txt").read_text(encoding="utf-8"))
    assert [(q.qtype, q.name) for q in result.questions] == [
        ("description", "Intro"), ("essay", "Maximilian"), ("essay", "Juárez"), ("short_answer", "After")]
    assert result.questions[2].general_feedback == {"ar": "خواريز رئيس الجمهورية الذي قاد المقاومة."}
    assert result.questions[0].points == 0


def test_gift_export_writes_an_empty_block_for_an_essay_and_none_for_a_description():
    written = gift.export([full_essay(), description_def()])
    essay_part, description_part = written.strip().split("\n\n")
    assert essay_part.rstrip().endswith("{}") and "// [tarikh:type=essay]" in essay_part
    assert "{" not in description_part and "}" not in description_part


@pytest.mark.parametrize("format_name", sorted(FORMATS))
@pytest.mark.parametrize("build", [full_essay, essay_def, description_def], ids=["essay", "plain-essay", "description"])
def test_round_trip(format_name, build):
    original = build()
    driver = get_format(format_name)
    back = driver.parse(driver.export([original]))
    assert back.errors == [] and back.skipped == []
    (question,) = back.questions
    assert (question.qtype, question.name, question.text) == (original.qtype, original.name, original.text)
    assert question.options == original.options, format_name


def test_csv_carries_the_essay_options_in_the_options_column():
    written = csv_format.export([full_essay()])
    assert '"min_words": 50' in written or '""min_words"": 50' in written
