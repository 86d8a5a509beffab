"""The task-division table (重点任务分工) as xlsx: the layout Chinese government annexes use.

Columns 序号, 重点任务, 牵头单位, 配合单位, 完成时限 under a title row; departments are
separated by 、 (or ，,；; and line breaks). Reading checks the layout and every row and
returns located problems (sheet, row, column, why); it never guesses.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HEADERS = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
STATUS_HEADER = "分工状态"
PERIOD_LABELS = {
    "annual": "每年",
    "by_2025": "2025年底前",
    "by_2035": "2035年底前",
    "continuing": "持续推进",
}
_PERIOD_PATTERNS = (
    (re.compile(r"^(每年|年度|每年年底|逐年)"), "annual"),
    (re.compile(r"2025"), "by_2025"),
    (re.compile(r"2035"), "by_2035"),
    (re.compile(r"^(持续|长期|持续推进|长期坚持|常态化)"), "continuing"),
)
_NAME_SPLIT = re.compile(r"[、，,；;/\n\r]+|\s{2,}")


@dataclass
class DivisionRow:
    sequence: int
    title: str
    lead: list[str]
    cooperating: list[str]
    period: str
    row: int = 0  # spreadsheet row number (1-based)
    status_label: str = ""


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str | None
    code: str  # merged, no_header, missing_title, bad_sequence, duplicate, bad_deadline, no_lead
    value: str = ""
    other_row: int | None = None


@dataclass
class DivisionTable:
    sheet: str = ""
    rows: list[DivisionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    return [name.strip() for name in _NAME_SPLIT.split(text or "") if name.strip()]


def parse_deadline(text: str) -> str | None:
    value = (text or "").strip()
    for pattern, period in _PERIOD_PATTERNS:
        if pattern.search(value):
            return period
    return None


def write_division(rows: list[DivisionRow], title: str, note: str = "") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "重点任务分工"
    columns = len(HEADERS) + 1
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.cell(row=2, column=1, value=note)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    for index, header in enumerate((*HEADERS, STATUS_HEADER), start=1):
        sheet.cell(row=3, column=index, value=header).font = Font(bold=True)
    for offset, row in enumerate(rows, start=4):
        values = (
            row.sequence,
            row.title,
            "、".join(row.lead),
            "、".join(row.cooperating),
            PERIOD_LABELS.get(row.period, row.period),
            row.status_label,
        )
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=offset, column=index, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate((6, 60, 24, 36, 12, 10), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_division(data: bytes) -> DivisionTable:
    """Rows of the first sheet that has the header row; problems for everything wrong."""
    table = DivisionTable()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        table.problems.append(Problem("", None, None, "not_xlsx"))
        return table
    found = None
    for sheet in book.worksheets:
        for row_index in range(1, min(sheet.max_row, 10) + 1):
            cells = [_text(sheet.cell(row=row_index, column=c).value) for c in range(1, 10)]
            if all(header in cells for header in HEADERS):
                found = (sheet, row_index, {name: cells.index(name) + 1 for name in HEADERS})
                break
        if found:
            break
    if found is None:
        name = book.worksheets[0].title if book.worksheets else ""
        table.problems.append(Problem(name, None, None, "no_header"))
        return table
    sheet, header_row, columns = found
    table.sheet = sheet.title
    for merged in sheet.merged_cells.ranges:
        if merged.max_row >= header_row:
            letter = get_column_letter(merged.min_col)
            table.problems.append(
                Problem(sheet.title, merged.min_row, letter, "merged", str(merged.coord))
            )
    letters = {name: get_column_letter(index) for name, index in columns.items()}
    by_sequence: dict[int, int] = {}
    by_title: dict[str, int] = {}
    for row_index in range(header_row + 1, sheet.max_row + 1):
        values = {
            name: _text(sheet.cell(row=row_index, column=c).value) for name, c in columns.items()
        }
        if not any(values.values()):
            continue

        def problem(
            column: str, code: str, value: str = "", other: int | None = None, at: int = row_index
        ) -> None:
            table.problems.append(Problem(sheet.title, at, letters[column], code, value, other))

        sequence_text = values["序号"]
        sequence = int(sequence_text) if sequence_text.isdigit() else None
        if sequence is None:
            problem("序号", "bad_sequence", sequence_text)
        elif sequence in by_sequence:
            problem("序号", "duplicate", sequence_text, by_sequence[sequence])
        else:
            by_sequence[sequence] = row_index
        title = values["重点任务"]
        if not title:
            problem("重点任务", "missing_title")
        elif title in by_title:
            problem("重点任务", "duplicate", title, by_title[title])
        else:
            by_title[title] = row_index
        lead = split_names(values["牵头单位"])
        if not lead:
            problem("牵头单位", "no_lead")
        period = parse_deadline(values["完成时限"])
        if period is None:
            problem("完成时限", "bad_deadline", values["完成时限"])
        table.rows.append(
            DivisionRow(
                sequence=sequence or 0,
                title=title,
                lead=lead,
                cooperating=split_names(values["配合单位"]),
                period=period or "",
                row=row_index,
            )
        )
    return table
