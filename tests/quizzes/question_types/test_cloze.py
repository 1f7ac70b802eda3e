"""Embedded answers (cloze): grading of each kind of gap, the weighted grade, validation in Moodle's words,
both languages carrying the same gaps, the walkthrough, rendering, statistics, formats and admin authoring."""

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from quizzes.definitions import QuestionDef
from quizzes.display import DisplayOptions
from quizzes.formats import csv as csv_format, gift, moodlexml
from quizzes.models import Attempt, Question, QuestionsPerPage, Quiz, QuizQuestion, ReviewTiming
from quizzes.question_types import registry
from quizzes.question_types.cloze import gap_json, read_texts
from quizzes.rendering import question_context
from quizzes.services import attempts as service
from quizzes.services import questions_export, questions_import
from quizzes.states import SlotState
from quizzes.statistics import quiz_item_statistics

qtype = registry.get("cloze")
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moodlexml"

EN = ("<p>Puebla held against the French on 5 May {1:NM:=1862#Right~%50%1863#That was the second siege}, under "
      "{2:SA:=Ignacio Zaragoza#Yes~=Zaragoza~%50%Ignacio#His first name only}. The allies of the Convention of "
      "London were {1:MR:~=Spain~=Britain~Prussia#No}, and the French emperor was "
      "{1:MC:=Napoleon III#Yes~Louis-Philippe#He fell in 1848}.</p>")
AR = ("<p>صمدت بويبلا أمام الفرنسيين في ٥ مايو {1:NM:=١٨٦٢#صحيح~%50%1863#ذاك الحصار الثاني} بقيادة "
      "{2:SA:=إغناسيو ثاراغوثا#نعم~=ثاراغوثا~%50%إغناسيو#اسمه الأول فقط}. وكان حلفاء اتفاقية لندن "
      "{1:MR:~=إسبانيا~=بريطانيا~بروسيا#لا}، وكان إمبراطور الفرنسيين "
      "{1:MC:=نابليون الثالث#نعم~لويس فيليب#سقط عام 1848}.</p>")


def puebla(**texts) -> QuestionDef:
    stored, gaps, problems = read_texts(texts or {"ar": AR, "en": EN})
    assert not problems, [m for p in problems for m in p.messages]
    return QuestionDef(qtype="cloze", name="Puebla", text=stored, options={"gaps": [gap_json(g) for g in gaps]},
                       points=Decimal(5))


def key(definition, gap: int, text: str) -> str:
    return next(a["key"] for a in definition.options["gaps"][gap - 1]["answers"] if a["text"]["en"] == text)


def right(definition) -> dict:
    return {"1": "1862", "2": "Zaragoza", "3": [key(definition, 3, "Spain"), key(definition, 3, "Britain")],
            "4": key(definition, 4, "Napoleon III")}


# --- grading --------------------------------------------------------------------------------------------
def test_the_stored_text_holds_placeholders_and_no_key():
    q = puebla()
    assert q.text["en"] == ("<p>Puebla held against the French on 5 May {#1}, under {#2}. The allies of the "
                            "Convention of London were {#3}, and the French emperor was {#4}.</p>")
    for word in ("1862", "Zaragoza", "Spain", "Napoleon"):
        assert word not in q.text["en"]
    assert qtype.validate(q) == [] and qtype.translation_errors(q) == []


def test_grade_is_the_weighted_share_of_the_gaps():
    q = puebla()  # weights 1, 2, 1, 1
    assert qtype.grade(q, right(q)) == 1
    assert qtype.grade(q, {**right(q), "2": "Ignacio"}) == Fraction(4, 5)  # half of a gap worth 2
    assert qtype.grade(q, {"2": "zaragoza"}) == Fraction(2, 5)
    assert qtype.grade(q, {}) == 0
    assert qtype.grade(q, {"1": "1863"}) == Fraction(1, 10)


