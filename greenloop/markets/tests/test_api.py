"""The /api/markets endpoints over HTTP: listing, permissions, idempotency, refusals."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from greenloop.markets.models import Entry, InstrumentKind

pytestmark = pytest.mark.django_db


def post(client, url, body, key=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_instruments_of_each_of_the_four_kinds_are_listed_publicly(client_for):
    response = client_for(None).get("/api/markets/instruments")
    assert response.status_code == 200
    items = response.json()["items"]
    kinds = {item["kind"] for item in items}
    assert kinds == {
        InstrumentKind.WATER,
        InstrumentKind.DISCHARGE,
        InstrumentKind.CARBON,
        InstrumentKind.GEC,
    }
    assert all(item["demonstration"] for item in items)  # the shipped ones are demonstration
    carbon = {item["carbon_type"] for item in items if item["kind"] == "carbon"}
    assert carbon == {"allowance", "ccer"}
    only_gec = client_for(None).get("/api/markets/instruments?kind=gec").json()["items"]
    assert {item["unit"] for item in only_gec} == {"MWh"}


def test_order_through_the_api_is_idempotent(market, client_for):
    client = client_for(market.actors.enterprise_user)
    body = {
        "organization": market.actors.enterprise.code,
        "instrument": "QH-CEA-2025",
        "side": "sell",
        "price": "80",
        "quantity": "5",
    }
    first = post(client, "/api/markets/orders", body, key="api-1")
    assert first.status_code == 201, first.content
    entries = Entry.objects.count()
    again = post(client, "/api/markets/orders", body, key="api-1")
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert Entry.objects.count() == entries
    changed = post(client, "/api/markets/orders", {**body, "quantity": "6"}, key="api-1")
    assert changed.status_code == 422
    assert "idempotency" in json.dumps(changed.json()).lower()
    assert Entry.objects.count() == entries


def test_refusals_are_clear_and_change_nothing(market, client_for):
    client = client_for(market.actors.enterprise_user)
    entries = Entry.objects.count()
    too_much = post(
        client,
        "/api/markets/orders",
        {
            "organization": market.actors.enterprise.code,
            "instrument": "QH-CEA-2025",
            "side": "sell",
            "price": "80",
            "quantity": "10001",
        },
        key="r1",
    )
    assert too_much.status_code == 422
    assert too_much.json()["detail"][0]["loc"] == ["body", "quantity"]
    band = post(
        client,
        "/api/markets/orders",
        {
            "organization": market.actors.enterprise.code,
            "instrument": "QH-CEA-2025",
            "side": "buy",
            "price": "100",
            "quantity": "1",
        },
        key="r2",
    )
    assert band.status_code == 422 and "band" in band.json()["detail"][0]["msg"]
    assert Entry.objects.count() == entries


def test_permissions(market, client_for):
    a = market.actors
    body = {
        "instrument": "QH-CEA-2025",
        "source": a.haixi_enterprise.code,
        "target": a.enterprise.code,
        "quantity": "1",
    }
    assert post(client_for(None), "/api/markets/operations/transfer", body).status_code == 401
    assert (
        post(
            client_for(a.enterprise_user), "/api/markets/operations/transfer", body, key="p1"
        ).status_code
        == 403
    )
    issue = {"instrument": "QH-CEA-2025", "lot": "2025", "quantity": "1"}
    assert (
        post(
            client_for(a.enterprise_user), "/api/markets/operations/issue", issue, key="p2"
        ).status_code
        == 403
    )
    assert (
        post(
            client_for(a.eco_reporter), "/api/markets/operations/issue", issue, key="p3"
        ).status_code
        == 201
    )
    own = f"{a.enterprise.code}:holding"
    other = f"{a.haixi_enterprise.code}:holding"
    assert (
        client_for(a.enterprise_user).get(f"/api/markets/accounts/{own}/holdings").status_code
        == 200
    )
    assert (
        client_for(a.enterprise_user).get(f"/api/markets/accounts/{other}/holdings").status_code
        == 404
    )
    assert client_for(a.auditor).get(f"/api/markets/accounts/{other}/holdings").status_code == 200
    codes = {
        row["code"]
        for row in client_for(a.enterprise_user).get("/api/markets/accounts").json()["items"]
    }
    assert own in codes and other not in codes


def test_market_data_endpoints(market, client_for):
    client = client_for(market.admin)
    for side, price, qty, org in (
        ("sell", "80", "10", market.actors.enterprise),
        ("buy", "81", "4", market.actors.haixi_enterprise),
    ):
        assert (
            post(
                client,
                "/api/markets/orders",
                {
                    "organization": org.code,
                    "instrument": "QH-CEA-2025",
                    "side": side,
                    "price": price,
                    "quantity": qty,
                },
                key=f"m-{side}",
            ).status_code
            == 201
        )
    anonymous = client_for(None)
    book = anonymous.get("/api/markets/instruments/QH-CEA-2025/book").json()
    assert [(Decimal(x["price"]), Decimal(x["quantity"])) for x in book["asks"]] == [(80, 6)]
    assert book["demonstration"] is True
    trades = anonymous.get("/api/markets/instruments/QH-CEA-2025/trades").json()["items"]
    assert [(Decimal(t["price"]), Decimal(t["quantity"])) for t in trades] == [(80, 4)]
    ohlc = anonymous.get("/api/markets/instruments/QH-CEA-2025/ohlc").json()
    assert Decimal(ohlc["vwap"]) == 80 and len(ohlc["candles"]) == 1
    detail = anonymous.get("/api/markets/instruments/QH-CEA-2025").json()
    assert Decimal(detail["conservation"]["issued"]) == 30000
    assert anonymous.get("/api/markets/instruments/nope/book").status_code == 404


def test_auction_through_the_api(market, client_for):
    eco = client_for(market.eco)
    post(
        eco,
        "/api/markets/operations/issue",
        {"instrument": "QH-PD-HX-NOX", "lot": "2026", "quantity": "50"},
        key="a1",
    )
    auction = post(
        eco,
        "/api/markets/auctions",
        {"instrument": "QH-PD-HX-NOX", "lot": "2026", "quantity": "50", "reserve_price": "1500"},
    )
    assert auction.status_code == 201
    auction_id = auction.json()["id"]
    ent = client_for(market.actors.enterprise_user)
    bid = post(
        ent,
        f"/api/markets/auctions/{auction_id}/bids",
        {"organization": market.actors.enterprise.code, "price": "1800", "quantity": "30"},
        key="a2",
    )
    assert bid.status_code == 201
    # Sealed: another participant does not see the bid before clearing.
    other = client_for(market.actors.bank_user).get(f"/api/markets/auctions/{auction_id}/bids")
    assert other.json() == []
    cleared = post(eco, f"/api/markets/auctions/{auction_id}/clear", {}, key="a3")
    assert cleared.status_code == 200 and Decimal(cleared.json()["clearing_price"]) == 1800


def test_obligations_and_missed_deadlines(market, client_for):
    eco = client_for(market.eco)
    created = post(
        eco,
        "/api/markets/obligations",
        {
            "organization": market.actors.enterprise.code,
            "kind": "carbon",
            "period": 2024,
            "required": "500",
            "deadline": "2025-12-31",
        },
    )
    assert created.status_code == 201, created.content
    assert Decimal(created.json()["shortfall"]) == 500
    missed = client_for(market.actors.enterprise_user).get("/api/markets/obligations?missed=true")
    assert [row["period"] for row in missed.json()] == [2024]
    assert (
        client_for(market.actors.haixi_enterprise and market.actors.bank_user)
        .get("/api/markets/obligations")
        .json()
        == []
    )
