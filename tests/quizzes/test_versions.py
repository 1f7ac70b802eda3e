"""Question versions: shared by attempts, made on first use after an edit, cached per process, migrated."""

import csv
import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt, AttemptQuestion, Question, QuestionVersion
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


def edit(question: Question, text_en: str) -> None:
    question.text_en = text_en
    question.save()


def test_learners_who_draw_the_same_question_share_one_version(make, now):
    quiz = make.quiz(questions=3)
    first = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    second = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    assert QuestionVersion.objects.count() == 3
    assert ({slot.version_id for slot in first.slots.all()} == {slot.version_id for slot in second.slots.all()})
    assert set(QuestionVersion.objects.values_list("number", flat=True)) == {1}


def test_an_edit_makes_the_next_version_and_leaves_earlier_attempts_as_they_were(make, now):
    quiz = make.quiz(questions=1)
    first = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    question = first.slots.get().question
    edit(question, "<p>Edited once.</p>")
    edit(question, "<p>Edited twice.</p>")  # two edits between attempts: one new version, not two
    second = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    assert list(question.versions.values_list("number", flat=True)) == [1, 2]
    assert Attempt.objects.get(pk=first.pk).slots.get().definition.text["en"] != "<p>Edited twice.</p>"
    assert second.slots.get().definition.text["en"] == "<p>Edited twice.</p>"
    assert second.slots.get().version.number == 2


def test_editing_a_question_no_attempt_asked_makes_no_version(make, now):
    quiz = make.quiz(questions=1)
    question = quiz.fixed_questions.get().question
    edit(question, "<p>Before anyone saw it.</p>")
    assert not question.versions.exists()
    service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    assert question.versions.get().number == 1


def test_the_same_content_twice_is_one_version_and_generated_questions_have_none_of_their_own(make):
    question = make.question()
    data = Question.objects.snapshots([question.pk])[question.pk]
    once, = QuestionVersion.objects.of([(question.pk, data)])
    again, = QuestionVersion.objects.of([(question.pk, dict(data))])
    assert once.pk == again.pk and once.number == 1
    generated, = QuestionVersion.objects.of([(None, {**data, "name": "generated"})])
    assert generated.question_id is None and generated.number == 0


def test_a_slot_reads_its_version_from_the_process_cache(make, now):
    quiz = make.quiz(questions=7)
    attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
    QuestionVersion.forget_cached()
    with CaptureQueriesContext(connection) as cold:
        texts = [slot.definition.text for slot in Attempt.objects.get(pk=attempt.pk).slots.all()]
    with CaptureQueriesContext(connection) as warm:
        again = [slot.definition.text for slot in Attempt.objects.get(pk=attempt.pk).slots.all()]
    assert texts == again and len(texts) == 7
    assert len(cold.captured_queries) == 3  # the attempt, its slots, their versions (one query for all seven)
    assert len(warm.captured_queries) == 2  # the versions come from the cache
    assert not any("quizzes_questionversion" in query["sql"] for query in warm.captured_queries)


def test_a_deleted_question_keeps_its_versions_and_its_attempts(make, now, client):
    quiz = make.quiz(questions=1)
    learner = make.learner()
    attempt = service.attempt_start(quiz=quiz, learner=learner, now=now)
    version = attempt.slots.get().version
    quiz.fixed_questions.all().delete()
    attempt.slots.get().question.delete()
    version.refresh_from_db()
    assert version.question_id is None
    assert Attempt.objects.get(pk=attempt.pk).slots.get().definition.text == version.definition["text"]


def answered_attempts(make, quiz, now, count):
    attempts = []
    for _n in range(count):
        attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        slot = attempt.slots.get()
        service.attempt_save_response(attempt=attempt, position=0,
                                      raw=slot.question_type.correct_response(slot.definition), now=now)
        attempts.append(service.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), now=now))
    return attempts