@pytest.mark.parametrize("typed, fraction", [
    ("Zaragoza", 1), ("  ignacio   zaragoza. ", 1), ("ثاراغوثا", 1), ("ثَارَاغُوثَا", 1),  # tashkeel folded
    ("إغناسيو", Fraction(1, 2)), ("اغناسيو", Fraction(1, 2)),  # hamza folded
    ("Bazaine", 0), ("", 0),
])
def test_short_answer_gaps_match_as_short_answers_do(typed, fraction):
    q = puebla()
    assert qtype.gap_fraction(qtype.gaps(q)[1], typed) == fraction


def test_a_case_sensitive_gap_wants_the_capitals():
    q = puebla(en="<p>{1:SAC:=Juárez} and {1:SA:=Juárez}</p>")
    sensitive, insensitive = qtype.gaps(q)
    assert qtype.gap_fraction(sensitive, "Juárez") == 1 and qtype.gap_fraction(sensitive, "Juarez") == 1
    assert qtype.gap_fraction(sensitive, "juárez") == 0 and qtype.gap_fraction(sensitive, "JUÁREZ") == 0
    assert qtype.gap_fraction(insensitive, "juarez") == 1


@pytest.mark.parametrize("typed, fraction", [
    ("1862", 1), ("١٨٦٢", 1), ("1862.0", 1), ("1863", Fraction(1, 2)), ("1861", 0), ("soon", 0),
])
def test_numerical_gaps_read_numbers_as_the_numerical_type_does(typed, fraction):
    assert qtype.gap_fraction(qtype.gaps(puebla())[0], typed) == fraction


def test_numerical_tolerance_and_any_other_number():
    q = puebla(en="<p>{1:NM:=1867:1~%0%*#Count again}</p>")
    (gap,) = qtype.gaps(q)
    assert qtype.gap_fraction(gap, "1868") == 1 and qtype.gap_fraction(gap, "1869") == 0
    assert qtype.matching_answer(gap, "1900").feedback == {"en": "Count again"}


def test_choice_gaps_and_multiple_response_gaps():
    q = puebla()
    spain, britain, prussia = (key(q, 3, t) for t in ("Spain", "Britain", "Prussia"))
    gap = qtype.gaps(q)[2]
    assert qtype.gap_fraction(gap, [spain, britain]) == 1
    assert qtype.gap_fraction(gap, [spain]) == Fraction(1, 2)
    assert qtype.gap_fraction(gap, [spain, britain, prussia]) == Fraction(1, 2)  # a wrong pick costs one right one
    assert qtype.gap_fraction(qtype.gaps(q)[3], key(q, 4, "Louis-Philippe")) == 0


def test_correct_response_summary_and_guess():
    q = puebla()
    assert qtype.grade(q, qtype.correct_response(q)) == 1
    assert qtype.summarise(q, right(q), "en") == (
        "gap 1: 1862; gap 2: Zaragoza; gap 3: Spain, Britain; gap 4: Napoleon III")
    assert qtype.summarise(q, {}, "ar").count("—") == 4
    # Typed gaps cannot be guessed; the dropdown's guess is ½, the checkboxes' 5/16 (each box ticked with
    # probability ½: 0, ½, ½, 0, 1, 0, 0, ½ over the eight ways): (½ + 5/16) / 5.
    assert qtype.random_guess_score(q) == Fraction(13, 80)


# --- responses ------------------------------------------------------------------------------------------
def test_responses_are_cleaned_per_gap():
    q = puebla()
    raw = {"1": ["١٨٦٢"], "2": ["  Zaragoza "], "3": [key(q, 3, "Britain"), key(q, 3, "Spain")], "4": []}
    assert qtype.clean_response(q, raw) == {"1": "١٨٦٢", "2": "Zaragoza",
                                            "3": [key(q, 3, "Spain"), key(q, 3, "Britain")]}
    with pytest.raises(ValidationError) as error:
        qtype.clean_response(q, {"1": "soon"})
    assert error.value.code == "not_a_number" and error.value.params == {"number": 1}
    for bad in ({"9": "x"}, {"4": "nope"}, {"3": ["nope"]}, "text", {"2": {"a": 1}}):
        with pytest.raises(ValidationError):
            qtype.clean_response(q, bad)


