"""A listing links its indicators to the monitoring catalogue and, where the enterprise
reports online, to its enterprise-monitoring page for those who may see it."""

from typing import Any

from greenloop.enterprise.tests.factories import pollution_source
from greenloop.registry.models import Listing


def test_listing_links_to_the_catalogue_and_to_online_monitoring(
    actors: Any, client_for: Any
) -> None:
    listing = Listing.objects.filter(scheme__code="green-factory").first()
    assert listing is not None
    listing.organization = actors.enterprise
    listing.save()
    url = f"/registry/listings/{listing.certificate_no}/"

    public = client_for(None).get(url).content.decode()
    assert 'href="/monitoring/indicators/industrial_solid_waste_utilization/"' in public
    assert 'data-testid="online-monitoring"' not in public  # not monitored online yet

    pollution_source(actors.admin, actors.enterprise, "MNLIST0001")
    own = client_for(actors.enterprise_user).get(url).content.decode()
    assert f'href="/enterprises/{actors.enterprise.code}/"' in own
    # The public and another prefecture may not open the enterprise page, so no link.
    assert 'data-testid="online-monitoring"' not in client_for(None).get(url).content.decode()
    other = client_for(actors.haixi_reporter).get(url).content.decode()
    assert 'data-testid="online-monitoring"' not in other
