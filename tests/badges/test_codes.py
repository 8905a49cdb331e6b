"""Badge codes are signed: forged or altered codes are refused; no personal data inside."""

import base64

import pytest

from conference.badges.codes import InvalidBadgeCode, make_badge_code, read_badge_code
from conference.badges.images import qr_png, qr_svg
from conference.checkin.services import code_hash


def test_code_round_trips_to_conference_delegate_and_serial():
    claim = read_badge_code("k", make_badge_code("k", 3, 42, 2))
    assert (claim.conference_id, claim.delegate_id, claim.serial) == (3, 42, 2)


def test_code_signed_with_another_key_is_invalid():
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", make_badge_code("other", 3, 42, 1))


def test_every_single_character_alteration_is_invalid():
    code = make_badge_code("k", 3, 42, 1)
    for i in range(len(code)):
        altered = code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1:]
        with pytest.raises(InvalidBadgeCode):
            read_badge_code("k", altered)


def test_forged_payload_with_a_copied_signature_is_invalid():
    code = make_badge_code("k", 3, 42, 1)
    _payload, signature = code.rsplit(".", 1)
    forged = base64.urlsafe_b64encode(b"[3,43,1]").decode().rstrip("=")
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", f"{forged}.{signature}")


@pytest.mark.parametrize("text", ["", "   ", "x" * 500, "hello", "12345"])
def test_garbage_is_invalid(text):
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", text)


def test_scanner_whitespace_around_the_code_is_ignored():
    code = make_badge_code("k", 1, 2, 3)
    assert read_badge_code("k", f"  {code}\r\n").delegate_id == 2


def test_code_carries_only_numbers():
    payload = make_badge_code("k", 1, 2, 3).split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert decoded == b"[1,2,3]"


def test_qr_images_are_svg_and_png():
    assert qr_svg("abc").startswith("<svg")
    assert qr_png("abc")[:8] == b"\x89PNG\r\n\x1a\n"


def test_only_the_printed_spelling_of_a_code_is_accepted_as_on_the_offline_desk():
    """Base64 and the signature decoder accept other spellings of the same bytes (padding, skipped characters);
    the server accepts exactly the printed string, which is all the offline desk's list of hashes knows."""
    code = make_badge_code("k", 1, 2, 3)
    head, signature = code.split(".")
    variants = {code + "=", code + "==", head + "=." + signature, head + ".=" + signature, code + "*",
                head + "." + signature[:5] + "=" + signature[5:], code.replace("-", "+"), code.replace("_", "/")}
    variants.discard(code)
    offline = {code_hash(code)}
    for variant in sorted(variants):
        with pytest.raises(InvalidBadgeCode):
            read_badge_code("k", variant)
        assert code_hash(variant) not in offline
    assert read_badge_code("k", f"  {code}\n") == read_badge_code("k", code)  # what a scanner adds around it