def test_raw_from_form_reads_one_field_per_gap():
    from django.http import QueryDict

    data = QueryDict("q0-1=1862&q0-3=&q0-3=a&q0-3=b&q0-2=Zaragoza&q1-1=x&q0-x=y")
    assert qtype.raw_from_form(data, "q0") == {"1": ["1862"], "3": ["a", "b"], "2": ["Zaragoza"]}


# --- validation, in Moodle's words ----------------------------------------------------------------------
@pytest.mark.parametrize("text, code, message", [
    ("<p>No gap here.</p>", "no_gaps",
     "The question text must include at least one embedded answer, such as {1:SHORTANSWER:=Juárez}."),
    ("{1:MULTICHOICE}", "too_few_choices", "Gap 1: this type of question requires at least 2 choices."),
    ("{1:SA:=a} {1:MULTICHOICE:=Apple#Correct}", "too_few_choices",
     "Gap 2: this type of question requires at least 2 choices."),
    ("{1:MULTICHOICE:Pear#Incorrect~%50%Apple#Correct}", "no_full_answer",
     "Gap 1: one of the answers should have a score of 100% so it is possible to get full marks for this question."),
    ("{1:SA:%50%Puebla}", "no_full_answer",
     "Gap 1: one of the answers should have a score of 100% so it is possible to get full marks for this question."),
    ("{1:MR:%0%a~%-50%b}", "no_full_answer",
     "Gap 1: one of the answers should have a score of 100% so it is possible to get full marks for this question."),
    ("{0:SA:=a}", "no_weight", "Every gap has weight 0: give at least one gap a weight."),
])
def test_validation_messages(text, code, message):
    with translation.override("en"):
        errors = qtype.validate(puebla(en=text))
        assert [(e.code, " ".join(e.messages)) for e in errors] == [(code, message)]


def test_a_gap_missing_from_the_text_or_a_placeholder_of_no_gap_is_refused():
    q = puebla(en="{1:SA:=a} {1:SA:=b}")
    q.text = {"en": "{#1} {#3}"}
    assert [(e.code, e.params) for e in qtype.validate(q)] == [
        ("gap_not_in_text", {"number": 2}), ("unknown_gap", {"number": 3})]


def test_unreadable_stored_gaps_are_a_validation_error_not_a_crash():
    q = QuestionDef(qtype="cloze", text={"en": "{#1}"}, options={"gaps": [{"kind": "essay"}]})
    assert [e.code for e in qtype.validate(q)] == ["unreadable_gaps"]
    q.options = {"gaps": "nope"}
    assert [e.code for e in qtype.validate(q)] == ["unreadable_gaps"]


def test_unreadable_syntax_names_the_gap_and_the_language():
    with translation.override("en"):
        _texts, _gaps, problems = read_texts({"ar": "{1:NM:=صفر}", "en": "{1:NM:=zero}"})
        assert [" ".join(p.messages) for p in problems] == [
            "Arabic text, gap 1: the answer “صفر” must be a number, for example -1.234 or 3e8, or “*”.",
            "English text, gap 1: the answer “zero” must be a number, for example -1.234 or 3e8, or “*”."]
        _texts, _gaps, problems = read_texts({"en": "{1:SA:=a} {2:XX:=b}"})
        assert [" ".join(p.messages) for p in problems] == [
            "Gap 2: “XX” is not a kind of gap; use SA, SAC, NM, MC, MCV, MCH, MCS, MCVS, MCHS, MR, MRH, MRS or MRHS."]


# --- both languages carry the same gaps -----------------------------------------------------------------
@pytest.mark.parametrize("ar, difference", [
    ("{1:SA:=أ} {1:MC:=ب~ج}", "Gap 2: the Arabic and English texts differ in the kind of gap (MC in Arabic, NM in English)."),
    ("{1:SA:=أ} {2:NM:=1862}", "Gap 2: the Arabic and English texts differ in the weight (2 in Arabic, 1 in English)."),
    ("{1:SA:=أ~=ب} {1:NM:=1862}",
     "Gap 1: the Arabic and English texts differ in the number of answers (2 in Arabic, 1 in English)."),
    ("{1:SA:%50%أ} {1:NM:=1862}", "Gap 1: the Arabic and English texts differ in the answers’ fractions."),
    ("{1:SA:=أ} {1:NM:=١٨٦٣}", "Gap 2: the Arabic and English texts differ in the numbers."),
])
def test_the_arabic_gaps_must_match_the_english_ones(ar, difference):
    with translation.override("en"):
        _texts, _gaps, problems = read_texts({"ar": ar, "en": "{1:SA:=a} {1:NM:=1862}"})
        assert [" ".join(p.messages) for p in problems] == [difference]


