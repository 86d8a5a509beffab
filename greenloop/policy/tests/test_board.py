"""Supervision board selectors: the matrix, filters, overdue and lagging tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from greenloop.policy import selectors
from greenloop.policy.calc.progress import BEHIND
from greenloop.policy.models import ProgressReport


def test_matrix_cells_hold_the_worst_status(db: Any) -> None:
    board = selectors.board(2024)
    assert len(board.rows) == 25
    assert board.demonstration
    for _measure, cells in board.rows:
        for cell in cells:
            if cell:
                statuses = {r.status for _t, r in cell["items"] if r}
                assert cell["status"] in statuses or cell["status"] == "missing"
                if statuses & BEHIND:
                    assert cell["status"] in BEHIND


def test_filters(db: Any) -> None:
    finance = selectors.board(2024, part=8)
    assert [m.number for m, _ in finance.rows] == [20, 21, 22, 23, 24, 25]
    pboc = selectors.board(2024, department="qh-pboc")
    assert [org.code for org in pboc.departments] == ["qh-pboc"]
    assert [m.number for m, _ in pboc.rows] == [23]
    xining = selectors.board(2024, prefecture="630100")
    assert {m.number for m, _ in xining.rows} >= {17}


def test_overdue_are_open_or_missing_reports_past_due(db: Any) -> None:
    items = selectors.overdue(2025, dt.date(2026, 1, 10))
    assert items
    assert all(item.report is None or item.report.state in {"draft", "returned"} for item in items)
    assert selectors.overdue(2025, dt.date(2025, 12, 31)) == []


def test_lagging_two_years(db: Any) -> None:
    found = selectors.lagging_tasks(2025)
    assert found
    for task, org in found:
        statuses = dict(
            ProgressReport.objects.filter(
                task=task, department=org, year__in=(2024, 2025)
            ).values_list("year", "status")
        )
        assert statuses[2024] in BEHIND and statuses[2025] in BEHIND
