"""A phone at the desk reaches the server by its LAN address: over plain HTTP the browser withholds the camera
(not a secure context); over `HTTPS=1 make run`'s self-signed certificate, once accepted, it offers it."""

from __future__ import annotations

import ssl
import threading

import pytest
from flask_migrate import upgrade
from playwright.sync_api import expect
from werkzeug.serving import make_server

from conference import create_app
from conference.demo.loader import load_demo
from conference.extensions import db
from conference.tls import ensure_certificate, lan_addresses

from .test_checkin_day import open_desk


@pytest.fixture
def lan_servers(tmp_path):
    """The app served on the machine's LAN address twice: plain HTTP and HTTPS; yields (http URL, https URL)."""
    addresses = lan_addresses()
    if not addresses:
        pytest.skip("this machine has no LAN address")
    address = addresses[0]
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    ensure_certificate(cert, key, addresses)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'lan.db'}",
                      "SECRET_KEY": "lan-test-secret-key", "WTF_CSRF_ENABLED": True})
    with app.app_context():
        upgrade()
        load_demo()
        db.session.remove()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    servers = [make_server(address, 0, app, threaded=True), make_server(address, 0, app, threaded=True,
                                                                         ssl_context=context)]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield f"http://{address}:{servers[0].port}", f"https://{address}:{servers[1].port}"
    finally:
        for server, thread in zip(servers, threads):
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


SECURE = "() => [window.isSecureContext, !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)]"


def test_camera_is_offered_over_https_on_the_lan_address_and_withheld_over_http(new_context, lan_servers):
    plain, secure = lan_servers

    page = new_context().new_page()
    page.goto(plain + "/login")
    assert page.evaluate(SECURE) == [False, False]
    open_desk(page, plain, "Bàn điện thoại")  # the desk says why, and what to do meanwhile
    page.get_by_role("button", name="Quét bằng camera").click()
    expect(page.locator("#result")).to_contain_text("Camera chỉ mở được khi trang có địa chỉ https://")

    page = new_context(ignore_https_errors=True).new_page()  # the user accepted the self-signed certificate
    page.goto(secure + "/login")
    assert page.get_by_role("button", name="Đăng nhập").is_visible()
    assert page.evaluate(SECURE) == [True, True]
