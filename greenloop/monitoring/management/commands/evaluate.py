"""``greenloop evaluate --year YYYY [--region CODE]``: the target scoreboard in the console."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from greenloop.geo.models import Region
from greenloop.monitoring import labels, selectors

MARKS = {"achieved": "●", "on_track": "●", "warning": "▲", "off_track": "■", "no_data": "○"}


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


class Command(BaseCommand):
    help = "Evaluate the plan targets for a year and print the scoreboard, most off track first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--region", default=None, help="region code, e.g. 630000")

    def handle(self, *args: Any, **options: Any) -> None:
        year, region = options["year"], options["region"]
        if not 1990 <= year <= 2100:
            raise CommandError(_("The year must be between 1990 and 2100."))
        if region and not Region.objects.filter(code=region).exists():
            raise CommandError(_("No region has the code “%(code)s”.") % {"code": region})
        items = selectors.evaluations(year, region)
        self.stdout.write(_("Target scoreboard for %(year)s") % {"year": year})
        header = [
            _("Status"),
            _("Indicator"),
            _("Region"),
            _("Target"),
            _("Latest"),
            _("Required %/yr"),
            _("Actual %/yr"),
            _("Projection [90% band]"),
            _("Why"),
        ]
        self.stdout.write(" | ".join(header))
        for item in items:
            target, result = item.target, item.evaluation
            latest = (
                f"{_fmt(result.actual)} ({result.actual_year})"
                if result.actual is not None
                else "—"
            )
            projection = (
                f"{_fmt(result.projected)} [{_fmt(result.projected_low)}, "
                f"{_fmt(result.projected_high)}]"
                if result.projected is not None
                else "—"
            )
            demo = _(" (demonstration)") if target.demonstration else ""
            self.stdout.write(
                " | ".join(
                    [
                        f"{MARKS[result.status]} {labels.status(result.status)}{demo}",
                        target.indicator.code,
                        target.region.code,
                        f"{target.get_kind_display()} {target.value:g} → {target.target_year}",
                        latest,
                        _fmt(result.required_rate),
                        _fmt(result.actual_rate),
                        projection,
                        labels.reason(result.reason),
                    ]
                )
            )
