import pytest
from django.urls import reverse
from django.utils import translation

from history.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, teacher_user):
    client.force_login(teacher_user)
    return client


def admin_url(name: str, lang: str = "ar", *args) -> str:
    with translation.override(lang):
        return reverse(f"admin:{name}", args=args)


def event_form(topic, **overrides):
    data = {
        "topic": topic.pk,
        "slug": "new-event",
        "title_ar": "معركة بويبلا",
        "title_en": "Battle of Puebla",
        "summary_ar": "انتصار مكسيكي",
        "summary_en": "A Mexican victory",
        "description_ar": "",
        "description_en": "",
        "place_ar": "",
        "place_en": "",
        "start_date": "1862-05-05",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "is_published": "on",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_admin_works_in_arabic_rtl(teacher_client):
    html = teacher_client.get("/ar/admin/").content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "التاريخ" in html or "History" not in html


def test_teacher_can_add_an_event_with_both_languages(teacher_client, make):
    topic = make.topic()
    response = teacher_client.post(admin_url("history_event_add"), event_form(topic))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="new-event")
    assert event.title_en == "Battle of Puebla" and event.is_published


def test_publishing_without_english_names_field_and_language(teacher_client, make):
    topic = make.topic()
    response = teacher_client.post(
        admin_url("history_event_add", "en"), event_form(topic, title_en="", summary_en="")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“title” in English is required before this can be published." in html
    assert not Event.objects.filter(slug="new-event").exists()

    response = teacher_client.post(admin_url("history_event_add"), event_form(topic, title_en=""))
    assert "بالإنجليزية" in response.content.decode() or "الإنجليزية" in response.content.decode()


def test_a_draft_may_miss_a_language(teacher_client, make):
    topic = make.topic()
    data = event_form(topic, title_en="", summary_en="")
    del data["is_published"]
    assert teacher_client.post(admin_url("history_event_add"), data).status_code == 302


def test_changelist_has_translation_column_and_missing_language_filter(teacher_client, make):
    topic = make.topic()
    make.event(topic_obj=topic, slug="complete", title_en="Complete one")
    make.event(topic_obj=topic, slug="partial", title_en="", is_published=False, title_ar="ناقص")
    url = admin_url("history_event_changelist", "en")
    html = teacher_client.get(url).content.decode()
    assert "Translation complete" in html
    html = teacher_client.get(url + "?missing=en").content.decode()
    assert "ناقص" in html and "Complete one" not in html
    html = teacher_client.get(url + "?missing=complete").content.decode()
    assert "Complete one" in html and "ناقص" not in html


def test_admin_loads_jquery_ui_from_our_static_files(teacher_client, make):
    html = teacher_client.get(admin_url("history_event_add")).content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html
    assert "mt-bidi" in html


def test_admin_search_finds_arabic_titles(teacher_client, make):
    make.event(title_ar="إعدام ماكسيميليان", title_en="Execution of Maximilian")
    html = teacher_client.get(admin_url("history_event_changelist") + "?q=إعدام").content.decode()
    assert "إعدام ماكسيميليان" in html


def test_learner_has_no_admin_access(client, learner_user):
    client.force_login(learner_user)
    response = client.get(admin_url("index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_teacher_cannot_manage_users(teacher_client):
    assert teacher_client.get(admin_url("accounts_user_changelist")).status_code == 403


def test_end_before_start_is_refused_in_the_admin(teacher_client, make):
    response = teacher_client.post(
        admin_url("history_event_add"), event_form(make.topic(), end_date="1862-01-01")
    )
    assert response.status_code == 200
    assert Event.objects.count() == 0
