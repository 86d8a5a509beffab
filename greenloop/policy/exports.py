"""Files out: the division table and the supervision board as xlsx."""

from __future__ import annotations

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from greenloop.policy import selectors
from greenloop.policy.calc.division import DivisionRow, write_division
from greenloop.policy.models import PolicyDocument, TaskStatus

STATUS_FILL = {
    "completed": "2E7D32",
    "on_track": "A5D6A7",
    "not_started": "E0E0E0",
    "at_risk": "FFCC80",
    "delayed": "EF9A9A",
    "missing": "FFFFFF",
}


def division_xlsx(document: PolicyDocument | None = None) -> bytes:
    document = document or selectors.current_document()
    rows = [
        DivisionRow(
            sequence=task.sequence,
            title=task.title,
            lead=[org.name_zh for org in task.lead_departments.all()],
            cooperating=[org.name_zh for org in task.cooperating_departments.all()],
            period=task.period,
            status_label=str(task.get_division_status_display()),
        )
        for task in selectors.tasks(document)
    ]
    title = f"{document.title if document else ''}重点任务分工"
    proposed = sum(1 for task in selectors.tasks(document) if task.division_status == "proposed")
    note = (
        _(
            "%(n)d tasks marked “proposed” carry a division the platform proposed from the "
            "departments' duties; the coordinator has not confirmed it yet."
        )
        % {"n": proposed}
        if proposed
        else ""
    )
    return write_division(rows, title=title, note=note)


def board_xlsx(year: int, **filters: str | int | None) -> bytes:
    board = selectors.board(year, **filters)  # type: ignore[arg-type]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(year)
    sheet.append([_("Supervision board %(year)d") % {"year": year}])
    sheet["A1"].font = Font(bold=True, size=14)
    if board.demonstration:
        sheet.append([_("Contains demonstration data: generated examples, not real progress.")])
    sheet.append([_("Measure"), *[org.name_zh for org in board.departments]])
    labels = dict(TaskStatus.choices) | {"missing": _("No report")}
    for measure, cells in board.rows:
        values = [f"{measure.label}{measure.title}"]
        for cell in cells:
            values.append(str(labels[cell["status"]]) if cell else "")
        sheet.append(values)
        for index, cell in enumerate(cells, start=2):
            if cell:
                colour = STATUS_FILL[cell["status"]]
                sheet.cell(row=sheet.max_row, column=index).fill = PatternFill(
                    "solid", fgColor=colour
                )
    details = book.create_sheet(_("Reports"))
    details.append(
        [
            _("Measure"),
            _("Task"),
            _("Department"),
            _("Status"),
            _("Percent complete"),
            _("State"),
            _("Demonstration data"),
        ]
    )
    for measure, cells in board.rows:
        for cell in cells:
            for task, report in (cell or {}).get("items", []):
                details.append(
                    [
                        measure.number,
                        task.title,
                        cell["department"].name_zh,  # type: ignore[index]
                        str(report.get_status_display()) if report else _("No report"),
                        report.percent if report else None,
                        str(report.get_state_display()) if report else "",
                        _("yes") if report and report.demonstration else "",
                    ]
                )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
