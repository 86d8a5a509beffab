"""The CJK fonts that ship with greenloop (see fonts/README.md)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = FONT_DIR / "NotoSerifSC-Regular.ttf"
BOLD = FONT_DIR / "NotoSerifSC-Bold.ttf"
FAMILY = "Noto Serif SC"

# What the DOCX names (GB/T 9704-2012): Word/WPS on government desktops have these fonts.
DOCX_TITLE_FONT = "方正小标宋简体"
DOCX_BODY_FONT = "仿宋_GB2312"
DOCX_LEVEL1_FONT = "黑体"
DOCX_LEVEL2_FONT = "楷体_GB2312"
DOCX_LATIN_FONT = "Times New Roman"


@lru_cache(maxsize=2)
def covered_characters(path: Path = REGULAR) -> frozenset[int]:
    """Code points the font has a glyph for."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_characters(text: str, path: Path = REGULAR) -> set[str]:
    covered = covered_characters(path)
    return {char for char in text if not char.isspace() and ord(char) not in covered}
