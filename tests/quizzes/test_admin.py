"""Authoring questions in the admin: validation in the author's language, filters, preview, scoping."""

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.models import Question, QuestionBank, QuestionStatus

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en", query=""):
    with translation.override(lang):
        return reverse(f"admin:{name}", args=args) + query


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def question_form(bank, qtype, status="draft", **extra):
    data = {
        "bank": bank.pk, "qtype": qtype, "name": "Puebla", "status": status, "difficulty": "medium",
        "default_points": "1", "text_ar": "متى وقعت معركة بويبلا؟", "text_en": "When was the Battle of Puebla?",
        "general_feedback_ar": "", "general_feedback_en": "", "explanation_ar": "", "explanation_en": "",
    }
    data.update(extra)
    return data


def choices(rows):
    """The choice rows; each share of the grade is a percentage, as the admin shows and reads it."""
    data = management("choices", len(rows))
    for i, (ar, en, fraction) in enumerate(rows):
        data.update({f"choices-{i}-position": str(i), f"choices-{i}-text_ar": ar, f"choices-{i}-text_en": en,
                     f"choices-{i}-fraction": str(fraction), f"choices-{i}-feedback_ar": "", f"choices-{i}-feedback_en": ""})
    return data


@pytest.fixture
def teacher_client(client, teacher_user):
    client.force_login(teacher_user)
    return client


@pytest.fixture
def own_bank(make, teacher_user):
    return make.bank(owner=teacher_user)


def test_add_asks_for_the_type_first(teacher_client):
    html = teacher_client.get(url("quizzes_question_add")).content.decode()
    assert "?qtype=single_choice" in html and "?qtype=ordering" in html


def test_add_form_shows_the_inline_fitting_the_type(teacher_client):
    html = teacher_client.get(url("quizzes_question_add", query="?qtype=ordering")).content.decode()
    assert 'name="items-TOTAL_FORMS"' in html and 'name="choices-TOTAL_FORMS"' not in html


