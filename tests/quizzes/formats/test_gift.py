"""GIFT import and export: Moodle's own fixtures, bilingual files, round-trips and never crashing."""

from decimal import Decimal
from fractions import Fraction
import pytest
from django.utils import translation
from hypothesis import given, settings, strategies as st

from quizzes.definitions import (
    AcceptedAnswerDef,
    ChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.formats.base import FormatError, ParseResult
from quizzes.formats.gift import export, parse

TRUE = {"ar": "صواب", "en": "True"}
FALSE = {"ar": "خطأ", "en": "False"}


@pytest.fixture(autouse=True)
def _english():
    """Messages and `where` are checked in English (the suite starts each test in Arabic)."""
    with translation.override("en"):
        yield


def read(path) -> ParseResult:
    return parse(path.read_text(encoding="utf-8"))


def by_source(result: ParseResult, source: str) -> QuestionDef:
    [question] = [q for q in result.questions if q.source == source]
    return question


def weights(question: QuestionDef) -> list[Fraction]:
    return [choice.fraction for choice in question.choices]


# --- Moodle's fixtures ----------------------------------------------------------------------------------------


class TestQuestionsGift:
    """question/format/gift/tests/fixtures/questions.gift.txt"""

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls, moodle_corpus):
        with translation.override("en"):
            return read(moodle_corpus / "questions.gift.txt")

    def test_counts(self, result):
        # 9 questions (Moodle's behat test says "Importing 9 questions"), all imported: the essay "Q8" too.
        assert result.errors == []
        assert len(result.questions) == 9
        assert result.skipped == []
        assert [q.qtype for q in result.questions] == [
            "essay", "matching", "single_choice", "multiple_response", "numerical",
            "short_answer", "true_false", "true_false", "true_false",
        ]  # fmt: skip

    def test_stray_junk_is_a_warning(self, result):
        # `}";` after Q5 and Q1; and Q5's `~#Completely wrong` catch-all feedback cannot be stored.
        assert [problem.where for problem in result.warnings] == [
            "line 31 (“Q5”)",
            "line 31 (“Q5”)",
            "line 41 (“Q1”)",
        ]
        assert "“\";”" in str(result.warnings[0].message)
        q1 = by_source(result, "line 41 (“Q1”)")
        assert q1.text == {"en": "42 is the Absolute Answer to everything."}  # no "_____" for the junk

    def test_matching_formats_and_distractor(self, result):
        question = by_source(result, "line 5 (“Moodle activities”)")
        assert question.name == "Moodle activities"
        assert question.text == {"en": "Match the <b>activity</b> to the description."}
        assert [(pair.prompt, pair.answer) for pair in question.pairs] == [
            ({"en": "An activity supporting asynchronous discussions."}, {"en": "Forum"}),
            ({"en": "A teacher asks a question and specifies a choice of multiple responses."}, {"en": "Choice"}),
            ({"en": "A bank of record entries which participants can add to."}, {"en": "Database"}),
            ({"en": "A collection of web pages that anyone can add to or edit."}, {"en": "Wiki"}),
            ({}, {"en": "Chat"}),
        ]
        assert question.pairs[-1].is_distractor

    def test_single_choice_feedback_with_format_tags(self, result):
        question = by_source(result, "line 14 (“Q2”)")
        assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [
            ({"en": "yellow"}, 1, {"en": "right; good!"}),
            ({"en": "red"}, 0, {"en": "wrong, it's yellow"}),  # `# [html]wrong…`
            ({"en": "blue"}, 0, {"en": "wrong, it's yellow"}),  # `~[plain]blue`
        ]

    def test_multiple_answers_weights(self, result):
        question = by_source(result, "line 22 (“colours”)")
        assert question.qtype == "multiple_response"
        assert weights(question) == [Fraction(50, 100), Fraction(-1), Fraction(1, 2), Fraction(-1)]
        assert question.choices[3].text == {"en": "blue"}

    def test_numerical_tolerance(self, result):
        question = by_source(result, "line 31 (“Q5”)")
        assert [(a.value, a.tolerance, a.fraction) for a in question.numerical_answers] == [
            (Decimal(3), Decimal(2), Fraction(1))
        ]
        assert question.text == {"en": "What is a number from 1 to 5?"}

    def test_short_answer_wildcard(self, result):
        question = by_source(result, "line 34 (“Shortanswer”)")
        assert [(a.text, a.fraction, a.feedback) for a in question.accepted_answers] == [
            ({"en": "Frog"}, 1, {"en": "Good!"}),
            ({"en": "Cat"}, Fraction(1, 2), {"en": "What is it with Moodlers and cats?"}),
            ({"en": "*"}, 0, {"en": "Completely wrong"}),
        ]

    def test_true_false_feedback_goes_where_moodle_puts_it(self, result):
        # {FALSE#42 is the Ultimate Answer.#You gave the right answer.####…}: the first feedback is shown for the
        # wrong answer (True), the second for the right one (False).
        question = by_source(result, "line 41 (“Q1”)")
        assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [
            (TRUE, 0, {"en": "42 is the Ultimate Answer."}),
            (FALSE, 1, {"en": "You gave the right answer."}),
        ]
        assert question.general_feedback == {
            "en": "This is, of course, a Hitchiker's Guide to the Galaxy reference."
        }

    def test_t_and_true_and_repeated_names(self, result):
        short, long = result.questions[-2:]
        assert short.name == long.name == "2-08 TSL"
        assert weights(short) == weights(long) == [1, 0]
        assert short.choices[0].text == TRUE


