"""``greenloop backup``: a consistent copy of the database and the uploaded files.

SQLite (the embedded default): the online-backup API copies the live file safely while the
platform runs. PostgreSQL: ``pg_dump --format=custom`` (the client must be installed).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a folder under the var directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=None, help="folder (default var/backups)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target: Path = (options["output"] or settings.VAR_DIR / "backups") / stamp
        target.mkdir(parents=True, exist_ok=False)
        if connection.vendor == "sqlite":
            database = target / "greenloop.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(database) as copy:
                connection.connection.backup(copy)  # type: ignore[union-attr]
        elif connection.vendor == "postgresql":
            database = target / "greenloop.dump"
            if shutil.which("pg_dump") is None:
                raise CommandError(_("pg_dump is not installed: install the PostgreSQL client."))
            params = connection.get_connection_params()
            command = ["pg_dump", "--format=custom", f"--file={database}"]
            for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
                if params.get(key):
                    command.append(f"{flag}={params[key]}")
            command.append(str(params.get("dbname") or settings.DATABASES["default"]["NAME"]))
            env = {"PGPASSWORD": str(params["password"])} if params.get("password") else {}
            subprocess.run(command, check=True, env={**os.environ, **env})
        else:
            raise CommandError(
                _("No backup method for the %(vendor)s database.") % {"vendor": connection.vendor}
            )
        uploads = Path(settings.MEDIA_ROOT)
        if uploads.exists():
            shutil.copytree(uploads, target / "uploads")
        self.stdout.write(self.style.SUCCESS(_("Backup written to %(path)s") % {"path": target}))
