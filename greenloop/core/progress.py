"""A rich progress bar behind the loaders' Progress protocol."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from greenloop.core.loading import label_text


class RichProgress:
    def __init__(self, console: Console | None = None) -> None:
        self._bar = Progress(
            TextColumn("{task.description:<14}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task: Any = None

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def start(self, label: str, total: int) -> None:
        self._task = self._bar.add_task(label_text(label), total=total)

    def advance(self, step: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, step)
