"""The pure scoring engine: rules, weights, pass rule, ranges; validity; draws; chains."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from greenloop.registry import engine

SCHEMES = Path(__file__).resolve().parents[2] / "data" / "registry" / "schemes"


def factory() -> engine.Scheme:
    return engine.parse_scheme(json.loads((SCHEMES / "green_factory.json").read_text()))


@pytest.mark.parametrize("path", sorted(SCHEMES.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_scheme_parses_and_names_its_source(path: Path) -> None:
    raw = json.loads(path.read_text())
    scheme = engine.parse_scheme(raw)
    assert raw["source"] and scheme.parts
    assert sum(part.weight for part in scheme.parts) == pytest.approx(scheme.max_total)


def test_part_scores_are_earned_over_available_times_weight(
    factory_answers: dict[str, Any],
) -> None:
    scheme = factory()
    evidence = {"P1", "P2", "P3", "F1", "F3", "F4", "F5", "F6", "F9", "F12", "F13", "F15"}
    result = engine.score(scheme, factory_answers, evidence)
    parts = {part.code: part for part in result.parts}
    # Performance: F16 5/6, F17 4/4, F18 5/6, F19 92% → 4/4, F20 60 ≥ 50 → 3/3, F21 4/5, F22 2/2
    assert parts["performance"].earned == 27
    assert parts["performance"].score == pytest.approx(27 / 30 * 30)
    assert parts["inputs"].score == pytest.approx(13 / 15 * 15)
    assert result.total == pytest.approx(sum(part.score for part in result.parts), abs=0.01)
    assert result.passed


def test_yes_without_required_evidence_earns_nothing(factory_answers: dict[str, Any]) -> None:
    scheme = factory()
    result = engine.score(scheme, factory_answers, {"P1", "P2", "P3"})
    f3 = next(item for item in result.indicators if item.code == "F3")
    assert f3.earned == 0 and f3.note == "evidence required"
    assert "F3" in result.unmet_required and not result.passed


def test_failed_prerequisite_fails_whatever_the_total(factory_answers: dict[str, Any]) -> None:
    answers = {**factory_answers, "P2": False}
    evidence = {"P1", "P2", "P3", "F1", "F3", "F4", "F5", "F6", "F9", "F12", "F13", "F15"}
    result = engine.score(factory(), answers, evidence)
    assert result.failed_prerequisites == ("P2",)
    assert result.total > 80 and not result.passed


def test_threshold_and_bands() -> None:
    scheme = factory()
    base = {"F19": 69.9, "F20": 49.9}
    result = {item.code: item for item in engine.score(scheme, base).indicators}
    assert result["F19"].earned == 2  # [50, 70)
    assert result["F20"].earned == 0  # below the minimum 50
    result = {item.code: item for item in engine.score(scheme, {"F19": 70, "F20": 50}).indicators}
    assert result["F19"].earned == 3 and result["F20"].earned == 3


@pytest.mark.parametrize(
    "answers",
    [{"F7": 7}, {"F7": -1}, {"F19": "many"}, {"F1": "perhaps"}, {"X99": 1}, {"F19": -3}],
)
def test_answers_out_of_range_or_of_the_wrong_kind_are_refused(answers: dict[str, Any]) -> None:
    with pytest.raises(engine.AnswerError) as error:
        engine.score(factory(), answers)
    assert set(error.value.problems) == set(answers)


def test_a_scheme_whose_weights_do_not_add_up_is_refused() -> None:
    raw = json.loads((SCHEMES / "green_school.json").read_text())
    raw["parts"][0]["weight"] = 90
    with pytest.raises(engine.SchemeError, match="add up to 90"):
        engine.parse_scheme(raw)


def test_validity_status_and_period() -> None:
    start = dt.date(2024, 2, 29)
    end = engine.valid_until(start, 3)
    assert end == dt.date(2027, 2, 27)
    assert engine.validity_status(dt.date(2027, 2, 27), start, end, False) == "valid"
    assert engine.validity_status(dt.date(2027, 2, 28), start, end, False) == "expired"
    assert engine.validity_status(dt.date(2025, 1, 1), start, end, True) == "revoked"
    assert engine.validity_status(dt.date(2024, 1, 1), start, end, False) == "not_yet_valid"


def test_spot_check_draw_is_reproducible_from_its_seed() -> None:
    population = [f"C{i:03d}" for i in range(50)]
    first = engine.draw_sample(population, 5, seed=20250101)
    assert first == engine.draw_sample(list(reversed(population)), 5, seed=20250101)
    assert len(set(first)) == 5 and set(first) <= set(population)
    assert first != engine.draw_sample(population, 5, seed=20250102)


def test_chain_refuses_inputs_after_harvest() -> None:
    steps = [
        engine.TraceStep("input", dt.date(2025, 5, 1)),
        engine.TraceStep("harvest", dt.date(2025, 8, 1)),
    ]
    assert engine.chain_problems(steps, engine.TraceStep("input", dt.date(2025, 8, 2)))
    assert not engine.chain_problems(steps, engine.TraceStep("input", dt.date(2025, 7, 30)))
    assert engine.chain_problems(steps[:1], engine.TraceStep("harvest", dt.date(2025, 4, 1)))
    assert engine.chain_problems(steps[:1], engine.TraceStep("sale", dt.date(2025, 9, 1)))
    assert engine.chain_problems(steps, engine.TraceStep("harvest", dt.date(2025, 9, 1)))


def test_park_ranking_contributions_add_up_to_the_score() -> None:
    indicators = [engine.ParkIndicator("a", 1, "higher"), engine.ParkIndicator("b", 2, "lower")]
    values: dict[str, dict[str, float | None]] = {
        "p1": {"a": 10, "b": 5},
        "p2": {"a": 0, "b": 1},
        "p3": {"a": 5, "b": None},
    }
    ranked = engine.rank_parks(indicators, values)
    by_park = {item.park: item for item in ranked}
    assert by_park["p2"].contributions == {"a": 0.0, "b": 2.0}
    assert by_park["p1"].contributions == {"a": 1.0, "b": 0.0}
    assert by_park["p3"].missing == ("b",)
    assert [item.park for item in ranked] == ["p2", "p1", "p3"]
    for item in ranked:
        assert item.score == pytest.approx(sum(item.contributions.values()))


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("green_school.json", ["E1", "E2", "E3", "E4", "E5"]),
        ("green_community.json", ["M1", "M2", "M3", "M4", "M5"]),
        ("cleaner_production_audit.json", ["P1", "C1", "C2", "C3", "C4", "C5"]),
    ],
)
def test_all_or_nothing_schemes_pass_only_when_every_item_is_met(
    name: str, codes: list[str]
) -> None:
    scheme = engine.parse_scheme(json.loads((SCHEMES / name).read_text()))
    answers = dict.fromkeys(codes, True)
    assert engine.score(scheme, answers, set(codes)).passed
    assert engine.score(scheme, answers, set(codes)).total == 100
    for code in codes:
        result = engine.score(scheme, {**answers, code: False}, set(codes))
        assert not result.passed, code
