"""Carbon tables: factor sets, grid factors, inventories (region × year × sector × fuel),
electricity balances and saved scenarios."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactorSetKind(models.TextChoices):
    CEADS = "ceads", _("CEADs (Shan et al. 2018)")
    IPCC = "ipcc", _("IPCC 2006 defaults")
    USER = "user", _("User-defined")


class FactorSet(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=32)
    kind = models.CharField(_("kind"), max_length=8, choices=FactorSetKind.choices)
    source = models.CharField(_("source"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("emission factor set")
        verbose_name_plural = _("emission factor sets")

    def __str__(self) -> str:
        return f"{self.code} ({self.version})"


class Factor(models.Model):
    factor_set = models.ForeignKey(FactorSet, on_delete=models.CASCADE, related_name="factors")
    fuel = models.CharField(_("fuel"), max_length=40)
    ncv = models.FloatField(_("net calorific value (PJ per 10^4 t or 10^8 m3)"))
    carbon_content = models.FloatField(_("carbon content (t C/TJ)"))
    oxidation = models.FloatField(_("oxidation rate"))
    source = models.CharField(_("source"), max_length=500)

    class Meta:
        ordering = ["factor_set", "fuel"]
        constraints = [
            models.UniqueConstraint(fields=["factor_set", "fuel"], name="carbon_factor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.factor_set.code}:{self.fuel}"


class GridFactor(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=16)  # national, regional, provincial
    area = models.CharField(_("area"), max_length=64)
    year = models.PositiveIntegerField(_("year"))
    t_co2_per_mwh = models.FloatField(_("t CO2 per MWh"))
    source = models.CharField(_("source"), max_length=500)

    class Meta:
        ordering = ["scope", "code"]

    def __str__(self) -> str:
        return self.code


class InventoryKind(models.TextChoices):
    SECTOR_FUEL = "sector_fuel", _("Sector × fuel emissions")
    ENERGY = "energy", _("Energy inventory (physical units)")
    TOTAL = "total", _("Total only")


class Inventory(models.Model):
    """One region's inventory for one year from one source."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    region_code = models.CharField(_("region code"), max_length=6, db_index=True)
    region_name = models.CharField(_("region name"), max_length=64)
    year = models.PositiveIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=InventoryKind.choices)
    source = models.CharField(_("source"), max_length=500)
    factor_set = models.ForeignKey(
        FactorSet, null=True, blank=True, on_delete=models.PROTECT, related_name="inventories"
    )
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    total_mt = models.FloatField(_("total (Mt CO2)"))

    class Meta:
        ordering = ["region_code", "year"]
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")

    def __str__(self) -> str:
        return self.code


class InventoryCell(models.Model):
    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="cells")
    sector = models.CharField(_("sector"), max_length=8)
    fuel = models.CharField(_("fuel"), max_length=40)
    emissions_mt = models.FloatField(_("emissions (Mt CO2)"))
    energy = models.FloatField(_("energy (physical units)"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "sector", "fuel"], name="carbon_cell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sector}/{self.fuel}"


class ElectricityBalance(models.Model):
    region_code = models.CharField(_("region code"), max_length=6)
    year = models.PositiveIntegerField(_("year"))
    generation_twh = models.FloatField(_("generation (TWh)"))
    consumption_twh = models.FloatField(_("consumption (TWh)"))
    source = models.CharField(_("source"), max_length=500)
    demonstration = models.BooleanField(_("demonstration data"), default=False)

    class Meta:
        ordering = ["region_code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "year"], name="carbon_balance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year}"


class Scenario(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region_code = models.CharField(_("region code"), max_length=6)
    assumptions = models.JSONField(_("assumptions"))
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.code
