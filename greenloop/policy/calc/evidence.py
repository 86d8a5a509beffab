"""Evidence attachments: the type is read from the content, never from the file name."""

from __future__ import annotations

import io
import zipfile

import filetype

MAX_BYTES = 10 * 1024 * 1024
# kind → MIME types accepted for it
ALLOWED = {
    "pdf": {"application/pdf"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}


def _is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names)


def evidence_kind(data: bytes) -> str | None:
    """'pdf', 'png', 'jpg' or 'xlsx' when the content is one of them, else None."""
    guess = filetype.guess(data[:8192])
    if guess is None:
        return None
    for kind, mimes in ALLOWED.items():
        if guess.mime in mimes:
            return kind
    if guess.mime in {"application/zip", "application/x-zip-compressed"} or guess.extension in {
        "xlsx",
        "zip",
    }:
        return "xlsx" if _is_xlsx(data) else None
    return None
