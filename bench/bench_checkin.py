"""Benchmarks of the check-in day: prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_checkin.py [--duration 10] [--only http,camera,sheet]

1. Scan API under load, on SQLite (WAL, a temporary file) and on PostgreSQL (a private cluster): the app served
   by gunicorn on 127.0.0.1 (`--workers 2` sync workers by default), `wrk` in a second process with 16
   connections (2 threads), every request a distinct badge; side by side, in the same run and the same
   gunicorn settings, the app's trivial endpoint GET /api/conferences/<id>/ping (same login, same access
   check) and a bare Flask hello-world (bench/hello_app.py). Each measurement `--repeat 3` times, medians
   printed. Saturated runs (each connection sends its next request the moment the answer arrives: the
   throughput ratio, check-in ≥ 40 % of the trivial endpoint) and paced runs (each connection pauses `--pace`
   ms, 100 by default, like a desk between two delegates: check-in p99 ≤ 2 × the trivial endpoint's p99).
   Then the check-ins written are counted against the requests answered: 0 errors, 0 double, 0 lost.
2. Camera path: time from the fake camera's first frame (Chromium --use-file-for-fake-video-capture, a y4m
   of a real badge) to the green result at the desk, median of 20 (target < 500 ms).
3. Badge sheet (A4, 8 a page) for 250 and 10,000 delegates: seconds and peak memory, each in a fresh
   process (target: 10,000 in < 20 s).
Needs Debian's wrk, chromium and ffmpeg (`make system-deps`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
import urllib.request
from datetime import date
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.security import generate_password_hash

from conference import create_app
from conference.auth.models import User
from conference.badges.codes import make_badge_code
from conference.conferences.models import Conference
from conference.core.shortcode import new_short_code
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.organizations.models import Organization

SECRET = "bench-secret-key-bench-secret-key"
PASSWORD = "bench1234"
TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
#: One browser's User-Agent for the login and every wrk request, as a desk's browser keeps it: Flask-Login
#: ties the session to address and User-Agent and rewrites the cookie on every request that differs.
USER_AGENT = "Mozilla/5.0 (bench desk)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(url: str, delegates: int, units: int = 30) -> tuple[int, list[str]]:
    """A migrated database with one conference of `delegates` delegates (exemplars of `units` units), a
    check-in user `dontiep` and an organizer `bantochuc`; returns the conference id and the badge codes."""
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": False})
    with app.app_context():
        upgrade()
        host = Organization(name="Liên đoàn Lao động huyện Vĩnh Thuận", level="district")
        db.session.add(host)
        db.session.flush()
        unit_rows = [Organization(name=f"Công đoàn cơ sở số {i + 1}", level="grassroots", parent_id=host.id,
                                  member_count=100) for i in range(units)]
        db.session.add_all(unit_rows)
        conference = Conference(host_id=host.id, name="Hội nghị (bench)", level="district", held_on=date(2025, 4, 10),
                                delegate_cap=100000)
        db.session.add(conference)
        db.session.flush()
        hashed = generate_password_hash(PASSWORD)
        db.session.add_all([
            User(username="dontiep", role="checkin", organization_id=host.id, full_name="Bàn", password_hash=hashed),
            User(username="bantochuc", role="organizer", organization_id=host.id, full_name="BTC",
                 password_hash=hashed)])
        given = ["An", "Bình", "Châu", "Dũng", "Giang", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Yến"]
        db.session.execute(db.insert(Delegate), [
            {"conference_id": conference.id, "category": "exemplar", "unit_id": unit_rows[i % units].id,
             "full_name": f"Nguyễn Văn {given[i % len(given)]} {i}", "badge_serial": 1, "position": "Công nhân",
             "fallback_code": code}
            for i, code in enumerate(_fallback_codes(delegates))])
        db.session.commit()
        badges = db.session.execute(db.select(Delegate.id, Delegate.badge_token).order_by(Delegate.id)).all()
        codes = [make_badge_code(SECRET, conference.id, i, token) for i, token in badges]
        cid = conference.id
        db.session.remove()
        db.engine.dispose()
    return cid, codes


class Session:
    """A logged-in HTTP session (cookie + CSRF token) against the served app."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = [("User-Agent", USER_AGENT)]
        token = TOKEN.search(self.get("/login")).group(1)
        self.post("/login", {"username": username, "password": PASSWORD, "csrf_token": token})
        self.token = TOKEN.search(self.get("/")).group(1)

    def name_desk(self, name: str) -> None:
        """Name this session's desk, as the desk page does once (the name and desk id live in the session)."""
        request = urllib.request.Request(self.base + "/api/checkin/desk", data=json.dumps({"desk": name}).encode(),
                                         headers={"Content-Type": "application/json", "X-CSRFToken": self.token})
        self.opener.open(request, timeout=10).read()

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=10).read().decode()

    def post(self, path: str, form: dict) -> str:
        data = urllib.parse.urlencode(form).encode()
        return self.opener.open(self.base + path, data=data, timeout=10).read().decode()

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def wait_until_serving(process: subprocess.Popen, url: str, log: Path) -> subprocess.Popen:
    """`process` once `url` answers (30 s at most; else it is stopped and the error names its log)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start, see {log}")


def start_gunicorn(url: str, port: int, workers: int, log: Path, threads: int = 1) -> subprocess.Popen:
    """gunicorn serving wsgi:app: `workers` sync workers, or gthread workers of `threads` threads each (keep-alive)."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET, "CONFERENCE_ENV": "production"}
    kind = ["-k", "sync"] if threads == 1 else ["-k", "gthread", "--threads", str(threads)]
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(workers), *kind, "-b", f"127.0.0.1:{port}",
         "wsgi:app"],  # no access log, as the README runs it (formatting one costs ~4 % of a worker)
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return wait_until_serving(process, f"http://127.0.0.1:{port}/login", log)


