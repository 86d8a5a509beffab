"""Rebuild greenloop/reports/fonts/*.ttf from the full Noto Serif SC files.

    npm pack @expo-google-fonts/noto-serif-sc@0.4.3 && tar xzf expo-google-fonts-noto-serif-sc-0.4.3.tgz
    .venv/bin/python tools/subset_fonts.py package/400Regular/NotoSerifSC_400Regular.ttf \
        package/700Bold/NotoSerifSC_700Bold.ttf

Regular keeps every GBK character, Bold the GB 2312 hanzi; both keep the symbol ranges below.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

OUT = Path(__file__).resolve().parent.parent / "greenloop" / "reports" / "fonts"
SYMBOL_RANGES = [
    (0x0020, 0x007F),  # ASCII
    (0x00A0, 0x0180),  # Latin-1 and Latin Extended-A
    (0x0370, 0x0400),  # Greek (μ, Δ …)
    (0x2000, 0x20C0),  # punctuation, super/subscripts (CO₂, m³), currency
    (0x2100, 0x2300),  # letterlike (℃), number forms (Ⅰ), arrows, mathematical operators (−, ≤)
    (0x2460, 0x2700),  # enclosed numbers ①, box drawing, shapes, symbols
    (0x3000, 0x3040),  # CJK symbols and punctuation
    (0xFF00, 0xFFF0),  # full-width forms
]


def _characters(encoding: str, leads: range, trails: range) -> set[int]:
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(ord(bytes([lead, trail]).decode(encoding)))
            except UnicodeDecodeError:
                continue
    return found


def _subset(source: str, target: Path, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main(regular: str, bold: str) -> None:
    symbols = {cp for start, stop in SYMBOL_RANGES for cp in range(start, stop)}
    gb2312 = _characters("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    gbk = _characters("gbk", range(0x81, 0xFF), range(0x40, 0xFF))
    _subset(regular, OUT / "NotoSerifSC-Regular.ttf", symbols | gb2312 | gbk)
    _subset(bold, OUT / "NotoSerifSC-Bold.ttf", symbols | gb2312)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
