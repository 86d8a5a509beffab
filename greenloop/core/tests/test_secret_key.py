"""The secret key is generated under the var directory on first start, never in the repo."""

from __future__ import annotations

import stat

from greenloop.core.secret import load_or_create_secret_key


def test_key_is_created_once_and_private(tmp_path):
    var = tmp_path / "var"
    first = load_or_create_secret_key(var)
    assert len(first) >= 50
    assert load_or_create_secret_key(var) == first
    mode = stat.S_IMODE((var / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_two_directories_get_different_keys(tmp_path):
    assert load_or_create_secret_key(tmp_path / "a") != load_or_create_secret_key(tmp_path / "b")