WRK_SCRIPT = """
local codes = dofile("%(codes)s")
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  tid = tonumber(tid) or 0
end
request = function()
  local i = (%(offset)d + counter * %(threads)d + tid) %% #codes + 1
  counter = counter + 1
  local body = string.format('{"code":"%%s","conference_id":%(cid)d,"desk":"Bench %%d","nonce":"n%(offset)d-%%d-%%d"}',
                             codes[i], tid, tid, counter)
  return wrk.format("POST", "/api/checkin", {["Content-Type"] = "application/json",
                    ["X-CSRFToken"] = "%(token)s", ["Cookie"] = "%(cookie)s",
                    ["User-Agent"] = "%(agent)s"}, body)
end
checked = 0
already = 0
other = 0
sample = ""
response = function(status, headers, body)
  if status == 200 and string.find(body, '"result":%%s*"checked_in"') then checked = checked + 1
  elseif status == 200 and string.find(body, '"result":%%s*"already') then already = already + 1
  else other = other + 1; sample = string.sub(status .. " " .. body, 1, 200) end
end
done = function(summary, latency, requests)
  local c, a, o, example = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    c = c + t:get("checked"); a = a + t:get("already"); o = o + t:get("other")
    if t:get("sample") ~= "" then example = t:get("sample") end
  end
  io.write(string.format("CHECKED %%d ALREADY %%d OTHER %%d\\n", c, a, o))
  if example ~= "" then io.write("SAMPLE " .. example .. "\\n") end
end
"""

#: Paced runs: each connection waits this long before sending its next request (a desk's pause between
#: two delegates), so the load is what 16 desks send rather than as much as the server can take.
PACE_SCRIPT = """
function delay()
  return %(pace)d
end
"""


def parse_wrk(text: str) -> dict:
    def latency_ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
            "p50": latency_ms("50%"), "p99": latency_ms("99%"),
            "requests": int(re.search(r"(\d+) requests in", text).group(1)),
            "non2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0,
            "checked": int(m.group(1)) if (m := re.search(r"CHECKED (\d+)", text)) else 0,
            "already": int(m.group(1)) if (m := re.search(r"ALREADY (\d+)", text)) else 0,
            "other": int(m.group(1)) if (m := re.search(r"OTHER (\d+)", text)) else 0,
            "sample": m.group(1) if (m := re.search(r"SAMPLE (.*)", text)) else ""}


