"""The task-division xlsx: export, import, and the refusals (located, nothing changed)."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from greenloop.policy import exports, selectors, services
from greenloop.policy.calc.division import HEADERS
from greenloop.policy.models import Task


def _sheet() -> tuple[openpyxl.Workbook, Any]:
    book = openpyxl.load_workbook(io.BytesIO(exports.division_xlsx()))
    return book, book.active


def _bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _snapshot() -> list[tuple[str, str, list[str], list[str], str]]:
    return [
        (
            t.code,
            t.title,
            sorted(o.code for o in t.lead_departments.all()),
            sorted(o.code for o in t.cooperating_departments.all()),
            t.division_status,
        )
        for t in selectors.tasks()
    ]


def test_export_has_the_annex_layout_and_says_proposed(db: Any) -> None:
    _book, sheet = _sheet()
    assert [sheet.cell(row=3, column=c).value for c in range(1, 6)] == list(HEADERS)
    assert "181" in str(sheet.cell(row=2, column=1).value)
    first = [sheet.cell(row=4, column=c).value for c in range(1, 7)]
    task = selectors.tasks().first()
    assert task is not None
    assert first[0] == 1 and first[1] == task.title and first[5] in {"Proposed", "拟定"}
    assert (
        sheet.max_row == 3 + Task.objects.filter(measure__document__code="qh-glc-opinions").count()
    )


def test_import_applies_all_rows_and_confirms(actors: Any) -> None:
    book, sheet = _sheet()
    sheet.cell(row=4, column=3, value="省生态环境厅、省发展改革委")
    sheet.cell(row=4, column=4, value="")
    result = services.import_division(
        actor=actors.coordinator,
        data=_bytes(book),
        document=selectors.current_document(),  # type: ignore[arg-type]
    )
    assert result.problems == []
    first = selectors.tasks().get(sequence=1)
    assert sorted(o.code for o in first.lead_departments.all()) == ["qh-drc", "qh-eco"]
    assert list(first.cooperating_departments.all()) == []
    assert first.division_status == "confirmed"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.cell(row=5, column=3, value="省环保局"), "row 5, column C"),
        (lambda s: setattr(s.cell(row=6, column=2), "value", None), "row 6, column B"),
        (lambda s: s.merge_cells("C7:C8"), "row 7, column C"),
        (lambda s: s.cell(row=9, column=1, value=3), "row 9, column A"),
        (lambda s: s.cell(row=10, column=5, value="尽快"), "row 10, column E"),
    ],
    ids=["unknown department", "missing title", "merged cells", "duplicate row", "bad deadline"],
)
def test_bad_rows_are_located_and_nothing_changes(actors: Any, change: Any, expected: str) -> None:
    before = _snapshot()
    book, sheet = _sheet()
    sheet.cell(row=4, column=3, value="省统计局")  # a valid change that must not land either
    change(sheet)
    with translation.override("en"):
        result = services.import_division(
            actor=actors.coordinator,
            data=_bytes(book),
            document=selectors.current_document(),  # type: ignore[arg-type]
        )
    assert result.updated == 0
    assert any(expected in problem and "重点任务分工" in problem for problem in result.problems), (
        result.problems
    )
    assert _snapshot() == before


def test_not_a_workbook_and_not_the_coordinator(actors: Any) -> None:
    document = selectors.current_document()
    assert document is not None
    result = services.import_division(actor=actors.coordinator, data=b"MZ\x90", document=document)
    assert result.updated == 0 and len(result.problems) == 1
    with pytest.raises(PermissionDenied):
        services.import_division(
            actor=actors.iit_reporter, data=exports.division_xlsx(), document=document
        )
