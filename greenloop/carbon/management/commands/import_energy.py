"""greenloop import_energy FILE [--layout ceads|nbs] [--factor-set ceads-shan2018] [--year 2019]
[--region 630000]

An energy inventory in physical units accounted with a factor set. ``--layout ceads`` (default):
the CEADs layout, one sheet per region. ``--layout nbs``: the NBS provincial energy balance
(地区能源平衡表, xlsx or CSV; ``--region`` and ``--year`` required), mapped to the inventory as
documented in greenloop/data/carbon/README.md. Any problem is reported with its cell and nothing
is stored."""

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
        parser.add_argument("--layout", choices=["ceads", "nbs"], default="ceads")
        parser.add_argument("--factor-set", default="ceads-shan2018")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--region", default=None, help="GB/T 2260 code (nbs layout)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        result = LoadResult("carbon")
        try:
            if options["layout"] == "nbs":
                if not options["region"] or options["year"] is None:
                    raise CommandError("--layout nbs needs --region and --year")
                stored = importing.import_nbs_balance(
                    path,
                    options["factor_set"],
                    result,
                    region=options["region"],
                    year=options["year"],
                )
            else:
                stored = importing.import_energy(
                    path, options["factor_set"], result, year=options["year"]
                )
        except DataFileError as error:
            raise CommandError("\n".join(error.problems)) from error
        for inventory in stored:
            self.stdout.write(f"{inventory.code}: {inventory.total_mt:.4f} Mt CO2")
        if options["layout"] == "nbs":
            self.stdout.write(f"note: {importing.NBS_NOTE}")
