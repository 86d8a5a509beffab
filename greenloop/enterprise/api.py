"""The enterprise domain's JSON API (mounted in greenloop/api.py)."""

from ninja import Router

router = Router(tags=["enterprise"])
