"""Industry codes (GB/T 4754-2017): section letter, then division, group or class digits."""

from __future__ import annotations

import csv

import pytest

from greenloop.orgs.calc import (
    INDUSTRY_FILE,
    InvalidCode,
    industry_divisions,
    industry_sections,
    validate_industry_code,
)


def test_the_table_has_20_sections_and_97_divisions_each_with_a_source() -> None:
    with INDUSTRY_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["source"] and row["name_zh"] and row["name_en"] for row in rows)
    assert sorted(industry_sections()) == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert sorted(industry_divisions()) == [f"{number:02d}" for number in range(1, 98)]
    assert {entry.section for entry in industry_divisions().values()} == set(industry_sections())


def test_divisions_are_numbered_in_section_order() -> None:
    divisions = sorted(industry_divisions().values(), key=lambda entry: entry.code)
    sections = [entry.section for entry in divisions]
    assert sections == sorted(sections)


@pytest.mark.parametrize(
    "code", ["C", "c", "D44", "D4416", "C25", "C251", "C2511", "J6621", "A01", "T97", "S9221"]
)
def test_valid_codes(code: str) -> None:
    assert validate_industry_code(code) == code.upper()


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("D25", "belongs to section C"),
        ("C44", "belongs to section D"),
        ("U", "not a section"),
        ("44", "not a section"),
        ("C2", "digits, not"),
        ("C25111", "digits, not"),
        ("C25A", "digits, not"),
        ("T98", "does not exist"),
        ("A00", "does not exist"),
        ("D2511", "belongs to section C"),
    ],
)
def test_invalid_codes_say_why(code: str, why: str) -> None:
    with pytest.raises(InvalidCode, match=why):
        validate_industry_code(code)


def test_every_division_validates_only_in_its_own_section() -> None:
    for division in industry_divisions().values():
        for section in industry_sections():
            code = f"{section}{division.code}1"
            if section == division.section:
                assert validate_industry_code(code) == code
            else:
                with pytest.raises(InvalidCode):
                    validate_industry_code(code)
