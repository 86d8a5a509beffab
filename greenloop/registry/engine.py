"""Pure recognition logic: schemes as data, scoring, validity, spot-check draws, trace checks.

No Django here (the import-linter contract forbids it). A scheme is a plain mapping read from
``greenloop/data/registry/schemes/*.json``; :func:`parse_scheme` checks it and gives frozen
dataclasses; :func:`score` applies it to an applicant's answers.

Indicator rules:
- ``yes_no``: the answer is true/false; a true answer earns the points; with
  ``evidence_required`` it earns them only when evidence is attached;
- ``threshold``: a number compared with ``threshold`` (``direction`` ``max``: at most,
  ``min``: at least); meeting it earns the points;
- ``banded``: a number placed in one of ``bands`` (``[low, high)`` with ``points``);
- ``points``: the assessor gives points between 0 and ``max`` directly.
A part's score is its earned points over its available points times the part's weight; the
total is the sum over parts (out of ``max_total``).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

RULE_TYPES = ("yes_no", "threshold", "banded", "points")


class SchemeError(ValueError):
    """A scheme file that does not hold together; ``problems`` lists each reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class AnswerError(ValueError):
    """Answers that cannot be scored; ``problems`` maps an indicator code to its reason."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key}: {value}" for key, value in problems.items()))


@dataclass(frozen=True)
class Band:
    low: float | None
    high: float | None
    points: float

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    rule: str
    points: float  # the most this indicator can earn
    unit: str = ""
    threshold: float | None = None
    direction: str = "max"
    bands: tuple[Band, ...] = ()
    evidence_required: bool = False
    required: bool = False  # a "must" indicator: the pass rule needs it met
    monitoring_code: str = ""  # the monitoring catalogue's indicator code, if any
    source: str = ""


@dataclass(frozen=True)
class Part:
    code: str
    name_zh: str
    name_en: str
    weight: float
    indicators: tuple[Indicator, ...]

    @property
    def available(self) -> float:
        return sum(indicator.points for indicator in self.indicators)


@dataclass(frozen=True)
class Prerequisite:
    code: str
    text_zh: str
    text_en: str
    evidence_required: bool = True
    source: str = ""


@dataclass(frozen=True)
class Scheme:
    code: str
    version: str
    name_zh: str
    name_en: str
    listing_kind: str
    validity_years: int | None
    max_total: float
    min_total: float
    prerequisites: tuple[Prerequisite, ...]
    parts: tuple[Part, ...]
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def indicators(self) -> list[Indicator]:
        return [indicator for part in self.parts for indicator in part.indicators]

    def indicator(self, code: str) -> Indicator | None:
        return next((item for item in self.indicators() if item.code == code), None)

    def prerequisite(self, code: str) -> Prerequisite | None:
        return next((item for item in self.prerequisites if item.code == code), None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _parse_indicator(raw: Mapping[str, Any], where: str, problems: list[str]) -> Indicator | None:
    code = str(raw.get("code") or "")
    rule = raw.get("rule") or {}
    kind = rule.get("type")
    if not code:
        problems.append(f"{where}: an indicator has no code")
        return None
    if kind not in RULE_TYPES:
        problems.append(f"{where}/{code}: rule type {kind!r} is not one of {', '.join(RULE_TYPES)}")
        return None
    bands: tuple[Band, ...] = ()
    if kind == "banded":
        bands = tuple(
            Band(_number(band.get("min")), _number(band.get("max")), float(band["points"]))
            for band in rule.get("bands") or []
        )
        if not bands:
            problems.append(f"{where}/{code}: a banded rule needs bands")
        points = max((band.points for band in bands), default=0.0)
    elif kind == "points":
        points = _number(rule.get("max")) or 0.0
    else:
        points = _number(rule.get("points")) or 0.0
    if points <= 0:
        problems.append(f"{where}/{code}: the indicator can earn no points")
    threshold = _number(rule.get("threshold"))
    if kind == "threshold" and threshold is None:
        problems.append(f"{where}/{code}: a threshold rule needs a numeric threshold")
    direction = str(rule.get("direction") or "max")
    if direction not in ("max", "min"):
        problems.append(f"{where}/{code}: direction must be max or min")
    return Indicator(
        code=code,
        name_zh=str(raw.get("name_zh") or ""),
        name_en=str(raw.get("name_en") or ""),
        rule=kind,
        points=points,
        unit=str(rule.get("unit") or ""),
        threshold=threshold,
        direction=direction,
        bands=bands,
        evidence_required=bool(rule.get("evidence_required")),
        required=bool(raw.get("required")),
        monitoring_code=str(raw.get("monitoring_code") or ""),
        source=str(raw.get("source") or ""),
    )


def parse_scheme(raw: Mapping[str, Any]) -> Scheme:
    """Check a scheme mapping and return it as a :class:`Scheme` (or raise SchemeError)."""
    problems: list[str] = []
    code = str(raw.get("code") or "")
    for key in ("code", "version", "name_zh", "listing_kind", "source"):
        if not raw.get(key):
            problems.append(f"{code or '?'}: {key} is missing")
    prerequisites = tuple(
        Prerequisite(
            code=str(item.get("code") or ""),
            text_zh=str(item.get("text_zh") or ""),
            text_en=str(item.get("text_en") or ""),
            evidence_required=bool(item.get("evidence_required", True)),
            source=str(item.get("source") or ""),
        )
        for item in raw.get("prerequisites") or []
    )
    parts: list[Part] = []
    for part in raw.get("parts") or []:
        indicators = [
            _parse_indicator(item, f"{code}/{part.get('code')}", problems)
            for item in part.get("indicators") or []
        ]
        weight = _number(part.get("weight"))
        if weight is None or weight <= 0:
            problems.append(f"{code}/{part.get('code')}: weight must be a positive number")
        parts.append(
            Part(
                code=str(part.get("code") or ""),
                name_zh=str(part.get("name_zh") or ""),
                name_en=str(part.get("name_en") or ""),
                weight=weight or 0.0,
                indicators=tuple(item for item in indicators if item is not None),
            )
        )
    codes = [item.code for item in prerequisites] + [
        indicator.code for part in parts for indicator in part.indicators
    ]
    duplicates = sorted({item for item in codes if codes.count(item) > 1})
    if duplicates:
        problems.append(f"{code}: codes used twice: {', '.join(duplicates)}")
    pass_rule = raw.get("pass_rule") or {}
    max_total = _number(raw.get("max_total")) or 100.0
    weights = sum(part.weight for part in parts)
    if parts and abs(weights - max_total) > 1e-6:
        problems.append(f"{code}: part weights add up to {weights:g}, not {max_total:g}")
    min_total = _number(pass_rule.get("min_total"))
    if min_total is None or not 0 <= min_total <= max_total:
        problems.append(f"{code}: pass_rule.min_total must lie between 0 and {max_total:g}")
    validity = raw.get("validity_years")
    if validity is not None and (not isinstance(validity, int) or validity <= 0):
        problems.append(f"{code}: validity_years must be a positive whole number or null")
    if problems:
        raise SchemeError(problems)
    return Scheme(
        code=code,
        version=str(raw["version"]),
        name_zh=str(raw["name_zh"]),
        name_en=str(raw.get("name_en") or ""),
        listing_kind=str(raw["listing_kind"]),
        validity_years=validity,
        max_total=max_total,
        min_total=min_total or 0.0,
        prerequisites=prerequisites,
        parts=tuple(parts),
        raw=raw,
    )


@dataclass(frozen=True)
class IndicatorScore:
    code: str
    part: str
    earned: float
    available: float
    met: bool
    note: str = ""


@dataclass(frozen=True)
class PartScore:
    code: str
    earned: float
    available: float
    weight: float
    score: float  # weighted: earned / available * weight


@dataclass(frozen=True)
class Result:
    total: float
    passed: bool
    parts: tuple[PartScore, ...]
    indicators: tuple[IndicatorScore, ...]
    failed_prerequisites: tuple[str, ...]
    unmet_required: tuple[str, ...]
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "passed": self.passed,
            "parts": [vars(part) for part in self.parts],
            "indicators": [vars(item) for item in self.indicators],
            "failed_prerequisites": list(self.failed_prerequisites),
            "unmet_required": list(self.unmet_required),
            "reasons": list(self.reasons),
        }


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "true", "1", "是"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("no", "false", "0", "否", ""):
        return False
    return None


def check_answers(scheme: Scheme, answers: Mapping[str, Any]) -> dict[str, str]:
    """Problems with the answers (code → reason): unknown codes, wrong types, out of range."""
    problems: dict[str, str] = {}
    known = {item.code for item in scheme.prerequisites} | {
        item.code for item in scheme.indicators()
    }
    for code in answers:
        if code not in known:
            problems[code] = "not a prerequisite or indicator of this scheme"
    for prerequisite in scheme.prerequisites:
        if prerequisite.code in answers and _as_bool(answers[prerequisite.code]) is None:
            problems[prerequisite.code] = "answer yes or no"
    for indicator in scheme.indicators():
        if indicator.code not in answers or answers[indicator.code] in (None, ""):
            continue
        value = answers[indicator.code]
        if indicator.rule == "yes_no":
            if _as_bool(value) is None:
                problems[indicator.code] = "answer yes or no"
            continue
        number = _number(value)
        if number is None:
            problems[indicator.code] = "a number is needed"
        elif indicator.rule == "points" and not 0 <= number <= indicator.points:
            problems[indicator.code] = f"points must lie between 0 and {indicator.points:g}"
        elif indicator.rule in ("threshold", "banded") and number < 0:
            problems[indicator.code] = "a measured value cannot be negative"
    return problems


def _indicator_score(
    indicator: Indicator, value: Any, has_evidence: bool
) -> tuple[float, bool, str]:
    if value is None or value == "":
        return 0.0, False, "no answer"
    if indicator.rule == "yes_no":
        yes = bool(_as_bool(value))
        if yes and indicator.evidence_required and not has_evidence:
            return 0.0, False, "evidence required"
        return (indicator.points, True, "") if yes else (0.0, False, "")
    number = _number(value)
    assert number is not None  # check_answers ran first
    if indicator.rule == "threshold":
        assert indicator.threshold is not None
        met = (
            number <= indicator.threshold
            if indicator.direction == "max"
            else number >= indicator.threshold
        )
        return (indicator.points if met else 0.0), met, ""
    if indicator.rule == "banded":
        band = next((band for band in indicator.bands if band.contains(number)), None)
        earned = band.points if band else 0.0
        return earned, earned > 0, "" if band else "outside every band"
    return number, number > 0, ""


def score(scheme: Scheme, answers: Mapping[str, Any], evidence: Iterable[str] = ()) -> Result:
    """Score ``answers`` (indicator/prerequisite code → value) against ``scheme``.

    ``evidence`` holds the codes that have at least one evidence file attached. Raises
    :class:`AnswerError` for answers that cannot be scored (wrong type, out of range).
    """
    problems = check_answers(scheme, answers)
    if problems:
        raise AnswerError(problems)
    evidenced = set(evidence)
    failed = []
    reasons = []
    for prerequisite in scheme.prerequisites:
        met = bool(_as_bool(answers.get(prerequisite.code)))
        if not met:
            failed.append(prerequisite.code)
            reasons.append(f"prerequisite {prerequisite.code} not met")
        elif prerequisite.evidence_required and prerequisite.code not in evidenced:
            failed.append(prerequisite.code)
            reasons.append(f"prerequisite {prerequisite.code} has no evidence")
    indicator_scores = []
    part_scores = []
    unmet_required = []
    for part in scheme.parts:
        earned_total = 0.0
        for indicator in part.indicators:
            earned, met, note = _indicator_score(
                indicator, answers.get(indicator.code), indicator.code in evidenced
            )
            earned_total += earned
            indicator_scores.append(
                IndicatorScore(indicator.code, part.code, earned, indicator.points, met, note)
            )
            if indicator.required and not met:
                unmet_required.append(indicator.code)
                reasons.append(f"required indicator {indicator.code} not met")
        weighted = earned_total / part.available * part.weight if part.available else 0.0
        part_scores.append(
            PartScore(part.code, earned_total, part.available, part.weight, round(weighted, 4))
        )
    total = round(sum(part.score for part in part_scores), 2)
    if total < scheme.min_total:
        reasons.append(f"total {total:g} below the pass mark {scheme.min_total:g}")
    passed = not failed and not unmet_required and total >= scheme.min_total
    return Result(
        total=total,
        passed=passed,
        parts=tuple(part_scores),
        indicators=tuple(indicator_scores),
        failed_prerequisites=tuple(failed),
        unmet_required=tuple(unmet_required),
        reasons=tuple(reasons),
    )


def missing_evidence(
    scheme: Scheme, answers: Mapping[str, Any], evidence: Iterable[str]
) -> list[str]:
    """Codes answered "yes" whose scheme entry requires evidence but which have none."""
    evidenced = set(evidence)
    missing = []
    for prerequisite in scheme.prerequisites:
        if prerequisite.evidence_required and prerequisite.code not in evidenced:
            missing.append(prerequisite.code)
    for indicator in scheme.indicators():
        if (
            indicator.rule == "yes_no"
            and indicator.evidence_required
            and _as_bool(answers.get(indicator.code))
            and indicator.code not in evidenced
        ):
            missing.append(indicator.code)
    return missing


# --- validity ------------------------------------------------------------------------------


def add_years(start: dt.date, years: int) -> dt.date:
    """``start`` plus whole years, 29 February becoming 28 February."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def valid_until(start: dt.date, years: int | None) -> dt.date | None:
    """The last day of validity (None: no end), e.g. 3 years from 2025-01-01 → 2027-12-31."""
    if years is None:
        return None
    return add_years(start, years) - dt.timedelta(days=1)


