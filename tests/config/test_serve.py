"""`make run` serves a classroom: daphne (pages and WebSockets), DEBUG off, a kept secret key, the hosts learners use, plain HTTP."""

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from config import serve

ROOT = Path(__file__).resolve().parents[2]
# A group of its own: the scheduler then hands it out at the start, not last (these tests use no database, so
# pytest-django sorts them to the end, where the slowest one left a worker idle for a minute and a half).
pytestmark = pytest.mark.xdist_group("serve")


def test_the_secret_key_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / ".secret_key"
    first = serve.secret_key(path)
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert serve.secret_key(path) == first  # kept across runs: sessions survive a restart


def test_serving_every_network_accepts_this_machines_addresses_and_name():
    hosts = serve.allowed_hosts("0.0.0.0", ["192.168.1.23", "[fd00::5]"], "classroom-laptop")
    assert hosts[:3] == ["127.0.0.1", "localhost", "[::1]"]
    assert {"192.168.1.23", "[fd00::5]", "classroom-laptop", "classroom-laptop.local"} <= set(hosts)


def test_serving_one_address_accepts_only_it_and_loopback():
    assert serve.allowed_hosts("127.0.0.1", ["192.168.1.23"], "laptop") == ["127.0.0.1", "localhost", "[::1]"]
    assert serve.allowed_hosts("10.0.0.7", ["10.0.0.7"], "laptop")[-1] == "10.0.0.7"
    assert serve.allowed_hosts("fd00::5", [], "laptop")[-1] == "[fd00::5]"


def test_the_address_for_learners_is_printed_only_when_they_can_reach_it():
    own, shared = serve.urls("0.0.0.0", "8000", ["192.168.1.23", "[fd00::5]"])
    assert own == "http://127.0.0.1:8000/"
    assert shared == ["http://192.168.1.23:8000/", "http://[fd00::5]:8000/"]
    assert serve.urls("127.0.0.1", "8000", ["192.168.1.23"]) == ("http://127.0.0.1:8000/", [])


def test_machine_addresses_are_never_loopback_or_link_local():
    for address in serve.machine_addresses():
        assert not address.startswith(("127.", "[::1]", "[fe80", "169.254."))


def test_what_the_environment_sets_wins(monkeypatch, tmp_path):
    monkeypatch.setattr(serve, "SECRET_KEY_FILE", tmp_path / ".secret_key")
    env = serve.environment("0.0.0.0", {"SECRET_KEY": "given", "ALLOWED_HOSTS": "tarikh.school", "DEBUG": "true"})
    assert (env["SECRET_KEY"], env["ALLOWED_HOSTS"], env["DEBUG"], env["PLAIN_HTTP"]) == (
        "given", "tarikh.school", "true", "true")
    filled = serve.environment("127.0.0.1", {})
    assert filled["DEBUG"] == "false" and filled["SECRET_KEY"] and "localhost" in filled["ALLOWED_HOSTS"]


def test_daphne_serves_the_asgi_application_in_one_process_on_ipv4_and_ipv6():
    command = serve.daphne_command("::", "8000")
    assert command[-1] == "config.asgi:application"
    assert (command[command.index("--bind") + 1], command[command.index("--port") + 1]) == ("::", "8000")
    assert serve.daphne_command("[fd00::5]", "80")[command.index("--bind") + 1] == "fd00::5"
    assert "--workers" not in command  # the in-memory channel layer lives in this one process


def _websocket_handshake(port: int, path: str) -> bytes:
    """Open a WebSocket by hand and return the server's first bytes (its status line first)."""
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Origin: http://127.0.0.1:{port}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request.encode())
        return connection.recv(1024)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_make_run_serves_pages_and_websockets_with_daphne_over_plain_http(tmp_path):
    """The real thing: config.serve on a scratch SQLite database; a learner signs in over http, and the live
    game's WebSockets are routed on the same port: a host's socket without a session is refused by the game
    (403 at the handshake), where a WSGI server would answer Django's 404 page."""
    port = _free_port()
    database = tmp_path / "classroom.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
                                                         "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}}
    env.update(DATABASE_URL=f"sqlite:///{database}", STATIC_BUILD_DIR=str(tmp_path / "static"))
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "loaddemo"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen([sys.executable, "-m", "config.serve", "127.0.0.1", str(port)], cwd=ROOT,
                              env={**env, "SECRET_KEY": "test-" + "k" * 50}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/en/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/en/accounts/login/", timeout=10)
        assert page.status == 200 and "Strict-Transport-Security" not in page.headers
        token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        assert not any(cookie.secure for cookie in jar)  # a browser sends it back over http
        data = f"csrfmiddlewaretoken={token}&username=learner&password=tarikh-learner".encode()
        request = urllib.request.Request(f"{base}/en/accounts/login/", data=data, headers={"Referer": f"{base}/"})
        signed_in = opener.open(request, timeout=10)
        assert signed_in.status == 200 and "sessionid" in {cookie.name for cookie in jar}
        debug_page = urllib.request.Request(f"{base}/en/no-such-page/")
        with pytest.raises(urllib.error.HTTPError) as missing:
            opener.open(debug_page, timeout=10)
        assert b"URLconf" not in missing.value.read()  # DEBUG is off: no Django debug page
        assert _websocket_handshake(port, "/ws/en/host/1/").startswith(b"HTTP/1.1 403")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert f"Tarikh is at http://127.0.0.1:{port}/" in output
    assert "WSREJECT /ws/en/host/1/" in output  # daphne's access log: the socket reached the game
