"""``confsched import cosplib``: the core scenario keeps CoSPLib's structure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from confsched_cosplib.importer import scenario_data, slug
from confsched_cosplib.instance import Instance, load_instance, zone
from confsched_cosplib.solution import EMPTY, load_solution
from cosplibdata import DATA, instance_path, solution_path

from scheduler.cli import main
from scheduler.scenario import load_scenario

INSTANCES = sorted(path.stem for path in DATA.glob("*.xlsx"))


def offset(name: str) -> dt.timedelta | None:
    """The UTC offset of a zone (CoSPLib's GMT+2 or an IANA name) in July 2021."""
    return dt.datetime(2021, 7, 21, 12, tzinfo=zone(name)).utcoffset()


@pytest.mark.parametrize("name", INSTANCES)
def test_every_instance_imports_to_a_talks_scenario_that_loads(name: str,
                                                               tmp_path: Path) -> None:
    """Every sheet arrives: talk-slots, rooms, tracks with chairs and matrices, talks with
    slots, presenters, attendees, order, time zone and penalties, and every weight."""
    instance = load_instance(instance_path(name))
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(main, ["import", "cosplib", str(instance_path(name)),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    assert not scenario.sessions
    # A scenario trims the spaces around a name (OR60 has a track name ending in one).
    assert [room.name for room in scenario.rooms] == [r.strip() for r in instance.rooms]
    assert [track.name for track in scenario.tracks] == [t.strip() for t in instance.tracks]
    assert [slot.slots for slot in scenario.talk_slots] == [
        s.slots for s in instance.sessions]
    assert [slot.start for slot in scenario.talk_slots] == [
        s.start.hour * 60 + s.start.minute for s in instance.sessions]
    room_ids = [room.id for room in scenario.rooms]
    slot_ids = [slot.id for slot in scenario.talk_slots]
    track_ids = [track.id for track in scenario.tracks]
    name_of = {person.id: person.name for person in scenario.people}
    for k, track in enumerate(scenario.tracks):
        assert [name_of[c] for c in track.chairs] == instance.chairs[k]
        assert [track.penalties.talk_slots.get(sid, 0) for sid in slot_ids] == \
            instance.track_session[k]
        assert [track.penalties.rooms.get(rid, 0) for rid in room_ids] == instance.track_room[k]
        for j, other in enumerate(track_ids):
            pair = track.penalties.tracks.get(other, 0) + \
                scenario.tracks[j].penalties.tracks.get(track.id, 0)
            assert pair == (instance.track_track[k][j] if j != k else 0)
    for s, slot in enumerate(scenario.talk_slots):
        assert [slot.penalties.rooms.get(rid, 0) for rid in room_ids] == instance.session_room[s]
    assert [talk.title for talk in scenario.talks] == [
        sub.name.strip() for sub in instance.submissions]
    for i, (talk, sub) in enumerate(zip(scenario.talks, instance.submissions, strict=True)):
        assert talk.track == track_ids[sub.track]
        assert talk.slots == sub.slots
        assert [name_of[p] for p in talk.presenters] == sub.presenters
        assert [name_of[p] for p in talk.attendees] == sub.attendees
        assert (talk.order or 0) == sub.order
        assert talk.timezone is not None and offset(talk.timezone) == offset(sub.timezone)
        assert [talk.penalties.talk_slots.get(sid, 0) for sid in slot_ids] == \
            instance.sub_session[i]
        assert [talk.penalties.rooms.get(rid, 0) for rid in room_ids] == instance.sub_room[i]
        assert talk.pin is None
    weights = scenario.weights.talks
    assert weights.as_dict() == instance.weights
    assert weights.timezones.suitable == tuple(
        c.hour * 60 + c.minute for c in instance.suitable)
    assert weights.timezones.less_suitable == tuple(
        c.hour * 60 + c.minute for c in instance.less_suitable)
    assert (weights.timezones.small, weights.timezones.big) == (
        instance.small_tz_penalty, instance.big_tz_penalty)
    assert offset(scenario.event.timezone) == offset(instance.local_timezone)


def test_overlapping_sessions_move_to_later_days(tmp_path: Path) -> None:
    """OR60F3 gives 25 sessions the same date and hours; CoSPLib treats each as its own
    block, so the import gives each a day of its own at the same hours, and says so."""
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(main, ["import", "cosplib", str(instance_path("OR60F3")),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "24 CoSPLib session(s) overlap an earlier one" in result.output
    slots = load_scenario(out).talk_slots
    spans = [(slot.day, slot.start, slot.end) for slot in slots]
    for a, (day, start, end) in enumerate(spans):
        for other_day, other_start, other_end in spans[a + 1:]:
            assert day != other_day or end <= other_start or other_end <= start
    assert {slot.start for slot in slots[8:]} == {17 * 60}


def test_import_with_solution_pins_every_talk(n2or: Instance, tmp_path: Path) -> None:
    solution = load_solution(solution_path("N2OR"), n2or)
    out = tmp_path / "solved.yaml"
    result = CliRunner().invoke(main, [
        "import", "cosplib", str(instance_path("N2OR")), "--solution",
        str(solution_path("N2OR")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    slot_ids = [slot.id for slot in scenario.talk_slots]
    room_ids = [room.id for room in scenario.rooms]
    placed = {i: (s, r) for s, rooms in enumerate(solution.cells)
              for r, cells in enumerate(rooms) for i in cells if i != EMPTY}
    assert len(placed) == len(n2or.submissions)
    for i, talk in enumerate(scenario.talks):
        s, r = placed[i]
        assert talk.pin is not None
        assert (talk.pin.talk_slot, talk.pin.room) == (slot_ids[s], room_ids[r])


def test_cyrillic_names_survive(n2or: Instance) -> None:
    n2or_copy = load_instance(instance_path("N2OR"))
    n2or_copy.rooms[0] = "Зал «Европа»"
    n2or_copy.tracks[0] = "Образование"
    data = scenario_data(n2or_copy)
    assert data["rooms"][0]["name"] == "Зал «Европа»"
    assert data["rooms"][0]["id"] == "зал-европа"
    assert data["tracks"][0]["name"] == "Образование"
    assert slug("Образование", {"образование"}) == "образование-2"


def test_bad_workbook_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "not.xlsx"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "cosplib", str(bad), "-o",
                                       str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "not an Excel workbook" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()
    # A device or a missing path: named as such, with the file first as every error.
    for path, said in (("/dev/zero", "/dev/zero: this is not a regular file"),
                       (str(tmp_path / "нет.xlsx"), "нет.xlsx: file not found")):
        result = CliRunner().invoke(main, ["import", "cosplib", path, "-o",
                                           str(tmp_path / "x.yaml")])
        assert result.exit_code == 2 and said in result.output, result.output


def test_missing_sheet_and_bad_cell_are_named(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(instance_path("N2OR"))
    workbook["submissions"]["C2"] = "two"
    workbook.save(tmp_path / "badcell.xlsx")
    del workbook["rooms"]
    workbook.save(tmp_path / "nosheet.xlsx")
    runner = CliRunner()
    result = runner.invoke(main, ["cosplib", "score", str(tmp_path / "badcell.xlsx"),
                                  str(solution_path("N2OR"))])
    assert result.exit_code == 2
    assert "sheet 'submissions' cell C2" in result.output and "whole number" in result.output
    result = runner.invoke(main, ["cosplib", "score", str(tmp_path / "nosheet.xlsx"),
                                  str(solution_path("N2OR"))])
    assert result.exit_code == 2 and "missing sheet(s): rooms" in result.output


def test_a_track_without_submissions_is_valid(tmp_path: Path) -> None:
    """Found by life3: an empty track (none submitted yet, or all withdrawn) refused the
    whole workbook, to the importer and to the scorer alike."""
    import openpyxl

    workbook = openpyxl.load_workbook(instance_path("N2OR"))
    workbook["tracks"].append(["Пустой трек", None])
    workbook.save(tmp_path / "empty-track.xlsx")
    runner = CliRunner()
    scored = runner.invoke(main, ["cosplib", "score", str(tmp_path / "empty-track.xlsx"),
                                  str(solution_path("N2OR")), "--json"])
    assert scored.exit_code == 0 and '"objective": 2' in scored.output, scored.output
    out = tmp_path / "n2or.yaml"
    imported = runner.invoke(main, ["import", "cosplib", str(tmp_path / "empty-track.xlsx"),
                                    "--solution", str(solution_path("N2OR")), "-o", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "track(s) without submissions: Пустой трек; kept" in imported.output
    assert "Пустой трек" in {t.label for t in load_scenario(out).tracks}


@pytest.mark.parametrize("name", ["N2OR"])
def test_cli_score_prints_the_objective(name: str) -> None:
    result = CliRunner().invoke(main, ["cosplib", "score", str(instance_path(name)),
                                       str(solution_path(name)), "--json"])
    assert result.exit_code == 0, result.output
    assert '"objective": 2' in result.output


@pytest.mark.slow  # a real solve on a 5 s wall-clock limit (no --deterministic here)
def test_cli_solve_writes_a_scorable_workbook(tmp_path: Path) -> None:
    out = tmp_path / "sol.xlsx"
    result = CliRunner().invoke(main, ["cosplib", "solve", str(instance_path("N2OR")), "-o",
                                       str(out), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(main, ["cosplib", "score", str(instance_path("N2OR")), str(out)])
    assert again.exit_code == 0
    last = [line for line in result.output.splitlines() if line.startswith("objective")]
    assert last and last[0] in again.output
