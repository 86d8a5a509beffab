"""The cockpit home page over HTTP: language, map container, prefecture list, CSP."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from greenloop.geo import selectors as geo
from greenloop.web.tests.html import find_all, parse

pytestmark = pytest.mark.django_db


def heading(language: str) -> str:
    with translation.override(language):
        return str(translation.gettext("Green, low-carbon and circular development cockpit"))


def test_home_is_public_and_chinese_by_default(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert find_all(html, "html")[0].attrs["lang"] == "zh-hans"
    h1 = find_all(html, "h1")
    assert [e.text for e in h1] == [heading("zh-hans")]
    assert heading("zh-hans") != heading("en")


def test_english_by_accept_language_and_by_the_language_cookie(client: Client) -> None:
    by_header = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert find_all(by_header, "html")[0].attrs["lang"] == "en"
    assert find_all(by_header, "h1")[0].text == heading("en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    by_cookie = client.get("/").content.decode()
    assert find_all(by_cookie, "h1")[0].text == heading("en")


def test_language_switch_form_sets_the_language(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert find_all(client.get("/").content.decode(), "html")[0].attrs["lang"] == "en"


def test_summary_cards_show_the_region_counts(client: Client) -> None:
    html = client.get("/").content.decode()
    counts = geo.counts_by_level()
    shown = {e.attrs["data-testid"]: e.text for e in parse(html) if "data-testid" in e.attrs}
    assert shown["prefecture-count"] == str(counts["prefecture"])
    assert shown["county-count"] == str(counts["county"])


def test_map_container_points_at_the_provinces_children(client: Client) -> None:
    html = client.get("/").content.decode()
    maps = [e for e in parse(html) if "data-geojson-url" in e.attrs]
    assert len(maps) == 1
    province = settings.GREENLOOP_PROVINCE
    assert maps[0].attrs["data-region-code"] == province
    geojson = client.get(maps[0].attrs["data-geojson-url"])
    assert geojson.status_code == 200
    codes = {f["properties"]["code"] for f in geojson.json()["features"]}
    assert codes == {r.code for r in geo.list_regions(level="prefecture")}


def test_the_prefecture_table_lists_every_prefecture_with_a_link(client: Client) -> None:
    html = client.get("/").content.decode()
    rows = [e for e in parse(html) if e.tag == "tr" and "tbody" in e.ancestors]
    prefectures = list(geo.list_regions(level="prefecture"))
    assert len(prefectures) == 8
    assert len(rows) == len(prefectures)
    links = {
        e.text: e.attrs["href"] for e in parse(html) if e.tag == "a" and "table" in e.ancestors
    }
    for region in prefectures:
        with translation.override("zh-hans"):
            assert any(region.code in row.text and region.name in row.text for row in rows)
            assert links[region.name] == reverse("region-detail", args=[region.code])


def test_strict_csp_and_no_inline_script(client: Client) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    html = response.content.decode()
    scripts = find_all(html, "script")
    assert scripts, "the page loads its scripts"
    assert all(script.attrs.get("src") for script in scripts)
    assert all(not script.text for script in scripts)
    elements = parse(html)
    assert not [e for e in elements if "style" in e.attrs or e.tag == "style"]
    assert not [e for e in elements for name in e.attrs if name.startswith("on")]
    # htmx would otherwise inject a <style> element for its indicators, which CSP refuses.
    config = [e for e in find_all(html, "meta") if e.attrs.get("name") == "htmx-config"]
    assert json.loads(config[0].attrs["content"])["includeIndicatorStyles"] is False


def test_every_asset_is_served_locally(client: Client) -> None:
    html = client.get("/").content.decode()
    urls = [e.attrs["src"] for e in find_all(html, "script")]
    urls += [e.attrs["href"] for e in find_all(html, "link")]
    urls += [e.attrs["src"] for e in find_all(html, "img")]
    assert urls
    for url in urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and url.startswith("/"), url
        assert client.get(url).status_code == 200, url


def test_favicon_ico_points_at_the_shipped_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200
