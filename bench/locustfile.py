"""Locust users of the benchmark: learners taking an exam, and the loops that measure one endpoint each.

bench/run.py starts `locust --headless` with one user class per phase; tests/bench/test_smoke.py runs a few
of each against a live server. The users read the plan that bench/prepare.py wrote (BENCH_PLAN): who the
learners are, their signed-in session keys, their pre-made attempts. Every request is also kept, exactly
(locust's own percentiles are rounded), and written to BENCH_SAMPLES when locust quits.

Environment:
    BENCH_PLAN        the plan (JSON), required
    BENCH_SAMPLES     where to write every request's timing (JSON); none when unset
    BENCH_THINK       a learner's pause between two actions, "min-max" seconds (default "1-3")
    BENCH_TLS_PROXY   "1": requests carry X-Forwarded-Proto: https, as from the TLS proxy in front of gunicorn
                      in production (the secure session and CSRF cookies then work as they do there)
    BENCH_QUIT_AFTER  quit once this many one-shot users (exam takers, log-ins, submitters) are done
    BENCH_SUBMIT_ROUNDS  which of a learner's pre-made attempts SubmitLoop submits, "first:last" (default all)
    BENCH_EXAM        which of the plan's exams ExamLearner takes ("burst", "profile", "break", "haproxy";
                      default "burst")
    BENCH_BREAK_P95_MS   stop the run where it breaks: at the first error, or once the p95 of the requests that
                      finished in the last BENCH_BREAK_WINDOW_S seconds (default 5) is over this; the samples
                      file then says when, at how many users, and why (`broke`)

Behind HAProxy (bench/haproxy.py) every response names the node that served it (X-Tarikh-Node, set by HAProxy):
the samples file keeps each learner's sequence of nodes, and the answer saves acknowledged (`saved`), which the
runner compares with the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from http.cookiejar import Cookie, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # locust puts only bench/ on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.criteria import break_reason  # noqa: E402

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
BEHIND_TLS_PROXY = os.environ.get("BENCH_TLS_PROXY") == "1"
THINK = tuple(float(part) for part in os.environ.get("BENCH_THINK", "1-3").split("-", 1))
QUIT_AFTER = int(os.environ.get("BENCH_QUIT_AFTER", "0"))
EXAM = os.environ.get("BENCH_EXAM", "burst")
BREAK_P95_MS = float(os.environ.get("BENCH_BREAK_P95_MS", "0"))
BREAK_WINDOW_S = float(os.environ.get("BENCH_BREAK_WINDOW_S", "5"))
NODE_HEADER = "X-Tarikh-Node"
PREFIX = "/en"

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT_URL = re.compile(rf"^{PREFIX}/attempts/(\d+)/$")


# --- what every request took ----------------------------------------------------------------------
class Recorder:
    """Every request's name, start, duration and outcome, and the moments the test spawned and stopped."""

    def __init__(self) -> None:
        self.samples: list[tuple[str, float, float, bool]] = []
        self.failures: Counter[str] = Counter()
        self.spawned_at: float | None = None
        self.stopped_at: float | None = None
        self.first_exhausted_at: float | None = None
        self.started_at: float | None = None
        self.done = 0
        self.nodes: dict[str, list[str]] = {}  # learner → the node of each response, in order
        self.saved: list[str] = []  # the answer-save URLs acknowledged (200 and "save-ok")
        self.broke: dict | None = None


RECORD = Recorder()


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, start_time=None, **_kwargs):
    started = start_time if start_time is not None else time.time() - response_time / 1000
    RECORD.samples.append((name, started, response_time, exception is not None))
    if exception is not None:
        RECORD.failures[f"{name}: {exception}"[:300]] += 1


@events.test_start.add_listener
def _started(environment, **_kwargs):
    RECORD.started_at = time.time()
    if BREAK_P95_MS:
        import gevent

        gevent.spawn(_watch_for_the_break, environment)


def _watch_for_the_break(environment) -> None:
    import gevent

    while RECORD.broke is None:
        gevent.sleep(1)
        now = time.time()
        failures = sum(RECORD.failures.values())
        reason = break_reason(RECORD.samples, failures, now, limit_ms=BREAK_P95_MS, window_s=BREAK_WINDOW_S)
        if reason == "error":
            reason = "first error: " + next(iter(RECORD.failures))
        if reason:
            runner = environment.runner
            RECORD.broke = {"at": now, "after_s": now - (RECORD.started_at or now), "users": runner.user_count,
                            "reason": reason, "requests": len(RECORD.samples)}
            runner.quit()


