"""greenloop import_energy FILE [--factor-set ceads-shan2018] [--year 2019]

An energy inventory in physical units (CEADs layout, one sheet per region) accounted with a
factor set; any problem is reported with its cell and nothing is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from greenloop.carbon import importing
from greenloop.core.loading import DataFileError, LoadResult


class Command(BaseCommand):
    help = "Import an energy inventory (physical units) and account its emissions"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--factor-set", default="ceads-shan2018")
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        result = LoadResult("carbon")
        try:
            stored = importing.import_energy(
                path, options["factor_set"], result, year=options["year"]
            )
        except DataFileError as error:
            raise CommandError("\n".join(error.problems)) from error
        for inventory in stored:
            self.stdout.write(f"{inventory.code}: {inventory.total_mt:.4f} Mt CO2")
