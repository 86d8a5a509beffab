"""Chinese numerals as used to number parts and measures (一 … 九十九)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUES = {char: index for index, char in enumerate(DIGITS)} | {"〇": 0, "两": 2}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (1 … 99)."""
    if not 0 < number < 100:
        raise ValueError(f"numeral out of range: {number}")
    tens, units = divmod(number, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else DIGITS[tens]) + "十"
    if units:
        text += DIGITS[units]
    return text


def parse_numeral(text: str) -> int | None:
    """二十五 → 25, 十 → 10, 25 → 25 (also full-width digits); None when not a numeral."""
    text = text.strip().translate(FULL_WIDTH_DIGITS)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(char not in _VALUES and char != "十" for char in text):
        return None
    if "十" not in text:
        return _VALUES[text] if len(text) == 1 else None
    tens_text, _, units_text = text.partition("十")
    if len(tens_text) > 1 or len(units_text) > 1 or "十" in units_text:
        return None
    tens = _VALUES[tens_text] if tens_text else 1
    units = _VALUES[units_text] if units_text else 0
    return tens * 10 + units
