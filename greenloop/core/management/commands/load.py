from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from greenloop.core.loading import DataFileError, label_text, load_default_data
from greenloop.core.progress import RichProgress


class Command(BaseCommand):
    help = "Load the default reference data (regions, organizations, …). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with RichProgress() as progress:
                results = load_default_data(progress)
        except DataFileError as error:
            raise CommandError("\n".join(error.problems)) from error
        total_changed = 0
        for result in results:
            total_changed += result.changed
            self.stdout.write(
                _("%(label)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                % {
                    "label": label_text(result.label),
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
            for note in result.notes:
                self.stdout.write(f"  {note}")
        if total_changed == 0:
            self.stdout.write(
                self.style.SUCCESS(_("Nothing to change: the data is already loaded."))
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Loaded: %(n)d rows changed.") % {"n": total_changed})
            )
