"""The block model of a generated document; renderers turn it into DOCX or PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    numbered: bool = True


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # first line indented two characters, as official documents are


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str = ""
    width_mm: float = 150.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Figure | PageBreak


@dataclass
class Document:
    """A document: its title block and its body, in order.

    ``demonstration`` marks documents that show demonstration data: the renderers print a
    notice under the title and in the header of every page.
    """

    title: str
    subtitle: str = ""
    issuer: str = ""
    issued_on: date | None = None
    demonstration: bool = False
    blocks: list[Block] = field(default_factory=list)

    def heading(self, level: int, text: str, numbered: bool = True) -> Document:
        if not 1 <= level <= 4:
            raise ValueError(f"heading levels run from 1 to 4, not {level}")
        self.blocks.append(Heading(level, text, numbered))
        return self

    def paragraph(self, text: str, indent: bool = True) -> Document:
        self.blocks.append(Paragraph(text, indent))
        return self

    def table(self, header: list[str], rows: list[list[str]], caption: str = "") -> Document:
        width = len(header)
        for number, row in enumerate(rows, start=1):
            if len(row) != width:
                raise ValueError(f"table row {number} has {len(row)} cells, the header {width}")
        self.blocks.append(
            Table(list(header), [[str(cell) for cell in row] for row in rows], caption)
        )
        return self

    def figure(self, png: bytes, caption: str = "", width_mm: float = 150.0) -> Document:
        if not png.startswith(b"\x89PNG"):
            raise ValueError("a figure must be a PNG image")
        self.blocks.append(Figure(png, caption, width_mm))
        return self

    def page_break(self) -> Document:
        self.blocks.append(PageBreak())
        return self

    def text(self) -> str:
        """Every text of the document, for searching and tests."""
        parts = [self.title, self.subtitle, self.issuer]
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts.extend([block.caption, *block.header, *(c for r in block.rows for c in r)])
            elif isinstance(block, Figure):
                parts.append(block.caption)
        return "\n".join(part for part in parts if part)
