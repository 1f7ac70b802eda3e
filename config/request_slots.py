"""At most N HTTP requests inside Django at once in an ASGI process, each slot on a thread that lives on.

Django's ASGI handler runs each request's synchronous views and middleware on a new thread of its own
(`asgiref.sync.ThreadSensitiveContext`), however many requests arrive. Under daphne (`make run`) that cost
three ways (bench/FINDINGS.md, "The eleventh session"):

- sixty learners pressing Start together were sixty threads taking turns at one interpreter lock and, on
  SQLite, at one write lock, whose busy handler sleeps between tries (up to 100 ms at a time): 75% of the views'
  samples waited in `BEGIN IMMEDIATE`, and every start finished late, together (p95 4.5–6.2 s);
- every request opened its own database connection (a thread's connection dies with it), so SQLite read the
  bank's pages into a cold cache each time;
- what is kept per thread (the SQL of `quizzes.models.prepared.PreparedRead`) was compiled again each time.

Here the requests take one of `slots` executors in turn, strictly in the order they came (a freed slot is
handed to the first waiter, never to a request that arrives meanwhile), and run inside asgiref's
`ThreadSensitiveContext(executor=...)`: Django's own context inside it then leaves the choice alone, so every
synchronous part of the request runs on its slot's one thread, which keeps its connection and its prepared SQL
for the next request. A request waiting for a slot waits in the event loop, where it costs nothing, and reads
its messages meanwhile: one whose client has gone (`http.disconnect`: a reload, a second click, daphne's
timeout) leaves without running its view. Static files (`bypass`: whitenoise serves them from memory) and
WebSockets (the live game: only the "http" scope passes through here) take no slot. gunicorn's `--threads` is
the same idea for WSGI; no library does it for an ASGI server, so it is written here.
"""

from __future__ import annotations

import asyncio
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext


class RequestSlots:
    """An ASGI application that lets `slots` requests at a time into `application`, each on its slot's thread;
    paths starting with one of `bypass` go straight in."""

    def __init__(self, application, slots: int, *, bypass: tuple[str, ...] = ()) -> None:
        if slots < 1:
            raise ValueError("RequestSlots needs at least one slot")
        self.application = application
        self.slots = slots
        self.bypass = tuple(prefix for prefix in bypass if prefix)
        self.executors = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-slot-{number}")
                          for number in range(1, slots + 1)]
        self._loop = None
        self._free: list[ThreadPoolExecutor] = []
        self._waiters: deque[asyncio.Future] = deque()
        self.gone = 0  # requests whose client left while they waited (never run)

    @property
    def waiting(self) -> int:
        """Requests queued for a slot now."""
        return sum(1 for waiter in self._waiters if not waiter.done())

    def _for_this_loop(self) -> asyncio.AbstractEventLoop:
        """The slots' state, for the loop that serves (a server has one; tests may run several in turn)."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._free, self._waiters = loop, list(reversed(self.executors)), deque()
        return loop

    def _release(self, executor: ThreadPoolExecutor) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(executor)
                return
        self._free.append(executor)

    def _give_up(self, waiter: asyncio.Future) -> None:
        """Leave the queue: a slot already handed to `waiter` goes on to the next one."""
        if waiter.done() and not waiter.cancelled():
            self._release(waiter.result())
        else:
            waiter.cancel()

    async def _acquire(self, receive, buffered: list) -> ThreadPoolExecutor | None:
        """A slot's executor, or None when the client left first; the messages read meanwhile go to `buffered`."""
        loop = self._for_this_loop()
        if self._free and not self.waiting:
            return self._free.pop()
        waiter = loop.create_future()
        self._waiters.append(waiter)
        reading = None
        try:
            while True:
                if reading is None:
                    reading = asyncio.ensure_future(receive())
                await asyncio.wait({waiter, reading}, return_when=asyncio.FIRST_COMPLETED)
                if reading.done():
                    message = reading.result()
                    reading = None
                    buffered.append(message)
                    if message.get("type") == "http.disconnect":
                        self.gone += 1
                        self._give_up(waiter)
                        return None
                if waiter.done():
                    return waiter.result()
        except BaseException:
            self._give_up(waiter)
            raise
        finally:
            if reading is not None:
                reading.cancel()  # asyncio.Queue.get, daphne's receive, loses nothing when cancelled

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") != "http" or scope.get("path", "").startswith(self.bypass):
            await self.application(scope, receive, send)
            return
        buffered: list = []
        executor = await self._acquire(receive, buffered)
        if executor is None:
            return

        async def replayed():
            return buffered.pop(0) if buffered else await receive()

        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.application(scope, replayed, send)
        finally:
            self._release(executor)
