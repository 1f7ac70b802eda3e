"""config/request_slots.py: an ASGI process lets a few HTTP requests into Django at a time, in order of arrival."""

import asyncio

import pytest

from config.request_slots import RequestSlots


class Recorder:
    """An ASGI application that notes when each request enters and leaves, and waits for the test to let it go."""

    def __init__(self):
        self.inside, self.most, self.entered = 0, 0, []
        self.release: dict[str, asyncio.Event] = {}

    async def __call__(self, scope, receive, send):
        name = scope["path"]
        self.inside += 1
        self.most = max(self.most, self.inside)
        self.entered.append(name)
        try:
            await self.release.setdefault(name, asyncio.Event()).wait()
            if name == "/fails":
                raise RuntimeError("the view failed")
        finally:
            self.inside -= 1


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


def test_requests_beyond_the_slots_wait_and_enter_in_the_order_they_came():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 2)
        names = ["/a", "/b", "/c", "/d", "/e"]
        tasks = []
        for name in names:
            tasks.append(asyncio.create_task(slots({"type": "http", "path": name}, None, None)))
            await settle()
        assert inner.entered == ["/a", "/b"] and slots.waiting == 3
        for name in names:
            inner.release.setdefault(name, asyncio.Event()).set()
            await settle()
            assert inner.inside <= 2
        await asyncio.gather(*tasks)
        assert inner.entered == names and inner.most == 2 and slots.waiting == 0

    asyncio.run(scenario())


def test_a_failing_request_gives_its_slot_back():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        failing = asyncio.create_task(slots({"type": "http", "path": "/fails"}, None, None))
        await settle()
        waiting = asyncio.create_task(slots({"type": "http", "path": "/next"}, None, None))
        await settle()
        assert inner.entered == ["/fails"]
        inner.release["/fails"].set()
        with pytest.raises(RuntimeError):
            await failing
        await settle()
        assert inner.entered == ["/fails", "/next"]
        inner.release["/next"].set()
        await waiting

    asyncio.run(scenario())


def test_the_asgi_application_bounds_pages_and_leaves_websockets_alone():
    from config import asgi

    http = asgi.application.application_mapping["http"]
    assert isinstance(http, RequestSlots) and http.slots >= 1
    assert not isinstance(asgi.application.application_mapping["websocket"], RequestSlots)


def test_no_slots_is_refused():
    with pytest.raises(ValueError):
        RequestSlots(object(), 0)
