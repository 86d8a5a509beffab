import pytest

from greenloop.reports.calc import HeadingCounter, chinese_numeral, heading_label


@pytest.mark.parametrize(
    ("number", "numeral"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (25, "二十五"), (99, "九十九")],
)
def test_chinese_numerals(number, numeral):
    assert chinese_numeral(number) == numeral


def test_the_four_levels_of_gb_t_9704():
    assert [heading_label(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    with pytest.raises(ValueError, match="1 to 4"):
        heading_label(5, 1)
    with pytest.raises(ValueError, match="1 to 99"):
        chinese_numeral(100)


def test_a_heading_restarts_the_numbering_below_it():
    counter = HeadingCounter()
    labels = [counter.next(level) for level in (1, 2, 2, 3, 3, 4, 1, 2, 3)]
    assert labels == ["一、", "（一）", "（二）", "1.", "2.", "（1）", "二、", "（一）", "1."]
