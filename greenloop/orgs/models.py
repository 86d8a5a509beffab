"""Organizations: government bodies, enterprises, parks, banks, certifiers, institutions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    DEPARTMENT = "department", _("Government department")
    GOVERNMENT = "government", _("Prefecture or county government")
    ENTERPRISE = "enterprise", _("Enterprise")
    PARK = "park", _("Industrial park")
    FINANCIAL = "financial", _("Financial institution")
    CERTIFIER = "certifier", _("Certification body")
    INSTITUTION = "institution", _("Public institution")


GOVERNMENT_KINDS = (OrgKind.DEPARTMENT, OrgKind.GOVERNMENT)


class Organization(models.Model):
    # A stable short identifier used by data files and imports (e.g. "qh-drc").
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    short_name_zh = models.CharField(_("Chinese short name"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Unified Social Credit Code (GB 32100-2015), 18 characters with a check character.
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    # Industry of the national economy (GB/T 4754-2017), e.g. "C2511" or "D44".
    industry_code = models.CharField(_("industry code"), max_length=5, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    duties = models.TextField(_("statutory duties"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~Q(uscc=""), name="orgs_unique_uscc"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in OrgKind]),
                name="orgs_known_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = get_language() or "zh-hans"
        if language.startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_KINDS