def test_item_statistics_read_per_question_or_per_version(make, now, client):
    quiz = make.quiz(questions=1)
    answered_attempts(make, quiz, now, 2)
    question = quiz.fixed_questions.get().question
    edit(question, "<p>Where were the French defeated on 5 May 1862?</p>")
    answered_attempts(make, quiz, now, 3)
    client.force_login(quiz.owner)
    with translation.override("en"):
        per_question = client.get(reverse("quizzes:statistics", args=[quiz.pk])).context["report"]
        per_version = client.get(reverse("quizzes:statistics", args=[quiz.pk]) + "?by=version")
        rows = list(csv.reader(io.StringIO(client.get(
            reverse("quizzes:statistics_csv", args=[quiz.pk]) + "?by=version").content.decode("utf-8-sig"))))
    assert [(item.count, item.version) for item in per_question.items] == [(5, None)]
    assert "5 May" in per_question.items[0].texts["en"]  # per question: its latest version's text
    items = per_version.context["report"].items
    assert sorted((item.version, item.count, item.question_id) for item in items) == [
        (1, 2, question.pk), (2, 3, question.pk)]
    assert "version 2" in per_version.content.decode()
    assert rows[0][:3] == ["Number", "Question id", "Version"]
    assert sorted((row[2], row[6]) for row in rows[1:]) == [("1", "2"), ("2", "3")]


def test_the_admin_shows_a_questions_versions_and_the_quizzes_that_asked_them(make, now, client):
    quiz = make.quiz(questions=1)
    question = quiz.fixed_questions.get().question
    client.force_login(quiz.owner)
    with translation.override("en"):
        url = reverse("admin:quizzes_question_change", args=[question.pk])
        assert "No attempt has asked this question yet" in client.get(url).content.decode()
        service.attempt_start(quiz=quiz, learner=make.learner(), now=now)
        edit(question, "<p>Edited after the first attempt.</p>")
        page = client.get(url).content.decode()
        quiz_url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    assert "Edited since version 1: the next attempt makes version 2." in page
    assert quiz_url in page


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_every_slots_copy_into_shared_numbered_versions(make, now):
    """Slots written before versions (each with its own JSON copy) end up pointing at versions: one per
    question and content, numbered in the order attempts first used them; and back again."""
    executor = MigrationExecutor(connection)
    before, after = [("quizzes", "0009_attempt_prepared")], [("quizzes", "0010_question_versions")]
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        Slot, OldAttempt, Quiz = (old.get_model("quizzes", name) for name in ("AttemptQuestion", "Attempt", "Quiz"))
        question = make.question()
        owner = question.bank.owner
        quiz = Quiz.objects.create(owner_id=owner.pk, title_ar="اختبار", title_en="Quiz")
        texts = ["<p>first</p>", "<p>first</p>", "<p>second</p>"]
        for number, text in enumerate(texts, start=1):
            attempt = OldAttempt.objects.create(quiz=quiz, learner_id=make.learner().pk, number=1, started_at=now)
            Slot.objects.create(attempt=attempt, position=0, question_id=question.pk,
                                snapshot={"qtype": "single_choice", "name": "", "text": {"en": text}})
        generated = OldAttempt.objects.create(quiz=quiz, learner_id=make.learner().pk, number=1, started_at=now)
        Slot.objects.create(attempt=generated, position=0, question_id=None,
                            snapshot={"qtype": "true_false", "text": {"en": "<p>made from an event</p>"}})
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        slots = list(AttemptQuestion.objects.select_related("version").order_by("pk"))
        assert [(slot.version.number, slot.version.definition["text"]["en"]) for slot in slots] == [
            (1, "<p>first</p>"), (1, "<p>first</p>"), (2, "<p>second</p>"), (0, "<p>made from an event</p>")]
        assert slots[0].version_id == slots[1].version_id
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        assert [slot.snapshot["text"]["en"] for slot in old.get_model("quizzes", "AttemptQuestion")
                .objects.order_by("pk")] == [*texts, "<p>made from an event</p>"]
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
