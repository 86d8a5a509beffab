"""The supervision board shows green factories and parks per prefecture from the registry."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from greenloop.registry import selectors as registry


def _panel(html: str) -> str:
    return html.split('data-testid="green-manufacturing"')[1].split("</section>")[0]


def test_board_shows_registry_counts_per_prefecture(client_for: Any, actors: Any) -> None:
    counts = registry.counts_per_prefecture()
    assert any(row["green_factory"] for row in counts), "the registry lists green factories"
    page = client_for(actors.coordinator).get("/policy/board/")
    assert page.status_code == 200
    panel = _panel(page.content.decode())
    rows = dict(
        (region, (int(factories), int(parks)))
        for region, factories, parks in re.findall(
            r'data-region="(\d+)">.*?<td class="num">(\d+)</td><td class="num">(\d+)</td>', panel
        )
    )
    assert rows == {row["region"]: (row["green_factory"], row["green_park"]) for row in counts}
    for row in counts:
        assert f'href="{reverse("registry:lists")}?region={row["region"]}"' in panel


def test_panel_sits_with_the_tasks_of_measure_4(client_for: Any, actors: Any) -> None:
    panel = _panel(client_for(actors.coordinator).get("/policy/board/").content.decode())
    assert reverse("policy:task", args=["qh-glc-opinions-m04-t08"]) in panel
    assert reverse("policy:task", args=["qh-glc-opinions-m05-t01"]) not in panel


def test_region_link_lists_that_prefectures_listings(client_for: Any, actors: Any) -> None:
    row = next(r for r in registry.counts_per_prefecture() if r["green_factory"])
    listing = client_for(actors.coordinator).get(
        reverse("registry:lists"), {"region": row["region"]}
    )
    assert listing.status_code == 200
    expected = registry.public_listings(region=row["region"]).count()
    assert expected >= row["green_factory"]


def test_board_stays_closed_to_enterprises(client_for: Any, actors: Any) -> None:
    page = client_for(actors.enterprise_user).get("/policy/board/")
    assert page.status_code in (302, 403)