class TestQuestionsInCategory:
    """question/format/gift/tests/fixtures/questions_in_category.gift.txt"""

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls, moodle_corpus):
        with translation.override("en"):
            return read(moodle_corpus / "questions_in_category.gift.txt")

    def test_counts(self, result):
        # 4 questions after the $CATEGORY line, all imported: matching, MC, short answer, TF. Nothing skipped.
        assert result.errors == [] and result.skipped == [] and result.warnings == []
        assert [q.qtype for q in result.questions] == ["matching", "single_choice", "short_answer", "true_false"]

    def test_category(self, result):
        assert result.categories == ["Default for New Features"]
        assert all(q.tags == ["category:Default for New Features"] for q in result.questions)

    def test_escaped_characters_in_html(self, result):
        question = by_source(result, "line 14 (“Greeting”)")
        assert question.text["en"].startswith('<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3"')
        assert ">Listen to this greeting:</a><br><br>What language is being spoken?" in question.text["en"]
        assert weights(question) == [0, 1, 0, 0]
        assert question.choices[1].feedback == {"en": "Yes, well done!"}

    def test_empty_feedback_and_full_weight(self, result):
        question = by_source(result, "line 22 (“Moodle user”)")
        assert question.accepted_answers == [AcceptedAnswerDef(text={"en": "Moodler"}, fraction=Fraction(1))]

    def test_html_is_cleaned(self, result):
        question = by_source(result, "line 27 (“Moodle acronym”)")
        assert "style" not in question.text["en"]
        assert weights(question) == [1, 0]


