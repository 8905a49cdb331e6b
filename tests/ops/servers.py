"""Serving the app as production does, from the tests: gunicorn or waitress in a process (group) of its own on a
free port of 127.0.0.1, stopped gently or killed with SIGKILL."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET = "ops-test-secret-key-0123456789abcdef"


@dataclass
class Server:
    process: subprocess.Popen
    host: str
    port: int
    scheme: str
    log: Path
    cafile: Path | None = None

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connection(server: Server, timeout: float = 120) -> http.client.HTTPConnection:
    if server.scheme == "https":
        context = ssl.create_default_context(cafile=str(server.cafile))
        context.check_hostname = False  # the certificate names localhost and the LAN addresses
        return http.client.HTTPSConnection(server.host, server.port, timeout=timeout, context=context)
    return http.client.HTTPConnection(server.host, server.port, timeout=timeout)


def get(server: Server, path: str) -> tuple[int, dict, str]:
    """GET `path`; (status, headers, body text)."""
    conn = connection(server, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


def start_server(kind: str, database_url: str, log: Path, *, app: str = "wsgi:app", extra: list[str] | None = None,
                 scheme: str = "http", cafile: Path | None = None, env: dict | None = None,
                 timeout: float = 60) -> Server:
    """Start `kind` ("gunicorn": one worker of 8 threads, as `make run`; "waitress": waitress-serve, as on
    Windows) serving `app` on `database_url`, in a new session (its own process group); wait until /login answers.

    Raises:
        RuntimeError: the server exited or did not answer within `timeout` seconds (its log attached).
    """
    port = _free_port()
    if kind == "gunicorn":
        command = [str(BIN / "gunicorn"), "--workers", "1", "--worker-class", "gthread", "--threads", "8",
                   "--bind", f"127.0.0.1:{port}", *(extra or []), app]
    else:
        command = [str(BIN / "waitress-serve"), f"--listen=127.0.0.1:{port}", *(extra or []), app]
    environment = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET,
                   "BACKUP_FOLDER": str(log.parent / "backups"), **(env or {})}  # never the repository's instance/
    with log.open("w") as output:  # the child keeps its own descriptor
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(process, "127.0.0.1", port, scheme, log, cafile)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{kind} exited: {log.read_text()}")
        try:
            if get(server, "/login")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    kill_server(server)
    raise RuntimeError(f"{kind} did not start: {log.read_text()}")


def stop_server(server: Server) -> None:
    """Stop gently (SIGTERM to the process group), then kill if it lingers."""
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.process.wait(15)
    except subprocess.TimeoutExpired:
        kill_server(server)


def kill_server(server: Server) -> None:
    """SIGKILL to the server's whole process group (gunicorn's master and its worker): no cleanup runs."""
    try:
        os.killpg(server.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.process.wait(15)


TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


class Browser:
    """A signed-in user of a served app: its session cookie and CSRF token."""

    cookie: str | None = None

    def __init__(self, server: Server, username: str, password: str):
        self.server = server
        _status, _headers, page = self.request("GET", "/login")
        self.token = TOKEN.search(page).group(1)
        status, _headers, _page = self.post_form("/login", {"username": username, "password": password})
        assert status == 302, f"login of {username} failed: {status}"
        status, _headers, page = self.request("GET", "/")
        self.token = TOKEN.search(page).group(1)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 300) -> tuple[int, dict, str]:
        conn = connection(self.server, timeout=timeout)
        try:
            conn.request(method, path, body=body,
                         headers={**(headers or {}), **({"Cookie": self.cookie} if self.cookie else {})})
            response = conn.getresponse()
            text = response.read().decode()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie" and value.startswith("session="):
                    self.cookie = value.split(";", 1)[0]
            return response.status, dict(response.getheaders()), text
        finally:
            conn.close()

    def post_form(self, path: str, form: dict, timeout: float = 300) -> tuple[int, dict, str]:
        body = urlencode({**form, "csrf_token": self.token}, doseq=True).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}, timeout)
