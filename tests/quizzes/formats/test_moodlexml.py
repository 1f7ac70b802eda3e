"""Moodle XML import and export: Moodle's own fixtures, security, bilingual text, images and round trips.

The corpus files are Moodle's test fixtures (see /work/shared/corpus/SOURCES.md); the bilingual and
image files are written here, since no public Moodle XML file has Arabic text.
"""

import base64
from decimal import Decimal
from fractions import Fraction
from xml.sax.saxutils import quoteattr

import pytest
from defusedxml import ElementTree
from django.utils import translation
from hypothesis import HealthCheck, given, settings, strategies as st

from quizzes.definitions import (
    AcceptedAnswerDef,
    ChoiceDef,
    ImageDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.formats.base import FormatError, ParseResult, unsupported_type_message
from quizzes.formats.moodlexml import export, parse
from quizzes.formats.moodlexml_syntax import MAX_IMAGE_BYTES
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT


# file name: (questions imported, questions skipped, errors?, warnings)
EXPECTED = {
    # 5 deliberately broken cloze questions: 4 are read (the type's validation refuses them), the fifth's
    # numerical answer "zero" cannot be read at all.
    "broken_cloze_questions.xml": (4, 0, True, 0),
    # Child category Sigma/Tau before its parent Sigma; an essay and a shortanswer.
    "categories_reverse_order.xml": (2, 0, False, 0),
    # A category with an <info> description and an idnumber, then one true/false question.
    "category_with_description.xml": (1, 0, False, 0),
    # Multiple-answer multichoice with invalid fractions 33 / -50 / 33.33333: imported, validated later.
    "error_invalid_grades.xml": (1, 0, False, 0),
    # A category and an essay question (word limits, grader information, a response template).
    "essay__testquestion.moodle.xml": (1, 0, False, 0),
    # idnumbers holding &lt; &amp; &gt; (ignored) and a true/false question.
    "html_chars_in_idnumbers.xml": (1, 0, False, 0),
    # Matching: 3 subquestions and a distractor with an empty prompt.
    "match__testquestion.moodle.xml": (1, 0, False, 0),
    # Multiple-answer multichoice, 5 answers at 0 / 50 %, with hints (not carried).
    "multichoice__testquestion.moodle.xml": (1, 0, False, 0),
    # Four nested categories, four true/false questions and an essay.
    "nested_categories_with_questions.xml": (5, 0, False, 0),
    # Numerical 6.25 ± 0.05.
    "numerical__testquestion.moodle.xml": (1, 0, False, 0),
    # Ordering: six words whose fractions 1..6 follow the file order.
    "ordering__testquestion.moodle.xml": (1, 0, False, 0),
    # Shortanswer frog 100 %, toad 80 %, * 0 %.
    "shortanswer__testquestion.moodle.xml": (1, 0, False, 0),
    # Two true/false questions with four embedded JPEGs each, and NBSPs.
    "truefalse.xml": (2, 0, False, 0),
    # A plain true/false question with per-answer feedback and no CDATA.
    "truefalse__testquestion.moodle.xml": (1, 0, False, 0),
}


@pytest.fixture(autouse=True)
def _english():
    """Report messages are compared in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def corpus(moodle_corpus):
    """Parse a file of Moodle's corpus (the tests that use it are skipped when the corpus is absent)."""
    return lambda name: parse((moodle_corpus / name).read_text(encoding="utf-8"))


def quiz(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def messages(problems) -> list[str]:
    return [str(problem.message) for problem in problems]


# --- Moodle's fixtures -----------------------------------------------------------------------------------


def test_every_corpus_file_has_expected_counts(moodle_corpus):
    assert sorted(path.name for path in moodle_corpus.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name, corpus):
    imported, skipped, has_errors, warnings = EXPECTED[name]
    result = corpus(name)
    assert len(result.questions) == imported
    assert len(result.skipped) == skipped
    assert bool(result.errors) == has_errors
    assert len(result.warnings) == warnings


def test_broken_cloze_questions_are_read_and_the_unreadable_one_says_why(corpus):
    result = corpus("broken_cloze_questions.xml")
    assert [(q.qtype, q.source) for q in result.questions][0] == (
        "cloze", "question 1 (“Multianswer question without subquestions”)")
    assert [(p.where, str(p.message)) for p in result.errors] == [(
        "question 5 (“Numerical subquestion with buggy answer”)",
        "invalid embedded answers (cloze) question: Gap 1: the answer “zero” must be a number, for example "
        "-1.234 or 3e8, or “*”.")]


def test_cdata_and_entities_in_name_are_read_as_moodle_does(corpus):
    question = corpus("error_invalid_grades.xml").questions[0]
    # Moodle keeps names as plain text: the tags go, the characters stay.
    assert question.name == "Question with invalid grades : x > 1 & x < 2"
    assert question.text == {"en": "Select all prime numbers :<br>"}
    assert question.source == "question 1 (“Question with invalid grades : x > 1 & x < 2”)"


def test_invalid_grades_are_imported_for_the_type_to_reject(corpus):
    question = corpus("error_invalid_grades.xml").questions[0]
    assert question.qtype == "multiple_response"
    assert [choice.text for choice in question.choices] == [{"en": str(n)} for n in range(1, 6)]
    assert [choice.fraction for choice in question.choices] == [
        Fraction(-1, 2), Fraction(33, 100), Fraction(1, 3), Fraction(-1, 2), Fraction(1, 3),
    ]
    assert question.options == {"shuffle": True}


def test_entities_in_idnumbers_are_ignored(corpus):
    result = corpus("html_chars_in_idnumbers.xml")
    (question,) = result.questions
    assert question.qtype == "true_false"
    assert question.text == {"en": "<p>Testing Alpha Question</p>"}
    assert question.tags == ["category:Alpha"]
    assert result.categories == ["Alpha"]


def test_truefalse_choices_are_true_then_false(corpus):
    question = corpus("truefalse__testquestion.moodle.xml").questions[0]
    assert [choice.text for choice in question.choices] == [TRUE_TEXT, FALSE_TEXT]
    assert [choice.fraction for choice in question.choices] == [1, 0]
    assert [choice.feedback for choice in question.choices] == [
        {"en": "This is the right answer."}, {"en": "This is the wrong answer."},
    ]
    assert question.general_feedback == {"en": "You should have selected true."}
    assert question.points == Decimal(1)


def test_truefalse_images_are_kept_and_embedded(corpus):
    result = corpus("truefalse.xml")
    false_question, true_question = result.questions
    assert [choice.fraction for choice in false_question.choices] == [0, 1]
    assert [choice.fraction for choice in true_question.choices] == [1, 0]
    for question in result.questions:
        assert len(question.images) == 4
        assert sorted(image.name for image in question.images) == ["infos.jpg", "logo.jpg", "thumbdown.jpg", "thumbup.jpg"]
        assert all(image.mime_type == "image/jpeg" and image.content[:3] == b"\xff\xd8\xff" for image in question.images)
        html = [question.text["en"], question.general_feedback["en"]] + [c.feedback["en"] for c in question.choices]
        assert all("data:image/jpeg;base64," in part for part in html)
        assert not any("@@PLUGINFILE@@" in part for part in html)
    logo = next(image for image in true_question.images if image.name == "logo.jpg")
    assert base64.b64encode(logo.content).decode() in true_question.text["en"]


def test_truefalse_nbsps_are_kept_in_html(corpus):
    result = corpus("truefalse.xml")
    html = [
        part
        for question in result.questions
        for part in [question.text["en"], question.general_feedback["en"]] + [c.feedback["en"] for c in question.choices]
    ]
    # The file has 8 U+00A0: they stay no-break spaces, written as entities by the HTML cleaner.
    assert sum(part.count("&nbsp;") for part in html) == 8
    assert result.questions[0].text["en"].startswith("<p>Moodle&nbsp;<img ")


def test_matching_with_distractor(corpus):
    question = corpus("match__testquestion.moodle.xml").questions[0]
    assert question.qtype == "matching"
    assert [(pair.prompt, pair.answer) for pair in question.pairs] == [
        ({"en": "frog"}, {"en": "amphibian"}),
        ({"en": "cat"}, {"en": "mammal"}),
        ({"en": "newt"}, {"en": "amphibian"}),
        ({}, {"en": "insect"}),
    ]
    assert [pair.is_distractor for pair in question.pairs] == [False, False, False, True]
    assert question.options == {"shuffle": True}


def test_shortanswer_wildcard_and_fractions(corpus):
    question = corpus("shortanswer__testquestion.moodle.xml").questions[0]
    assert [(a.text, a.fraction) for a in question.accepted_answers] == [
        ({"en": "frog"}, Fraction(1)), ({"en": "toad"}, Fraction(4, 5)), ({"en": "*"}, Fraction(0)),
    ]
    assert question.accepted_answers[2].feedback == {"en": "That is a bad answer."}
    assert question.options == {"case_sensitive": False}


def test_numerical_value_and_tolerance(corpus):
    question = corpus("numerical__testquestion.moodle.xml").questions[0]
    (answer,) = question.numerical_answers
    assert (answer.value, answer.tolerance, answer.fraction) == (Decimal("6.25"), Decimal("0.05"), Fraction(1))
    assert question.options == {}


def test_ordering_order(corpus):
    question = corpus("ordering__testquestion.moodle.xml").questions[0]
    assert [item.text["en"] for item in question.items] == [
        "Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment",
    ]
    assert question.general_feedback == {
        "en": '<p>The correct answer is "Modular Object Oriented Dynamic Learning Environment".</p>'
    }


def test_multichoice_multiple_fractions(corpus):
    question = corpus("multichoice__testquestion.moodle.xml").questions[0]
    assert question.qtype == "multiple_response"
    assert [(c.text["en"], c.fraction) for c in question.choices] == [
        ("Tokyo", 0), ("Spain", 0), ("London", Fraction(1, 2)), ("Barcelona", 0), ("Paris", Fraction(1, 2)),
    ]


def test_nested_categories(corpus):
    result = corpus("nested_categories_with_questions.xml")
    assert result.categories == ["Iota", "Iota/Kappa", "Iota/Kappa/Lambda", "Iota/Mu"]
    assert [(q.name, q.tags) for q in result.questions] == [
        ("Iota Question", ["category:Iota"]),
        ("Kappa Essay Question", ["category:Iota/Kappa"]),
        ("Kappa Question", ["category:Iota/Kappa"]),
        ("Lambda Question", ["category:Iota/Kappa/Lambda"]),
        ("Mu Question", ["category:Iota/Mu"]),
    ]
    # Questions are numbered among all <question> elements, categories included.
    assert result.questions[1].source == "question 4 (“Kappa Essay Question”)"


def test_categories_in_reverse_order_list_parents_first(corpus):
    result = corpus("categories_reverse_order.xml")
    assert result.categories == ["Sigma", "Sigma/Tau"]
    essay, question = result.questions
    assert (question.qtype, question.tags) == ("short_answer", ["category:Sigma"])
    assert question.text == {"en": "Testing Sigma Question"}
    assert (essay.qtype, essay.tags, essay.source) == ("essay", ["category:Sigma/Tau"], "question 2 (“Tau Question”)")


def test_category_prefixes_and_top_are_stripped():
    categories = [
        "$course$/top/Default for C1",
        "$module$/Quiz/Part 1",
        "$system$/Shared",
        "$cat1$/top/A//B/C",
        "top/Plain",
    ]
    xml = quiz(
        *(f'<question type="category"><category><text>{path}</text></category></question>' for path in categories)
    )
    assert parse(xml).categories == [
        "Default for C1", "Quiz", "Quiz/Part 1", "Shared", "A//B", "A//B/C", "Plain",
    ]


# --- Security and unreadable files -----------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>"""


@pytest.mark.parametrize(
    "document, message",
    [
        (BILLION_LAUGHS, "declares XML entities"),
        ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><quiz><question type="truefalse">'
         "<name><text>&e;</text></name></question></quiz>", "declares XML entities"),
        ('<!DOCTYPE quiz SYSTEM "http://example.com/quiz.dtd"><quiz/>', "external XML resources"),
        ("<!DOCTYPE quiz [<!ELEMENT quiz ANY>]><quiz/>", "document type declaration"),
    ],
    ids=["billion-laughs", "external-entity", "external-dtd", "dtd"],
)
def test_dangerous_xml_is_refused(document, message):
    for data in (document, document.encode("utf-8")):
        with pytest.raises(FormatError, match=message):
            parse(data)


def test_not_well_formed_xml_says_where():
    with pytest.raises(FormatError, match=r"not well-formed XML \(line 3, column \d+\)"):
        parse("<quiz>\n<question type='truefalse'>\n</quiz>")
    with pytest.raises(FormatError, match="not well-formed"):
        parse("<quiz>&bogus;</quiz>")
    with pytest.raises(FormatError, match="not well-formed"):
        parse("")


def test_another_root_element_is_refused():
    with pytest.raises(FormatError, match="root element is <html>"):
        parse("<html><body/></html>")


def test_too_large_file_is_refused():
    with pytest.raises(FormatError, match="larger than 5 MB"):
        parse("<quiz>" + " " * (5 * 1024 * 1024) + "</quiz>")


def test_bytes_with_bom_and_declared_encoding_are_read():
    xml = quiz('<question type="shortanswer"><name><text>é</text></name><answer fraction="100"><text>نعم</text></answer></question>')
    assert parse("\ufeff" + xml).questions[0].name == "é"
    assert parse(xml.encode("utf-8")).questions[0].accepted_answers[0].text == {"ar": "نعم"}
    latin = xml.replace("UTF-8", "ISO-8859-1").replace("<text>نعم</text>", "<text>oui</text>").encode("latin-1")
    assert parse(latin).questions[0].name == "é"


def test_unreadable_questions_are_errors_and_others_still_read():
    result = parse(quiz(
        "<question><name><text>No type</text></name></question>",
        '<question type="multichoice"><name><text>Bad</text></name><answer fraction="abc"><text>x</text></answer></question>',
        '<question type="numerical"><answer fraction="100"><text>six</text></answer></question>',
        '<question type="truefalse"><defaultgrade>lots</defaultgrade></question>',
        '<question type="multichoice"><answer fraction="1e-999999999"><text>x</text></answer></question>',
        '<question type="shortanswer"><name><text>Fine</text></name><answer fraction="100"><text>ok</text></answer></question>',
        '<question type="essay"><name><text>Essay</text></name></question>',
        '<question type="wordsearch"/>',
    ))
    assert [(p.where, str(p.message)) for p in result.errors] == [
        ("question 1 (“No type”)", "the question has no type."),
        ("question 2 (“Bad”)", "the fraction “abc” is not a number."),
        ("question 3", "the answer “six” is not a number."),
        ("question 4", "the default grade “lots” is not a number."),
        ("question 5", "the fraction “1e-999999999” is not a number."),
    ]
    assert [q.name for q in result.questions] == ["Fine", "Essay"]
    assert messages(result.skipped) == [str(unsupported_type_message("wordsearch"))]


# --- Texts, languages and formats ------------------------------------------------------------------------


def test_multilang_markup_splits_into_arabic_and_english():
    result = parse(quiz("""
  <question type="multichoice">
    <name><text><![CDATA[<span lang="ar" class="multilang">حطين</span><span lang="en" class="multilang">Hattin</span>]]></text></name>
    <questiontext format="html">
      <text><![CDATA[<span lang="ar" class="multilang"><p>متى كانت معركة حطين؟</p></span><span lang="en" class="multilang"><p>When was the Battle of Hattin?</p></span>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>{mlang ar}انتصر صلاح الدين.{mlang}{mlang en}Saladin won.{mlang}</text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html">
      <text><![CDATA[<span class="multilang" lang="ar">١١٨٧</span><span class="multilang" lang="en">1187</span>]]></text>
      <feedback format="html"><text>{mlang ar}صحيح{mlang}{mlang en}Right{mlang}</text></feedback>
    </answer>
    <answer fraction="0" format="html"><text>عام ١٠٩٩</text></answer>
    <answer fraction="0" format="html"><text>1291</text></answer>
  </question>"""))
    (question,) = result.questions
    assert question.qtype == "single_choice"
    assert question.name == "حطين / Hattin"
    assert question.text == {"ar": "<p>متى كانت معركة حطين؟</p>", "en": "<p>When was the Battle of Hattin?</p>"}
    assert question.general_feedback == {"ar": "انتصر صلاح الدين.", "en": "Saladin won."}
    assert [c.text for c in question.choices] == [{"ar": "١١٨٧", "en": "1187"}, {"ar": "عام ١٠٩٩"}, {"en": "1291"}]
    assert question.choices[0].feedback == {"ar": "صحيح", "en": "Right"}


def test_shortanswer_languages_next_to_each_other_are_joined():
    result = parse(quiz("""
  <question type="shortanswer">
    <usecase>1</usecase>
    <answer fraction="100"><text>صلاح الدين</text></answer>
    <answer fraction="100"><text>Saladin</text></answer>
    <answer fraction="100"><text>Salah ad-Din</text></answer>
    <answer fraction="50"><text>يوسف</text></answer>
    <answer fraction="0"><text>*</text></answer>
  </question>"""))
    (question,) = result.questions
    assert [(a.text, a.fraction) for a in question.accepted_answers] == [
        ({"ar": "صلاح الدين", "en": "Saladin"}, 1),
        ({"en": "Salah ad-Din"}, 1),
        ({"ar": "يوسف"}, Fraction(1, 2)),
        ({"en": "*"}, 0),
    ]
    assert question.options == {"case_sensitive": True}


def test_text_formats_become_html():
    result = parse(quiz(
        '<question type="truefalse"><questiontext format="plain_text"><text>a &lt; b\nsecond line</text></questiontext></question>',
        '<question type="truefalse"><questiontext format="markdown"><text>**bold** and *em*</text></questiontext></question>',
        '<question type="truefalse"><questiontext format="moodle_auto_format"><text>line one\nline <b>two</b></text></questiontext></question>',
        '<question type="truefalse"><questiontext format="html"><text><![CDATA[<p onclick="x()">hi<script>alert(1)</script></p>]]></text></questiontext></question>',
        '<question type="truefalse"><questiontext><text><p>no <em>CDATA</em></p></text></questiontext></question>',
    ))
    assert [q.text["en"] for q in result.questions] == [
        "a &lt; b<br>second line",
        "<p><strong>bold</strong> and <em>em</em></p>",
        "line one<br>line <b>two</b>",
        "<p>hi</p>",
        "<p>no <em>CDATA</em></p>",
    ]


def test_plain_text_answers_lose_markup_and_nbsp():
    result = parse(quiz("""
  <question type="ordering">
    <answer fraction="1" format="html"><text><![CDATA[<p>Mecca&nbsp;conquered</p>]]></text></answer>
    <answer fraction="2" format="plain_text"><text>a &lt;b&gt; c</text></answer>
    <answer fraction="3" format="html"><text>   </text></answer>
    <answer fraction="4" format="markdown"><text>**Ain** Jalut</text></answer>
  </question>"""))
    (question,) = result.questions
    assert [item.text for item in question.items] == [
        {"en": "Mecca conquered"}, {"en": "a <b> c"}, {"en": "Ain Jalut"},
    ]


def test_ordering_follows_file_order_like_moodle():
    result = parse(quiz("""
  <question type="ordering"><name><text>Caliphates</text></name>
    <answer fraction="3"><text>Abbasid</text></answer>
    <answer fraction="1"><text>Rashidun</text></answer>
    <answer fraction="2"><text>Umayyad</text></answer>
  </question>"""))
    (question,) = result.questions
    assert [item.text["en"] for item in question.items] == ["Abbasid", "Rashidun", "Umayyad"]
    assert messages(result.warnings) == [
        "the items’ fraction values do not follow their order in the file; the file order was kept, as Moodle does."
    ]


def test_numerical_any_other_answer_and_units():
    result = parse(quiz("""
  <question type="numerical"><name><text>Year</text></name>
    <answer fraction="100"><text>1187</text><tolerance>0</tolerance></answer>
    <answer fraction="50"><text>1188</text><tolerance>1</tolerance><feedback><text>Close.</text></feedback></answer>
    <answer fraction="0"><text>*</text><feedback format="html"><text>Think of Hattin.</text></feedback></answer>
    <units>
      <unit><multiplier>1</multiplier><unit_name>AD</unit_name></unit>
      <unit><multiplier>0.01</multiplier><unit_name>centuries</unit_name></unit>
    </units>
  </question>
  <question type="numerical"><name><text>Silent</text></name>
    <answer fraction="100"><text>622</text></answer>
    <answer fraction="0"><text>*</text></answer>
  </question>"""))
    year, silent = result.questions
    assert [(a.value, a.tolerance, a.fraction) for a in year.numerical_answers] == [
        (Decimal(1187), Decimal(0), 1), (Decimal(1188), Decimal(1), Fraction(1, 2)),
    ]
    assert year.options == {"unit": "AD"}
    assert [a.value for a in silent.numerical_answers] == [Decimal(622)]
    assert [(p.where, str(p.message)) for p in result.warnings] == [
        ("question 1 (“Year”)", "the feedback for any other number (answer “*”) was dropped."),
        ("question 1 (“Year”)", "only the base unit was kept; other units and their multipliers were dropped."),
    ]


def test_truefalse_with_localised_answers_takes_the_first_as_true():
    result = parse(quiz("""
  <question type="truefalse">
    <answer fraction="0"><text>صح</text></answer>
    <answer fraction="100"><text>خطأ</text></answer>
  </question>"""))
    assert [c.fraction for c in result.questions[0].choices] == [0, 1]
    assert len(result.warnings) == 1


def test_tags_and_points():
    result = parse(quiz("""
  <question type="category"><category><text>$course$/top/Crusades</text></category></question>
  <question type="truefalse">
    <defaultgrade>2.5000000</defaultgrade>
    <idnumber>T &amp; F</idnumber>
    <tags><tag><text>battles</text></tag><tag><text><![CDATA[Saladin & Richard]]></text></tag></tags>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>"""))
    (question,) = result.questions
    assert question.points == Decimal("2.5")
    assert question.tags == ["category:Crusades", "battles", "Saladin & Richard"]


# --- Images ----------------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
GIF = b"GIF89a" + bytes(32)


def file_element(name: str, content: bytes) -> str:
    return f'<file name={quoteattr(name)} path="/" encoding="base64">{base64.b64encode(content).decode()}</file>'


def test_image_files_become_data_urls_and_image_defs():
    result = parse(quiz(f"""
  <question type="multichoice"><name><text>Map</text></name>
    <questiontext format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/my%20map.png" alt="map"> and <img src="@@PLUGINFILE@@/gone.png"></p>]]></text>
      {file_element("my map.png", PNG)}
    </questiontext>
    <answer fraction="100" format="html"><text>A</text>
      <feedback format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/icon.gif">]]></text>{file_element("icon.gif", GIF)}</feedback>
    </answer>
  </question>"""))
    (question,) = result.questions
    assert question.images == [
        ImageDef("my map.png", PNG, "image/png"), ImageDef("icon.gif", GIF, "image/gif"),
    ]
    png_url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert question.text == {"en": f'<p><img src="{png_url}" alt="map"> and </p>'}
    assert question.choices[0].feedback["en"].startswith('<img src="data:image/gif;base64,')
    assert messages(result.warnings) == ["the file “gone.png” is missing; references to it were removed."]


def test_large_and_non_image_files_are_dropped_with_a_warning():
    big = b"\xff\xd8\xff" + bytes(MAX_IMAGE_BYTES)
    result = parse(quiz(f"""
  <question type="truefalse"><name><text>Files</text></name>
    <questiontext format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/big.jpg"><a href="@@PLUGINFILE@@/notes.pdf">notes</a><img src="@@PLUGINFILE@@/fake.png"></p>]]></text>
      {file_element("big.jpg", big)}{file_element("notes.pdf", b"%PDF-1.4")}{file_element("fake.png", b"<svg/>")}
      <file name="bad.gif" encoding="base64">!!!not base64!!!</file>
    </questiontext>
  </question>"""))
    (question,) = result.questions
    assert question.images == []
    assert question.text == {"en": "<p><a rel=\"noopener noreferrer nofollow\">notes</a></p>"}
    assert [(p.where, str(p.message)) for p in result.warnings] == [
        ("question 1 (“Files”)", "image “big.jpg” was dropped: it is larger than 1 MB."),
        ("question 1 (“Files”)", "image “notes.pdf” was dropped: only JPEG, PNG, GIF and WebP images are kept."),
        ("question 1 (“Files”)", "image “fake.png” was dropped: its content is not the image its name says."),
        ("question 1 (“Files”)", "image “bad.gif” was dropped: its content is not valid base64."),
    ]


def test_images_in_plain_text_answers_are_dropped_with_a_warning():
    result = parse(quiz(f"""
  <question type="multichoice">
    <answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/a.png"> Acre]]></text>{file_element("a.png", PNG)}</answer>
    <answer fraction="0" format="html"><text>Tyre</text></answer>
  </question>"""))
    (question,) = result.questions
    assert [c.text for c in question.choices] == [{"en": "Acre"}, {"en": "Tyre"}]
    assert question.images == []
    assert len(result.warnings) == 1


# --- Export and round trip -------------------------------------------------------------------------------


def bi(ar: str, en: str) -> dict:
    return {"ar": ar, "en": en}


MAP_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()


def sample_questions() -> list[QuestionDef]:
    """One question of each of the seven types, bilingual, with feedback, partial credit, tags and a unit."""
    return [
        QuestionDef(
            qtype="single_choice",
            name="Hattin",
            text=bi("<p>متى كانت معركة حطين؟</p>", f'<p>When was the Battle of Hattin? <img src="{MAP_URL}" alt="map"></p>'),
            general_feedback=bi("<p>سنة ١١٨٧.</p>", "<p>In 1187.</p>"),
            points=Decimal("2"),
            choices=[
                ChoiceDef(bi("١١٨٧", "1187"), Fraction(1), bi("<p>أحسنت</p>", "<p>Well done</p>")),
                ChoiceDef(bi("١٠٩٩", "1099"), Fraction(0), bi("<p>تلك القدس</p>", "<p>That was Jerusalem</p>")),
                ChoiceDef(bi("أ & ب < ج", "A & B < C ]]> D"), Fraction(0)),
            ],
            options={"shuffle": True},
            tags=["category:Crusades/Ayyubids", "battles"],
            images=[ImageDef("map.png", PNG, "image/png")],
        ),
        QuestionDef(
            qtype="multiple_response",
            name="Ayyubid cities",
            text=bi("<p>اختر مدن الأيوبيين</p>", "<p>Pick the Ayyubid cities</p>"),
            choices=[
                ChoiceDef(bi("القاهرة", "Cairo"), Fraction(1, 2), bi("<p>نعم</p>", "<p>Yes</p>")),
                ChoiceDef(bi("دمشق", "Damascus"), Fraction(1, 2)),
                ChoiceDef(bi("قرطبة", "Cordoba"), Fraction(-1, 3), bi("<p>لا</p>", "<p>No</p>")),
                ChoiceDef(bi("بغداد", "Baghdad"), Fraction(-1, 7)),
            ],
            options={"shuffle": False},
            tags=["category:Crusades/Ayyubids"],
        ),
        QuestionDef(
            qtype="true_false",
            name="Richard",
            text=bi("<p>التقى ريتشارد وصلاح الدين.</p>", "<p>Richard and Saladin met.</p>"),
            general_feedback=bi("<p>لم يلتقيا.</p>", "<p>They never met.</p>"),
            choices=[
                ChoiceDef(dict(TRUE_TEXT), Fraction(0), bi("<p>خطأ</p>", "<p>No</p>")),
                ChoiceDef(dict(FALSE_TEXT), Fraction(1), bi("<p>صحيح</p>", "<p>Right</p>")),
            ],
            tags=["category:Crusades"],
        ),
        QuestionDef(
            qtype="short_answer",
            name="Sultan",
            text=bi("<p>من حرر القدس سنة ١١٨٧؟</p>", "<p>Who took Jerusalem in 1187?</p>"),
            accepted_answers=[
                AcceptedAnswerDef(bi("صلاح الدين", "Saladin"), Fraction(1), bi("<p>نعم</p>", "<p>Yes</p>")),
                AcceptedAnswerDef({"en": "Salah*"}, Fraction(4, 5)),
                AcceptedAnswerDef({"en": "*"}, Fraction(0), bi("<p>لا</p>", "<p>No</p>")),
            ],
            options={"case_sensitive": False},
        ),
        QuestionDef(
            qtype="numerical",
            name="Ain Jalut",
            text=bi("<p>في أي سنة كانت عين جالوت؟</p>", "<p>In which year was Ain Jalut?</p>"),
            points=Decimal("1.5"),
            numerical_answers=[
                NumericalAnswerDef(Decimal(1260), Decimal(0), Fraction(1), bi("<p>ممتاز</p>", "<p>Great</p>")),
                NumericalAnswerDef(Decimal("1261.5"), Decimal("0.5"), Fraction(1, 3)),
            ],
            options={"unit": "م"},
            tags=["category:Mongols", "year"],
        ),
        QuestionDef(
            qtype="matching",
            name="Leaders",
            text=bi("<p>طابق القائد بالمعركة</p>", "<p>Match the leader to the battle</p>"),
            pairs=[
                MatchingPairDef(bi("قطز", "Qutuz"), bi("عين جالوت", "Ain Jalut")),
                MatchingPairDef(bi("صلاح الدين", "Saladin"), bi("حطين", "Hattin")),
                MatchingPairDef({}, bi("ملاذكرد", "Manzikert")),
            ],
            options={"shuffle": True},
            tags=["category:Mongols"],
        ),
        QuestionDef(
            qtype="ordering",
            name="Dynasties",
            text=bi("<p>رتب الدول</p>", "<p>Put the dynasties in order</p>"),
            items=[
                OrderingItemDef(bi("الراشدون", "Rashidun")),
                OrderingItemDef(bi("الأمويون", "Umayyads")),
                OrderingItemDef(bi("العباسيون", "Abbasids")),
                OrderingItemDef(bi("المماليك", "Mamluks")),
            ],
        ),
    ]


def texts(value: dict) -> dict:
    return {code: text for code, text in value.items() if text}


def assert_same_question(parsed: QuestionDef, original: QuestionDef) -> None:
    """Compare every field Moodle XML carries (not keys, explanation, events, difficulty, source or id)."""
    assert parsed.qtype == original.qtype
    assert parsed.name == original.name
    assert texts(parsed.text) == texts(original.text)
    assert texts(parsed.general_feedback) == texts(original.general_feedback)
    assert parsed.points == original.points
    assert [(texts(c.text), c.fraction, texts(c.feedback)) for c in parsed.choices] == [
        (texts(c.text), c.fraction, texts(c.feedback)) for c in original.choices
    ]
    assert [(texts(a.text), a.fraction, texts(a.feedback)) for a in parsed.accepted_answers] == [
        (texts(a.text), a.fraction, texts(a.feedback)) for a in original.accepted_answers
    ]
    assert [(a.value, a.tolerance, a.fraction, texts(a.feedback)) for a in parsed.numerical_answers] == [
        (a.value, a.tolerance, a.fraction, texts(a.feedback)) for a in original.numerical_answers
    ]
    assert [(texts(p.prompt), texts(p.answer)) for p in parsed.pairs] == [
        (texts(p.prompt), texts(p.answer)) for p in original.pairs
    ]
    assert [texts(i.text) for i in parsed.items] == [texts(i.text) for i in original.items]
    assert parsed.options == original.options
    assert sorted(parsed.tags) == sorted(original.tags)  # tag order carries no meaning
    assert parsed.images == original.images


def test_round_trip_of_all_seven_types():
    originals = sample_questions()
    result = parse(export(originals))
    assert (result.errors, result.warnings, result.skipped) == ([], [], [])
    # Export groups questions by category, uncategorised first (see test_export_is_moodle_xml).
    assert [q.name for q in result.questions] == [
        "Sultan", "Dynasties", "Hattin", "Ayyubid cities", "Richard", "Ain Jalut", "Leaders",
    ]
    by_name = {q.name: q for q in result.questions}
    for original in originals:
        assert_same_question(by_name[original.name], original)
    assert result.categories == ["Crusades", "Crusades/Ayyubids", "Mongols"]


def test_export_is_moodle_xml():
    xml = export(sample_questions())
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    root = ElementTree.fromstring(xml.encode("utf-8"))
    questions = root.findall("question")
    # Uncategorised questions first: Moodle has no way back to "no category" once one is set.
    assert [q.get("type") for q in questions] == [
        "shortanswer", "ordering", "category", "multichoice", "multichoice", "category", "truefalse",
        "category", "numerical", "matching",
    ]
    assert [q.findtext("category/text") for q in questions if q.get("type") == "category"] == [
        "$course$/top/Crusades/Ayyubids", "$course$/top/Crusades", "$course$/top/Mongols",
    ]
    single, multiple = questions[3], questions[4]
    assert single.findtext("single") == "true" and multiple.findtext("single") == "false"
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "50", "-33.33333", "-14.28571"]
    # Bilingual text travels as multilang spans in CDATA, images as Moodle files.
    text = single.find("questiontext")
    assert text.get("format") == "html"
    assert '<span lang="ar" class="multilang"><p>متى كانت معركة حطين؟</p></span>' in text.findtext("text")
    assert '<img src="@@PLUGINFILE@@/map.png" alt="map">' in text.findtext("text")
    assert base64.b64decode(text.find("file").text) == PNG and text.find("file").get("name") == "map.png"
    assert "<![CDATA[" in xml
    # Moodle compares short answers as written: one <answer> per language.
    shortanswer = questions[0]
    assert [a.findtext("text") for a in shortanswer.findall("answer")] == ["صلاح الدين", "Saladin", "Salah*", "*"]
    assert shortanswer.findtext("usecase") == "0"
    numerical = questions[8]
    assert numerical.findtext("units/unit/unit_name") == "م"
    assert numerical.findtext("units/unit/multiplier") == "1"
    assert [a.findtext("tolerance") for a in numerical.findall("answer")] == ["0", "0.5"]
    matching = questions[9]
    assert matching.findall("subquestion")[2].findtext("text") == ""  # the distractor has an empty prompt
    ordering = questions[1]
    assert [a.get("fraction") for a in ordering.findall("answer")] == ["1", "2", "3", "4"]
    assert ordering.findtext("selecttype") == "ALL"
    assert ordering.findtext("gradingtype") == "RELATIVE_NEXT_EXCLUDE_LAST"
    assert [t.findtext("text") for t in numerical.findall("tags/tag")] == ["year"]