class TestExamples:
    """question/format/gift/examples.txt"""

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls, moodle_corpus):
        with translation.override("en"):
            return read(moodle_corpus / "examples.txt")

    def test_counts(self, result):
        # 43 questions, all imported; nothing is skipped (no essay or description in the file).
        assert result.errors == [] and result.skipped == [] and result.warnings == []
        qtypes = [q.qtype for q in result.questions]
        assert len(qtypes) == 43
        assert {qtype: qtypes.count(qtype) for qtype in set(qtypes)} == {
            "single_choice": 16,
            "multiple_response": 2,
            "true_false": 5,
            "short_answer": 9,
            "numerical": 8,
            "matching": 3,
        }

    def test_missing_word(self, result):
        question = by_source(result, "line 10")
        assert question.text == {"en": "Grant is _____ in Grant's tomb."}
        assert weights(question) == [0, 1, 0]
        multi_line = by_source(result, "line 29")
        assert multi_line.text == {
            "en": "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November."
        }
        assert by_source(result, "line 45").text == {"en": "Two plus two equals _____."}

    def test_numerical_range_is_midpoint_and_half_width(self, result):
        tolerance = by_source(result, "line 72").numerical_answers
        range_ = by_source(result, "line 74").numerical_answers
        assert [(a.value, a.tolerance) for a in tolerance] == [(Decimal("3.1415"), Decimal("0.0005"))]
        assert [(a.value, a.tolerance) for a in range_] == [(Decimal("3.1415"), Decimal("0.0005"))]

    def test_several_numerical_answers(self, result):
        question = by_source(result, "line 202 (“Numerical example”)")
        assert [(a.value, a.tolerance, a.fraction) for a in question.numerical_answers] == [
            (Decimal(1822), Decimal(0), Fraction(1)),
            (Decimal(1822), Decimal(2), Fraction(1, 2)),
        ]
        assert question.numerical_answers[1].feedback == {
            "en": "He was born in 1822.<br>You get 50% credit for being close."
        }

    def test_matching_with_and_without_spaces(self, result):
        spaced, tight = by_source(result, "line 61"), by_source(result, "line 177")
        assert spaced.pairs[3] == MatchingPairDef(prompt={"en": "India"}, answer={"en": "New Delhi"})
        assert [p.answer["en"] for p in tight.pairs] == ["Ottawa", "Rome", "Tokyo"]

    def test_markdown(self, result):
        question = by_source(result, "line 108")
        assert question.qtype == "short_answer"
        assert question.text == {"en": "<p>Who's buried in <strong>Grant's tomb</strong>?</p>"}
        # Feedback takes the question text's format.
        assert question.accepted_answers[0].feedback == {"en": "<p>excellent answer!</p>"}

    def test_partial_credit_single_choice(self, result):
        question = by_source(result, "line 117 (“Jesus' hometown”)")
        assert question.qtype == "single_choice"  # it has a `=` answer; `~%25%` and `~%50%` are partial credit
        assert weights(question) == [0, Fraction(1, 4), Fraction(1, 2), 1]
        assert question.text == {"en": "Jesus Christ was from _____."}

    def test_multiple_answers_with_negative_weights(self, result):
        question = by_source(result, "line 136")
        assert question.qtype == "multiple_response"
        assert weights(question) == [Fraction(-1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(-1, 2)]

    def test_escaped_control_characters(self, result):
        equals = by_source(result, "line 143")
        assert [c.text["en"] for c in equals.choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
        question = by_source(result, "line 148 (“GIFT Control Characters”)")
        assert [c.text["en"] for c in question.choices] == ["~", "=", "#", "{", "}", "\\"]
        assert question.choices[2].feedback == {"en": "# is a control character."}
        assert question.choices[5].fraction == 1
        assert question.choices[5].feedback["en"].startswith("Correct! \\ (backslash) is not a control character.")

    def test_true_false_feedback(self, result):
        question = by_source(result, "line 113")
        # {FALSE#No one is buried…}: only the wrong-answer feedback, so it goes on "True".
        assert [(c.fraction, c.feedback) for c in question.choices] == [
            (0, {"en": "No one is buried in Grant's tomb."}),
            (1, {}),
        ]

    def test_titles_and_line_breaks(self, result):
        question = by_source(result, "line 90 (“Kanji Origins”)")
        assert question.qtype == "short_answer"
        assert question.text == {"en": "Japanese characters originally<br>came from what country?"}


# --- Bilingual GIFT ---------------------------------------------------------------------------------------------

BILINGUAL = r"""
// A bilingual bank written by hand.
$CATEGORY: $course$/top/Ottomans

// [tag:ottoman] [tag:فتوح]
::فتح القسطنطينية::[html]<span lang="ar" class="multilang">في أي عام فتح العثمانيون القسطنطينية؟</span><span lang="en" class="multilang">In which year did the Ottomans take Constantinople?</span>{#
    =١٤٥٣:٠#<span lang\="ar" class\="multilang">أحسنت</span><span lang\="en" class\="multilang">Well done</span>
    =%٥٠%1450..1456
    ~#{mlang ar}لا{mlang}{mlang en}No{mlang}
}

::Capital::{mlang ar}ما عاصمة العثمانيين بعد الفتح؟{mlang}{mlang en}What was the Ottoman capital after the conquest?{mlang}{
    =<span lang="ar" class="multilang">إسطنبول</span><span lang="en" class="multilang">Istanbul</span>#{mlang ar}صحيح{mlang}{mlang en}Right{mlang}
    ~<span lang="ar" class="multilang">بورصة</span><span lang="en" class="multilang">Bursa</span>
    ~%25%أدرنة
}

$CATEGORY: $course$

صلاح الدين الأيوبي حرر القدس عام ١١٨٧.{T#خطأ، راجع الدرس.#أحسنت!}

من هو مؤسس الدولة العثمانية؟{=عثمان الأول =%50%عثمان}

::Battles::[html]<span lang="ar" class="multilang">صل كل معركة بسنتها</span><span lang="en" class="multilang">Match each battle to its year</span>{
    =<span lang="ar" class="multilang">ملاذكرد</span><span lang="en" class="multilang">Manzikert</span> -> 1071
    =<span lang="ar" class="multilang">حطين</span><span lang="en" class="multilang">Hattin</span> -> 1187
    = -> 1453
}
"""


class TestBilingual:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        with translation.override("en"):
            return parse(BILINGUAL)

    def test_counts(self, result):
        assert result.errors == [] and result.skipped == []
        assert [q.qtype for q in result.questions] == [
            "numerical", "single_choice", "true_false", "short_answer", "matching",
        ]  # fmt: skip
        assert result.categories == ["top/Ottomans"]

    def test_numerical_with_arabic_indic_digits(self, result):
        question = result.questions[0]
        assert question.name == "فتح القسطنطينية"
        assert question.text == {
            "ar": "في أي عام فتح العثمانيون القسطنطينية؟",
            "en": "In which year did the Ottomans take Constantinople?",
        }
        assert [(a.value, a.tolerance, a.fraction) for a in question.numerical_answers] == [
            (Decimal(1453), Decimal(0), Fraction(1)),
            (Decimal(1453), Decimal(3), Fraction(1, 2)),
        ]
        assert question.numerical_answers[0].feedback == {"ar": "أحسنت", "en": "Well done"}
        # The `~#…` "any other answer" feedback is dropped, with a warning.
        assert [problem.where for problem in result.warnings] == ["line 6 (“فتح القسطنطينية”)"]

    def test_tags_and_category(self, result):
        assert result.questions[0].tags == ["ottoman", "فتوح", "category:top/Ottomans"]
        assert result.questions[1].tags == ["category:top/Ottomans"]
        # `$CATEGORY: $course$` goes back to no category.
        assert result.questions[2].tags == []

    def test_mlang_and_unescaped_spans(self, result):
        question = result.questions[1]
        assert question.text == {
            "ar": "ما عاصمة العثمانيين بعد الفتح؟",
            "en": "What was the Ottoman capital after the conquest?",
        }
        assert [(c.text, c.fraction) for c in question.choices] == [
            ({"ar": "إسطنبول", "en": "Istanbul"}, 1),
            ({"ar": "بورصة", "en": "Bursa"}, 0),
            ({"ar": "أدرنة"}, Fraction(1, 4)),  # one language: goes to the field of its script
        ]
        assert question.choices[0].feedback == {"ar": "صحيح", "en": "Right"}

    def test_arabic_only_true_false(self, result):
        question = result.questions[2]
        assert question.text == {"ar": "صلاح الدين الأيوبي حرر القدس عام ١١٨٧."}
        assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [
            (TRUE, 1, {"ar": "أحسنت!"}),
            (FALSE, 0, {"ar": "خطأ، راجع الدرس."}),
        ]

    def test_arabic_short_answer(self, result):
        question = result.questions[3]
        assert [(a.text, a.fraction) for a in question.accepted_answers] == [
            ({"ar": "عثمان الأول"}, 1),
            ({"ar": "عثمان"}, Fraction(1, 2)),
        ]

    def test_matching(self, result):
        question = result.questions[4]
        assert [(p.prompt, p.answer) for p in question.pairs] == [
            ({"ar": "ملاذكرد", "en": "Manzikert"}, {"en": "1071"}),
            ({"ar": "حطين", "en": "Hattin"}, {"en": "1187"}),
            ({}, {"en": "1453"}),
        ]


# --- Formats and problems ----------------------------------------------------------------------------------------


def test_text_formats():
    result = parse(
        "[plain]Is <b>this</b> bold?\nNo.{T}\n\n"
        "[html]<p onclick=\"x()\">Clean<script>alert(1)</script></p>{F}\n\n"
        "[markdown]*Grant* is {~buried =entombed} here.\n\n"
        "Line\\none{T}"
    )
    plain, html_, markdown_, moodle = result.questions
    assert plain.text == {"en": "Is &lt;b&gt;this&lt;/b&gt; bold?<br>No."}
    assert html_.text == {"en": "<p>Clean</p>"}
    assert markdown_.text == {"en": "<p><em>Grant</em> is _____ here.</p>"}
    assert moodle.text == {"en": "Line<br>one"}


def test_missing_word_at_the_start():
    [question] = parse("{=Two =2} plus two equals four.").questions
    assert question.text == {"en": "_____ plus two equals four."}


def test_comment_tags_with_escaped_bracket():
    [question] = parse("// question: 1  name: x\n// [tag:a\\]b] [tag: ww1 ]\n::x::Q?{T}").questions
    assert question.tags == ["a]b", "ww1"]


def test_broken_questions_are_errors_and_the_rest_is_read():
    text = "\n\n".join(
        [
            "::Open:: Unclosed {=a",  # line 1
            "Two blocks {=a} and {=b}",  # line 3
            "::Pairs:: Match {=a -> 1 =b}",  # line 5
            "Not a number {#abc}",  # line 7
            "::Unclosed title {T}",  # line 9
            "Closed before opened } {",  # line 11
            "Empty choice {=a ~}",  # line 13
            "Good {T}",  # line 15
            "Reversed range {#5..1}",  # line 17
        ]
    )
    result = parse(text)
    assert [problem.where for problem in result.errors] == [
        "line 1 (“Open”)",
        "line 3",
        "line 5 (“Pairs”)",
        "line 7",
        "line 9",
        "line 11",
        "line 13",
        "line 17",
    ]
    assert all(str(problem.message) for problem in result.errors)
    assert [q.source for q in result.questions] == ["line 15"]


def test_description_and_essay_are_read_by_their_types():
    """Moodle's rules: no answer block is a description, `{}` an essay (quizzes/question_types/essay.py and
    description.py; tests/quizzes/formats/test_essay_description.py has the rest)."""
    result = parse("Just some text.\n\n::E:: Write. {####Model answer}")
    assert [(q.qtype, q.name) for q in result.questions] == [("description", ""), ("essay", "E")]
    assert result.questions[1].general_feedback == {"en": "Model answer"} and result.skipped == []


def test_numerical_wrong_answer_with_a_value_is_kept():
    [question] = parse("Year? {#=1453 ~1450:5#Close, but no.}").questions
    assert [(a.value, a.tolerance, a.fraction, a.feedback) for a in question.numerical_answers] == [
        (Decimal(1453), Decimal(0), 1, {}),
        (Decimal(1450), Decimal(5), 0, {"en": "Close, but no."}),
    ]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "// only a comment\n", b"\xff\xfe\x00", "abc\x00def", "\ud800{T}"],
    ids=["empty", "blank", "comments", "not-utf8", "nul", "surrogate"],
)
def test_unreadable_files_raise_format_error(text):
    with pytest.raises(FormatError):
        parse(text)