def start_postgres(workdir: Path) -> tuple[str, callable]:
    """A private PostgreSQL cluster on 127.0.0.1 (Debian's server binaries, as the tests start one); returns its
    URL and a function that stops it. `BENCH_POSTGRES_URL` uses a server of yours instead (its database is
    emptied by the migrations' downgrade first)."""
    import glob

    if os.environ.get("BENCH_POSTGRES_URL"):
        return os.environ["BENCH_POSTGRES_URL"], lambda: None
    bindir = os.path.dirname(max(glob.glob("/usr/lib/postgresql/*/bin/initdb")))
    datadir, port = workdir / "pg", free_port()
    as_root = os.geteuid() == 0
    if as_root:
        shutil.chown(workdir, "postgres", "postgres")

    def run(*args: str) -> None:
        subprocess.run((["runuser", "-u", "postgres", "--"] if as_root else []) + list(args), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    run(f"{bindir}/initdb", "-D", str(datadir), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
    run(f"{bindir}/pg_ctl", "-D", str(datadir), "-l", str(workdir / "pg.log"), "-w", "-o",
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c max_connections=100", "start")
    run(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "bench")
    return (f"postgresql+psycopg://postgres@127.0.0.1:{port}/bench",
            lambda: run(f"{bindir}/pg_ctl", "-D", str(datadir), "-m", "fast", "-w", "stop"))


def start_hello(port: int, workers: int, log: Path) -> subprocess.Popen:
    """The bare Flask hello-world (bench/hello_app.py) under the same gunicorn settings as the app."""
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(workers), "-k", "sync", "-b", f"127.0.0.1:{port}",
         "hello_app:app"], cwd=ROOT / "bench", stdout=log.open("w"), stderr=subprocess.STDOUT)
    return wait_until_serving(process, f"http://127.0.0.1:{port}/", log)


def bench_http(duration: int, workers: int, threads: int = 1, paces: tuple[int, ...] = (100,),
               databases: tuple[str, ...] = ("sqlite",), repeat: int = 3) -> None:
    """For each database: saturated runs (every connection sends its next request as soon as the answer
    arrives), then paced runs (every connection waits `pace` ms between requests) of the scan API, the app's
    trivial endpoint and a bare Flask hello-world, each `repeat` times; prints the medians, and the check-ins
    written against the requests answered (0 errors, 0 double, 0 lost)."""
    if not shutil.which("wrk"):
        print("wrk not found: `apt-get install -y wrk` (make system-deps)")
        return
    for database in databases:
        with tempfile.TemporaryDirectory(prefix="bench-checkin-") as tmp:
            tmpdir = Path(tmp)
            os.chmod(tmpdir, 0o755)
            stop_db = lambda: None
            if database == "sqlite":
                url = f"sqlite:///{tmpdir / 'bench.db'}"
            else:
                url, stop_db = start_postgres(tmpdir)
            try:
                _bench_database(database, url, tmpdir, duration, workers, threads, paces, repeat)
            finally:
                stop_db()


def _bench_database(database: str, url: str, tmpdir: Path, duration: int, workers: int, threads: int,
                    paces: tuple[int, ...], repeat: int) -> None:
    cid, codes = seed(url, 150000)
    port, hello_port = free_port(), free_port()
    server = start_gunicorn(url, port, workers, tmpdir / "gunicorn.log", threads)
    hello = start_hello(hello_port, workers, tmpdir / "hello.log")
    results: dict[tuple[str, int], list[dict]] = {}
    try:
        base = f"http://127.0.0.1:{port}"
        session = Session(base, "dontiep")
        session.name_desk("Bench")
        (tmpdir / "codes.lua").write_text("return {" + ",".join(f'"{c}"' for c in codes) + "}\n")
        ping_url = f"{base}/api/conferences/{cid}/ping"
        offset = 0

        def wrk(endpoint: str, pace: int, seconds: int) -> dict:
            nonlocal offset
            script = tmpdir / f"{endpoint}-{pace}.lua"
            text = PACE_SCRIPT % {"pace": pace} if pace else ""
            if endpoint == "checkin":
                text += WRK_SCRIPT % {"codes": tmpdir / "codes.lua", "threads": 2, "cid": cid, "offset": offset,
                                      "token": session.token, "cookie": session.cookie, "agent": USER_AGENT}
            script.write_text(text)
            target = {"checkin": [base], "hello": [f"http://127.0.0.1:{hello_port}/"],
                      "ping": ["-H", f"Cookie: {session.cookie}", "-H", f"User-Agent: {USER_AGENT}", ping_url]}
            out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", str(script),
                                  *target[endpoint]], capture_output=True, text=True, check=True).stdout
            result = parse_wrk(out)
            if endpoint == "checkin":
                offset += result["requests"] + 32  # the next run scans badges nobody scanned yet
            return result

        wrk("hello", 0, 2)  # warm-up
        wrk("ping", 0, 2)
        answered = wrk("checkin", 0, 2)
        checked, already, refused = answered["checked"], answered["already"], answered["other"]
        samples = [answered["sample"]] if answered["sample"] else []
        for _ in range(repeat):
            for pace in (0, *paces):
                for endpoint in ("hello", "ping", "checkin"):
                    r = wrk(endpoint, pace, duration)
                    results.setdefault((endpoint, pace), []).append(r)
                    if endpoint == "checkin":
                        checked += r["checked"]
                        already += r["already"]
                        refused += r["other"]
                        samples += [r["sample"]] if r["sample"] else []
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT count(*) FROM checkins")).scalar_one()
            distinct = connection.execute(text("SELECT count(DISTINCT delegate_id) FROM checkins")).scalar_one()
        engine.dispose()
    finally:
        for process in (server, hello):
            process.terminate()
            process.wait(timeout=10)

    def median(endpoint: str, pace: int, key: str) -> float:
        return statistics.median(r[key] for r in results[(endpoint, pace)])

    kind = "sync" if threads == 1 else f"gthread, {threads} threads"
    print(f"\nScan API on {database}, gunicorn -w {workers} ({kind}), wrk -t2 -c16 -d{duration}s, median of {repeat}, "
          f"{os.cpu_count()} CPUs")
    print(f"  {'endpoint':<30}{'pause ms':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
    names = {"hello": "bare Flask hello-world", "ping": "GET /api/conferences/…/ping", "checkin": "POST /api/checkin"}
    for pace in (0, *paces):
        for endpoint in ("hello", "ping", "checkin"):
            print(f"  {names[endpoint]:<30}{pace:>9}{median(endpoint, pace, 'rps'):>9.0f}"
                  f"{median(endpoint, pace, 'p50'):>9.2f}{median(endpoint, pace, 'p99'):>9.2f}"
                  f"{sum(r['non2xx'] for r in results[(endpoint, pace)]):>9}")
    ratio = median("checkin", 0, "rps") / median("ping", 0, "rps")
    print(f"  saturated: check-in / trivial endpoint = {ratio:.0%} (must be ≥ 40 %)")
    for pace in paces:
        p99, trivial = median("checkin", pace, "p99"), median("ping", pace, "p99")
        print(f"  paced {pace} ms: check-in p99 {p99:.1f} ms, trivial endpoint p99 {trivial:.1f} ms "
              f"(ratio {p99 / trivial:.2f}, must be ≤ 2)")
    print(f"  check-ins: {checked} answered checked_in, {already} already (a badge a cut-off request of the previous "
          f"run had scanned), {refused} errors{' e.g. ' + samples[0] if samples else ''}; {rows} rows written, "
          f"{distinct} distinct delegates: double = rows − distinct = {rows - distinct}; lost = answered − rows = "
          f"{checked - rows} (a request cut off by the end of a wrk run is written but not counted: rows may exceed)")


def fake_camera_video(directory: Path, code: str, name: str) -> Path:
    from conference.badges.images import badge_png

    png = directory / "badge.png"
    png.write_bytes(badge_png(code, name, "Công đoàn cơ sở số 1", "Đại biểu điển hình tiên tiến", "#0b4f9c",
                              "HỘI NGHỊ TUYÊN DƯƠNG ĐIỂN HÌNH TIÊN TIẾN", "LĐLĐ huyện Vĩnh Thuận · 10/04/2025"))
    video = directory / "badge.y4m"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(png), "-t", "4", "-r", "15", "-vf",
                    "scale=560:-1,pad=640:480:60:40:gray,noise=alls=12:allf=t,format=yuv420p", str(video)],
                   check=True)
    return video


