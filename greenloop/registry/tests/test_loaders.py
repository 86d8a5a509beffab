"""The default data: schemes, public listings and GI products, loaded idempotently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from greenloop.core.loading import DataFileError, SilentProgress
from greenloop.registry import loaders
from greenloop.registry.models import FarmCertificate, Listing, Scheme


def test_second_load_changes_nothing(db: Any) -> None:
    for load in (loaders.load_schemes, loaders.load_listings, loaders.load_farm_products):
        result = load(SilentProgress())
        assert result.changed == 0, result


def test_loaded_rows_carry_their_sources(db: Any) -> None:
    assert Scheme.objects.count() >= 7
    assert Listing.objects.filter(scheme__code="green-factory").count() >= 10
    assert not Listing.objects.filter(source="").exists()
    gi = FarmCertificate.objects.filter(kind="gi")
    assert gi.filter(product_zh="柴达木枸杞").exists() and not gi.filter(source="").exists()


def test_a_broken_scheme_file_is_refused_with_its_name(
    tmp_path: Path, monkeypatch: Any, db: Any
) -> None:
    raw = json.loads((loaders.SCHEME_DIR / "green_factory.json").read_text())
    raw["parts"][0]["indicators"][0]["rule"]["type"] = "guess"
    (tmp_path / "broken.json").write_text(json.dumps(raw))
    monkeypatch.setattr(loaders, "SCHEME_DIR", tmp_path)
    with pytest.raises(DataFileError) as error:
        loaders.load_schemes(SilentProgress())
    assert "broken.json" in error.value.problems[0] and "guess" in error.value.problems[0]
