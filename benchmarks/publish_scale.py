"""``python -m benchmarks.publish_scale``: everything after the solve, at growing sizes,
two source trees in the same run (old against new), with the bytes they write compared.

    python -m benchmarks.publish_scale -o /tmp/pub \\
        --event 1k=e1k.yaml:s1k.yaml --event 10k=e10k.yaml:s10k.yaml \\
        --tree old=/tmp/base --tree new=. [--command ical --command web-private ...]

Each ``--event NAME=SCENARIO:SCHEDULE`` is a scenario and a schedule solved from it (e.g.
``confsched generate --shape large --sessions 10000 --rooms 300 --days 5 --registrations
15000 --seed 1`` and ``confsched solve ... --time-limit 120 -o``). Each ``--tree
NAME=PATH`` is a confsched source tree (``git archive main | tar -x -C /tmp/base``): every
command runs as ``python -m scheduler.cli ...`` in a fresh process with ``PYTHONPATH`` set
to that tree and its ``plugins/``, one process at a time, the trees alternating (the first
tree first on odd repeats, the last first on even ones), with ``SOURCE_DATE_EPOCH`` fixed
so that runs are reproducible.

Per run it records the wall seconds, the CPU seconds (user + system, from ``wait4``), the
peak resident memory (``ru_maxrss``), the load average before and after, and the sha256 of
stdout and of every file the command wrote (paths relative to its own folder, so both trees
name them alike). ``web-private`` starts from the same ``LINKS.csv`` in every run (tokens
derived from the registration ids), so its random tokens do not differ; ``zoom-sync`` talks
to a fresh loopback Zoom (the tests' ``tests/zoom/fakezoom.py``) per run, so meeting ids
are the same. Writes ``publish.json`` (every run) and ``publish.md`` (the curve: per size
and command, each tree's CPU seconds and peak MiB, the ratios first tree / each other
tree, and whether the bytes were the same) into the output folder.

Not a test and not in CI: a timer. ``tests/benchmarks/test_publish_scale.py`` only checks
that it runs on a tiny event.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from benchmarks.machine import machine
from scheduler.atomic import atomic_write_text
from scheduler.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]

EPOCH = "1700000000"
"""``SOURCE_DATE_EPOCH`` of every run: DTSTAMPs, the programme's "as of" date."""

ROUNDTRIP = ("import sys; from scheduler.schedule import load_schedule, save_schedule; "
             "save_schedule(load_schedule(sys.argv[1]), sys.argv[2])")
"""``schedule-io``: read the schedule file and write it again (what every command reads and
``solve -o`` writes)."""

COMMANDS: dict[str, list[str]] = {
    "schedule-io": ["-c", ROUNDTRIP, "{schedule}", "out/schedule.yaml"],
    "check": ["-m", "scheduler.cli", "check", "{scenario}", "{schedule}"],
    "check-json": ["-m", "scheduler.cli", "check", "{scenario}", "{schedule}", "--json"],
    "bound": ["-m", "scheduler.cli", "bound", "{scenario}", "{schedule}", "--json",
              "--time-limit", "{bound_limit}"],
    "diff": ["-m", "scheduler.cli", "diff", "{schedule}", "{moved}", "--scenario",
             "{scenario}"],
    "ical": ["-m", "scheduler.cli", "export", "ical", "{scenario}", "{schedule}",
             "-o", "out/ical"],
    "web": ["-m", "scheduler.cli", "export", "web", "{scenario}", "{schedule}",
            "-o", "out/site"],
    "web-private": ["-m", "scheduler.cli", "export", "web", "{scenario}", "{schedule}",
                    "-o", "out/site", "--participant-calendars", "out/LINKS.csv"],
    "programme": ["-m", "scheduler.cli", "export", "programme", "{scenario}", "{schedule}",
                  "-o", "out/programme.pdf"],
    "programme-list": ["-m", "scheduler.cli", "export", "programme", "{scenario}",
                       "{schedule}", "--layout", "list", "-o", "out/programme.pdf"],
    "frab": ["-m", "scheduler.cli", "export", "frab", "{scenario}", "{schedule}",
             "-o", "out/frab"],
    "schedule-json": ["-m", "scheduler.cli", "export", "schedule-json", "{scenario}",
                      "{schedule}", "-o", "out/json"],
    "xlsx": ["-m", "scheduler.cli", "export", "xlsx", "{scenario}", "{schedule}",
             "-o", "out/event.xlsx"],
    "zoom-sync": ["-m", "scheduler.cli", "zoom", "sync", "{scenario}", "{schedule}",
                  "--state", "out/zoom.json"],
}
"""Each command's arguments after ``python``; outputs go under ``out/`` of its own folder."""

