"""Select missing words (gapselect): gaps marked [[n]], choices in groups, the share of right gaps; the walkthrough
through the attempt services; the attempt page without JavaScript; authoring in the admin."""

import random
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from quizzes.definitions import GapChoiceDef
from quizzes.display import DisplayOptions
from quizzes.models import Attempt, Question, Quiz, QuizQuestion, ReviewTiming
from quizzes.question_types import registry
from quizzes.question_types.gaps import markers
from quizzes.rendering import question_context
from quizzes.services import attempts as service
from tests.quizzes.question_types.gap_questions import puebla, t

qtype = registry.get("gapselect")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def codes(errors):
    return [error.code for error in errors]


def messages(errors):
    return [message for error in errors for message in error.messages]


# --- grading -------------------------------------------------------------------------------------
def test_grade_is_the_share_of_right_gaps():
    q = puebla("gapselect")
    assert qtype.validate(q) == [] and qtype.translation_errors(q) == []
    assert qtype.correct_response(q) == {"1": "puebla", "2": "y1862"}
    assert qtype.grade(q, {"1": "puebla", "2": "y1862"}) == 1
    assert qtype.grade(q, {"1": "puebla", "2": "y1867"}) == Fraction(1, 2)
    assert qtype.grade(q, {"1": "veracruz"}) == 0
    assert qtype.grade(q, {}) == 0 and qtype.grade(q, None) == 0
    assert qtype.random_guess_score(q) == Fraction(1, 2)


def test_a_choice_with_the_same_text_as_the_right_one_is_right():
    q = puebla("gapselect")
    q.gap_choices.append(GapChoiceDef(t("بويبلا", "Puebla"), group=1, key="puebla2"))
    assert qtype.grade(q, {"1": "puebla2", "2": "y1862"}) == 1


def test_a_choice_may_be_the_answer_of_several_gaps():
    q = puebla("gapselect")
    q.text = t("<p>[[1]] ثم [[1]] و[[2]]</p>", "<p>[[1]] then [[1]] and [[2]]</p>")
    assert qtype.validate(q) == []
    assert qtype.correct_response(q) == {"1": "puebla", "2": "puebla", "3": "y1862"}
    assert qtype.clean_response(q, {"1": "puebla", "2": "puebla"}) == {"1": "puebla", "2": "puebla"}


def test_summary_goes_gap_by_gap_with_the_languages_punctuation():
    q = puebla("gapselect")
    assert qtype.summarise(q, {"1": "puebla"}, "en") == "gap 1: Puebla; gap 2: —"
    assert "؛ " in qtype.summarise(q, {"1": "puebla", "2": "y1862"}, "ar")
    assert "بويبلا" in qtype.summarise(q, {"1": "puebla"}, "ar")


def test_several_tries_count_back_gap_by_gap():
    """Moodle's countback: gap 1 right from the first try earns 1; gap 2 right only at the second loses a third."""
    q = puebla("gapselect")
    tries = [{"1": "puebla", "2": "y1867"}, {"1": "puebla", "2": "y1862"}]
    assert qtype.compute_final_grade(q, tries, Fraction(1, 3)) == (1 + Fraction(2, 3)) / 2
    assert qtype.compute_final_grade(q, [{"1": "puebla"}, {"1": "veracruz"}], Fraction(1, 3)) == 0
    assert qtype.compute_final_grade(q, [], Fraction(1, 3)) == 0


# --- validation ----------------------------------------------------------------------------------
def test_a_text_without_gaps_is_refused():
    q = puebla("gapselect")
    q.text = t("<p>بلا فراغات</p>", "<p>No gaps</p>")
    assert codes(qtype.validate(q)) == ["no_gaps"]


def test_every_marker_names_an_existing_choice():
    q = puebla("gapselect")
    q.text = t("<p>[[1]] [[5]]</p>", "<p>[[1]] [[0]]</p>")
    errors = qtype.validate(q)
    assert codes(errors) == ["no_such_choice", "no_such_choice"]
    assert "[[5]] in the question text names no choice: the choices are numbered from 1 to 4." in messages(errors)


def test_choices_need_a_text_and_a_group_in_range():
    q = puebla("gapselect")
    q.gap_choices[2].text = {}
    q.gap_choices[3].group = 21
    assert codes(qtype.validate(q)) == ["blank", "group_range"]


