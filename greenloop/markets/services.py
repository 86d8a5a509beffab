"""Every registry and exchange write: validate → permission → transaction → audit.

Each operation goes through :func:`greenloop.markets.ledger.run`, which makes it atomic and
idempotent (``key``: the client's idempotency key) and records it in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, Role
from greenloop.accounts.permissions import can_change_owned, is_admin, require, role_of
from greenloop.markets.ledger import Posting, run
from greenloop.markets.models import (
    PRICE_STEP,
    QTY_STEP,
    Account,
    AccountKind,
    CarbonType,
    Entry,
    Instrument,
    InstrumentKind,
    Lot,
    Obligation,
    ObligationKind,
    Operation,
    OperationKind,
)
from greenloop.orgs.models import Organization

CASH_CODE = "CNY"
PARTICIPANT_KINDS = (
    AccountKind.HOLDING,
    AccountKind.ESCROW,
    AccountKind.FUNDS,
    AccountKind.COMPLIANCE,
    AccountKind.RETIREMENT,
)
AUTHORITY_KINDS = (
    AccountKind.ORIGIN,
    AccountKind.ISSUANCE,
    AccountKind.FUNDS,
    AccountKind.EXPIRED,
    AccountKind.CANCELLED,
)


# -- input -----------------------------------------------------------------------------------
def _decimal(value: Any, field: str, step: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite() or number <= 0:
        raise ValidationError({field: _("Enter a positive number.")})
    if number != number.quantize(step) or number >= Decimal(10) ** 13:
        raise ValidationError(
            {
                field: _("Use at most %(places)s decimal places and fewer than 14 digits.")
                % {"places": len(str(step).partition(".")[2])}
            }
        )
    return number


def quantity_of(value: Any, instrument: Instrument | None = None) -> Decimal:
    quantity = _decimal(value, "quantity", QTY_STEP)
    if instrument is not None and instrument.whole_units and quantity != quantity.to_integral():
        raise ValidationError(
            {
                "quantity": _("%(instrument)s is traded in whole units (1 certificate = 1 MWh).")
                % {"instrument": instrument.code}
            }
        )
    return quantity


def price_of(value: Any) -> Decimal:
    return _decimal(value, "price", PRICE_STEP)


def money(value: Decimal) -> Decimal:
    """Yuan amounts on the ledger are exact (quantity × price needs at most 5 decimals)."""
    return value


def instrument_by_code(code: str, *, lock: bool = False) -> Instrument:
    queryset = Instrument.objects.select_for_update() if lock else Instrument.objects
    instrument = queryset.filter(code=code).first()
    if instrument is None or (instrument.kind == InstrumentKind.CASH and code != CASH_CODE):
        raise ValidationError(
            {"instrument": _("No instrument has the code “%(code)s”.") % {"code": code}}
        )
    return instrument


def organization_by_code(code: str, field: str = "organization") -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise ValidationError(
            {field: _("No organization has the code “%(code)s”.") % {"code": code}}
        )
    return org


def cash() -> tuple[Instrument, Lot]:
    lot = Lot.objects.select_related("instrument").get(instrument__code=CASH_CODE, code=CASH_CODE)
    return lot.instrument, lot


# -- permissions -----------------------------------------------------------------------------
def is_authority(user: Any, instrument: Instrument) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return (
        role in (Role.DEPT_REPORTER, Role.DEPT_REVIEWER, Role.COORDINATOR)
        and user.organization_id == instrument.authority_id
    )


def require_authority(user: Any, instrument: Instrument) -> None:
    require(
        is_authority(user, instrument),
        _("Only the issuing authority of %(code)s may do this.") % {"code": instrument.code},
    )


def require_participant(user: Any, org: Organization) -> None:
    require(can_change_owned(user, org), _("You may not act for %(org)s.") % {"org": org.code})


# -- accounts --------------------------------------------------------------------------------
def account_for(org: Organization, kind: str) -> Account:
    account = Account.objects.filter(organization=org, kind=kind).first()
    if account is None:
        account, _created = Account.objects.get_or_create(
            organization=org, kind=kind, defaults={"code": f"{org.code}:{kind}"}
        )
    return account


def open_accounts(*, actor: Any, organization: str) -> list[Account]:
    """Open an organization's holding, escrow, funds, compliance and retirement accounts."""
    org = organization_by_code(organization)
    require_participant(actor, org)
    with transaction.atomic():
        accounts = []
        for kind in PARTICIPANT_KINDS:
            existed = Account.objects.filter(organization=org, kind=kind).exists()
            account = account_for(org, kind)
            if not existed:
                audit.record(
                    actor=actor,
                    action=AuditAction.CREATE,
                    obj=account,
                    after=audit.snapshot(account),
                )
            accounts.append(account)
    return accounts


