"""Prepared reads (quizzes/models/prepared.py): the attempt with its quiz and the attempt's slots, read with SQL
compiled once, give exactly what their QuerySets give, with the same single query."""

import threading
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.db.models import Count, Q
from django.db.models.sql.compiler import SQLCompiler
from django.utils import translation

from quizzes.models import Attempt, AttemptQuestion, AttemptState, QuestionVersion, Visibility
from quizzes.models.attempt import number_slots
from quizzes.models.prepared import PreparedRead
from quizzes.services import attempts as service

pytestmark = pytest.mark.django_db


def values(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


@pytest.fixture
def attempt(make, now):
    """A learner's attempt at a quiz of every type, with answers saved (JSON), a score (decimals) and dates."""
    quiz = make.quiz(questions=7, time_limit=timedelta(minutes=30), introduction_en="An exam", introduction_ar="امتحان")
    learner = make.learner()
    started = service.attempt_start(quiz=quiz, learner=learner, now=now, language="en")
    for slot in started.slots.all()[:4]:
        service.attempt_save_response(attempt=started, position=slot.position, now=now, language="en",
                                      raw=slot.question_type.correct_response(slot.definition))
    return started


def test_the_attempt_with_its_quiz_is_what_the_queryset_gives(attempt, django_assert_num_queries):
    expected = Attempt.objects.of(attempt.learner).select_related("quiz").get(pk=attempt.pk)
    with django_assert_num_queries(1):
        read = Attempt.of_learner_with_quiz(attempt.learner, attempt.pk)
        assert values(read) == values(expected) and values(read.quiz) == values(expected.quiz)
        assert read.quiz.title == expected.quiz.title and read.deadline == expected.deadline  # no query for either
    assert read._state.adding is False and read._state.db == "default"


def test_someone_elses_attempt_and_one_drawn_ahead_are_not_read(attempt, make):
    assert Attempt.of_learner_with_quiz(make.learner(), attempt.pk) is None
    assert Attempt.of_learner_with_quiz(attempt.learner, attempt.pk + 1000) is None
    Attempt.objects.filter(pk=attempt.pk).update(state=AttemptState.PREPARED)
    assert Attempt.of_learner_with_quiz(attempt.learner, attempt.pk) is None


def test_a_learners_attempts_at_a_quiz_are_what_the_queryset_gives_in_order_without_those_drawn_ahead(
        attempt, make, now, django_assert_num_queries):
    learner, quiz = attempt.learner, attempt.quiz
    service.attempt_submit(attempt=attempt, now=now)
    second = service.attempt_start(quiz=quiz, learner=learner, now=now, language="en")
    Attempt.objects.create(quiz=quiz, learner=learner, number=3, state=AttemptState.PREPARED, started_at=now)
    service.attempt_start(quiz=quiz, learner=make.learner(), now=now)  # someone else's
    expected = list(Attempt.objects.of(learner).filter(quiz=quiz).order_by("number"))
    assert [a.pk for a in expected] == [attempt.pk, second.pk]
    with django_assert_num_queries(1):
        read = Attempt.of_learner_at_quiz(learner, quiz.pk)
    assert [values(a) for a in read] == [values(a) for a in expected]
    assert Attempt.of_learner_at_quiz(learner, quiz.pk + 1000) == []


def test_the_slots_are_what_the_related_manager_gives_in_order_knowing_their_attempt(
        attempt, django_assert_num_queries):
    expected = list(attempt.slots.all())
    assert any(slot.response is not None for slot in expected) and any(slot.response is None for slot in expected)
    QuestionVersion.forget_cached()
    with django_assert_num_queries(2):  # the slots, then their versions into this process's cache
        slots = attempt.slot_list()
    assert [values(slot) for slot in slots] == [values(slot) for slot in expected]
    assert [slot.position for slot in slots] == sorted(slot.position for slot in slots)
    with django_assert_num_queries(0):
        assert all(slot.attempt is attempt for slot in slots)
        assert [slot.definition for slot in slots] == [slot.definition for slot in expected]
    with django_assert_num_queries(1):  # warm: the slots alone
        attempt.slot_list()


def test_the_sql_is_compiled_once_per_language_and_each_read_takes_its_own_arguments(attempt, make, now):
    other = service.attempt_start(quiz=make.quiz(questions=2), learner=attempt.learner, now=now, language="en")
    read = PreparedRead(lambda attempt_id: AttemptQuestion.objects.filter(attempt_id=attempt_id), attempt_id=int)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        with translation.override("en"):
            first = read.read(attempt_id=attempt.pk)
            second = read.read(attempt_id=other.pk)
            assert compiled.call_count == 2  # two sets of markers, once
        with translation.override("ar"):
            read.read(attempt_id=attempt.pk)
            read.read(attempt_id=other.pk)
        assert compiled.call_count == 4
    assert {slot.attempt_id for slot in first} == {attempt.pk} and len(first) == 7
    assert {slot.attempt_id for slot in second} == {other.pk} and len(second) == 2


def test_another_thread_compiles_for_its_own_connection(attempt):
    read = PreparedRead(lambda pk: Attempt.objects.filter(pk=pk), pk=int)
    read.read(pk=attempt.pk)
    compiled = {}

    def other_thread():
        try:
            read._compiled()
            compiled["entries"] = read._local.entries
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    mine, theirs = next(iter(read._local.entries.values())), next(iter(compiled["entries"].values()))
    assert mine.sql == theirs.sql and mine.compiler.connection is not theirs.compiler.connection


def test_an_argument_may_appear_several_times_and_moments_are_arguments_too(attempt, make, now):
    earlier = now - timedelta(hours=1)
    read = PreparedRead(lambda learner_id, since: Attempt.objects.filter(
        Q(learner_id=learner_id) | Q(quiz__owner_id=learner_id), started_at__gte=since), learner_id=int, since=datetime)
    assert [a.pk for a in read.read(learner_id=attempt.learner_id, since=earlier)] == [attempt.pk]
    assert read.read(learner_id=attempt.learner_id, since=now + timedelta(seconds=1)) == []
    assert read.read(learner_id=make.learner().pk, since=earlier) == []
    assert [a.pk for a in read.read(learner_id=attempt.quiz.owner_id, since=earlier)] == [attempt.pk]


def test_annotations_come_with_the_instances(attempt):
    read = PreparedRead(lambda pk: Attempt.objects.filter(pk=pk).annotate(
        answered=Count("slots", filter=Q(slots__response__isnull=False))), pk=int)
    assert read.read(pk=attempt.pk)[0].answered == 4


def test_a_shape_that_does_not_take_its_arguments_as_given_is_refused():
    never = PreparedRead(lambda pk: Attempt.objects.all(), pk=int)
    with pytest.raises(ValueError, match="pk does not reach the compiled query"):
        never.read(pk=1)
    derived = PreparedRead(lambda pk: Attempt.objects.filter(pk=pk + 1), pk=int)
    with pytest.raises(ValueError, match="pk does not reach the compiled query"):
        derived.read(pk=1)
    mixed = PreparedRead(lambda pk: Attempt.objects.filter(pk=pk, number=pk + 1), pk=int)
    with pytest.raises(ValueError, match="parameters made from its arguments"):
        mixed.read(pk=1)
    shaped = PreparedRead(lambda pk: Attempt.objects.filter(pk=pk) if pk % 2 else Attempt.objects.none(), pk=int)
    with pytest.raises(ValueError):
        shaped.read(pk=1)


def test_arguments_are_named_integers_and_aware_moments(now):
    read = PreparedRead(lambda pk, at: Attempt.objects.filter(pk=pk, started_at__lte=at), pk=int, at=datetime)
    with pytest.raises(TypeError, match="expected the arguments"):
        read.read(id=1, at=now)
    with pytest.raises(TypeError, match="must be an integer"):
        read.read(pk="1", at=now)
    with pytest.raises(TypeError, match="must be an integer"):
        read.read(pk=True, at=now)
    with pytest.raises(TypeError, match="aware datetime"):
        read.read(pk=1, at=now.replace(tzinfo=None))
    with pytest.raises(TypeError, match="an int or a datetime"):
        PreparedRead(lambda name: Attempt.objects.filter(language=name), name=str)


def test_slots_without_their_versions_know_their_types_and_read_the_versions_once_when_asked(
        attempt, django_assert_num_queries):
    expected = {slot.position: slot.version.qtype for slot in attempt.slots.select_related("version")}
    QuestionVersion.forget_cached()
    with django_assert_num_queries(1):
        slots = number_slots(attempt.slot_list(versions=False))
        assert {slot.position: slot.question_type.name for slot in slots} == expected
        states = [slot.state for slot in slots]  # answered or not is the type's rule: no version needed
        numbers = [slot.number for slot in slots]
    assert numbers[0] == 1 and len(states) == 7
    with django_assert_num_queries(1):  # the first definition asked for reads every missing one of the list
        definitions = [slot.definition for slot in slots]
    assert [definition.qtype for definition in definitions] == [slot.question_type.name for slot in slots]


def version_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if 'FROM "quizzes_questionversion"' in query["sql"]]


