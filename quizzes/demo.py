"""The demo question bank and quizzes (idempotent).

Existing quizzes are left as they are. The demo bank's questions (matched by name) are corrected where an
earlier demo version wrote something this one fixes, field by field and answer row by row, as
`history.demo` does: a value still as an earlier version wrote it (`quizzes.demo_earlier`) takes the
corrected one, any other value is a teacher's edit and is kept, and answers that this version adds are
appended while the question's answers are still the earlier version's.
"""

from datetime import timedelta

from django.db import transaction

from history.demo import digest, refresh_fields
from history.models import Topic
from quizzes import definitions as defs, demo_content, demo_earlier
from quizzes.models import (
    ANSWER_ROW_MODELS,
    Behaviour,
    Question,
    QuestionBank,
    QuestionStatus,
    Quiz,
    QuizDraw,
    QuizQuestion,
    ReviewTiming,
)
from quizzes.services import question_create_from_definition
# The unsaved question that saving a definition writes: its texts are sanitised as stored.
from quizzes.services.banks import _question_instance

QUESTION_TEXTS = [f"{field}_{code}" for field in ("text", "general_feedback", "explanation") for code in defs.LANGUAGES]

TOPIC_SLUG = "french-intervention-in-mexico"
# The types of the first tour quiz (its title counts them); the second tour shows the five that came after.
FIRST_SEVEN_TYPES = ("single_choice", "multiple_response", "true_false", "short_answer", "numerical", "matching",
                     "ordering")
SECOND_TOUR = ["Battle of Puebla in embedded answers", "Battle of Puebla in words", "Maximilian's empire in words",
               "Source: Zaragoza's dispatch from Puebla", "Why Puebla became a national holiday"]


@transaction.atomic
def load_demo_quizzes(*, teacher) -> dict[str, int]:
    created = {"questions": 0, "quizzes": 0}
    bank = QuestionBank.objects.filter(title_en=demo_content.BANK["title"]["en"]).first()
    topic = Topic.objects.filter(slug=TOPIC_SLUG).first()
    if bank is None:
        bank = QuestionBank.objects.create(
            owner=teacher, topic=topic, is_shared=True,
            **{f"title_{c}": t for c, t in demo_content.BANK["title"].items()},
            **{f"description_{c}": t for c, t in demo_content.BANK["description"].items()},
        )
        for definition in demo_content.QUESTIONS:
            question_create_from_definition(bank=bank, definition=definition, user=teacher,
                                            status=QuestionStatus.PUBLISHED)
            created["questions"] += 1
    else:
        refresh_demo_questions(bank)

    if not Quiz.objects.filter(title_en="Tour of the seven question types").exists():
        quiz = Quiz.objects.create(
            owner=teacher, topic=topic, is_published=True,
            title_ar="جولة في أنواع الأسئلة السبعة", title_en="Tour of the seven question types",
            introduction_ar="سؤال واحد من كل نوع عن التدخل الفرنسي الثاني في المكسيك.",
            introduction_en="One question of each type about the Second French intervention in Mexico.",
            behaviour=Behaviour.DEFERRED, shuffle_choices=True, review_right_answers=ReviewTiming.IMMEDIATELY,
        )
        seen = set()
        for question in bank.questions.filter(qtype__in=FIRST_SEVEN_TYPES).order_by("pk"):
            if question.qtype not in seen:
                seen.add(question.qtype)
                QuizQuestion.objects.create(quiz=quiz, question=question, position=len(seen))
        created["quizzes"] += 1

    essays = QuestionBank.objects.filter(title_en=demo_content.ESSAY_BANK["title"]["en"]).first()
    if essays is None:
        essays = QuestionBank.objects.create(
            owner=teacher, topic=topic, is_shared=True,
            **{f"title_{c}": t for c, t in demo_content.ESSAY_BANK["title"].items()},
            **{f"description_{c}": t for c, t in demo_content.ESSAY_BANK["description"].items()},
        )
        for definition in demo_content.ESSAY_QUESTIONS:
            question_create_from_definition(bank=essays, definition=definition, user=teacher,
                                            status=QuestionStatus.PUBLISHED)
            created["questions"] += 1

    if not Quiz.objects.filter(title_en="Tour of five more question types").exists():
        quiz = Quiz.objects.create(
            owner=teacher, topic=topic, is_published=True,
            title_ar="جولة في خمسة أنواع أخرى من الأسئلة", title_en="Tour of five more question types",
            introduction_ar="نصّ بفراغات، واختيار الكلمات الناقصة، وسحب الكلمات إلى النص، ومصدر للقراءة، وسؤال "
            "مقالي يصحّحه المعلّم. لك عدّة محاولات في كل سؤال، مع تلميح بعد كل محاولة خاطئة.",
            introduction_en="Embedded answers, select missing words, drag words into a text, a source to read and "
            "an essay your teacher grades. You have several tries at each question, with a hint after each wrong "
            "one.",
            behaviour=Behaviour.INTERACTIVE, questions_per_page="one", review_right_answers=ReviewTiming.IMMEDIATELY,
        )
        by_name = {q.name: q for q in Question.objects.filter(bank__in=[bank, essays], name__in=SECOND_TOUR)}
        for position, name in enumerate(SECOND_TOUR, start=1):
            if name in by_name:
                QuizQuestion.objects.create(quiz=quiz, question=by_name[name], position=position)
        created["quizzes"] += 1

    if not Quiz.objects.filter(title_en="How sure are you? The road to Querétaro").exists():
        quiz = Quiz.objects.create(
            owner=teacher, topic=topic, is_published=True,
            title_ar="ما مدى ثقتك؟ الطريق إلى كيريتارو", title_en="How sure are you? The road to Querétaro",
            introduction_ar="اختر مع كل إجابة مدى ثقتك بها: الثقة العالية تزيد درجة الإجابة الصحيحة، وتُكلّفك "
            "درجات إن أخطأت.",
            introduction_en="With each answer, say how sure you are: high certainty earns more for a right answer "
            "and costs marks for a wrong one.",
            behaviour=Behaviour.DEFERRED_CBM, questions_per_page="all", review_right_answers=ReviewTiming.IMMEDIATELY,
        )
        picked = list(bank.questions.filter(qtype__in=("single_choice", "true_false", "numerical"))
                      .order_by("pk").values_list("pk", flat=True)[:6])
        for position, pk in enumerate(picked, start=1):
            QuizQuestion.objects.create(quiz=quiz, question_id=pk, position=position)
        created["quizzes"] += 1

    if not Quiz.objects.filter(title_en="Practice: ten random questions").exists():
        quiz = Quiz.objects.create(
            owner=teacher, topic=topic, is_published=True,
            title_ar="تدريب: عشرة أسئلة عشوائية", title_en="Practice: ten random questions",
            introduction_ar="تُسحب الأسئلة عشوائيًا من بنك الأسئلة في كل محاولة، وتُصحَّح كل إجابة فور تقديمها.",
            introduction_en="Questions are drawn at random from the bank for each attempt, and each answer is checked as you give it.",
            behaviour=Behaviour.IMMEDIATE, questions_per_page="all", review_right_answers=ReviewTiming.IMMEDIATELY,
        )
        QuizDraw.objects.create(quiz=quiz, bank=bank, count=10)
        created["quizzes"] += 1

    if not Quiz.objects.filter(title_en="Timed exam: the Empire years").exists():
        quiz = Quiz.objects.create(
            owner=teacher, topic=topic, is_published=True,
            title_ar="اختبار موقوت: سنوات الإمبراطورية", title_en="Timed exam: the Empire years",
            introduction_ar="خمسة عشر سؤالًا في عشرين دقيقة، ولك محاولتان.",
            introduction_en="Fifteen questions in twenty minutes, with two attempts.",
            behaviour=Behaviour.DEFERRED, time_limit=timedelta(minutes=20), attempts_allowed=2,
            shuffle_questions=True, pass_mark=60,
        )
        QuizDraw.objects.create(quiz=quiz, bank=bank, count=min(15, Question.objects.filter(bank=bank).count()))
        created["quizzes"] += 1
    return created