#: Measured from outside the desk's code: the first video frame, and the moment #result first turns green.
CAMERA_TIMES = (ROOT / "tests" / "browser" / "camera_times.js").read_text()


def bench_camera(runs: int) -> None:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream"]
    with tempfile.TemporaryDirectory(prefix="bench-camera-") as tmp:
        tmpdir = Path(tmp)
        url = f"sqlite:///{tmpdir / 'bench.db'}"
        cid, codes = seed(url, runs)
        port = free_port()
        server = start_gunicorn(url, port, 2, tmpdir / "gunicorn.log")
        times = []
        try:
            base = f"http://127.0.0.1:{port}"
            with sync_playwright() as playwright:
                for i, code in enumerate(codes):
                    video = fake_camera_video(tmpdir, code, f"Đại biểu {i}")
                    browser = playwright.chromium.launch(
                        executable_path="/usr/bin/chromium", headless=True,
                        args=args + [f"--use-file-for-fake-video-capture={video}"])
                    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                                  has_touch=True, permissions=["camera"], locale="vi-VN")
                    page = context.new_page()
                    page.add_init_script(CAMERA_TIMES)
                    page.goto(base + "/login")
                    page.fill("#username", "dontiep")
                    page.fill("#password", PASSWORD)
                    page.click("button[type=submit]")
                    page.goto(f"{base}/conferences/{cid}/checkin")
                    page.click("#camera-toggle")
                    page.wait_for_selector("#result.ok", timeout=15000)
                    t = page.evaluate("window.cameraTimes")
                    times.append(t["green"] - t["firstFrame"])
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"\nCamera: fake camera's first frame → green result, {len(times)} runs (one fresh Chromium each)")
    print(f"  median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms "
          f"(target median < 500 ms)")


