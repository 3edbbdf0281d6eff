"""The state file's text is json.dumps of its data, byte for byte, though each meeting's
part is kept while its record is unchanged (a sync saves after every call)."""

from __future__ import annotations

import json
from pathlib import Path

from confsched_zoom.state import MeetingRecord, ZoomState


def _record(i: int, topic: str) -> MeetingRecord:
    return MeetingRecord(meeting_id=str(9000 + i), join_url=f"https://zoom.us/j/{9000 + i}",
                         passcode=None if i % 2 else "Zx9", host="me", start="2022-06-07T10:00",
                         duration=30 + i, timezone="Asia/Bishkek", topic=topic,
                         sessions=[f"s{i}", "Сессия \"1\""] if i else [], fingerprint=f"f{i}")


def _expected(state: ZoomState) -> str:
    return json.dumps(state.to_data(), ensure_ascii=False, indent=2) + "\n"


def test_the_text_is_json_dumps_of_the_data_as_records_change(tmp_path: Path) -> None:
    state = ZoomState(path=tmp_path / "s.json", event="\0meetings\0", ref="abc")
    assert state.dumps() == _expected(state)
    for i, topic in enumerate(["Открытие", "Panel: «AI»", "tab\there"]):
        state.meetings[f"key-{i}"] = _record(i, topic)
        state.pending[f"p-{i}"] = {"host": "me", "topic": topic, "start": None}
        assert state.dumps() == _expected(state)
    state.meetings["key-1"].start = "2022-06-07T11:00"  # moved in place, as _update does
    state.meetings["key-2"].sessions.append("s-extra")
    state.handed_on = "later.zoom.json"
    state.pending.clear()
    assert state.dumps() == _expected(state)
    assert '"start": "2022-06-07T11:00"' in state.dumps() and "s-extra" in state.dumps()
    del state.meetings["key-0"]
    state.save()
    assert state.path.read_text("utf-8") == _expected(state)
    assert ZoomState.load(state.path).meetings == state.meetings
