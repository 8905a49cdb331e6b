"""Security headers on every response (Flask-Talisman), the camera for the check-in desk only, and no copy of a
page or file with personal data kept by the browser or any cache on the way.

What every response carries:
- `Content-Security-Policy` (`CSP`): scripts, styles, fonts, images, fetches and workers from this site only; no
  inline script, no inline style, no `eval`; no plugins; forms post here only; never framed. Templates hold no
  inline script, `on…=` handler nor `style=` attribute (tests/web/test_inline_code.py); dynamic styles are set by
  static/js/ui.js from `data-` attributes.
- `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: same-origin`.
- `Permissions-Policy` (`PERMISSIONS`): camera, microphone and location refused, except the camera on views marked
  `camera_page` (the check-in desk, which also may compile zxing's WebAssembly: `'wasm-unsafe-eval'`), on their
  successful answers only: the 403 page, the redirect to the login form or a 404 at that URL get everybody's policy
  (`camera_on_its_page_only`).
- `Cache-Control: no-store` on everything but /static/: pages, exports, badges, QR images, photos and the API all
  hold people's names, so no copy stays in the browser's cache nor in a proxy (`no_store`). The one exception: the
  public honour board's pages (`cacheable_page`), which hold only what the organizer published for anyone; their
  successful answers keep the `public, max-age` caching their view sets.
- With the `HTTPS` setting (the hall mode, `HTTPS=1 make run`, or a server behind a TLS proxy): the session
  cookie's `Secure` flag and `Strict-Transport-Security` on answers over TLS (not for the name `localhost`:
  `no_hsts_for_loopback_names`). Plain http (`make run`, the tests) gets neither, and nothing redirects to https:
  the server in hall mode speaks TLS only, and a proxy in front of one redirects by itself.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request
from flask_talisman import Talisman

#: The Content-Security-Policy of every response (W3C CSP Level 3). `data:` images: Bootstrap's CSS draws its
#: icons (menu button, select arrow, check marks) as inline SVG data URLs.
CSP: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

#: The camera page's policy: the barcode-detector polyfill compiles zxing's WebAssembly (served from /static),
#: which a CSP allows only with 'wasm-unsafe-eval' (it allows WebAssembly, not JavaScript's eval).
CAMERA_CSP: dict[str, str] = {**CSP, "script-src": "'self' 'wasm-unsafe-eval'"}

#: Permissions-Policy of every page: `()` grants a feature to nobody, `(self)` to this site's own pages.
PERMISSIONS: dict[str, str] = {"camera": "()", "microphone": "()", "geolocation": "()", "browsing-topics": "()"}
CAMERA_PERMISSIONS: dict[str, str] = {**PERMISSIONS, "camera": "(self)"}

#: HSTS lifetime (seconds): one year, as Talisman's default. Not for subdomains: the app owns one host name.
HSTS_MAX_AGE = 31_536_000

#: Only its decorator is used (it marks a view with options). Each app gets its own Talisman in `init_headers`,
#: since one instance keeps one app's settings. Talisman copies the first app's per-view options (force_https,
#: frame options, policies) into a marked view's options on first use, so those must not differ between apps:
#: they are constants here; only HSTS and the Secure cookie follow a setting, and they are not per view.
_per_view = Talisman()


def camera_page(view: Callable) -> Callable:
    """Decorate a view whose page opens the camera (the check-in desk): its answer grants the camera to this site
    (`camera=(self)`) and allows WebAssembly (`CAMERA_CSP`). Any place in the decorator stack works: wrappers made
    with functools.wraps carry the mark."""
    return _per_view(permissions_policy=CAMERA_PERMISSIONS, content_security_policy=CAMERA_CSP)(view)


def init_headers(app: Flask) -> None:
    """Bind the security headers to `app`, from its settings `HTTPS` (bool) and `SESSION_COOKIE_SAMESITE`.

    Under HTTPS the session cookie (and Flask-Login's remember cookie) is `Secure` and answers over TLS (or with
    `X-Forwarded-Proto: https` from a proxy) carry HSTS; without it, neither.
    """
    https = bool(app.config.get("HTTPS"))
    app.config["SESSION_COOKIE_SECURE"] = https
    app.config["REMEMBER_COOKIE_SECURE"] = https
    # Registered before Talisman's, so they run after it, on its headers.
    app.after_request(no_store)
    app.after_request(no_hsts_for_loopback_names)
    app.after_request(camera_on_its_page_only)
    app.extensions["talisman"] = Talisman(
        app,
        content_security_policy=CSP,
        permissions_policy=PERMISSIONS,
        frame_options="DENY",
        referrer_policy="same-origin",
        force_https=False,
        session_cookie_secure=False,  # set above from HTTPS, once, not on every request
        session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],
        strict_transport_security=https,
        strict_transport_security_max_age=HSTS_MAX_AGE,
        strict_transport_security_include_subdomains=False,
    )


def csp_header(policy: dict[str, str]) -> str:
    """The Content-Security-Policy header of `policy`, written as Talisman writes it: "directive value; ..."."""
    return "; ".join(f"{directive} {value}" for directive, value in policy.items())


def permissions_header(policy: dict[str, str]) -> str:
    """The Permissions-Policy header of `policy`, written as Talisman writes it: "feature=(allowlist), ..."."""
    return ", ".join(f"{feature}={allowlist}" for feature, allowlist in policy.items())


def camera_on_its_page_only(response):
    """Give a `camera_page` view's answers other than 200 (a 403 page, a redirect, a 404) the policies of every
    other page: Talisman applies a view's options whatever the status, and only the page itself uses the camera."""
    view = current_app.view_functions.get(request.endpoint)
    options = getattr(view, "talisman_view_options", None) or {}
    if options.get("permissions_policy") == CAMERA_PERMISSIONS and response.status_code != 200:
        response.headers["Permissions-Policy"] = permissions_header(PERMISSIONS)
        response.headers["Content-Security-Policy"] = csp_header(CSP)
    return response


def cacheable_page(view: Callable) -> Callable:
    """Decorate a public view whose answer holds only what an organizer published for anyone (the honour board):
    `no_store` leaves the Cache-Control the view sets on its successful answers (200, 304); its errors are not
    stored, as everywhere."""
    view.cacheable_page = True
    return view


def no_store(response):
    """`Cache-Control: no-store` on every answer but the static files (which keep Flask's conditional caching) and
    the successful answers of `cacheable_page` views: whatever the view said, since pages, downloads, images and
    the API hold personal data."""
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "cacheable_page", False) and response.status_code in (200, 304):
        return response
    if request.endpoint != "static" and "no-store" not in (response.headers.get("Cache-Control") or ""):
        response.headers["Cache-Control"] = "no-store"
    return response


#: Names of this machine itself. Browsers ignore HSTS for IP addresses but keep it for these, and then refuse the
#: same name over plain http (`make run`, http://localhost:5000) for HSTS_MAX_AGE.
LOOPBACK_NAMES = frozenset({"localhost"})


def no_hsts_for_loopback_names(response):
    """Drop HSTS on an answer to `localhost` (or `*.localhost`): the hall mode tried on the organizer's own laptop
    must not lock that name out of the plain-http demo afterwards."""
    host = (request.host or "").rsplit(":", 1)[0].lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        response.headers.pop("Strict-Transport-Security", None)
    return response