def test_corpus_round_trips_through_export(corpus):
    for name in EXPECTED:
        first = corpus(name)
        again = parse(export(first.questions))
        assert not again.errors and not again.warnings, name
        for parsed, original in zip(again.questions, first.questions, strict=True):
            assert_same_question(parsed, original)


def test_export_keeps_xml_well_formed_whatever_the_text():
    question = QuestionDef(
        qtype="true_false",
        name="a ]]> b & <c> \x01",
        text={"en": "<p>x ]]> y</p>"},
        choices=[ChoiceDef(dict(TRUE_TEXT), Fraction(1)), ChoiceDef(dict(FALSE_TEXT), Fraction(0))],
        tags=["x < y"],
    )
    (parsed,) = parse(export([question])).questions
    assert parsed.name == "a ]]> b & <c>"
    assert parsed.text == {"en": "<p>x ]]&gt; y</p>"}
    assert parsed.tags == ["x < y"]


def test_unknown_type_cannot_be_exported():
    with pytest.raises(FormatError):
        export([QuestionDef(qtype="long_essay", text={"en": "Write"})])


# --- Property tests: nothing but FormatError ever escapes ------------------------------------------------

FRAGMENTS = [
    '<?xml version="1.0" encoding="UTF-8"?>', "<quiz>", "</quiz>", '<question type="multichoice">',
    '<question type="truefalse">', '<question type="shortanswer">', '<question type="numerical">',
    '<question type="matching">', '<question type="ordering">', '<question type="category">', "<question>",
    "</question>", '<answer fraction="100">', '<answer fraction="abc">', '<answer fraction="-33.33333">',
    "<answer>", "</answer>", "<text>", "</text>", "<text/>", "]]>", "<![CDATA[", "&amp;", "&bogus;", "&#0;",
    "<single>true</single>", "<single>false</single>", '<questiontext format="markdown">',
    '<questiontext format="plain_text">', "<questiontext>", "</questiontext>", "<name>", "</name>",
    "<category>", "</category>", "$course$/top/", "<subquestion>", "</subquestion>", "<feedback>",
    "</feedback>", '<file name="x.png" encoding="base64">', '<file name="y.jpg">', "</file>", "iVBORw0KGgo=",
    "@@PLUGINFILE@@/x.png", '<img src="@@PLUGINFILE@@/y.jpg">', "<tolerance>", "</tolerance>", "*",
    "<units><unit><unit_name>", "</unit_name></unit></units>", "<defaultgrade>", "</defaultgrade>",
    '<span lang="ar" class="multilang">', "</span>", "{mlang en}", "{mlang}", "<!DOCTYPE quiz>", "<!-- c -->",
    "abc", "نعم", "1e999", "NaN", " ", "\n",
]


