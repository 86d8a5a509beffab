"""Progress rules: comparing report versions, overdue, lagging tasks, board cell status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

BEHIND = frozenset({"at_risk", "delayed"})
OPEN_STATES = frozenset({"draft", "returned"})
# Board colour of a group of reports: the worst status wins.
SEVERITY = ("delayed", "at_risk", "not_started", "on_track", "completed")
COMPARED_FIELDS = (
    "state",
    "status",
    "percent",
    "narrative",
    "key_figures",
    "next_steps",
    "review_comment",
)


def default_due_date(year: int) -> dt.date:
    """The year-end report is due on 31 December of its year."""
    return dt.date(year, 12, 31)


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for every compared field that differs between two versions."""
    return [
        (name, before.get(name), after.get(name))
        for name in COMPARED_FIELDS
        if before.get(name) != after.get(name)
    ]


def is_overdue(state: str | None, due: dt.date, today: dt.date) -> bool:
    """A report (or a missing one, state None) is overdue when its due date has passed and it
    has not been submitted."""
    return today > due and (state is None or state in OPEN_STATES)


def worst_status(statuses: Iterable[str]) -> str | None:
    present = set(statuses)
    return next((status for status in SEVERITY if status in present), None)


def lagging(statuses_by_year: Mapping[int, str], year: int) -> bool:
    """True when the task was at risk or delayed in ``year`` and in the year before."""
    return statuses_by_year.get(year) in BEHIND and statuses_by_year.get(year - 1) in BEHIND


def check_key_figures(figures: Any) -> list[str]:
    """Problems with key figures: a mapping of indicator code to a number (or null)."""
    if not isinstance(figures, dict):
        return ["key figures must be a mapping of indicator code to number"]
    problems = []
    for code, value in figures.items():
        if not isinstance(code, str) or not code.strip():
            problems.append("empty indicator code")
        elif value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            problems.append(f"{code}: not a number")
    return problems