def test_bytes_with_bom_and_crlf():
    result = parse("\ufeff::A::Q?{T}\r\n\r\n::B::R?{F}\r\n".encode())
    assert [q.name for q in result.questions] == ["A", "B"]
    assert result.questions[1].source == "line 3 (“B”)"


# --- Round-trip -------------------------------------------------------------------------------------------------


def carried(question: QuestionDef) -> dict:
    """The fields GIFT carries, with empty language entries dropped."""

    def text(value):
        return {code: v for code, v in value.items() if v}

    return {
        "qtype": question.qtype,
        "name": question.name,
        "text": text(question.text),
        "general_feedback": text(question.general_feedback),
        "tags": question.tags,
        "choices": [(text(c.text), c.fraction, text(c.feedback)) for c in question.choices],
        "accepted": [(text(a.text), a.fraction, text(a.feedback)) for a in question.accepted_answers],
        "numerical": [(a.value, a.tolerance, a.fraction, text(a.feedback)) for a in question.numerical_answers],
        "pairs": [(text(p.prompt), text(p.answer)) for p in question.pairs],
    }


def both(ar: str, en: str) -> dict:
    return {"ar": ar, "en": en}


ROUND_TRIP = [
    QuestionDef(
        qtype="single_choice",
        name="Q1: {braces} = #hash ~tilde \\ back",
        text=both("<p>من فتح <b>القسطنطينية</b>؟</p>", "<p>Who took <b>Constantinople</b>?\nA: 1 = 1 ~ {x} #3</p>"),
        general_feedback=both("فتحها محمد الثاني عام ١٤٥٣.", "Mehmed II took it in 1453."),
        choices=[
            ChoiceDef(text=both("محمد الثاني", "Mehmed II"), fraction=Fraction(1), feedback=both("أحسنت", "Well done")),
            ChoiceDef(text=both("سليم الأول", "Selim I"), fraction=Fraction(1, 4), feedback={"en": "Close: 1512."}),
            ChoiceDef(text={"en": "%50% of <them> & -> you"}, fraction=Fraction(0)),
            ChoiceDef(text={"en": "[plain] looks like a format"}, fraction=Fraction(-1, 2)),
            ChoiceDef(text={"ar": "١٤٥٣"}, fraction=Fraction(0)),  # Arabic field, no Arabic letters
        ],
        tags=["ottoman", "فتوح", "odd ] tag", "category:top/Ottomans"],
    ),
    QuestionDef(
        qtype="multiple_response",
        text=both("اختر المدن العثمانية", "Choose the Ottoman capitals"),
        choices=[
            ChoiceDef(text=both("بورصة", "Bursa"), fraction=Fraction(3, 4), feedback=both("نعم", "Yes")),
            ChoiceDef(text=both("أدرنة", "Edirne"), fraction=Fraction(1, 2)),
            ChoiceDef(text=both("القاهرة", "Cairo"), fraction=Fraction(-1)),
            ChoiceDef(text=both("دمشق", "Damascus"), fraction=Fraction(0), feedback={"ar": "لا"}),
        ],
        tags=["category:top/Ottomans"],
    ),
    QuestionDef(
        qtype="true_false",
        name="TF",
        text={"ar": "حرر صلاح الدين القدس عام ١١٨٧."},
        general_feedback={"en": "Hattin, then Jerusalem."},
        choices=[
            ChoiceDef(text=dict(TRUE), fraction=Fraction(1), feedback=both("صحيح", "Right")),
            ChoiceDef(text=dict(FALSE), fraction=Fraction(0), feedback=both("راجع", "Check again")),
        ],
        tags=["crusades"],
    ),
    QuestionDef(
        qtype="true_false",
        text={"en": "The Ottomans took Vienna in 1683."},
        choices=[
            ChoiceDef(text=dict(TRUE), fraction=Fraction(0)),
            ChoiceDef(text=dict(FALSE), fraction=Fraction(1), feedback={"en": "They were beaten there."}),
        ],
        tags=["category:top/Ottomans"],
    ),
    QuestionDef(
        qtype="short_answer",
        name="Founder",
        text=both("من مؤسس الدولة العثمانية؟", "Who founded the Ottoman state?"),
        accepted_answers=[
            AcceptedAnswerDef(text=both("عثمان الأول", "Osman I"), feedback=both("نعم", "Yes")),
            AcceptedAnswerDef(text={"en": "Osman"}, fraction=Fraction(1, 2)),
            AcceptedAnswerDef(text={"en": "*"}, fraction=Fraction(0), feedback={"en": "No: Osman I."}),
        ],
        general_feedback={"en": "Osman -&gt; Orhan -&gt; Murad"},  # "->" would make the block a matching one
        tags=["category:other", "ottoman"],  # a category tag that is not last stays a tag
    ),
    QuestionDef(
        qtype="numerical",
        text=both("في أي عام كانت معركة ملاذكرد؟", "When was the battle of Manzikert?"),
        general_feedback={"en": "26 August 1071."},
        numerical_answers=[
            NumericalAnswerDef(value=Decimal(1071), feedback=both("أحسنت", "Well done")),
            NumericalAnswerDef(value=Decimal("1070.5"), tolerance=Decimal("2.5"), fraction=Fraction(1, 2)),
            NumericalAnswerDef(value=Decimal(-3), tolerance=Decimal(0), fraction=Fraction(0), feedback={"en": "BC?"}),
        ],
        tags=["category:top/Seljuks"],
    ),
    QuestionDef(
        qtype="matching",
        name="Battles",
        text=both("صل كل معركة بسنتها", "Match each battle to its year"),
        general_feedback={"ar": "انظر الخط الزمني"},
        pairs=[
            MatchingPairDef(prompt=both("ملاذكرد", "Manzikert"), answer={"en": "1071"}),
            MatchingPairDef(prompt={"en": "A -> B = C"}, answer=both("ألف", "a & b")),
            MatchingPairDef(prompt={}, answer={"en": "1453"}),
        ],
    ),
]