def parses_or_refuses(data) -> None:
    try:
        result = parse(data)
    except FormatError as error:
        assert str(error)
    else:
        assert isinstance(result, ParseResult)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_parses_or_raises_format_error(text):
    parses_or_refuses(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_xml_ish_text_parses_or_raises_format_error(fragments):
    parses_or_refuses("".join(fragments))
    parses_or_refuses("<quiz>" + "".join(fragments) + "</quiz>")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    qtype=st.sampled_from(["multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering", "cloze"]),
    text_format=st.sampled_from(["html", "plain_text", "markdown", "moodle_auto_format", "wiki_like", "other"]),
    text=st.text(),
    fraction=st.text(max_size=12) | st.sampled_from(["100", "50", "-100", "33.33333", "1e5", "0x10", "Infinity"]),
    answer=st.text(max_size=20),
)
def test_well_formed_questions_with_any_content_never_crash(qtype, text_format, text, fraction, answer):
    escape = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    clean = lambda value: "".join(escape.get(c, c) for c in value if c >= " " or c in "\t\n")  # noqa: E731
    xml = quiz(f"""
  <question type="{qtype}">
    <name><text>{clean(answer)}</text></name>
    <questiontext format="{text_format}"><text>{clean(text)}</text></questiontext>
    <answer fraction={quoteattr(clean(fraction))} format="{text_format}"><text>{clean(answer)}</text>
      <feedback format="{text_format}"><text>{clean(text)}</text></feedback><tolerance>{clean(answer)}</tolerance></answer>
    <subquestion format="{text_format}"><text>{clean(text)}</text><answer><text>{clean(answer)}</text></answer></subquestion>
  </question>""")
    result = parse(xml)
    assert len(result.questions) + len(result.errors) + len(result.skipped) == 1
    for question in result.questions:
        parse(export([question]))  # and whatever was read can be written and read again


