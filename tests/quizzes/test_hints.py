"""Hints and the penalty per try (the interactive behaviour's parts of a question): authored in the admin with
Arabic and English tabs, checked in both languages before publishing, carried by Moodle XML and CSV."""

import csv
import io
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.formats import csv as csv_format
from quizzes.formats import moodlexml
from quizzes.models import Question, QuestionStatus
from tests.quizzes.test_admin import choices, management, question_form

pytestmark = pytest.mark.django_db


def admin_url(name, query=""):
    with translation.override("en"):
        return reverse(f"admin:{name}") + query


def hints(rows):
    data = management("hints", len(rows))
    for i, (ar, en) in enumerate(rows):
        data.update({f"hints-{i}-position": str(i), f"hints-{i}-text_ar": ar, f"hints-{i}-text_en": en})
    return data


@pytest.fixture
def teacher_client(client, teacher_user):
    client.force_login(teacher_user)
    return client


def test_the_question_form_has_the_hints_inline_in_both_languages_and_the_penalty(teacher_client):
    html = teacher_client.get(admin_url("quizzes_question_add", "?qtype=single_choice")).content.decode()
    assert 'name="hints-TOTAL_FORMS"' in html and 'name="hints-0-text_ar"' in html and 'name="hints-0-text_en"' in html
    assert 'name="penalty"' in html and "Several tries" in html


def test_a_question_is_saved_with_its_hints_sanitised_and_its_penalty(teacher_client, make, teacher_user):
    bank = make.bank(owner=teacher_user)
    data = question_form(bank, "single_choice", status="published", penalty="0.25",
                         **choices([("1862", "1862", 100), ("1863", "1863", 0)]),
                         **hints([("<p>فكّر في مايو</p><script>x()</script>", "<p>Think of May</p>"),
                                  ("تذكّر بويبلا", "Remember Puebla")]))
    response = teacher_client.post(admin_url("quizzes_question_add", "?qtype=single_choice"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    question = Question.objects.with_answers().get()
    definition = question.definition()
    assert definition.hints == [{"ar": "<p>فكّر في مايو</p>", "en": "<p>Think of May</p>"},
                                {"ar": "تذكّر بويبلا", "en": "Remember Puebla"}]
    assert definition.penalty == Fraction(1, 4)


def test_a_published_question_needs_its_hints_in_both_languages(teacher_client, make, teacher_user):
    bank = make.bank(owner=teacher_user)
    data = question_form(bank, "single_choice", status="published",
                         **choices([("1862", "1862", 100), ("1863", "1863", 0)]), **hints([("فكّر في مايو", "")]))
    html = teacher_client.post(admin_url("quizzes_question_add", "?qtype=single_choice"), data).content.decode()
    assert "Hint 1: the English text is missing." in html and not Question.objects.exists()
    data["status"] = QuestionStatus.DRAFT
    assert teacher_client.post(admin_url("quizzes_question_add", "?qtype=single_choice"), data).status_code == 302
    question = Question.objects.with_answers().get()
    question.status = QuestionStatus.PUBLISHED  # the publish action asks the same
    assert [e.messages[0] for e in question.validation_errors()] == ["Hint 1: the English text is missing."]
    assert Question.objects.missing_language("en").filter(pk=question.pk).exists()


def test_a_post_without_the_hints_forms_keeps_the_defaults(teacher_client, make, teacher_user):
    data = question_form(make.bank(owner=teacher_user), "single_choice",
                         **choices([("1862", "1862", 100), ("1863", "1863", 0)]))
    assert teacher_client.post(admin_url("quizzes_question_add", "?qtype=single_choice"), data).status_code == 302
    definition = Question.objects.with_answers().get().definition()
    assert definition.hints == [] and definition.penalty == Fraction(1, 3)


# --- formats ---------------------------------------------------------------------------------------------------
def hinted_question(make):
    definition = make.single_choice_def()
    definition.hints = [{"ar": "<p>فكّر في مايو</p>", "en": "<p>Think of May</p>"}, {"en": "<p>Puebla</p>"}]
    definition.penalty = Fraction(1, 4)
    return definition


def test_moodle_xml_round_trip_of_hints_and_penalty(make):
    text = moodlexml.export([hinted_question(make)])
    assert "<penalty>0.2500000</penalty>" in text and text.count('<hint format="html">') == 2
    parsed = moodlexml.parse(text).questions[0]
    assert parsed.hints == hinted_question(make).hints and parsed.penalty == Fraction(1, 4)


def test_moodle_xml_reads_moodles_hints_with_their_options_and_its_penalty():
    text = """<?xml version="1.0" encoding="UTF-8"?><quiz>
      <question type="multichoice"><name><text>Puebla</text></name>
        <questiontext format="html"><text>When?</text></questiontext>
        <penalty>0.1000000</penalty><single>true</single>
        <answer fraction="100" format="html"><text>1862</text></answer>
        <answer fraction="0" format="html"><text>1863</text></answer>
        <hint format="html"><text><![CDATA[<p>Think of <span lang="en" class="multilang">May</span><span lang="ar" class="multilang">مايو</span></p>]]></text><shownumcorrect/></hint>
        <hint format="html"><text></text></hint>
      </question>
      <question type="truefalse"><name><text>TF</text></name><questiontext format="html"><text>Yes?</text></questiontext>
        <penalty>2</penalty>
        <answer fraction="100" format="moodle_auto_format"><text>true</text></answer>
        <answer fraction="0" format="moodle_auto_format"><text>false</text></answer></question>
    </quiz>"""
    with translation.override("en"):
        result = moodlexml.parse(text)
    first, second = result.questions
    assert first.penalty == Fraction(1, 10) and len(first.hints) == 1  # the empty hint is dropped
    assert "May" in first.hints[0]["en"] and "مايو" in first.hints[0]["ar"] and "مايو" not in first.hints[0]["en"]
    assert second.penalty == Fraction(1, 3)
    assert any("penalty “2”" in problem.message for problem in result.warnings)


def test_csv_round_trip_of_hints_and_penalty_with_their_columns_only_when_used(make):
    text = csv_format.export([hinted_question(make), make.single_choice_def()])
    header = next(csv.reader(io.StringIO(text)))
    assert ["penalty", "hint1_ar", "hint1_en", "hint2_ar", "hint2_en"] == [c for c in header if "hint" in c or c == "penalty"]
    first, second = csv_format.parse(text).questions
    assert first.hints == hinted_question(make).hints and first.penalty == Fraction(1, 4)
    assert second.hints == [] and second.penalty == Fraction(1, 3)
    plain = csv_format.export([make.single_choice_def()])
    assert "penalty" not in plain and "hint" not in plain


def test_csv_refuses_a_penalty_beyond_a_hundred_percent():
    with translation.override("en"):
        result = csv_format.parse("type,text_en,penalty,answer1_en,answer1_fraction,answer2_en\n"
                                  "single_choice,When?,150,1862,100,1863\n")
    assert "penalty must be a percentage between 0 and 100" in str(result.errors[0])
