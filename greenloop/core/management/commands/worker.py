"""``greenloop worker``: run queued background jobs (with GREENLOOP_JOB_RUNNER=worker)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from greenloop.core import jobs


class Command(BaseCommand):
    help = "Run queued background jobs; several workers may share one PostgreSQL database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args: Any, **options: Any) -> None:
        ran = 0
        while True:
            if jobs.run_next():
                ran += 1
                continue
            if options["once"]:
                break
            time.sleep(options["poll"])
        self.stdout.write(_("%(count)d job(s) run.") % {"count": ran})
