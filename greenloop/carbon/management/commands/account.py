"""greenloop account --region 630000 --years 2000-2021 [--by total|sector|fuel]
[--basis production|consumption]: the region's emissions per year, as the pages show them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from greenloop.carbon import selectors


def parse_years(text: str) -> list[int]:
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
        else:
            first = last = int(text)
    except ValueError:
        raise CommandError(_("--years: give a year or a range such as 2000-2021")) from None
    if first > last or first < 1900 or last > 2100:
        raise CommandError(_("--years: give a year or a range such as 2000-2021"))
    return list(range(first, last + 1))


class Command(BaseCommand):
    help = "Carbon accounts of a region: emissions per year by sector or fuel"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", default="630000")
        parser.add_argument("--years", default="1997-2019")
        parser.add_argument("--by", choices=["total", "sector", "fuel"], default="total")
        parser.add_argument("--basis", choices=["production", "consumption"], default="production")

    def handle(self, *args: Any, **options: Any) -> None:
        years = parse_years(options["years"])
        region = options["region"]
        available = set(selectors.years_available(region))
        if not available:
            raise CommandError(_("No inventory for region %(region)s.") % {"region": region})
        series = {row["year"]: row for row in selectors.series(region)}
        missing = []
        for year in years:
            found = selectors.breakdown(region, year, options["by"], options["basis"])
            if found is None:
                missing.append(year)
                continue
            row = series.get(year, {})
            per_capita = row.get("per_capita_t")
            demonstration = _("demonstration")
            flag = f"  [{demonstration}]" if found.demonstration else ""
            line = f"{year}  {found.total_mt:10.3f} Mt CO2"
            if per_capita:
                person = _("person")
                line += f"  {per_capita:6.2f} t/{person}"
            self.stdout.write(line + flag)
            for item in found.items:
                self.stdout.write(
                    f"      {item['code']:<26} {item['mt_co2']:10.4f}  {item['name']}"
                )
        if missing:
            self.stdout.write(
                _("No inventory for: %(years)s") % {"years": ", ".join(map(str, missing))}
            )
