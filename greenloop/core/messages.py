"""Compile every translation catalogue (``greenloop/**/locale/*/LC_MESSAGES/django.po``).

Pure Python (polib), so no GNU gettext is needed on the machine:
``python -m greenloop.core.messages`` (``make messages``). The compiled ``.mo`` files are
committed; a test checks that each one matches its ``.po`` and that no entry is untranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    return sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


def compile_all() -> list[Path]:
    import polib

    written = []
    for po_path in catalogues():
        catalogue = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(path.relative_to(PACKAGE_DIR.parent))
    sys.exit(0)
