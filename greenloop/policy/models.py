"""Policy as data: document → parts → measures → tasks, the division of tasks to departments,
and the yearly progress reports with their revisions, attachments and contributions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (under review)")
    PUBLISHED = "published", _("Published")


class Period(models.TextChoices):
    ANNUAL = "annual", _("Every year")
    BY_2025 = "by_2025", _("By 2025")
    BY_2035 = "by_2035", _("By 2035")
    CONTINUING = "continuing", _("Continuing")


class DivisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class PolicyDocument(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=255)
    issuer = models.CharField(_("issuer"), max_length=128, blank=True)
    number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    preamble = models.TextField(_("preamble"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def __str__(self) -> str:
        return self.title


class Part(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="parts"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text outside measures"), blank=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="policy_part_number")
        ]

    def __str__(self) -> str:
        from greenloop.policy.calc import chinese_numeral

        return f"{chinese_numeral(self.number)}、{self.title}"


class Measure(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    document = models.ForeignKey(
        PolicyDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    part = models.ForeignKey(
        Part, verbose_name=_("part"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="policy_measure_number")
        ]

    def __str__(self) -> str:
        return f"{self.label}{self.title}"

    @property
    def label(self) -> str:
        from greenloop.policy.calc import chinese_numeral

        return f"（{chinese_numeral(self.number)}）"


class Task(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="tasks"
    )
    number = models.PositiveSmallIntegerField(_("number within the measure"))
    # Position in the document's division table (序号), 1…N over all measures.
    sequence = models.PositiveIntegerField(_("sequence number"), default=0)
    title = models.CharField(_("task"), max_length=255)
    period = models.CharField(
        _("period"), max_length=16, choices=Period.choices, default=Period.CONTINUING
    )
    # Codes of the indicators the task moves (the monitoring catalogue's codes).
    indicator_codes = models.JSONField(_("indicators"), default=list, blank=True)
    deliverable = models.CharField(_("expected deliverable"), max_length=255, blank=True)
    lead_departments = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("lead departments"), related_name="policy_tasks_led"
    )
    cooperating_departments = models.ManyToManyField(
        "orgs.Organization",
        verbose_name=_("cooperating departments"),
        related_name="policy_tasks_cooperating",
        blank=True,
    )
    division_status = models.CharField(
        _("division status"),
        max_length=16,
        choices=DivisionStatus.choices,
        default=DivisionStatus.PROPOSED,
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["measure__number", "number"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(fields=["measure", "number"], name="policy_task_number")
        ]

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """One department's report on one task for one year; revisions keep every version."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    department = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="policy_reports",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    status = models.CharField(
        _("progress status"),
        max_length=16,
        choices=TaskStatus.choices,
        default=TaskStatus.NOT_STARTED,
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    narrative = models.TextField(_("narrative"), blank=True)
    key_figures = models.JSONField(_("key figures"), default=dict, blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    due_date = models.DateField(_("due date"))
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["year", "task__measure__number", "task__number"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "year", "department"], name="policy_one_report_per_year"
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="policy_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.task}"


class ReportRevision(models.Model):
    """A saved version of a report: appended at every save and state change, never changed."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    event = models.CharField(_("event"), max_length=16)
    state = models.CharField(_("state"), max_length=16, choices=ReportState.choices)
    data = models.JSONField(_("content"))
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="policy_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}"


class Attachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="policy/evidence/%Y/")
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=16)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence attachment")
        verbose_name_plural = _("evidence attachments")

    def __str__(self) -> str:
        return self.name


class Contribution(models.Model):
    """A cooperating department's input to a lead department's report."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="contributions"
    )
    department = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="policy_contributions"
    )
    text = models.TextField(_("contribution"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.department} → {self.report}"
