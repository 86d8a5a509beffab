"""The shell in a real browser: the system Chromium driven by Playwright.

Every request to a host other than the live server is recorded and refused, and every
console error or uncaught page error is collected: the pages must work fully offline and
run clean under the strict Content-Security-Policy. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import translation

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
MAP = "#prefecture-map"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests"
        if os.environ.get("GREENLOOP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django would then
    # refuse ORM calls from the test (and from the database flush between tests).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@dataclass
class Watched:
    page: Any
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.foreign_requests == []


@pytest.fixture
def web(browser: Any, live_server: Any) -> Iterator[Watched]:
    from greenloop.core.loading import load_default_data

    load_default_data()  # the live server's transactional tests start from an empty database
    # A browser set up for Chinese, as the province's users' are; Chinese is also the
    # fallback for browsers that ask for neither of the platform's languages.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    watched = Watched(page=page, base_url=live_server.url)
    own_host = urlsplit(live_server.url).netloc

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).netloc == own_host:
            request_route.continue_()
        else:
            watched.foreign_requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: (
            watched.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
    yield watched
    # Let in-flight requests finish before the live server's database is flushed: a request
    # still reading (the map's boundaries) would otherwise hold SQLite's table lock.
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10_000)
    context.close()


def gettext_in(language: str, message: str) -> str:
    with translation.override(language):
        return str(translation.gettext(message))


def drawn_map(page: Any) -> dict[str, Any]:
    """What ECharts holds for the cockpit map once it is drawn."""
    page.wait_for_selector(f'{MAP}[data-map-ready="true"]', timeout=15_000)
    return page.eval_on_selector(  # type: ignore[no-any-return]
        MAP,
        """el => {
            const option = echarts.getInstanceByDom(el).getOption();
            const series = option.series[0];
            return {
                type: series.type,
                features: echarts.getMap(series.map).geoJSON.features.length,
                codes: series.data.map(d => d.code),
                names: series.data.map(d => d.name),
                canvases: el.querySelectorAll("canvas").length,
                aria: option.aria[0] ? option.aria[0].enabled : option.aria.enabled,
            };
        }""",
    )


def prefectures() -> list[Any]:
    from greenloop.geo import selectors as geo

    return list(geo.list_regions(level="prefecture"))


def test_cockpit_draws_the_prefecture_map_offline_without_errors(web: Watched) -> None:
    web.goto("/")
    assert web.page.get_attribute("html", "lang") == "zh-hans"
    drawn = drawn_map(web.page)
    expected = prefectures()
    assert len(expected) == 8
    assert drawn["type"] == "map" and drawn["aria"] is True
    assert drawn["features"] == len(expected)
    assert sorted(drawn["codes"]) == sorted(region.code for region in expected)
    with translation.override("zh-hans"):
        assert sorted(drawn["names"]) == sorted(region.name for region in expected)
    assert drawn["canvases"] >= 1
    # The server-rendered list beside the map has the same prefectures.
    assert web.page.locator("#prefecture-table tbody tr").count() == len(expected)
    # Hovering draws the tooltip (on the canvas: the CSP forbids inline styles).
    box = web.page.locator(MAP).bounding_box()
    web.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    web.page.wait_for_timeout(300)
    web.shot("cockpit-zh")
    web.assert_clean()


def test_clicking_a_prefecture_opens_its_page(web: Watched) -> None:
    web.goto("/")
    drawn_map(web.page)
    # Find a point of the map that lies on a prefecture and click it.
    point = web.page.eval_on_selector(
        MAP,
        """el => {
            const chart = echarts.getInstanceByDom(el);
            const w = el.clientWidth, h = el.clientHeight;
            for (let y = h / 2; y < h; y += 10) {
                for (let x = w / 2; x < w; x += 10) {
                    if (chart.containPixel({seriesIndex: 0}, [x, y])) { return [x, y]; }
                }
            }
            return null;
        }""",
    )
    assert point is not None
    box = web.page.locator(MAP).bounding_box()
    with web.page.expect_navigation():
        web.page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    match = re.search(r"/regions/(\d{6})/$", web.page.url)
    assert match, web.page.url
    assert match.group(1) in {region.code for region in prefectures()}
    assert web.foreign_requests == []


def test_language_switch_turns_the_page_english_and_back(web: Watched) -> None:
    heading = "Green, low-carbon and circular development cockpit"
    web.goto("/")
    assert web.page.inner_text("h1") == gettext_in("zh-hans", heading)
    web.page.select_option("#language-select", "en")
    with web.page.expect_navigation():
        web.page.click(".language-form button[type=submit]")
    assert web.page.get_attribute("html", "lang") == "en"
    assert web.page.inner_text("h1") == heading
    drawn = drawn_map(web.page)
    assert sorted(drawn["names"]) == sorted(region.name_en for region in prefectures())
    web.shot("cockpit-en")
    web.page.select_option("#language-select", "zh-hans")
    with web.page.expect_navigation():
        web.page.click(".language-form button[type=submit]")
    assert web.page.get_attribute("html", "lang") == "zh-hans"
    assert web.page.inner_text("h1") == gettext_in("zh-hans", heading)
    web.assert_clean()


def test_login_with_the_keyboard_shows_the_user_and_logout_works(web: Watched) -> None:
    from greenloop.accounts.models import User
    from greenloop.orgs.models import Organization

    organization = Organization.objects.get(code="qh-iit")
    user = User(username="browser-reporter", role="dept_reporter", organization=organization)
    password = "Kunlun-mountains-6860"
    user.set_password(password)
    user.save()

    web.goto("/accounts/login/")
    web.page.fill("#id_username", user.username)
    web.page.fill("#id_password", "not-the-password")
    with web.page.expect_navigation():
        web.page.press("#id_password", "Enter")
    assert web.page.locator("[role=alert]").is_visible()
    web.shot("login-error-zh")
    web.page.fill("#id_username", user.username)
    web.page.fill("#id_password", password)
    with web.page.expect_navigation():
        web.page.press("#id_password", "Enter")
    header = web.page.inner_text("header")
    assert user.username in header
    with translation.override("zh-hans"):
        assert organization.name in header
    web.shot("cockpit-logged-in")
    with web.page.expect_navigation():
        web.page.click(".logout-form button")
    assert user.username not in web.page.inner_text("header")
    assert web.page.locator("header a[href='/accounts/login/']").count() == 1
    web.assert_clean()


def test_keyboard_reaches_the_skip_link_first_and_the_language_select(web: Watched) -> None:
    web.goto("/")
    web.page.keyboard.press("Tab")
    focused = web.page.evaluate(
        """() => ({
            cls: document.activeElement.className,
            href: document.activeElement.getAttribute("href"),
            outline: getComputedStyle(document.activeElement).outlineStyle,
            top: document.activeElement.getBoundingClientRect().top,
        })"""
    )
    assert focused["cls"] == "skip-link" and focused["href"] == "#main"
    assert focused["outline"] != "none" and focused["top"] >= 0  # visible when focused
    web.shot("skip-link-focused")
    web.page.keyboard.press("Enter")
    assert web.page.evaluate("document.activeElement.id") == "main"

    web.goto("/")
    reached = False
    for _ in range(15):
        web.page.keyboard.press("Tab")
        if web.page.evaluate("document.activeElement.id") == "language-select":
            reached = True
            break
    assert reached
    web.assert_clean()
