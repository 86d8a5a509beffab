"""Identifier checks for organizations. Pure Python: no Django here.

Unified Social Credit Code (GB 32100-2015): 18 characters from a 31-character alphabet
(digits and upper-case letters without I, O, Z, S, V):
  1 registration authority, 1 organization category, 6 administrative division code,
  9 organization code (GB 11714), 1 check character.
The check character is C18 = 31 - (sum(C_i * W_i) mod 31), with 31 written as 0.
"""

from __future__ import annotations

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(USCC_ALPHABET)}


class InvalidCode(ValueError):
    """An identifier that does not satisfy its standard; the message says why."""


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    if len(first17) != 17:
        raise InvalidCode(f"need 17 characters to compute the check character, got {len(first17)}")
    total = 0
    for position, (char, weight) in enumerate(zip(first17, USCC_WEIGHTS, strict=True), start=1):
        if char not in _VALUE:
            raise InvalidCode(f"character {position} ({char!r}) is not allowed in a credit code")
        total += _VALUE[char] * weight
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(code: str) -> str:
    """Return the normalized (upper-case, stripped) code, or raise InvalidCode saying why."""
    normalized = code.strip().upper()
    if len(normalized) != 18:
        raise InvalidCode(f"a credit code has 18 characters, this one has {len(normalized)}")
    expected = uscc_check_char(normalized[:17])
    if normalized[17] not in _VALUE:
        raise InvalidCode(f"character 18 ({normalized[17]!r}) is not allowed in a credit code")
    if normalized[17] != expected:
        raise InvalidCode(
            f"check character is {normalized[17]!r} but the first 17 characters give {expected!r}"
        )
    if not normalized[2:8].isdigit():
        raise InvalidCode("characters 3-8 must be an administrative division code (6 digits)")
    return normalized
