"""At most N HTTP requests inside Django at once in an ASGI process; the rest wait their turn, in order.

Django's ASGI handler runs each request's synchronous views and middleware on a thread of its own
(`asgiref.sync.ThreadSensitiveContext`), however many arrive: sixty learners pressing Start together are sixty
threads taking turns at one interpreter lock and, on SQLite, at one write lock, whose busy handler sleeps
between tries (up to 100 ms at a time). Every request then finishes late together, and a 60-learner burst on
`make run` waited 4.5–6 s to start (bench/FINDINGS.md, "The eleventh session"). Handing the requests to Django
a few at a time, first come first served, turns that into a short queue in daphne's event loop, where a waiting
request costs nothing. WebSockets (the live game) are not counted: only the "http" scope passes through here.

No library bounds this for daphne (gunicorn's `--threads` is the same idea for WSGI), so it is written here:
an `asyncio.Semaphore` around the application, made for the loop that serves it (a server has one; tests
may run several one after another).
"""

from __future__ import annotations

import asyncio


class RequestSlots:
    """An ASGI application that lets `slots` requests at a time into `application`."""

    def __init__(self, application, slots: int) -> None:
        if slots < 1:
            raise ValueError("RequestSlots needs at least one slot")
        self.application = application
        self.slots = slots
        self._loop = self._semaphore = None
        self.waiting = 0  # requests queued for a slot now (for tests and the curious)

    async def __call__(self, scope, receive, send) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._semaphore = loop, asyncio.Semaphore(self.slots)
        self.waiting += 1
        try:
            await self._semaphore.acquire()
        finally:
            self.waiting -= 1
        try:
            await self.application(scope, receive, send)
        finally:
            self._semaphore.release()
