"""HTTPS on the hall's network (`HTTPS=1 make run`): the self-signed certificate serves TLS for the names it
lists, is kept while it still fits, and is made again when the machine's address changes or it nears expiry."""

from __future__ import annotations

import datetime
import ssl
import stat
import threading
import urllib.request

import pytest
from werkzeug.serving import make_server

from conference import create_app
from conference.tls import certificate_names, ensure_certificate, lan_addresses


def test_certificate_names_localhost_loopback_and_the_lan_addresses_and_the_key_is_private(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"

    assert ensure_certificate(cert, key, ["192.168.1.20", "10.0.0.7"]) is True

    dns, ips = certificate_names(cert)
    assert dns == {"localhost"}
    assert ips == {"127.0.0.1", "192.168.1.20", "10.0.0.7"}
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    ssl.create_default_context().load_cert_chain(cert, key)  # the key matches the certificate


def test_a_fitting_certificate_is_kept_and_a_new_address_or_near_expiry_makes_a_new_one(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    ensure_certificate(cert, key, ["192.168.1.20"])
    first = cert.read_bytes()

    assert ensure_certificate(cert, key, ["192.168.1.20"]) is False
    assert cert.read_bytes() == first
    assert ensure_certificate(cert, key, []) is False  # fewer names needed: still fits

    assert ensure_certificate(cert, key, ["192.168.1.35"]) is True  # DHCP gave the laptop another address
    assert "192.168.1.35" in certificate_names(cert)[1]

    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=362)
    assert ensure_certificate(cert, key, ["192.168.1.35"], now=later) is True


def test_a_damaged_certificate_file_is_replaced(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("not a certificate")
    key.write_text("nor a key")

    assert ensure_certificate(cert, key, []) is True
    assert certificate_names(cert)[0] == {"localhost"}


def test_an_invalid_address_is_refused(tmp_path):
    with pytest.raises(ValueError):
        ensure_certificate(tmp_path / "c.pem", tmp_path / "k.pem", ["192.168.1.300"])


def test_lan_addresses_are_never_loopback():
    assert all(not a.startswith("127.") for a in lan_addresses())


def test_the_app_answers_over_tls_with_the_certificate_for_127_0_0_1(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    ensure_certificate(cert, key, [])
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tls.db'}"})
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = make_server("127.0.0.1", 0, app, ssl_context=context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = ssl.create_default_context(cafile=str(cert))  # verifies the chain and the name 127.0.0.1
        with urllib.request.urlopen(f"https://127.0.0.1:{server.port}/login", context=client, timeout=10) as response:
            assert response.status == 200
            assert "Đăng nhập" in response.read().decode()
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_a_key_that_does_not_match_the_certificate_is_replaced_by_a_new_pair(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    ensure_certificate(cert, key, [])
    other_cert, other_key = tmp_path / "other-cert.pem", tmp_path / "other-key.pem"
    ensure_certificate(other_cert, other_key, [])
    key.write_bytes(other_key.read_bytes())  # as if a run was interrupted between writing the key and the cert

    assert ensure_certificate(cert, key, []) is True
    ssl.create_default_context().load_cert_chain(cert, key)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cert.pem", "key.pem", "other-cert.pem", "other-key.pem"]
