"""PDF statements of holdings and retirement (claim) certificates, drawn on the shared
CJK-font fpdf2 document. Demonstration instruments are marked on every page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.markets import selectors
from greenloop.markets.models import Account, Instrument, Operation
from greenloop.reports.pdf import new_pdf

DEMO_BANNER_COLOUR = (176, 32, 32)


def _demo_banner(pdf: Any) -> None:
    pdf.set_text_color(*DEMO_BANNER_COLOUR)
    pdf.set_font("cjk", "B", 11)
    pdf.cell(
        0,
        8,
        _("DEMONSTRATION DATA: not a published allocation or a real holding"),
        new_x="LMARGIN",
        new_y="NEXT",
        align="C",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("cjk", "", 10)


def _table(pdf: Any, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
    pdf.set_font("cjk", "B", 9)
    for text, width in zip(header, widths, strict=True):
        pdf.cell(width, 7, text, border=1)
    pdf.ln()
    pdf.set_font("cjk", "", 9)
    for row in rows:
        for text, width in zip(row, widths, strict=True):
            pdf.cell(width, 6, text, border=1)
        pdf.ln()


def statement_pdf(account: Account) -> bytes:
    """Holdings of an account and its recent ledger entries."""
    holdings = selectors.holdings(account)
    lines = selectors.statement(account, limit=200)
    demonstration = any(row["demonstration"] for row in [*holdings, *lines])
    pdf = new_pdf()
    pdf.set_title(_("Statement of holdings"))
    pdf.add_page()
    if demonstration:
        _demo_banner(pdf)
    pdf.set_font("cjk", "B", 16)
    pdf.cell(0, 12, _("Statement of holdings"), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("cjk", "", 10)
    org = account.organization
    for label, value in (
        (_("Account"), account.code),
        (_("Account kind"), account.get_kind_display()),
        (_("Organization"), f"{org.name} ({org.code})"),
        (_("Issued at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ):
        pdf.cell(0, 6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("cjk", "B", 12)
    pdf.cell(0, 8, _("Holdings"), new_x="LMARGIN", new_y="NEXT")
    _table(
        pdf,
        [_("Instrument"), _("Lot"), _("Quantity"), _("Unit")],
        [[r["instrument"], r["lot"], str(r["quantity"]), r["unit"]] for r in holdings]
        or [[_("none"), "", "", ""]],
        [70, 40, 50, 30],
    )
    pdf.ln(3)
    pdf.set_font("cjk", "B", 12)
    pdf.cell(0, 8, _("Entries (newest first)"), new_x="LMARGIN", new_y="NEXT")
    _table(
        pdf,
        [_("Time"), _("Operation"), _("Instrument"), _("Change"), _("Balance")],
        [
            [
                timezone.localtime(line["at"]).strftime("%Y-%m-%d %H:%M"),
                f"{line['kind']} #{line['operation']}",
                line["instrument"],
                str(line["quantity"]),
                str(line["balance"]),
            ]
            for line in lines
        ],
        [36, 40, 50, 32, 32],
    )
    return bytes(pdf.output())


def retirement_certificate_pdf(operation: Operation) -> bytes:
    """The certificate of a retirement (for green electricity certificates: the claim of the
    consumption they certify)."""
    request = operation.details.get("request", {})
    instrument = Instrument.objects.get(code=request["instrument"])
    entries = list(operation.entries.select_related("account__organization", "lot"))
    retired = [e for e in entries if e.quantity > 0]
    org = retired[0].account.organization if retired else None
    pdf = new_pdf()
    pdf.set_title(_("Retirement certificate"))
    pdf.add_page()
    if instrument.demonstration:
        _demo_banner(pdf)
    pdf.set_font("cjk", "B", 18)
    title = (
        _("Green electricity certificate consumption claim")
        if instrument.kind == "gec"
        else _("Retirement certificate")
    )
    pdf.cell(0, 14, title, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("cjk", "", 11)
    total = sum((e.quantity for e in retired), start=0)
    for label, value in (
        (_("Certificate number"), f"GL-RET-{operation.pk:08d}"),
        (_("Holder"), f"{org.name} ({org.code})" if org else "-"),
        (_("Instrument"), f"{instrument.name_zh} ({instrument.code})"),
        (_("Quantity retired"), f"{total} {instrument.unit}"),
        (_("Beneficiary"), request.get("beneficiary") or "-"),
        (_("Purpose"), request.get("purpose") or "-"),
        (_("Retired at"), timezone.localtime(operation.at).strftime("%Y-%m-%d %H:%M:%S")),
    ):
        pdf.cell(0, 8, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _table(
        pdf,
        [_("Lot"), _("Production month"), _("Quantity")],
        [
            [
                e.lot.code,
                e.lot.production_month.strftime("%Y-%m") if e.lot.production_month else "-",
                str(e.quantity),
            ]
            for e in retired
        ],
        [60, 60, 60],
    )
    pdf.ln(4)
    pdf.set_font("cjk", "", 9)
    pdf.multi_cell(
        0,
        5,
        _(
            "These units were moved to the holder's retirement account by the "
            "registry operation named above. Units in a retirement account can "
            "never be transferred, sold or claimed again."
        ),
    )
    return bytes(pdf.output())
