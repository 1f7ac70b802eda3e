"""The bench's exam hall (bench/dataset.py `exam_hall`, bench/prepare.py --exam-hall): the burst's exam is a
scheduled exam of a class holding the burst's learners, so `manage.py prepare_attempts` draws their attempts
ahead, a learner's start passes every check a real learner's does (the class window included) and starts the
attempt drawn ahead; the other bursts' exams stay plain quizzes, drawn at each start."""

import argparse
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bench import dataset, prepare
from bench.run import exam_hall_problems
from classrooms.models import Assignment, Membership
from quizzes.models import Attempt, AttemptState, Quiz, Visibility
from quizzes.views import class_start_problem

pytestmark = pytest.mark.django_db


def start(user, quiz) -> Client:
    client = Client()
    client.force_login(user)
    return client.post(f"/en/quizzes/{quiz.pk}/")


@pytest.fixture
def hall():
    """A 5-question exam assigned to a class of three learners (a fourth stays outside); the assignment."""
    owner = dataset.teacher()
    bank = dataset.bank(owner=owner, size=60)
    quiz = dataset.exam(owner=owner, bank_obj=bank, questions=5)
    users = dataset.learners(count=4)
    return owner, quiz, users, dataset.exam_hall(owner=owner, quiz=quiz, learners=users[:3])


def test_the_exam_hall_is_a_class_of_its_learners_with_the_exam_assigned_to_open_later(hall):
    owner, quiz, users, assignment = hall
    assert assignment.classroom.teacher == owner and assignment.quiz == quiz
    members = Membership.objects.filter(classroom=assignment.classroom)
    assert set(members.values_list("learner__username", flat=True)) == {user.username for user in users[:3]}
    quiz.refresh_from_db()
    assert quiz.visibility == Visibility.CLASS_ONLY and quiz.is_published
    now = timezone.now()
    assert assignment.opens_at - now > dataset.EXAM_HALL_OPENS_IN * 0.9
    assert assignment.due_at > assignment.opens_at and assignment.closes_at >= assignment.due_at
    # Before the opening a member may not start it (the class's own check), and an outsider does not see it.
    assert class_start_problem(quiz=quiz, learner=users[0], now=now) is not None
    assert start(users[0], quiz).status_code == 409
    assert not Quiz.objects.available_to(users[3]).filter(pk=quiz.pk).exists()
    assert not Attempt.objects.filter(quiz=quiz).exists()


def test_prepare_attempts_draws_the_class_ahead_and_each_start_at_the_opening_uses_its_own(hall):
    _owner, quiz, users, assignment = hall
    out = io.StringIO()
    call_command("prepare_attempts", "--within", "90", "--language", "en", stdout=out)
    assert out.getvalue().strip() == "3 attempts drawn ahead of their opening."
    before = dataset.exam_hall_attempts(quiz.pk)
    assert before == {"states": {AttemptState.PREPARED: 3}, "total": 3}
    prepared = dict(Attempt.objects.filter(quiz=quiz).values_list("learner_id", "pk"))
    assert start(users[0], quiz).status_code == 409  # drawn ahead, still closed until the opening

    opened = dataset.exam_hall_open(assignment.pk)
    assert opened.opens_at <= timezone.now() < opened.due_at
    assert Assignment.objects.get(pk=assignment.pk).opens_at == opened.opens_at
    for user in users[:3]:
        response = start(user, quiz)
        assert response.status_code == 302 and response["Location"] == f"/en/attempts/{prepared[user.pk]}/"
    assert start(users[3], quiz).status_code == 404  # not in the class: the class-only quiz is not theirs
    after = dataset.exam_hall_attempts(quiz.pk)
    assert after == {"states": {AttemptState.IN_PROGRESS: 3}, "total": 3}
    assert exam_hall_problems({"learners": 3, "drawn": 3, "before": before, "after": after}) == []


