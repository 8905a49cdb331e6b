"""Login throttling with Flask-Limiter: failed logins are counted per username and per client address.

Only failures count (`count_failure` marks the request; Flask-Limiter's `deduct_when` adds it to the counters
after the response): a person who logs in right is never held back by their own successes. Before each login
attempt both counters are tested; past LOGIN_FAILURES_PER_USERNAME or LOGIN_FAILURES_PER_ADDRESS (settings,
e.g. "5 per 15 minutes") the attempt is refused before any password is checked, the right one included.

The counters live in RATELIMIT_STORAGE_URI: "memory://" inside one process; for several processes or machines a
store they share ("redis://host:6379", "memcached://host:11211"; the `limits` library offers no store in the
application's own database or in a file). The client address is the request's `remote_addr`: behind a reverse
proxy the proxy must pass the client's address on and the `PROXY_HOPS` setting name it (werkzeug's ProxyFix,
applied in `create_app`), or every client counts as one.
"""

from __future__ import annotations

from flask import current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

#: Bound to the app in `create_app` (`limiter.init_app(app)`); limits only what views decorate.
limiter = Limiter(key_func=get_remote_address, key_prefix="conference")


def username_key() -> str:
    """The counter key of a login attempt's username: the form's username, stripped, case-folded and cut at 100
    characters (no username is longer than 80: a long one cannot grow the store), so "Admin " and "admin" share
    one counter. Unknown usernames are counted like known ones (the throttle never tells which exist)."""
    return "user:" + (request.form.get("username") or "").strip().casefold()[:100]


def address_key() -> str:
    """The counter key of the client's address (`request.remote_addr`)."""
    return "address:" + (get_remote_address() or "")


def per_username() -> str:
    """The failures allowed per username (LOGIN_FAILURES_PER_USERNAME, Flask-Limiter's notation)."""
    return current_app.config["LOGIN_FAILURES_PER_USERNAME"]


def per_address() -> str:
    """The failures allowed per client address (LOGIN_FAILURES_PER_ADDRESS)."""
    return current_app.config["LOGIN_FAILURES_PER_ADDRESS"]


def count_failure() -> None:
    """Mark the current login attempt as failed: its username's and its address's counters grow by one."""
    g.login_failed = True


def failed(_response) -> bool:
    """Flask-Limiter's `deduct_when`: True when the view marked the attempt failed (`count_failure`)."""
    return bool(g.get("login_failed"))


def limit_failed_logins(on_breach):
    """Decorate the login view: POSTs are refused while either counter is past its limit, and a POST the view
    marked with `count_failure` adds to both. `on_breach(request_limit)` returns the refusal page (status 429)."""
    by_address = limiter.limit(per_address, key_func=address_key, methods=["POST"], deduct_when=failed,
                               on_breach=on_breach)
    by_username = limiter.limit(per_username, key_func=username_key, methods=["POST"], deduct_when=failed,
                                on_breach=on_breach)
    return lambda view: by_address(by_username(view))
