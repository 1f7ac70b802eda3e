"""The item statistics page and its CSV export: only the quiz's owner (or a superuser) sees them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


def answer(slot, right: bool):
    if right:
        return slot.question_type.correct_response(slot.definition)
    wrong = [choice.key for choice in slot.definition.choices if choice.fraction <= 0]
    return wrong if slot.snapshot["qtype"] == "multiple_response" else wrong[0]


def finish(quiz, learner, now, rights, language="ar"):
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=now, language=language)
    for slot, right in zip(attempt.slots.order_by("position"), rights):
        service.attempt_save_response(attempt=attempt, position=slot.position, raw=answer(slot, right), now=now,
                                      language=language)
    return service.attempt_submit(attempt=attempt, now=now)


# Single choice, multiple response, true/false; six learners from strong to weak.
PATTERNS = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (1, 0, 0), (0, 1, 0), (0, 0, 0)]


@pytest.fixture
def quiz(make, now):
    quiz = make.quiz(questions=3)
    for rights in PATTERNS:
        finish(quiz, make.learner(password=None), now, rights)
    return quiz


def url(quiz, name="quizzes:statistics", language="en", query=""):
    with translation.override(language):
        return reverse(name, kwargs={"pk": quiz.pk}) + query


def test_the_owner_sees_the_item_statistics_in_english(client, quiz):
    client.force_login(quiz.owner)
    response = client.get(url(quiz))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Item statistics", "The quiz as a whole", "Facility index (%)", "Discrimination index (%)",
                 "Discriminative efficiency (%)", "Random guess score (%)", "Cronbach&#x27;s alpha",
                 "By the language of the answer", "Which choice attracted whom", "Picked by the strong half",
                 "Where were the French defeated in 1862?", "Single choice", "<caption"):
        assert text in html, text
    # Single choice right for 4 of 6: facility 66.7, one decimal.
    assert '<bdi dir="ltr">66.7</bdi>' in html
    assert 'aria-current="page">First attempts' in html
    assert response.context["report"].summary.attempts == 6


def test_the_page_speaks_arabic_by_default(client, quiz):
    client.force_login(quiz.owner)
    html = client.get(url(quiz, language="ar")).content.decode()
    assert 'dir="rtl"' in html
    # Numbers use the site's Arabic format (a decimal point, issue 14 defect 7) and keep their own direction.
    assert '<bdi dir="ltr">66.7</bdi>' in html and "66,7" not in html


def test_flags_explain_themselves_in_plain_words(client, make, now):
    quiz = make.quiz(questions=2)
    # Everyone gets the single choice right and the multiple response wrong.
    for _ in range(5):
        finish(quiz, make.learner(password=None), now, (1, 0))
    client.force_login(quiz.owner)
    html = client.get(url(quiz)).content.decode()
    assert "too easy: almost everyone gets it right" in html
    assert "too hard: almost no one gets it right" in html
    assert "Fewer than 30 attempts" in html


def test_all_attempts_count_when_asked(client, make, quiz, now):
    learner = make.learner(password=None)
    finish(quiz, learner, now, (0, 0, 0))
    finish(quiz, learner, now, (1, 1, 1))
    client.force_login(quiz.owner)
    assert client.get(url(quiz)).context["report"].summary.attempts == 7
    response = client.get(url(quiz, query="?attempts=all"))
    assert response.context["report"].summary.attempts == 8
    assert 'aria-current="page">All attempts' in response.content.decode()


def test_another_teacher_gets_404(client, make, quiz):
    client.force_login(make.teacher())
    assert client.get(url(quiz)).status_code == 404
    assert client.get(url(quiz, "quizzes:statistics_csv")).status_code == 404


def test_a_learner_gets_404_even_for_a_quiz_they_own(client, make, quiz):
    from quizzes.models import Quiz

    learner = make.learner(password=None)
    client.force_login(learner)
    assert client.get(url(quiz)).status_code == 404
    # Generated practice quizzes belong to their learner; reports are still for teachers only.
    practice = Quiz.objects.create(owner=learner, practice_for=learner, title_en="Practice", title_ar="تدريب")
    assert client.get(url(practice)).status_code == 404
    assert client.get(url(practice, "quizzes:statistics_csv")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, quiz):
    response = client.get(url(quiz))
    assert response.status_code == 302 and "/login/" in response.url


def test_a_superuser_sees_any_quiz(client, make, quiz):
    client.force_login(make.user(is_superuser=True, is_staff=True))
    assert client.get(url(quiz)).status_code == 200


def test_a_quiz_nobody_finished_explains_the_empty_page(client, make):
    quiz = make.quiz(questions=2)
    client.force_login(quiz.owner)
    html = client.get(url(quiz)).content.decode()
    assert "No one has finished this quiz yet." in html
    rows = list(csv.reader(io.StringIO(client.get(url(quiz, "quizzes:statistics_csv")).content.decode("utf-8-sig"))))
    assert len(rows) == 1


def test_the_csv_export_holds_the_item_table(client, quiz):
    client.force_login(quiz.owner)
    response = client.get(url(quiz, "quizzes:statistics_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "first-attempts.csv" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Number", "Question id", "Question name", "Question text", "Type", "Attempts",
                       "Facility index (%)", "Standard deviation (%)", "Random guess score (%)",
                       "Discrimination index (%)", "Discriminative efficiency (%)", "Flags"]
    assert len(rows) == 4
    number, _id, name, text, qtype, attempts, facility, sd, guess, *_rest = rows[1]
    # Right for 4 of 6: facility 66.7; SD: d = ⅓ ⅓ ⅓ ⅓ −⅔ −⅔, Σd² = 4/9 + 8/9 = 4/3, /5 = .2667, √ = .5164 → 51.6.
    assert (number, name, text, qtype, attempts) == ("1", "sc", "Where were the French defeated in 1862?",
                                                     "Single choice", "6")
    assert (facility, sd, guess) == ("66.7", "51.6", "33.3")
    assert "all-attempts.csv" in client.get(url(quiz, "quizzes:statistics_csv", query="?attempts=all"))[
        "Content-Disposition"]


def test_the_csv_export_neutralises_formulas_in_question_names(client, make, now):
    quiz = make.quiz(questions=1)
    question = quiz.fixed_questions.get().question
    question.name = "=HYPERLINK(\"http://example.com\")"
    question.save()
    finish(quiz, make.learner(password=None), now, (1,))
    client.force_login(quiz.owner)
    rows = list(csv.reader(io.StringIO(client.get(url(quiz, "quizzes:statistics_csv")).content.decode("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(\"http://example.com\")"


def test_the_csv_export_speaks_the_active_language(client, quiz):
    client.force_login(quiz.owner)
    response = client.get(url(quiz, "quizzes:statistics_csv", language="ar"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # The question text comes from the Arabic snapshot.
    assert rows[1][3] == "أين هُزم الفرنسيون عام 1862؟"


def test_the_report_runs_the_same_few_queries_for_5_or_40_attempts(client, make, now,
                                                                     django_assert_max_num_queries):
    quiz = make.quiz(questions=3)
    # No password: hashing forty of them would dominate the test.
    learners = [make.learner(password=None) for _ in range(40)]
    for learner in learners[:5]:
        finish(quiz, learner, now, (1, 0, 1))
    client.force_login(quiz.owner)
    names = ("quizzes:statistics", "quizzes:statistics_csv")
    counts = {}
    for name in names:
        with CaptureQueriesContext(connection) as few:
            assert client.get(url(quiz, name)).status_code == 200
        counts[name] = len(few.captured_queries)
    # Session, user, the teacher check, the quiz, the responses and the snapshots.
    assert max(counts.values()) <= 6
    for index, learner in enumerate(learners[5:]):
        finish(quiz, learner, now, (index % 2, index % 3 == 0, 1))
    for name in names:
        with django_assert_max_num_queries(counts[name]):
            response = client.get(url(quiz, name))
        assert response.status_code == 200
    assert client.get(url(quiz)).context["report"].summary.attempts == 40

def bulk_finished_attempts(quiz, count, now):
    """`count` finished first attempts written straight to the database (services are too slow for thousands)."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from quizzes.models import Attempt, AttemptQuestion, Question

    user_model = get_user_model()
    learners = user_model.objects.bulk_create(
        [user_model(username=f"bulk-{quiz.pk}-{n}", password="!") for n in range(count)])
    attempts = Attempt.objects.bulk_create([
        Attempt(quiz=quiz, learner=learner, number=1, state="finished", language="ar" if n % 3 else "en",
                started_at=now, finished_at=now, max_score=Decimal(3))
        for n, learner in enumerate(learners)])
    questions = [f.question for f in quiz.fixed_questions.all()]
    versions = Question.objects.versions([question.pk for question in questions])
    fixed = [(question, versions[question.pk]) for question in questions]
    AttemptQuestion.objects.bulk_create([
        AttemptQuestion(attempt=attempt, position=position, question=question, version=version,
                        response=version.definition["choices"][n % 2]["key"] if version.qtype != "multiple_response"
                        else [version.definition["choices"][n % 3]["key"]],
                        fraction=Decimal((n + position) % 2))
        for n, attempt in enumerate(attempts) for position, (question, version) in enumerate(fixed)])


def test_a_quiz_with_2000_attempts_runs_the_same_queries_as_one_with_5(client, make, now,
                                                                        django_assert_max_num_queries):
    quiz = make.quiz(questions=3)
    for rights in PATTERNS[:5]:
        finish(quiz, make.learner(password=None), now, rights)
    client.force_login(quiz.owner)
    with CaptureQueriesContext(connection) as few:
        client.get(url(quiz))
    bulk_finished_attempts(quiz, 2000, now)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(quiz))
    assert response.context["report"].summary.attempts == 2005
    assert all(item.count == 2005 for item in response.context["report"].items)
