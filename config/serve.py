"""`make run`: serve Tarikh the way a teacher runs it for a class, on a laptop or a school's small server.

The real server stack on the SQLite default: daphne (ASGI), one process serving the pages and the live game's
WebSockets (games/) with the in-memory channel layer, static files from whitenoise's compressed manifest,
`DEBUG` off. One process is what the in-memory layer needs (every phone and the projector must reach the same
layer); several workers need Redis (REDIS_URL) and are production's (docs/deploy.md). What production mode needs
and a classroom does not have is filled in here, never in the settings:

- a secret key, generated on the first run and kept in `.secret_key` (git-ignored, readable by its owner only),
  so sessions survive a restart;
- the hosts learners use: with `HOST=0.0.0.0` (or `::`), every address of this machine and its name, and the
  address to give learners is printed;
- plain HTTP (`PLAIN_HTTP=true`): a classroom network has no TLS certificate, so no redirect to https, no
  HSTS and no Secure-only cookies (which would make signing in impossible over http).

Anything already set in the environment wins (`SECRET_KEY`, `ALLOWED_HOSTS`, `PLAIN_HTTP`, `DEBUG`, ...).
`DEBUG=true make run` or `make dev` runs Django's auto-reloading development server instead.

Usage: python -m config.serve [HOST] [PORT]
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY_FILE = BASE_DIR / ".secret_key"
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ANY_ADDRESS = {"0.0.0.0", "::", "[::]"}


def secret_key(path: Path = SECRET_KEY_FILE) -> str:
    """Return the key kept in `path`, writing a new random one (owner-only) the first time."""
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key


def machine_addresses() -> list[str]:
    """This machine's addresses on its networks (not loopback), found without sending anything."""
    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            found.append(info[4][0])
    except OSError:
        pass
    for family, probe in ((socket.AF_INET, ("192.0.2.1", 9)), (socket.AF_INET6, ("2001:db8::1", 9))):
        # Connecting a UDP socket sends nothing; it only asks the kernel which address it would use.
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe_socket:
                probe_socket.connect(probe)
                found.append(probe_socket.getsockname()[0])
        except OSError:
            pass
    addresses = []
    for address in found:
        try:
            parsed = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            continue
        if parsed.is_loopback or parsed.is_link_local or parsed.is_unspecified:
            continue
        text = str(parsed) if parsed.version == 4 else f"[{parsed}]"
        if text not in addresses:
            addresses.append(text)
    return addresses


def allowed_hosts(host: str, addresses: list[str], hostname: str) -> list[str]:
    """The Host headers to accept: this machine by loopback, and, when serving every network, by its
    addresses and its name (with `.local`, as phones on the same Wi-Fi find it by mDNS)."""
    hosts = list(LOCAL_HOSTS)
    if host in ANY_ADDRESS:
        hosts += addresses
        if hostname:
            hosts += [hostname, f"{hostname}.local"]
    elif host not in hosts:
        hosts.append(host if ":" not in host or host.startswith("[") else f"[{host}]")
    return list(dict.fromkeys(hosts))


def urls(host: str, port: str, addresses: list[str]) -> tuple[str, list[str]]:
    """The address for this machine's own browser, and the ones to give learners."""
    if host in ANY_ADDRESS:
        return f"http://127.0.0.1:{port}/", [f"http://{address}:{port}/" for address in addresses]
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/", []


def environment(host: str, base: dict[str, str]) -> dict[str, str]:
    """The serving environment: what is set wins; the rest is filled for a classroom."""
    env = dict(base)
    env.setdefault("DEBUG", "false")
    env.setdefault("PLAIN_HTTP", "true")
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = secret_key()
    if not env.get("ALLOWED_HOSTS"):
        env["ALLOWED_HOSTS"] = ",".join(allowed_hosts(host, machine_addresses(), socket.gethostname()))
    return env


def daphne_command(host: str, port: str) -> list[str]:
    """daphne serving config.asgi (pages and WebSockets) on `host`; an IPv6 address without its brackets."""
    return [sys.executable, "-m", "daphne", "--bind", host.strip("[]"), "--port", str(port),
            "--http-timeout", "60", "--access-log", "-", "config.asgi:application"]


def main(argv: list[str]) -> int:
    host = argv[0] if argv else os.environ.get("HOST", "127.0.0.1")
    port = argv[1] if len(argv) > 1 else os.environ.get("PORT", "8000")
    env = environment(host, dict(os.environ))
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--no-input", "--verbosity", "0"], env=env, check=True, cwd=BASE_DIR)
    subprocess.run([*manage, "check", "--fail-level", "ERROR"], env=env, check=True, cwd=BASE_DIR,
                   stdout=subprocess.DEVNULL)
    own, shared = urls(host, port, machine_addresses() if host in ANY_ADDRESS else [])
    print(f"Tarikh is at {own}  (Arabic: {own}ar/, English: {own}en/; demo logins in README.md)")
    if shared:
        print("Learners on this network open: " + "  ".join(shared))
    elif host not in ANY_ADDRESS:
        print("Only this computer can reach it; for a class on this network: make run HOST=0.0.0.0")
    print("Stop with Ctrl+C.", flush=True)
    os.chdir(BASE_DIR)
    command = daphne_command(host, port)
    os.execvpe(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