# Well-formed documents built from Moodle's element names, so the readers (not only the XML parser) get
# random structure: missing parts, repeated parts, odd attributes and text in unexpected places.
TAGS = [
    "question", "name", "text", "questiontext", "generalfeedback", "answer", "feedback", "subquestion",
    "category", "file", "tolerance", "single", "usecase", "shuffleanswers", "units", "unit", "unit_name",
    "multiplier", "tags", "tag", "defaultgrade", "fraction", "image", "image_base64",
]
ATTRIBUTES = {
    "type": ["multichoice", "truefalse", "shortanswer", "numerical", "matching", "match", "ordering", "category", ""],
    "fraction": ["100", "0", "-50", "33.33333", "abc", "", "1e30", "NaN"],
    "format": ["html", "plain_text", "markdown", "moodle_auto_format", "bogus"],
    "name": ["a.png", "b.jpg", "c.pdf", "", "d e.gif"],
    "encoding": ["base64", "hex"],
    "path": ["/", "/sub/", ""],
}
TEXTS = st.sampled_from([
    "", "true", "false", "*", "1", "6.25", "abc", "نعم", "iVBORw0KGgo=", "/9j/4AAQ", "@@PLUGINFILE@@/a.png",
    '<img src="@@PLUGINFILE@@/b.jpg">', "$course$/top/A/B", "{mlang ar}نعم{mlang}{mlang en}yes{mlang}", "**x**",
]) | st.text(max_size=10)


