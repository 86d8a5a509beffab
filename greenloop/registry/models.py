"""Recognition schemes, applications, listings; farm-product certificates and batch traces."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Scheme(models.Model):
    """One version of a published scheme, loaded from ``greenloop/data/registry/schemes``."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    version = models.CharField(_("version"), max_length=64)
    listing_kind = models.CharField(_("listing kind"), max_length=32)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    standard = models.CharField(_("standard"), max_length=255, blank=True)
    source = models.TextField(_("source"))
    department_code = models.CharField(_("responsible department"), max_length=64, blank=True)
    validity_years = models.PositiveSmallIntegerField(_("validity (years)"), null=True, blank=True)
    definition = models.JSONField(_("definition"), default=dict)
    file_name = models.CharField(_("data file"), max_length=128, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def name(self) -> str:
        language = get_language() or "zh-hans"
        return self.name_en if language.startswith("en") and self.name_en else self.name_zh


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ASSESSED = "assessed", _("Assessed")
    REVIEWED = "reviewed", _("Reviewed by the department")
    PUBLISHED = "published", _("Published on the list")
    RETURNED = "returned", _("Returned")


class Application(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT)
    applicant = models.ForeignKey(
        "orgs.Organization", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default="draft"
    )
    # The scheme as it stood when the application was made: a later version of the scheme
    # file never changes how an earlier application is scored.
    scheme_version = models.CharField(_("scheme version"), max_length=64, blank=True)
    definition = models.JSONField(_("scheme definition used"), default=dict, blank=True)
    answers = models.JSONField(_("self-assessment answers"), default=dict, blank=True)
    self_score = models.JSONField(_("self-assessment score"), null=True, blank=True)
    assessment_answers = models.JSONField(_("assessor's answers"), null=True, blank=True)
    assessment = models.JSONField(_("assessment score"), null=True, blank=True)
    assessor_name = models.CharField(_("assessor"), max_length=128, blank=True)
    return_reasons = models.TextField(_("reasons for return"), blank=True)
    times_returned = models.PositiveSmallIntegerField(_("times returned"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.scheme.name_zh} · {self.applicant.name_zh} #{self.pk}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"registry/evidence/{instance.application_id}/{filename}"


class Evidence(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    code = models.CharField(_("prerequisite or indicator"), max_length=32)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("detected type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return f"{self.code}: {self.original_name}"


class ListingStatus(models.TextChoices):
    ACTIVE = "active", _("Listed")
    REVOKED = "revoked", _("Revoked")


class Listing(models.Model):
    """An item on a published list: from an application, or loaded from the public record."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT)
    certificate_no = models.CharField(_("certificate number"), max_length=64, unique=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name_zh = models.CharField(_("name"), max_length=128)
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    industry_code = models.CharField(_("industry code"), max_length=5, blank=True)
    level = models.CharField(_("level"), max_length=40, blank=True)
    batch = models.CharField(_("batch or year"), max_length=32, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ListingStatus.choices, default="active"
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="listing"
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    is_demonstration = models.BooleanField(_("demonstration"), default=False)
    data_key = models.CharField(max_length=64, blank=True, db_index=True)  # loader's row key

    class Meta:
        ordering = ["scheme", "region", "name_zh"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")

    def __str__(self) -> str:
        return f"{self.certificate_no} {self.name_zh}"


class ListingEventKind(models.TextChoices):
    PUBLISHED = "published", _("Published")
    RENEWED = "renewed", _("Renewed")
    SPOT_CHECK = "spot_check", _("Spot check")
    REVOKED = "revoked", _("Revoked")


class ListingEvent(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=ListingEventKind.choices)
    date = models.DateField(_("date"))
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")

    def __str__(self) -> str:
        return f"{self.listing.certificate_no} {self.kind} {self.date}"


class SpotCheckPlan(models.Model):
    """A random draw of listings to check, reproducible from its recorded seed."""

    scheme = models.ForeignKey(Scheme, null=True, blank=True, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    seed = models.BigIntegerField(_("seed"))
    size = models.PositiveSmallIntegerField(_("sample size"))
    population = models.JSONField(_("population (certificate numbers)"), default=list)
    drawn = models.JSONField(_("drawn (certificate numbers)"), default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spot-check plan")
        verbose_name_plural = _("spot-check plans")

    def __str__(self) -> str:
        return f"{self.year} seed={self.seed}"


# --- farm products -------------------------------------------------------------------------


class CertificateKind(models.TextChoices):
    GREEN_FOOD = "green_food", _("Green food")
    ORGANIC = "organic", _("Organic product (GB/T 19630)")
    GI = "gi", _("Geographical indication")


class FarmCertificate(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=CertificateKind.choices)
    gi_kind = models.CharField(_("GI register"), max_length=40, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=64, unique=True)
    product_zh = models.CharField(_("product"), max_length=128)
    holder = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder_name = models.CharField(_("holder"), max_length=128, blank=True)
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region of origin"), on_delete=models.PROTECT, related_name="+"
    )
    region_note = models.CharField(_("area of origin"), max_length=128, blank=True)
    coverage = models.CharField(_("area or output covered"), max_length=128, blank=True)
    certifier = models.CharField(_("certifying body"), max_length=128, blank=True)
    year = models.CharField(_("registration year"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    confirmed = models.BooleanField(_("confirmed against an official source"), default=False)
    source = models.TextField(_("source"), blank=True)
    is_demonstration = models.BooleanField(_("demonstration"), default=False)
    # Internal notes never shown on public pages.
    internal_note = models.TextField(_("internal note"), blank=True)

    class Meta:
        ordering = ["kind", "region", "product_zh"]
        verbose_name = _("farm-product certificate")
        verbose_name_plural = _("farm-product certificates")

    def __str__(self) -> str:
        return f"{self.certificate_no} {self.product_zh}"


class Batch(models.Model):
    code = models.CharField(_("batch code"), max_length=40, unique=True)
    product_zh = models.CharField(_("product"), max_length=128)
    producer = models.ForeignKey(
        "orgs.Organization", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("place of production"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    certificates = models.ManyToManyField(FarmCertificate, blank=True, related_name="batches")
    quantity = models.CharField(_("quantity"), max_length=64, blank=True)
    is_demonstration = models.BooleanField(_("demonstration"), default=False)
    internal_note = models.TextField(_("internal note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "code"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")

    def __str__(self) -> str:
        return self.code


class Stage(models.TextChoices):
    INPUT = "input", _("Farm input")
    HARVEST = "harvest", _("Harvest or slaughter")
    PROCESSING = "processing", _("Processing")
    INSPECTION = "inspection", _("Inspection")
    SALE = "sale", _("Sale")


class InputKind(models.TextChoices):
    FERTILIZER = "fertilizer", _("Fertilizer")
    PESTICIDE = "pesticide", _("Pesticide")
    VET_DRUG = "vet_drug", _("Veterinary drug")
    FEED = "feed", _("Feed")
    OTHER = "other", _("Other")


class TraceEvent(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    date = models.DateField(_("date"))
    input_kind = models.CharField(_("input kind"), max_length=16, blank=True)
    description = models.CharField(_("description"), max_length=255)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    result = models.CharField(_("result"), max_length=64, blank=True)
    # Not public: buyer's contact, prices, staff names.
    internal_note = models.TextField(_("internal note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("trace record")
        verbose_name_plural = _("trace records")

    def __str__(self) -> str:
        return f"{self.batch.code} {self.stage} {self.date}"


class LabelCheck(models.Model):
    """An inspector's check of a product label against the registry (measure 13)."""

    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=128)
    product_zh = models.CharField(_("product on the label"), max_length=128)
    claimed_kind = models.CharField(_("claimed mark"), max_length=32)
    claimed_number = models.CharField(_("certificate number on the label"), max_length=64)
    batch_code = models.CharField(_("batch code on the label"), max_length=40, blank=True)
    matches = models.BooleanField(_("matches the registry"))
    findings = models.JSONField(_("findings"), default=list)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("label check")
        verbose_name_plural = _("label checks")

    def __str__(self) -> str:
        return f"{self.date} {self.product_zh}"


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Case(models.Model):
    label_check = models.OneToOneField(LabelCheck, on_delete=models.PROTECT, related_name="case")
    status = models.CharField(_("status"), max_length=8, choices=CaseStatus.choices, default="open")
    summary = models.TextField(_("summary"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"case {self.pk}"
