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


def definitions_of_every_type():
    """One bilingual QuestionDef of each of the seven types, with known keys."""
    from decimal import Decimal
    from fractions import Fraction

    from quizzes.definitions import (
        AcceptedAnswerDef, ChoiceDef, MatchingPairDef, NumericalAnswerDef, OrderingItemDef, QuestionDef,
    )
    from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT

    t = lambda ar, en: {"ar": ar, "en": en}  # noqa: E731
    return [
        QuestionDef(qtype="single_choice", name="sc", text=t("<p>أين هُزم الفرنسيون عام 1862؟</p>", "<p>Where were the French defeated in 1862?</p>"),
                    general_feedback=t("معركة بويبلا.", "The Battle of Puebla."), explanation=t("خلفية", "Background"),
                    choices=[ChoiceDef(t("بويبلا", "Puebla"), Fraction(1), t("أحسنت", "Well done")),
                             ChoiceDef(t("مكسيكو", "Mexico City"), Fraction(0)), ChoiceDef(t("فيراكروز", "Veracruz"), Fraction(0))]),
        QuestionDef(qtype="multiple_response", name="mr", text=t("<p>من وقّع اتفاقية لندن؟</p>", "<p>Who signed the Convention of London?</p>"),
                    choices=[ChoiceDef(t("فرنسا", "France"), Fraction(1, 2)), ChoiceDef(t("إسبانيا", "Spain"), Fraction(1, 2)),
                             ChoiceDef(t("النمسا", "Austria"), Fraction(-1))]),
        QuestionDef(qtype="true_false", name="tf", text=t("<p>أُعدم ماكسيميليان الأول.</p>", "<p>Maximilian I was executed.</p>"),
                    choices=[ChoiceDef(TRUE_TEXT, Fraction(1)), ChoiceDef(FALSE_TEXT, Fraction(0))]),
        QuestionDef(qtype="short_answer", name="sa", text=t("<p>في أي مدينة أُعدم؟</p>", "<p>In which city was he executed?</p>"),
                    accepted_answers=[AcceptedAnswerDef(t("كيريتارو", "Queretaro"), Fraction(1))]),
        QuestionDef(qtype="numerical", name="nu", text=t("<p>سنة الإعدام؟</p>", "<p>The year of the execution?</p>"),
                    numerical_answers=[NumericalAnswerDef(Decimal(1867), Decimal(0), Fraction(1))]),
        QuestionDef(qtype="matching", name="ma", text=t("<p>طابق</p>", "<p>Match</p>"),
                    pairs=[MatchingPairDef(t("إنزال", "Landing"), t("ديسمبر", "December")),
                           MatchingPairDef(t("معركة", "Battle"), t("مايو", "May")),
                           MatchingPairDef({}, t("أغسطس", "August"))]),
        QuestionDef(qtype="ordering", name="or", text=t("<p>رتّب</p>", "<p>Order</p>"),
                    items=[OrderingItemDef(t("أول", "First")), OrderingItemDef(t("ثانٍ", "Second")),
                           OrderingItemDef(t("ثالث", "Third")), OrderingItemDef(t("رابع", "Fourth"))]),
    ]


def quiz(*, questions: int = 7, owner=None, **fields):
    """A published quiz of `questions` fixed questions cycling through the seven types."""
    from quizzes.models import Quiz, QuizQuestion

    owner = owner or teacher()
    bank_obj = bank(owner=owner)
    created = Quiz.objects.create(owner=owner, title_ar="اختبار", title_en="Quiz", is_published=True, **fields)
    kinds = definitions_of_every_type()
    for position in range(questions):
        definition = kinds[position % len(kinds)]
        QuizQuestion.objects.create(quiz=created, question=question(bank_obj=bank_obj, definition=definition),
                                    position=position)
    return created


def right_raw(slot):
    """The form data that answers `slot` fully right (what a learner would post)."""
    response = slot.question_type.correct_response(slot.definition)
    return response


def essay_def(*, min_words=None, max_words=None, points="2", **options):
    """An essay on the French intervention in Mexico, with a model answer for graders."""
    from decimal import Decimal

    from quizzes.definitions import QuestionDef

    options = {"grader_info_ar": "يذكر الديون ومشروع نابليون الثالث.", "grader_info_en": "Mentions the debts and Napoleon III's plan.",
               **options}
    if min_words is not None:
        options["min_words"] = min_words
    if max_words is not None:
        options["max_words"] = max_words
    return QuestionDef(qtype="essay", name="Why Mexico?",
                       text={"ar": "<p>لماذا تدخّلت فرنسا في المكسيك عام 1861؟</p>",
                             "en": "<p>Why did France intervene in Mexico in 1861?</p>"},
                       points=Decimal(points), options=options)


def description_def():
    """A text block between questions: a source excerpt with no grade."""
    from decimal import Decimal

    from quizzes.definitions import QuestionDef

    return QuestionDef(qtype="description", name="Source",
                       text={"ar": "<p>اقرأ النص: في 5 مايو 1862 صدّ الجيش المكسيكي الفرنسيين عند بويبلا.</p>",
                             "en": "<p>Read: on 5 May 1862 the Mexican army drove the French back at Puebla.</p>"},
                       points=Decimal(0))


def learner_with_mastery():
    """A learner who finished a 3-question quiz on one event with one answer right: mastery of 33.3 %, a fraction
    that bars, percentages and digits must carry."""
    from django.utils import timezone

    from quizzes.models import Question
    from quizzes.services import attempts

    made = learner()
    quiz_obj = quiz(questions=3, owner=teacher())
    event_obj = event()
    for question_obj in Question.objects.filter(pk__in=quiz_obj.fixed_questions.values("question_id")):
        question_obj.events.add(event_obj)
    attempt = attempts.attempt_start(quiz=quiz_obj, learner=made, now=timezone.now())
    slot = attempt.slots.order_by("position").first()
    attempts.attempt_save_response(attempt=attempt, position=slot.position, raw=right_raw(slot), now=timezone.now())
    attempts.attempt_submit(attempt=attempt, now=timezone.now())
    return made
