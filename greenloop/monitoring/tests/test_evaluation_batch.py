"""The vectorised evaluation gives what the one-target evaluation gives."""

from __future__ import annotations

import numpy as np
import pytest

from greenloop.monitoring import calc


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_equals_single(seed: int) -> None:
    rng = np.random.default_rng(seed)
    years = list(range(2005, 2025))
    n = 200
    start = rng.uniform(10, 100, n)
    drift = rng.normal(0, 0.03, n)
    noise = rng.normal(0, 0.02, (n, len(years)))
    values = start[:, None] * np.cumprod(1 + drift[:, None] + noise, axis=1)
    at_least = rng.random(n) < 0.5
    levels = values[:, -1] * np.where(at_least, rng.uniform(0.9, 1.4, n), rng.uniform(0.6, 1.1, n))
    target_years = rng.integers(2025, 2036, n)
    batch = calc.evaluate_batch(values, years, levels, at_least, target_years)
    for row in range(n):
        spec = calc.TargetSpec(
            calc.AT_LEAST if at_least[row] else calc.AT_MOST,
            float(levels[row]),
            int(target_years[row]),
        )
        single = calc.evaluate(spec, dict(zip(years, values[row], strict=True)), years[-1])
        assert batch.status[row] == single.status
        assert batch.projected[row] == pytest.approx(single.projected)
        assert batch.projected_low[row] == pytest.approx(single.projected_low)
        assert batch.projected_high[row] == pytest.approx(single.projected_high)
        assert batch.actual_rate[row] == pytest.approx(single.actual_rate)
        assert batch.required_rate[row] == pytest.approx(single.required_rate)
