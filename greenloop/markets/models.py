"""Registry and exchange tables.

The ledger (:class:`Operation` and its :class:`Entry` rows) is append-only: entries are never
updated or deleted, every operation's entries sum to zero per instrument and lot, and a
:class:`Balance` row is the running sum of an account's entries for one instrument and lot,
written in the same transaction as the entries (checked against the ledger by tests and by
``selectors.ledger_discrepancies``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

QTY: dict[str, Any] = {"max_digits": 20, "decimal_places": 3}
PRICE: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
# Ledger amounts: units (3 decimals) and yuan; price × quantity is exact with 5 decimals.
LEDGER: dict[str, Any] = {"max_digits": 28, "decimal_places": 5}
QTY_STEP = Decimal("0.001")
PRICE_STEP = Decimal("0.01")


class InstrumentKind(models.TextChoices):
    WATER = "water", _("Water rights")
    DISCHARGE = "discharge", _("Pollutant discharge rights")
    CARBON = "carbon", _("Carbon allowances and CCER")
    GEC = "gec", _("Green electricity certificates")
    CASH = "cash", _("Funds (yuan)")


TRADED_KINDS = (
    InstrumentKind.WATER,
    InstrumentKind.DISCHARGE,
    InstrumentKind.CARBON,
    InstrumentKind.GEC,
)


class CarbonType(models.TextChoices):
    NONE = "", _("not carbon")
    ALLOWANCE = "allowance", _("Carbon emission allowance")
    CCER = "ccer", _("Chinese Certified Emission Reduction (CCER)")


class Pollutant(models.TextChoices):
    NONE = "", _("not a pollutant")
    COD = "cod", _("Chemical oxygen demand (COD)")
    NH3N = "nh3n", _("Ammonia nitrogen")
    SO2 = "so2", _("Sulphur dioxide (SO2)")
    NOX = "nox", _("Nitrogen oxides (NOx)")


UNITS = {
    InstrumentKind.WATER: "m³",
    InstrumentKind.DISCHARGE: "t",
    InstrumentKind.CARBON: "tCO2e",
    InstrumentKind.GEC: "MWh",
    InstrumentKind.CASH: "yuan",
}


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InstrumentKind.choices)
    carbon_type = models.CharField(
        _("carbon type"), max_length=16, choices=CarbonType.choices, blank=True
    )
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=16)
    authority = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Water rights: basin or source, and use.
    basin = models.CharField(_("basin or source"), max_length=128, blank=True)
    water_use = models.CharField(_("water use"), max_length=64, blank=True)
    # Discharge rights: pollutant and the region's total-quantity cap (tonnes per year).
    pollutant = models.CharField(
        _("pollutant"), max_length=8, choices=Pollutant.choices, blank=True
    )
    cap = models.DecimalField(_("total-quantity cap"), null=True, blank=True, **QTY)
    # Carbon: vintage; CCER and green certificates: project, technology.
    vintage = models.PositiveSmallIntegerField(_("vintage"), null=True, blank=True)
    project = models.CharField(_("project"), max_length=255, blank=True)
    technology = models.CharField(_("technology"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Trading rules.
    whole_units = models.BooleanField(_("whole units only"), default=False)
    previous_close = models.DecimalField(_("previous close"), null=True, blank=True, **PRICE)
    price_band_percent = models.DecimalField(
        _("daily price band (%)"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    agreement_band_percent = models.DecimalField(
        _("agreement transfer band (%)"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    position_limit = models.DecimalField(_("position limit"), null=True, blank=True, **QTY)
    demonstration = models.BooleanField(_("demonstration"), default=False)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in InstrumentKind]),
                name="markets_known_instrument_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name_zh or self.code

    @property
    def kind_label(self) -> str:
        return str(InstrumentKind(self.kind).label)


class Lot(models.Model):
    """One issuance batch of an instrument (a vintage, a production month, an allocation)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="lots")
    code = models.CharField(_("code"), max_length=64)
    production_month = models.DateField(_("production month"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["instrument", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="markets_unique_lot")
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code}/{self.code}"


class AccountKind(models.TextChoices):
    ORIGIN = "origin", _("Issuance source (authority)")
    ISSUANCE = "issuance", _("Issuance account (authority)")
    HOLDING = "holding", _("Holding account")
    ESCROW = "escrow", _("Escrow (open orders and bids)")
    FUNDS = "funds", _("Funds account (yuan)")
    COMPLIANCE = "compliance", _("Compliance account (surrendered)")
    RETIREMENT = "retirement", _("Retirement account (retired or claimed)")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


# Units that reach these accounts never leave them.
SINK_KINDS = frozenset(
    {AccountKind.COMPLIANCE, AccountKind.RETIREMENT, AccountKind.EXPIRED, AccountKind.CANCELLED}
)


class Account(models.Model):
    code = models.CharField(_("code"), max_length=96, unique=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AccountKind.choices)
    is_open = models.BooleanField(_("open"), default=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["organization", "kind"]
        verbose_name = _("registry account")
        verbose_name_plural = _("registry accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"], name="markets_one_kind_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.code


class OperationKind(models.TextChoices):
    ISSUE = "issue", _("Issue")
    ALLOCATE = "allocate", _("Free allocation")
    ALLOCATE_PAID = "allocate_paid", _("Paid allocation")
    TRANSFER = "transfer", _("Transfer")
    DEPOSIT = "deposit", _("Funds deposit")
    PLACE_ORDER = "place_order", _("Order placed")
    CANCEL_ORDER = "cancel_order", _("Order cancelled")
    SETTLE = "settle", _("Trade settlement")
    AGREEMENT = "agreement", _("Agreement transfer")
    BID = "bid", _("Auction bid")
    AUCTION = "auction", _("Auction clearing")
    SURRENDER = "surrender", _("Surrender for compliance")
    RETIRE = "retire", _("Retire or claim")
    EXPIRE = "expire", _("Expire")
    CANCEL = "cancel", _("Cancel units")


class Operation(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=OperationKind.choices)
    # Client-supplied idempotency key, unique per client (scope: the acting user).
    scope = models.CharField(max_length=64, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=128, blank=True)
    request_hash = models.CharField(max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    obligation = models.ForeignKey(
        "Obligation", null=True, blank=True, on_delete=models.PROTECT, related_name="operations"
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("registry operation")
        verbose_name_plural = _("registry operations")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="markets_unique_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class AppendOnlyError(RuntimeError):
    pass


class Entry(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="entries")
    quantity = models.DecimalField(_("quantity"), **LEDGER)  # + credit, - debit

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "instrument", "lot"])]

    def __str__(self) -> str:
        return f"{self.account_id} {self.instrument_id}/{self.lot_id} {self.quantity}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("ledger entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("ledger entries are never deleted")


class Balance(models.Model):
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="balances")
    account_kind = models.CharField(max_length=16)  # denormalized for the check constraint
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity"), default=Decimal(0), **LEDGER)

    class Meta:
        ordering = ["account", "instrument", "lot"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "instrument", "lot"], name="markets_one_balance_row"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) | Q(account_kind="origin"),
                name="markets_balance_never_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.instrument_id}/{self.lot_id} = {self.quantity}"


