"""Small builders for test data; each returns a saved object with sensible bilingual defaults."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from accounts.roles import make_learner, make_teacher
from history.models import Event, Participation, Person, Topic

_sequence = itertools.count(1)


def _n() -> int:
    return next(_sequence)


def topic(**fields) -> Topic:
    n = _n()
    defaults = {
        "slug": f"topic-{n}",
        "title_ar": f"موضوع {n}",
        "title_en": f"Topic {n}",
        "summary_ar": "ملخص الموضوع",
        "summary_en": "Topic summary",
        "is_published": True,
    }
    defaults.update(fields)
    return Topic.objects.create(**defaults)


def event(*, topic_obj: Topic | None = None, start=datetime.date(1862, 5, 5), **fields) -> Event:
    n = _n()
    defaults = {
        "topic": topic_obj or topic(),
        "slug": f"event-{n}",
        "title_ar": f"حدث {n}",
        "title_en": f"Event {n}",
        "summary_ar": "ملخص الحدث",
        "summary_en": "Event summary",
        "start_date": start,
        "is_published": True,
    }
    defaults.update(fields)
    return Event.objects.create(**defaults)


def person(**fields) -> Person:
    n = _n()
    defaults = {
        "slug": f"person-{n}",
        "name_ar": f"شخص {n}",
        "name_en": f"Person {n}",
        "description_ar": "وصف قصير",
        "description_en": "Short description",
        "is_published": True,
    }
    defaults.update(fields)
    return Person.objects.create(**defaults)


def participation(*, event_obj: Event, person_obj: Person, role_ar="قائد", role_en="Commander") -> Participation:
    return Participation.objects.create(event=event_obj, person=person_obj, role_ar=role_ar, role_en=role_en)


def user(*, username: str | None = None, password: str = "a-Long-pass-123", **fields):
    return get_user_model().objects.create_user(username=username or f"user{_n()}", password=password, **fields)


def teacher(**fields):
    account = user(**fields)
    make_teacher(account)
    return account


def learner(**fields):
    account = user(**fields)
    make_learner(account)
    return account


# --- quizzes ---------------------------------------------------------------------------------------
def bank(*, owner=None, is_shared=False, **fields):
    from quizzes.models import QuestionBank

    n = _n()
    defaults = {"title_ar": f"بنك {n}", "title_en": f"Bank {n}", "owner": owner or teacher(), "is_shared": is_shared}
    defaults.update(fields)
    return QuestionBank.objects.create(**defaults)


def single_choice_def(*, right_en="1862", wrong_en=("1861", "1863"), text_en="When was the Battle of Puebla?"):
    from fractions import Fraction

    from quizzes.definitions import ChoiceDef, QuestionDef

    choices = [ChoiceDef({"ar": right_en, "en": right_en}, Fraction(1))]
    choices += [ChoiceDef({"ar": wrong, "en": wrong}, Fraction(0)) for wrong in wrong_en]
    return QuestionDef(
        qtype="single_choice", name="Puebla", text={"ar": "متى وقعت معركة بويبلا؟", "en": text_en}, choices=choices
    )


def question(*, bank_obj=None, definition=None, status="published", **fields):
    from quizzes.services import question_create_from_definition

    created = question_create_from_definition(
        bank=bank_obj or bank(), definition=definition or single_choice_def(), status=status
    )
    if fields:
        for name, value in fields.items():
            setattr(created, name, value)
        created.save()
    return created
