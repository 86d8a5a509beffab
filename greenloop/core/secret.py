"""The secret key lives in the var directory, generated on first start, never in the repo."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_KEY_FILE = "secret_key"


def load_or_create_secret_key(var_dir: Path) -> str:
    """Return the key stored under ``var_dir``, creating it (mode 0600) when absent."""
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / _KEY_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(64)
    try:
        # O_EXCL: when two processes start at once, only one writes; the other reads its key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
