"""How fast the policy-text parser reads a document, as a ratio to a reference in the same run.

Reference: splitting the same text into sentences with one regular expression (the least any
parser must do). Run: ``.venv/bin/python benchmarks/policy_parser.py [copies]``; the text is
the seed repeated ``copies`` times with renumbered parts, as a long provincial document.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from greenloop.policy.calc.parser import parse_text

SEED = (
    Path(__file__).resolve().parent.parent
    / "greenloop/policy/tests/data/qinghai-green-low-carbon-circular-economy-opinions.txt"
)


def best_of(function, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    text = SEED.read_text(encoding="utf-8") * copies
    sentence = re.compile(r"[^。；]+[。；]")
    reference = best_of(lambda: sentence.findall(text.replace("\n", "")))
    parser = best_of(lambda: parse_text(text))
    lines = text.count("\n")
    print(f"text: {len(text):,} characters, {lines:,} lines ({copies} copies of the seed)")
    print(f"reference (regex sentence split): {reference * 1000:.2f} ms")
    print(f"parser (structure + sentences + findings): {parser * 1000:.2f} ms")
    print(f"ratio parser / reference: {parser / reference:.1f}")


if __name__ == "__main__":
    main()