def test_markers_count_only_in_the_text_of_the_html():
    assert markers('<p>The <a href="/x" title="[[2]]">[[1]]</a> and [[3]]</p>') == [1, 3]
    assert markers("<p>[[x]] [[ 1 ]] [1] [[1]</p>") == []


def test_validation_messages_follow_the_authors_language():
    q = puebla("gapselect")
    q.text = t("<p>لا</p>", "<p>No</p>")
    (error,) = qtype.validate(q)
    with translation.override("ar"):
        arabic = error.messages[0]
    with translation.override("en"):
        english = error.messages[0]
    assert english.startswith("Put at least one gap")
    assert arabic  # lazy: rendered in whichever language is active (the Arabic comes with the catalog)


# --- both languages ------------------------------------------------------------------------------
def test_choices_need_both_languages_before_publishing():
    q = puebla("gapselect")
    q.gap_choices[0].text = {"en": "Puebla"}
    assert messages(qtype.translation_errors(q)) == ["Choice 1: the Arabic text is missing."]


def test_the_two_texts_must_have_the_same_gaps_and_the_message_names_the_gap():
    q = puebla("gapselect")
    q.text = t("<p>[[1]] [[2]]</p>", "<p>[[2]] [[1]]</p>")
    assert messages(qtype.translation_errors(q)) == [
        "Gap 1 is [[1]] in the Arabic text but [[2]] in the English text.",
        "Gap 2 is [[2]] in the Arabic text but [[1]] in the English text.",
    ]
    q.text = t("<p>[[1]]</p>", "<p>[[1]] [[2]]</p>")
    assert messages(qtype.translation_errors(q)) == ["Gap 2 is only in the English text."]


# --- responses -----------------------------------------------------------------------------------
def test_responses_naming_other_keys_are_refused():
    q = puebla("gapselect")
    for raw in ({"1": "y1862"}, {"1": "nope"}, {"3": "puebla"}, {"x": "puebla"}, ["puebla"], "puebla",
                {"1": ["puebla"]}):
        with pytest.raises(ValidationError) as refused:
            qtype.clean_response(q, raw)
        assert refused.value.code == "invalid_response", raw
    assert qtype.clean_response(q, {"2": "y1867", "1": ""}) == {"2": "y1867"}
    assert qtype.clean_response(q, None) == {} and qtype.clean_response(q, {}) == {}


def test_the_form_posts_one_field_per_gap():
    from django.http import QueryDict

    data = QueryDict("q3-1=puebla&q3-2=y1862&q3-x=1&q30-1=no&q3=all")
    assert qtype.raw_from_form(data, "q3") == {"1": "puebla", "2": "y1862"}


# --- start: frozen order per group -----------------------------------------------------------------
def test_shuffling_freezes_an_order_per_group_when_quiz_and_question_say_so():
    q = puebla("gapselect")
    order = qtype.start(q, random.Random(3), shuffle=True)
    assert sorted(order["groups"]) == ["1", "2"]
    assert sorted(order["groups"]["1"]) == ["puebla", "veracruz"] and sorted(order["groups"]["2"]) == ["y1862", "y1867"]
    assert qtype.start(q, random.Random(3), shuffle=False) == {}
    assert qtype.start(puebla("gapselect", shuffle=False), random.Random(3), shuffle=True) == {}


def test_each_gap_offers_its_groups_choices_in_the_frozen_order():
    q = puebla("gapselect")
    view = qtype.formulation(q, language="en", display=DisplayOptions.hidden(),
                             order={"groups": {"1": ["veracruz", "puebla"], "2": ["y1867", "y1862"]}})
    first, second = view.extra["gaps"]
    assert [o.key for o in first.options] == ["veracruz", "puebla"]
    assert [o.key for o in second.options] == ["y1867", "y1862"]
    assert view.text == ""  # the type's template prints the text, with the gaps in it


# --- item statistics -----------------------------------------------------------------------------
def test_item_statistics_count_each_gaps_choices():
    q = puebla("gapselect")
    classes = qtype.response_classes(q)
    assert [(c.key, c.text["en"], c.is_right) for c in classes] == [
        ("1:puebla", "gap 1: Puebla", True), ("1:veracruz", "gap 1: Veracruz", False),
        ("2:y1862", "gap 2: 1862", True), ("2:y1867", "gap 2: 1867", False),
    ]
    assert qtype.classify_response(q, {"1": "veracruz", "2": "y1862"}) == ["1:veracruz", "2:y1862"]
    assert qtype.classify_response(q, {}) == []