def test_round_trip():
    written = export(ROUND_TRIP)
    result = parse(written)
    assert result.errors == [] and result.skipped == [] and result.warnings == []
    assert [carried(q) for q in result.questions] == [carried(q) for q in ROUND_TRIP]
    assert result.categories == ["top/Ottomans", "top/Seljuks"]


def test_export_writes_moodle_gift():
    written = export(ROUND_TRIP[:3])
    assert "$CATEGORY: $course$/top/Ottomans\n" in written
    assert "// [tag:ottoman] [tag:فتوح] [tag:odd \\] tag]\n" in written
    assert "::Q1\\: \\{braces\\} \\= \\#hash \\~tilde \\\\ back::[html]" in written
    assert '<span lang\\="ar" class\\="multilang">' in written
    assert "\t=<span lang\\=" in written and "\t~%25%<span" in written
    # The category is left with `$CATEGORY: $course$` before the uncategorised true/false question.
    assert "$CATEGORY: $course$\n\n// [tag:crusades]\n::TF::" in written
    # {TRUE#feedback for the wrong answer#feedback for the right one}
    assert "{TRUE#<span lang\\=\"ar\" class\\=\"multilang\">راجع</span>" in written


def test_ordering_is_written_as_a_comment():
    ordering = QuestionDef(
        qtype="ordering",
        name="Dynasties",
        text={"en": "Order them"},
        items=[OrderingItemDef(text={"en": "Umayyads"}), OrderingItemDef(text={"en": "Abbasids"})],
    )
    written = export([ordering, ROUND_TRIP[2]])
    assert written.startswith("// ordering question “Dynasties” cannot be written in GIFT; skipped\n")
    result = parse(written)
    assert [q.qtype for q in result.questions] == ["true_false"]
    assert export([]) == ""


