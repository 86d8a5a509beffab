"""Generated files: list exports (xlsx), QR codes (segno, offline), certificates (PDF)."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from greenloop.registry import selectors
from greenloop.registry.models import Listing

# Columns of the published MIIT green-manufacturing lists (序号, 名称, 地区, 行业 ...), then ours.
LIST_COLUMNS = (
    "序号",
    "名称",
    "所在地区",
    "所属行业",
    "级别",
    "批次/年度",
    "证书编号",
    "有效期至",
    "状态",
    "来源",
)


def listings_xlsx(listings: list[Listing]) -> bytes:
    """One sheet per list (scheme), in the layout of the published lists."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    by_scheme: dict[str, list[Listing]] = {}
    for listing in listings:
        by_scheme.setdefault(listing.scheme.name_zh, []).append(listing)
    if not by_scheme:
        by_scheme[_("No listing")] = []
    today = timezone.localdate()
    for title, items in by_scheme.items():
        sheet = book.create_sheet(title=title[:31].replace("/", "-"))
        sheet.append([f"{title}名单"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([f"导出日期 {today.isoformat()} · greenloop"])
        sheet.append(list(LIST_COLUMNS))
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        for number, item in enumerate(items, start=1):
            status = selectors.validity_label(selectors.listing_validity(item, today))
            sheet.append(
                [
                    number,
                    item.name_zh,
                    item.region.name_zh,
                    item.industry_code,
                    item.level,
                    item.batch,
                    item.certificate_no,
                    item.valid_until.isoformat() if item.valid_until else "",
                    status + (" (示范数据)" if item.is_demonstration else ""),
                    item.source[:500],
                ]
            )
        for column, width in zip(
            "ABCDEFGHIJ", (6, 36, 14, 10, 12, 12, 18, 12, 10, 60), strict=True
        ):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def qr_svg(url: str) -> bytes:
    """An SVG QR code for ``url``, made offline."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2)
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def certificate_pdf(listing: Listing, url: str) -> bytes:
    """A one-page certificate with a QR code pointing at the public list entry."""
    from greenloop.reports.pdf import FAMILY, new_pdf

    pdf: Any = new_pdf()
    pdf.add_page()
    pdf.set_auto_page_break(False)
    status = selectors.listing_validity(listing)
    if listing.is_demonstration:
        pdf.set_font(FAMILY, size=11)
        pdf.set_text_color(180, 0, 0)
        pdf.cell(0, 8, "示范数据 · demonstration", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(20)
    pdf.set_font(FAMILY, "B", 26)
    pdf.cell(0, 14, f"{listing.scheme.name_zh}证书", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(FAMILY, size=13)
    rows = [
        ("证书编号", listing.certificate_no),
        ("名称", listing.name_zh),
        ("所在地区", listing.region.name_zh),
        ("评价依据", listing.scheme.standard or listing.scheme.version),
        ("评价得分", f"{listing.score:g}" if listing.score is not None else "—"),
        (
            "有效期",
            "来源未载明"
            if listing.data_key and listing.valid_until is None
            else f"{listing.valid_from or '—'} 至 {listing.valid_until or '长期'}",
        ),
        ("状态", selectors.validity_label(status)),
    ]
    if listing.status == "revoked":
        rows.append(("撤销原因", listing.revoked_reason))
    if listing.data_key:
        rows.append(("说明", "据公开名单录入；编号为平台记录号，原名单未给出证书编号。"))
    for label, value in rows:
        pdf.set_x(30)
        pdf.cell(35, 10, label)
        pdf.multi_cell(120, 10, str(value), new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(qr_png(url)), x=150, y=220, w=40, h=40)
    pdf.set_xy(20, 230)
    pdf.set_font(FAMILY, size=10)
    pdf.multi_cell(120, 6, f"扫描二维码核验名单信息\n{url}")
    return bytes(pdf.output())


def park_chart(evaluation: Any) -> bytes:
    """Stacked bars: each park's score split into its indicators' contributions."""
    from greenloop.reports import charts

    names = {item["code"]: item["name_zh"] for item in evaluation.indicators}
    parks = [row["name"] for row in evaluation.ranking]
    series = {
        names[code]: [row["contributions"][code] for row in evaluation.ranking] for code in names
    }
    return charts.bar(
        parks, series, title="园区循环化改造评价得分构成", ylabel="得分", stacked=True
    )


def park_report(evaluation: Any, kind: str) -> bytes:
    """The ranking as a document (``kind`` "pdf" or "docx") in the official layout."""
    from greenloop.reports import Document, render_docx, render_pdf

    names = [item["name_zh"] for item in evaluation.indicators]
    codes = [item["code"] for item in evaluation.indicators]
    doc = Document(
        title="园区循环化改造评价",
        subtitle=f"生成日期 {timezone.localdate().isoformat()}",
        demonstration=evaluation.is_demonstration,
    )
    doc.heading(1, "评价方法")
    doc.paragraph(
        "每项指标在参评园区间按最差为 0、最好为 1 标准化后乘以权重，园区得分为各项贡献之和；"
        "缺失值贡献为零。"
    )
    doc.paragraph(f"依据：{evaluation.source}")
    doc.heading(1, "评价结果")
    rows = [
        [str(row["rank"]), row["name"], f"{row['score']:.3f}"]
        + [f"{row['contributions'][code]:.3f}" for code in codes]
        for row in evaluation.ranking
    ]
    doc.table(["名次", "园区", "得分", *names], rows, caption="各指标对得分的贡献")
    doc.figure(park_chart(evaluation), caption="得分构成")
    return render_pdf(doc) if kind == "pdf" else render_docx(doc)
