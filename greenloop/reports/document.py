"""The block model of a generated document; renderers turn it into DOCX or PDF."""

from __future__ import annotations

import re
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
    widths: tuple[float, ...] = ()  # relative column widths; estimated from the text if empty

    def column_weights(self, budget: float = 36.0) -> list[float]:
        """Relative column widths: the given ones, or estimated from the text.

        Units are one Chinese character of table text; ``budget`` is how many fit across the
        text block (156 mm at 小四). Each column wants its longest cell (a header may wrap
        onto two lines) and needs at least its longest unbreakable run (a number, a Latin
        word); when the wants exceed the budget, the wrappable room shrinks first.
        """
        if self.widths:
            return list(self.widths)
        padding = 1.2
        needs, wants = [], []
        for column, title in enumerate(self.header):
            cells = [row[column] for row in self.rows]
            runs = [run for text in [*cells, title] for run in _UNBREAKABLE.findall(text)]
            need = max([_display_width(run) for run in runs] + [1.0]) + padding
            longest = max([_display_width(text) for text in cells] + [0.0])
            want = min(max(longest, _display_width(title) / 2, 2.0), 24.0) + padding
            needs.append(need)
            wants.append(max(want, need))
        excess = sum(wants) - budget
        room = sum(want - need for want, need in zip(wants, needs, strict=True))
        if excess > 0 and room > 0:
            keep = max(0.0, 1 - excess / room)
            return [need + (want - need) * keep for want, need in zip(wants, needs, strict=True)]
        return wants


_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,:%+\-−/()_]+")


def _display_width(text: str) -> float:
    return sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in text)


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

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        caption: str = "",
        widths: list[float] | None = None,
    ) -> Document:
        width = len(header)
        for number, row in enumerate(rows, start=1):
            if len(row) != width:
                raise ValueError(f"table row {number} has {len(row)} cells, the header {width}")
        if widths is not None and (len(widths) != width or min(widths) <= 0):
            raise ValueError(f"a table of {width} columns needs {width} positive widths")
        cells = [[str(cell) for cell in row] for row in rows]
        self.blocks.append(Table(list(header), cells, caption, tuple(widths or ())))
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