class PositionLimit(models.Model):
    """An account's own position limit in an instrument (instead of the instrument's)."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    limit = models.DecimalField(_("position limit"), **QTY)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "instrument"], name="markets_one_position_limit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.instrument_id} ≤ {self.limit}"


class Side(models.TextChoices):
    BUY = "buy", _("Buy")
    SELL = "sell", _("Sell")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CANCELLED = "cancelled", _("Cancelled")


class Order(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="orders")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=4, choices=Side.choices)
    price = models.DecimalField(_("price"), **PRICE)
    quantity = models.DecimalField(_("quantity"), **QTY)
    remaining = models.DecimalField(_("remaining"), **QTY)
    status = models.CharField(_("status"), max_length=12, choices=OrderStatus.choices)
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    # Bumped when an amendment loses the order its place in the queue.
    priority = models.BigIntegerField(default=0)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["instrument", "side", "status", "price", "priority"],
                name="markets_order_book_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.quantity} @ {self.price}"


class TradeKind(models.TextChoices):
    EXCHANGE = "exchange", _("Continuous trading")
    AGREEMENT = "agreement", _("Agreement transfer")
    AUCTION = "auction", _("Auction")


class Trade(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="trades")
    kind = models.CharField(_("kind"), max_length=12, choices=TradeKind.choices)
    buy_order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sell_order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    buyer = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    seller = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    price = models.DecimalField(_("price"), **PRICE)
    quantity = models.DecimalField(_("quantity"), **QTY)
    executed_at = models.DateTimeField(_("executed at"), auto_now_add=True, db_index=True)
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="trades")
    demonstration = models.BooleanField(_("demonstration"), default=False)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.quantity} @ {self.price}"


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SETTLED = "settled", _("Settled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Agreement(models.Model):
    """A bilateral transfer agreed off the order book; settles when the buyer accepts."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    seller = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    buyer = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity"), **QTY)
    price = models.DecimalField(_("price"), **PRICE)
    status = models.CharField(_("status"), max_length=12, choices=AgreementStatus.choices)
    trade = models.ForeignKey(Trade, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.seller_id} → {self.buyer_id}: {self.quantity} @ {self.price}"


class AuctionStatus(models.TextChoices):
    OPEN = "open", _("Open for bids")
    CLEARED = "cleared", _("Cleared")


class Auction(models.Model):
    """Sealed-bid uniform-price auction of units from the authority's issuance account."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="auctions")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity offered"), **QTY)
    reserve_price = models.DecimalField(_("reserve price"), **PRICE)
    status = models.CharField(_("status"), max_length=12, choices=AuctionStatus.choices)
    clearing_price = models.DecimalField(_("clearing price"), null=True, blank=True, **PRICE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.quantity} ({self.status})"


class Bid(models.Model):
    auction = models.ForeignKey(Auction, on_delete=models.PROTECT, related_name="bids")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    price = models.DecimalField(_("price"), **PRICE)
    quantity = models.DecimalField(_("quantity"), **QTY)
    won = models.DecimalField(_("quantity won"), null=True, blank=True, **QTY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.quantity} @ {self.price}"


class ObligationKind(models.TextChoices):
    CARBON = "carbon", _("Carbon: verified emissions")
    DISCHARGE = "discharge", _("Discharge: permitted discharge")


class Obligation(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ObligationKind.choices)
    pollutant = models.CharField(
        _("pollutant"), max_length=8, choices=Pollutant.choices, blank=True
    )
    period = models.PositiveSmallIntegerField(_("period (year)"))
    required = models.DecimalField(_("required"), **QTY)
    deadline = models.DateField(_("deadline"))
    ccer_limit_percent = models.DecimalField(
        _("CCER usage limit (%)"), max_digits=5, decimal_places=2, default=Decimal(5)
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    demonstration = models.BooleanField(_("demonstration"), default=False)

    class Meta:
        ordering = ["period", "organization", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "pollutant", "period"],
                name="markets_one_obligation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization.code} {self.kind} {self.period}"
