"""Fixtures for the web page tests: sites built from the Bishkek scenario, the generated
12-room event and a scenario full of hostile text; a headless Chromium when available."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "programme"))

from confsched_web.site import write_site  # noqa: E402
from programme_helpers import (  # noqa: E402
    ARTIFACTS,
    BISHKEK,
    BISHKEK_BREAKS,
    BISHKEK_DAY,
    BISHKEK_TIMES,
    big_scenario_text,
    big_schedule,
    hand_schedule,
)

from scheduler.exporting import ExportContext  # noqa: E402
from scheduler.scenario import load_scenario, parse_scenario  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

XSS_TITLE = "<script>alert(1)</script>"
XSS_SCENARIO = """\
event:
  name: "Evil </script><script>alert('event')</script> & Co"
  timezone: Asia/Bishkek
  first-day: 2022-06-07
  language: en
  venue: "<img src=x onerror=alert('venue')>"
rooms:
  - {id: hall, name: "<img src=x onerror=alert('room')>", capacity: 50, tags: [hybrid]}
tracks:
  - {id: main, name: "<b>bold</b>", color: "red; background: url(javascript:alert(1))"}
people:
  - {id: f, name: "<svg onload=alert('person')>"}
sessions:
  - id: evil
    title: "<script>alert(1)</script>"
    instrument: workshop
    format: hybrid
    track: main
    participants: 10
    people: {facilitator: [f]}
    description: "</script><img src=x onerror=alert('description')> {{DATA}}"
    meeting: {url: "javascript:alert('link')", id: "<i>id</i>", passcode: "p&q"}
  - id: fine
    title: Обычная сессия
    instrument: talk
    format: online
    meeting: {url: "https://example.org/meet", passcode: "123"}
"""
XSS_TIMES: dict[str, tuple[str, str, str | None]] = {
    "evil": ("10:00", "11:30", "hall"),
    "fine": ("12:00", "12:30", None),
}


@pytest.fixture(scope="session")
def bishkek_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = load_scenario(BISHKEK)
    schedule = hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)
    site = tmp_path_factory.mktemp("bishkek-site")
    write_site(ExportContext(scenario=scenario, schedule=schedule), site)
    return site


@pytest.fixture(scope="session")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = parse_scenario(big_scenario_text(), "big.yaml")
    site = tmp_path_factory.mktemp("big-site")
    write_site(ExportContext(scenario=scenario, schedule=big_schedule(scenario)), site,
               ical=False)
    return site


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = parse_scenario(XSS_SCENARIO, "xss.yaml")
    schedule = hand_schedule(scenario, XSS_TIMES, BISHKEK_DAY, {})
    site = tmp_path_factory.mktemp("xss-site")
    write_site(ExportContext(scenario=scenario, schedule=schedule), site, ical=False)
    return site


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium "
                    "(apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Page:
    """A page of the site with everything the page reported: console, errors, dialogs."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

    def open(self, site: Path) -> Any:
        self.page.goto((site / "index.html").as_uri())
        self.page.wait_for_selector("html[data-ready=yes]", timeout=10_000)
        return self.page


@pytest.fixture()
def open_page(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(site: Path, width: int = 1280, height: int = 900) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        wrapped = Page(context.new_page())
        wrapped.open(site)
        return wrapped

    yield make
    for context in contexts:
        context.close()
