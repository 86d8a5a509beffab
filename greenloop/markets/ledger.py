"""Posting to the append-only double-entry ledger.

Every registry operation runs :func:`run`: inside one transaction it records the
:class:`Operation` (with the client's idempotency key and a hash of the request), locks the
accounts it touches (``SELECT ... FOR UPDATE``, always in primary-key order so that two
operations never wait on each other in a cycle; an operation on an instrument's book locks the
instrument row first), collects moves, writes the entries and the balances, refuses any balance
that would go negative, and records the audit entry. A failure anywhere rolls all of it back.

A retry with the same key and the same request returns the first operation unchanged; the same
key with a different request is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction
from greenloop.markets.models import (
    SINK_KINDS,
    Account,
    AccountKind,
    Balance,
    Entry,
    Instrument,
    Lot,
    Operation,
)

Key = tuple[int, int, int]  # account, instrument, lot

T = TypeVar("T")

ZERO = Decimal(0)


def request_hash(kind: str, request: dict[str, Any]) -> str:
    text = json.dumps({"kind": kind, **request}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def scope_of(actor: Any) -> str:
    pk = getattr(actor, "pk", None)
    return f"user:{pk}" if pk is not None else "system"


class Posting:
    """The moves of one operation, checked and written by :meth:`flush`."""

    def __init__(self, operation: Operation) -> None:
        self.operation = operation
        self.accounts: dict[int, Account] = {}
        self.moves: dict[Key, Decimal] = {}
        self._balances: dict[Key, Balance] = {}
        self._lots: dict[int, Lot] = {}
        self.cache: dict[str, Any] = {}  # per-operation lookups (e.g. the funds lot)

    # -- locking ---------------------------------------------------------------------------
    def lock(self, accounts: Iterable[Account]) -> None:
        """Lock the given accounts (with the ones already locked) in primary-key order."""
        wanted = {account.pk for account in accounts} - set(self.accounts)
        if wanted:
            self._take(pk__in=sorted(wanted))

    def lock_owned(
        self, organizations: Iterable[Any], kinds: Sequence[str]
    ) -> dict[tuple[int, str], Account]:
        """Lock the accounts of these kinds of these organizations in one statement (primary-key
        order), opening any that do not exist yet; returns them by (organization id, kind)."""
        orgs = {org.pk: org for org in organizations}
        self._take(organization_id__in=sorted(orgs), kind__in=kinds)
        found = {
            (a.organization_id, a.kind): a
            for a in self.accounts.values()
            if a.organization_id in orgs
        }
        missing = []
        for org_id, org in orgs.items():
            for kind in kinds:
                if (org_id, kind) not in found:
                    account, _created = Account.objects.get_or_create(
                        organization=org, kind=kind, defaults={"code": f"{org.code}:{kind}"}
                    )
                    missing.append(account)
                    found[(org_id, kind)] = account
        if missing:  # first use of an organization's account: opened now
            self.lock(missing)
            found.update({(a.organization_id, a.kind): self.accounts[a.pk] for a in missing})
        return {key: found[key] for key in found if key[1] in kinds}

    def _take(self, **filters: Any) -> None:
        """Lock the accounts matching ``filters`` (primary-key order), then read the balances
        of the newly locked ones with their lots. Two statements on purpose: a balance read in
        the locking statement itself would come from the snapshot taken before waiting for
        the lock (READ COMMITTED re-checks only the locked rows), i.e. possibly stale."""
        ids = []
        for row in Account.objects.select_for_update().filter(**filters).order_by("pk"):
            if row.pk not in self.accounts:
                self.accounts[row.pk] = row
                ids.append(row.pk)
        if not ids:
            return
        for balance in Balance.objects.filter(account_id__in=ids).select_related("lot"):
            self._balances[(balance.account_id, balance.instrument_id, balance.lot_id)] = balance
            self._lots.setdefault(balance.lot_id, balance.lot)

    def _locked(self, account: Account) -> Account:
        locked = self.accounts.get(account.pk)
        if locked is None:
            raise RuntimeError(f"account {account.code} is not locked by this operation")
        return locked

    # -- reading ---------------------------------------------------------------------------
    def funds_lot(self) -> Lot | None:
        """The funds (yuan) lot, if a locked funds account already holds a balance in it."""
        for (account_id, _ins, lot_id), _balance in self._balances.items():
            lot = self._lots[lot_id]
            if self.accounts[account_id].kind == AccountKind.FUNDS and lot.code == "CNY":
                return lot
        return None

    def balance(self, account: Account, instrument: Instrument, lot: Lot) -> Decimal:
        key = (account.pk, instrument.pk, lot.pk)
        stored = self._balances.get(key)
        return (stored.quantity if stored else ZERO) + self.moves.get(key, ZERO)

    def lots_held(self, account: Account, instrument: Instrument) -> list[tuple[Lot, Decimal]]:
        """The lots of ``instrument`` the account holds, earliest expiry first, then oldest."""
        self._locked(account)
        amounts: dict[int, Decimal] = {}
        for (acc, ins, lot_id), balance in self._balances.items():
            if acc == account.pk and ins == instrument.pk:
                amounts[lot_id] = amounts.get(lot_id, ZERO) + balance.quantity
        for (acc, ins, lot_id), quantity in self.moves.items():
            if acc == account.pk and ins == instrument.pk:
                amounts[lot_id] = amounts.get(lot_id, ZERO) + quantity
        missing = [lot_id for lot_id in amounts if lot_id not in self._lots]
        if missing:
            self._lots.update(Lot.objects.in_bulk(missing))
        held = [(self._lots[lot_id], qty) for lot_id, qty in amounts.items() if qty > 0]
        held.sort(key=lambda item: (item[0].valid_to is None, item[0].valid_to, item[0].pk))
        return held

    # -- moving ----------------------------------------------------------------------------
    def move(
        self, source: Account, target: Account, instrument: Instrument, lot: Lot, quantity: Decimal
    ) -> None:
        if quantity <= 0:
            raise ValidationError({"quantity": _("The quantity must be positive.")})
        source, target = self._locked(source), self._locked(target)
        if source.kind in SINK_KINDS:
            raise ValidationError(
                {
                    "account": _(
                        "Units in account %(code)s were retired, surrendered, expired or "
                        "cancelled and can never move again."
                    )
                    % {"code": source.code}
                }
            )
        if not target.is_open:
            raise ValidationError(
                {"account": _("Account %(code)s is closed.") % {"code": target.code}}
            )
        if not source.is_open:
            raise ValidationError(
                {"account": _("Account %(code)s is closed.") % {"code": source.code}}
            )
        out = (source.pk, instrument.pk, lot.pk)
        into = (target.pk, instrument.pk, lot.pk)
        self.moves[out] = self.moves.get(out, ZERO) - quantity
        self.moves[into] = self.moves.get(into, ZERO) + quantity
        self._lots.setdefault(lot.pk, lot)

    def move_fifo(
        self, source: Account, target: Account, instrument: Instrument, quantity: Decimal
    ) -> list[tuple[Lot, Decimal]]:
        """Move ``quantity`` of an instrument taking the source's lots in order; refuse (and
        move nothing) when the source holds less."""
        held = self.lots_held(source, instrument)
        available = sum((qty for _, qty in held), ZERO)
        if available < quantity:
            raise ValidationError(
                {
                    "quantity": _(
                        "Account %(code)s holds %(held)s %(unit)s of %(instrument)s, "
                        "less than the %(wanted)s asked for."
                    )
                    % {
                        "code": source.code,
                        "held": available,
                        "unit": instrument.unit,
                        "instrument": instrument.code,
                        "wanted": quantity,
                    }
                }
            )
        taken: list[tuple[Lot, Decimal]] = []
        left = quantity
        for lot, qty in held:
            if left <= 0:
                break
            take = min(qty, left)
            self.move(source, target, instrument, lot, take)
            taken.append((lot, take))
            left -= take
        return taken

    # -- writing ---------------------------------------------------------------------------
    def flush(self) -> list[Entry]:
        entries = [
            Entry(
                operation=self.operation,
                account_id=acc,
                instrument_id=ins,
                lot_id=lot,
                quantity=qty,
            )
            for (acc, ins, lot), qty in self.moves.items()
            if qty != 0
        ]
        totals: dict[tuple[int, int], Decimal] = {}
        for entry in entries:
            pair = (entry.instrument_id, entry.lot_id)
            totals[pair] = totals.get(pair, ZERO) + entry.quantity
        if any(total != 0 for total in totals.values()):
            raise RuntimeError("an operation's entries must sum to zero per instrument and lot")
        new: list[Balance] = []
        changed: list[Balance] = []
        for entry in entries:
            key = (entry.account_id, entry.instrument_id, entry.lot_id)
            account = self.accounts[entry.account_id]
            balance = self._balances.get(key)
            if balance is None:
                balance = Balance(
                    account_id=entry.account_id,
                    account_kind=account.kind,
                    instrument_id=entry.instrument_id,
                    lot_id=entry.lot_id,
                )
                self._balances[key] = balance
                new.append(balance)
            else:
                changed.append(balance)
            balance.quantity += entry.quantity
            if balance.quantity < 0 and account.kind != AccountKind.ORIGIN:
                raise ValidationError(
                    {
                        "quantity": _(
                            "The operation would leave account %(code)s with a negative balance."
                        )
                        % {"code": account.code}
                    }
                )
        Entry.objects.bulk_create(entries)
        if new:
            Balance.objects.bulk_create(new)
        if changed:
            Balance.objects.bulk_update(changed, ["quantity"])
        self.moves = {}
        return entries


def run(
    *,
    actor: Any,
    kind: str,
    key: str,
    request: dict[str, Any],
    body: Callable[[Posting], T],
    obligation: Any = None,
) -> tuple[Operation, T | None]:
    """Run one registry operation atomically and idempotently.

    ``body`` locks, validates and moves through the :class:`Posting`; what it returns is given
    back with the operation (None on a replay: the caller reads the first run's
    ``operation.details``).
    """
    key = (key or "").strip()
    if len(key) > 128:
        raise ValidationError({"idempotency_key": _("The idempotency key is too long.")})
    digest = request_hash(kind, request)
    scope = scope_of(actor)
    # No look-up before the transaction: the operation row is inserted first, and the unique
    # (scope, key) constraint refuses a key already used (a concurrent first run holding the
    # key makes this insert wait for its outcome); the replay is read only then.
    try:
        with transaction.atomic():
            operation = Operation.objects.create(
                kind=kind,
                scope=scope,
                idempotency_key=key,
                request_hash=digest,
                actor=actor if getattr(actor, "pk", None) else None,
                obligation=obligation,
                details={"request": json.loads(json.dumps(request, default=str))},
            )
            posting = Posting(operation)
            result = body(posting)
            entries = posting.flush()
            operation.save(update_fields=["details"])
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=operation,
                after={
                    "kind": kind,
                    "details": operation.details,
                    "entries": [
                        [e.account_id, e.instrument_id, e.lot_id, str(e.quantity)] for e in entries
                    ],
                },
                message=f"markets {kind}",
            )
    except IntegrityError:
        if key:
            replay = _replay(scope, key, digest)
            if replay is not None:
                return replay, None
        raise
    return operation, result


def _replay(scope: str, key: str, digest: str) -> Operation | None:
    existing = Operation.objects.filter(scope=scope, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_hash != digest:
        raise ValidationError(
            {
                "idempotency_key": _(
                    "This idempotency key was already used for a different "
                    "request; nothing was changed."
                )
            }
        )
    return existing
