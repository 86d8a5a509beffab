"""Pages: markets, one market, accounts, registry; PDF statements and certificates."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from greenloop.markets import services, trading
from greenloop.markets.conftest import key
from greenloop.markets.models import Operation

pytestmark = pytest.mark.django_db


def test_markets_index_lists_four_kinds_and_flags_demonstration(client_for):
    response = client_for(None).get("/markets/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "QH-WR-HUANGSHUI-IND" in text and "QH-PD-XN-COD" in text
    assert "QH-CCER-PV-001" in text and "QH-GEC-PV" in text
    assert 'class="markets-demo"' in text


def test_market_page_shows_book_trades_and_chart_hooks(market, client_for):
    ent = market.actors.enterprise
    trading.place_order(
        actor=market.admin,
        organization=ent.code,
        instrument="QH-CEA-2025",
        side="sell",
        price="81.50",
        quantity="10",
        key=key(),
    )
    response = client_for(market.actors.enterprise_user).get("/markets/instrument/QH-CEA-2025/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "81.50" in text
    assert 'id="markets-depth"' in text and 'id="markets-price"' in text
    assert "/api/markets/instruments/QH-CEA-2025/book" in text
    assert 'name="idempotency_key"' in text
    assert client_for(None).get("/markets/instrument/nope/").status_code == 404


def test_order_form_places_once_even_when_submitted_twice(market, client_for):
    client = client_for(market.actors.enterprise_user)
    form = {
        "organization": market.actors.enterprise.code,
        "side": "sell",
        "price": "80",
        "quantity": "3",
        "idempotency_key": "form-1",
    }
    for _ in range(2):
        response = client.post("/markets/instrument/QH-CEA-2025/order", form)
        assert response.status_code == 302
    assert Operation.objects.filter(kind="place_order", idempotency_key="form-1").count() == 1
    bad = client.post(
        "/markets/instrument/QH-CEA-2025/order",
        {**form, "price": "200", "idempotency_key": "form-2"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "band" in bad.content.decode()


def test_account_page_is_private(market, client_for):
    own = f"{market.actors.enterprise.code}:holding"
    assert (
        client_for(market.actors.enterprise_user).get(f"/markets/accounts/{own}/").status_code
        == 200
    )
    assert client_for(market.actors.bank_user).get(f"/markets/accounts/{own}/").status_code == 404
    assert client_for(None).get(f"/markets/accounts/{own}/").status_code == 302


def test_registry_page_for_the_authority_only(market, client_for):
    assert client_for(market.eco).get("/markets/registry/").status_code == 200
    assert client_for(market.actors.enterprise_user).get("/markets/registry/").status_code == 403
    response = client_for(market.eco).post(
        "/markets/registry/",
        {
            "action": "issue",
            "instrument": "QH-CEA-2025",
            "lot": "2026",
            "quantity": "10",
            "idempotency_key": "reg-1",
        },
    )
    assert response.status_code == 302
    assert Operation.objects.filter(kind="issue", idempotency_key="reg-1").exists()


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_statement_and_retirement_certificate_pdfs(market, client_for, tmp_path):
    ent = market.actors.enterprise
    op = services.retire(
        actor=market.actors.enterprise_user,
        instrument="QH-GEC-PV",
        organization=ent.code,
        quantity="40",
        key=key(),
        beneficiary="西宁测试光伏有限公司",
        purpose="2026年1月用电",
    )
    client = client_for(market.actors.enterprise_user)
    response = client.get(f"/markets/accounts/{ent.code}:holding/statement.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "QH-GEC-PV" in text and "60" in text
    assert "演示" in text or "DEMONSTRATION" in text
    certificate = client.get(f"/markets/certificates/{op.pk}.pdf")
    text = _pdf_text(certificate.content, tmp_path)
    assert f"GL-RET-{op.pk:08d}" in text
    assert "2026年1月用电" in text
    assert (
        client_for(market.actors.bank_user).get(f"/markets/certificates/{op.pk}.pdf").status_code
        == 404
    )
    retirement = client.get(f"/markets/accounts/{ent.code}:retirement/")
    assert f"/markets/certificates/{op.pk}.pdf" in retirement.content.decode()
