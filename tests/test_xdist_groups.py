"""`--dist loadgroup` (pytest.ini) sends the tests of one `xdist_group` to one worker: the site walk's checks
(tests/browser) share one walk per worker, and the bench smoke tests run together."""

import pytest

pytestmark = pytest.mark.xdist_group("grouping-check")


def test_a_grouped_test_carries_its_group_to_the_scheduler(request):
    """The scheduler groups by the "@group" end of a test's node id (tests/conftest.py puts it there)."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by xdist with --dist loadgroup: nothing is grouped")
    assert request.node.nodeid.endswith("@grouping-check"), request.node.nodeid
