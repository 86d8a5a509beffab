"""Translated labels of the evaluation's statuses and reasons (calc returns plain keys)."""

from django.utils.translation import gettext_lazy as _

STATUS = {
    "achieved": _("Achieved"),
    "on_track": _("On track"),
    "warning": _("Warning"),
    "off_track": _("Off track"),
    "no_data": _("No data"),
}

REASONS = {
    "no_base": _("no value for the base year"),
    "no_observation": _("no observation up to this year"),
    "met": _("the latest value already meets the target"),
    "missed": _("the target year has passed and the target was missed"),
    "single": _("one observation only: no trend yet"),
    "trend_meets": _("the trend reaches the target by the target year"),
    "band_meets": _("the trend falls short, but the target is inside its uncertainty band"),
    "short": _("the trend and its uncertainty band fall short of the target"),
}

CATEGORIES = {
    "resource_utilization": _("Resource use"),
    "environmental_governance": _("Environmental governance"),
    "environmental_quality": _("Environmental quality"),
    "ecological_protection": _("Ecological protection"),
    "growth_quality": _("Growth quality"),
    "green_living": _("Green living"),
    "public_satisfaction": _("Public satisfaction"),
}


def reason(key: str) -> str:
    return str(REASONS.get(key, key))


def status(key: str) -> str:
    return str(STATUS.get(key, key))
