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

Here the requests take one of `slots` executors in turn, first come first served, and run inside asgiref's
`ThreadSensitiveContext(executor=...)`: Django's own context inside it then leaves the choice alone, so every
synchronous part of the request runs on its slot's one thread, which keeps its connection and its prepared SQL
for the next request. A request waiting for a slot waits in daphne's event loop, where it costs nothing.
WebSockets (the live game) are not counted: only the "http" scope passes through here. gunicorn's `--threads`
is the same idea for WSGI; no library does it for an ASGI server, so it is written here.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext


class RequestSlots:
    """An ASGI application that lets `slots` requests at a time into `application`, each on its slot's thread."""

    def __init__(self, application, slots: int) -> None:
        if slots < 1:
            raise ValueError("RequestSlots needs at least one slot")
        self.application = application
        self.slots = slots
        self.executors = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-slot-{number}")
                          for number in range(1, slots + 1)]
        self._loop = self._free = None
        self.waiting = 0  # requests queued for a slot now (for tests and the curious)

    def _free_slots(self) -> asyncio.Queue:
        """The free executors, for the loop that serves (a server has one; tests may run several in turn)."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._free = loop, asyncio.Queue()
            for executor in self.executors:
                self._free.put_nowait(executor)
        return self._free

    async def __call__(self, scope, receive, send) -> None:
        free = self._free_slots()
        self.waiting += 1
        try:
            executor = await free.get()  # waiters are served in the order they came
        finally:
            self.waiting -= 1
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.application(scope, receive, send)
        finally:
            free.put_nowait(executor)
