"""Badge codes are signed: forged or altered codes are refused; no personal data inside. Fallback codes have no
look-alike characters and read however a person types them."""

import base64

import pytest

from conference.badges.codes import InvalidBadgeCode, make_badge_code, read_badge_code
from conference.badges.images import qr_png, qr_svg
from conference.checkin.services import code_hash
from conference.core import shortcode

T1, T2 = "0123456789abcdef", "fedcba9876543210"


def test_code_round_trips_to_conference_delegate_and_token():
    claim = read_badge_code("k", make_badge_code("k", 3, 42, T2))
    assert (claim.conference_id, claim.delegate_id, claim.token) == (3, 42, T2)


@pytest.mark.parametrize("token", [1, 2, "1", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", None,
                                   "0123456789abcdef\n"])
def test_a_signed_payload_whose_token_is_not_64_bits_of_hex_is_invalid(token):
    """A code signed with our key under the old serial scheme ([conference, delegate, serial]) or any other
    third item names no badge."""
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", make_badge_code("k", 3, 42, token))


def test_tokens_are_64_random_bits():
    tokens = {shortcode.new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(len(t) == 16 and int(t, 16) >= 0 for t in tokens)


def test_fallback_codes_use_no_look_alike_characters():
    for look_alike in "0O1IL2Z5S8BQ":
        assert look_alike not in shortcode.ALPHABET
    codes = {shortcode.new_short_code() for _ in range(500)}
    assert all(len(c) == shortcode.LENGTH and set(c) <= set(shortcode.ALPHABET) for c in codes)
    assert len(codes) == 500


def test_a_fallback_code_avoids_the_codes_taken():
    taken = {shortcode.new_short_code() for _ in range(50)}
    assert all(shortcode.new_short_code(taken) not in taken for _ in range(200))


@pytest.mark.parametrize("typed", ["ACDE-FGHJ", "acde-fghj", " acde fghj ", "ACDEFGHJ", "Acde-FGhj\n"])
def test_a_fallback_code_reads_whatever_the_case_spaces_and_hyphen(typed):
    assert shortcode.read_short_code(typed) == "ACDEFGHJ"
    assert shortcode.spaced("ACDEFGHJ") == "ACDE-FGHJ"


@pytest.mark.parametrize("typed", ["", None, "ACDE-FGH", "ACDE-FGHJK", "ACDE-FGH0", "ACDE-FGHO", "ACDE-FGHI",
                                   "ACDE-FGH1", "ACDE_FGHJ", "ÁCDE-FGHJ", "A" * 100])
def test_anything_else_is_no_fallback_code(typed):
    assert shortcode.read_short_code(typed) is None


def test_code_signed_with_another_key_is_invalid():
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", make_badge_code("other", 3, 42, T1))


def test_every_single_character_alteration_is_invalid():
    code = make_badge_code("k", 3, 42, T1)
    for i in range(len(code)):
        altered = code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1:]
        with pytest.raises(InvalidBadgeCode):
            read_badge_code("k", altered)


def test_forged_payload_with_a_copied_signature_is_invalid():
    code = make_badge_code("k", 3, 42, T1)
    _payload, signature = code.rsplit(".", 1)
    forged = base64.urlsafe_b64encode(f'[3,43,"{T1}"]'.encode()).decode().rstrip("=")
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", f"{forged}.{signature}")


@pytest.mark.parametrize("text", ["", "   ", "x" * 500, "hello", "12345"])
def test_garbage_is_invalid(text):
    with pytest.raises(InvalidBadgeCode):
        read_badge_code("k", text)


def test_scanner_whitespace_around_the_code_is_ignored():
    code = make_badge_code("k", 1, 2, T1)
    assert read_badge_code("k", f"  {code}\r\n").delegate_id == 2


def test_code_carries_only_ids_and_the_token():
    payload = make_badge_code("k", 1, 2, T1).split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert decoded == f'[1,2,"{T1}"]'.encode()


def test_qr_images_are_svg_and_png():
    assert qr_svg("abc").startswith("<svg")
    assert qr_png("abc")[:8] == b"\x89PNG\r\n\x1a\n"


def test_only_the_printed_spelling_of_a_code_is_accepted_as_on_the_offline_desk():
    """Base64 and the signature decoder accept other spellings of the same bytes (padding, skipped characters);
    the server accepts exactly the printed string, which is all the offline desk's list of hashes knows."""
    code = make_badge_code("k", 1, 2, T1)
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


def test_no_character_added_anywhere_in_a_code_makes_another_spelling_of_it():
    """Every padding, separator or non-base64 character put at every place of a real code (the 18 variants once
    accepted online were of this kind): the server refuses each, and the offline desk's hash differs."""
    code = make_badge_code("k", 7, 1234, T2)
    variants = {code[:i] + char + code[i:] for i in range(len(code) + 1) for char in "=.*!~+/-_%\\\"'#$&"}
    assert len(variants) > 800
    for variant in variants:
        with pytest.raises(InvalidBadgeCode):
            read_badge_code("k", variant)
        assert code_hash(variant) != code_hash(code)