VOLATILE_STDOUT = {"bound", "zoom-sync"}
"""Commands whose stdout carries seconds: only their files are compared."""

TIMESTAMPS = re.compile(rb"D:\d{14}Z|ID>[^<]*<|/ID ?\[[^\]]*\]"
                        rb"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
"""What holds the wall-clock time: the PDF's dates, XMP InstanceID and trailer ID (before
the programme passed ``SOURCE_DATE_EPOCH`` to typst), the workbook's created/modified
(masked before hashing, so an old tree compares)."""

ZOOM_REF = "b0b0b0b0b0b0b0b0"
"""The ``ref`` of the Zoom state every ``zoom-sync`` run starts from (else random)."""


@dataclass
class Run:
    """One command of one tree on one event."""

    event: str
    command: str
    tree: str
    repeat: int
    wall: float
    cpu: float
    peak_mib: float
    load_before: float
    load_after: float
    exit_code: int
    stdout_sha: str
    files: dict[str, str]

    def digest(self) -> dict[str, str]:
        """What must be the same between trees: every file written, and stdout."""
        out = dict(self.files)
        if self.command not in VOLATILE_STDOUT:
            out["<stdout>"] = self.stdout_sha
        return out


def sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def masked_sha(path: Path) -> str:
    """sha256 of a PDF or workbook with its timestamps masked (a workbook member by member)."""
    if path.suffix == ".xlsx":
        digest = hashlib.sha256()
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                digest.update(name.encode() + b"\0" + TIMESTAMPS.sub(b"T", archive.read(name)))
        return "masked " + digest.hexdigest()
    return "masked " + hashlib.sha256(TIMESTAMPS.sub(b"T", path.read_bytes())).hexdigest()


def hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder/out`` (relative paths, sorted; PDFs and
    workbooks with their timestamps masked)."""
    out: dict[str, str] = {}
    base = folder / "out"
    if not base.exists():
        return out
    for path in sorted(base.rglob("*")):
        if path.is_file():
            rel = path.relative_to(folder).as_posix()
            out[rel] = masked_sha(path) if path.suffix in (".pdf", ".xlsx") else sha(path)
    return out


def seeded_links(scenario: Path, target: Path) -> None:
    """A ``LINKS.csv`` as ``export web --participant-calendars`` writes it, with tokens
    derived from the registration ids (the same in every run)."""
    from scheduler.scenario import load_scenario

    rows = ["id,name,email,calendar"]
    for registration in load_scenario(scenario).participants.registrations:
        token = base64.urlsafe_b64encode(
            hashlib.sha256(registration.id.encode()).digest()[:18]).decode()
        rows.append(f"{registration.id},,,ical/private/{token}.ics")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\ufeff" + "\n".join(rows) + "\n", encoding="utf-8")


def moved_schedule(schedule: Path, target: Path) -> None:
    """The schedule with every seventh session on the next day and every eleventh in the
    next session's room: the second schedule ``diff`` compares."""
    from scheduler.schedule import load_schedule, save_schedule

    loaded = load_schedule(schedule)
    days = sorted({s.day for s in loaded.sessions})
    sessions = list(loaded.sessions)
    for i, placed in enumerate(sessions):
        update: dict[str, Any] = {}
        if i % 7 == 0 and len(days) > 1:
            update["day"] = days[(days.index(placed.day) + 1) % len(days)]
        if i % 11 == 0 and placed.room and i + 1 < len(sessions):
            update["room"] = sessions[i + 1].room or placed.room
        if update:
            sessions[i] = placed.model_copy(update=update)
    save_schedule(loaded.model_copy(update={"sessions": sessions}), target)


@contextmanager
def fake_zoom() -> Iterator[dict[str, str]]:
    """A fresh loopback Zoom (the tests' fake) and the environment that points at it."""
    sys.path.insert(0, str(ROOT / "tests" / "zoom"))
    try:
        from fakezoom import FakeZoom, start  # type: ignore[import-not-found, unused-ignore]
    finally:
        sys.path.pop(0)
    fake = FakeZoom("acct-bench", "cid-bench", "secret-bench")
    server, thread = start(fake)
    try:
        yield {"ZOOM_ACCOUNT_ID": "acct-bench", "ZOOM_CLIENT_ID": "cid-bench",
               "ZOOM_CLIENT_SECRET": "secret-bench", "ZOOM_API_URL": fake.base_url + "/v2",
               "ZOOM_OAUTH_URL": fake.base_url + "/oauth/token"}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run_one(tree: Path, command: str, values: dict[str, str], folder: Path,
            timeout: float) -> tuple[float, float, float, int, str]:
    """Run ``command`` of ``tree`` in ``folder``: wall s, CPU s, peak MiB, exit code,
    stdout's sha256."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "out").mkdir(parents=True)
    if command == "web-private":
        shutil.copy(values["links"], folder / "out" / "LINKS.csv")
    if command == "zoom-sync":
        (folder / "out" / "zoom.json").write_text(json.dumps(
            {"format": "confsched-zoom-state", "version": 1, "ref": ZOOM_REF}), "utf-8")
    argv = [sys.executable, *(a.format(**values) for a in COMMANDS[command])]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join([str(tree), str(tree / "plugins")]))
    with (fake_zoom() if command == "zoom-sync" else _nothing()) as extra:
        env.update(extra)
        stdout_path = folder / "stdout.txt"
        with stdout_path.open("wb") as stdout, (folder / "stderr.txt").open("wb") as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(argv, cwd=folder, env=env, stdout=stdout, stderr=stderr)
            timer = threading.Timer(timeout, process.kill)
            timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            process.returncode, sha(stdout_path))


@contextmanager
def _nothing() -> Iterator[dict[str, str]]:
    yield {}


def measure(events: dict[str, tuple[Path, Path]], trees: dict[str, Path], commands: list[str],
            out: Path, repeats: int = 1, bound_limit: float = 60.0, timeout: float = 3600.0,
            keep: bool = False, echo: Any = print) -> list[Run]:
    """Every command of every tree on every event; ``out/runs/`` is each run's folder
    (removed after hashing unless ``keep``)."""
    runs: list[Run] = []
    inputs = out / "inputs"
    for event, (scenario, schedule) in events.items():
        values = {"scenario": str(scenario.resolve()), "schedule": str(schedule.resolve()),
                  "bound_limit": str(bound_limit),
                  "moved": str((inputs / f"{event}.moved.yaml").resolve()),
                  "links": str((inputs / f"{event}.LINKS.csv").resolve())}
        if "diff" in commands:
            inputs.mkdir(parents=True, exist_ok=True)
            moved_schedule(schedule, Path(values["moved"]))
        if "web-private" in commands:
            seeded_links(scenario, Path(values["links"]))
        for command in commands:
            for repeat in range(1, repeats + 1):
                order = list(trees.items())
                if repeat % 2 == 0:
                    order.reverse()
                for tree_name, tree in order:
                    folder = out / "runs" / event / command / tree_name
                    load_before = os.getloadavg()[0]
                    wall, cpu, peak, code, stdout_sha = run_one(tree, command, values, folder,
                                                                timeout)
                    run = Run(event, command, tree_name, repeat, round(wall, 2), round(cpu, 2),
                              round(peak, 1), round(load_before, 2),
                              round(os.getloadavg()[0], 2), code, stdout_sha,
                              hashes(folder))
                    if not keep:
                        shutil.rmtree(folder)
                    runs.append(run)
                    echo(f"{event} {command} {tree_name}: cpu {run.cpu} s, wall {run.wall} s, "
                         f"peak {run.peak_mib} MiB, exit {code}, {len(run.files)} files, "
                         f"load {run.load_before}-{run.load_after}")
    if not keep:
        shutil.rmtree(out / "runs", ignore_errors=True)
    return runs


def same_bytes(runs: list[Run]) -> bool:
    """Whether every tree wrote the same files with the same bytes (and stdout)."""
    first = runs[0].digest()
    return all(r.digest() == first and r.exit_code == runs[0].exit_code for r in runs)


def table(runs: list[Run], trees: list[str]) -> str:
    """The curve as Markdown: per event and command, each tree's best CPU s and peak MiB,
    the ratios of the first tree to each other, whether the bytes were the same."""
    first, others = trees[0], trees[1:]
    head = ["size", "command"]
    for name in trees:
        head += [f"{name} CPU s", f"{name} peak MiB"]
    for name in others:
        head += [f"CPU {first}/{name}", f"peak {first}/{name}"]
    head += ["same bytes", "files", "exit", "load"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    keys = list(dict.fromkeys((r.event, r.command) for r in runs))
    for event, command in keys:
        group = [r for r in runs if (r.event, r.command) == (event, command)]
        best = {name: min((r for r in group if r.tree == name), key=lambda r: r.cpu)
                for name in trees}
        row = [event, command]
        for name in trees:
            row += [f"{best[name].cpu:.2f}", f"{best[name].peak_mib:.0f}"]
        for name in others:
            row += [_ratio(best[first].cpu, best[name].cpu),
                    _ratio(best[first].peak_mib, best[name].peak_mib)]
        loads = [r.load_before for r in group] + [r.load_after for r in group]
        row += ["yes" if same_bytes(group) else "**no**", str(len(best[first].files)),
                "/".join(sorted({str(r.exit_code) for r in group})),
                f"{min(loads):.1f}-{max(loads):.1f}"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "-"


def _pair(text: str, what: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise UsageError(f"--{what} {text!r}: write it as NAME=VALUE")
    return name, value


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--event", "events", multiple=True, required=True,
              help="NAME=SCENARIO:SCHEDULE (repeatable; one size each).")
@click.option("--tree", "trees", multiple=True, required=True,
              help="NAME=PATH of a confsched source tree (repeatable; the first is the "
                   "baseline of the ratios).")
@click.option("--command", "commands", multiple=True, type=click.Choice(list(COMMANDS)),
              help="Commands to measure (default: all).")
@click.option("--repeats", default=1, show_default=True, help="Runs of each command per tree.")
@click.option("--bound-limit", default=60.0, show_default=True,
              help="--time-limit of `confsched bound` (CPU s).")
@click.option("--timeout", default=3600.0, show_default=True,
              help="Wall seconds after which a run is killed.")
@click.option("--keep", is_flag=True, help="Keep each run's output folder.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Folder for publish.json, publish.md and the runs.")
def main(events: tuple[str, ...], trees: tuple[str, ...], commands: tuple[str, ...],
         repeats: int, bound_limit: float, timeout: float, keep: bool, output: Path) -> None:
    """Measure the commands after the solve on each event with each tree."""
    parsed_events: dict[str, tuple[Path, Path]] = {}
    for text in events:
        name, value = _pair(text, "event")
        scenario, sep, schedule = value.rpartition(":")
        if not sep:
            raise UsageError(f"--event {text!r}: write it as NAME=SCENARIO:SCHEDULE")
        parsed_events[name] = (Path(scenario), Path(schedule))
    parsed_trees = {name: Path(path).resolve() for name, path in map(
        lambda t: _pair(t, "tree"), trees)}
    chosen = list(commands) or list(COMMANDS)
    output.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    runs = measure(parsed_events, parsed_trees, chosen, output, repeats, bound_limit, timeout,
                   keep, echo=lambda line: print(line, flush=True))
    record = {"command": " ".join(sys.argv), "started": started,
              "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
              "machine": machine(), "trees": {k: str(v) for k, v in parsed_trees.items()},
              "events": {k: [str(p) for p in v] for k, v in parsed_events.items()},
              "runs": [vars(r) for r in runs]}
    atomic_write_text(output / "publish.json", json.dumps(record, indent=1) + "\n")
    atomic_write_text(output / "publish.md", table(runs, list(parsed_trees)))
    print(table(runs, list(parsed_trees)), end="")


if __name__ == "__main__":
    main()
