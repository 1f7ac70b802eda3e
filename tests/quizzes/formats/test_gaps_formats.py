"""Select missing words and drag and drop into text in the formats: Moodle XML in Moodle's own shape (read from
Moodle's files, written back and read again), CSV through the default columns (with each choice's group and
unlimited), and GIFT, which has no such types, leaving them out with a comment."""

import csv
import io

import pytest
from django.utils import translation

from quizzes.definitions import GapChoiceDef, QuestionDef
from quizzes.formats import csv as csv_format, gift, moodlexml
from tests.quizzes.question_types.gap_questions import puebla, t


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Moodle's own export (question/type/gapselect/tests/fixtures/testquestion.moodle.xml and a ddwtos in the shape
# qtype_ddwtos::export_to_xml writes), combined feedback and hints included.
MOODLE_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="gapselect">
    <name><text>Imported Select missing words 001</text></name>
    <questiontext format="html"><text>The [[1]] [[2]] on the [[3]].</text></questiontext>
    <generalfeedback format="html"><text>The cat sat on the mat.</text></generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <shuffleanswers>0</shuffleanswers>
    <correctfeedback format="html"><text>Your answer is correct.</text></correctfeedback>
    <partiallycorrectfeedback format="html"><text>Your answer is partially correct.</text></partiallycorrectfeedback>
    <incorrectfeedback format="html"><text>Your answer is incorrect.</text></incorrectfeedback>
    <shownumcorrect/>
    <selectoption><text>cat</text><group>1</group></selectoption>
    <selectoption><text>sat</text><group>1</group></selectoption>
    <selectoption><text>mat</text><group>1</group></selectoption>
    <selectoption><text>dog</text><group>1</group></selectoption>
    <selectoption><text>table</text><group>1</group></selectoption>
    <hint format="html"><text>First hint</text></hint>
  </question>
  <question type="ddwtos">
    <name><text>Drag and drop into text 001</text></name>
    <questiontext format="html"><text><![CDATA[<p>The [[1]] brown [[2]] jumped over the [[3]] dog.</p>]]></text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <shuffleanswers>1</shuffleanswers>
    <dragbox><text>quick</text><group>1</group><infinite/></dragbox>
    <dragbox><text>fox</text><group>2</group></dragbox>
    <dragbox><text>lazy</text><group>3</group></dragbox>
    <dragbox><text>slow</text><group>1</group><infinite/></dragbox>
    <dragbox><text>dog</text><group>2</group></dragbox>
    <dragbox><text>energetic</text><group>3</group></dragbox>
  </question>
</quiz>
"""


def rows(question):
    return [(c.text, c.group, c.unlimited) for c in question.gap_choices]


def test_moodles_files_are_read():
    result = moodlexml.parse(MOODLE_FILE)
    assert (result.errors, result.skipped) == ([], [])
    select, drag = result.questions
    assert (select.qtype, select.name, select.text, select.options) == (
        "gapselect", "Imported Select missing words 001", {"en": "The [[1]] [[2]] on the [[3]]."}, {"shuffle": False})
    assert rows(select) == [({"en": w}, 1, False) for w in ("cat", "sat", "mat", "dog", "table")]
    assert (drag.qtype, drag.options) == ("ddwtos", {"shuffle": True})
    assert rows(drag) == [({"en": "quick"}, 1, True), ({"en": "fox"}, 2, False), ({"en": "lazy"}, 3, False),
                          ({"en": "slow"}, 1, True), ({"en": "dog"}, 2, False), ({"en": "energetic"}, 3, False)]
    from quizzes.question_types import registry

    for question in (select, drag):
        assert registry.get(question.qtype).validate(question) == []


def test_a_group_that_is_not_a_number_makes_the_question_unreadable():
    broken = MOODLE_FILE.replace("<group>2</group>", "<group>two</group>", 1)
    result = moodlexml.parse(broken)
    assert [q.qtype for q in result.questions] == ["gapselect"]
    assert "the group “two” of a choice is not a number." in str(result.errors[0])


def bilingual(qtype):
    question = puebla(qtype, shuffle=False)
    question.general_feedback = t("<p>٥ مايو ١٨٦٢</p>", "<p>5 May 1862</p>")
    question.gap_choices[3].unlimited = qtype == "ddwtos"
    question.gap_choices.append(GapChoiceDef({"en": "Zaragoza & <co>"}, group=3))
    return question


def carried(question: QuestionDef):
    return (question.qtype, question.name, question.text, question.general_feedback, question.options, rows(question))


@pytest.mark.parametrize("qtype", ["gapselect", "ddwtos"])
def test_moodle_xml_round_trip(qtype):
    original = bilingual(qtype)
    written = moodlexml.export([original])
    assert f'<question type="{qtype}">' in written and "<shuffleanswers>0</shuffleanswers>" in written
    assert ("<dragbox>" in written) == (qtype == "ddwtos") and ("<selectoption>" in written) == (qtype == "gapselect")
    assert ("<infinite/>" in written) == (qtype == "ddwtos")
    result = moodlexml.parse(written)
    assert (result.errors, result.skipped) == ([], [])
    (back,) = result.questions
    assert carried(back) == carried(original)


@pytest.mark.parametrize("qtype", ["gapselect", "ddwtos"])
def test_csv_round_trip_carries_groups_and_unlimited(qtype):
    original = bilingual(qtype)
    written = csv_format.export([original])
    header = next(csv.reader(io.StringIO(written)))
    assert {"answer1_group", "answer1_unlimited", "options"} <= set(header)
    result = csv_format.parse(written)
    assert result.errors == []
    (back,) = result.questions
    assert carried(back) == carried(original)


def test_csv_without_gap_questions_has_no_gap_columns():
    from tests.factories import single_choice_def

    assert "_group" not in csv_format.export([single_choice_def()])


def test_csv_refuses_a_group_or_unlimited_cell_it_cannot_read():
    header = "type,text_en,answer1_en,answer1_group,answer1_unlimited\n"
    result = csv_format.parse(header + "ddwtos,<p>[[1]]</p>,Puebla,one,\nddwtos,<p>[[1]]</p>,Puebla,1,maybe\n")
    assert [str(p) for p in result.errors] == [
        "row 2: group “one” is not a whole number.", "row 3: “maybe” is not yes or no (1 or 0)."]
    result = csv_format.parse(header + "ddwtos,<p>[[1]]</p>,Puebla,,yes\n")
    assert rows(result.questions[0]) == [({"en": "Puebla"}, 1, True)]


@pytest.mark.parametrize("qtype, name", [("gapselect", "select missing words"), ("ddwtos", "drag and drop into text")])
def test_gift_leaves_them_out_with_a_comment(qtype, name):
    written = gift.export([bilingual(qtype)])
    assert written.startswith("// ") and "skipped" in written and f"GIFT has no {name} questions" in written
    assert "{" not in written


def test_a_type_without_hooks_carries_gap_choices_in_the_default_formats():
    """The defaults know the gap choices' shape too: Moodle XML and CSV carry group and unlimited; GIFT cannot."""
    from tests.quizzes.formats.test_defaults import typed

    from quizzes.question_types import registry

    with registry.register_temporarily(typed("gap_choices")):
        original = bilingual("ddwtos")
        original.qtype = "year_guess"
        for module in (moodlexml, csv_format):
            result = module.parse(module.export([original]))
            assert (result.errors, result.skipped) == ([], []), module
            assert carried(result.questions[0]) == carried(original), module
        assert "cannot write answers of the kind gap_choices" in gift.export([original])
