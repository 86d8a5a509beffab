"""Administrative regions (GB/T 2260 codes) and their boundaries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture-level unit")
    COUNTY = "county", _("County-level unit")


class Region(models.Model):
    code = models.CharField(_("code"), max_length=6, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # GeoJSON geometry (lon/lat), kept as text: served as is to the map, never queried.
    boundary = models.TextField(_("boundary (GeoJSON)"), blank=True)
    boundary_source = models.CharField(_("boundary source"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        """The name in the active language."""
        language = get_language() or "zh-hans"
        return self.name_en if language.startswith("en") else self.name_zh