def open_now(attempt):
    """The attempt, started at the fixed test moment, with no deadline, so that today's pages accept it."""
    Attempt.objects.filter(pk=attempt.pk).update(deadline=None)


def test_the_attempt_page_with_its_questions_cached_reads_no_version(attempt, client):
    open_now(attempt)
    client.force_login(attempt.learner)
    url = attempt.get_absolute_url()
    assert client.get(url).status_code == 200  # renders every question into the cache
    QuestionVersion.forget_cached()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert version_queries(captured.captured_queries) == []
    QuestionVersion.forget_cached()
    cache.clear()  # nothing rendered: the versions are read, in one query
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(version_queries(captured.captured_queries)) == 1


def test_an_answer_save_reads_the_version_of_its_question_alone(attempt, client):
    open_now(attempt)
    client.force_login(attempt.learner)
    slots = list(attempt.slots.all())
    slot = slots[5]  # not answered yet
    qtype = slot.question_type
    data = qtype.form_data(qtype.correct_response(slot.definition), f"q{slot.position}")
    QuestionVersion.forget_cached()
    response = client.post(reverse("quizzes:answer", kwargs={"pk": attempt.pk, "position": slot.position}), data,
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "save-ok" in response.content.decode()
    assert QuestionVersion.held(slot.version_id) is not None
    assert [other.position for other in slots
            if other.version_id != slot.version_id and QuestionVersion.held(other.version_id)] == []


def test_a_class_members_start_reads_the_open_assignments_once(make, client):
    """The start asks whether an assignment is open (is_open_for) and when the last one closes (the deadline's
    closing_for) for the same learner and moment: one read serves both."""
    from django.utils import timezone

    from classrooms import services as classrooms

    teacher = make.teacher()
    quiz = make.quiz(questions=2, owner=teacher, visibility=Visibility.CLASS_ONLY)
    classroom = classrooms.classroom_create(teacher=teacher, name="Class")
    learner = make.learner()
    now = timezone.now()
    classrooms.classroom_join(learner=learner, code=classroom.join_code, now=now)
    classrooms.assignment_create(classroom=classroom, quiz=quiz, teacher=teacher, opens_at=now - timedelta(hours=1),
                                 due_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=2))
    client.force_login(learner)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("quizzes:quiz", kwargs={"pk": quiz.pk}))
    assert response.status_code == 302
    open_reads = [query["sql"] for query in captured.captured_queries
                  if query["sql"].startswith('SELECT "classrooms_assignment"."id", "classrooms_assignment"."closes_at"')]
    assert len(open_reads) == 1
    # ...and the deadline still comes from it: answers stop counting when the assignment closes.
    assert Attempt.objects.get(quiz=quiz, learner=learner).deadline == now + timedelta(hours=2)
