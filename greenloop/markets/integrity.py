"""``greenloop check``: the registry ledger balances (see selectors.ledger_discrepancies)."""

from __future__ import annotations

from greenloop.markets.selectors import ledger_discrepancies


def check() -> list[str]:
    return [f"markets ledger: {problem}" for problem in ledger_discrepancies()]
