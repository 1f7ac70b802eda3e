"""config/request_slots.py: an ASGI process lets a few HTTP requests into Django at a time, in order of arrival,
each slot's synchronous work on one thread that lives on (so its database connection does too)."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import ThreadSensitiveContext, sync_to_async

from config.request_slots import RequestSlots


class Recorder:
    """An ASGI application that notes when each request enters and leaves, and on which thread its synchronous
    work runs (inside a context of its own, as Django's handler opens one), and waits for the test to let it go."""

    def __init__(self):
        self.inside, self.most, self.entered, self.threads = 0, 0, [], {}
        self.release: dict[str, asyncio.Event] = {}

    async def __call__(self, scope, receive, send):
        name = scope["path"]
        self.inside += 1
        self.most = max(self.most, self.inside)
        self.entered.append(name)
        try:
            async with ThreadSensitiveContext():
                self.threads[name] = await sync_to_async(lambda: threading.current_thread().name)()
            await self.release.setdefault(name, asyncio.Event()).wait()
            if name == "/fails":
                raise RuntimeError("the view failed")
        finally:
            self.inside -= 1


def run(scenario):
    """`asyncio.run(scenario())` in a thread of its own: a browser test's Playwright may hold an event loop in
    this one (same xdist worker)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


async def settle():
    for _ in range(20):
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
        return inner.threads

    threads = run(scenario)
    # Two threads, the slots', served all five.
    assert len(set(threads.values())) == 2 and all(name.startswith("request-slot-") for name in threads.values())


def test_a_slot_keeps_its_thread_from_one_request_to_the_next():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        for name in ["/first", "/second", "/third"]:
            inner.release[name] = asyncio.Event()
            inner.release[name].set()
            await slots({"type": "http", "path": name}, None, None)
        return inner.threads

    threads = run(scenario)
    assert len(set(threads.values())) == 1


def test_a_failing_request_gives_its_slot_back():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        failing = asyncio.create_task(slots({"type": "http", "path": "/fails"}, None, None))
        await settle()
        waiting = asyncio.create_task(slots({"type": "http", "path": "/next"}, None, None))
        await settle()
        assert inner.entered == ["/fails"]
        inner.release.setdefault("/fails", asyncio.Event()).set()
        with pytest.raises(RuntimeError):
            await failing
        await settle()
        assert inner.entered == ["/fails", "/next"]
        inner.release.setdefault("/next", asyncio.Event()).set()
        await waiting

    run(scenario)


def test_djangos_handler_runs_each_request_on_its_slots_thread():
    from asgiref.testing import ApplicationCommunicator
    from django.core.handlers.asgi import ASGIHandler
    from django.core.signals import request_started

    seen = []

    def note(**_kwargs):
        seen.append(threading.current_thread().name)

    async def get(application, path):
        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [],
                 "server": ("testserver", 80), "scheme": "http", "asgi": {"version": "3.0"}, "http_version": "1.1"}
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(5)
        await communicator.receive_output(5)
        await communicator.wait(5)
        return start["status"]

    async def scenario():
        application = RequestSlots(ASGIHandler(), 1)
        return [await get(application, "/favicon.ico") for _ in range(3)]

    request_started.connect(note)
    try:
        statuses = run(scenario)
    finally:
        request_started.disconnect(note)
    assert statuses == [301, 301, 301]
    assert len(seen) == 3 and len(set(seen)) == 1 and seen[0].startswith("request-slot-1")


def test_the_asgi_application_bounds_pages_and_leaves_websockets_alone():
    from config import asgi

    http = asgi.application.application_mapping["http"]
    assert isinstance(http, RequestSlots) and http.slots >= 1
    assert not isinstance(asgi.application.application_mapping["websocket"], RequestSlots)


def test_no_slots_is_refused():
    with pytest.raises(ValueError):
        RequestSlots(object(), 0)
