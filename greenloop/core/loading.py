"""``greenloop load``: the default reference data, loaded idempotently.

Each domain offers loaders (``<domain>/loaders.py``) listed in :data:`LOADERS` in dependency
order. A loader compares each row with what is stored and writes only differences, so a
second run changes nothing and reports every row as unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Protocol

from django.db import transaction
from django.utils.translation import gettext_lazy

# (label, dotted path of a function ``(progress) -> LoadResult``), in dependency order.
LOADERS: list[tuple[str, str]] = [
    ("regions", "greenloop.geo.loaders.load_regions"),
    ("organizations", "greenloop.orgs.loaders.load_organizations"),
]
# What the console shows for each label, in the active language.
LABELS = {"regions": gettext_lazy("Regions"), "organizations": gettext_lazy("Organizations")}


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


def _resolve(dotted: str) -> Callable[[Progress], LoadResult]:
    module_name, _, attr = dotted.rpartition(".")
    return getattr(import_module(module_name), attr)  # type: ignore[no-any-return]


def load_default_data(progress: Progress | None = None) -> list[LoadResult]:
    """Run every loader in order, all in one transaction: it lands whole or not at all."""
    progress = progress or SilentProgress()
    results = []
    with transaction.atomic():
        for _label, dotted in LOADERS:
            results.append(_resolve(dotted)(progress))
    return results
