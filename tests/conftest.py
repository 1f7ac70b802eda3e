import io

import pytest
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever an earlier test activated."""
    translation.activate("ar")
    yield
    translation.deactivate()


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
