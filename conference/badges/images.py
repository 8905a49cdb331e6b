"""QR images of badge codes, made with `qrcode` (no Flask)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M


def _qr(code: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, box_size=8)
    qr.add_data(code)
    qr.make(fit=True)
    return qr


def qr_svg(code: str) -> str:
    """The QR code of `code` as an inline SVG element (one path, scales to any print size)."""
    image = _qr(code).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    text = image.to_string(encoding="unicode")
    # Drop the XML declaration so the SVG can be inlined in HTML.
    return text[text.index("<svg"):]


def qr_png(code: str, box_size: int = 8) -> bytes:
    """The QR code of `code` as PNG bytes (`box_size` pixels per module)."""
    qr = _qr(code)
    qr.box_size = box_size
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
