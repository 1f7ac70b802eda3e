"""What the bench's servers share: a free port to listen on, and stopping a process politely, then firmly."""

import signal
import socket
import subprocess


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen | None, *, timeout: float) -> None:
    """SIGTERM, then SIGKILL after `timeout` seconds, if it is still running."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