def test_publishing_refuses_a_language_that_lacks_a_gap_or_an_answer_text():
    q = puebla(ar="<p>صمدت بويبلا عام {1:NM:=1862}</p>", en="<p>Puebla held in {1:NM:=1862} under {1:SA:=Zaragoza}</p>")
    assert qtype.validate(q) == []  # a draft whose translation is under way
    with translation.override("en"):
        assert [" ".join(e.messages) for e in qtype.translation_errors(q)] == [
            "Gap 2 is missing from the Arabic text."]
    q = puebla(en="<p>{1:MC:=Puebla~Veracruz} {1:SA:=Zaragoza}</p>")
    q.text["ar"] = "<p>{#1} {#2}</p>"
    with translation.override("en"):
        assert [" ".join(e.messages) for e in qtype.translation_errors(q)] == [
            "Gap 1, answer 1: the Arabic text is missing.", "Gap 1, answer 2: the Arabic text is missing.",
            "Gap 2: add a fully right answer in Arabic."]


def test_the_syntax_is_written_back_for_the_author_in_each_language():
    q = puebla()
    written = qtype.text_for_authoring(q.text, q.options)
    assert "{1:NM:=1862#Right~%50%1863#That was the second siege}" in written["en"]
    assert "{2:SA:=إغناسيو ثاراغوثا#نعم~=ثاراغوثا~%50%إغناسيو#اسمه الأول فقط}" in written["ar"]
    stored, options = qtype.text_from_authoring(written, q.options)
    assert (stored, options) == (q.text, q.options)  # the same keys too: attempts and statistics keep them


# --- rendering ------------------------------------------------------------------------------------------
def render(definition, display, *, response=None, language="en", disabled=False):
    from django.template.loader import render_to_string
    from types import SimpleNamespace

    slot = None
    if response is not None:
        slot = SimpleNamespace(order={}, response=response, state=SlotState.PARTIAL, number=1, position=0,
                               is_locked=False, points=1, mark=None, points_plural=1, points_display="1")
    with translation.override(language):
        context = question_context(definition, display=display, language=language, mode="preview",
                                   field_name="q0", disabled=disabled, heading="x")
        if slot is not None:
            context["q"] = qtype.formulation(definition, language=language, display=display, response=response,
                                             field_name="q0", disabled=disabled)
        return render_to_string("quizzes/question.html", context)


def test_each_gap_is_a_labelled_control_inline_in_the_text():
    q = puebla()
    page = render(q, DisplayOptions.hidden())
    assert 'id="q0-1" name="q0-1"' in page and 'inputmode="decimal"' in page
    assert 'aria-label="Gap 2 of 4" dir="auto"' in page
    assert page.count('type="checkbox" name="q0-3"') == 3 and '<select id="q0-4" name="q0-4"' in page
    assert "under <span class=\"cloze-gap\">" in page  # inside the sentence
    for sign in ("1862", "Zaragoza</", "key-right", "key-wrong", "key-summary", "Yes", "second siege"):
        assert sign not in page, sign
    arabic = render(q, DisplayOptions.hidden(), language="ar")
    assert 'aria-label="Gap 2 of 4"' in arabic or "4" in arabic  # translated label (the catalog may lag)
    assert 'lang="ar" dir="rtl"' in arabic