def validity_status(
    today: dt.date, valid_from: dt.date | None, valid_to: dt.date | None, revoked: bool
) -> str:
    """One of ``revoked``, ``not_yet_valid``, ``expired``, ``valid``."""
    if revoked:
        return "revoked"
    if valid_from is not None and today < valid_from:
        return "not_yet_valid"
    if valid_to is not None and today > valid_to:
        return "expired"
    return "valid"


# --- spot checks ---------------------------------------------------------------------------


def draw_sample(population: Sequence[str], size: int, seed: int) -> list[str]:
    """A reproducible random sample: the same population, size and seed give the same draw.

    The population is sorted first so the stored order does not change the draw.
    """
    ordered = sorted(set(population))
    if size < 0:
        raise ValueError("sample size cannot be negative")
    # Not for secrecy: the draw must be reproducible from its recorded seed.
    draw = random.Random(seed)  # noqa: S311
    return sorted(draw.sample(ordered, min(size, len(ordered))))


# --- traceability --------------------------------------------------------------------------

# The order a batch's stages happen in; inputs and production come before harvest.
STAGE_ORDER = {"input": 0, "harvest": 1, "processing": 2, "inspection": 3, "sale": 4}


@dataclass(frozen=True)
class TraceStep:
    stage: str
    date: dt.date


