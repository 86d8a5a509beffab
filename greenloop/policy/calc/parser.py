"""Parse an implementation-opinions document into parts, measures and candidate tasks.

The genre: a title, an addressee line ending with a colon, a preamble, then parts numbered
一、二、… (or 第一部分 / 第一章), each holding measures numbered (一)(二)… with half- or
full-width brackets (or Arabic numerals in brackets, or ``1.`` when the document uses no
bracketed numbers). A measure starts with its short title ending in 。; every further
sentence is a candidate task. Hard line breaks, blank lines, page numbers and form feeds
(page breaks) are joined back into running text. Nothing is dropped silently: every line
that is not part of the structure is reported in ``findings`` with its line number.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from greenloop.policy.calc.numerals import parse_numeral

_CN = "一二三四五六七八九十"
PART_RE = re.compile(rf"^(?:第([{_CN}]+)(?:部分|章)|([{_CN}]+)[、．.])\s*(.*)$")
BRACKET_MEASURE_RE = re.compile(rf"^[(（]\s*([{_CN}]+|[0-9０-９]+)\s*[)）]\s*(.*)$")
ARABIC_MEASURE_RE = re.compile(r"^([0-9０-９]{1,2})\s*[.、．]\s*(\D.*)$")
PAGE_NUMBER_RE = re.compile(r"^[-—–－~]*\s*[0-9０-９]{1,3}\s*[-—–－~]*$")
ANNEX_RE = re.compile(r"^附件\s*[0-9０-９]*\s*[:：]?")
SENTENCE_END = "。；;！？"
# A measure's short title is its first sentence; longer ones are not titles.
MAX_TITLE_LENGTH = 40


@dataclass
class Finding:
    """A line the parser did not put into the structure, or a doubt about it."""

    line: int
    code: str  # page_number, out_of_sequence, no_title, outside_measure, annex, before_parts
    text: str
    expected: int | None = None


@dataclass
class Sentence:
    line: int
    text: str


@dataclass
class ParsedMeasure:
    number: int
    line: int
    title: str = ""
    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    _chunks: list[tuple[int, str]] = field(default_factory=list, repr=False)


@dataclass
class ParsedPart:
    number: int
    line: int
    title: str
    text: str = ""
    measures: list[ParsedMeasure] = field(default_factory=list)
    _chunks: list[tuple[int, str]] = field(default_factory=list, repr=False)


@dataclass
class ParsedDocument:
    title: str = ""
    addressee: str = ""
    preamble: str = ""
    parts: list[ParsedPart] = field(default_factory=list)
    annex: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def measures(self) -> list[ParsedMeasure]:
        return [measure for part in self.parts for measure in part.measures]


def _clean(line: str) -> str:
    return line.replace("\u3000", " ").replace("\ufeff", "").strip()


def split_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) pairs; a form feed (page break) also ends a line."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        for piece in line.split("\f"):
            pairs.append((number, piece))
    return pairs


def docx_lines(data: bytes) -> list[tuple[int, str]]:
    """The paragraphs of a .docx as (paragraph number, text) pairs, table cells included."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines: list[tuple[int, str]] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        for piece in paragraph.text.replace("\f", "\n").split("\n"):
            lines.append((number, piece))
    offset = len(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            offset += 1
            lines.append((offset, " ".join(cell.text for cell in row.cells)))
    return lines


def _join(chunks: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """Running text from line chunks, and for each character the line it came from."""
    text = ""
    origin: list[int] = []
    for line, chunk in chunks:
        if (
            text
            and text[-1].isascii()
            and text[-1].isalnum()
            and chunk[:1].isascii()
            and chunk[:1].isalnum()
        ):
            text += " "
            origin.append(line)
        text += chunk
        origin.extend([line] * len(chunk))
    return text, origin


def _sentences(text: str, origin: list[int], start: int) -> list[Sentence]:
    found = []
    begin = start
    for index in range(start, len(text)):
        if text[index] in SENTENCE_END:
            piece = text[begin : index + 1].strip()
            if piece.strip(SENTENCE_END):
                found.append(Sentence(line=origin[begin], text=piece))
            begin = index + 1
    rest = text[begin:].strip()
    if rest:
        found.append(Sentence(line=origin[begin], text=rest))
    return found


def _finish_measure(measure: ParsedMeasure, findings: list[Finding]) -> None:
    text, origin = _join(measure._chunks)
    measure.text = text
    end = next((i for i, char in enumerate(text) if char in "。；;"), -1)
    if 0 < end <= MAX_TITLE_LENGTH:
        measure.title = text[:end].strip()
        measure.sentences = _sentences(text, origin, end + 1)
    else:
        findings.append(Finding(measure.line, "no_title", text[:60]))
        measure.sentences = _sentences(text, origin, 0) if text else []


def parse_lines(lines: list[tuple[int, str]]) -> ParsedDocument:
    """Parse (line number, text) pairs (see :func:`split_lines`, :func:`docx_lines`)."""
    doc = ParsedDocument()
    findings = doc.findings
    cleaned = [(number, _clean(text)) for number, text in lines]
    cleaned = [(number, text) for number, text in cleaned if text]
    bracketed = any(
        BRACKET_MEASURE_RE.match(text) and _measure_number(text) is not None for _, text in cleaned
    )
    preamble: list[tuple[int, str]] = []
    part: ParsedPart | None = None
    measure: ParsedMeasure | None = None
    in_annex = False
    last_measure = 0

    for number, text in cleaned:
        if PAGE_NUMBER_RE.match(text):
            findings.append(Finding(number, "page_number", text))
            continue
        if in_annex:
            doc.annex.append(text)
            findings.append(Finding(number, "annex", text))
            continue
        if ANNEX_RE.match(text) and part is not None:
            in_annex = True
            doc.annex.append(text)
            findings.append(Finding(number, "annex", text))
            continue
        part_match = PART_RE.match(text)
        if part_match:
            value = parse_numeral(part_match.group(1) or part_match.group(2)) or 0
            expected = (part.number if part else 0) + 1
            if value == expected:
                if measure is not None:
                    _finish_measure(measure, findings)
                    measure = None
                part = ParsedPart(number=value, line=number, title=part_match.group(3).strip())
                doc.parts.append(part)
                continue
            findings.append(Finding(number, "out_of_sequence", text, expected))
        measure_number = _measure_number(text, arabic=not bracketed)
        if measure_number is not None:
            restart = part is not None and not part.measures and measure_number == 1
            if part is not None and (measure_number == last_measure + 1 or restart):
                if measure is not None:
                    _finish_measure(measure, findings)
                measure = ParsedMeasure(number=measure_number, line=number)
                measure._chunks.append((number, _measure_rest(text, arabic=not bracketed)))
                part.measures.append(measure)
                last_measure = measure_number
                continue
            if part is None:
                findings.append(Finding(number, "before_parts", text))
            else:
                findings.append(Finding(number, "out_of_sequence", text, last_measure + 1))
        if measure is not None:
            measure._chunks.append((number, text))
        elif part is not None:
            part._chunks.append((number, text))
        else:
            preamble.append((number, text))
    if measure is not None:
        _finish_measure(measure, findings)

    for each in doc.parts:
        each.text, _ = _join(each._chunks)
        if each._chunks:
            code = "outside_measure" if each.measures else "part_text"
            findings.append(Finding(each._chunks[0][0], code, each.text[:60]))
    _read_preamble(doc, preamble)
    findings.sort(key=lambda finding: finding.line)
    return doc


def _measure_number(text: str, arabic: bool = False) -> int | None:
    match = BRACKET_MEASURE_RE.match(text) or (ARABIC_MEASURE_RE.match(text) if arabic else None)
    return parse_numeral(match.group(1)) if match else None


def _measure_rest(text: str, arabic: bool) -> str:
    match = BRACKET_MEASURE_RE.match(text) or (ARABIC_MEASURE_RE.match(text) if arabic else None)
    return match.group(2).strip() if match else text


def _read_preamble(doc: ParsedDocument, lines: list[tuple[int, str]]) -> None:
    if not lines:
        return
    doc.title = lines[0][1]
    rest = lines[1:]
    if rest and rest[0][1].endswith((":", "：")):
        doc.addressee = rest[0][1]
        rest = rest[1:]
    doc.preamble, _ = _join(rest)


def parse_text(text: str) -> ParsedDocument:
    return parse_lines(split_lines(text))
