"""Scoring and ranking throughput, as ratios against a reference measured in the same run.

Run: .venv/bin/python benchmarks/registry_scoring.py

Reference: parsing the green-factory scheme from its JSON text (the work every request that
scores an application does once). Figures: scoring one application, ranking 1000 parks on
five indicators, drawing a spot-check sample of 50 from 10 000 listings. No assertions.
"""

from __future__ import annotations

import json
import random
import timeit
from pathlib import Path

from greenloop.registry import engine

SCHEME_TEXT = (
    Path(__file__).resolve().parent.parent
    / "greenloop"
    / "data"
    / "registry"
    / "schemes"
    / "green_factory.json"
).read_text(encoding="utf-8")
SCHEME = engine.parse_scheme(json.loads(SCHEME_TEXT))
ANSWERS = {item.code: True for item in SCHEME.prerequisites}
for indicator in SCHEME.indicators():
    ANSWERS[indicator.code] = True if indicator.rule == "yes_no" else 1
EVIDENCE = set(ANSWERS)


def best(statement: object, number: int) -> float:
    return min(timeit.repeat(statement, number=number, repeat=5)) / number  # type: ignore[arg-type]


def main() -> None:
    reference = best(lambda: engine.parse_scheme(json.loads(SCHEME_TEXT)), 200)
    scoring = best(lambda: engine.score(SCHEME, ANSWERS, EVIDENCE), 200)
    generator = random.Random(1)  # noqa: S311 - reproducible benchmark data
    indicators = [engine.ParkIndicator(f"i{k}", 1.0, "higher") for k in range(5)]
    parks = {f"p{n}": {f"i{k}": generator.random() for k in range(5)} for n in range(1000)}
    ranking = best(lambda: engine.rank_parks(indicators, parks), 3)
    population = [f"QH-GF-{n:05d}" for n in range(10_000)]
    drawing = best(lambda: engine.draw_sample(population, 50, seed=7), 20)
    print(f"reference: parse the GB/T 36132 scheme  {reference * 1e6:10.1f} µs  (1.00)")
    print(f"score one application                  ratio {scoring / reference:8.2f}")
    print(f"rank 1000 parks on 5 indicators         ratio {ranking / reference:8.2f}")
    print(f"draw 50 of 10 000 listings              ratio {drawing / reference:8.2f}")


if __name__ == "__main__":
    main()