def chain_problems(steps: Sequence[TraceStep], new: TraceStep) -> list[str]:
    """Why ``new`` cannot join a batch that already has ``steps`` (empty: it can).

    Farm inputs must come before harvest or slaughter; a batch has one harvest; processing,
    inspection and sale come after the harvest; nothing is sold before it is harvested.
    """
    if new.stage not in STAGE_ORDER:
        return [f"unknown stage {new.stage!r}"]
    problems = []
    harvests = [step for step in steps if step.stage == "harvest"]
    if new.stage == "harvest" and harvests:
        problems.append("the batch already has a harvest or slaughter record")
    if new.stage == "harvest":
        late_inputs = [step for step in steps if step.stage == "input" and step.date > new.date]
        if late_inputs:
            problems.append("farm inputs are recorded after this harvest date")
    if new.stage == "input" and harvests and new.date > harvests[0].date:
        problems.append("a farm input cannot come after the harvest or slaughter")
    if new.stage in ("processing", "inspection", "sale"):
        if not harvests:
            problems.append("record the harvest or slaughter first")
        elif new.date < harvests[0].date:
            problems.append("this step cannot come before the harvest or slaughter")
    if new.stage == "sale":
        earlier = [step for step in steps if step.stage in ("processing", "inspection")]
        if any(step.date > new.date for step in earlier):
            problems.append("a sale cannot come before the batch's processing or inspection")
    return problems


