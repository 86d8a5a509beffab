"""Registry fixtures: the green-factory scheme's answers, a small PDF and PNG as evidence."""

from __future__ import annotations

from typing import Any

import pytest

# The smallest well-formed PDF and PNG headers filetype recognises.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def factory_answers() -> dict[str, Any]:
    """A good factory: every prerequisite and yes/no indicator met, points near the top."""
    return {
        "P1": True,
        "P2": True,
        "P3": True,
        "P4": True,
        "F1": True,
        "F2": True,
        "F3": True,
        "F4": True,
        "F5": True,
        "F6": True,
        "F7": 5,
        "F8": 4,
        "F9": True,
        "F10": True,
        "F11": 3,
        "F12": True,
        "F13": True,
        "F14": True,
        "F15": True,
        "F16": 5,
        "F17": 4,
        "F18": 5,
        "F19": 92,
        "F20": 60,
        "F21": 4,
        "F22": 2,
    }


@pytest.fixture
def pdf_bytes() -> bytes:
    return PDF


@pytest.fixture
def png_bytes() -> bytes:
    return PNG
