"""The package runs where POSIX is missing (Windows laptops in union offices): no POSIX-only module, a time zone
database of its own, and a production WSGI server for each system (gunicorn, waitress)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

from conference.badges.images import PARALLEL_FROM, qr_svg, qr_svgs
from tests.ops.servers import ROOT, get, start_server, stop_server

#: Modules that exist on POSIX systems only (Windows has none of them).
POSIX_ONLY = ("fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "syslog", "crypt", "nis", "readline")

SCRIPT = """
import pkgutil, sys
for name in sys.argv[2].split(","):
    sys.modules[name] = None  # `import name` now raises ImportError, as on Windows
import conference
names = sorted(m.name for m in pkgutil.walk_packages(conference.__path__, "conference."))
for name in names:
    __import__(name)
from conference import create_app
from conference.extensions import db
app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[1]})
with app.app_context():
    db.create_all()
print(len(names), app.test_client().get("/login").status_code)
"""


def _run(script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env=env)


def test_every_module_imports_and_a_page_serves_without_posix_only_modules_or_a_system_time_zone_database(
        tmp_path):
    empty = tmp_path / "no-zoneinfo"
    empty.mkdir()
    env = {**os.environ, "PYTHONTZPATH": str(empty)}  # as on Windows: only the tzdata package knows the zones
    result = _run(SCRIPT, str(tmp_path / "w.db"), ",".join(POSIX_ONLY), env=env)

    assert result.returncode == 0, result.stderr
    modules, status = result.stdout.split()
    assert int(modules) > 80 and status == "200"


def test_the_check_fails_when_a_module_needs_a_posix_only_one(tmp_path):
    probe = tmp_path / "probe"
    (probe / "conference").mkdir(parents=True)
    (probe / "conference" / "__init__.py").write_text("")
    (probe / "conference" / "locked.py").write_text("import fcntl\n")
    script = SCRIPT.split("from conference import create_app")[0]

    result = subprocess.run([sys.executable, "-c", script, "unused", ",".join(POSIX_ONLY)], cwd=probe,
                            capture_output=True, text=True, timeout=60, check=False)

    assert result.returncode != 0 and "import of fcntl halted" in result.stderr


def test_no_module_names_a_posix_only_signal_or_call():
    posix_only = ("SIGKILL", "SIGHUP", "SIGUSR1", "SIGALRM", "os.fork", "os.geteuid", "os.getuid", "os.setsid",
                  "os.killpg", "os.uname")
    found = [f"{path.relative_to(ROOT)}: {name}" for path in sorted((ROOT / "conference").rglob("*.py"))
             for name in posix_only if name in path.read_text(encoding="utf-8")]
    assert found == []


def test_make_run_serves_through_gunicorn_and_hall_mode_over_https_with_the_certificate():
    plain = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    hall = subprocess.run(["make", "-n", "run", "HTTPS=1"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout

    assert "flask run" not in plain and "flask run" not in hall
    served = [line for line in hall.splitlines() if "gunicorn" in line]
    assert len(served) == 1 and "--bind 0.0.0.0:5000" in served[0]
    assert "--certfile instance/tls-cert.pem --keyfile instance/tls-key.pem wsgi:app" in served[0]
    assert hall.index("flask check-passwords") < hall.index("gunicorn")
    assert "--bind 127.0.0.1:5000" in next(line for line in plain.splitlines() if "gunicorn" in line)


def test_gunicorn_serves_the_app_over_https_with_the_hall_certificate(tmp_path, served_database):
    """As `HTTPS=1 make run` serves: over TLS, with HSTS and the session cookie's Secure flag."""
    from conference.tls import ensure_certificate

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    ensure_certificate(cert, key, [])
    server = start_server("gunicorn", served_database, tmp_path / "gunicorn.log",
                          extra=["--certfile", str(cert), "--keyfile", str(key)], scheme="https", cafile=cert,
                          env={"HTTPS": "1"})
    try:
        status, headers, body = get(server, "/login")
    finally:
        stop_server(server)

    assert status == 200 and "gunicorn" in headers.get("Server", "")
    assert 'name="password"' in body
    assert headers.get("Strict-Transport-Security") == "max-age=31536000"
    assert "session=" in headers.get("Set-Cookie", "") and "; Secure" in headers["Set-Cookie"]
    assert "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")


def test_waitress_serves_the_app_as_on_windows(tmp_path, served_database):
    server = start_server("waitress", served_database, tmp_path / "waitress.log")
    try:
        status, headers, body = get(server, "/login")
    finally:
        stop_server(server)

    assert status == 200 and headers.get("Server") == "waitress"
    assert 'name="password"' in body



def test_many_badges_print_where_processes_cannot_fork(monkeypatch):
    real = multiprocessing.get_context

    def without_fork(method=None):
        if method == "fork":
            raise ValueError("cannot find context for 'fork'")  # what Windows says
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", without_fork)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    codes = [f"HN1-{i:04d}" for i in range(PARALLEL_FROM)]

    assert qr_svgs(codes) == [qr_svg(code) for code in codes]
