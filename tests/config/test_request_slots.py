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

    def let_go(self, name: str) -> None:
        """Let the request `name` finish (now, or as soon as it gets to its view)."""
        self.release.setdefault(name, asyncio.Event()).set()


def run(scenario):
    """`asyncio.run(scenario())` in a thread of its own: a browser test's Playwright may hold an event loop in
    this one (same xdist worker)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


async def quiet():
    """A client that stays: its receive() never returns."""
    await asyncio.Event().wait()


def http(path):
    return {"type": "http", "path": path}


def arrive(slots, path, receive=quiet):
    """A request for `path` arriving at `slots`, as a task."""
    return asyncio.create_task(slots(http(path), receive, None))


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
            tasks.append(arrive(slots, name))
            await settle()
        assert inner.entered == ["/a", "/b"] and slots.waiting == 3
        for name in names:
            inner.let_go(name)
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
            inner.let_go(name)
            await slots(http(name), quiet, None)
        return inner.threads

    threads = run(scenario)
    assert len(set(threads.values())) == 1


def test_a_failing_request_gives_its_slot_back():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        failing = arrive(slots, "/fails")
        await settle()
        waiting = arrive(slots, "/next")
        await settle()
        assert inner.entered == ["/fails"]
        inner.let_go("/fails")
        with pytest.raises(RuntimeError):
            await failing
        await settle()
        assert inner.entered == ["/fails", "/next"]
        inner.let_go("/next")
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


def test_a_request_whose_client_left_while_it_waited_never_runs_and_one_that_stays_gets_its_body():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        first = arrive(slots, "/first")
        await settle()
        messages = asyncio.Queue()
        await messages.put({"type": "http.request", "body": b"answer=1"})
        leaving = arrive(slots, "/reloaded", messages.get)
        await settle()
        await messages.put({"type": "http.disconnect"})
        await settle()
        assert leaving.done() and slots.gone == 1 and slots.waiting == 0
        got = []

        async def reads_its_body(scope, receive, send):
            got.append(await receive())

        slots.application = reads_its_body
        body = asyncio.Queue()
        await body.put({"type": "http.request", "body": b"answer=2"})
        staying = arrive(slots, "/stays", body.get)
        await settle()
        inner.let_go("/first")
        await asyncio.wait_for(asyncio.gather(first, staying), 5)
        return inner.entered, got

    entered, got = run(scenario)
    assert entered == ["/first"] and got == [{"type": "http.request", "body": b"answer=2"}]


def test_a_request_cancelled_while_it_waits_gives_up_its_place():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        first = arrive(slots, "/first")
        await settle()
        cancelled = arrive(slots, "/cancelled")
        last = arrive(slots, "/last")
        await settle()
        cancelled.cancel()
        await settle()
        assert slots.waiting == 1
        inner.let_go("/first")
        inner.let_go("/last")
        await asyncio.wait_for(asyncio.gather(first, last), 5)
        return inner.entered, slots.waiting

    assert run(scenario) == (["/first", "/last"], 0)


def test_a_freed_slot_goes_to_the_first_waiter_not_to_a_request_arriving_at_that_moment():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1)
        first = arrive(slots, "/first")
        await settle()
        waiter = arrive(slots, "/waiter")
        await settle()
        inner.let_go("/first")
        await asyncio.sleep(0)  # the first request ends ...
        await asyncio.sleep(0)
        newcomer = arrive(slots, "/newcomer")  # ... as another arrives
        await settle()
        for name in ("/waiter", "/newcomer"):
            inner.let_go(name)
        await asyncio.wait_for(asyncio.gather(first, waiter, newcomer), 5)
        return inner.entered

    assert run(scenario) == ["/first", "/waiter", "/newcomer"]


def test_static_files_and_other_scopes_take_no_slot():
    async def scenario():
        inner = Recorder()
        slots = RequestSlots(inner, 1, bypass=("/static/",))
        busy = arrive(slots, "/page")
        await settle()
        inner.let_go("/static/app.css")
        await asyncio.wait_for(slots(http("/static/app.css"), quiet, None), 5)
        inner.let_go("lifespan")
        await asyncio.wait_for(slots({"type": "lifespan", "path": "lifespan"}, quiet, None), 5)
        inner.let_go("/page")
        await busy
        return inner.entered

    assert run(scenario) == ["/page", "/static/app.css", "lifespan"]


def test_synchronous_code_that_calls_async_code_that_calls_synchronous_code_again_does_not_deadlock():
    from asgiref.sync import async_to_sync

    def inner_sync():
        return threading.current_thread().name

    async def inner_async():
        return await sync_to_async(inner_sync)()

    def outer_sync():
        return threading.current_thread().name, async_to_sync(inner_async)()

    async def application(scope, receive, send):
        application.names = await sync_to_async(outer_sync)()

    async def scenario():
        await asyncio.wait_for(RequestSlots(application, 1)(http("/"), quiet, None), 5)
        return application.names

    outer, inner = run(scenario)
    assert outer == inner and outer.startswith("request-slot-1")


def test_the_asgi_application_bounds_pages_and_leaves_static_files_and_websockets_alone():
    from config import asgi

    http_application = asgi.application.application_mapping["http"]
    assert isinstance(http_application, RequestSlots) and http_application.slots >= 1
    assert http_application.bypass == ("/static/",)
    assert not isinstance(asgi.application.application_mapping["websocket"], RequestSlots)


def test_no_slots_is_refused():
    with pytest.raises(ValueError):
        RequestSlots(object(), 0)
