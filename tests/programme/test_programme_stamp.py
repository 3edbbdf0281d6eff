"""Version stamp, time zone and dropped sessions (issue 14): every page says which version
it is ("версия: 03.06.2022", as in seed 001) and in which time zone its times are; the
sessions that could not be scheduled are on the cover only when asked (--show-dropped)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from confsched_programme.render import render_pdf
from programme_helpers import BISHKEK
from pypdf import PdfReader

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme, timezone_label
from scheduler.schedule import Schedule, save_schedule


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_time_zone_label_with_offsets() -> None:
    assert timezone_label("Asia/Bishkek", dt.date(2022, 6, 7), dt.date(2022, 6, 7)) == \
        "Asia/Bishkek, UTC+06:00"
    assert timezone_label("Europe/Berlin", dt.date(2025, 3, 28), dt.date(2025, 3, 31)) == \
        "Europe/Berlin, UTC+01:00 / UTC+02:00"
    assert timezone_label("America/St_Johns", dt.date(2025, 1, 8), dt.date(2025, 1, 8)) == \
        "America/St_Johns, UTC−03:30"


@pytest.mark.parametrize("layout", ["grid", "list"])
def test_every_page_has_the_version_and_time_zone(bishkek_context: ExportContext,
                                                  layout: str) -> None:
    data = build_programme(bishkek_context, as_of=dt.date(2022, 6, 3))
    pages = _pages(render_pdf(data, "a4", layout))
    assert "версия: 03.06.2022" in pages[0]
    assert "Часовой пояс: Asia/Bishkek, UTC+06:00" in pages[0]
    for text in pages:
        assert "версия: 03.06.2022 · время: Asia/Bishkek, UTC+06:00" in text, text[-200:]


def test_english_stamp(bishkek_context: ExportContext) -> None:
    context = ExportContext(scenario=bishkek_context.scenario,
                            schedule=bishkek_context.schedule, lang="en")
    pages = _pages(render_pdf(build_programme(context, as_of=dt.date(2022, 6, 3)), "a5", "list"))
    assert "version: 3 June 2022" in pages[0]
    assert "Time zone: Asia/Bishkek, UTC+06:00" in pages[0]


def test_source_date_epoch_makes_the_pdf_reproducible(
        bishkek_context: ExportContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """With SOURCE_DATE_EPOCH the PDF's dates (Info and XMP) are that moment, so two
    renderings are the same bytes (typst took the clock: every PDF differed)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = build_programme(bishkek_context, as_of=dt.date(2022, 6, 3))
    first = render_pdf(data, "a5", "list")
    assert b"D:20231114221320" in first
    assert render_pdf(data, "a5", "list") == first


def _with_dropped(schedule: Schedule) -> Schedule:
    kept = [s for s in schedule.sessions if s.id != "session-4"]
    return schedule.model_copy(update={"sessions": kept, "dropped": ["session-4"]})


def test_dropped_sessions_are_on_the_cover_only_when_asked(
    bishkek_context: ExportContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(_with_dropped(bishkek_context.schedule), schedule_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2022, 6, 3, 12,
                                                                tzinfo=dt.UTC).timestamp())))
    out = tmp_path / "participants.pdf"
    result = CliRunner().invoke(main, ["export", "programme", str(BISHKEK), str(schedule_path),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    cover = _pages(out.read_bytes())[0]
    assert "анконференция" not in cover and "Не вошло в расписание" not in cover
    assert "версия: 03.06.2022" in cover  # SOURCE_DATE_EPOCH, read in the event's zone

    out = tmp_path / "organisers.pdf"
    result = CliRunner().invoke(main, ["export", "programme", str(BISHKEK), str(schedule_path),
                                       "-o", str(out), "--show-dropped", "--as-of", "2022-06-05"])
    assert result.exit_code == 0, result.output
    cover = _pages(out.read_bytes())[0]
    assert re.search(r"Не вошло в расписание: Сессия 4: анконференция", cover)
    assert "версия: 05.06.2022" in cover


def test_a_bad_as_of_date_is_a_clear_error(bishkek_context: ExportContext,
                                           tmp_path: Path) -> None:
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(bishkek_context.schedule, schedule_path)
    result = CliRunner().invoke(main, ["export", "programme", str(BISHKEK), str(schedule_path),
                                       "-o", str(tmp_path / "p.pdf"), "--as-of", "03.06.2022"])
    assert result.exit_code == 2
    assert "--as-of" in result.output and "Traceback" not in result.output
