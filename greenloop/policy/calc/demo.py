"""Deterministic demonstration progress (never real): a status and percent per task and year."""

from __future__ import annotations

import hashlib

STATES_BY_SHARE = (
    (0.6, "accepted"),
    (0.8, "submitted"),
    (0.88, "returned"),
    (0.96, "draft"),
    (1.0, "missing"),
)


def _unit(*parts: object) -> float:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def demo_progress(task_code: str, year: int, first_year: int) -> tuple[str, int]:
    """(status, percent) for a demonstration report: percent grows with the years, some tasks
    fall behind (at risk, delayed), some complete."""
    steps = year - first_year + 1
    pace = 10 + int(_unit(task_code, "pace") * 25)  # percent per year
    percent = min(100, pace * steps)
    lag = _unit(task_code, year, "lag")
    behind = _unit(task_code, "behind") < 0.12
    if percent >= 100:
        return "completed", 100
    if behind:
        return ("delayed" if lag < 0.5 else "at_risk"), max(0, percent - 15)
    if lag < 0.08:
        return "at_risk", percent
    if percent == 0:
        return "not_started", 0
    return "on_track", percent


def demo_state(task_code: str, year: int, latest_year: int) -> str:
    """Workflow state of a demonstration report: earlier years accepted; the latest year mixed
    (accepted, submitted, returned, draft, or no report at all)."""
    if year < latest_year:
        return "accepted"
    draw = _unit(task_code, year, "state")
    return next(state for share, state in STATES_BY_SHARE if draw < share)
