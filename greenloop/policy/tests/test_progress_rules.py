"""Pure rules: numerals, comparison, overdue, lagging, evidence types, demo determinism."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from greenloop.policy.calc import chinese_numeral, parse_numeral
from greenloop.policy.calc.demo import demo_progress
from greenloop.policy.calc.division import parse_deadline, split_names
from greenloop.policy.calc.evidence import evidence_kind
from greenloop.policy.calc.progress import (
    check_key_figures,
    compare,
    is_overdue,
    lagging,
    worst_status,
)


@given(st.integers(min_value=1, max_value=99))
def test_numerals_round_trip(number: int) -> None:
    assert parse_numeral(chinese_numeral(number)) == number


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十五", 25), ("２５", 25), ("甲", None)],
)
def test_parse_numeral(text: str, value: int | None) -> None:
    assert parse_numeral(text) == value


def test_compare_lists_changed_fields_only() -> None:
    before = {"state": "draft", "percent": 10, "narrative": "a"}
    after = {"state": "draft", "percent": 30, "narrative": "b"}
    assert compare(before, after) == [("percent", 10, 30), ("narrative", "a", "b")]


def test_overdue() -> None:
    due = dt.date(2025, 12, 31)
    assert is_overdue(None, due, dt.date(2026, 1, 1))
    assert is_overdue("returned", due, dt.date(2026, 1, 1))
    assert not is_overdue("submitted", due, dt.date(2026, 1, 1))
    assert not is_overdue("draft", due, due)


def test_lagging_needs_two_years_in_a_row() -> None:
    assert lagging({2024: "at_risk", 2025: "delayed"}, 2025)
    assert not lagging({2023: "delayed", 2025: "delayed"}, 2025)
    assert not lagging({2024: "at_risk", 2025: "on_track"}, 2025)


def test_worst_status() -> None:
    assert worst_status(["completed", "at_risk", "on_track"]) == "at_risk"
    assert worst_status([]) is None


def test_key_figures() -> None:
    assert check_key_figures({"green_loan_balance": 1.5, "x": None}) == []
    assert (
        check_key_figures({"a": "12"}) and check_key_figures([1]) and check_key_figures({"a": True})
    )


def test_evidence_kind_reads_content() -> None:
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    assert evidence_kind(out.getvalue()) == "xlsx"
    assert evidence_kind(b"%PDF-1.7\n") == "pdf"
    assert evidence_kind(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20) == "png"
    assert evidence_kind(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpg"
    assert evidence_kind(b"MZ\x90\x00" + b"\x00" * 60) is None
    assert evidence_kind(b"\x7fELF" + b"\x00" * 60) is None
    assert evidence_kind(b"PK\x03\x04" + b"\x00" * 60) is None  # a zip that is no workbook


def test_deadlines_and_names() -> None:
    assert parse_deadline("每年") == "annual"
    assert parse_deadline("2025年底前") == "by_2025"
    assert parse_deadline("2035年") == "by_2035"
    assert parse_deadline("持续推进") == "continuing"
    assert parse_deadline("尽快") is None
    assert split_names("省发展改革委、省能源局,省财政厅\n省统计局") == [
        "省发展改革委",
        "省能源局",
        "省财政厅",
        "省统计局",
    ]


def test_demo_progress_is_deterministic_and_grows() -> None:
    first = demo_progress("t", 2022, 2022)
    assert first == demo_progress("t", 2022, 2022)
    percents = [demo_progress("task-x", year, 2022)[1] for year in range(2022, 2026)]
    assert all(0 <= p <= 100 for p in percents)
