"""Registries of enterprise monitoring: key energy-consuming units and their metering points,
targets and quotas; fixed pollution sources, permits, outlets and limits; monitoring devices;
computed aggregates; alerts. Readings themselves are Parquet files (see engine/store.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Designation(models.TextChoices):
    NATIONAL = "national", _("Key unit (≥ 10,000 tce a year)")
    PROVINCIAL = "provincial", _("Provincially designated (≥ 5,000 tce a year)")


THRESHOLD_TCE = {Designation.NATIONAL: 10_000, Designation.PROVINCIAL: 5_000}


class KeyEnergyUnit(models.Model):
    organization = models.OneToOneField(
        "orgs.Organization",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="key_energy_unit",
    )
    designation = models.CharField(_("designation"), max_length=16, choices=Designation.choices)
    annual_consumption_tce = models.FloatField(_("annual comprehensive energy consumption (tce)"))
    supervisor = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("supervising department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("key energy-consuming unit")
        verbose_name_plural = _("key energy-consuming units")

    def __str__(self) -> str:
        return str(self.organization)


class MeteringPoint(models.Model):
    unit = models.ForeignKey(
        KeyEnergyUnit,
        verbose_name=_("energy-consuming unit"),
        on_delete=models.PROTECT,
        related_name="points",
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=128)
    # A GB/T 2589 energy code from greenloop/data/energy/gbt2589_coefficients.csv
    energy = models.CharField(_("energy kind"), max_length=32)
    physical_unit = models.CharField(_("physical unit"), max_length=32)
    # Measured net calorific value in kJ per physical unit; when blank, GB/T 2589 applies.
    measured_ncv = models.FloatField(
        _("measured net calorific value (kJ/unit)"), null=True, blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("metering point")
        verbose_name_plural = _("metering points")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EnergyTarget(models.Model):
    unit = models.ForeignKey(KeyEnergyUnit, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    consumption_cap_tce = models.FloatField(_("energy consumption cap (tce)"))
    saving_tce = models.FloatField(_("energy-saving target (tce)"), default=0)

    class Meta:
        ordering = ["unit_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="enterprise_one_target_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class ProductQuota(models.Model):
    """An energy consumption quota per unit of product (e.g. a national GB quota standard)."""

    unit = models.ForeignKey(KeyEnergyUnit, on_delete=models.PROTECT, related_name="quotas")
    product = models.CharField(_("product"), max_length=128)
    standard = models.CharField(_("quota standard"), max_length=64, blank=True)
    limit_value = models.FloatField(_("quota"))
    limit_unit = models.CharField(_("quota unit"), max_length=32)  # e.g. kgce/t
    product_unit = models.CharField(_("product unit"), max_length=32)  # e.g. t

    class Meta:
        ordering = ["unit_id", "product"]

    def __str__(self) -> str:
        return f"{self.product} {self.limit_value} {self.limit_unit}"


class ProductOutput(models.Model):
    quota = models.ForeignKey(ProductQuota, on_delete=models.PROTECT, related_name="outputs")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    quantity = models.FloatField(_("output"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quota", "year", "month"], name="enterprise_output_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quota.product} {self.year}-{self.month:02d}"


class Category(models.TextChoices):
    KEY = "key", _("Key management")
    SIMPLIFIED = "simplified", _("Simplified management")
    REGISTRATION = "registration", _("Registration")


class PollutionSource(models.Model):
    organization = models.OneToOneField(
        "orgs.Organization", on_delete=models.PROTECT, related_name="pollution_source"
    )
    category = models.CharField(_("management category"), max_length=16, choices=Category.choices)
    supervisor = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("supervising department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    demonstration = models.BooleanField(_("demonstration data"), default=False)

    def __str__(self) -> str:
        return str(self.organization)


class DischargePermit(models.Model):
    source = models.ForeignKey(PollutionSource, on_delete=models.PROTECT, related_name="permits")
    number = models.CharField(_("permit number"), max_length=22, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class Medium(models.TextChoices):
    GAS = "gas", _("Waste gas")
    WATER = "water", _("Waste water")


class Outlet(models.Model):
    permit = models.ForeignKey(DischargePermit, on_delete=models.PROTECT, related_name="outlets")
    code = models.CharField(_("outlet code"), max_length=16)  # DA001 gas, DW001 water
    name = models.CharField(_("name"), max_length=128)
    medium = models.CharField(_("medium"), max_length=8, choices=Medium.choices)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["permit_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["permit", "code"], name="enterprise_outlet_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.permit.number} {self.code}"


class PermitLimit(models.Model):
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="limits")
    pollutant = models.CharField(_("pollutant code (HJ 212)"), max_length=12)
    name = models.CharField(_("pollutant"), max_length=64)
    concentration_limit = models.FloatField(_("concentration limit"))
    unit = models.CharField(_("unit"), max_length=16)  # mg/m3 or mg/L
    annual_quantity_t = models.FloatField(_("annual permitted quantity (t)"), null=True, blank=True)

    class Meta:
        ordering = ["outlet_id", "pollutant"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "pollutant"], name="enterprise_limit_once")
        ]

    def __str__(self) -> str:
        return f"{self.outlet} {self.pollutant}"


class Device(models.Model):
    mn = models.CharField(_("device id (MN)"), max_length=24, unique=True)
    password = models.CharField(_("access password (PW)"), max_length=6)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="devices"
    )
    point = models.ForeignKey(
        MeteringPoint, null=True, blank=True, on_delete=models.PROTECT, related_name="devices"
    )
    interval_minutes = models.PositiveIntegerField(_("reporting interval (minutes)"), default=1)
    is_active = models.BooleanField(_("active"), default=True)
    demonstration = models.BooleanField(_("demonstration data"), default=False)

    class Meta:
        ordering = ["mn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outlet__isnull=True) | Q(point__isnull=True),
                name="enterprise_device_bound_once",
            )
        ]

    def __str__(self) -> str:
        return self.mn

    @property
    def kind(self) -> str:
        if self.outlet_id:
            return self.outlet.medium if self.outlet else ""
        return "energy"

    @property
    def organization(self) -> models.Model | None:
        if self.outlet_id and self.outlet:
            return self.outlet.permit.source.organization
        if self.point_id and self.point:
            return self.point.unit.organization
        return None


class HourlyValue(models.Model):
    """A valid-or-not hourly average computed by the analytics (HJ 75-2017 rules)."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="hourly")
    param = models.CharField(max_length=12)
    hour = models.DateTimeField()
    value = models.FloatField(null=True)
    valid_minutes = models.PositiveSmallIntegerField(default=0)
    valid = models.BooleanField(default=False)
    emission_kg = models.FloatField(null=True)

    class Meta:
        ordering = ["device_id", "param", "hour"]
        constraints = [
            models.UniqueConstraint(fields=["device", "param", "hour"], name="enterprise_hour_once")
        ]

    def __str__(self) -> str:
        return f"{self.device_id} {self.param} {self.hour}"


