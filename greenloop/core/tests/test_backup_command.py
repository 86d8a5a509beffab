"""`greenloop backup` copies the database and uploads; the copy opens and holds the data."""

from __future__ import annotations

import io
import shutil
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_backup_holds_the_regions(tmp_path, settings):
    from greenloop.core.loading import load_default_data
    from greenloop.geo.models import Region

    load_default_data()  # transactional tests start from an empty database
    settings.MEDIA_ROOT = tmp_path / "uploads"
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "evidence.txt").write_text("证明材料", encoding="utf-8")
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    (folder,) = (tmp_path / "backups").iterdir()
    assert (folder / "uploads" / "evidence.txt").read_text(encoding="utf-8") == "证明材料"
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / "greenloop.sqlite3") as copy:
            (count,) = copy.execute("SELECT COUNT(*) FROM geo_region").fetchone()
        assert count == Region.objects.count() > 0
    else:
        dump = folder / "greenloop.dump"
        assert dump.stat().st_size > 0 and dump.read_bytes()[:5] == b"PGDMP"
