"""With a read replica configured, report pages read from it and everything else uses the primary.

The replica in these tests is a second connection to the test database (what TEST MIRROR gives), added to
`connections` for one class of tests before pytest-django validates the test's `databases`. The page tests are
transactional: a mirror is a separate connection, so it sees only committed rows, as a real replica does.
"""

import copy
import datetime
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from classrooms import services as classroom_services
from classrooms.models import Assignment
from config.db_routers import REPLICA_DB_ALIAS, ReportsRouter, reports_database
from games import services as game_services
from quizzes.models import Quiz
from tests.classrooms.conftest import NOW, join, take
from tests.games.conftest import _choice_quiz

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.timedelta(days=1)
ROUTER = "config.db_routers.ReportsRouter"
MIDDLEWARE = "config.middleware.ReportDatabaseMiddleware"
BOTH = [DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS]
router = ReportsRouter()


@pytest.fixture
def routed(settings):
    """The router and the middleware installed, as REPLICA_DATABASE_URL installs them."""
    settings.DATABASE_ROUTERS = [ROUTER]
    auth = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[: auth + 1], MIDDLEWARE, *settings.MIDDLEWARE[auth + 1:]]


@pytest.fixture(scope="class")
def replica_alias(django_db_setup):
    """A `replica` alias: a second connection to the test database, marked as its TEST MIRROR."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA_DB_ALIAS] = {**copy.deepcopy(primary),
                                              "TEST": {**primary["TEST"], "MIRROR": DEFAULT_DB_ALIAS}}
    yield
    connections[REPLICA_DB_ALIAS].close()
    del connections[REPLICA_DB_ALIAS]
    del connections.settings[REPLICA_DB_ALIAS]


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def report_data(make):
    """A teacher's class with one assignment taken by two learners, and a game they hosted."""
    teacher = make.teacher()
    classroom = classroom_services.classroom_create(teacher=teacher, name="Class 9B")
    quiz = make.quiz(questions=3, owner=teacher)
    Assignment.objects.create(classroom=classroom, quiz=quiz, opens_at=NOW - DAY, due_at=NOW + DAY)
    for right in (3, 1):
        learner = make.learner()
        join(classroom, learner)
        take(quiz, learner, NOW, right=right)
    game = game_services.game_host(quiz=_choice_quiz(teacher), host=teacher, now=NOW, seed=1)
    game_services.game_join(game=game, now=NOW, nickname="Badr")
    return {"teacher": teacher, "classroom": classroom, "quiz": quiz, "game": game}


def report_urls(data) -> dict[str, str]:
    quiz, classroom, game = data["quiz"].pk, data["classroom"].pk, data["game"].pk
    return {
        "quizzes:statistics": en("quizzes:statistics", pk=quiz),
        "quizzes:statistics_csv": en("quizzes:statistics_csv", pk=quiz),
        "classrooms:gradebook": en("classrooms:gradebook", pk=classroom),
        "classrooms:export_csv": en("classrooms:export_csv", pk=classroom),
        "classrooms:export_xlsx": en("classrooms:export_xlsx", pk=classroom),
        "games:report": en("games:report", pk=game, fmt="csv"),
    }


def get_counting(client, url: str):
    """GET `url`; return the response and the SQL each database ran for it."""
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary, \
            CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as replica:
        response = client.get(url)
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


def named_urls(patterns, namespace=""):
    """(name with its namespaces, the route as written) of every named URL below `patterns`."""
    for entry in patterns:
        if hasattr(entry, "url_patterns"):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", str(entry.pattern)


def test_every_report_and_export_url_reads_from_the_replica(settings):
    """A new export (a .csv or .xlsx route, a report, statistics) fails here until REPORT_URL_NAMES has it.

    The admin's question-bank export is left out on purpose: it is authoring, where a teacher exports what
    they edited a moment ago, and it reads one bank, not many learners' attempts.
    """
    from django.urls import get_resolver

    words = ("csv", "xlsx", "export", "report", "statistics", "gradebook")
    found = {name for name, route in named_urls(get_resolver().url_patterns)
             if not name.startswith("admin:") and any(word in route or word in name for word in words)}
    assert found == set(settings.REPORT_URL_NAMES)


