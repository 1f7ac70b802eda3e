import io

import pytest
from django.core.management import call_command

from history.models import Event, Person, Topic

pytestmark = pytest.mark.django_db


def load():
    call_command("loaddemo", stdout=io.StringIO())


def test_demo_content_is_complete_in_both_languages(demo):
    topic = Topic.objects.get(slug="french-intervention-in-mexico")
    assert topic.is_translation_complete
    events = Event.objects.in_topic(topic)
    assert events.count() >= 14
    assert Person.objects.count() >= 8
    for item in [*events, *Person.objects.all()]:
        assert item.is_published and item.is_translation_complete, item.slug
        item.full_clean()


def test_demo_content_corrects_the_machine_translation_slips(demo):
    texts = " ".join(
        " ".join(filter(None, [e.title_ar, e.summary_ar, e.description_ar])) for e in Event.objects.all()
    ) + " ".join(p.name_ar + p.description_ar for p in Person.objects.all())
    assert "ماكسيميليان أنا" not in texts
    assert "ماكسيميليان الأول" in texts


def test_demo_content_has_the_key_dates(demo):
    dates = {e.start_date.isoformat() for e in Event.objects.all()}
    assert {"1861-12-08", "1862-05-05", "1867-06-19"} <= dates


def test_loaddemo_is_idempotent_and_keeps_edits(demo):
    counts = (Topic.objects.count(), Event.objects.count(), Person.objects.count())
    event = Event.objects.order_by("pk").first()
    event.title_en = "Edited by a teacher"
    event.save()
    load()
    assert (Topic.objects.count(), Event.objects.count(), Person.objects.count()) == counts
    event.refresh_from_db()
    assert event.title_en == "Edited by a teacher"


def test_loaddemo_creates_demo_teacher_and_learner(demo, client):
    from django.contrib.auth import get_user_model

    teacher = get_user_model().objects.get(username="teacher")
    learner = get_user_model().objects.get(username="learner")
    assert teacher.is_teacher and teacher.is_staff and not teacher.is_superuser
    assert not learner.is_teacher and not learner.is_staff
    assert client.login(username="teacher", password="tarikh-teacher")
