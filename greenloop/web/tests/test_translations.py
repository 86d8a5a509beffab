"""Every translation catalogue of the project is complete and compiled."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


def entry_key(entry: polib._BaseEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def translations(catalogue: polib._BaseFile) -> dict[tuple[str | None, str], object]:
    """msgid → msgstr (or the plural forms), for every entry that is in use."""
    result: dict[tuple[str | None, str], object] = {}
    for entry in catalogue:
        if getattr(entry, "obsolete", False) or not entry.msgid:
            continue
        if entry.msgid_plural:
            result[entry_key(entry)] = {int(k): v for k, v in entry.msgstr_plural.items()}
        else:
            result[entry_key(entry)] = entry.msgstr
    return result


def test_the_web_shell_has_a_catalogue() -> None:
    assert PACKAGE_DIR / "web/locale/zh_Hans/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_every_entry_is_translated_and_none_is_fuzzy(po_path: Path) -> None:
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {po_path}"
    assert fuzzy == [], f"fuzzy in {po_path}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_the_compiled_catalogue_matches_its_source(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run python -m greenloop.core.messages"
    source = translations(polib.pofile(str(po_path)))
    compiled = translations(polib.mofile(str(mo_path)))
    assert compiled == source