def test_short_answer_with_an_arrow_cannot_be_written():
    # Accepted answers are written as typed, and a block with `=` and `->` is read as matching.
    arrow = QuestionDef(
        qtype="short_answer", name="Arrow", text={"en": "Type it"}, accepted_answers=[AcceptedAnswerDef({"en": "a->b"})]
    )
    assert export([arrow]) == (
        "// short_answer question “Arrow” cannot be written in GIFT (an accepted answer contains “->”); skipped\n"
    )


# --- Never another exception ---------------------------------------------------------------------------------------

FRAGMENTS = [
    "::", "{", "}", "=", "~", "#", "->", "%50%", "\\", "$CATEGORY:", "//", "\n\n", "T", "1..2", ":", "[html]",
    "abc", "صح", " ", "\n", "####", "..", "{mlang ar}", '<span lang="ar" class="multilang">', "</span>", "١٢",
    "[markdown]", "*", "%-100%", "[tag:x]", "\"';", "1e999", "-",
]  # fmt: skip


def parses_or_format_error(text) -> None:
    try:
        result = parse(text)
    except FormatError:
        return
    assert isinstance(result, ParseResult)
    for question in result.questions:
        assert question.qtype in {
            "single_choice", "multiple_response", "true_false", "short_answer", "numerical", "matching",
            "essay", "description",
        }  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text):
    parses_or_format_error(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_gift_like_text(text):
    parses_or_format_error(text)