def test_without_a_replica_reads_in_a_report_stay_on_the_primary():
    assert REPLICA_DB_ALIAS not in connections.settings
    with reports_database():
        assert router.db_for_read(Quiz) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Quiz) == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_without_a_replica_a_report_page_answers_from_the_primary(client, make, routed):
    """Router and middleware installed, no alias: a read sent to `replica` would raise ConnectionDoesNotExist."""
    data = report_data(make)
    client.force_login(data["teacher"])
    for name, url in report_urls(data).items():
        assert client.get(url).status_code == 200, name


def run_settings(**env: str) -> tuple[int, str]:
    """Import config.settings in a fresh process; return its exit code and what it printed about databases."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REPLICA_DATABASE_URL"}}
    environment.update(env)
    code = ("from config import settings as s; "
            "print(sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []), "
            f"{MIDDLEWARE!r} in s.MIDDLEWARE, s.DATABASES.get('replica', {{}}).get('TEST'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=60)
    return result.returncode, (result.stdout + result.stderr).strip()


def test_replica_database_url_adds_the_alias_the_router_and_the_middleware_and_nothing_without_it():
    assert run_settings() == (0, "['default'] [] False None")
    assert run_settings(REPLICA_DATABASE_URL="postgres://reports@10.0.0.2:5432/tarikh") == (
        0, f"['default', 'replica'] [{ROUTER!r}] True {{'MIRROR': 'default'}}")


def test_a_malformed_replica_url_is_a_one_line_error():
    code, output = run_settings(REPLICA_DATABASE_URL="mongodb://10.0.0.2/tarikh")
    assert code != 0
    assert len(output.splitlines()) == 1 and "Traceback" not in output
    assert output.startswith("Tarikh configuration error: REPLICA_DATABASE_URL is not a database URL")


@pytest.mark.usefixtures("replica_alias")
class TestWithAReplica:
    def test_outside_a_report_every_read_and_write_uses_the_primary(self):
        assert router.db_for_read(Quiz) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Quiz) == DEFAULT_DB_ALIAS

    def test_in_a_report_reads_use_the_replica_and_writes_the_primary(self):
        with reports_database():
            assert router.db_for_read(Quiz) == REPLICA_DB_ALIAS
            with reports_database():  # nested, as a service called by a report would
                assert router.db_for_read(Quiz) == REPLICA_DB_ALIAS
        assert router.db_for_read(Quiz) == DEFAULT_DB_ALIAS

    def test_after_a_write_a_report_reads_its_own_writes_from_the_primary(self):
        with reports_database():
            assert router.db_for_write(Quiz) == DEFAULT_DB_ALIAS
            assert router.db_for_read(Quiz) == DEFAULT_DB_ALIAS
        with reports_database():  # a new block starts afresh
            assert router.db_for_read(Quiz) == REPLICA_DB_ALIAS

    def test_sessions_are_always_read_from_the_primary(self):
        from django.contrib.sessions.models import Session

        with reports_database():
            assert router.db_for_read(Session) == DEFAULT_DB_ALIAS

    def test_migrations_run_on_the_primary_only_and_rows_of_both_may_relate(self):
        assert router.allow_migrate(REPLICA_DB_ALIAS, "quizzes") is False
        assert router.allow_migrate(DEFAULT_DB_ALIAS, "quizzes") is None  # Django's default: allowed
        primary, copy_of_it = Quiz(), Quiz()
        primary._state.db, copy_of_it._state.db = DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS
        assert router.allow_relation(primary, copy_of_it) is True
        elsewhere = Quiz()
        elsewhere._state.db = "archive"
        assert router.allow_relation(primary, elsewhere) is None

    @pytest.mark.django_db(transaction=True, databases=BOTH)
    def test_inside_a_transaction_a_report_reads_the_primary(self, routed, make):
        quiz = make.quiz(questions=1)
        with reports_database():
            assert Quiz.objects.get(pk=quiz.pk)._state.db == REPLICA_DB_ALIAS
            with transaction.atomic():
                assert router.db_for_read(Quiz) == DEFAULT_DB_ALIAS
                assert Quiz.objects.get(pk=quiz.pk)._state.db == DEFAULT_DB_ALIAS

    @pytest.mark.django_db(transaction=True, databases=BOTH)
    def test_a_row_read_from_the_replica_is_saved_to_the_primary(self, routed, make):
        quiz = make.quiz(questions=1)
        with reports_database():
            read = Quiz.objects.get(pk=quiz.pk)
            assert read._state.db == REPLICA_DB_ALIAS
            read.title_en = "Renamed"
            with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as replica:
                read.save(update_fields=["title_en"])
            assert not replica.captured_queries
            assert read._state.db == DEFAULT_DB_ALIAS
            assert router.db_for_read(Quiz) == DEFAULT_DB_ALIAS  # it wrote: its reads stay on the primary
        assert Quiz.objects.using(DEFAULT_DB_ALIAS).get(pk=quiz.pk).title_en == "Renamed"

    @pytest.mark.django_db(transaction=True, databases=BOTH)
    def test_every_report_page_reads_its_data_from_the_replica(self, client, make, routed, settings):
        data = report_data(make)
        client.force_login(data["teacher"])
        urls = report_urls(data)
        assert set(urls) == set(settings.REPORT_URL_NAMES)
        for name, url in urls.items():
            response, primary, replica = get_counting(client, url)
            assert response.status_code == 200, name
            assert replica, name
            # The session and the user come from the primary; the report's data from the replica only.
            assert not any("django_session" in sql for sql in replica), name
            data_tables = ("quizzes_attempt", "classrooms_", "games_")
            assert not any(table in sql for sql in primary for table in data_tables), (name, primary)
            assert any(table in sql for sql in replica for table in data_tables), name

    @pytest.mark.django_db(transaction=True, databases=BOTH)
    def test_the_statistics_page_shows_what_the_replica_holds(self, client, make, routed):
        """A title changed on the replica's connection alone (uncommitted, so the primary's connection never
        sees it) is the title the page shows; once it is rolled back, the page shows the primary's again."""
        data = report_data(make)
        client.force_login(data["teacher"])
        url = en("quizzes:statistics", pk=data["quiz"].pk)
        with transaction.atomic(using=REPLICA_DB_ALIAS):
            Quiz.objects.using(REPLICA_DB_ALIAS).filter(pk=data["quiz"].pk).update(title_en="Seen on the replica")
            html = client.get(url).content.decode()
            on_primary = Quiz.objects.using(DEFAULT_DB_ALIAS).get(pk=data["quiz"].pk).title_en
            transaction.set_rollback(True, using=REPLICA_DB_ALIAS)
        assert "Seen on the replica" in html
        assert on_primary == "Quiz"
        assert "Seen on the replica" not in client.get(url).content.decode()

    @pytest.mark.django_db(transaction=True, databases=BOTH)
    def test_other_pages_and_every_write_use_the_primary(self, client, make, routed):
        data = report_data(make)
        client.force_login(data["teacher"])
        for url in (en("quizzes:quiz", pk=data["quiz"].pk), en("classrooms:detail", pk=data["classroom"].pk),
                    en("classrooms:teaching")):
            response, primary, replica = get_counting(client, url)
            assert response.status_code == 200, url
            assert primary and not replica, url
        with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as replica:
            response = client.post(en("classrooms:renew_code", pk=data["classroom"].pk))
        assert response.status_code == 302 and not replica.captured_queries

    @pytest.mark.django_db(transaction=True, databases=BOTH)
    def test_under_asgi_the_report_reads_from_the_replica_too(self, make, routed):
        """Daphne serves pages through Django's async handler, which runs sync middleware in other threads."""
        data = report_data(make)
        client = AsyncClient()
        client.force_login(data["teacher"])
        url = en("quizzes:statistics", pk=data["quiz"].pk)

        def fetch():
            # In a thread of its own: a browser test's Playwright may hold an event loop in this one (same
            # xdist worker), where async_to_sync refuses to start. The sync parts run in that thread too, so
            # the replica's queries are captured there.
            try:
                with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as replica:
                    return async_to_sync(client.get)(url), replica.captured_queries
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=1) as pool:
            response, queries = pool.submit(fetch).result()
        assert response.status_code == 200
        assert any("quizzes_attempt" in q["sql"] for q in queries)
