"""Unified Social Credit Codes (GB 32100-2015): check character, authority and category."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greenloop.orgs.calc import (
    USCC_ALPHABET,
    USCC_AUTHORITIES,
    InvalidCode,
    uscc_check_char,
    uscc_checksum_ok,
    validate_uscc,
)

ALPHABET = st.sampled_from(USCC_ALPHABET)
PAIRS = [
    (first, second) for first, (_, _, seconds) in USCC_AUTHORITIES.items() for second in seconds
]


@st.composite
def valid_codes(draw: st.DrawFn) -> str:
    """A code whose every part follows the standard, check character computed."""
    first, second = draw(st.sampled_from(PAIRS))
    division = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    body = draw(st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9))
    first17 = first + second + division + body
    return first17 + uscc_check_char(first17)


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_any_17_characters_with_their_check_character_pass_the_checksum(first17: str) -> None:
    assert uscc_checksum_ok(first17 + uscc_check_char(first17))


@given(valid_codes())
def test_codes_built_by_the_standard_validate(code: str) -> None:
    assert validate_uscc(code) == code
    assert validate_uscc(f"  {code.lower()} ") == code


@given(
    valid_codes(),
    st.integers(min_value=0, max_value=17),
    st.sampled_from(USCC_ALPHABET + "IOSVZ-"),
)
def test_any_single_character_change_is_rejected(code: str, position: int, char: str) -> None:
    if code[position] == char:
        return
    changed = code[:position] + char + code[position + 1 :]
    with pytest.raises(InvalidCode):
        validate_uscc(changed)


def test_wrong_check_character_names_character_18_and_the_expected_one() -> None:
    first17 = "91630100MA7X00001"
    right = uscc_check_char(first17)
    wrong = next(char for char in USCC_ALPHABET if char != right)
    with pytest.raises(InvalidCode) as caught:
        validate_uscc(first17 + wrong)
    assert "character 18" in str(caught.value)
    assert caught.value.params == {"char": wrong, "expected": right}


@pytest.mark.parametrize(
    ("first17", "position"),
    [
        ("B1630100MA7X00001", "character 1"),  # B is no registration authority
        ("94630100MA7X00001", "character 2"),  # industry and commerce has categories 1-3 only
        ("Y2630100MA7X00001", "character 2"),  # "other" authorities have category 1 only
        ("91ABCDEFMA7X00001", "characters 3-8"),  # not an administrative division code
    ],
)
def test_structure_errors_say_which_character(first17: str, position: str) -> None:
    with pytest.raises(InvalidCode) as caught:
        validate_uscc(first17 + uscc_check_char(first17))
    assert position in str(caught.value)


def test_letters_outside_the_alphabet_and_wrong_lengths_are_rejected() -> None:
    with pytest.raises(InvalidCode, match="character 9"):
        validate_uscc("91630100OA7X000011")
    with pytest.raises(InvalidCode, match="18 characters"):
        validate_uscc("9163010")


@pytest.mark.parametrize(
    ("pair", "allowed"),
    [
        ("11", True),
        ("13", True),
        ("19", True),
        ("51", True),
        ("53", True),
        ("91", True),
        ("93", True),
        ("94", False),
        ("99", False),
        ("N3", True),
        ("A1", True),
        ("Y1", True),
        ("Y9", False),
        ("29", True),
        ("35", True),
        ("36", False),
    ],
)
def test_registration_authority_and_category_pairs(pair: str, allowed: bool) -> None:
    first17 = pair + "630000" + "MA0000001"
    code = first17 + uscc_check_char(first17)
    if allowed:
        assert validate_uscc(code) == code
    else:
        with pytest.raises(InvalidCode):
            validate_uscc(code)