class DailyValue(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="daily")
    param = models.CharField(max_length=12)
    day = models.DateField()
    value = models.FloatField(null=True)
    valid_hours = models.PositiveSmallIntegerField(default=0)
    valid = models.BooleanField(default=False)
    emission_kg = models.FloatField(null=True)

    class Meta:
        ordering = ["device_id", "param", "day"]
        constraints = [
            models.UniqueConstraint(fields=["device", "param", "day"], name="enterprise_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.device_id} {self.param} {self.day}"


class EnergyDaily(models.Model):
    unit = models.ForeignKey(KeyEnergyUnit, on_delete=models.CASCADE, related_name="daily")
    day = models.DateField()
    tce = models.FloatField()

    class Meta:
        ordering = ["unit_id", "day"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="enterprise_energy_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}"


class EnergyQuantity(models.Model):
    """Metered physical quantity of one energy kind in one unit, per month (``month`` 1-12)
    or for the whole year (``month`` = 0) of the data analysed: the activity data of the
    enterprise's scope 1 and 2 CO2 accounting."""

    unit = models.ForeignKey(KeyEnergyUnit, on_delete=models.CASCADE, related_name="quantities")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))  # 0 = the whole year
    energy = models.CharField(_("energy kind"), max_length=32)
    physical_unit = models.CharField(_("physical unit"), max_length=32)
    quantity = models.FloatField(_("quantity"))

    class Meta:
        ordering = ["unit_id", "year", "month", "energy"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month", "energy", "physical_unit"],
                name="enterprise_energy_quantity_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}-{self.month} {self.energy}"


class DeviceQuality(models.Model):
    device = models.OneToOneField(Device, on_delete=models.CASCADE, related_name="quality")
    period_from = models.DateField()
    period_to = models.DateField()
    transmission_rate = models.FloatField()
    validity_rate = models.FloatField()

    def __str__(self) -> str:
        return f"{self.device_id}"


class AlertKind(models.TextChoices):
    EXCEEDANCE = "exceedance", _("Hourly concentration above the permit limit")
    MISSING = "missing", _("Device silent longer than its interval")
    FLATLINE = "flatline", _("Flat-lined values")
    OUT_OF_RANGE = "out_of_range", _("Value out of the physical range")
    ENERGY_TARGET = "energy_target", _("Heading to miss the yearly energy target")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


class Alert(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=AlertKind.choices)
    # A stable key so that recomputing the analytics never raises the same alert twice.
    key = models.CharField(max_length=128, unique=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    supervisor = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("supervising department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    device = models.ForeignKey(
        Device, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    param = models.CharField(max_length=12, blank=True)
    at = models.DateTimeField(_("time"))
    value = models.FloatField(null=True, blank=True)
    limit = models.FloatField(null=True, blank=True)
    message = models.CharField(_("message"), max_length=255)
    status = models.CharField(max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class AlertEvent(models.Model):
    """Acknowledgement, comment or closing of an alert: appended, never changed."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16)
    comment = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.alert_id} {self.action}"
