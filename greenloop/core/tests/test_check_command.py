"""`greenloop check`: Django system checks plus data integrity."""

from __future__ import annotations

import pytest

from greenloop.cli import main


def test_check_passes_on_the_default_data(db, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "数据完整性" in out  # the console speaks Chinese by default


def test_check_reports_a_planted_problem(db, capsys):
    from greenloop.geo.models import Region

    Region.objects.filter(code="632801").update(parent=Region.objects.get(code="630100"))
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "632801" in captured.err


@pytest.mark.parametrize("argv", [["--help"], []])
def test_help_lists_the_commands(argv, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    for command in ("run", "load", "check", "createuser"):
        assert f"greenloop {command}" in out


def test_check_on_an_unmigrated_database_says_what_to_do(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("GREENLOOP_")}
    env.update(
        GREENLOOP_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    )
    result = subprocess.run(
        [sys.executable, "-m", "greenloop.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "greenloop migrate" in result.stderr