@events.spawning_complete.add_listener
def _spawned(user_count, **_kwargs):
    RECORD.spawned_at = time.time()


@events.test_stop.add_listener
def _stopped(**_kwargs):
    RECORD.stopped_at = RECORD.stopped_at or time.time()


@events.quitting.add_listener
def _write(**_kwargs):
    RECORD.stopped_at = RECORD.stopped_at or time.time()
    target = os.environ.get("BENCH_SAMPLES")
    if target:
        Path(target).write_text(json.dumps({
            "spawned_at": RECORD.spawned_at, "stopped_at": RECORD.stopped_at, "one_shot_done": RECORD.done,
            "first_exhausted_at": RECORD.first_exhausted_at, "started_at": RECORD.started_at,
            "samples": RECORD.samples, "failures": dict(RECORD.failures), "nodes": RECORD.nodes,
            "saved": RECORD.saved, "broke": RECORD.broke,
        }))


# --- reading pages like a browser -----------------------------------------------------------------
class QuestionForms(HTMLParser):
    """The answer forms of an attempt page: for each, its action and its fields, as a browser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and "question-form" in (attributes.get("class") or ""):
            self.forms.append({"action": attributes.get("hx-post") or attributes["action"], "radio": {}, "checkbox": {},
                               "hidden": {}, "text": {}, "number": {}, "select": {}})
        if not self.forms or "disabled" in attributes:
            return
        form = self.forms[-1]
        if tag == "input":
            kind, name, value = attributes.get("type", "text"), attributes.get("name"), attributes.get("value") or ""
            if not name:
                return
            if kind in ("radio", "checkbox", "hidden"):
                form[kind].setdefault(name, []).append(value)
            elif attributes.get("inputmode") == "decimal":
                form["number"][name] = value
            else:
                form["text"][name] = value
        elif tag == "select":
            self._select = form["select"].setdefault(attributes["name"], [])
        elif tag == "option" and self._select is not None and attributes.get("value"):
            self._select.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def answer(form: dict, rng: random.Random) -> dict[str, str | list[str]]:
    """Fill one question form the way a learner might: a choice, a ticked few, a word, a year, an order."""
    data: dict[str, str | list[str]] = {}
    for name, values in form["hidden"].items():
        data[name] = rng.sample(values, len(values)) if len(values) > 1 else values[0]
    for name, values in form["radio"].items():
        data[name] = rng.choice(values)
    for name, values in form["checkbox"].items():
        data[name] = rng.sample(values, rng.randint(1, len(values)))
    for name in form["text"]:
        data[name] = rng.choice(["Puebla", "كيريتارو", "Vienna", "city of Mexico"])
    for name in form["number"]:
        data[name] = str(rng.randint(1800, 1920))
    for name, values in form["select"].items():
        data[name] = rng.choice(values)
    return data


# --- users ----------------------------------------------------------------------------------------
class BrowserBehindTlsProxy(DefaultCookiePolicy):
    """The browser speaks https to the proxy, so it sends the Secure cookies (session, CSRF) that Django sets."""

    def return_ok_secure(self, cookie, request):
        return True


_learner_numbers: dict[str, itertools.count] = {}


class Learner(FastHttpUser):
    """A learner of the plan (each user of a class takes the next one), signed in or not."""

    abstract = True
    signed_in = True
    needs_attempts = False  # the closed loops read pre-made attempts, which only the first loop_learners have
    network_timeout = 30.0
    connection_timeout = 30.0
    default_headers = {"X-Forwarded-Proto": "https"} if BEHIND_TLS_PROXY else None

    def __init__(self, environment) -> None:
        super().__init__(environment)
        counter = _learner_numbers.setdefault(type(self).__name__, itertools.count())
        pool = PLAN.get("loop_learners") if self.needs_attempts else None
        self.learner = PLAN["learners"][next(counter) % (pool or len(PLAN["learners"]))]
        self.rng = random.Random()
        parts = urlsplit(self.host)
        self.origin = f"{'https' if BEHIND_TLS_PROXY else parts.scheme}://{parts.netloc}"
        if BEHIND_TLS_PROXY:
            self.client.cookiejar.set_policy(BrowserBehindTlsProxy())
        if self.signed_in:
            self.set_cookie("sessionid", self.learner["session"])

    def set_cookie(self, name: str, value: str) -> None:
        host = urlsplit(self.host).hostname
        domain = host if "." in host else f"{host}.local"  # as http.cookiejar names a dotless host
        self.client.cookiejar.set_cookie(Cookie(
            0, name, value, None, False, domain, False, False, "/", True, False, None, True, None, None, {}))

    def own_csrf_token(self) -> str:
        """Set a CSRF cookie of our own and return its token, as a page would have given one (no page load)."""
        token = "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))
        self.set_cookie("csrftoken", token)
        return token

    def think(self) -> None:
        if THINK[1] > 0:
            time.sleep(self.rng.uniform(*THINK))

    def get(self, path: str, name: str):
        """GET a page; a redirect is an error here (to the login page, most likely), so it is not followed."""
        return self.noted(self.client.get(path, name=name, catch_response=True, allow_redirects=False))

    def noted(self, response):
        """Keep the node that served `response` (behind HAProxy), in this learner's order."""
        headers = getattr(response, "headers", None)
        node = headers.get(NODE_HEADER) if headers else None
        if node:
            RECORD.nodes.setdefault(self.learner["username"], []).append(node)
        return response

    def post(self, path: str, name: str, data: dict | None = None, **kwargs):
        """POST a form as a browser does: fields repeated for lists, and the Origin that Django's CSRF check wants."""
        headers = {"Origin": self.origin, "Referer": f"{self.origin}{path}",
                   "Content-Type": "application/x-www-form-urlencoded", **kwargs.pop("headers", {})}
        return self.noted(self.client.post(path, data=urlencode(data or {}, doseq=True), name=name,
                                           headers=headers, catch_response=True, **kwargs))

    def finish(self) -> None:
        """A one-shot user is done: count it, quit locust after the last one, stop this user."""
        RECORD.done += 1
        if QUIT_AFTER and RECORD.done >= QUIT_AFTER:
            self.environment.runner.quit()
        raise StopUser()