def _row_texts(row) -> dict:
    return {name: getattr(row, name) for name in vars(row)
            if name.rsplit("_", 1)[-1] in defs.LANGUAGES and not name.startswith("_")}


def refresh_demo_questions(bank: QuestionBank) -> None:
    """Correct the demo bank's questions where they still hold what an earlier demo version wrote."""
    earlier = demo_earlier.VALUES
    questions = {q.name: q for q in bank.questions.all()}
    for definition in demo_content.QUESTIONS:
        question = questions.get(definition.name)
        if question is None and definition.name not in demo_earlier.SHIPPED_NAMES:
            # New in this version of the demo: added, as a first load would.
            question_create_from_definition(bank=bank, definition=definition, user=bank.owner,
                                            status=QuestionStatus.PUBLISHED)
            continue
        if question is None or question.qtype != definition.qtype:
            continue  # deleted or rewritten by a teacher
        shipped = _question_instance(bank=bank, definition=definition)
        changed = refresh_fields(question, {name: getattr(shipped, name) for name in QUESTION_TEXTS}, earlier=earlier)
        if changed:
            question.save(update_fields=changed)
        for kind in defs.ROW_KINDS:
            model = ANSWER_ROW_MODELS[kind]
            current = list(model.objects.filter(question=question).order_by("position", "pk"))
            new_rows = [model.from_definition(question=question, position=position, row=row)
                        for position, row in enumerate(getattr(definition, kind))]
            untouched = digest([sorted(_row_texts(row).items()) for row in current]) in demo_earlier.ROW_SETS
            for row, new_row in zip(current, new_rows):
                changed = refresh_fields(row, _row_texts(new_row), earlier=earlier)
                if changed:
                    row.save(update_fields=changed)
            if untouched and len(new_rows) > len(current):
                model.objects.bulk_create(new_rows[len(current):])
