"""Browser tests: Playwright for Python driving Debian's chromium (installed by `make browser-deps`)."""

import os
from pathlib import Path

import pytest

from tests.browser import pages

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
SITE_WALK = pytest.StashKey[pages.Walk | BaseException]()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server and ORM calls in the test
    # are still synchronous, so Django's async-safety guard is lifted while browser tests run.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (make test does it).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site_walk(request, live_server, browser) -> pages.Walk:
    """The readings of `pages.walk()` over the demo site, taken once per test process for every test that asks.

    The first test to ask loads the demo and walks (live_server gives every test that asks a transactional
    database, emptied after it); the others read what that walk found and load nothing. A walk that failed
    fails each of them with its error. The modules that ask are in the xdist group "site-walk" (their
    `pytestmark`), so one worker runs them all and walks once.
    """
    found = request.config.stash.get(SITE_WALK, None)
    if found is None:
        request.getfixturevalue("demo")
        try:
            found = pages.walk(browser, live_server.url)
        except Exception as error:  # kept to fail the other tests with the same error, without walking again
            found = error
        request.config.stash[SITE_WALK] = found
    if isinstance(found, BaseException):
        raise found
    return found


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make_page(*, locale: str = "ar", phone: bool = False):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 800}
        context = browser.new_context(locale=locale, viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: page.console_errors.append(message.text) if message.type == "error" else None)
        return page

    yield make_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