def test_the_plan_puts_the_bursts_first_learners_in_the_hall_and_leaves_the_other_bursts_plain(tmp_path):
    options = argparse.Namespace(learners=6, loop_learners=2, bank_size=60, exam_questions=5, submit_rounds=1,
                                 exam_hall=4)
    plan = prepare.build(options, {})
    json.dumps(plan)  # the runner writes it as JSON
    hall = plan["exam_hall"]
    assignment = Assignment.objects.get(pk=hall["assignment"])
    assert hall["quiz"] == plan["exams"]["burst"] == assignment.quiz_id and hall["learners"] == 4
    assert hall["classroom"] == assignment.classroom_id and hall["opens_at"] == assignment.opens_at.isoformat()
    members = set(Membership.objects.filter(classroom_id=hall["classroom"]).values_list("learner__username",
                                                                                        flat=True))
    # The burst's users take the plan's learners in order: the hall holds exactly the first ones.
    assert members == {learner["username"] for learner in plan["learners"][:4]}
    for key in ("break", "haproxy"):
        other = Quiz.objects.get(pk=plan["exams"][key])
        assert other.visibility == Visibility.PUBLIC and not other.assignments.exists(), key


def test_without_an_exam_hall_the_bursts_exam_is_a_plain_published_quiz():
    without = prepare.build(argparse.Namespace(learners=2, bank_size=30, exam_questions=5, submit_rounds=1), {})
    assert "exam_hall" not in without
    assert Quiz.objects.get(pk=without["exams"]["burst"]).visibility == Visibility.PUBLIC


def test_the_exam_hall_command_moves_the_opening_and_counts_the_attempts(tmp_path, capsys):
    options = argparse.Namespace(learners=2, bank_size=30, exam_questions=5, submit_rounds=1, exam_hall=2)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(prepare.build(options, {})))
    hall = json.loads(path.read_text())["exam_hall"]
    prepare.main(["exam-hall", "attempts", "--plan", str(path)])
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == {"states": {}, "total": 0}
    prepare.main(["exam-hall", "open", "--plan", str(path)])
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["opens_at"] == Assignment.objects.get(pk=hall["assignment"]).opens_at.isoformat()
    assert printed["opens_at"] < hall["opens_at"]


def test_the_check_reports_every_way_a_start_missed_its_prepared_attempt():
    good = {"learners": 5, "drawn": 5, "before": {"states": {"prepared": 5}, "total": 5},
            "after": {"states": {"finished": 5}, "total": 5}}
    assert exam_hall_problems(good) == []
    assert exam_hall_problems({**good, "drawn": 3}) == [
        "prepare_attempts drew 3 attempts for the 5 learners of the class",
        "after prepare_attempts the exam held 5 attempts, 5 of them prepared, where 3 were drawn"]
    drawn_at_start = {**good, "after": {"states": {"finished": 7}, "total": 7}}
    assert exam_hall_problems(drawn_at_start) == [
        "attempts drawn at the start instead of ahead of the opening: 2"]
    left = {**good, "after": {"states": {"finished": 4, "prepared": 1}, "total": 5}}
    assert exam_hall_problems(left) == ["attempts drawn ahead but never started: 1"]


def test_the_profiled_bursts_hall_is_a_second_class_opening_later_out_of_reach_of_the_first_cron_run(tmp_path):
    options = argparse.Namespace(learners=5, loop_learners=2, bank_size=60, exam_questions=5, submit_rounds=1,
                                 exam_hall=4, profile_hall=2)
    plan = prepare.build(options, {})
    first, second = plan["exam_hall"], plan["profile_hall"]
    assert second["quiz"] == plan["exams"]["profile"] != first["quiz"] and second["learners"] == 2
    assert second["classroom"] != first["classroom"]
    members = set(Membership.objects.filter(classroom_id=second["classroom"]).values_list("learner__username",
                                                                                          flat=True))
    assert members == {learner["username"] for learner in plan["learners"][:2]}
    # The cron run before the measured burst draws the first exam only …
    call_command("prepare_attempts", "--within", "90", "--language", "en", stdout=io.StringIO())
    assert dataset.exam_hall_attempts(first["quiz"])["total"] == 4
    assert dataset.exam_hall_attempts(second["quiz"])["total"] == 0
    # … and, once the first has opened, the longer one before the profiled burst draws the second only.
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    prepare.main(["exam-hall", "open", "--plan", str(path)])
    call_command("prepare_attempts", "--within", "240", "--language", "en", stdout=io.StringIO())
    assert dataset.exam_hall_attempts(second["quiz"]) == {"states": {AttemptState.PREPARED: 2}, "total": 2}
    assert dataset.exam_hall_attempts(first["quiz"])["total"] == 4
    prepare.main(["exam-hall", "open", "--plan", str(path), "--hall", "profile_hall"])
    assert Assignment.objects.get(pk=second["assignment"]).opens_at <= timezone.now()
