"""Writes: scenarios (create, copy, edit) and user-defined factor sets.

Each write validates first (located errors, nothing stored), checks permission, runs in one
transaction and leaves an audit entry."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction
from greenloop.accounts.permissions import require, role_of
from greenloop.accounts.roles import Role
from greenloop.carbon.engine import reference, scenarios
from greenloop.carbon.models import Factor, FactorSet, FactorSetKind, Scenario

PLANNERS = frozenset(
    {
        Role.ADMIN,
        Role.COORDINATOR,
        Role.DEPT_REPORTER,
        Role.DEPT_REVIEWER,
        Role.PREFECTURE_REPORTER,
    }
)


def can_plan(user: Any) -> bool:
    return role_of(user) in PLANNERS


def can_edit(user: Any, scenario: Scenario) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return (
        role in PLANNERS
        and scenario.created_by_id is not None
        and scenario.created_by_id == user.pk
    )


def _check(name: str, region_code: str, assumptions: Any) -> None:
    problems: list[list[Any]] = []
    if not name.strip():
        problems.append(["name", _("required")])
    if len(name) > 200:
        problems.append(["name", _("longer than 200 characters")])
    if not (region_code.isdigit() and len(region_code) == 6):
        problems.append(["region_code", _("a six-digit GB/T 2260 code")])
    if "\x00" in name or "\\u0000" in json.dumps(assumptions, default=str):
        problems.append(["name", _("contains a NUL character")])
    errors: dict[str, list[str]] = {".".join(map(str, p[:-1])): [str(p[-1])] for p in problems}
    try:
        scenarios.validate(assumptions)
    except scenarios.ScenarioError as error:
        for loc in error.located:
            errors[".".join(str(p) for p in ["assumptions", *loc[:-1]])] = [_(str(loc[-1]))]
    if errors:
        raise ValidationError(errors)


def _unique_code(name: str) -> str:
    stem = slugify(name)[:50] or "scenario"
    code, n = stem, 1
    while Scenario.objects.filter(code=code).exists():
        n += 1
        code = f"{stem}-{n}"
    return code


def create_scenario(
    *, user: Any, name: str, region_code: str, assumptions: Any, copied_from: Scenario | None = None
) -> Scenario:
    require(can_plan(user), _("You may not create scenarios."))
    _check(name, region_code, assumptions)
    with transaction.atomic():
        scenario = Scenario.objects.create(
            code=_unique_code(name),
            name=name.strip(),
            region_code=region_code,
            assumptions=assumptions,
            copied_from=copied_from,
            demonstration=bool(copied_from and copied_from.demonstration),
            created_by=user,
        )
        audit.record(
            actor=user,
            action=AuditAction.CREATE,
            object_type="carbon.scenario",
            object_repr=scenario.code,
            after={"name": scenario.name, "assumptions": assumptions},
        )
    return scenario


def copy_scenario(*, user: Any, source: Scenario, name: str = "") -> Scenario:
    return create_scenario(
        user=user,
        name=name or f"{source.name} (copy)",
        region_code=source.region_code,
        assumptions=copy.deepcopy(source.assumptions),
        copied_from=source,
    )


def update_scenario(*, user: Any, scenario: Scenario, name: str, assumptions: Any) -> Scenario:
    require(can_edit(user, scenario), _("You may not edit this scenario."))
    _check(name, scenario.region_code, assumptions)
    before = {"name": scenario.name, "assumptions": scenario.assumptions}
    with transaction.atomic():
        scenario.name = name.strip()
        scenario.assumptions = assumptions
        scenario.save(update_fields=["name", "assumptions", "updated_at"])
        audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="carbon.scenario",
            object_repr=scenario.code,
            before=before,
            after={"name": scenario.name, "assumptions": assumptions},
        )
    return scenario


def create_factor_set(
    *, user: Any, code: str, name: str, version: str, source: str, factors: list[dict[str, Any]]
) -> FactorSet:
    """A user-defined set: every CEADs fuel must have NCV, carbon content and oxidation."""
    require(role_of(user) in {Role.ADMIN, Role.COORDINATOR}, _("You may not define factor sets."))
    errors: dict[str, list[str]] = {}
    if not code or FactorSet.objects.filter(code=code).exists():
        errors["code"] = [_("required and unique")]
    if not source.strip():
        errors["source"] = [_("required")]
    given: dict[Any, tuple[int, dict[str, Any]]] = {
        f.get("fuel"): (i, f) for i, f in enumerate(factors)
    }
    for fuel in reference.fuel_codes():
        if fuel not in given:
            errors[f"factors.{fuel}"] = [_("missing fuel")]
    for fuel, (index, row) in given.items():
        if fuel not in reference.fuel_codes():
            errors[f"factors.{index}.fuel"] = [_("unknown fuel")]
            continue
        for key in ("ncv", "carbon_content", "oxidation"):
            value = row.get(key)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                errors[f"factors.{index}.{key}"] = [_("a number ≥ 0")]
            elif key == "oxidation" and value > 1:
                errors[f"factors.{index}.{key}"] = [_("outside [0, 1]")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        factor_set = FactorSet.objects.create(
            code=code,
            name=name or code,
            version=version or "1",
            kind=FactorSetKind.USER,
            source=source,
            created_by=user,
        )
        Factor.objects.bulk_create(
            Factor(
                factor_set=factor_set,
                fuel=row["fuel"],
                ncv=float(row["ncv"]),
                carbon_content=float(row["carbon_content"]),
                oxidation=float(row["oxidation"]),
                source=str(row.get("source") or source),
            )
            for row in factors
        )
        audit.record(
            actor=user,
            action=AuditAction.CREATE,
            object_type="carbon.factorset",
            object_repr=code,
            after={"factors": factors},
        )
    return factor_set
