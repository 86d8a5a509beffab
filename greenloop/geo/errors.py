"""Errors of the regions app, told in the active language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenloop.core.loading import DataFileError
from greenloop.geo import calc

__all__ = ["DataFileError", "explain", "level_noun", "located"]

# The levels as nouns inside sentences ("… is that of a county-level unit").
LEVEL_NOUNS = {
    calc.PROVINCE: gettext_lazy("province"),
    calc.PREFECTURE: gettext_lazy("prefecture-level unit"),
    calc.COUNTY: gettext_lazy("county-level unit"),
}
_LEVEL_PARAMS = frozenset({"implied", "level", "found", "expected"})


def level_noun(level: str) -> str:
    return str(LEVEL_NOUNS.get(level, level))


def explain(error: calc.Invalid) -> str:
    """The reason of a code or geometry error (from :mod:`greenloop.geo.calc`), translated."""
    if not error.params:
        return _(error.template)
    params = {
        name: level_noun(value) if name in _LEVEL_PARAMS and value in LEVEL_NOUNS else value
        for name, value in error.params.items()
    }
    return _(error.template) % params


def located(file: str, row: int, column: str, why: str) -> str:
    return _("%(file)s, row %(row)d, column %(column)s: %(why)s") % {
        "file": file,
        "row": row,
        "column": column,
        "why": why,
    }
