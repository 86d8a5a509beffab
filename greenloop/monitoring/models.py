"""Indicators, observations (every version kept), targets, uploads and the GDI reference."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEUTRAL = "neutral", _("Neither (context)")


class Frequency(models.TextChoices):
    YEAR = "year", _("Yearly")
    QUARTER = "quarter", _("Quarterly")
    MONTH = "month", _("Monthly")


class Catalogue(models.TextChoices):
    PROVINCE = "qinghai", _("Qinghai monitoring catalogue")
    GDI2016 = "gdi2016", _("National Green Development Indicator System (2016)")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    catalogue = models.CharField(_("catalogue"), max_length=16, choices=Catalogue.choices)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=255)
    category = models.CharField(_("category"), max_length=64, blank=True)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    definition = models.TextField(_("definition"), blank=True)
    formula = models.CharField(_("formula"), max_length=255, blank=True)
    parts = models.CharField(_("parts that sum to this indicator"), max_length=255, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=8, choices=Frequency.choices, default=Frequency.YEAR
    )
    levels = models.CharField(_("region levels"), max_length=64, default="province")
    department = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    categorical = models.BooleanField(_("categorical"), default=False)
    min_value = models.FloatField(_("smallest valid value"), null=True, blank=True)
    max_value = models.FloatField(_("largest valid value"), null=True, blank=True)
    # GDI catalogue only: weight in the index (percent), marker and the catalogue indicator
    # whose observations feed it.
    weight = models.FloatField(_("weight (%)"), null=True, blank=True)
    category_weight = models.FloatField(_("category weight (%)"), null=True, blank=True)
    marker = models.CharField(_("marker"), max_length=8, blank=True)
    feeds_from = models.CharField(_("observed as"), max_length=64, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    source = models.TextField(_("source"))

    class Meta:
        ordering = ["catalogue", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        language = get_language() or "zh-hans"
        return self.name_en if language.startswith("en") else self.name_zh

    @property
    def level_list(self) -> list[str]:
        return [level for level in self.levels.split("|") if level]


class Status(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary")
    FINAL = "final", _("Final")
    REVISED = "revised", _("Revised")


class UploadState(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved and published")
    REJECTED = "rejected", _("Rejected")


class Channel(models.TextChoices):
    XLSX = "xlsx", _("Excel template")
    CSV = "csv", _("CSV file")
    API = "api", _("API")


class Upload(models.Model):
    """One submission: its values are published only when a reviewer approves it."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=UploadState.choices, default=UploadState.PENDING
    )
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("values"), default=0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name or self.channel}"


class Observation(models.Model):
    """One version of one value. Versions are never changed: a correction is a new row.

    The value in force for (indicator, region/organization, period) at a moment is the version
    published last before it (``published_at``); unpublished versions await review.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=10)  # 2020, 2020Q1, 2020-03
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"), null=True, blank=True)
    value_text = models.CharField(_("categorical value"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.TextField(_("source"))
    quote = models.TextField(_("original phrase"), blank=True)
    note = models.TextField(_("note"), blank=True)
    demonstration = models.BooleanField(_("demonstration value"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    upload = models.ForeignKey(
        Upload,
        verbose_name=_("upload"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    load_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["indicator", "region", "period", "published_at", "id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [models.Index(fields=["indicator", "region", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.period} = {self.value}"


class TargetKind(models.TextChoices):
    AT_LEAST = "at_least", _("Level of at least")
    AT_MOST = "at_most", _("Level of at most")
    CHANGE = "change", _("Change from a base year (%)")
    CUMULATIVE = "cumulative", _("Cumulative amount")


class Binding(models.TextChoices):
    BINDING = "binding", _("Binding")
    EXPECTED = "expected", _("Expected")


class Target(models.Model):
    code = models.SlugField(_("code"), max_length=96, unique=True)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TargetKind.choices)
    value = models.FloatField(_("target value"))
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    binding = models.CharField(_("binding or expected"), max_length=10, choices=Binding.choices)
    plan = models.CharField(_("plan"), max_length=64, blank=True)
    document = models.CharField(_("document"), max_length=255)
    source = models.TextField(_("source"))
    quote = models.TextField(_("original phrase"), blank=True)
    demonstration = models.BooleanField(_("demonstration target"), default=False)

    class Meta:
        ordering = ["target_year", "indicator", "region"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.code


class ReferenceResult(models.Model):
    """A published green development index result (rank and/or value), never computed here."""

    region_code = models.CharField(_("region code"), max_length=6)
    region_name = models.CharField(_("region"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    measure = models.CharField(_("measure"), max_length=32)
    value = models.FloatField(_("value"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    source = models.TextField(_("source"))
    quote = models.TextField(_("original phrase"), blank=True)

    class Meta:
        ordering = ["year", "measure", "rank", "region_code"]
        verbose_name = _("published index result")
        verbose_name_plural = _("published index results")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "year", "measure"], name="monitoring_unique_reference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year} {self.measure}"
