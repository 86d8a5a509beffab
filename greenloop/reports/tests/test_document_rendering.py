"""DOCX in the GB/T 9704 layout and PDF with embedded Chinese, read back as a user's tools would."""

import io
import os
import re
import shutil
import subprocess
import warnings
from datetime import date

import pytest
from django.utils import translation
from docx import Document as open_docx
from docx.shared import Length, Pt

from greenloop.reports import Document, charts, render_docx, render_pdf
from greenloop.reports.pdf import new_pdf


def _sample(demonstration: bool = False) -> Document:
    doc = Document(
        title="青海省绿色低碳循环发展年度报告",
        subtitle="（2024年度）",
        issuer="青海省发展和改革委员会",
        issued_on=date(2024, 12, 31),
        demonstration=demonstration,
    )
    doc.heading(1, "总体进展").paragraph("全省推进二十五项重点措施。")
    doc.heading(2, "生产体系").heading(3, "工业绿色升级").heading(4, "绿色工厂")
    doc.table(["措施", "状态"], [["推进工业绿色升级", "按期推进"]], caption="表1 进展")
    doc.figure(charts.bar(["西宁市", "海东市"], {"2024": [3, 5]}, title="绿色工厂"), caption="图1")
    doc.heading(1, "下一步工作")
    return doc


def _mm(length: object) -> float:
    assert isinstance(length, Length)
    return round(length.mm, 1)


def _pdftotext(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("GREENLOOP_REQUIRE_BROWSER") == "1":
            pytest.fail("pdftotext (poppler-utils) is required in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_docx_has_the_official_document_page_and_type():
    with translation.override("zh-hans"):
        docx = open_docx(io.BytesIO(render_docx(_sample())))
    section = docx.sections[0]
    page = (_mm(section.page_width), _mm(section.page_height))
    assert page == (210.0, 297.0)
    assert (_mm(section.top_margin), _mm(section.left_margin)) == (37.0, 28.0)
    assert page[0] - _mm(section.left_margin) - _mm(section.right_margin) == pytest.approx(
        156, abs=0.1
    )
    assert page[1] - _mm(section.top_margin) - _mm(section.bottom_margin) == pytest.approx(
        225, abs=0.1
    )
    title = docx.paragraphs[0].runs[0]
    assert title.text == "青海省绿色低碳循环发展年度报告"
    assert title.font.size == Pt(22)
    assert 'w:eastAsia="方正小标宋简体"' in title._element.xml
    texts = [p.text for p in docx.paragraphs]
    for heading in (
        "一、总体进展",
        "（一）生产体系",
        "1.工业绿色升级",
        "（1）绿色工厂",
        "二、下一步工作",
    ):
        assert heading in texts
    body = next(p for p in docx.paragraphs if p.text == "全省推进二十五项重点措施。")
    assert body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert "2024年12月31日" in texts
    assert docx.tables[0].cell(1, 0).text == "推进工业绿色升级"
    assert len(docx.inline_shapes) == 1


def test_docx_page_numbers_alternate_sides_and_demonstration_marks_every_page():
    docx = open_docx(io.BytesIO(render_docx(_sample(demonstration=True))))
    section = docx.sections[0]
    assert docx.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert "PAGE" in odd._element.xml and "PAGE" in even._element.xml
    assert odd.alignment != even.alignment
    assert section.header.paragraphs[0].text == section.even_page_header.paragraphs[0].text
    assert section.header.paragraphs[0].text.strip() != ""
    plain = open_docx(io.BytesIO(render_docx(_sample(demonstration=False))))
    assert plain.sections[0].header.paragraphs[0].text.strip() == ""


def test_pdf_embeds_the_chinese_font_and_its_text_reads_back(tmp_path):
    with translation.override("zh-hans"):
        pdf = render_pdf(_sample(demonstration=True))
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"NotoSerifSC" in pdf
    text = _pdftotext(pdf, tmp_path)
    for expected in (
        "青海省绿色低碳循环发展年度报告",
        "一、总体进展",
        "（一）生产体系",
        "推进工业绿色升级",
    ):
        assert expected in text
    assert "演示数据" in text
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)


def test_english_documents_render_in_english(tmp_path):
    with translation.override("en"):
        pdf = render_pdf(_sample(demonstration=True))
    assert "Demonstration data" in _pdftotext(pdf, tmp_path)


def test_charts_draw_chinese_labels_without_missing_glyphs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font"
        png = charts.line([2020, 2021, 2022], {"碳排放强度": [1.0, None, 0.9]}, title="青海")
    assert png.startswith(b"\x89PNG")


def test_new_pdf_draws_chinese_for_certificates(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("cjk", "B", 18)
    pdf.cell(0, 10, "绿色工厂证书")
    text = _pdftotext(bytes(pdf.output()), tmp_path)
    assert "绿色工厂证书" in text


def test_bad_blocks_are_refused():
    doc = Document(title="x")
    with pytest.raises(ValueError, match="row 1 has 1 cells"):
        doc.table(["a", "b"], [["only one"]])
    with pytest.raises(ValueError, match="PNG"):
        doc.figure(b"GIF89a")
    with pytest.raises(ValueError, match="1 to 4"):
        doc.heading(5, "too deep")


def test_table_columns_are_as_wide_as_their_text_needs():
    doc = Document(title="x").table(["序号", "重点任务"], [["1", "推进工业绿色升级" * 3]])
    narrow, wide = doc.blocks[0].column_weights()  # type: ignore[union-attr]
    assert wide > 3 * narrow
    given = Document(title="x").table(["a", "b"], [["1", "2"]], widths=[1, 3])
    assert given.blocks[0].column_weights() == [1, 3]  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="2 positive widths"):
        Document(title="x").table(["a", "b"], [["1", "2"]], widths=[1])


def test_long_chinese_paragraphs_wrap_between_characters(tmp_path):
    # A space before a long run of Chinese must not leave a stretched line with one word.
    doc = Document(title="x").paragraph("其中 " + "牵头和配合单位为根据部门职责提出的拟定分工" * 4)
    text = _pdftotext(render_pdf(doc), tmp_path)
    first_line = next(line for line in text.splitlines() if "其中" in line)
    assert "牵头" in first_line