class Abort(Exception):
    """A step failed (already recorded as a failure); the learner stops there."""


def expect(response, status: int, *, contains: str | None = None, location: re.Pattern | None = None):
    """Mark `response` failed unless it has `status` (and the text or redirect expected); return a match."""
    found = None
    if not response.status_code:
        response.failure(f"no response: {getattr(response, 'error', None)!r}")
    elif response.status_code != status:
        response.failure(f"HTTP {response.status_code}, expected {status}")
    elif contains is not None and contains not in response.text:
        response.failure(f"the page lacks {contains!r}")
    elif location is not None:
        found = location.match(urlsplit(response.headers.get("Location", "")).path)
        if found is None:
            response.failure(f"redirected to {response.headers.get('Location')!r}")
    return found


def csrf_token(text: str) -> str:
    match = CSRF_FIELD.search(text)
    if match is None:
        raise Abort()
    return match.group(1)


class ExamLearner(Learner):
    """The exam-start burst: open the quiz, start it, open the attempt, autosave every answer, submit, review."""

    def on_start(self) -> None:
        self.quiz_url = f"{PREFIX}/quizzes/{PLAN.get('exams', {}).get(EXAM, PLAN['exam_quiz'])}/"

    @task
    def take_the_exam(self) -> None:
        try:
            self.exam()
        except Abort:
            pass
        self.finish()

    def exam(self) -> None:
        with self.get(self.quiz_url, "quiz page") as response:
            expect(response, 200, contains="csrfmiddlewaretoken")
            token = csrf_token(response.text)
        self.think()
        with self.post(self.quiz_url, "start", {"csrfmiddlewaretoken": token}, allow_redirects=False) as response:
            started = expect(response, 302, location=ATTEMPT_URL)
        if started is None:
            raise Abort()
        attempt_url = f"{PREFIX}/attempts/{started.group(1)}/"
        with self.get(attempt_url, "attempt page") as response:
            expect(response, 200, contains="question-form")
            page = QuestionForms()
            page.feed(response.text)
        if len(page.forms) != PLAN["exam_questions"]:
            raise Abort()
        htmx = {"HX-Request": "true", "HX-Current-URL": f"{self.origin}{attempt_url}",
                "X-CSRFToken": csrf_token(response.text)}
        for form in page.forms:
            self.think()
            with self.post(form["action"], "answer save", answer(form, self.rng), headers=htmx) as saved:
                expect(saved, 200, contains="save-ok")
                if saved.status_code == 200 and "save-ok" in saved.text:
                    RECORD.saved.append(form["action"])
        self.think()
        submit_url = f"{attempt_url}submit/"
        with self.get(submit_url, "submit page") as response:
            expect(response, 200, contains="csrfmiddlewaretoken")
            token = csrf_token(response.text)
        with self.post(submit_url, "submit", {"csrfmiddlewaretoken": token}, allow_redirects=False) as response:
            reviewed = expect(response, 302, location=re.compile(rf"^{PREFIX}/attempts/\d+/review/$"))
        if reviewed is not None:
            with self.get(f"{attempt_url}review/", "review page") as response:
                expect(response, 200, contains="review")