@pytest.mark.django_db
def test_the_statistics_report_shows_the_gaps(make, learner_user, now):
    from quizzes.statistics import quiz_item_statistics

    quiz = quiz_of(make, puebla("gapselect"))
    for response in ({"1": "Puebla", "2": "1862"}, {"1": "Veracruz", "2": "1862"}):
        attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        keys = {c.text["en"]: c.key for c in attempt.slots.get().definition.gap_choices}
        raw = {gap: keys[text] for gap, text in response.items()}
        service.attempt_save_response(attempt=attempt, position=0, raw=raw, now=now)
        service.attempt_submit(attempt=attempt, now=now)
    (item,) = quiz_item_statistics(quiz=quiz).items
    counts = {(row.key.split(":")[0], row.label): row.total for row in item.choices if row.key}
    assert counts == {("1", "gap 1: Puebla"): 1, ("1", "gap 1: Veracruz"): 1, ("2", "gap 2: 1862"): 2,
                      ("2", "gap 2: 1867"): 0}


# --- walkthrough (database) ------------------------------------------------------------------------
def quiz_of(make, definition, **fields):
    quiz = Quiz.objects.create(owner=make.teacher(), title_en="Gaps", title_ar="فراغات", is_published=True, **fields)
    QuizQuestion.objects.create(quiz=quiz, question=make.question(definition=definition))
    return quiz


@pytest.mark.django_db
@pytest.mark.parametrize("response, state, score", [
    ({"1": "puebla", "2": "y1862"}, "right", 1),
    ({"1": "puebla", "2": "y1867"}, "partial", Fraction(1, 2)),
    ({"1": "veracruz", "2": "y1867"}, "wrong", 0),
])
def test_walkthrough_right_partly_wrong(make, learner_user, now, response, state, score):
    """Start an attempt, answer, submit: the slot's state and the attempt's mark."""
    quiz = quiz_of(make, puebla("gapselect"))
    attempt = service.attempt_start(quiz=quiz, learner=learner_user, now=now)
    slot = attempt.slots.get()
    keys = {c.text["en"]: c.key for c in slot.definition.gap_choices}  # stored rows get keys of their own
    by_name = {"puebla": "Puebla", "veracruz": "Veracruz", "y1862": "1862", "y1867": "1867"}
    raw = {gap: keys[by_name[key]] for gap, key in response.items()}
    service.attempt_save_response(attempt=attempt, position=0, raw=raw, now=now)
    attempt = service.attempt_submit(attempt=attempt, now=now)
    slot = attempt.slots.get()
    assert attempt.is_finished and slot.state == state
    assert Fraction(attempt.score) == score


# --- the attempt page -----------------------------------------------------------------------------
def page_url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"quizzes:{name}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["gapselect", "ddwtos"])
def test_no_key_in_the_attempt_page_and_the_form_without_javascript_saves(client, make, learner_user, name):
    quiz = quiz_of(make, puebla(name), review_right_answers=ReviewTiming.IMMEDIATELY)
    client.force_login(learner_user)
    client.post(page_url("quiz", quiz.pk))
    attempt = Attempt.objects.get(learner=learner_user)
    slot = attempt.slots.get()
    html = client.get(page_url("attempt", attempt.pk)).content.decode()
    assert 'name="q0-1"' in html and 'name="q0-2"' in html and "<label" in html and "gap 1" in html
    for sign in ("key-right", "key-wrong", "key-summary", "gap-right", "gap-wrong", "[[1]]", "(right:"):
        assert sign not in html, sign
    keys = {c.text["en"]: c.key for c in slot.definition.gap_choices}
    posted = client.post(page_url("answer", attempt.pk, 0), {"q0-1": keys["Puebla"], "q0-2": keys["1867"],
                                                           "next": "stay"})
    assert posted.status_code == 302
    slot.refresh_from_db()
    assert slot.response == {"1": keys["Puebla"], "2": keys["1867"]}
    client.post(page_url("submit", attempt.pk))
    review = client.get(page_url("review", attempt.pk)).content.decode()
    assert "key-summary" in review and "gap-right" in review and "gap-wrong" in review
    assert "(right: <bdi>1862</bdi>)" in review


