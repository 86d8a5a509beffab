"""PDF of a :class:`Document`, laid out like the DOCX (GB/T 9704-2012 page and type sizes),
with the shipped CJK font embedded (subset to the glyphs used)."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from greenloop.reports.calc import HeadingCounter
from greenloop.reports.document import Document, Figure, Heading, PageBreak, Paragraph, Table
from greenloop.reports.docx_render import date_text, demonstration_notice
from greenloop.reports.pdf import FAMILY, register_fonts

MM_PER_PT = 25.4 / 72
LINE_MM = 225 / 22  # 22 lines in the 225 mm text block
BODY_PT, TITLE_PT, TABLE_PT, CAPTION_PT = 16, 22, 12, 14
TEXT_WIDTH = 156.0


class _OfficialPDF(FPDF):
    demonstration_text = ""

    def header(self) -> None:
        if self.demonstration_text:
            self.set_y(15)
            self.set_font(FAMILY, "B", 10.5)
            self.set_text_color(178, 34, 34)
            self.cell(0, 5, self.demonstration_text, align=Align.C)
            self.set_text_color(0, 0, 0)
            self.set_y(37)

    def footer(self) -> None:
        # "— n —" 7 mm below the text block; odd pages right, even pages left, one 4号
        # character (about 5 mm) in from the text block's edge.
        self.set_y(297 - 35 + 7)
        self.set_font(FAMILY, "", 14)
        label = f"— {self.page_no()} —"
        width = self.get_string_width(label)
        if self.page_no() % 2:
            self.set_x(28 + TEXT_WIDTH - 5 - width)
        else:
            self.set_x(28 + 5)
        self.cell(width, 6, label)


def render_pdf(document: Document) -> bytes:
    pdf = _OfficialPDF(orientation="portrait", unit="mm", format="A4")
    register_fonts(pdf)
    pdf.set_title(document.title)
    pdf.set_margins(left=28, top=37, right=26)
    pdf.set_auto_page_break(auto=True, margin=35)
    if document.demonstration:
        pdf.demonstration_text = demonstration_notice()
    pdf.add_page()

    pdf.set_font(FAMILY, "B", TITLE_PT)
    pdf.multi_cell(
        0,
        LINE_MM * 1.4,
        document.title,
        align=Align.C,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
        wrapmode=WrapMode.CHAR,
    )
    if document.subtitle:
        pdf.set_font(FAMILY, "", BODY_PT)
        pdf.multi_cell(
            0,
            LINE_MM,
            document.subtitle,
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=WrapMode.CHAR,
        )
    if document.demonstration:
        pdf.set_font(FAMILY, "B", CAPTION_PT)
        pdf.set_text_color(178, 34, 34)
        pdf.multi_cell(
            0,
            LINE_MM,
            demonstration_notice(),
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=WrapMode.CHAR,
        )
        pdf.set_text_color(0, 0, 0)
    pdf.ln(LINE_MM)

    indent = "\u3000\u3000"  # two full-width spaces: the two-character first-line indent
    counter = HeadingCounter()
    for block in document.blocks:
        if isinstance(block, Heading):
            if pdf.get_y() > 297 - 35 - 3 * LINE_MM:
                pdf.add_page()  # keep a heading with the text that follows it
            pdf.set_font(FAMILY, "B" if block.level <= 2 else "", BODY_PT)
            text = (counter.next(block.level) if block.numbered else "") + block.text
            pdf.multi_cell(
                0,
                LINE_MM,
                indent + text,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
                wrapmode=WrapMode.CHAR,
            )
        elif isinstance(block, Paragraph):
            pdf.set_font(FAMILY, "", BODY_PT)
            first_line = 2 * BODY_PT * MM_PER_PT if block.indent else 0
            with (
                pdf.text_columns(
                    text_align=Align.J,
                    line_height=LINE_MM / (BODY_PT * MM_PER_PT),
                    wrapmode=WrapMode.CHAR,  # Chinese breaks between any two characters
                ) as column,
                column.paragraph(first_line_indent=first_line) as paragraph,
            ):
                paragraph.write(block.text)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Figure):
            width = min(block.width_mm, TEXT_WIDTH)
            pdf.image(io.BytesIO(block.png), x=28 + (TEXT_WIDTH - width) / 2, w=width)
            if block.caption:
                pdf.set_font(FAMILY, "", CAPTION_PT)
                pdf.multi_cell(
                    0,
                    LINE_MM,
                    block.caption,
                    align=Align.C,
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                    wrapmode=WrapMode.CHAR,
                )
        elif isinstance(block, PageBreak):
            pdf.add_page()

    if document.issuer or document.issued_on:
        if pdf.get_y() > 297 - 35 - 3 * LINE_MM:
            pdf.add_page()  # the signature block stays together
        pdf.ln(LINE_MM)
        pdf.set_font(FAMILY, "", BODY_PT)
        for text in (
            document.issuer,
            date_text(document),
        ):
            if text:
                pdf.set_x(28)
                pdf.multi_cell(
                    TEXT_WIDTH - 4 * BODY_PT * MM_PER_PT,
                    LINE_MM,
                    text,
                    align=Align.R,
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                    wrapmode=WrapMode.CHAR,
                )
    return bytes(pdf.output())


def _table(pdf: FPDF, block: Table) -> None:
    if block.caption:
        pdf.set_font(FAMILY, "", CAPTION_PT)
        pdf.multi_cell(
            0,
            LINE_MM,
            block.caption,
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=WrapMode.CHAR,
        )
    pdf.set_font(FAMILY, "", TABLE_PT)
    with pdf.table(
        line_height=TABLE_PT * MM_PER_PT * 1.5,
        text_align="LEFT",
        headings_style=FontFace(family=FAMILY, emphasis="BOLD", fill_color=(232, 240, 235)),
        first_row_as_headings=True,
        repeat_headings=1,
        col_widths=tuple(block.column_weights()),
    ) as table:
        for cells in [block.header, *block.rows]:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(LINE_MM / 2)
