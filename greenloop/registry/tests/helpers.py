"""Small helpers shared by the registry's HTTP tests."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

FACTORY_EVIDENCE = ("P1", "P2", "P3", "F1", "F3", "F4", "F5", "F6", "F9", "F12", "F13", "F15")


def post(client: Client, url: str, data: Any = None) -> Any:
    return client.post(url, data=data or {}, content_type="application/json")


def upload(client: Client, pk: int, code: str, name: str, content: bytes) -> Any:
    return client.post(
        f"/api/registry/applications/{pk}/evidence",
        data={"code": code, "file": SimpleUploadedFile(name, content)},
    )
