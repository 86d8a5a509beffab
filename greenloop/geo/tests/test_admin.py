"""The region admin lists and shows regions, and refuses to add or delete them."""

from __future__ import annotations

from django.urls import reverse

from greenloop.geo.models import Region


def test_admin_lists_searches_and_shows_without_editing(actors, client_for) -> None:
    client = client_for(actors.admin)
    changelist = reverse("admin:geo_region_changelist")
    response = client.get(changelist, {"q": "632801"})
    assert response.status_code == 200 and "632801" in response.content.decode()
    assert client.get(changelist, {"level__exact": "prefecture"}).status_code == 200
    region = Region.objects.get(code="632801")
    detail = client.get(reverse("admin:geo_region_change", args=[region.pk]))
    assert detail.status_code == 200 and region.name_zh in detail.content.decode()
    assert client.get(reverse("admin:geo_region_add")).status_code == 403
    assert client.get(reverse("admin:geo_region_delete", args=[region.pk])).status_code == 403