def test_marks_feedback_and_right_answers_only_as_the_options_allow():
    q = puebla()
    response = {"1": "1863", "2": "Zaragoza"}
    hidden = render(q, DisplayOptions.hidden(readonly=True), response=response, disabled=True)
    assert 'value="1863"' in hidden and "cloze-gap-" not in hidden and "second siege" not in hidden
    feedback = render(q, DisplayOptions(feedback=True), response=response)
    assert "That was the second siege" in feedback and "key-right" not in feedback and "key-summary" not in feedback
    open_retry = render(q, DisplayOptions(correctness=True, feedback=True), response=response)
    assert "key-partial" not in open_retry and "key-right" not in open_retry  # not while a retry is open
    finished = render(q, DisplayOptions(correctness=True, readonly=True), response=response, disabled=True)
    assert "cloze-gap-partial" in finished and "key-partial" in finished and "cloze-gap-right" in finished
    assert "key-summary" not in finished
    everything = render(q, DisplayOptions.everything(), response=response, disabled=True)
    assert "Right answer: <bdi>1862</bdi>" in everything and "Napoleon III</bdi>" in everything


# --- walkthrough ----------------------------------------------------------------------------------------
def cloze_quiz(make, **fields):
    teacher = make.teacher()
    quiz = Quiz.objects.create(owner=teacher, title_ar="التدخل الفرنسي", title_en="The French intervention",
                               is_published=True, questions_per_page=QuestionsPerPage.ALL, **fields)
    question = make.question(bank_obj=make.bank(owner=teacher), definition=puebla())
    QuizQuestion.objects.create(quiz=quiz, question=question, position=0)
    return quiz


def url(name, *args):
    with translation.override("en"):
        return reverse(f"quizzes:{name}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("answers, state, score", [
    ("right", SlotState.RIGHT, Decimal(5)), ("partly", SlotState.PARTIAL, Decimal(2)), ("wrong", SlotState.WRONG, 0),
])
def test_walkthrough_right_partly_wrong(client, make, answers, state, score):
    """Start, answer each gap through the attempt form (no JavaScript: a plain post), submit; state and mark."""
    quiz = cloze_quiz(make, review_right_answers=ReviewTiming.IMMEDIATELY)
    learner = make.learner()
    client.force_login(learner)
    assert client.post(url("quiz", quiz.pk)).status_code == 302
    attempt = Attempt.objects.get(learner=learner)
    slot = attempt.slots.get()
    page = client.get(url("attempt", attempt.pk)).content.decode()
    assert 'name="q0-1"' in page and 'name="q0-4"' in page
    for word in ("1862", "Zaragoza", "Napoleon III"):
        assert word not in re.sub(r"<select.*?</select>", "", page, flags=re.S), word  # only the dropdown's own choices
    d = slot.definition
    form = {
        "right": {"q0-1": "١٨٦٢", "q0-2": "ثاراغوثا", "q0-3": ["", key(d, 3, "Spain"), key(d, 3, "Britain")],
                  "q0-4": key(d, 4, "Napoleon III")},
        "partly": {"q0-1": "1861", "q0-2": "Zaragoza", "q0-3": [""], "q0-4": ""},
        "wrong": {"q0-1": "1900", "q0-2": "Bazaine", "q0-3": ["", key(d, 3, "Prussia")],
                  "q0-4": key(d, 4, "Louis-Philippe")},
    }[answers]
    assert client.post(url("answer", attempt.pk, 0), {**form, "next": "stay"}).status_code in (200, 302)
    assert client.post(url("submit", attempt.pk)).status_code == 302
    attempt.refresh_from_db()
    slot.refresh_from_db()
    assert slot.state == state and attempt.score == score
    review = client.get(url("review", attempt.pk)).content.decode()
    assert "Right answer: <bdi>1862</bdi>" in review


@pytest.mark.django_db
def test_a_word_in_a_numerical_gap_is_refused_with_the_gap_named(make, now):
    quiz = cloze_quiz(make)
    attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    with pytest.raises(ValidationError) as error:
        service.attempt_save_response(attempt=attempt, position=0, raw={"1": "soon"}, now=now)
    assert error.value.params == {"number": 1}


@pytest.mark.django_db
def test_item_statistics_count_each_gap(make, now):
    quiz = cloze_quiz(make)
    responses = [{"2": "Zaragoza", "1": "1862"}, {"2": "Bazaine"}, {"2": "ignacio zaragoza"}, {}]
    for response in responses:
        attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        service.attempt_save_response(attempt=attempt, position=0, raw=response, now=now)
        service.attempt_submit(attempt=attempt, now=now)
    (item,) = quiz_item_statistics(quiz=quiz).items
    with translation.override("en"):
        counts = {choice.label: choice.total for choice in item.choices if choice.total}
    assert counts == {"gap 1: 1862": 1, "gap 2: Ignacio Zaragoza": 1, "gap 2: Zaragoza": 1,
                      "gap 2: another answer": 1, "": 1}


