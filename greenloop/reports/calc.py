"""Heading numbers of Chinese official documents (GB/T 9704-2012 §7.3.3). Pure module.

Level 1 "一、", level 2 "（一）", level 3 "1.", level 4 "（1）".
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九 (1 to 99, as headings need)."""
    if not 1 <= number <= 99:
        raise ValueError(f"heading numbers run from 1 to 99, not {number}")
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    prefix = "" if tens == 1 else _DIGITS[tens]
    return prefix + "十" + (_DIGITS[units] if units else "")


def heading_label(level: int, number: int) -> str:
    if level == 1:
        return f"{chinese_numeral(number)}、"
    if level == 2:
        return f"（{chinese_numeral(number)}）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    raise ValueError(f"heading levels run from 1 to 4, not {level}")


class HeadingCounter:
    """Numbers headings in order; a heading resets the counters of the levels below it."""

    def __init__(self) -> None:
        self._counts = [0, 0, 0, 0]

    def next(self, level: int) -> str:
        if not 1 <= level <= 4:
            raise ValueError(f"heading levels run from 1 to 4, not {level}")
        self._counts[level - 1] += 1
        for below in range(level, 4):
            self._counts[below] = 0
        return heading_label(level, self._counts[level - 1])