def test_valid_single_choice_is_saved_with_its_choices(teacher_client, own_bank):
    data = question_form(own_bank, "single_choice", **choices([("1862", "1862", 100), ("1863", "1863", 0)]))
    response = teacher_client.post(url("quizzes_question_add", query="?qtype=single_choice"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    question = Question.objects.get()
    assert [c.text_en for c in question.choices.all()] == ["1862", "1863"]


@pytest.mark.parametrize(
    "lang, rows, message",
    [
        ("en", [("1862", "1862", 100), ("1863", "1863", 100)], "Exactly one choice must be fully right (100%); this question has 2."),
        ("en", [("1862", "1862", 100)], "Add at least 2 choices."),
        ("ar", [("1862", "1862", 100), ("1863", "1863", 100)], "يجب أن يكون خيار واحد فقط صحيحًا تمامًا"),
    ],
)
def test_single_choice_rules_are_explained_in_the_authors_language(teacher_client, own_bank, lang, rows, message):
    data = question_form(own_bank, "single_choice", **choices(rows))
    response = teacher_client.post(url("quizzes_question_add", lang=lang, query="?qtype=single_choice"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_multiple_response_fractions_must_add_up(teacher_client, own_bank):
    data = question_form(own_bank, "multiple_response",
                         **choices([("أ", "a", "33"), ("ب", "b", "33"), ("ج", "c", "0")]))
    html = teacher_client.post(url("quizzes_question_add", query="?qtype=multiple_response"), data).content.decode()
    assert "must add up to 100%; they add up to 66%" in html


def test_matching_needs_two_pairs_and_ordering_three_items(teacher_client, own_bank):
    data = question_form(own_bank, "matching", **management("pairs", 1),
                         **{"pairs-0-position": "0", "pairs-0-prompt_ar": "أ", "pairs-0-prompt_en": "a",
                            "pairs-0-answer_ar": "1", "pairs-0-answer_en": "1"})
    html = teacher_client.post(url("quizzes_question_add", query="?qtype=matching"), data).content.decode()
    assert "Add at least two pairs." in html
    data = question_form(own_bank, "ordering", **management("items", 2),
                         **{"items-0-position": "0", "items-0-text_ar": "أ", "items-0-text_en": "a",
                            "items-1-position": "1", "items-1-text_ar": "ب", "items-1-text_en": "b"})
    html = teacher_client.post(url("quizzes_question_add", query="?qtype=ordering"), data).content.decode()
    assert "Add at least three items to order." in html


def test_numerical_tolerance_cannot_be_negative(teacher_client, own_bank):
    data = question_form(own_bank, "numerical", **management("numerical_answers", 1),
                         **{"numerical_answers-0-position": "0", "numerical_answers-0-value": "1862",
                            "numerical_answers-0-tolerance": "-1", "numerical_answers-0-fraction": "100",
                            "numerical_answers-0-feedback_ar": "", "numerical_answers-0-feedback_en": ""})
    html = teacher_client.post(url("quizzes_question_add", query="?qtype=numerical"), data).content.decode()
    assert "Ensure this value is greater than or equal to 0." in html or "tolerance cannot be negative" in html
    assert not Question.objects.exists()


def test_cannot_publish_until_both_languages_are_complete(teacher_client, own_bank):
    data = question_form(own_bank, "single_choice", status="published", text_en="",
                         **choices([("1862", "", 100), ("1863", "1863", 0)]))
    html = teacher_client.post(url("quizzes_question_add", query="?qtype=single_choice"), data).content.decode()
    assert "“question text” in English is required before this can be published." in html
    assert "Answer 1: the English text is missing." in html
    assert not Question.objects.exists()
    # The same question saves as a draft.
    data["status"] = "draft"
    assert teacher_client.post(url("quizzes_question_add", query="?qtype=single_choice"), data).status_code == 302


def test_missing_language_filters(teacher_client, own_bank, make):
    complete = make.question(bank_obj=own_bank)
    no_english_text = make.question(bank_obj=own_bank, status="draft", text_en="")
    draft_choice = make.question(bank_obj=own_bank, status="draft")
    choice = draft_choice.choices.first()
    choice.text_ar = ""
    choice.save()
    changelist = url("quizzes_question_changelist")

    def listed(query):
        response = teacher_client.get(changelist + query)
        return {q.pk for q in response.context["cl"].result_list}

    assert listed("?missing=en") == {no_english_text.pk}
    assert listed("?missing=ar") == {draft_choice.pk}
    assert listed("?missing=complete") == {complete.pk}
    assert listed("?qtype=single_choice") == {complete.pk, no_english_text.pk, draft_choice.pk}
    assert listed("?qtype=ordering") == set()
    assert listed(f"?status=draft&bank={own_bank.pk}") == {no_english_text.pk, draft_choice.pk}


def test_preview_shows_both_languages_with_the_key(teacher_client, own_bank, make):
    question = make.question(bank_obj=own_bank)
    html = teacher_client.get(url("quizzes_question_preview", question.pk)).content.decode()
    assert 'lang="ar" dir="rtl"' in html and 'lang="en" dir="ltr"' in html
    assert "متى وقعت معركة بويبلا؟" in html and "When was the Battle of Puebla?" in html
    assert html.count("key-right") == 2  # the right choice marked in each language


def test_duplicate_question_and_bank_actions(teacher_client, own_bank, make):
    question = make.question(bank_obj=own_bank)
    teacher_client.post(url("quizzes_question_changelist"),
                        {"action": "duplicate_questions", "_selected_action": [question.pk]})
    assert own_bank.questions.count() == 2
    copy = own_bank.questions.exclude(pk=question.pk).get()
    assert copy.status == QuestionStatus.DRAFT and copy.choices.count() == 3
    teacher_client.post(url("quizzes_questionbank_changelist"),
                        {"action": "duplicate_banks", "_selected_action": [own_bank.pk]})
    assert QuestionBank.objects.count() == 2
    assert QuestionBank.objects.exclude(pk=own_bank.pk).get().questions.count() == 2


def test_publish_action_refuses_incomplete_questions(teacher_client, own_bank, make):
    incomplete = make.question(bank_obj=own_bank, status="draft", text_en="")
    response = teacher_client.post(url("quizzes_question_changelist"),
                                   {"action": "publish_questions", "_selected_action": [incomplete.pk]}, follow=True)
    incomplete.refresh_from_db()
    assert incomplete.status == "draft"
    assert "was not published" in response.content.decode()


# --- scoping ---------------------------------------------------------------------------------------
@pytest.fixture
def banks(make, teacher_user):
    other = make.teacher(username="other-teacher")
    return {
        "own": make.bank(owner=teacher_user),
        "shared": make.bank(owner=other, is_shared=True),
        "private": make.bank(owner=other),
    }


def test_teacher_sees_own_and_shared_banks_only(teacher_client, banks):
    response = teacher_client.get(url("quizzes_questionbank_changelist"))
    assert {b.pk for b in response.context["cl"].result_list} == {banks["own"].pk, banks["shared"].pk}


def test_teacher_reads_but_cannot_change_a_shared_bank(teacher_client, banks, make):
    shared_question = make.question(bank_obj=banks["shared"])
    assert teacher_client.get(url("quizzes_questionbank_change", banks["shared"].pk)).status_code == 200
    response = teacher_client.post(url("quizzes_questionbank_change", banks["shared"].pk),
                                   {"title_ar": "مختطف", "title_en": "Hijacked"})
    assert response.status_code == 403
    assert teacher_client.get(url("quizzes_question_change", shared_question.pk)).status_code == 200
    assert teacher_client.post(url("quizzes_question_delete", shared_question.pk), {"post": "yes"}).status_code == 403
    assert Question.objects.filter(pk=shared_question.pk).exists()


def test_teacher_cannot_open_a_private_bank_of_another(teacher_client, banks, make):
    private_question = make.question(bank_obj=banks["private"])
    for name, pk in [("quizzes_questionbank_change", banks["private"].pk), ("quizzes_question_change", private_question.pk),
                     ("quizzes_question_preview", private_question.pk)]:
        response = teacher_client.get(url(name, pk))
        assert response.status_code in (302, 404), name
    response = teacher_client.get(url("quizzes_question_changelist"))
    assert private_question.pk not in {q.pk for q in response.context["cl"].result_list}


def test_teacher_cannot_put_a_question_in_someone_elses_bank(teacher_client, banks):
    data = question_form(banks["shared"], "single_choice", **choices([("1862", "1862", 100), ("1863", "1863", 0)]))
    response = teacher_client.post(url("quizzes_question_add", query="?qtype=single_choice"), data)
    assert response.status_code == 200 and not Question.objects.exists()


def test_superuser_sees_everything(client, banks, make):
    admin_user = make.user(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    response = client.get(url("quizzes_questionbank_changelist"))
    assert len(response.context["cl"].result_list) == 3


def test_learners_have_no_admin_access(client, learner_user, banks):
    client.force_login(learner_user)
    response = client.get(url("quizzes_questionbank_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_new_bank_belongs_to_its_author(teacher_client, teacher_user):
    response = teacher_client.post(url("quizzes_questionbank_add"),
                                   {"title_ar": "بنك", "title_en": "Bank", "description_ar": "", "description_en": ""})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert QuestionBank.objects.get().owner == teacher_user
