"""The markets domain's JSON API (mounted in greenloop/api.py)."""

from ninja import Router

router = Router(tags=["markets"])
