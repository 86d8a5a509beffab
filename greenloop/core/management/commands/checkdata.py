from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from greenloop.core.integrity import run_checks


class Command(BaseCommand):
    help = "Data-integrity checks of the reference data and registries."

    def handle(self, *args: Any, **options: Any) -> None:
        from greenloop.core.management.commands.run import pending_migrations

        if pending_migrations():
            raise CommandError(
                _("The database is not migrated: run “greenloop migrate” (or “greenloop run”).")
            )
        problems = run_checks()
        count = 0
        for label, messages in problems.items():
            for message in messages:
                count += 1
                self.stderr.write(f"[{label}] {message}")
        if count:
            raise CommandError(_("%(n)d data-integrity problem(s) found.") % {"n": count})
        self.stdout.write(self.style.SUCCESS(_("Data integrity: no problems found.")))