# --- formats --------------------------------------------------------------------------------------------
def test_moodle_xml_export_writes_the_syntax_back_and_reads_the_same_question():
    q = puebla()
    written = moodlexml.export([q])
    assert '<question type="cloze">' in written and "{1:NM:=1862#Right~%50%1863#That was the second siege}" in written
    assert "<answer" not in written
    (back,) = moodlexml.parse(written).questions
    assert (back.qtype, back.text, back.options, back.points) == (q.qtype, q.text, q.options, q.points)


def test_moodle_xml_cloze_of_one_language_is_worth_its_weights():
    xml = ('<?xml version="1.0"?><quiz><question type="multianswer"><name><text>n</text></name><questiontext '
           'format="html"><text><![CDATA[<p>{2:SA:=Juárez} {3:NM:=1867}</p>]]></text></questiontext></question></quiz>')
    (question,) = moodlexml.parse(xml).questions
    assert question.points == 5 and question.text == {"en": "<p>{#1} {#2}</p>"}


def test_csv_round_trip_writes_the_gaps_in_the_text_cells_as_authors_write_them():
    q = puebla()
    written = csv_format.export([q])
    assert "{#1}" not in written and "options" not in written.splitlines()[0]
    (back,) = csv_format.parse(written).questions
    assert (back.qtype, back.text, back.options) == (q.qtype, q.text, q.options)


def test_a_spreadsheet_cloze_is_read_from_its_text_cells_and_a_broken_gap_names_its_row():
    rows = ("type,name,text_ar,text_en\n"
            "cloze,ok,بويبلا {1:SA:=بويبلا},Puebla {1:SA:=Puebla}\n"
            "cloze,broken,{1:XYZ:=واحد},{1:XYZ:=one}\n")
    result = csv_format.parse(rows)
    (good,) = result.questions
    assert good.text == {"ar": "بويبلا {#1}", "en": "Puebla {#1}"} and len(good.options["gaps"]) == 1
    assert [p.where for p in result.errors] and "3" in str(result.errors[0].where)


def test_gift_cannot_hold_a_cloze_and_says_so():
    written = gift.export([puebla()])
    assert written.startswith("// cloze question “Puebla” cannot be written in GIFT (GIFT has no embedded answers")
    assert "{#1}" not in written


@pytest.mark.django_db
def test_every_format_round_trips_a_saved_cloze_through_the_bank(make):
    bank = make.bank()
    make.question(bank_obj=bank, definition=puebla())
    for format_name in ("moodlexml", "csv"):
        copy = make.bank()
        report = questions_import(data=questions_export(bank=bank, format_name=format_name).encode(),
                                  format_name=format_name, bank=copy)
        assert report.written, [str(p) for p in report.errors]
        (back,) = copy.questions.all()
        assert (back.options, back.text_en, back.text_ar) == (puebla().options, puebla().text["en"], puebla().text["ar"])


@pytest.mark.django_db
def test_skipping_bad_questions_imports_the_rest_with_reasons(make):
    data = (FIXTURES / "cloze_questions.xml").read_bytes()
    bank = make.bank()
    with translation.override("en"):
        refused = questions_import(data=data, format_name="moodlexml", bank=bank)
        assert not refused.ok and bank.questions.count() == 0
        dry = questions_import(data=data, format_name="moodlexml", bank=bank, dry_run=True, skip_invalid=True)
        report = questions_import(data=data, format_name="moodlexml", bank=bank, skip_invalid=True)
    assert [str(p) for p in dry.skipped] == [str(p) for p in report.skipped] == [
        "question 7 (“No right answer”): skipped, not imported: Gap 1: one of the answers should have a score of "
        "100% so it is possible to get full marks for this question."]
    assert len(dry.imported) == len(report.imported) == 6 and report.written and not dry.written
    assert bank.questions.count() == 6


