"""``greenloop import observations FILE``: long-format CSV (or a filled xlsx template) in,
checked whole, units converted, published at once as the operator's import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from greenloop.monitoring import services, workbook


class Command(BaseCommand):
    help = "Import data: `import observations FILE` (CSV: region,indicator,unit,period,value)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["observations"])
        parser.add_argument("file")
        parser.add_argument("--source", default="", help="source of the values (URL or document)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file %(path)s.") % {"path": path})
        try:
            rows = workbook.read_csv(path.read_bytes(), path.name)
            result = services.import_published(rows=rows, source=options["source"] or path.name)
        except workbook.UnreadableFile as error:
            raise CommandError(self._located(workbook.problems_of(error))) from error
        except services.SubmissionRefused as refused:
            raise CommandError(self._located(refused.problems)) from refused
        for warning in result.warnings:
            self.stdout.write(_("warning: %(message)s") % {"message": warning.message})
        self.stdout.write(_("%(count)d values imported.") % {"count": result.created})

    @staticmethod
    def _located(problems: list[Any]) -> str:
        lines = [_("Nothing was imported:")]
        for problem in problems:
            where = problem.location
            lines.append(f"{where.sheet}:{where.row or ''}:{where.column}: {problem.message}")
        return "\n".join(lines)
