"""Writes on the registry: validate → permission → one transaction → audit.

Who may do what:
- an applicant's own members (and prefecture users for organizations of their region, and
  administrators) create, fill in, attach evidence to and submit applications;
- the scheme's responsible department (``Scheme.department_code``): its reporters and
  reviewers and certification bodies' users assess; its reviewers (and administrators) review,
  return, publish, renew, spot-check and revoke;
- farm-product certificates: the agriculture department (``qh-agri``) and administrators;
- batches and trace records: the producer's members (and its prefecture, administrators);
- label checks: government users (department and prefecture) and administrators;
- auditors never write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, Role
from greenloop.accounts.permissions import can_change_owned, require, role_of
from greenloop.orgs.models import Organization, OrgKind
from greenloop.registry import engine
from greenloop.registry.models import (
    Application,
    ApplicationStatus,
    Batch,
    Case,
    CertificateKind,
    Evidence,
    FarmCertificate,
    LabelCheck,
    Listing,
    ListingEvent,
    ListingEventKind,
    ListingStatus,
    Scheme,
    SpotCheckPlan,
    Stage,
    TraceEvent,
)
from greenloop.registry.selectors import validity_label

AGRICULTURE_DEPARTMENT = "qh-agri"
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Extensions a name may carry for each type detected from the content.
EVIDENCE_TYPES = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
}
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{5,39}$")
LISTING_PREFIX = {
    "green_factory": "GF",
    "green_park": "GP",
    "green_design_product": "GD",
    "green_supply_chain": "GS",
    "cleaner_production": "CP",
    "green_school": "ES",
    "green_community": "EC",
}


# The engine's reasons (plain English, it imports no Django), marked for translation here.
ENGINE_MESSAGES = (
    gettext_noop("not a prerequisite or indicator of this scheme"),
    gettext_noop("answer yes or no"),
    gettext_noop("a number is needed"),
    gettext_noop("a measured value cannot be negative"),
    gettext_noop("the batch already has a harvest or slaughter record"),
    gettext_noop("farm inputs are recorded after this harvest date"),
    gettext_noop("a farm input cannot come after the harvest or slaughter"),
    gettext_noop("record the harvest or slaughter first"),
    gettext_noop("this step cannot come before the harvest or slaughter"),
    gettext_noop("a sale cannot come before the batch's processing or inspection"),
)
POINTS_RE = re.compile(r"^points must lie between 0 and (\S+)$")


def explain(message: str) -> str:
    """An engine reason in the active language."""
    match = POINTS_RE.match(message)
    if match:
        return _("points must lie between 0 and %(max)s") % {"max": match.group(1)}
    return _(message)


# --- who ------------------------------------------------------------------------------------


def _org_code(user: Any) -> str:
    org = getattr(user, "organization", None)
    return getattr(org, "code", "") or ""


def is_scheme_official(user: Any, scheme: Scheme) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role in (Role.DEPT_REPORTER, Role.DEPT_REVIEWER) and _org_code(user) == (
        scheme.department_code
    )


def can_assess(user: Any, scheme: Scheme) -> bool:
    if is_scheme_official(user, scheme):
        return True
    org = getattr(user, "organization", None)
    return role_of(user) not in (None, Role.AUDITOR) and getattr(org, "kind", "") == (
        OrgKind.CERTIFIER
    )


def can_review(user: Any, scheme: Scheme) -> bool:
    role = role_of(user)
    return role == Role.ADMIN or (
        role == Role.DEPT_REVIEWER and _org_code(user) == scheme.department_code
    )


def can_apply(user: Any, applicant: Organization) -> bool:
    return role_of(user) != Role.COORDINATOR and can_change_owned(user, applicant)


def can_manage_farm_certificates(user: Any) -> bool:
    role = role_of(user)
    return role == Role.ADMIN or (
        role in (Role.DEPT_REPORTER, Role.DEPT_REVIEWER)
        and _org_code(user) == AGRICULTURE_DEPARTMENT
    )


def can_inspect_labels(user: Any) -> bool:
    return role_of(user) in (
        Role.ADMIN,
        Role.DEPT_REPORTER,
        Role.DEPT_REVIEWER,
        Role.PREFECTURE_REPORTER,
    )


# --- helpers --------------------------------------------------------------------------------


def parsed(scheme: Scheme) -> engine.Scheme:
    return engine.parse_scheme(scheme.definition)


def parsed_for(app: Application) -> engine.Scheme:
    """The scheme version the application was made under."""
    return engine.parse_scheme(app.definition or app.scheme.definition)


def _state(app: Application) -> dict[str, Any]:
    return {
        "status": app.status,
        "self_total": (app.self_score or {}).get("total"),
        "assessed_total": (app.assessment or {}).get("total"),
        "return_reasons": app.return_reasons,
    }


def _change_status(
    actor: Any, app: Application, status: str, message: str, **fields: Any
) -> Application:
    before = _state(app)
    app.status = status
    for name, value in fields.items():
        setattr(app, name, value)
    app.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=app,
        before=before,
        after=_state(app),
        message=message,
    )
    return app


def _require_status(app: Application, *allowed: str) -> None:
    if app.status not in allowed:
        labels = ", ".join(str(ApplicationStatus(value).label) for value in allowed)
        raise ValidationError(
            {
                "status": _("The application is “%(status)s”; this needs: %(allowed)s.")
                % {"status": ApplicationStatus(app.status).label, "allowed": labels}
            }
        )


def _answer_errors(scheme: engine.Scheme, answers: Any) -> None:
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Answers must map indicator codes to values.")})
    problems = engine.check_answers(scheme, answers)
    if problems:
        raise ValidationError(
            {
                "answers": [
                    _("%(code)s: %(why)s") % {"code": code, "why": explain(why)}
                    for code, why in sorted(problems.items())
                ]
            }
        )


def _evidence_codes(app: Application) -> set[str]:
    return set(app.evidence.values_list("code", flat=True))


# --- applications ---------------------------------------------------------------------------


def create_application(
    *, actor: Any, scheme: Scheme, applicant: Organization, answers: dict[str, Any] | None = None
) -> Application:
    answers = answers or {}
    definition = parsed(scheme)
    _answer_errors(definition, answers)
    require(can_apply(actor, applicant), _("You may not apply for this organization."))
    with transaction.atomic():
        app = Application.objects.create(
            scheme=scheme,
            scheme_version=scheme.version,
            definition=scheme.definition,
            applicant=applicant,
            answers=answers,
            self_score=_self_score(definition, answers, set()),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit.record(actor=actor, action=AuditAction.CREATE, obj=app, after=_state(app))
    return app


def _self_score(
    scheme: engine.Scheme, answers: dict[str, Any], evidence: set[str]
) -> dict[str, Any]:
    return engine.score(scheme, answers, evidence).as_dict()


def update_answers(*, actor: Any, app: Application, answers: dict[str, Any]) -> Application:
    definition = parsed_for(app)
    _answer_errors(definition, answers)
    require(can_apply(actor, app.applicant), _("You may not change this application."))
    _require_status(app, ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
    with transaction.atomic():
        before = {"answers": app.answers}
        app.answers = answers
        app.self_score = _self_score(definition, answers, _evidence_codes(app))
        app.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=app,
            before=before,
            after={"answers": answers},
        )
    return app


def detect_type(name: str, content: bytes) -> str:
    """The content's MIME type, if allowed and matching the file name's extension."""
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    if len(content) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    kind = filetype.guess(content)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise ValidationError(
            {"file": _("“%(name)s” is not a PDF, PNG, JPEG, DOCX or XLSX file.") % {"name": name}}
        )
    if extension not in EVIDENCE_TYPES[kind.mime]:
        raise ValidationError(
            {
                "file": _("“%(name)s” is named .%(ext)s but its content is %(kind)s.")
                % {"name": name, "ext": extension or "?", "kind": kind.extension.upper()}
            }
        )
    return str(kind.mime)


def add_evidence(*, actor: Any, app: Application, code: str, name: str, content: bytes) -> Evidence:
    name = name.replace("\x00", "")
    definition = parsed_for(app)
    if definition.prerequisite(code) is None and definition.indicator(code) is None:
        raise ValidationError({"code": _("“%(code)s” is not in this scheme.") % {"code": code}})
    mime = detect_type(name, content)
    require(can_apply(actor, app.applicant), _("You may not change this application."))
    _require_status(app, ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
    safe_name = re.sub(r"[^\w.\-]", "_", name)[-120:] or "evidence"
    with transaction.atomic():
        evidence = Evidence(
            application=app,
            code=code,
            original_name=name[:255],
            content_type=mime,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        evidence.file.save(safe_name, ContentFile(content), save=False)
        evidence.save()
        app.self_score = _self_score(definition, app.answers, _evidence_codes(app))
        app.save(update_fields=["self_score", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=evidence,
            after={"application": app.pk, "code": code, "type": mime, "sha256": evidence.sha256},
        )
    return evidence


def submit(*, actor: Any, app: Application) -> Application:
    require(can_apply(actor, app.applicant), _("You may not submit this application."))
    _require_status(app, ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
    definition = parsed_for(app)
    missing = engine.missing_evidence(definition, app.answers, _evidence_codes(app))
    unanswered = [item.code for item in definition.prerequisites if not app.answers.get(item.code)]
    errors = {}
    if unanswered:
        errors["answers"] = [
            _("Prerequisite %(code)s is not confirmed.") % {"code": code} for code in unanswered
        ]
    if missing:
        errors["evidence"] = [
            _("%(code)s needs an evidence file.") % {"code": code} for code in missing
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        score = _self_score(definition, app.answers, _evidence_codes(app))
        return _change_status(
            actor, app, ApplicationStatus.SUBMITTED, "submitted", self_score=score
        )


def assess(
    *, actor: Any, app: Application, answers: dict[str, Any], assessor_name: str = ""
) -> Application:
    definition = parsed_for(app)
    _answer_errors(definition, answers)
    require(can_assess(actor, app.scheme), _("You may not assess this application."))
    _require_status(app, ApplicationStatus.SUBMITTED)
    result = engine.score(definition, answers, _evidence_codes(app))
    with transaction.atomic():
        return _change_status(
            actor,
            app,
            ApplicationStatus.ASSESSED,
            "assessed",
            assessment_answers=answers,
            assessment=result.as_dict(),
            assessor_name=assessor_name[:128] or getattr(actor, "username", ""),
        )


def return_application(*, actor: Any, app: Application, reasons: str) -> Application:
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons for returning the application.")})
    require(can_review(actor, app.scheme), _("You may not review this application."))
    _require_status(app, ApplicationStatus.SUBMITTED, ApplicationStatus.ASSESSED)
    with transaction.atomic():
        return _change_status(
            actor,
            app,
            ApplicationStatus.RETURNED,
            f"returned: {reasons}",
            return_reasons=reasons,
            times_returned=app.times_returned + 1,
        )


def approve(*, actor: Any, app: Application) -> Application:
    require(can_review(actor, app.scheme), _("You may not review this application."))
    _require_status(app, ApplicationStatus.ASSESSED)
    if not (app.assessment or {}).get("passed"):
        reasons = "; ".join((app.assessment or {}).get("reasons", []))
        raise ValidationError(
            {"assessment": _("The assessment did not pass: %(reasons)s") % {"reasons": reasons}}
        )
    with transaction.atomic():
        return _change_status(actor, app, ApplicationStatus.REVIEWED, "reviewed")


def next_certificate_no(scheme: Scheme, year: int) -> str:
    prefix = f"QH-{LISTING_PREFIX.get(scheme.listing_kind, 'XX')}-{year}-"
    taken = Listing.objects.filter(certificate_no__startswith=prefix).values_list(
        "certificate_no", flat=True
    )
    numbers = [int(no[len(prefix) :]) for no in taken if no[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def publish(
    *,
    actor: Any,
    app: Application,
    certificate_no: str = "",
    valid_from: dt.date | None = None,
) -> Listing:
    require(can_review(actor, app.scheme), _("You may not publish this application."))
    _require_status(app, ApplicationStatus.REVIEWED)
    start = valid_from or timezone.localdate()
    number = (certificate_no or "").strip() or next_certificate_no(app.scheme, start.year)
    if len(number) > 64 or "\x00" in number:
        raise ValidationError(
            {"certificate_no": _("A certificate number has at most 64 characters.")}
        )
    if Listing.objects.filter(certificate_no=number).exists():
        raise ValidationError(
            {"certificate_no": _("Certificate number %(no)s is already used.") % {"no": number}}
        )
    try:
        with transaction.atomic():
            listing = Listing.objects.create(
                scheme=app.scheme,
                certificate_no=number,
                organization=app.applicant,
                name_zh=app.applicant.name_zh,
                region=app.applicant.region,
                industry_code=app.applicant.industry_code,
                level="provincial",
                batch=str(start.year),
                valid_from=start,
                valid_until=engine.valid_until(start, app.scheme.validity_years),
                application=app,
                score=(app.assessment or {}).get("total"),
                source=_("Published by %(dept)s on the platform")
                % {"dept": app.scheme.department_code},
            )
            ListingEvent.objects.create(
                listing=listing, kind=ListingEventKind.PUBLISHED, date=start, actor=_user(actor)
            )
            audit.record(
                actor=actor, action=AuditAction.CREATE, obj=listing, after=audit.snapshot(listing)
            )
            _change_status(actor, app, ApplicationStatus.PUBLISHED, f"published as {number}")
    except IntegrityError as error:
        raise ValidationError(
            {"certificate_no": _("Certificate number %(no)s is already used.") % {"no": number}}
        ) from error
    return listing


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# --- managing listings ----------------------------------------------------------------------


def _listing_event(
    actor: Any, listing: Listing, kind: str, date: dt.date, reason: str, **changes: Any
) -> ListingEvent:
    before = audit.snapshot(listing)
    passed = changes.pop("passed", None)
    for name, value in changes.items():
        setattr(listing, name, value)
    listing.save()
    event = ListingEvent.objects.create(
        listing=listing, kind=kind, date=date, reason=reason, passed=passed, actor=_user(actor)
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=listing,
        before=before,
        after=audit.snapshot(listing),
        message=f"{kind}: {reason}",
    )
    return event


def renew(*, actor: Any, listing: Listing, reason: str, date: dt.date | None = None) -> Listing:
    require(can_review(actor, listing.scheme), _("You may not manage this listing."))
    if listing.status == ListingStatus.REVOKED:
        raise ValidationError({"status": _("A revoked listing cannot be renewed.")})
    if listing.scheme.validity_years is None:
        raise ValidationError({"status": _("This scheme's listings do not expire.")})
    today = date or timezone.localdate()
    start = max(today, (listing.valid_until or today) + dt.timedelta(days=1))
    with transaction.atomic():
        _listing_event(
            actor,
            listing,
            ListingEventKind.RENEWED,
            today,
            reason.strip() or _("renewal"),
            valid_until=engine.valid_until(start, listing.scheme.validity_years),
        )
    return listing


def record_spot_check(
    *, actor: Any, listing: Listing, passed: bool, reason: str, date: dt.date | None = None
) -> ListingEvent:
    require(can_review(actor, listing.scheme), _("You may not manage this listing."))
    if not passed and not reason.strip():
        raise ValidationError({"reason": _("Say what the spot check found.")})
    with transaction.atomic():
        return _listing_event(
            actor,
            listing,
            ListingEventKind.SPOT_CHECK,
            date or timezone.localdate(),
            reason.strip(),
            passed=passed,
        )


def revoke(*, actor: Any, listing: Listing, reason: str, date: dt.date | None = None) -> Listing:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    require(can_review(actor, listing.scheme), _("You may not manage this listing."))
    if listing.status == ListingStatus.REVOKED:
        raise ValidationError({"status": _("The listing is already revoked.")})
    with transaction.atomic():
        _listing_event(
            actor,
            listing,
            ListingEventKind.REVOKED,
            date or timezone.localdate(),
            reason,
            status=ListingStatus.REVOKED,
            revoked_reason=reason,
        )
    return listing


def draw_spot_check_plan(
    *, actor: Any, scheme: Scheme, size: int, year: int, seed: int | None = None
) -> SpotCheckPlan:
    require(can_review(actor, scheme), _("You may not plan spot checks for this scheme."))
    if size < 1 or size > 1000:
        raise ValidationError({"size": _("The sample size must lie between 1 and 1000.")})
    population = list(
        Listing.objects.filter(scheme=scheme, status=ListingStatus.ACTIVE).values_list(
            "certificate_no", flat=True
        )
    )
    if not population:
        raise ValidationError({"scheme": _("No active listing to draw from.")})
    seed = secrets.randbelow(2**62) if seed is None else seed
    drawn = engine.draw_sample(population, size, seed)
    with transaction.atomic():
        plan = SpotCheckPlan.objects.create(
            scheme=scheme,
            year=year,
            seed=seed,
            size=size,
            population=sorted(population),
            drawn=drawn,
            actor=_user(actor),
        )
        audit.record(actor=actor, action=AuditAction.CREATE, obj=plan, after=audit.snapshot(plan))
    return plan


# --- farm products --------------------------------------------------------------------------


# Validity when the certificate does not state its end: green-food mark use certificates run
# three years (《绿色食品标志管理办法》, 2012); organic product certificates one year
# (《有机产品认证管理办法》, 2013); agricultural GI registration certificates have no term
# (《农产品地理标志管理办法》, 2007). Confirm the articles against the official texts.
DEFAULT_VALIDITY_YEARS = {"green_food": 3, "organic": 1, "gi": None}


def create_farm_certificate(*, actor: Any, **fields: Any) -> FarmCertificate:
    require(can_manage_farm_certificates(actor), _("You may not register certificates."))
    number = str(fields.get("certificate_no") or "").strip()
    if fields.get("kind") not in CertificateKind.values:
        raise ValidationError({"kind": _("Unknown certificate kind.")})
    if not number:
        raise ValidationError({"certificate_no": _("A certificate number is required.")})
    if FarmCertificate.objects.filter(certificate_no=number).exists():
        raise ValidationError(
            {"certificate_no": _("Certificate number %(no)s is already used.") % {"no": number}}
        )
    start, end = fields.get("valid_from"), fields.get("valid_until")
    if start and not end:
        end = engine.valid_until(start, DEFAULT_VALIDITY_YEARS[fields["kind"]])
        fields["valid_until"] = end
    if start and end and end < start:
        raise ValidationError({"valid_until": _("The end of validity is before its start.")})
    fields["certificate_no"] = number
    with transaction.atomic():
        certificate = FarmCertificate(**fields)
        certificate.full_clean()
        certificate.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=certificate,
            after=audit.snapshot(certificate),
        )
    return certificate


def revoke_farm_certificate(
    *, actor: Any, certificate: FarmCertificate, reason: str
) -> FarmCertificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    require(can_manage_farm_certificates(actor), _("You may not revoke certificates."))
    if certificate.revoked:
        raise ValidationError({"status": _("The certificate is already revoked.")})
    with transaction.atomic():
        audit.save_with_audit(
            actor=actor, obj=certificate, changes={"revoked": True, "revoked_reason": reason}
        )
    return certificate


def new_batch_code(region_code: str, day: dt.date) -> str:
    return f"QH{region_code}-{day:%Y%m%d}-{secrets.token_hex(3).upper()}"


def create_batch(
    *,
    actor: Any,
    producer: Organization,
    product_zh: str,
    certificates: list[FarmCertificate] | None = None,
    quantity: str = "",
    code: str = "",
    is_demonstration: bool = False,
) -> Batch:
    if not product_zh.strip():
        raise ValidationError({"product_zh": _("Name the product.")})
    code = code.strip().upper() or new_batch_code(producer.region.code, timezone.localdate())
    if not CODE_RE.match(code):
        raise ValidationError(
            {"code": _("A batch code is 6-40 capital letters, digits and hyphens.")}
        )
    require(can_change_owned(actor, producer), _("You may not record batches for this producer."))
    if Batch.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Batch code %(code)s is already used.") % {"code": code}})
    with transaction.atomic():
        batch = Batch.objects.create(
            code=code,
            product_zh=product_zh.strip()[:128],
            producer=producer,
            region=producer.region,
            quantity=quantity[:64],
            is_demonstration=is_demonstration,
        )
        batch.certificates.set(certificates or [])
        audit.record(actor=actor, action=AuditAction.CREATE, obj=batch, after=audit.snapshot(batch))
    return batch


def add_trace_event(
    *,
    actor: Any,
    batch: Batch,
    stage: str,
    date: dt.date,
    description: str,
    input_kind: str = "",
    amount: Any = None,
    unit: str = "",
    result: str = "",
    internal_note: str = "",
) -> TraceEvent:
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage “%(stage)s”.") % {"stage": stage}})
    if not description.strip():
        raise ValidationError({"description": _("Describe the step.")})
    if stage == Stage.INPUT and not input_kind:
        raise ValidationError({"input_kind": _("Say which kind of farm input.")})
    if amount not in (None, ""):
        try:
            amount = Decimal(str(amount))
        except InvalidOperation as error:
            raise ValidationError({"amount": _("The amount must be a number.")}) from error
        if amount < 0 or not amount.is_finite():
            raise ValidationError({"amount": _("The amount cannot be negative.")})
    else:
        amount = None
    require(can_change_owned(actor, batch.producer), _("You may not change this batch."))
    with transaction.atomic():
        # Lock the batch so two writers cannot both add a harvest.
        Batch.objects.select_for_update().filter(pk=batch.pk).first()
        steps = [engine.TraceStep(event.stage, event.date) for event in batch.events.all()]
        problems = engine.chain_problems(steps, engine.TraceStep(stage, date))
        if problems:
            raise ValidationError({"date": [explain(problem) for problem in problems]})
        event = TraceEvent(
            batch=batch,
            stage=stage,
            date=date,
            input_kind=input_kind,
            description=description.strip()[:255],
            amount=amount,
            unit=unit[:16],
            result=result[:64],
            internal_note=internal_note,
            actor=_user(actor),
        )
        event.full_clean(exclude=["actor"])
        event.save()
        audit.record(actor=actor, action=AuditAction.CREATE, obj=event, after=audit.snapshot(event))
    return event


def record_label_check(
    *,
    actor: Any,
    place: str,
    product_zh: str,
    claimed_kind: str,
    claimed_number: str,
    batch_code: str = "",
    date: dt.date | None = None,
) -> LabelCheck:
    """Compare a label with the registry; a mismatch opens a case."""
    require(can_inspect_labels(actor), _("You may not record label checks."))
    if not place.strip() or not product_zh.strip():
        raise ValidationError({"place": _("Give the place and the product on the label.")})
    day = date or timezone.localdate()
    findings: list[str] = []
    certificate = FarmCertificate.objects.filter(certificate_no=claimed_number.strip()).first()
    if certificate is None:
        findings.append(_("No certificate has the number on the label."))
    else:
        if certificate.kind != claimed_kind:
            findings.append(_("The label's mark does not match the certificate's kind."))
        if product_zh.strip() not in certificate.product_zh and certificate.product_zh not in (
            product_zh
        ):
            findings.append(_("The product on the label is not the certified product."))
        status = engine.validity_status(
            day, certificate.valid_from, certificate.valid_until, certificate.revoked
        )
        if status != "valid":
            findings.append(
                _("The certificate is %(status)s.") % {"status": validity_label(status)}
            )
    if batch_code.strip():
        batch = Batch.objects.filter(code=batch_code.strip().upper()).first()
        if batch is None:
            findings.append(_("No batch has the code on the label."))
        elif certificate is not None and not batch.certificates.filter(pk=certificate.pk).exists():
            findings.append(_("The batch is not covered by this certificate."))
    with transaction.atomic():
        check = LabelCheck.objects.create(
            inspector=_user(actor),
            date=day,
            place=place.strip()[:128],
            product_zh=product_zh.strip()[:128],
            claimed_kind=claimed_kind[:32],
            claimed_number=claimed_number.strip()[:64],
            batch_code=batch_code.strip()[:40],
            matches=not findings,
            findings=findings,
        )
        audit.record(actor=actor, action=AuditAction.CREATE, obj=check, after=audit.snapshot(check))
        if findings:
            case = Case.objects.create(label_check=check, summary="; ".join(findings))
            audit.record(
                actor=actor, action=AuditAction.CREATE, obj=case, after=audit.snapshot(case)
            )
    return check
