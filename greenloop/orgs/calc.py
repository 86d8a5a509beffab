"""Identifier checks for organizations. Pure Python: no Django here.

Unified Social Credit Code (GB 32100-2015): 18 characters from a 31-character alphabet
(digits and upper-case letters without I, O, Z, S, V):
  1 registration authority, 1 organization category, 6 administrative division code,
  9 organization code (GB 11714), 1 check character.
The check character is C18 = 31 - (sum(C_i * W_i) mod 31), with 31 written as 0.

Industry codes (GB/T 4754-2017, as amended 2019): a section letter A-T, optionally followed by
the 2-digit division, 3-digit group or 4-digit class, written "C", "C25", "C251", "C2511".
Sections and divisions come from ``greenloop/data/orgs/industry_gbt4754_2017.csv``.

Errors are :class:`InvalidCode` carrying an English message template (marked for translation
with the local ``gettext_noop``) and its parameters, so callers can show it in any language.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(USCC_ALPHABET)}

INDUSTRY_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "orgs" / "industry_gbt4754_2017.csv"
)


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue (makemessages) without translating it."""
    return message


# GB 32100-2015 code table: registration authority (character 1) -> (English name, Chinese
# name, its organization categories allowed as character 2). The table is a fact of the standard.
USCC_AUTHORITIES: Mapping[str, tuple[str, str, tuple[str, ...]]] = {
    "1": ("institutional staffing", "机构编制", ("1", "2", "3", "9")),
    "2": ("foreign affairs", "外交", ("1", "9")),
    "3": ("judicial administration", "司法行政", ("1", "2", "3", "4", "5", "9")),
    "4": ("culture", "文化", ("1", "9")),
    "5": ("civil affairs", "民政", ("1", "2", "3", "9")),
    "6": ("tourism", "旅游", ("1", "2", "9")),
    "7": ("religious affairs", "宗教", ("1", "2", "9")),
    "8": ("trade unions", "工会", ("1", "9")),
    "9": ("industry and commerce (market regulation)", "工商", ("1", "2", "3")),
    "A": ("Central Military Commission staffing", "中央军委改革和编制办公室", ("1", "9")),
    "N": ("agriculture", "农业", ("1", "2", "3", "9")),
    "Y": ("other", "其他", ("1",)),
}


class InvalidCode(ValueError):
    """An identifier that does not satisfy its standard; the message says why.

    ``template`` is an English message with ``%(name)s`` placeholders filled from ``params``;
    ``str(error)`` is the filled English message.
    """

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)


def _char_value(char: str, position: int) -> int:
    if char not in _VALUE:
        raise InvalidCode(
            gettext_noop("character %(position)d (“%(char)s”) is not allowed in a credit code"),
            position=position,
            char=char,
        )
    return _VALUE[char]


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    if len(first17) != 17:
        raise InvalidCode(
            gettext_noop("need 17 characters to compute the check character, got %(count)d"),
            count=len(first17),
        )
    total = sum(
        _char_value(char, position) * weight
        for position, (char, weight) in enumerate(zip(first17, USCC_WEIGHTS, strict=True), start=1)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_checksum_ok(code: str) -> bool:
    """True when ``code`` has 18 alphabet characters and a matching check character."""
    if len(code) != 18 or any(char not in _VALUE for char in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def validate_uscc(code: str) -> str:
    """Return the normalized (upper-case, stripped) code, or raise InvalidCode saying why."""
    normalized = code.strip().upper()
    if len(normalized) != 18:
        raise InvalidCode(
            gettext_noop("a credit code has 18 characters, this one has %(count)d"),
            count=len(normalized),
        )
    for position, char in enumerate(normalized, start=1):
        _char_value(char, position)
    authority = USCC_AUTHORITIES.get(normalized[0])
    if authority is None:
        raise InvalidCode(
            gettext_noop(
                "character 1 (“%(char)s”) is not a registration authority code of GB 32100-2015 "
                "(allowed: %(allowed)s)"
            ),
            char=normalized[0],
            allowed=", ".join(USCC_AUTHORITIES),
        )
    name_en, name_zh, categories = authority
    if normalized[1] not in categories:
        raise InvalidCode(
            gettext_noop(
                "character 2 (“%(char)s”) is not an organization category of registration "
                "authority “%(authority)s” (%(name_en)s); allowed: %(allowed)s"
            ),
            char=normalized[1],
            authority=normalized[0],
            name_en=name_en,
            name_zh=name_zh,
            allowed=", ".join(categories),
        )
    if not normalized[2:8].isdigit():
        raise InvalidCode(
            gettext_noop(
                "characters 3-8 (“%(chars)s”) must be an administrative division code (6 digits)"
            ),
            chars=normalized[2:8],
        )
    expected = uscc_check_char(normalized[:17])
    if normalized[17] != expected:
        raise InvalidCode(
            gettext_noop(
                "character 18 is the check character: it is “%(char)s” but the first 17 "
                "characters give “%(expected)s”"
            ),
            char=normalized[17],
            expected=expected,
        )
    return normalized


@dataclass(frozen=True)
class IndustryEntry:
    code: str  # "C" for a section, "25" for a division
    section: str
    name_zh: str
    name_en: str
    source: str


@functools.cache
def industry_table(path: Path = INDUSTRY_FILE) -> dict[str, IndustryEntry]:
    """Sections (key "C") and divisions (key "25") of GB/T 4754-2017."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [IndustryEntry(**row) for row in csv.DictReader(handle)]
    return {row.code: row for row in rows}


def industry_sections() -> dict[str, IndustryEntry]:
    return {code: entry for code, entry in industry_table().items() if code.isalpha()}


def industry_divisions() -> dict[str, IndustryEntry]:
    return {code: entry for code, entry in industry_table().items() if code.isdigit()}


def validate_industry_code(code: str) -> str:
    """Return the normalized code ("C2511"), or raise InvalidCode saying why."""
    normalized = code.strip().upper()
    if not normalized:
        raise InvalidCode(gettext_noop("an industry code is empty"))
    section, digits = normalized[0], normalized[1:]
    sections = industry_sections()
    if section not in sections:
        raise InvalidCode(
            gettext_noop("“%(char)s” is not a section of GB/T 4754-2017 (sections are A to T)"),
            char=section,
        )
    if not digits:
        return normalized
    if not digits.isdigit() or len(digits) not in (2, 3, 4):
        raise InvalidCode(
            gettext_noop(
                "after the section letter come 2 (division), 3 (group) or 4 (class) digits, "
                "not “%(digits)s”"
            ),
            digits=digits,
        )
    division = industry_divisions().get(digits[:2])
    if division is None:
        raise InvalidCode(
            gettext_noop("division %(division)s does not exist in GB/T 4754-2017"),
            division=digits[:2],
        )
    if division.section != section:
        raise InvalidCode(
            gettext_noop(
                "division %(division)s (%(name_en)s) belongs to section %(expected)s, "
                "not %(section)s"
            ),
            division=digits[:2],
            name_en=division.name_en,
            name_zh=division.name_zh,
            expected=division.section,
            section=section,
        )
    return normalized