# --- circular-park evaluation --------------------------------------------------------------


@dataclass(frozen=True)
class ParkIndicator:
    code: str
    weight: float
    direction: str  # "higher" is better or "lower" is better


@dataclass(frozen=True)
class ParkRank:
    park: str
    rank: int
    score: float
    contributions: dict[str, float]
    missing: tuple[str, ...]


def rank_parks(
    indicators: Sequence[ParkIndicator], values: Mapping[str, Mapping[str, float | None]]
) -> list[ParkRank]:
    """Rank parks on weighted, min-max normalised indicators.

    Each indicator's values across the parks are scaled to 0..1 (1 = best: highest when
    ``direction`` is "higher", lowest when "lower"); a park's contribution from an indicator
    is weight × scaled value, its score their sum (out of the weights' total). A missing value
    contributes 0 and is listed. With one distinct value every park scores 1 on it. Ties
    share a rank.
    """
    if not values:
        return []
    contributions: dict[str, dict[str, float]] = {park: {} for park in values}
    missing: dict[str, list[str]] = {park: [] for park in values}
    for indicator in indicators:
        present: dict[str, float] = {}
        for park, row in values.items():
            value = row.get(indicator.code)
            if value is not None and math.isfinite(float(value)):
                present[park] = float(value)
        low, high = (min(present.values()), max(present.values())) if present else (0.0, 0.0)
        for park in values:
            if park not in present:
                contributions[park][indicator.code] = 0.0
                missing[park].append(indicator.code)
                continue
            if high == low:
                scaled = 1.0
            elif indicator.direction == "lower":
                scaled = (high - present[park]) / (high - low)
            else:
                scaled = (present[park] - low) / (high - low)
            contributions[park][indicator.code] = round(indicator.weight * scaled, 4)
    scores = {park: round(sum(parts.values()), 4) for park, parts in contributions.items()}
    ordered = sorted(values, key=lambda park: (-scores[park], park))
    ranked = []
    for park in ordered:
        rank = 1 + sum(1 for other in ordered if scores[other] > scores[park])
        ranked.append(ParkRank(park, rank, scores[park], contributions[park], tuple(missing[park])))
    return ranked
