"""Our own import files (tests/fixtures), written construct by construct after Moodle's corpus, so that a
clone without ../shared still tests every construct that test_gift.py and test_moodlexml.py check on the
corpus: GIFT as teachers write it and as Moodle exports it, and each Moodle XML element we read or skip."""

import base64
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.utils import translation

from quizzes.definitions import AcceptedAnswerDef, MatchingPairDef
from quizzes.formats import gift, moodlexml
from quizzes.formats.base import ParseResult, unsupported_type_message
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (the suite starts each test in Arabic)."""
    with translation.override("en"):
        yield


def read(name: str) -> ParseResult:
    path = FIXTURES / name
    module = moodlexml if path.suffix == ".xml" else gift
    with translation.override("en"):
        return module.parse(path.read_text(encoding="utf-8"))


def by_source(result: ParseResult, source: str):
    [question] = [q for q in result.questions if q.source == source]
    return question


def weights(question) -> list[Fraction]:
    return [choice.fraction for choice in question.choices]


# file: (questions, skipped, errors, warnings)
EXPECTED = {
    "gift/features.gift.txt": (25, 0, 0, 3),
    "gift/category_export.gift.txt": (4, 0, 0, 0),
    "gift/essay_and_description.gift.txt": (4, 0, 0, 0),
    "moodlexml/essay_and_description.xml": (2, 0, 0, 0),
    "moodlexml/categories.xml": (7, 0, 0, 0),
    "moodlexml/images.xml": (2, 0, 0, 0),
    "moodlexml/invalid_grades.xml": (1, 0, 0, 0),
    "moodlexml/types.xml": (6, 0, 0, 0),
    "moodlexml/unsupported.xml": (5, 0, 1, 0),  # the essay is read too
    "moodlexml/cloze_questions.xml": (7, 0, 0, 0),
    "moodlexml/cloze_broken.xml": (4, 0, 1, 0),
}


def test_every_fixture_file_is_in_the_table():
    files = sorted(str(path.relative_to(FIXTURES)) for path in FIXTURES.rglob("*") if path.suffix in (".txt", ".xml"))
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_file_counts(name):
    result = read(name)
    assert (len(result.questions), len(result.skipped), len(result.errors), len(result.warnings)) == EXPECTED[name]


# --- GIFT as teachers write it ----------------------------------------------------------------------------
class TestGiftFeatures:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        return read("gift/features.gift.txt")

    def test_types_and_the_essay(self, result):
        assert result.skipped == []
        assert by_source(result, "line 2 (“Essay”)").qtype == "essay"
        assert {q.qtype for q in result.questions} == {
            "essay", "matching", "single_choice", "multiple_response", "numerical", "short_answer", "true_false"}

    def test_stray_junk_and_a_dropped_catch_all_are_warnings(self, result):
        assert [problem.where for problem in result.warnings] == ["line 31 (“Hegira”)"] * 2 + ["line 41 (“Fall”)"]
        assert "“\";”" in str(result.warnings[0].message)
        assert by_source(result, "line 41 (“Fall”)").text == {"en": "Constantinople fell in 1204 to the Ottomans."}

    def test_matching_with_a_format_per_item_and_a_distractor(self, result):
        question = by_source(result, "line 5 (“Treaties”)")
        assert question.text == {"en": "Match each <b>treaty</b> to its year."}
        assert [pair.prompt["en"] for pair in question.pairs[:4]] == [
            "The treaty that ended the Crimean War.", "The treaty that divided Poland for the third time.",
            "The treaty that ended the Thirty Years' War.", "The treaty that ended the First World War with Germany.",
        ]  # fmt: skip
        assert question.pairs[-1] == MatchingPairDef(prompt={}, answer={"en": "1700"})
        assert question.pairs[-1].is_distractor

    def test_feedback_in_the_formats_it_names(self, result):
        question = by_source(result, "line 14 (“Capital”)")
        assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [
            ({"en": "Baghdad"}, 1, {"en": "right; well done!"}),
            ({"en": "Damascus"}, 0, {"en": "no, that was the <i>Umayyad</i> capital"}),
            ({"en": "Cairo"}, 0, {"en": "no, that was the Fatimid capital"}),
        ]

    def test_weights_of_multiple_answers(self, result):
        assert weights(by_source(result, "line 22 (“Crusaders”)")) == [Fraction(1, 2), -1, Fraction(1, 2), -1]
        assert weights(by_source(result, "line 95")) == [Fraction(-1, 2), Fraction(1, 2), Fraction(1, 2),
                                                         Fraction(-1, 2)]

    def test_numbers_with_tolerance_range_and_partial_credit(self, result):
        def answers(source):
            return [(a.value, a.tolerance, a.fraction) for a in by_source(result, source).numerical_answers]

        assert answers("line 31 (“Hegira”)") == [(Decimal(622), Decimal(1), 1)]
        assert answers("line 63") == [(Decimal(1066), Decimal(0), 1)]
        assert answers("line 65") == answers("line 67") == [(Decimal("1.618"), Decimal("0.0005"), 1)]
        assert answers("line 69") == [(Decimal(1332), Decimal(0), 1), (Decimal(1332), Decimal(3), Fraction(1, 2))]
        assert by_source(result, "line 69").numerical_answers[1].feedback == {
            "en": "He was born in 1332.<br>Half credit for being close."}

    def test_short_answers_with_weights_and_a_wildcard(self, result):
        question = by_source(result, "line 34 (“Short answer”)")
        assert [(a.text, a.fraction) for a in question.accepted_answers] == [
            ({"en": "Osman"}, 1), ({"en": "Othman"}, Fraction(1, 2)), ({"en": "*"}, 0)]

    def test_true_false_feedback_and_general_feedback(self, result):
        question = by_source(result, "line 41 (“Fall”)")
        assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [
            (TRUE_TEXT, 0, {"en": "The crusaders took it in 1204, not the Ottomans."}),
            (FALSE_TEXT, 1, {"en": "Right: the Ottomans took it in 1453."}),
        ]
        assert question.general_feedback == {"en": "The Fourth Crusade sacked Constantinople in 1204."}
        only_wrong = by_source(result, "line 85")
        assert [(c.fraction, c.feedback) for c in only_wrong.choices] == [(0, {"en": "They took it in 1258."}), (1, {})]

    def test_t_and_true_and_a_name_used_twice(self, result):
        short, long = by_source(result, "line 46 (“1453”)"), by_source(result, "line 49 (“1453”)")
        assert short.name == long.name == "1453" and weights(short) == weights(long) == [1, 0]

    def test_missing_words(self, result):
        assert by_source(result, "line 52").text == {"en": "Saladin took _____ in 1187."}
        assert by_source(result, "line 54").text == {"en": "The Battle of _____ was fought in 1187."}
        assert by_source(result, "line 60").text == {"en": "Two and two are _____."}
        assert weights(by_source(result, "line 88 (“Andalus”)")) == [0, Fraction(1, 4), Fraction(1, 2), 1]

    def test_titles_line_breaks_and_markdown(self, result):
        assert by_source(result, "line 76 (“Printing”)").text == {
            "en": "Movable metal type came to Europe<br>from which country?"}
        question = by_source(result, "line 80")
        assert question.text == {"en": "<p>Who wrote the <strong>Muqaddimah</strong>?</p>"}
        assert question.accepted_answers[0].feedback == {"en": "<p>a fine answer!</p>"}
        assert question.accepted_answers[1].text == {"ar": "ابن خلدون"}

    def test_matching_with_and_without_spaces(self, result):
        tight, spaced = by_source(result, "line 102"), by_source(result, "line 104")
        assert [p.answer["en"] for p in tight.pairs] == ["Damascus", "Baghdad", "Cairo"]
        assert spaced.pairs[1] == MatchingPairDef(prompt={"en": "Nile"}, answer={"en": "Cairo"})

    def test_escaped_control_characters(self, result):
        assert [c.text["en"] for c in by_source(result, "line 111").choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
        question = by_source(result, "line 116 (“Escapes”)")
        assert [c.text["en"] for c in question.choices] == ["~", "=", "#", "{", "}", "\\"]
        assert question.choices[2].feedback == {"en": "# is a control character."}
        assert question.choices[5].fraction == 1
        assert question.choices[5].feedback["en"].startswith("Right! \\ is not a control character")


# --- GIFT as Moodle exports it ------------------------------------------------------------------------------
class TestGiftExport:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        return read("gift/category_export.gift.txt")

    def test_category_and_types(self, result):
        assert result.categories == ["Medieval Islam"]
        assert all(q.tags == ["category:Medieval Islam"] for q in result.questions)
        assert [q.qtype for q in result.questions] == ["matching", "single_choice", "short_answer", "true_false"]
        assert by_source(result, "line 5 (“Scholars”)").pairs[-1].is_distractor

    def test_escapes_inside_html_attributes(self, result):
        question = by_source(result, "line 13 (“Call to prayer”)")
        assert question.text["en"].startswith('<a href="http://example.org/media/adhan.mp3"')
        assert ">Listen to this recording:</a><br><br>In which language is it?" in question.text["en"]
        assert weights(question) == [0, 1, 0, 0] and question.choices[1].feedback == {"en": "Yes, well done!"}

    def test_empty_feedback_and_full_weight(self, result):
        question = by_source(result, "line 21 (“Title”)")
        assert question.accepted_answers == [AcceptedAnswerDef(text={"en": "caliph"}, fraction=Fraction(1))]

    def test_inline_styles_are_cleaned(self, result):
        question = by_source(result, "line 26 (“House of Wisdom”)")
        assert "style" not in question.text["en"] and weights(question) == [1, 0]


# --- Moodle XML -----------------------------------------------------------------------------------------------
def test_types_we_do_not_have_are_skipped():
    result = read("moodlexml/unsupported.xml")
    assert not [p for p in result.skipped if "cloze" in str(p.message)]
    # The broken cloze questions are read now; the type's validation refuses four (tests/quizzes/
    # question_types/test_cloze.py), and the fifth's numerical answer cannot be read.
    assert [q.name for q in result.questions if q.qtype == "cloze"] == [
        "Cloze without gaps", "Cloze with an empty choice", "Cloze with one choice", "Cloze with no right choice"]
    assert [p.where for p in result.errors] == ["question 5 (“Cloze with a word for a number”)"]


def test_categories_parents_first_whatever_the_order_of_the_file():
    result = read("moodlexml/categories.xml")
    assert result.categories == [
        "Crusades", "Crusades/Third", "Caliphates", "Caliphates/Abbasids", "Caliphates/Abbasids/Baghdad",
        "Caliphates/Umayyads", "Sources",
    ]  # fmt: skip
    assert [(q.name, q.tags) for q in result.questions] == [
        ("Richard and Saladin", ["category:Crusades/Third"]),
        ("First crusade", ["category:Crusades"]),
        ("Rashidun", ["category:Caliphates"]),
        ("Abbasid capital", ["category:Caliphates/Abbasids"]),
        ("Round city", ["category:Caliphates/Abbasids/Baghdad"]),
        ("Umayyad capital", ["category:Caliphates/Umayyads"]),
        ("Chronicles", ["category:Sources"]),
    ]
    # Questions are numbered among all <question> elements, categories included.
    assert result.questions[0].source == "question 2 (“Richard and Saladin”)"
    assert by_source(result, "question 14 (“Chronicles”)").text == {
        "en": "<p>Al-Tabari wrote a history of prophets and kings.</p>"}


def test_invalid_grades_and_a_name_in_cdata_are_read_for_the_type_to_judge():
    [question] = read("moodlexml/invalid_grades.xml").questions
    assert question.name == "Years of the Caliphate : 632 < x & x > 661"
    assert question.qtype == "multiple_response" and question.options == {"shuffle": True}
    assert [c.text["en"] for c in question.choices] == ["Muawiya", "Abu Bakr", "Umar", "Yazid", "Uthman"]
    assert weights(question) == [Fraction(-1, 2), Fraction(33, 100), Fraction(1, 3), Fraction(-1, 2), Fraction(1, 3)]


class TestEachType:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        return read("moodlexml/types.xml")

    def test_matching_with_a_distractor(self, result):
        question = by_source(result, "question 2 (“Dynasties”)")
        assert [(p.prompt, p.answer) for p in question.pairs] == [
            ({"en": "Ottomans"}, {"en": "Osman"}), ({"en": "Ayyubids"}, {"en": "Saladin"}),
            ({"en": "Seljuks"}, {"en": "Tughril"}), ({}, {"en": "Baybars"}),
        ]  # fmt: skip
        assert question.options == {"shuffle": True}

    def test_multiple_response(self, result):
        question = by_source(result, "question 3 (“Capitals”)")
        assert [(c.text["en"], c.fraction) for c in question.choices] == [
            ("Damascus", 0), ("Cairo", 0), ("Bursa", Fraction(1, 2)), ("Konya", 0), ("Edirne", Fraction(1, 2))]

    def test_numerical(self, result):
        [answer] = by_source(result, "question 4 (“Length”)").numerical_answers
        assert (answer.value, answer.tolerance, answer.fraction) == (Decimal("5.7"), Decimal("0.3"), 1)

    def test_ordering_keeps_the_order_of_the_file(self, result):
        question = by_source(result, "question 5 (“Caliphs in order”)")
        assert [item.text["en"] for item in question.items] == ["Abu Bakr", "Umar", "Uthman", "Ali", "Muawiya"]
        assert question.general_feedback == {"en": '<p>The order is "Abu Bakr, Umar, Uthman, Ali, Muawiya".</p>'}

    def test_short_answer(self, result):
        question = by_source(result, "question 6 (“Conqueror”)")
        assert [(a.text, a.fraction) for a in question.accepted_answers] == [
            ({"en": "Mehmed"}, 1), ({"en": "Mehmet"}, Fraction(4, 5)), ({"en": "*"}, 0)]
        assert question.accepted_answers[2].feedback == {"en": "No: it was Mehmed II."}
        assert question.options == {"case_sensitive": False}

    def test_true_false_without_cdata(self, result):
        question = by_source(result, "question 7 (“Walls”)")
        assert [c.text for c in question.choices] == [TRUE_TEXT, FALSE_TEXT]
        assert [(c.fraction, c.feedback) for c in question.choices] == [(1, {"en": "Right."}), (0, {"en": "They did."})]
        assert question.general_feedback == {"en": "They held from the fifth century to 1453."}
        assert question.points == Decimal(1)

    def test_every_question_round_trips_through_export(self, result):
        again = moodlexml.parse(moodlexml.export(result.questions))
        assert not again.errors and not again.warnings
        assert [(q.qtype, q.name, q.tags) for q in again.questions] == [
            (q.qtype, q.name, q.tags) for q in result.questions]


def test_images_are_kept_inside_the_question_and_no_break_spaces_too():
    result = read("moodlexml/images.xml")
    false_question, true_question = result.questions
    assert weights(false_question) == [0, 1] and weights(true_question) == [1, 0]
    assert sorted(image.name for image in false_question.images) == ["cross.gif", "map.png", "seal.gif", "tick.png"]
    for question in result.questions:
        html = [question.text["en"], *(c.feedback["en"] for c in question.choices)]
        assert all("data:image/" in part for part in html) and not any("@@PLUGINFILE@@" in part for part in html)
    png = next(image for image in true_question.images if image.name == "map.png")
    assert png.mime_type == "image/png" and base64.b64encode(png.content).decode() in true_question.text["en"]
    html = [part for q in result.questions
            for part in [q.text["en"], q.general_feedback.get("en", ""), *(c.feedback["en"] for c in q.choices)]]
    assert sum(part.count("&nbsp;") for part in html) == 8  # the file's eight U+00A0, kept as entities
