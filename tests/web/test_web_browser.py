"""The programme page in real headless Chromium: tabs, filters, search, details, XSS, phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from confsched_web.site import write_site
from programme_helpers import shipped_scenarios, solved

from scheduler.exporting import ExportContext

pytestmark = pytest.mark.browser

VISIBLE_CARDS = "#view .card:not([hidden])"


def test_page_loads_from_file_without_errors_or_network(
    open_page: Any, bishkek_site: Path, artifacts: Path,
) -> None:
    tab = open_page(bishkek_site)
    page = tab.page
    assert page.title().startswith("Официальная церемония запуска проекта")
    assert page.locator("#connection").inner_text().count("accel2022") == 1
    assert page.locator(VISIBLE_CARDS).count() == 8
    assert page.locator("#view .brk").count() == 3
    page.screenshot(path=str(artifacts / "web-bishkek-grid.png"), full_page=True)
    assert tab.errors == []
    assert all(url.startswith("file://") for url in tab.requests), tab.requests


def test_day_tabs_switch_days(open_page: Any, big_site: Path) -> None:
    page = open_page(big_site).page
    tabs = page.locator("#day-tabs button")
    assert tabs.count() == 3
    assert page.locator("#view").get_attribute("data-day") == "2026-03-02"
    tabs.nth(1).click()
    assert page.locator("#view").get_attribute("data-day") == "2026-03-03"
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    titles = page.locator(VISIBLE_CARDS + " .title").all_inner_texts()
    assert len(titles) == 48
    assert all(49 <= int(t.split()[0][1:]) <= 96 for t in titles)


def test_a_day_can_be_linked(open_page: Any, big_site: Path) -> None:
    tab = open_page(big_site)
    tab.page.locator("#day-tabs button").nth(2).click()
    assert tab.page.url.endswith("index.html#2026-03-04")
    tab.page.goto((big_site / "index.html").as_uri() + "#2026-03-03")
    tab.page.reload()
    tab.page.wait_for_selector("html[data-ready=yes]")
    assert tab.page.locator("#view").get_attribute("data-day") == "2026-03-03"


def test_filter_by_track_room_and_format(open_page: Any, big_site: Path) -> None:
    page = open_page(big_site).page
    page.select_option("#filter-track", "t2")
    # Track t2 holds rooms 1, 5 and 9 (track = 1 + room % 4): 3 rooms x 4 slots.
    assert page.locator(VISIBLE_CARDS).count() == 12
    assert page.locator("#day-tabs button").nth(2).inner_text().endswith("(12)")
    page.select_option("#filter-room", "r5")
    assert page.locator(VISIBLE_CARDS).count() == 4
    page.select_option("#filter-room", "r2")  # r2 is in track t3: nothing left
    assert page.locator(VISIBLE_CARDS).count() == 0
    assert page.locator("#no-results").is_visible()
    page.click("#reset")
    assert page.locator(VISIBLE_CARDS).count() == 48
    page.select_option("#filter-format", "hybrid")
    hybrid = page.locator(VISIBLE_CARDS)
    assert 0 < hybrid.count() < 48
    assert all("hybrid" in t for t in hybrid.all_inner_texts())


def test_search_finds_cyrillic_text_and_people(open_page: Any, bishkek_site: Path) -> None:
    page = open_page(bishkek_site).page
    page.fill("#search", "АНКОНФЕРЕНЦИЯ")
    assert page.locator(VISIBLE_CARDS + " .title").all_inner_texts() == [
        "Сессия 4: анконференция"]
    page.fill("#search", "фасилитатор дизайн")  # a person, in two sessions
    assert page.locator(VISIBLE_CARDS).count() == 2
    page.fill("#search", "нет такого")
    assert page.locator(VISIBLE_CARDS).count() == 0
    assert page.locator("#no-results").inner_text() == "Нет сессий, подходящих под фильтры."


def test_list_view_and_session_details(open_page: Any, bishkek_site: Path) -> None:
    page = open_page(bishkek_site).page
    page.click("#view-list")
    assert page.locator("#view").get_attribute("data-view") == "list"
    assert page.locator("#view .list li").count() == 11  # 8 sessions and 3 breaks
    page.locator('#view li[data-session="session-1"] .card').click()
    dialog = page.locator("#details")
    assert dialog.is_visible()
    text = dialog.inner_text()
    assert "Сессия 1: воркшоп по дизайн-мышлению" in text
    assert "Фасилитатор дизайн-мышления" in text
    assert "Конференц-зал «Европа»" in text
    assert "accel2022" in text
    link = dialog.locator("a")
    assert link.get_attribute("href") == "https://us02web.zoom.us/j/00000000000"
    page.click("#details-close")
    assert not dialog.is_visible()


def test_hostile_titles_show_as_text_and_nothing_runs(
    open_page: Any, xss_site: Path, artifacts: Path,
) -> None:
    tab = open_page(xss_site)
    page = tab.page
    page.click("#view-list")
    titles = page.locator("#view .card .title").all_inner_texts()
    assert "<script>alert(1)</script>" in titles
    assert page.locator("#event-name").inner_text().startswith("Evil </script><script>")
    page.locator('#view li[data-session="evil"] .card').click()
    body = page.locator("#details-body")
    assert "<img src=x onerror=alert('description')> {{DATA}}" in body.inner_text()
    # The javascript: link is shown as text, never as a link.
    assert body.locator("a").count() == 0
    assert "javascript:alert('link')" in body.inner_text()
    page.click("#details-close")
    # The https link of the other session is a link.
    assert page.locator('#view li[data-session="fine"] a').get_attribute("href") == \
        "https://example.org/meet"
    assert page.locator("#view img, #view svg, #details img, header img").count() == 0
    assert page.locator("script").count() == 2
    page.screenshot(path=str(artifacts / "web-xss.png"), full_page=True)
    assert tab.dialogs == []
    assert tab.errors == []


def test_phone_viewport_fits_390px(open_page: Any, big_site: Path, artifacts: Path) -> None:
    page = open_page(big_site, width=390, height=844).page
    assert page.locator("#view").get_attribute("data-view") == "list"  # default on phones
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390
    page.screenshot(path=str(artifacts / "web-phone-list.png"), full_page=False)
    page.click("#view-grid")
    # The grid scrolls sideways inside its own box; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    scroller = page.locator(".grid-scroll")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
    page.screenshot(path=str(artifacts / "web-phone-grid.png"), full_page=False)


def test_print_shows_every_day_as_a_list(open_page: Any, big_site: Path) -> None:
    page = open_page(big_site).page
    page.emulate_media(media="print")
    assert not page.locator(".controls").is_visible()
    assert not page.locator("#view").is_visible()
    printed = page.locator("#print-all")
    assert printed.is_visible()
    assert printed.locator(".day").count() == 3
    assert printed.locator(".card").count() == 144


@pytest.mark.slow
@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_shipped_scenario_as_a_page(open_page: Any, path: Path, tmp_path: Path) -> None:
    scenario, schedule, status = solved(path)
    if path.stem.startswith("infeasible-"):
        assert schedule is None, f"{path.name} is meant to have no schedule"
        return
    assert schedule is not None, f"{path.name}: no schedule within 5 s ({status})"
    write_site(ExportContext(scenario=scenario, schedule=schedule), tmp_path, ical=False)
    tab = open_page(tmp_path)
    page = tab.page
    page.click("#view-list")
    seen: list[str] = []
    tabs = page.locator("#day-tabs button")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        seen.extend(page.locator("#view .card .title").all_inner_texts())
    assert sorted(seen) == sorted(s.title for s in schedule.sessions)
    assert tab.errors == []