class LogIn(Learner):
    """Log-in, measured on its own: the login page, then the password check (slow on purpose)."""

    signed_in = False

    @task
    def log_in(self) -> None:
        with self.get(f"{PREFIX}/accounts/login/", "login page") as response:
            expect(response, 200, contains="csrfmiddlewaretoken")
        try:
            token = csrf_token(response.text)
        except Abort:
            self.finish()
        data = {"csrfmiddlewaretoken": token, "username": self.learner["username"], "password": PLAN["password"]}
        with self.post(f"{PREFIX}/accounts/login/", "log in", data, allow_redirects=False) as response:
            expect(response, 302)
        self.finish()


class BareDjango(FastHttpUser):
    """Django's own ceiling on this machine: no session, no user, no query (config/baseline.py `bare`)."""

    wait_time = constant(0)

    @task
    def bare(self) -> None:
        with self.client.get("/bench/bare/", name="bare Django", catch_response=True) as response:
            if response.status_code != 200 or response.text != "ok":
                response.failure(f"HTTP {response.status_code}")


class Baseline(Learner):
    """The signed-in baseline page, as fast as it comes (closed loop, no pause)."""

    wait_time = constant(0)

    @task
    def baseline(self) -> None:
        with self.get(f"{PREFIX}/bench/baseline/", "baseline") as response:
            expect(response, 200, contains="X-CSRFToken")


class AttemptPageLoop(Learner):
    """The attempt page (20 questions on one page) of the learner's pre-made attempt, over and over."""

    needs_attempts = True

    wait_time = constant(0)

    @task
    def attempt_page(self) -> None:
        url = f"{PREFIX}/attempts/{self.learner['page_attempt']}/"
        with self.get(url, "attempt page") as response:
            expect(response, 200, contains="question-form")


class OneQuestionPageLoop(Learner):
    """The attempt page of a one-question-per-page quiz (the default setting), question after question."""

    needs_attempts = True

    wait_time = constant(0)

    def on_start(self) -> None:
        self.pages = itertools.cycle(range(PLAN["exam_questions"]))

    @task
    def attempt_page(self) -> None:
        url = f"{PREFIX}/attempts/{self.learner['one_per_page_attempt']}/?page={next(self.pages)}"
        with self.get(url, "attempt page (1 question)") as response:
            expect(response, 200, contains="question-form")


class AnswerSaveLoop(Learner):
    """The autosave endpoint, one question after another of the learner's pre-made attempt, over and over."""

    needs_attempts = True

    wait_time = constant(0)

    def on_start(self) -> None:
        self.headers = {"HX-Request": "true", "X-CSRFToken": self.own_csrf_token()}
        # Each round through the questions changes every answer (right, then wrong, then right...): an
        # unchanged answer writes nothing, and this phase measures saving.
        count = len(self.learner["forms"])
        self.steps = itertools.cycle([(position, forms) for forms in ("other_forms", "forms")
                                      for position in range(count)])

    @task
    def save(self) -> None:
        position, forms = next(self.steps)
        url = f"{PREFIX}/attempts/{self.learner['page_attempt']}/questions/{position}/"
        with self.post(url, "answer save", self.learner[forms][position], headers=self.headers) as response:
            expect(response, 200, contains="save-ok")


class SubmitLoop(Learner):
    """Submit each of the learner's pre-made, answered attempts (grading 20 questions each), one after another."""

    needs_attempts = True

    def on_start(self) -> None:
        self.token = self.own_csrf_token()

    @task
    def submit_all(self) -> None:
        # Everyone starts together: the first users, spawned into an idle server, would otherwise be done
        # before the last ones arrive, and the closed loop would never run at full concurrency.
        while RECORD.spawned_at is None:
            time.sleep(0.05)
        first, _colon, last = os.environ.get("BENCH_SUBMIT_ROUNDS", ":").partition(":")
        for attempt in self.learner["submit_attempts"][int(first or 0):int(last) if last else None]:
            url = f"{PREFIX}/attempts/{attempt}/submit/"
            with self.post(url, "submit", {"csrfmiddlewaretoken": self.token}, allow_redirects=False) as response:
                expect(response, 302, location=re.compile(rf"^{PREFIX}/attempts/{attempt}/review/$"))
        # From now on fewer users submit: the throughput window closes here.
        RECORD.first_exhausted_at = RECORD.first_exhausted_at or time.time()
        self.finish()
