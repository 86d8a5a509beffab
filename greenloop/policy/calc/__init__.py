"""Pure computation for the policy domain (no Django): numerals, the policy-text parser,
report comparison, progress rules and the task-division table."""

from greenloop.policy.calc.numerals import chinese_numeral, parse_numeral

__all__ = ["chinese_numeral", "parse_numeral"]
