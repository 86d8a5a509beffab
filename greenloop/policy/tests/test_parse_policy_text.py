"""The policy-text parser on the seed and on variants of it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx

from greenloop.policy.calc.parser import docx_lines, parse_lines, parse_text

DATA = Path(__file__).resolve().parents[2] / "data" / "policy"


def _published_measures() -> list[tuple[int, str]]:
    with (DATA / "measures.csv").open(encoding="utf-8") as handle:
        return [(int(row["number"]), row["title"]) for row in csv.DictReader(handle)]


def test_seed_has_nine_parts_and_twenty_five_measures(seed_text: str) -> None:
    doc = parse_text(seed_text)
    assert [part.number for part in doc.parts] == list(range(1, 10))
    assert doc.parts[0].title == "总体要求"
    assert doc.parts[8].title == "认真抓好组织实施"
    assert [(m.number, m.title) for m in doc.measures] == _published_measures()
    assert doc.title.startswith("青海省人民政府关于加快建立健全")
    assert doc.addressee.endswith(":")
    assert "国发〔2021〕4号" in doc.preamble  # the line broken inside the citation is joined


def test_measures_belong_to_their_parts(seed_text: str) -> None:
    doc = parse_text(seed_text)
    counts = [len(part.measures) for part in doc.parts]
    assert counts == [2, 1, 6, 3, 2, 1, 4, 6, 0]


def test_sentences_are_candidate_tasks_with_lines(seed_text: str) -> None:
    doc = parse_text(seed_text)
    industry = doc.measures[3]
    assert industry.title == "推进工业绿色升级"
    assert industry.sentences[-1].text == "加快实施排污许可制度，着力构建固定污染源监管制度体系。"
    assert industry.sentences[-1].line == 70
    fish = doc.measures[4].sentences[-1]
    # The measure runs across a wrapped line that starts with a space (" 决策部署。").
    assert fish.text.endswith("青海湖封湖育鱼相关决策部署。")


def test_text_outside_measures_is_reported_with_line_numbers(seed_text: str) -> None:
    doc = parse_text(seed_text)
    found = {(f.line, f.code) for f in doc.findings}
    assert (269, "part_text") in found  # part 九 has no numbered measures
    assert (281, "annex") in found
    assert doc.parts[8].text.startswith("各地区各部门要充分认识")


def test_full_width_and_half_width_brackets_are_the_same(seed_text: str) -> None:
    full = seed_text.replace("(", "（").replace(")", "）")
    mixed = "\n".join(
        line.replace("(", "（", 1).replace(")", "）", 1) if i % 2 else line
        for i, line in enumerate(seed_text.splitlines())
    )
    for text in (full, mixed):
        doc = parse_text(text)
        assert [(m.number, m.title) for m in doc.measures] == _published_measures()


def test_page_breaks_and_page_numbers_inside_a_measure(seed_text: str) -> None:
    lines = seed_text.splitlines()
    # A page break (form feed) and a page number in the middle of measure (四).
    at = lines.index(next(line for line in lines if line.startswith("业基地，推动盐湖产业")))
    lines[at:at] = ["— 3 —", "\f"]
    doc = parse_text("\n".join(lines))
    assert len(doc.measures) == 25
    assert "构建现代化盐湖化工产业体系，建设世界级盐湖产业基地" in doc.measures[3].text
    page = [f for f in doc.findings if f.code == "page_number"]
    assert [(f.line, f.text) for f in page] == [(at + 1, "— 3 —")]


def test_other_numbering_styles() -> None:
    text = "\n".join(
        [
            "某省关于推进绿色发展的实施意见",
            "各市州：",
            "为落实有关要求，提出如下意见。",
            "第一部分 总体要求",
            "1. 指导思想。坚持绿色发展。推进转型。",
            "2、主要目标。到2025年取得进展；到2035年根本好转。",
            "第二部分 重点任务",
            "3．推进节能。实施节能改造。",
        ]
    )
    doc = parse_text(text)
    assert [(p.number, p.title) for p in doc.parts] == [(1, "总体要求"), (2, "重点任务")]
    assert [(m.number, m.title) for m in doc.measures] == [
        (1, "指导思想"),
        (2, "主要目标"),
        (3, "推进节能"),
    ]
    assert [s.text for s in doc.measures[1].sentences] == [
        "到2025年取得进展；",
        "到2035年根本好转。",
    ]


def test_arabic_numerals_in_brackets() -> None:
    doc = parse_text("标题\n一、甲\n（1）子一。做甲。\n(2)子二。做乙。\n")
    assert [(m.number, m.title) for m in doc.measures] == [(1, "子一"), (2, "子二")]


def test_numbering_restarting_in_each_part() -> None:
    text = "标题\n一、甲\n(一)子一。做甲。\n(二)子二。做乙。\n二、乙\n(一)子三。做丙。\n"
    doc = parse_text(text)
    assert [len(p.measures) for p in doc.parts] == [2, 1]


def test_out_of_sequence_numbers_are_reported_not_dropped() -> None:
    text = "标题\n一、甲\n(一)子一。做甲。\n(三)子三。做丙。\n四、丁\n"
    doc = parse_text(text)
    assert [m.number for m in doc.measures] == [1]
    codes = [(f.line, f.code, f.expected) for f in doc.findings]
    assert (4, "out_of_sequence", 2) in codes
    assert (5, "out_of_sequence", 2) in codes
    # the text is kept in the measure it follows
    assert "子三。做丙。" in doc.measures[0].text


def test_measure_without_short_title_is_reported() -> None:
    text = "标题\n一、甲\n(一)" + "很长" * 30 + "。\n"
    doc = parse_text(text)
    assert doc.measures[0].title == ""
    assert [f.code for f in doc.findings] == ["no_title"]


def test_docx(seed_text: str) -> None:
    document = docx.Document()
    for line in seed_text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    doc = parse_lines(docx_lines(out.getvalue()))
    assert len(doc.parts) == 9
    assert [(m.number, m.title) for m in doc.measures] == _published_measures()