@pytest.mark.django_db
def test_the_preview_shows_the_text_with_the_right_answers():
    q = puebla("gapselect")
    from django.template.loader import render_to_string

    html = render_to_string("quizzes/question.html", question_context(
        q, display=DisplayOptions.everything(), language="ar", mode="preview", heading="Preview"))
    assert "هزم المكسيكيون الفرنسيين في" in html and "[[1]]" not in html
    assert "key-summary" in html and html.count("<select") == 2 and "disabled" in html


def test_question_html_is_cleaned_where_it_is_cut():
    q = puebla("gapselect")
    q.text = t("<p>[[1]]<script>alert(1)</script> <img src=x onerror=alert(2)> [[2]]</p>", "<p>[[1]] [[2]]</p>")
    view = qtype.formulation(q, language="ar", display=DisplayOptions.hidden())
    html = "".join(str(part["html"]) for part in view.extra["parts"])
    assert "<script" not in html and "onerror" not in html


# --- authoring in the admin ------------------------------------------------------------------------
def admin_url(lang="en", query=""):
    with translation.override(lang):
        return reverse("admin:quizzes_question_add") + query


def gap_form(bank, qtype_name, rows, *, text_ar, text_en, status="draft"):
    data = {
        "bank": bank.pk, "qtype": qtype_name, "name": "Puebla", "status": status, "difficulty": "medium",
        "default_points": "1", "text_ar": text_ar, "text_en": text_en, "general_feedback_ar": "",
        "general_feedback_en": "", "explanation_ar": "", "explanation_en": "", "shuffle": "on",
        "gap_choices-TOTAL_FORMS": str(len(rows)), "gap_choices-INITIAL_FORMS": "0",
        "gap_choices-MIN_NUM_FORMS": "0", "gap_choices-MAX_NUM_FORMS": "1000",
        # What every question's form has besides (interactive tries: the penalty and the hints).
        "penalty": "0.3333333", "hints-TOTAL_FORMS": "0", "hints-INITIAL_FORMS": "0",
    }
    for i, (ar, en, group, unlimited) in enumerate(rows):
        data.update({f"gap_choices-{i}-position": str(i), f"gap_choices-{i}-text_ar": ar,
                     f"gap_choices-{i}-text_en": en, f"gap_choices-{i}-group": str(group)})
        if unlimited:
            data[f"gap_choices-{i}-unlimited"] = "on"
    return data


ROWS = [("بويبلا", "Puebla", 1, False), ("1862", "1862", 2, False), ("فيراكروز", "Veracruz", 1, False)]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["gapselect", "ddwtos"])
def test_the_admin_adds_a_question_with_its_choices(client, teacher_user, make, name):
    client.force_login(teacher_user)
    bank = make.bank(owner=teacher_user)
    html = client.get(admin_url(query=f"?qtype={name}")).content.decode()
    assert 'name="gap_choices-TOTAL_FORMS"' in html and "[[1]] in the question text is the place" in html
    data = gap_form(bank, name, ROWS, text_ar="<p>في [[1]] سنة [[2]]</p>", text_en="<p>At [[1]] in [[2]]</p>",
                    status="published")
    response = client.post(admin_url(query=f"?qtype={name}"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    question = Question.objects.get()
    assert question.qtype == name and question.options == {"shuffle": True}
    assert [(c.text_en, c.group) for c in question.gap_choices.all()] == [("Puebla", 1), ("1862", 2), ("Veracruz", 1)]
    assert question.validation_errors() == []


@pytest.mark.django_db
def test_the_admin_form_re_renders_with_the_errors(client, teacher_user, make):
    client.force_login(teacher_user)
    bank = make.bank(owner=teacher_user)
    data = gap_form(bank, "ddwtos", ROWS, text_ar="<p>في [[1]] و[[1]] و[[7]]</p>",
                    text_en="<p>At [[1]] and [[1]] and [[7]]</p>")
    response = client.post(admin_url(query="?qtype=ddwtos"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "[[7]] in the question text names no choice" in html
    assert "Choice 1 fills more than one gap: make it unlimited." in html
    assert not Question.objects.exists()
    data = gap_form(bank, "gapselect", ROWS, text_ar="<p>في [[1]] سنة [[2]]</p>", text_en="<p>At [[2]] in [[1]]</p>",
                    status="published")
    html = client.post(admin_url(query="?qtype=gapselect"), data).content.decode()
    assert "Gap 1 is [[1]] in the Arabic text but [[2]] in the English text." in html
    assert not Question.objects.exists()
