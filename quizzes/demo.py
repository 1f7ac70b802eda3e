"""The demo question bank and quizzes (idempotent: existing items are left as they are)."""

from datetime import timedelta

from django.db import transaction

from history.models import Topic
from quizzes import demo_content
from quizzes.models import Behaviour, Question, QuestionBank, QuestionStatus, Quiz, QuizDraw, QuizQuestion, ReviewTiming
from quizzes.services import question_create_from_definition

TOPIC_SLUG = "french-intervention-in-mexico"


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

    if not Quiz.objects.filter(title_en="Tour of the seven question types").exists():
        quiz = Quiz.objects.create(
            owner=teacher, topic=topic, is_published=True,
            title_ar="جولة في أنواع الأسئلة السبعة", title_en="Tour of the seven question types",
            introduction_ar="سؤال واحد من كل نوع عن التدخل الفرنسي الثاني في المكسيك.",
            introduction_en="One question of each type about the Second French intervention in Mexico.",
            behaviour=Behaviour.DEFERRED, shuffle_choices=True, review_right_answers=ReviewTiming.IMMEDIATELY,
        )
        seen = set()
        for question in bank.questions.order_by("pk"):
            if question.qtype not in seen:
                seen.add(question.qtype)
                QuizQuestion.objects.create(quiz=quiz, question=question, position=len(seen))
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
