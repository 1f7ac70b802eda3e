import io
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from tests import factories


def pytest_configure(config):
    """Test settings: a fast password hash (PBKDF2's deliberate slowness protects real accounts; here it only
    slowed every fixture that creates a user) and each test process's own memory cache, never a Redis
    that REDIS_URL may name in the developer's shell (tests empty the cache)."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "OPTIONS": {"MAX_ENTRIES": 20_000}}}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Give `--dist loadgroup` its groups back: pytest-xdist 3.8 marks a test's group by appending "@group" to
    `item._nodeid`, which pytest 9.2 no longer reads (node ids are structured, `item._id`), so every
    `xdist_group` was silently ignored (pytest-dev/pytest-xdist#1386). The same suffix, on the structured id;
    tests/test_xdist_groups.py fails when grouping is lost again (remove this when xdist fixes it).
    """
    if not getattr(config.option, "loadgroup", False):  # set in xdist's workers under --dist loadgroup
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = {str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                 for mark in item.iter_markers("xdist_group")}
        suffix = "@" + "_".join(sorted(names))
        if names and not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever an earlier test activated."""
    translation.activate("ar")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back rows give their ids to the next test's rows."""
    from quizzes.models import QuestionVersion

    cache.clear()
    QuestionVersion.forget_cached()
    yield


# Moodle's own test files (shared/corpus beside the repository: ../shared from here); TARIKH_CORPUS names
# another place. A clone without it still passes: tests/fixtures holds our own files of the same constructs.
CORPUS = Path(os.environ.get("TARIKH_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus")


@pytest.fixture(scope="session")
def moodle_corpus() -> Path:
    """The directory of the Moodle corpus's files; a test that asks for it is skipped when it is absent."""
    path = CORPUS / "moodle"
    if not path.is_dir():
        pytest.skip(f"the Moodle corpus is not at {path} (it lies beside the repository as ../shared/corpus, "
                    "or where TARIKH_CORPUS says); tests/fixtures covers the same constructs")
    return path


@pytest.fixture
def make():
    """The test-data builders in tests/factories.py."""
    return factories


@pytest.fixture
def teacher_user(db):
    return factories.teacher(username="teacher1")


@pytest.fixture
def learner_user(db):
    return factories.learner(username="learner1")


@pytest.fixture
def demo(db):
    """The demo content and accounts, as `make run` loads them."""
    from django.core.management import call_command

    call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Remove what an interrupted run left beside the SQLite test database (its WAL files).

    A new test database next to an old -wal file fails with "disk I/O error".
    """
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if database["ENGINE"].endswith("sqlite3") and name:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
