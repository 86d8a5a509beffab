"""Pages: the markets, one market (order book, depth chart, trades, price chart, order form),
accounts (holdings, statements, certificates), the authority's registry operations; PDFs.

Forms carry an idempotency key generated when the page is drawn, so a double submission
does nothing twice. Writes go through the services.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenloop.accounts.permissions import (
    can_change_owned,
    can_view_owned,
    is_admin,
    reads_everything,
)
from greenloop.markets import documents, selectors, services, trading
from greenloop.markets.models import (
    AccountKind,
    Instrument,
    InstrumentKind,
    Operation,
    OperationKind,
    Order,
    OrderStatus,
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    try:
        action()
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return False
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Permission denied."))
        return False
    messages.success(request, done)
    return True


def index(request: HttpRequest) -> HttpResponse:
    groups = []
    for kind in (
        InstrumentKind.WATER,
        InstrumentKind.DISCHARGE,
        InstrumentKind.CARBON,
        InstrumentKind.GEC,
    ):
        groups.append((InstrumentKind(kind).label, list(selectors.instruments(kind))))
    demonstration = any(i.demonstration for _label, items in groups for i in items)
    return render(request, "markets/index.html", {"groups": groups, "demonstration": demonstration})


def market(request: HttpRequest, code: str) -> HttpResponse:
    instrument = selectors.instrument(code)
    if instrument is None:
        raise Http404
    orgs = []
    if request.user.is_authenticated:
        orgs = sorted(
            {
                a.organization
                for a in selectors.visible_accounts(request.user).filter(kind=AccountKind.HOLDING)
                if can_change_owned(request.user, a.organization)
            },
            key=lambda org: org.code,
        )
    context = {
        "instrument": instrument,
        "book": selectors.order_book(instrument),
        "trades": selectors.trades(instrument)[:20],
        "vwap": selectors.vwap(instrument),
        "conservation": selectors.conservation(instrument),
        "orgs": orgs,
        "idempotency_key": uuid.uuid4().hex,
        "my_orders": Order.objects.filter(
            instrument=instrument,
            status=OrderStatus.OPEN,
            organization__in=orgs,
        ).select_related("organization")[:50],
    }
    return render(request, "markets/market.html", context)


@login_required
@require_POST
def order(request: HttpRequest, code: str) -> HttpResponse:
    data = request.POST
    _attempt(
        request,
        lambda: trading.place_order(
            actor=request.user,
            organization=data.get("organization", ""),
            instrument=code,
            side=data.get("side", ""),
            price=data.get("price", ""),
            quantity=data.get("quantity", ""),
            key=data.get("idempotency_key", ""),
        ),
        _("Order placed."),
    )
    return redirect("markets:market", code=code)


@login_required
@require_POST
def cancel(request: HttpRequest, code: str, order_id: int) -> HttpResponse:
    _attempt(
        request,
        lambda: trading.cancel_order(
            actor=request.user, order=order_id, key=request.POST.get("idempotency_key", "")
        ),
        _("Order cancelled."),
    )
    return redirect("markets:market", code=code)


@login_required
def accounts(request: HttpRequest) -> HttpResponse:
    rows = selectors.visible_accounts(request.user).filter(
        kind__in=[
            AccountKind.HOLDING,
            AccountKind.FUNDS,
            AccountKind.ESCROW,
            AccountKind.COMPLIANCE,
            AccountKind.RETIREMENT,
            AccountKind.ISSUANCE,
        ]
    )
    return render(request, "markets/accounts.html", {"accounts": rows[:500]})


@login_required
def account(request: HttpRequest, code: str) -> HttpResponse:
    row = selectors.account_visible(request.user, code)
    if row is None:
        raise Http404
    holdings = selectors.holdings(row)
    certificates = []
    if row.kind == AccountKind.RETIREMENT:
        certificates = list(
            Operation.objects.filter(kind=OperationKind.RETIRE, entries__account=row)
            .distinct()
            .order_by("-id")[:100]
        )
    context = {
        "account": row,
        "holdings": holdings,
        "lines": selectors.statement(row, limit=100),
        "certificates": certificates,
        "demonstration": any(h["demonstration"] for h in holdings),
    }
    return render(request, "markets/account.html", context)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def statement_pdf(request: HttpRequest, code: str) -> HttpResponse:
    row = selectors.account_visible(request.user, code)
    if row is None:
        raise Http404
    return _pdf(documents.statement_pdf(row), f"statement-{row.pk}.pdf")


@login_required
def certificate_pdf(request: HttpRequest, operation: int) -> HttpResponse:
    op = Operation.objects.filter(pk=operation, kind=OperationKind.RETIRE).first()
    if op is None:
        raise Http404
    holder = op.entries.filter(quantity__gt=0).select_related("account__organization").first()
    if holder is None or not can_view_owned(request.user, holder.account.organization):
        raise Http404
    return _pdf(documents.retirement_certificate_pdf(op), f"retirement-{op.pk}.pdf")


def _authority_instruments(user: Any) -> list[Instrument]:
    return [i for i in selectors.instruments() if services.is_authority(user, i)]


@login_required
def registry(request: HttpRequest) -> HttpResponse:
    """The authority's registry operations: issue, allocate, expire, cancel; totals;
    obligations with shortfalls and missed deadlines."""
    mine = _authority_instruments(request.user)
    if not mine and not reads_everything(request.user):
        raise PermissionDenied
    if request.method == "POST":
        _registry_post(request)
        return redirect("markets:registry")
    totals = [(i, selectors.conservation(i)) for i in selectors.instruments()]
    obligations = selectors.shortfall_report(
        selectors.obligations_visible(request.user).filter(organization__isnull=False)[:500]
    )
    context = {
        "instruments": mine,
        "totals": totals,
        "obligations": obligations,
        "missed": [row for row in obligations if row["missed"]],
        "operations": Operation.objects.select_related("actor").order_by("-id")[:50],
        "idempotency_key": uuid.uuid4().hex,
        "can_deposit": is_admin(request.user),
        "demonstration": any(i.demonstration for i, _t in totals)
        or any(row["demonstration"] for row in obligations),
    }
    return render(request, "markets/registry.html", context)


def _registry_post(request: HttpRequest) -> None:
    data = request.POST
    action = data.get("action", "")
    key = data.get("idempotency_key", "")
    common: dict[str, Any] = {
        "actor": request.user,
        "key": key,
        "instrument": data.get("instrument", ""),
    }
    actions: dict[str, tuple[Callable[[], Any], str]] = {
        "issue": (
            lambda: services.issue(
                **common, lot=data.get("lot", ""), quantity=data.get("quantity", "")
            ),
            _("Units issued."),
        ),
        "allocate": (
            lambda: services.allocate(
                **common,
                organization=data.get("organization", ""),
                quantity=data.get("quantity", ""),
                price=data.get("price") or None,
            ),
            _("Units allocated."),
        ),
        "expire": (
            lambda: services.expire(**common, lot=data.get("lot", "")),
            _("Lot expired."),
        ),
        "cancel": (
            lambda: services.cancel_units(
                **common,
                quantity=data.get("quantity", ""),
                organization=data.get("organization", ""),
            ),
            _("Units cancelled."),
        ),
    }
    if action not in actions:
        messages.error(request, _("Unknown operation."))
        return
    run, done = actions[action]
    _attempt(request, run, done)
