"""Short codes a person reads off paper and types: 8 characters with no look-alikes, and random tokens.

A badge carries one under its QR code (the fallback code, `mã dự phòng`) for the camera that cannot read the QR.
The alphabet leaves out the characters that read as another in print or handwriting: O, Q and 0; 1, I and L; 2
and Z; 5 and S; 8 and B. What remains, 24 characters, gives 24⁸ ≈ 1.1 × 10¹¹ codes (36.7 bits): a guess hits one of 5,000 badges of a conference once in
22 million tries.
"""

from __future__ import annotations

import secrets
from collections.abc import Container

#: The characters of a short code, in the order they are drawn from.
ALPHABET = "ACDEFGHJKMNPRTUVWXY34679"
#: Characters in a short code.
LENGTH = 8
#: Bits of a random token (`new_token`); its hex form has TOKEN_BITS // 4 characters.
TOKEN_BITS = 64
_SEPARATORS = str.maketrans("", "", " -\t\r\n")


def new_token() -> str:
    """A random token of TOKEN_BITS bits as lowercase hex (16 characters), from `secrets`."""
    return secrets.token_hex(TOKEN_BITS // 8)


def new_short_code(taken: Container[str] = ()) -> str:
    """A random short code (LENGTH characters of ALPHABET, from `secrets`) that is not in `taken`."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if code not in taken:
            return code


def read_short_code(text: str | None) -> str | None:
    """The short code a person typed, in its stored form, or None when `text` is not one.

    Case, spaces and hyphens do not matter ("acde-fg hj" reads as "ACDEFGHJ"); a character outside ALPHABET (a
    look-alike such as O, 0, I, 1 or L) makes it no code at all rather than a guess at another one.
    """
    if not text or len(text) > 4 * LENGTH:
        return None
    code = text.translate(_SEPARATORS).upper()
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def spaced(code: str) -> str:
    """How a short code is printed: two groups of four with a hyphen ("ACDE-FGHJ")."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"
