from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(BaseCommand):
    help = "Migrate, load the default data when the database is new, and serve the platform."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        from greenloop.accounts.services import ensure_admin
        from greenloop.geo.models import Region

        if pending_migrations():
            self.stdout.write(_("Migrating the database …"))
            call_command("migrate", interactive=False, verbosity=0)
        if not Region.objects.exists():
            self.stdout.write(_("New database: loading the default data …"))
            call_command("load")
        created = ensure_admin()
        if created is not None:
            username, password = created
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Administrator created. User name: %(user)s  One-time password: "
                        "%(password)s  (you must change it at first login)"
                    )
                    % {"user": username, "password": password}
                )
            )
        host, port = options["host"], options["port"]
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(_("Serving greenloop at http://%(addr)s/") % {"addr": f"{shown}:{port}"})
        call_command("runserver", f"{shown}:{port}", use_reloader=False, skip_checks=False)
