"""Settings come from the environment: database, var directory, production security."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("GREENLOOP_", "DATABASE_URL"))
    }
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "greenloop.settings"
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        GREENLOOP_DEPLOYMENT="production",
        GREENLOOP_VAR_DIR=str(tmp_path),
        GREENLOOP_ALLOWED_HOSTS="greenloop.example.gov.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_settings_are_flagged_by_the_deploy_check(tmp_path):
    # The check can fail: plain-HTTP local settings are not production-ready.
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"], GREENLOOP_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


def storage_settings(**env: str) -> list[str]:
    """Database engine, database name and media root as a fresh process sees them."""
    script = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);print(s.DATABASES['default']['NAME']);"
        "print(s.MEDIA_ROOT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "greenloop.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.split()


def test_var_dir_and_database_url_select_storage(tmp_path):
    engine, name, media = storage_settings(GREENLOOP_VAR_DIR=str(tmp_path), DATABASE_URL="")
    assert engine.endswith("sqlite3") and name == str(tmp_path / "greenloop.sqlite3")
    assert media == str(tmp_path / "uploads")
    assert (tmp_path / "secret_key").exists()
    engine, name, _media = storage_settings(
        GREENLOOP_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://someone@db.internal:5433/greenloop",
    )
    assert engine.endswith("postgresql") and name == "greenloop"


def test_responses_carry_a_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
