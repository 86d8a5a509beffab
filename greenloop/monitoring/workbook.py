"""The department data-collection template (xlsx) and the readers of uploads (xlsx, CSV).

Template layout, sheet ``data``: row 1 the machine header (``region``, ``year``, indicator
codes, ``comment``), row 2 the names, row 3 the units, values from row 4. Region and year cells
carry drop-down lists; categorical indicators a list of their classes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from greenloop.monitoring.validation import Location, Problem, RawRow

SHEET = "data"
FIRST_DATA_ROW = 4
WATER_CLASSES = ["I", "II", "III", "IV", "V", "劣V"]


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    unit: str
    categorical: bool = False


class UnreadableFile(ValueError):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def build_template(
    title: str,
    columns: Sequence[Column],
    regions: Sequence[tuple[str, str]],
    years: Sequence[int],
    labels: dict[str, str],
) -> bytes:
    """An xlsx template: one row per region × year, one column per indicator."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"
    header = ["region", "region_name", "year", *[c.code for c in columns], "comment"]
    names = [
        labels["region"],
        labels["region_name"],
        labels["year"],
        *[c.name for c in columns],
        labels["comment"],
    ]
    unit_row = ["", "", "", *[c.unit for c in columns], ""]
    sheet.append(header)
    sheet.append(names)
    sheet.append(unit_row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E2EFDA")
    for row in (1, 2, 3):
        for cell in sheet[row]:
            cell.font = bold
            cell.fill = fill
    for code, name in regions:
        for year in years:
            sheet.append([code, name, year])
    for index, (code, _name) in enumerate(regions, start=1):
        lists.cell(row=index, column=1, value=code)
    for index, year in enumerate(years, start=1):
        lists.cell(row=index, column=2, value=year)
    for index, klass in enumerate(WATER_CLASSES, start=1):
        lists.cell(row=index, column=3, value=klass)
    last = max(FIRST_DATA_ROW + len(regions) * len(years) + 50, 200)
    region_list = DataValidation(
        type="list", formula1=f"=lists!$A$1:$A${max(len(regions), 1)}", allow_blank=False
    )
    year_list = DataValidation(
        type="list", formula1=f"=lists!$B$1:$B${max(len(years), 1)}", allow_blank=False
    )
    class_list = DataValidation(
        type="list", formula1=f"=lists!$C$1:$C${len(WATER_CLASSES)}", allow_blank=True
    )
    number = DataValidation(type="decimal", operator="between", formula1="-1e15", formula2="1e15")
    for validation in (region_list, year_list, class_list, number):
        sheet.add_data_validation(validation)
    region_list.add(f"A{FIRST_DATA_ROW}:A{last}")
    year_list.add(f"C{FIRST_DATA_ROW}:C{last}")
    for offset, column in enumerate(columns, start=4):
        letter = get_column_letter(offset)
        target = class_list if column.categorical else number
        target.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        sheet.column_dimensions[letter].width = 18
    sheet.column_dimensions["B"].width = 22
    sheet.freeze_panes = f"D{FIRST_DATA_ROW}"
    meta = book.create_sheet("meta")
    meta.sheet_state = "hidden"
    meta.append(["title", title])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_xlsx(content: bytes, columns: Sequence[Column]) -> list[RawRow]:
    """Rows in long format from a filled template; a changed header or a file that is not
    the template raises :class:`UnreadableFile` or returns rows the validator will refuse."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise UnreadableFile(Problem(Location(), _("the file is not an xlsx workbook")))
    try:
        book = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise UnreadableFile(
            Problem(Location(), _("the workbook cannot be read: %(error)s") % {"error": error})
        ) from error
    if SHEET not in book.sheetnames:
        raise UnreadableFile(Problem(Location(sheet=SHEET), _("the sheet “data” is missing")))
    sheet = book[SHEET]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    if len(grid) < 3:
        raise UnreadableFile(
            Problem(Location(sheet=SHEET, row=1), _("the header rows are missing"))
        )
    header = [str(cell).strip() if cell is not None else "" for cell in grid[0]]
    expected = ["region", "region_name", "year", *[c.code for c in columns], "comment"]
    problems: list[Problem] = []
    for index, wanted in enumerate(expected):
        found = header[index] if index < len(header) else ""
        if found != wanted:
            letter = get_column_letter(index + 1)
            problems.append(
                Problem(
                    Location(SHEET, 1, letter),
                    _("header changed: expected “%(wanted)s”, found “%(found)s”")
                    % {"wanted": wanted, "found": found},
                )
            )
    extra = [h for h in header[len(expected) :] if h]
    if extra:
        problems.append(
            Problem(
                Location(SHEET, 1, get_column_letter(len(expected) + 1)),
                _("header changed: unexpected columns %(columns)s") % {"columns": ", ".join(extra)},
            )
        )
    if problems:
        raise UnreadableFile(problems[0]) if len(problems) == 1 else _Many(problems)
    units = [str(cell).strip() if cell is not None else "" for cell in grid[2]]
    rows: list[RawRow] = []
    comment_col = len(expected) - 1
    for offset, line in enumerate(grid[3:], start=FIRST_DATA_ROW):
        cells = list(line) + [None] * (len(expected) - len(line))
        region = str(cells[0]).strip() if cells[0] is not None else ""
        year = cells[2]
        comment = str(cells[comment_col] or "").strip()
        for index, column in enumerate(columns, start=3):
            value = cells[index]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            letter = get_column_letter(index + 1)
            period = str(int(year)) if isinstance(year, int | float) else str(year or "")
            rows.append(
                RawRow(
                    region=region,
                    indicator=column.code,
                    unit=units[index] if index < len(units) else "",
                    period=period,
                    value=value,
                    comment=comment,
                    where={
                        "region": Location(SHEET, offset, "A"),
                        "period": Location(SHEET, offset, "C"),
                        "unit": Location(SHEET, 3, letter),
                        "value": Location(SHEET, offset, letter),
                        "indicator": Location(SHEET, 1, letter),
                        "comment": Location(SHEET, offset, get_column_letter(comment_col + 1)),
                    },
                )
            )
    return rows


class _Many(UnreadableFile):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0])
        self.problems = problems


def problems_of(error: UnreadableFile) -> list[Problem]:
    return list(getattr(error, "problems", [error.problem]))


CSV_COLUMNS = ("region", "indicator", "unit", "period", "value")


def read_csv(content: bytes, name: str = "csv") -> list[RawRow]:
    """Long-format CSV: region, indicator, unit, period, value [, status, source, comment]."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(Problem(Location(name), _("the file is not UTF-8 text"))) from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise UnreadableFile(
            Problem(
                Location(name, 1, ",".join(missing)),
                _("missing columns: %(columns)s") % {"columns": ", ".join(missing)},
            )
        )
    rows = []
    for number, record in enumerate(reader, start=2):
        rows.append(
            RawRow(
                region=(record.get("region") or "").strip(),
                indicator=(record.get("indicator") or "").strip(),
                unit=(record.get("unit") or "").strip(),
                period=(record.get("period") or "").strip(),
                value=(record.get("value") or "").strip(),
                comment=(record.get("comment") or "").strip(),
                status=(record.get("status") or "preliminary").strip() or "preliminary",
                source=(record.get("source") or "").strip(),
                where={field: Location(name, number, field) for field in (*CSV_COLUMNS, "comment")},
            )
        )
    return rows