def element(children):
    return st.builds(
        lambda tag, attributes, text, kids, tail: (
            f"<{tag}{''.join(f' {k}={quoteattr(v)}' for k, v in attributes.items())}>"
            f"{escape_text(text)}{''.join(kids)}</{tag}>{escape_text(tail)}"
        ),
        st.sampled_from(TAGS),
        st.dictionaries(st.sampled_from(sorted(ATTRIBUTES)), st.just(""), max_size=3).flatmap(
            lambda keys: st.fixed_dictionaries({key: st.sampled_from(ATTRIBUTES[key]) for key in keys})
        ),
        TEXTS,
        st.lists(children, max_size=4),
        TEXTS,
    )


def escape_text(value: str) -> str:
    value = "".join(c for c in value if c >= " " or c in "\t\n")
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PARTS = st.recursive(TEXTS.map(escape_text), element, max_leaves=16)
QUESTIONS = st.builds(
    lambda qtype, parts: f"<question type={quoteattr(qtype)}>{''.join(parts)}</question>",
    st.sampled_from(ATTRIBUTES["type"]),
    st.lists(PARTS, max_size=8),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUESTIONS | PARTS, max_size=4))
def test_random_moodle_shaped_documents_never_crash(questions):
    parses_or_refuses(quiz(*questions))
