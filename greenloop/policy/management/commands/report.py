"""``greenloop report annual --year YYYY [--org CODE] --format docx|pdf [--output PATH]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from greenloop.orgs.models import Organization
from greenloop.policy.annual import annual_report
from greenloop.reports import render_docx, render_pdf


class Command(BaseCommand):
    help = "Generate documents: the year-end report on the policy's tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        annual = sub.add_parser("annual", help="year-end report (provincial or one department)")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--org", help="department code (default: the provincial summary)")
        annual.add_argument("--format", choices=["docx", "pdf"], default="docx")
        annual.add_argument("--output", help="file to write (default: annual-YEAR[-ORG].FORMAT)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(_("The year must be between 2000 and 2100."))
        org = None
        if options["org"]:
            org = Organization.objects.filter(code=options["org"]).first()
            if org is None:
                raise CommandError(_("No organization %(code)s.") % {"code": options["org"]})
        fmt = options["format"]
        document = annual_report(year, org)
        data = render_docx(document) if fmt == "docx" else render_pdf(document)
        suffix = f"-{org.code}" if org else ""
        output = Path(options["output"] or f"annual-{year}{suffix}.{fmt}")
        output.write_bytes(data)
        self.stdout.write(str(output))