def sheet_child(count: int) -> None:
    """In a fresh process: render the A4 sheet of `count` delegates; print JSON seconds and memory."""
    with tempfile.TemporaryDirectory(prefix="bench-sheet-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        cid, _codes = seed(url, count)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": True,
                          "WTF_CSRF_ENABLED": False})
        client = app.test_client()
        client.post("/login", data={"username": "bantochuc", "password": PASSWORD})
        start = time.perf_counter()
        response = client.get(f"/conferences/{cid}/badges?order=unit")
        body = response.get_data()
        seconds = time.perf_counter() - start
        assert response.status_code == 200 and body.count(b"<article") == count
        del body, response
        # Memory in a second render (tracemalloc slows Python down, so it is not on during the timing).
        tracemalloc.start()
        client.get(f"/conferences/{cid}/badges?order=unit").get_data()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(json.dumps({"count": count, "seconds": seconds, "peak_mb": peak / 2**20,
                          "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def bench_sheet(counts: list[int]) -> None:
    print("\nBadge sheet, A4 8 a page, order by unit (fresh process each; time without tracing, peak by tracemalloc)")
    for count in counts:
        out = subprocess.run([sys.executable, __file__, "--sheet-child", str(count)], capture_output=True, text=True,
                             check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"  {r['count']:>6} delegates: {r['seconds']:6.2f} s, peak Python memory {r['peak_mb']:6.1f} MB "
              f"(process max RSS {r['max_rss_mb']:.0f} MB)")


def _fallback_codes(count: int) -> list[str]:
    """`count` distinct fallback codes (`Delegate.fallback_code`, unique per conference)."""
    taken: set[str] = set()
    for _ in range(count):
        taken.add(new_short_code(taken))
    return list(taken)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--pace", default="100", help="pauses (ms) of the paced runs, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is printed)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (> 1: gthread)")
    parser.add_argument("--runs", type=int, default=20, help="camera runs")
    parser.add_argument("--only", default="http,camera,sheet")
    parser.add_argument("--sheet-child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.sheet_child:
        sheet_child(options.sheet_child)
        return
    parts = options.only.split(",")
    if "http" in parts:
        bench_http(options.duration, options.workers, options.threads,
                   tuple(int(p) for p in options.pace.split(",") if p), tuple(options.databases.split(",")),
                   options.repeat)
    if "camera" in parts:
        bench_camera(options.runs)
    if "sheet" in parts:
        bench_sheet([250, 10000])


if __name__ == "__main__":
    main()
