"""Checks on submitted values in long format (region, indicator, unit, period, value).

Pure: the caller passes what the catalogue and the database say. Every problem is located
(sheet, row, column) so the submitter can find it; errors refuse the whole submission,
warnings (year-on-year jumps) pass only with a comment.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from greenloop.monitoring import calc, unitmap

YOY_THRESHOLD = 30.0  # % change against the previous year that needs an explanation


@dataclass(frozen=True)
class Location:
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column}


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    level: str = "error"

    def as_dict(self) -> dict[str, object]:
        return {**self.location.as_dict(), "message": self.message, "level": self.level}


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    unit: str
    categorical: bool = False
    min_value: float | None = None
    max_value: float | None = None
    parts: tuple[str, ...] = ()


@dataclass
class RawRow:
    region: str
    indicator: str
    unit: str
    period: str
    value: object
    comment: str = ""
    # Where each field came from: column name → location.
    where: Mapping[str, Location] = field(default_factory=dict)
    status: str = "preliminary"
    source: str = ""

    def at(self, name: str) -> Location:
        return self.where.get(name) or self.where.get("*") or Location()


@dataclass
class CleanRow:
    region: str
    indicator: str
    period: str
    year: int
    value: float | None
    value_text: str
    comment: str
    status: str
    source: str
    row: RawRow


@dataclass
class Checked:
    rows: list[CleanRow]
    errors: list[Problem]
    warnings: list[Problem]


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def check_rows(
    rows: Sequence[RawRow],
    indicators: Mapping[str, IndicatorSpec],
    regions: set[str],
    periods: set[str] | None = None,
    previous: Mapping[tuple[str, str, int], float] | None = None,
    yoy_threshold: float = YOY_THRESHOLD,
) -> Checked:
    """Validate, convert to canonical units, and find jumps. ``regions``: codes the submitter
    may report; ``periods``: allowed periods (None: any); ``previous``: stored values by
    (indicator, region, year)."""
    previous = previous or {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    clean: list[CleanRow] = []
    seen: dict[tuple[str, str, str], RawRow] = {}
    for row in rows:
        spec = indicators.get(row.indicator)
        before = len(errors)
        if spec is None:
            errors.append(
                Problem(
                    row.at("indicator"), _("unknown indicator “%(code)s”") % {"code": row.indicator}
                )
            )
        if row.region not in regions:
            errors.append(
                Problem(
                    row.at("region"),
                    _("region code “%(code)s” is unknown or not yours") % {"code": row.region},
                )
            )
        try:
            kind, year = calc.parse_period(row.period)
        except calc.PeriodError:
            errors.append(
                Problem(
                    row.at("period"),
                    _("“%(value)s” is not a period (2020, 2020Q1 or 2020-03)")
                    % {"value": row.period},
                )
            )
            kind, year = "", 0
        if periods is not None and year and row.period not in periods:
            errors.append(
                Problem(
                    row.at("period"),
                    _("period %(period)s is outside this template") % {"period": row.period},
                )
            )
        if spec is None or len(errors) > before:
            continue
        value: float | None = None
        value_text = ""
        if spec.categorical:
            value_text = str(row.value or "").strip()
            if not value_text:
                errors.append(Problem(row.at("value"), _("empty value")))
                continue
        else:
            number = _number(row.value)
            if number is None:
                errors.append(
                    Problem(
                        row.at("value"), _("“%(value)s” is not a number") % {"value": row.value}
                    )
                )
                continue
            try:
                value = unitmap.convert(number, row.unit or spec.unit, spec.unit)
            except unitmap.UnitError:
                errors.append(
                    Problem(
                        row.at("unit"),
                        _("wrong unit “%(unit)s” for %(code)s (%(expected)s)")
                        % {"unit": row.unit, "code": spec.code, "expected": spec.unit},
                    )
                )
                continue
            if spec.min_value is not None and value < spec.min_value:
                errors.append(
                    Problem(
                        row.at("value"),
                        _("%(value)s %(unit)s is below %(limit)s")
                        % {
                            "value": f"{value:g}",
                            "unit": spec.unit,
                            "limit": f"{spec.min_value:g}",
                        },
                    )
                )
                continue
            if spec.max_value is not None and value > spec.max_value:
                errors.append(
                    Problem(
                        row.at("value"),
                        _("%(value)s %(unit)s is above %(limit)s")
                        % {
                            "value": f"{value:g}",
                            "unit": spec.unit,
                            "limit": f"{spec.max_value:g}",
                        },
                    )
                )
                continue
        key = (row.indicator, row.region, row.period)
        if key in seen:
            first = seen[key].at("value")
            errors.append(
                Problem(
                    row.at("value"),
                    _("duplicate: %(code)s %(region)s %(period)s also at row %(row)s")
                    % {
                        "code": row.indicator,
                        "region": row.region,
                        "period": row.period,
                        "row": first.row,
                    },
                )
            )
            continue
        seen[key] = row
        clean.append(
            CleanRow(
                region=row.region,
                indicator=row.indicator,
                period=row.period,
                year=year,
                value=value,
                value_text=value_text,
                comment=row.comment.strip(),
                status=row.status,
                source=row.source,
                row=row,
            )
        )
        del kind
    _check_parts(clean, indicators, errors)
    _check_jumps(clean, previous, yoy_threshold, errors, warnings)
    return Checked(rows=clean, errors=errors, warnings=warnings)


def _check_parts(
    clean: list[CleanRow], indicators: Mapping[str, IndicatorSpec], errors: list[Problem]
) -> None:
    values = {(row.indicator, row.region, row.period): row for row in clean}
    for row in clean:
        spec = indicators[row.indicator]
        if not spec.parts or row.value is None:
            continue
        parts = [values.get((part, row.region, row.period)) for part in spec.parts]
        if any(part is None or part.value is None for part in parts):
            continue
        amounts = [part.value for part in parts if part is not None and part.value is not None]
        if not calc.parts_consistent(row.value, amounts):
            errors.append(
                Problem(
                    row.row.at("value"),
                    _("%(code)s %(value)s is not the sum of %(parts)s (%(total)s)")
                    % {
                        "code": row.indicator,
                        "value": f"{row.value:g}",
                        "parts": "+".join(spec.parts),
                        "total": f"{sum(amounts):g}",
                    },
                )
            )


def _check_jumps(
    clean: list[CleanRow],
    previous: Mapping[tuple[str, str, int], float],
    threshold: float,
    errors: list[Problem],
    warnings: list[Problem],
) -> None:
    submitted = {
        (row.indicator, row.region, row.year): row.value
        for row in clean
        if row.period == str(row.year)
    }
    for row in clean:
        if row.value is None or row.period != str(row.year):
            continue
        key = (row.indicator, row.region, row.year - 1)
        before = submitted.get(key, previous.get(key))
        change = calc.yoy_change(before, row.value)
        if change is None or abs(change) <= threshold:
            continue
        message = _("changes %(change)s%% on %(year)s (%(before)s → %(after)s)") % {
            "change": f"{change:+.1f}",
            "year": row.year - 1,
            "before": f"{before:g}",
            "after": f"{row.value:g}",
        }
        if row.comment:
            warnings.append(
                Problem(
                    row.row.at("value"),
                    _("%(message)s; comment: %(comment)s")
                    % {"message": message, "comment": row.comment},
                    "warning",
                )
            )
        else:
            errors.append(
                Problem(
                    row.row.at("comment"),
                    _("%(message)s: a jump over %(limit)s%% needs a comment")
                    % {"message": message, "limit": f"{threshold:g}"},
                )
            )
