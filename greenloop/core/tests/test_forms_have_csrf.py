"""Every POST form in every template carries the CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
FORM = re.compile(r"<form\b[^>]*>(.*?)</form>", re.S | re.I)


def test_post_forms_include_the_csrf_token():
    checked = 0
    for template in PACKAGE.glob("**/templates/**/*.html"):
        for match in FORM.finditer(template.read_text(encoding="utf-8")):
            opening = match.group(0)[: match.group(0).index(">") + 1].lower()
            if 'method="post"' in opening:
                checked += 1
                assert "{% csrf_token %}" in match.group(1), (
                    f"{template}: POST form without csrf_token"
                )
    assert checked >= 2  # the language switch and the logout button at least


def test_a_post_without_the_token_is_refused(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