def set_account_open(*, actor: Any, account: str, is_open: bool) -> Account:
    require(is_admin(actor), _("Only the platform administrator opens and closes accounts."))
    row = Account.objects.filter(code=account).first()
    if row is None:
        raise ValidationError(
            {"account": _("No account has the code “%(code)s”.") % {"code": account}}
        )
    with transaction.atomic():
        audit.save_with_audit(actor=actor, obj=row, changes={"is_open": is_open})
    return row


# -- issuance and allocation -----------------------------------------------------------------
def issued_total(instrument: Instrument) -> Decimal:
    origin = Entry.objects.filter(instrument=instrument, account__kind=AccountKind.ORIGIN)
    return -(origin.aggregate(total=Sum("quantity"))["total"] or Decimal(0))


def issue(
    *,
    actor: Any,
    instrument: str,
    lot: str,
    quantity: Any,
    key: str = "",
    production_month: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Operation:
    """Create units of a lot in the authority's issuance account (within any regional cap)."""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    qty = quantity_of(quantity, ins)
    if not lot or len(lot) > 64:
        raise ValidationError({"lot": _("Give a lot code of at most 64 characters.")})
    if ins.kind == InstrumentKind.CASH:
        raise ValidationError({"instrument": _("Funds are deposited, not issued.")})
    request = {
        "instrument": instrument,
        "lot": lot,
        "quantity": qty,
        "production_month": production_month,
        "valid_to": valid_to,
    }

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        if locked.cap is not None and issued_total(locked) + qty > locked.cap:
            raise ValidationError(
                {
                    "quantity": _(
                        "Issuing %(qty)s would exceed the regional total-quantity cap of "
                        "%(cap)s %(unit)s."
                    )
                    % {"qty": qty, "cap": locked.cap, "unit": locked.unit}
                }
            )
        row, _created = Lot.objects.get_or_create(
            instrument=locked,
            code=lot,
            defaults={
                "production_month": production_month,
                "valid_to": valid_to or locked.valid_to,
            },
        )
        origin = account_for(locked.authority, AccountKind.ORIGIN)
        issuance = account_for(locked.authority, AccountKind.ISSUANCE)
        posting.lock([origin, issuance])
        posting.move(origin, issuance, locked, row, qty)
        posting.operation.details["lot"] = row.code

    operation, _result = run(
        actor=actor, kind=OperationKind.ISSUE, key=key, request=request, body=body
    )
    return operation


def allocate(
    *,
    actor: Any,
    instrument: str,
    organization: str,
    quantity: Any,
    key: str = "",
    price: Any = None,
) -> Operation:
    """Allocate units from the issuance account: free, or paid at ``price`` yuan per unit."""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    org = organization_by_code(organization)
    qty = quantity_of(quantity, ins)
    unit_price = price_of(price) if price is not None else None
    kind = OperationKind.ALLOCATE if unit_price is None else OperationKind.ALLOCATE_PAID
    request = {
        "instrument": instrument,
        "organization": organization,
        "quantity": qty,
        "price": unit_price,
    }

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        issuance = account_for(locked.authority, AccountKind.ISSUANCE)
        holding = account_for(org, AccountKind.HOLDING)
        accounts = [issuance, holding]
        if unit_price is not None:
            accounts += [
                account_for(org, AccountKind.FUNDS),
                account_for(locked.authority, AccountKind.FUNDS),
            ]
        posting.lock(accounts)
        posting.move_fifo(issuance, holding, locked, qty)
        if unit_price is not None:
            money_ins, money_lot = cash()
            posting.move(accounts[2], accounts[3], money_ins, money_lot, money(qty * unit_price))

    operation, _result = run(actor=actor, kind=kind, key=key, request=request, body=body)
    return operation


def deposit(*, actor: Any, organization: str, amount: Any, key: str = "") -> Operation:
    """Credit funds (yuan) to an organization's funds account (settlement bank's deposit)."""
    require(is_admin(actor), _("Only the platform administrator records deposits."))
    org = organization_by_code(organization)
    value = price_of(amount)
    request = {"organization": organization, "amount": value}

    def body(posting: Posting) -> None:
        money_ins, money_lot = cash()
        origin, funds = account_for(org, AccountKind.ORIGIN), account_for(org, AccountKind.FUNDS)
        posting.lock([origin, funds])
        posting.move(origin, funds, money_ins, money_lot, value)

    operation, _result = run(
        actor=actor, kind=OperationKind.DEPOSIT, key=key, request=request, body=body
    )
    return operation


def transfer(
    *, actor: Any, instrument: str, source: str, target: str, quantity: Any, key: str = ""
) -> Operation:
    """Move units from one organization's holding account to another's (no payment)."""
    ins = instrument_by_code(instrument)
    from_org = organization_by_code(source, "source")
    to_org = organization_by_code(target, "target")
    require_participant(actor, from_org)
    qty = quantity_of(quantity, ins)
    request = {"instrument": instrument, "source": source, "target": target, "quantity": qty}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        src = account_for(from_org, AccountKind.HOLDING)
        dst = account_for(to_org, AccountKind.HOLDING)
        posting.lock([src, dst])
        posting.move_fifo(src, dst, locked, qty)

    operation, _result = run(
        actor=actor, kind=OperationKind.TRANSFER, key=key, request=request, body=body
    )
    return operation


# -- retirement, surrender, expiry, cancellation ---------------------------------------------
def retire(
    *,
    actor: Any,
    instrument: str,
    organization: str,
    quantity: Any,
    key: str = "",
    beneficiary: str = "",
    purpose: str = "",
) -> Operation:
    """Retire units (for a green certificate: claim the consumption); they never move again."""
    ins = instrument_by_code(instrument)
    org = organization_by_code(organization)
    require_participant(actor, org)
    qty = quantity_of(quantity, ins)
    if len(beneficiary) > 255 or len(purpose) > 255:
        raise ValidationError({"beneficiary": _("At most 255 characters.")})
    request = {
        "instrument": instrument,
        "organization": organization,
        "quantity": qty,
        "beneficiary": beneficiary,
        "purpose": purpose,
    }

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        holding = account_for(org, AccountKind.HOLDING)
        retirement = account_for(org, AccountKind.RETIREMENT)
        posting.lock([holding, retirement])
        taken = posting.move_fifo(holding, retirement, locked, qty)
        posting.operation.details["lots"] = [[lot.code, str(q)] for lot, q in taken]

    operation, _result = run(
        actor=actor, kind=OperationKind.RETIRE, key=key, request=request, body=body
    )
    return operation


def surrender(
    *, actor: Any, obligation: int, instrument: str, quantity: Any, key: str = ""
) -> Operation:
    """Surrender units toward a compliance obligation (CCER within its usage limit)."""
    ob = Obligation.objects.select_related("organization").filter(pk=obligation).first()
    if ob is None:
        raise ValidationError({"obligation": _("No such obligation.")})
    require_participant(actor, ob.organization)
    ins = instrument_by_code(instrument)
    qty = quantity_of(quantity, ins)
    if ob.kind == ObligationKind.CARBON and ins.kind != InstrumentKind.CARBON:
        raise ValidationError(
            {"instrument": _("A carbon obligation takes carbon allowances or CCER.")}
        )
    if ob.kind == ObligationKind.DISCHARGE and (
        ins.kind != InstrumentKind.DISCHARGE or ins.pollutant != ob.pollutant
    ):
        raise ValidationError(
            {"instrument": _("A discharge obligation takes discharge rights of its pollutant.")}
        )
    request = {"obligation": obligation, "instrument": instrument, "quantity": qty}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        holding = account_for(ob.organization, AccountKind.HOLDING)
        compliance = account_for(ob.organization, AccountKind.COMPLIANCE)
        posting.lock([holding, compliance])
        from greenloop.markets.selectors import surrendered

        done = surrendered(ob)
        if done["total"] + qty > ob.required:
            raise ValidationError(
                {
                    "quantity": _("The obligation needs only %(left)s more.")
                    % {"left": ob.required - done["total"]}
                }
            )
        if locked.carbon_type == CarbonType.CCER:
            limit = ob.required * ob.ccer_limit_percent / Decimal(100)
            if done["ccer"] + qty > limit:
                raise ValidationError(
                    {
                        "quantity": _(
                            "CCER may meet at most %(pct)s%% of the obligation "
                            "(%(limit)s); %(used)s already used."
                        )
                        % {
                            "pct": ob.ccer_limit_percent,
                            "limit": limit.quantize(QTY_STEP),
                            "used": done["ccer"],
                        }
                    }
                )
        posting.move_fifo(holding, compliance, locked, qty)

    operation, _result = run(
        actor=actor,
        kind=OperationKind.SURRENDER,
        key=key,
        request=request,
        body=body,
        obligation=ob,
    )
    return operation


def expire(
    *, actor: Any, instrument: str, lot: str, key: str = "", today: dt.date | None = None
) -> Operation:
    """Move every unit of a lot past its validity from issuance and holding accounts to the
    expired account. (Units escrowed for open orders stay until those orders end.)"""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    row = Lot.objects.filter(instrument=ins, code=lot).first()
    if row is None:
        raise ValidationError({"lot": _("No such lot.")})
    today = today or timezone.localdate()
    if row.valid_to is None or row.valid_to >= today:
        raise ValidationError({"lot": _("The lot is still valid.")})
    request = {"instrument": instrument, "lot": lot}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        sink = account_for(locked.authority, AccountKind.EXPIRED)
        holders = list(
            Account.objects.filter(
                balances__lot=row,
                balances__quantity__gt=0,
                kind__in=[AccountKind.ISSUANCE, AccountKind.HOLDING],
            ).distinct()
        )
        posting.lock([sink, *holders])
        for account in holders:
            amount = posting.balance(account, locked, row)
            if amount > 0:
                posting.move(account, sink, locked, row, amount)

    operation, _result = run(
        actor=actor, kind=OperationKind.EXPIRE, key=key, request=request, body=body
    )
    return operation


def cancel_units(
    *, actor: Any, instrument: str, quantity: Any, key: str = "", organization: str = ""
) -> Operation:
    """Cancel units: unallocated ones from the issuance account, or an organization's."""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    qty = quantity_of(quantity, ins)
    holder_org = organization_by_code(organization) if organization else None
    request = {"instrument": instrument, "quantity": qty, "organization": organization}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        source = (
            account_for(holder_org, AccountKind.HOLDING)
            if holder_org
            else account_for(locked.authority, AccountKind.ISSUANCE)
        )
        sink = account_for(locked.authority, AccountKind.CANCELLED)
        posting.lock([source, sink])
        posting.move_fifo(source, sink, locked, qty)

    operation, _result = run(
        actor=actor, kind=OperationKind.CANCEL, key=key, request=request, body=body
    )
    return operation


# -- compliance ------------------------------------------------------------------------------
def create_obligation(
    *,
    actor: Any,
    organization: str,
    kind: str,
    period: int,
    required: Any,
    deadline: dt.date,
    pollutant: str = "",
    ccer_limit_percent: Any = Decimal(5),
    source: str = "",
    demonstration: bool = False,
) -> Obligation:
    org = organization_by_code(organization)
    role = role_of(actor)
    require(
        role == Role.ADMIN
        or (
            role in (Role.DEPT_REPORTER, Role.DEPT_REVIEWER)
            and getattr(actor.organization, "code", "") == "qh-eco"
        ),
        _("Only the ecology and environment department sets compliance obligations."),
    )
    if kind not in ObligationKind.values:
        raise ValidationError({"kind": _("Unknown obligation kind.")})
    if kind == ObligationKind.DISCHARGE and not pollutant:
        raise ValidationError({"pollutant": _("A discharge obligation names its pollutant.")})
    with transaction.atomic():
        ob = Obligation(
            organization=org,
            kind=kind,
            pollutant=pollutant if kind == "discharge" else "",
            period=period,
            required=quantity_of(required),
            deadline=deadline,
            ccer_limit_percent=Decimal(str(ccer_limit_percent)),
            source=source,
            demonstration=demonstration,
        )
        ob.full_clean()
        ob.save()
        audit.record(actor=actor, action=AuditAction.CREATE, obj=ob, after=audit.snapshot(ob))
    return ob
