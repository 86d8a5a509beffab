"""greenloop account --region 630000 --years 2000-2021 prints each year and names the gaps."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command


def test_account_prints_years_and_gaps(db: Any) -> None:
    out = StringIO()
    call_command("account", "--region", "630000", "--years", "2000-2021", stdout=out)
    text = out.getvalue()
    assert text.startswith("2000")
    assert "51.752 Mt CO2" in text  # 2019
    assert "2020, 2021" in text


def test_account_by_sector(db: Any) -> None:
    out = StringIO()
    call_command("account", "--years", "2019", "--by", "sector", stdout=out)
    assert "S39" in out.getvalue()


def test_bad_years_and_unknown_region(db: Any) -> None:
    with pytest.raises(CommandError):
        call_command("account", "--years", "2021-2000")
    with pytest.raises(CommandError):
        call_command("account", "--region", "110000", "--years", "2019")
