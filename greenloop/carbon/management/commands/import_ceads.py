"""greenloop import_ceads --dir RAW [--provinces all|630000,...] [--extract]

Imports CEADs' provincial workbooks as published (all 30 provinces by default); with
``--extract`` writes the Qinghai extract and the city totals the default load reads instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from greenloop.carbon import importing, loaders
from greenloop.carbon.engine import ceads
from greenloop.core.loading import DataFileError, LoadResult

CITIES = {"青海西宁": ("630100", "西宁市")}


class Command(BaseCommand):
    help = "Import CEADs provincial CO2 inventories from the publisher's workbooks"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=os.environ.get("GREENLOOP_CEADS_DIR", ""))
        parser.add_argument("--provinces", default="all")
        parser.add_argument("--extract", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["dir"] or ".").expanduser()
        if not folder.is_dir():
            raise CommandError(f"{folder}: not a folder (give --dir or GREENLOOP_CEADS_DIR)")
        only = None if options["provinces"] == "all" else set(options["provinces"].split(","))
        if options["extract"]:
            self._extract(folder)
            return
        result = LoadResult("carbon")
        try:
            count = importing.import_workbooks(folder, only, result)
        except DataFileError as error:
            raise CommandError("\n".join(error.problems)) from error
        self.stdout.write(
            f"{count} inventories: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )

    def _extract(self, folder: Path) -> None:
        parsed: list[ceads.ParsedInventory] = []
        problems: list[str] = []
        for path in ceads.province_workbooks(folder):
            found = ceads.parse_province_workbook(path, {"630000"})
            parsed.extend(found.inventories)
            problems.extend(found.problems)
        city_file = folder / "city_emissions_290_cities_1997_2019.xlsx"
        totals, city_problems = ceads.parse_city_workbook(city_file, set(CITIES))
        problems.extend(city_problems)
        if problems:
            raise CommandError("\n".join(problems))
        count = importing.write_extract(parsed, loaders.QINGHAI_EXTRACT)
        with loaders.CITY_EXTRACT.open("w", encoding="utf-8", newline="") as handle:
            handle.write("region_code,region_name,city,year,mt_co2,source\n")
            for total in totals:
                code, name = CITIES[total.city]
                handle.write(
                    f"{code},{name},{total.city},{total.year},{total.mt!r},{total.source}\n"
                )
        self.stdout.write(f"{count} cells, {len(totals)} city totals written")
