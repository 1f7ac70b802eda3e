"""A question is named by its text in the active language everywhere the admin lists it (the quiz builder's
autocomplete, changelists, reports), with a visible fallback to the other language (issue 14, defect 5)."""

import pytest
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_label_follows_the_active_language_not_the_authors_english_name():
    question = factories.question(name="Puebla date")
    with translation.override("ar"):
        assert str(question) == " ".join(question.text_ar.split())[:80] and "Puebla date" not in str(question)
    with translation.override("en"):
        assert str(question) == " ".join(question.text_en.split())[:80]


def test_a_question_without_arabic_text_is_shown_in_english_marked_as_such():
    question = factories.question()
    question.text_ar = ""
    question.save()
    with translation.override("ar"):
        label = str(question)
    assert question.text_en.split()[0] in label and "(" in label and label != question.text_en


def test_the_quiz_builders_autocomplete_lists_arabic_texts_for_an_arabic_search(client):
    from django.urls import reverse

    teacher = factories.teacher()
    question = factories.question(bank_obj=factories.bank(owner=teacher), name="Puebla date")
    word = question.text_ar.split()[0]
    client.force_login(factories.user(username="root", is_superuser=True, is_staff=True))
    with translation.override("ar"):
        url = reverse("admin:autocomplete")
    response = client.get(url, {"term": word, "app_label": "quizzes", "model_name": "quizquestion",
                                "field_name": "question"})
    assert response.status_code == 200, response.content[:300]
    texts = [row["text"] for row in response.json()["results"]]
    assert texts and all("Puebla date" not in text for text in texts) and any(word in text for text in texts)


@pytest.mark.parametrize("model_name,field", [("quiz", "title"), ("questionbank", "title"), ("event", "title"),
                                              ("topic", "title"), ("person", "name")])
def test_every_bilingual_name_is_in_the_active_language_with_a_visible_fallback(model_name, field):
    teacher = factories.teacher()
    obj = {"quiz": lambda: factories.quiz(questions=0, owner=teacher), "questionbank": lambda: factories.bank(owner=teacher),
           "event": factories.event, "topic": factories.topic, "person": factories.person}[model_name]()
    setattr(obj, f"{field}_ar", "اسم عربي")
    setattr(obj, f"{field}_en", "English name")
    with translation.override("ar"):
        assert str(obj) == "اسم عربي"
    with translation.override("en"):
        assert str(obj) == "English name"
    setattr(obj, f"{field}_ar", "")
    with translation.override("ar"):
        # modeltranslation alone would show «English name» unmarked
        assert str(obj) == "English name (باللغة الإنجليزية فقط)"


def _english_only_quiz(teacher):
    from quizzes.models import Quiz

    made = factories.quiz(questions=0, owner=teacher)
    Quiz.objects.filter(pk=made.pk).update(title_ar="", title_en="Only English quiz", is_published=False)
    return made


@pytest.mark.parametrize("url_name,make_obj,text", [
    ("admin:quizzes_quiz_changelist", lambda t: _english_only_quiz(t), "Only English quiz (باللغة الإنجليزية فقط)"),
    ("admin:quizzes_questionbank_changelist", lambda t: factories.bank(owner=t, title_ar="بنك عربي", title_en="English bank"), "بنك عربي"),
])
def test_admin_lists_show_the_active_languages_name(client, url_name, make_obj, text):
    from django.urls import reverse

    teacher = factories.teacher()
    obj = make_obj(teacher)
    client.force_login(factories.user(username="root", is_superuser=True, is_staff=True))
    with translation.override("ar"):
        url = reverse(url_name)
    page = client.get(url).content.decode()
    assert text in page and "English bank" not in page
    assert "sortable column-title_in_active_language" in page  # the column still sorts (by the active language's column)
    assert obj.pk
