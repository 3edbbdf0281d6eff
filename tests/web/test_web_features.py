"""The programme page's features from issue 14, in real headless Chromium: sticky room
headers and time axis, the event's description/organiser/venue, a personal agenda (stars
kept in the browser, "my calendar" built offline), the time-zone note and switch, the
now/next marker, search that finds breaks, and the hybrid badge in print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from confsched_web.site import write_site
from icalendar import Calendar
from programme_helpers import BISHKEK, BISHKEK_BREAKS, BISHKEK_DAY, BISHKEK_TIMES, hand_schedule

from scheduler.exporting import ExportContext
from scheduler.publishing.identity import session_uid
from scheduler.scenario import parse_scenario

pytestmark = pytest.mark.browser

VISIBLE_CARDS = "#view .card:not([hidden])"
DESCRIPTION = "Запуск проекта: цели, участники и формат семинара."


@pytest.fixture()
def tab(browser: Any) -> Iterator[Any]:
    """A factory of pages in fresh browser contexts (time zone and clock as asked)."""
    contexts: list[Any] = []

    def make(site: Path, timezone: str | None = None, now: str | None = None,
             width: int = 1280, height: int = 900) -> Any:
        options: dict[str, Any] = {"viewport": {"width": width, "height": height},
                                   "accept_downloads": True}
        if timezone:
            options["timezone_id"] = timezone
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.errors = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        if now:
            page.clock.set_fixed_time(now)
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("html[data-ready=yes]", timeout=10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def _rect(page: Any, selector: str) -> dict[str, float]:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")


def test_room_headers_and_time_axis_stay_in_sight(tab: Any, big_site: Path,
                                                  artifacts: Path) -> None:
    page = tab(big_site, width=900, height=700)
    # Scroll with the wheel over the grid to its last session, far down and far right,
    # then the page itself to its very end.
    box = page.locator("#view .grid-scroll").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 50)
    for _ in range(12):
        page.mouse.wheel(400, 400)
    page.wait_for_function("(() => { const b = document.querySelector('#view .grid-scroll');"
                           " return b.scrollTop >= b.scrollHeight - b.clientHeight - 1"
                           " && b.scrollLeft >= b.scrollWidth - b.clientWidth - 1; })()")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    card = _rect(page, '#view .card[data-session="s48"]')
    assert card["bottom"] <= page.viewport_size["height"] + 1, card
    viewport = page.viewport_size
    head = _rect(page, "#view .col-head")
    assert head["top"] >= 0 and head["bottom"] <= viewport["height"], head
    scroller = _rect(page, "#view .grid-scroll")
    assert abs(head["top"] - scroller["top"]) < 2
    hour = _rect(page, "#view .hour")
    assert abs(hour["left"] - scroller["left"]) < 2, (hour, scroller)
    # Nothing covers them (the sticky controls above the grid, the cards below).
    for locator in (page.locator("#view .col-head", has_text="Аудитория 12"),
                    page.locator("#view .hour", has_text="16:00")):
        assert locator.evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            " return e.contains(hit); }"), locator
    assert page.locator("#view .col-head", has_text="Аудитория 12").is_visible()
    page.screenshot(path=str(artifacts / "web-sticky.png"))


def test_event_description_organiser_and_venue(tab: Any, tmp_path: Path) -> None:
    text = BISHKEK.read_text("utf-8").replace(
        "  language: ru\n", f"  language: ru\n  description: '{DESCRIPTION}'\n")
    scenario = parse_scenario(text, "bishkek.yaml")
    write_site(ExportContext(scenario=scenario, schedule=hand_schedule(
        scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)), tmp_path, ical=False)
    page = tab(tmp_path)
    assert page.locator("#event-description").inner_text() == DESCRIPTION
    assert page.locator("#event-venue").inner_text() == \
        "Место: Отель «Европа», ул. Ибраимова, 70, г. Бишкек, Кыргызстан"
    organiser = page.locator("#event-organiser")
    assert organiser.inner_text().startswith("Организатор: Акселератор онлайн сообществ")
    assert organiser.locator("a").get_attribute("href") == "mailto:accelerator@example.org"


def test_personal_agenda_is_kept_and_downloads_as_ics(tab: Any, bishkek_site: Path,
                                                      tmp_path: Path) -> None:
    # Playwright's expect() waits for the page to get there (events, not a clock): the
    # page applies a click or a reload's kept stars in its own time.
    from playwright.sync_api import expect

    page = tab(bishkek_site)
    expect(page.locator("#my-calendar")).to_be_disabled()
    for sid in ("session-1", "session-4"):
        page.click(f'#view [data-star="{sid}"]')
        expect(page.locator(f'#view [data-star="{sid}"]')).to_have_attribute(
            "aria-pressed", "true")
    # The browser keeps a page's storage in the page's process first and hands it on in
    # its own time: a reload under load came back before it had the stars (review13).
    # A second page of the same site sees them once the browser holds them.
    other = page.context.new_page()
    other.goto(page.url)
    other.wait_for_function("() => Object.keys(localStorage).some(key => "
                            "(localStorage.getItem(key) || '').includes('session-4'))")
    other.close()
    page.reload()
    page.wait_for_selector("html[data-ready=yes]")
    expect(page.locator('#view [data-star="session-1"]')).to_have_attribute(
        "aria-pressed", "true")
    expect(page.locator('#view [data-star="session-2"]')).to_have_attribute(
        "aria-pressed", "false")
    page.click("#my-toggle")
    expect(page.locator(VISIBLE_CARDS + " .title")).to_have_text([
        "Сессия 1: воркшоп по дизайн-мышлению — командообразование, эмпатия, определение "
        "проблемы", "Сессия 4: анконференция"])
    page.click("#view-list")
    expect(page.locator("#view .list li[data-session]")).to_have_count(2)
    expect(page.locator("#my-calendar")).to_be_enabled()
    with page.expect_download() as info:
        page.click("#my-calendar")
    saved = tmp_path / "my.ics"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "my-programme.ics"
    raw = saved.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == [
        "Сессия 1: воркшоп по дизайн-мышлению — командообразование, эмпатия, определение "
        "проблемы", "Сессия 4: анконференция"]
    assert events[0].decoded("DTSTART") == dt.datetime(2022, 6, 7, 4, 40, tzinfo=dt.UTC)
    assert events[1].decoded("DTEND") == dt.datetime(2022, 6, 7, 11, 30, tzinfo=dt.UTC)
    # The published calendars' UIDs: one event with a subscribed calendar's, and never the
    # same as another event's (a Cyrillic name once left only "-" of it in the UID).
    assert [str(e["UID"]) for e in events] == [
        session_uid("Официальная церемония запуска проекта «Акселератор онлайн сообществ»", sid)
        for sid in ("session-1", "session-4")]
    assert "https://us02web.zoom.us/j/00000000000" in raw.decode().replace("\r\n ", "")
    # Built in the page: nothing fetched but the page itself and the blob.
    assert all(u.startswith(("file://", "blob:")) for u in page.requests), page.requests
    # Un-starring everything leaves a hint in "my programme".
    page.click('#view [data-star="session-1"]')
    page.click('#view [data-star="session-4"]')
    expect(page.locator("#my-empty")).to_be_visible()
    assert page.errors == []


def test_time_zone_note_and_switch(tab: Any, bishkek_site: Path) -> None:
    page = tab(bishkek_site, timezone="Europe/Berlin")
    assert "Asia/Bishkek, UTC+06:00" in page.locator("#tz-note").inner_text()
    card = page.locator('#view .card[data-session="session-1"] .time')
    assert card.inner_text().startswith("10:40–12:30")
    page.select_option("#tz-switch", "local")
    assert page.locator('#view .card[data-session="session-1"] .time').inner_text() \
        .startswith("06:40–08:30")
    assert page.locator("#view .hour").first.inner_text() == "05:00"  # 09:00 in Bishkek
    page.select_option("#tz-switch", "event")
    assert page.locator('#view .card[data-session="session-1"] .time').inner_text() \
        .startswith("10:40–12:30")


def test_no_switch_when_the_browser_is_in_the_event_zone(tab: Any, bishkek_site: Path) -> None:
    page = tab(bishkek_site, timezone="Asia/Bishkek")
    assert page.locator("#tz-text").is_visible()
    assert not page.locator("#tz-switch").is_visible()


def test_now_and_next_during_the_event(tab: Any, bishkek_site: Path, big_site: Path) -> None:
    page = tab(bishkek_site, now="2022-06-07T05:00:00Z")  # 11:00 in Bishkek
    assert page.locator("#view .card.now").get_attribute("data-session") == "session-1"
    assert page.locator("#view .card.now .moment").text_content() == "Сейчас"
    assert page.locator("#view .card.next").get_attribute("data-session") == "session-2"
    assert page.locator("#view .now-line").count() == 1
    # Before the event: no "now", the first session is next, no line.
    page = tab(bishkek_site, now="2022-06-01T05:00:00Z")
    assert page.locator("#view .card.now").count() == 0
    assert page.locator("#view .card.next").get_attribute("data-session") == "registration"
    assert page.locator("#view .now-line").count() == 0
    # On the second day of a three-day event the page opens on that day.
    page = tab(big_site, now="2026-03-03T08:00:00Z")  # 11:00 in Moscow
    assert page.locator("#view").get_attribute("data-day") == "2026-03-03"
    assert page.locator("#view .card.now").count() == 12


def test_search_finds_breaks(tab: Any, bishkek_site: Path) -> None:
    page = tab(bishkek_site)
    page.fill("#search", "обед")
    breaks = page.locator("#view .brk:not([hidden])")
    assert breaks.count() == 1
    assert "Обед" in breaks.inner_text()
    assert not page.locator("#no-results").is_visible()
    page.click("#view-list")
    assert page.locator("#view li.brk").all_inner_texts() == ["12:30–13:30\nОбед"]
    page.fill("#search", "")
    assert page.locator("#view li.brk").count() == 3


def test_hybrid_badge_survives_print(tab: Any, bishkek_site: Path) -> None:
    page = tab(bishkek_site)
    page.emulate_media(media="print")
    badge = page.locator("#print-all .badge").first
    assert badge.is_visible()
    assert badge.inner_text() == "смешанный"
    style = badge.evaluate("e => { const s = getComputedStyle(e);"
                           " return [s.color, s.borderTopWidth, s.borderTopStyle]; }")
    assert style[0] == "rgb(0, 0, 0)" and style[1] != "0px" and style[2] == "solid", style
