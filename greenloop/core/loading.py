"""``greenloop load``: the default reference data, loaded idempotently.

The foundation's loaders are listed in :data:`LOADERS`; each domain app adds its own by
declaring ``data_loaders = [(label, verbose_label, "dotted.path.to.loader"), ...]`` on its
AppConfig. They run in that order: the foundation first, then the domains in
``INSTALLED_APPS`` order. A loader compares each row with what is stored and writes only
differences, so a second run changes nothing and reports every row as unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext, gettext_lazy

# (label, dotted path of a function ``(progress) -> LoadResult``), in dependency order.
LOADERS: list[tuple[str, str]] = [
    ("regions", "greenloop.geo.loaders.load_regions"),
    ("organizations", "greenloop.orgs.loaders.load_organizations"),
]
# What the console shows for each label, in the active language.
LABELS: dict[str, Any] = {
    "regions": gettext_lazy("Regions"),
    "organizations": gettext_lazy("Organizations"),
}


def label_text(label: str) -> str:
    return str(LABELS.get(label, label))


class DataFileError(ValueError):
    """A reference-data file that cannot be loaded: ``problems`` holds one located message
    each (file, row, column, why); nothing of it has been stored."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, step: int = 1) -> None: ...


class SilentProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, step: int = 1) -> None:
        pass


@dataclass
class LoadResult:
    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated


M = TypeVar("M", bound=models.Model)


def upsert(
    stored: dict[str, M],
    model: type[M],
    code: str,
    wanted: dict[str, Any],
    result: LoadResult,
    also_save: tuple[str, ...] = (),
) -> M:
    """Create the row ``code`` or bring it to ``wanted``, writing only what differs.

    ``stored`` maps code to the rows already in the database and gains new ones;
    ``also_save`` names fields to save along with any change (e.g. ``updated_at``).
    """
    obj = stored.get(code)
    if obj is None:
        obj = model(code=code, **wanted)
        obj.full_clean()
        obj.save()
        stored[code] = obj
        result.created += 1
        return obj
    differences = {key: value for key, value in wanted.items() if getattr(obj, key) != value}
    if not differences:
        result.unchanged += 1
        return obj
    for key, value in differences.items():
        setattr(obj, key, value)
    obj.save(update_fields=[*differences, *also_save])
    result.updated += 1
    return obj


def record_load(result: LoadResult, model: type[models.Model], path: Path, note: str = "") -> None:
    """One audit entry for a load that changed something (none when nothing changed)."""
    if not result.changed:
        return
    from greenloop.accounts import audit
    from greenloop.accounts.models import AuditAction

    counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    # The note is written in the language the load runs in (the console's: Chinese by default).
    message = gettext(
        "%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged"
    ) % {
        "file": path.name,
        **counts,
    }
    audit.record(
        actor=None,
        action=AuditAction.LOAD,
        object_type=model._meta.label_lower,
        object_repr=path.name,
        after={"file": path.name, **counts},
        message=f"{message}; {note}" if note else message,
    )


def _resolve(dotted: str) -> Callable[[Progress], LoadResult]:
    module_name, _, attr = dotted.rpartition(".")
    return getattr(import_module(module_name), attr)  # type: ignore[no-any-return]


def all_loaders() -> list[tuple[str, str]]:
    """(label, dotted path) of every loader: the foundation's, then each app's ``data_loaders``."""
    from django.apps import apps

    found = list(LOADERS)
    for config in apps.get_app_configs():
        for label, verbose, dotted in getattr(config, "data_loaders", None) or ():
            LABELS.setdefault(label, verbose)
            found.append((label, dotted))
    return found


def load_default_data(progress: Progress | None = None) -> list[LoadResult]:
    """Run every loader in order, all in one transaction: it lands whole or not at all."""
    progress = progress or SilentProgress()
    results = []
    with transaction.atomic():
        for _label, dotted in all_loaders():
            results.append(_resolve(dotted)(progress))
    return results
