"""A self-signed TLS certificate for serving the app over HTTPS on the hall's local network.

Browsers open the camera (`getUserMedia`) and service workers only in a secure context: HTTPS, or the
machine's own `localhost`. A phone or a second laptop at the check-in desk reaches the organizer's laptop
by its LAN address (http://192.168.x.y:5000), which is not secure, so its camera and its offline copy of the
desk page would not work. `HTTPS=1 make run` serves with the certificate made here: the first visit shows the
browser's warning about a self-signed certificate, and once accepted the page is a secure context and the camera
opens. (Browsers still refuse a service worker from a certificate they do not trust, so the offline copy of the
desk page needs a trusted certificate; scanning and syncing offline work without it.)

No Flask. Uses `cryptography` (x509 builder).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import socket
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

#: How long a certificate made here is valid (days): a conference season, then `make run` makes a new one.
VALID_DAYS = 365


def lan_addresses() -> list[str]:
    """The IPv4 addresses other machines on the local network can reach this one at (best effort, never raises).

    The address of the interface the default route uses (found by "connecting" a UDP socket, no packet is
    sent), plus the addresses the host name resolves to; loopback excluded. May be empty (no network).
    """
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    result = []
    for address in found:
        if not ipaddress.ip_address(address).is_loopback and address not in result:
            result.append(address)
    return result


def certificate_names(cert_path: Path) -> tuple[set[str], set[str]]:
    """(DNS names, IP addresses) in the subjectAltName of the PEM certificate at `cert_path`.

    Raises:
        OSError: the file cannot be read; ValueError: it is not a PEM certificate.
    """
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set(), set()
    return (set(names.get_values_for_type(x509.DNSName)),
            {str(a) for a in names.get_values_for_type(x509.IPAddress)})


def ensure_certificate(cert_path: Path, key_path: Path, addresses: list[str],
                       now: datetime.datetime | None = None) -> bool:
    """Make a self-signed certificate (P-256 key) for localhost, 127.0.0.1 and `addresses` unless the one at
    `cert_path` already names them all and is valid for at least 7 more days.

    Args:
        cert_path, key_path: where the PEM certificate and the PEM private key (mode 0600) are written.
        addresses: IPv4/IPv6 addresses to name (e.g. `lan_addresses()`); invalid ones raise ValueError.
        now: the current time (UTC, aware); default the clock.
    Returns:
        True when a new certificate was written, False when the existing one was kept.
    """
    now = now or datetime.datetime.now(datetime.UTC)
    wanted_ips = {"127.0.0.1", *(str(ipaddress.ip_address(a)) for a in addresses)}
    if cert_path.exists() and key_path.exists():
        try:
            dns, ips = certificate_names(cert_path)
            existing = x509.load_pem_x509_certificate(cert_path.read_bytes())
            expires = existing.not_valid_after_utc
            key_matches = _public_bytes(serialization.load_pem_private_key(key_path.read_bytes(), None)
                                        .public_key()) == _public_bytes(existing.public_key())
        except (ValueError, TypeError):
            dns, ips, expires, key_matches = set(), set(), now, False
        if key_matches and "localhost" in dns and wanted_ips <= ips and expires - now > datetime.timedelta(days=7):
            return False
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hoi nghi - may chu ban don tiep")])
    alt = x509.SubjectAlternativeName(
        [x509.DNSName("localhost"), *(x509.IPAddress(ipaddress.ip_address(a)) for a in sorted(wanted_ips))])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(alt, critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    # Each file is written whole under a temporary name, then renamed; an interrupted run leaves a pair that does
    # not match, which the check above notices next time.
    _write_private(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    _write_private(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return True


def _public_bytes(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temporary file + rename), readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
