"""``greenloop policy …``: import a policy text, publish it, the division table, reminders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.accounts.models import User
from greenloop.geo.models import Region
from greenloop.policy import exports, selectors, services
from greenloop.policy.calc.parser import (
    Finding,
    ParsedDocument,
    docx_lines,
    parse_lines,
    split_lines,
)
from greenloop.policy.models import PolicyDocument


def describe_finding(finding: Finding) -> str:
    messages = {
        "page_number": _("page number, skipped"),
        "out_of_sequence": _(
            "numbering out of sequence (expected %(expected)s): kept as text of the item before"
        ),
        "no_title": _("measure without a short title ending in 。"),
        "outside_measure": _("text between a part title and its first measure: kept as part text"),
        "part_text": _("part without numbered measures: its text is kept as part text"),
        "annex": _("annex: not structured (the annex is a separate table)"),
        "before_parts": _("numbered item before any part: kept in the preamble"),
    }
    why = messages.get(finding.code, finding.code) % {"expected": finding.expected}
    return _("line %(line)d: %(why)s: %(text)s") % {
        "line": finding.line,
        "why": why,
        "text": finding.text[:40],
    }


def read_policy_file(path: Path) -> ParsedDocument:
    if not path.is_file():
        raise CommandError(_("No file %(path)s.") % {"path": path})
    if path.suffix.lower() == ".docx":
        return parse_lines(docx_lines(path.read_bytes()))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="gb18030")
    return parse_lines(split_lines(text))


def _user(username: str | None) -> User:
    if not username:
        raise CommandError(_("Give --user: the coordinator account the change is made for."))
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("No user %(name)s.") % {"name": username})
    return user


class Command(BaseCommand):
    help = "Policy documents and task supervision: import, publish, division, remind."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="parse a policy text (.txt or .docx) into a draft")
        imp.add_argument("file")
        imp.add_argument("--code", help="code of the draft policy (default: from the file name)")
        imp.add_argument("--region", default="630000")
        imp.add_argument("--dry-run", action="store_true", help="only report what was found")
        imp.add_argument("--user", help="coordinator account (default: the system)")
        pub = sub.add_parser("publish", help="publish a draft policy")
        pub.add_argument("code")
        pub.add_argument("--user", required=True)
        exp = sub.add_parser("export-division", help="write the task division as xlsx")
        exp.add_argument("--output", default="task-division.xlsx")
        div = sub.add_parser("import-division", help="apply a task-division xlsx (all or nothing)")
        div.add_argument("file")
        div.add_argument("--user", required=True)
        rem = sub.add_parser("remind", help="departments whose year-end reports are not in")
        rem.add_argument("--year", type=int, required=True)
        rem.add_argument("--today", help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "do_" + options["action"].replace("-", "_"))(options)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(str(getattr(error, "messages", error))) from error

    def do_import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        parsed = read_policy_file(path)
        self.stdout.write(parsed.title or _("(no title line)"))
        for part in parsed.parts:
            self.stdout.write(
                f"{part.number:>2} {part.title}: " + _("%(n)d measures") % {"n": len(part.measures)}
            )
            for measure in part.measures:
                self.stdout.write(
                    f"     ({measure.number}) {measure.title} — "
                    + _("%(n)d candidate tasks") % {"n": len(measure.sentences)}
                )
        self.stdout.write(
            _("%(parts)d parts, %(measures)d measures, %(tasks)d candidate tasks")
            % {
                "parts": len(parsed.parts),
                "measures": len(parsed.measures),
                "tasks": sum(len(m.sentences) for m in parsed.measures),
            }
        )
        if parsed.findings:
            self.stdout.write(_("Not structured (for review):"))
            for finding in parsed.findings:
                self.stdout.write("  " + describe_finding(finding))
        if options["dry_run"]:
            return
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(_("Unknown region %(code)s.") % {"code": options["region"]})
        code = options["code"] or path.stem.lower().replace("_", "-")[:64]
        actor = _user(options["user"]) if options["user"] else None
        document = services.create_draft_policy(
            actor=actor, parsed=parsed, code=code, region=region, source=path.name
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Draft policy %(code)s stored for review.") % {"code": document.code}
            )
        )

    def do_publish(self, options: dict[str, Any]) -> None:
        document = PolicyDocument.objects.filter(code=options["code"]).first()
        if document is None:
            raise CommandError(_("No policy %(code)s.") % {"code": options["code"]})
        services.publish_document(actor=_user(options["user"]), document=document)
        self.stdout.write(self.style.SUCCESS(_("Published.")))

    def do_export_division(self, options: dict[str, Any]) -> None:
        Path(options["output"]).write_bytes(exports.division_xlsx())
        self.stdout.write(options["output"])

    def do_import_division(self, options: dict[str, Any]) -> None:
        document = selectors.current_document()
        if document is None:
            raise CommandError(_("No published policy."))
        data = Path(options["file"]).read_bytes()
        result = services.import_division(
            actor=_user(options["user"]), data=data, document=document
        )
        if result.problems:
            raise CommandError("\n".join([_("Nothing was changed:"), *result.problems]))
        self.stdout.write(self.style.SUCCESS(_("%(n)d tasks updated.") % {"n": result.updated}))

    def do_remind(self, options: dict[str, Any]) -> None:
        today = (
            dt.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        )
        found = selectors.open_reports_by_department(year=options["year"], today=today)
        if not found:
            self.stdout.write(_("No reminders due."))
        for org, tasks in sorted(found.items(), key=lambda item: item[0].code):
            self.stdout.write(
                _("%(org)s: %(n)d reports for %(year)d not submitted (due %(due)s)")
                % {
                    "org": org.name,
                    "n": len(tasks),
                    "year": options["year"],
                    "due": f"{options['year']}-12-31",
                }
            )
