"""DOCX in the layout of Chinese official documents, GB/T 9704-2012.

A4; text block 156 mm × 225 mm with a 37 mm top and 28 mm inner margin (§5.2.1-5.2.2);
title in 2号 (22 pt) 小标宋, body in 3号 (16 pt) 仿宋 with 22 lines a page (§5.2.3);
headings 一、（一）1.（1） in 黑体, 楷体, 仿宋, 仿宋 (§7.3.3); page numbers "— 1 —" in
4号 (14 pt) half-width digits 7 mm below the text block, odd pages on the right and even
pages on the left, one character in from the edge (§7.5).
"""

from __future__ import annotations

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from greenloop.reports import fonts
from greenloop.reports.calc import HeadingCounter
from greenloop.reports.document import Document, Figure, Heading, PageBreak, Paragraph, Table

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_SMALL_4 = Pt(12)  # 小四
LINE = Mm(225 / 22)  # 22 lines in the 225 mm text block
CHAR = SIZE_3  # one character of body text
RED = RGBColor(0xB2, 0x22, 0x22)
HEADING_FONTS = {
    1: fonts.DOCX_LEVEL1_FONT,
    2: fonts.DOCX_LEVEL2_FONT,
    3: fonts.DOCX_BODY_FONT,
    4: fonts.DOCX_BODY_FONT,
}


def _font(run: Run, east_asian: str, size: Pt, bold: bool = False) -> None:
    run.font.name = fonts.DOCX_LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asian)


def _body_format(paragraph: DocxParagraph, indent: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = CHAR * 2


def _page_field(paragraph: DocxParagraph) -> None:
    """ "— PAGE —" with a live page-number field."""

    def add_run(text: str = "") -> Run:
        run = paragraph.add_run(text)
        _font(run, "宋体", SIZE_4)
        return run

    add_run("— ")
    begin, instruction = OxmlElement("w:fldChar"), OxmlElement("w:instrText")
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, end):
        add_run()._element.append(element)
    add_run(" —")


def _setup_page(docx: object, demonstration: bool) -> None:
    section = docx.sections[0]  # type: ignore[attr-defined]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    section.header_distance = Mm(15)
    docx.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    for footer, alignment, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        if indent == "right":
            paragraph.paragraph_format.right_indent = SIZE_4
        else:
            paragraph.paragraph_format.left_indent = SIZE_4
        _page_field(paragraph)
    if demonstration:
        for header in (section.header, section.even_page_header):
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(demonstration_notice())
            _font(run, fonts.DOCX_LEVEL1_FONT, Pt(10.5), bold=True)
            run.font.color.rgb = RED


def demonstration_notice() -> str:
    return _("Demonstration data: not real figures, not to be cited")


def _cell_text(cell: _Cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if bold else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    _font(run, fonts.DOCX_LEVEL1_FONT if bold else fonts.DOCX_BODY_FONT, SIZE_SMALL_4, bold=False)


def _caption(docx: object, text: str) -> None:
    paragraph = docx.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body_format(paragraph, indent=False)
    _font(paragraph.add_run(text), fonts.DOCX_BODY_FONT, SIZE_4)


def render_docx(document: Document) -> bytes:
    docx = new_docx()
    normal = docx.styles["Normal"]
    normal.font.name = fonts.DOCX_LATIN_FONT
    normal.font.size = SIZE_3
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.DOCX_BODY_FONT)
    _setup_page(docx, document.demonstration)

    title = docx.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body_format(title, indent=False)
    title.paragraph_format.line_spacing = Mm(225 / 22 * 1.4)
    _font(title.add_run(document.title), fonts.DOCX_TITLE_FONT, SIZE_2)
    if document.subtitle:
        subtitle = docx.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _body_format(subtitle, indent=False)
        _font(subtitle.add_run(document.subtitle), fonts.DOCX_LEVEL2_FONT, SIZE_3)
    if document.demonstration:
        notice = docx.add_paragraph()
        notice.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _body_format(notice, indent=False)
        run = notice.add_run(demonstration_notice())
        _font(run, fonts.DOCX_LEVEL1_FONT, SIZE_4)
        run.font.color.rgb = RED
    _body_format(docx.add_paragraph(), indent=False)  # one blank line under the title

    counter = HeadingCounter()
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = docx.add_paragraph()
            _body_format(paragraph)
            text = (counter.next(block.level) if block.numbered else "") + block.text
            _font(paragraph.add_run(text), HEADING_FONTS[block.level], SIZE_3)
            paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            paragraph = docx.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _body_format(paragraph, indent=block.indent)
            _font(paragraph.add_run(block.text), fonts.DOCX_BODY_FONT, SIZE_3)
        elif isinstance(block, Table):
            if block.caption:
                _caption(docx, block.caption)
            table = docx.add_table(rows=1 + len(block.rows), cols=len(block.header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            weights = block.column_weights()
            table.autofit = False
            for column, weight in enumerate(weights):
                column_width = Mm(156 * weight / sum(weights))
                for cell in table.columns[column].cells:
                    cell.width = column_width
            for column, text in enumerate(block.header):
                _cell_text(table.cell(0, column), text, bold=True)
            for row_number, row in enumerate(block.rows, start=1):
                for column, text in enumerate(row):
                    _cell_text(table.cell(row_number, column), text)
            _body_format(docx.add_paragraph(), indent=False)
        elif isinstance(block, Figure):
            docx.add_picture(io.BytesIO(block.png), width=Mm(min(block.width_mm, 156)))
            docx.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.caption:
                _caption(docx, block.caption)
        elif isinstance(block, PageBreak):
            docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    if document.issuer or document.issued_on:
        _body_format(docx.add_paragraph(), indent=False)
        for text in (document.issuer, date_text(document)):
            if text:
                paragraph = docx.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _body_format(paragraph, indent=False)
                paragraph.paragraph_format.right_indent = CHAR * 4
                _font(paragraph.add_run(text), fonts.DOCX_BODY_FONT, SIZE_3)

    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def date_text(document: Document) -> str:
    # §7.3.5.1: the date in Arabic numerals with year, month and day in full
    # (Chinese DATE_FORMAT is "Y年n月j日").
    return date_format(document.issued_on, "DATE_FORMAT") if document.issued_on else ""