@pytest.mark.django_db
def test_the_broken_fixture_is_refused_question_by_question(make):
    with translation.override("en"):
        report = questions_import(data=(FIXTURES / "cloze_broken.xml").read_bytes(), format_name="moodlexml",
                                  bank=make.bank(), skip_invalid=True)
    assert sorted(p.where for p in report.skipped) == sorted(
        f"question {n} (“{name}”)" for n, name in enumerate(
            ["No gap", "A choice gap without choices", "A choice gap with one choice", "No fully right choice",
             "A word for a number"], start=1))
    assert not report.imported and report.ok


@pytest.mark.django_db
def test_the_import_command_skips_invalid_questions_when_asked(make, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    owner = make.teacher(is_superuser=True, is_staff=True)
    out = StringIO()
    with translation.override("en"):
        call_command("import_questions", str(FIXTURES / "cloze_questions.xml"), bank="Cloze", skip_invalid=True,
                     owner=owner.username, stdout=out)
    assert "6 questions imported" in out.getvalue() and "No right answer" in out.getvalue()


# --- admin authoring ------------------------------------------------------------------------------------
def admin_url(name, *args, query=""):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args) + query


def authored(client, bank, *, pk=None, ar=AR, en=EN, status="published"):
    data = {"bank": bank.pk, "qtype": "cloze", "name": "Puebla", "status": status, "difficulty": "medium",
            "default_points": "5", "text_ar": ar, "text_en": en, "general_feedback_ar": "", "general_feedback_en": "",
            "explanation_ar": "", "explanation_en": "",
            # The interactive behaviour's fields (a penalty per try and the hints inline), left as they come.
            "penalty": "0.3333333", "hints-TOTAL_FORMS": "0", "hints-INITIAL_FORMS": "0", "hints-MIN_NUM_FORMS": "0",
            "hints-MAX_NUM_FORMS": "1000"}
    target = admin_url("quizzes_question_change", pk) if pk else admin_url("quizzes_question_add", query="?qtype=cloze")
    with translation.override("en"):
        return client.post(target, data)


@pytest.mark.django_db
def test_an_author_writes_the_gaps_in_both_tabs(client, make):
    teacher = make.teacher()
    bank = make.bank(owner=teacher)
    client.force_login(teacher)
    assert authored(client, bank).status_code == 302
    question = Question.objects.get(bank=bank)
    assert "{#1}" in question.text_en and "1862" not in question.text_en and "Zaragoza" not in question.text_ar
    assert question.options == puebla().options
    form = client.get(admin_url("quizzes_question_change", question.pk)).content.decode()
    assert "{1:NM:=1862#Right~%50%1863#That was the second siege}" in form  # the syntax comes back to edit
    # Saved again unchanged, it stays the same question.
    assert authored(client, bank, pk=question.pk).status_code == 302
    question.refresh_from_db()
    assert question.options == puebla().options and question.text_en == puebla().text["en"]


@pytest.mark.django_db
def test_a_mismatch_between_the_tabs_re_renders_the_form_with_the_gap_named(client, make):
    teacher = make.teacher()
    bank = make.bank(owner=teacher)
    client.force_login(teacher)
    refused = authored(client, bank, ar=AR.replace("{1:MC:=نابليون الثالث", "{1:MCV:=نابليون الثالث"))
    page = refused.content.decode()
    assert refused.status_code == 200 and not Question.objects.exists()
    assert "Gap 4: the Arabic and English texts differ in the kind of gap (MCV in Arabic, MC in English)." in page
    refused = authored(client, bank, en=EN.replace("{1:NM:=1862#Right", "{1:NM:=soon#Right"))
    assert "English text, gap 1: the answer “soon” must be a number" in refused.content.decode()
    unfinished = "<p>صمدت بويبلا عام {1:NM:=1862#صحيح~%50%1863#الحصار الثاني}…</p>"  # a translation under way
    missing = authored(client, bank, ar=unfinished, status="published")
    assert missing.status_code == 200 and "Gap 2 is missing from the Arabic text." in missing.content.decode()
    assert authored(client, bank, ar=unfinished, status="draft").status_code == 302
