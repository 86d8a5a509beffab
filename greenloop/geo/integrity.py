"""Integrity of the regions: well-formed codes, parents one level up, prefecture boundaries."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext as _

from greenloop.geo import calc
from greenloop.geo.errors import explain, level_noun
from greenloop.geo.models import Region, RegionLevel


def _about(code: str, name: str, why: str) -> str:
    return _("region %(code)s (%(name)s): %(why)s") % {"code": code, "name": name, "why": why}


def _check_links(problems: list[str]) -> None:
    rows = Region.objects.values_list("code", "name_zh", "level", "parent__code", "parent__level")
    for code, name, level, parent_code, parent_level in rows.order_by("code"):
        try:
            calc.check_level(code, level)
            calc.check_parent(code, parent_code)
        except calc.Invalid as error:
            problems.append(_about(code, name, explain(error)))
            continue
        above = calc.level_above(level)
        # A county the province administers directly may hang from the province itself.
        if parent_level is not None and parent_level != above and parent_code != code[:2] + "0000":
            why = _("its parent %(parent)s is a %(found)s, not a %(expected)s") % {
                "parent": parent_code,
                "found": level_noun(parent_level),
                "expected": level_noun(above or ""),
            }
            problems.append(_about(code, name, why))


def _check_boundaries(problems: list[str], province: Region) -> None:
    prefectures = Region.objects.filter(parent=province, level=RegionLevel.PREFECTURE)
    for code, name, boundary in prefectures.values_list("code", "name_zh", "boundary"):
        if not boundary:
            problems.append(_about(code, name, _("no boundary is loaded")))
            continue
        try:
            calc.parse_geometry(json.loads(boundary))
        except json.JSONDecodeError:
            problems.append(_about(code, name, _("the stored boundary is not JSON")))
        except calc.Invalid as error:
            problems.append(_about(code, name, explain(error)))


def check() -> list[str]:
    problems: list[str] = []
    _check_links(problems)
    province = Region.objects.filter(code=settings.GREENLOOP_PROVINCE).defer("boundary").first()
    if province is None:
        problems.append(
            _("region %(code)s, the configured province (GREENLOOP_PROVINCE), is not loaded")
            % {"code": settings.GREENLOOP_PROVINCE}
        )
    else:
        _check_boundaries(problems, province)
    return problems
