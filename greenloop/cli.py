"""The ``greenloop`` command.

greenloop run [--host H --port P]   migrate, load default data if new, serve
greenloop load                       load the default reference data (idempotent)
greenloop check [--deploy]           Django system checks + data-integrity checks
greenloop createuser …               create a user acting for an organization
greenloop worker [--once]            run queued background jobs
greenloop backup [--output DIR]      copy the database and the uploaded files

Policy and supervision
greenloop policy import FILE [--dry-run] | publish | export-division | import-division | remind
greenloop report annual --year YYYY [--org CODE] --format docx|pdf [--output PATH]

Statistical monitoring
greenloop evaluate --year YYYY [--region CODE]   target scoreboard
greenloop import observations FILE               long-format CSV, checked whole

Carbon accounting
greenloop account --region 630000 --years 2000-2021
greenloop import_ceads --dir DIR [--provinces all|CODE]   CEADs workbooks as published
greenloop import_energy FILE [--layout ceads|nbs] --factor-set CODE   energy inventory

Enterprise online monitoring
greenloop monitor serve --port P | simulate --enterprises N --points M --days D [--tcp H:P]
greenloop monitor analyse [--engine duckdb|spark] | compact | export-devices FILE

Markets
greenloop markets_demo --admin USER              demonstration market (marked as such)

greenloop <any django command>       e.g. migrate, collectstatic, shell
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenloop.settings")

    import django
    from django.conf import settings
    from django.core.management import CommandError, call_command, execute_from_command_line
    from django.utils import translation

    django.setup()
    translation.activate(os.environ.get("GREENLOOP_LANGUAGE") or settings.LANGUAGE_CODE)

    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    if argv[0] == "check":
        try:
            call_command("check", *argv[1:])
            call_command("checkdata")
        except CommandError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    execute_from_command_line(["greenloop", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
