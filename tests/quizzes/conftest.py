import datetime

import pytest
from django.utils import timezone

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def learner_client(client, learner_user):
    client.force_login(learner_user)
    return client
