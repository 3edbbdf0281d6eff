"""``confsched zoom sync|status``: create and keep Zoom meetings in step with a schedule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from confsched_zoom.client import ZoomClient
from confsched_zoom.meetings import Needs, needed_meetings
from confsched_zoom.plan import Action, describe, label_of_key, plan
from confsched_zoom.settings import ZoomSettings
from confsched_zoom.state import ZoomState, default_state_path, find_inherited, marker
from confsched_zoom.sync import Syncer, remote_differences
from scheduler.errors import InputError, UsageError
from scheduler.pairing import ensure_pair
from scheduler.publishable import ensure_publishable
from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import Schedule, load_schedule
from scheduler.texts import with_scenario_texts


def _open_state(schedule: str, state: str | None, loaded: Schedule | None = None
                ) -> tuple[ZoomState, Path | None]:
    """The state of ``schedule``, and the earlier state file it takes over (if any).

    Without ``--state``: ``<schedule>.zoom.json``; when that does not exist and the schedule
    was re-solved from an earlier one, the earlier schedule's state (its lineage), read
    here and handed on by :func:`_hand_on` when a sync runs. A state that was handed on
    is refused, naming the state that holds its meetings now.
    """
    own = Path(state) if state else default_state_path(schedule)
    inherited = (find_inherited(schedule, loaded) if state is None and not own.exists()
                 else None)
    zoom_state = ZoomState.load(inherited or own)
    if zoom_state.handed_on and Path(zoom_state.handed_on).resolve() != own.resolve():
        holder = current_holder(zoom_state)
        raise UsageError(
            f"{zoom_state.path}: these Zoom meetings were taken over by {zoom_state.handed_on} "
            "when a schedule re-solved from this one was synced; syncing here too would make "
            "two state files claim the same meetings\n    fix: sync the newer schedule, or "
            f"pass --state {holder} to move the meetings to {schedule}"
        )
    zoom_state.path = own
    return zoom_state, inherited


def current_holder(zoom_state: ZoomState) -> str:
    """The state file that holds the meetings now: the end of the chain of hand-ons (a
    state handed on to one that was handed on again names the first only)."""
    holder, seen = str(zoom_state.handed_on), {str(zoom_state.path.resolve())}
    while holder not in seen and len(seen) < 100:
        seen.add(holder)
        try:
            later = ZoomState.load(holder)
        except InputError:
            break
        if not later.handed_on:
            break
        holder = later.handed_on
    return holder


def _hand_on(zoom_state: ZoomState, inherited: Path | None) -> None:
    """Mark the earlier state as handed on to ``zoom_state.path``, then write the new one.

    In this order, so that a crash in between leaves the earlier file pointing here (a
    re-run takes it over again) and never two files that both act on the meetings.
    """
    if inherited is None:
        return
    earlier = ZoomState.load(inherited)
    earlier.handed_on = str(zoom_state.path.resolve())
    earlier.save()
    zoom_state.handed_on = None
    zoom_state.save()


def _load(scenario: str, schedule: str, state: str | None
          ) -> tuple[Scenario, Schedule, ZoomState, Needs, list[Action], Path | None]:
    loaded_scenario = load_scenario(scenario)
    loaded_schedule = load_schedule(schedule)
    if not loaded_schedule.status.has_schedule:
        raise UsageError(
            f"{schedule}: the schedule's status is {loaded_schedule.status.value}, so it holds "
            "no timetable; no Zoom meeting was touched\n    fix: solve again and sync the "
            "schedule that `confsched solve` reports as optimal or feasible"
        )
    for warning in ensure_pair(loaded_scenario, loaded_schedule, scenario, schedule):
        click.echo(warning, err=True)
    ensure_publishable(loaded_scenario, loaded_schedule, schedule)
    loaded_schedule = with_scenario_texts(loaded_scenario, loaded_schedule)
    zoom_state, inherited = _open_state(schedule, state, loaded_schedule)
    if zoom_state.event is not None and zoom_state.event != loaded_schedule.identity:
        raise UsageError(
            f"{inherited or zoom_state.path}: this Zoom state belongs to the event "
            f"{zoom_state.event!r}, not to {loaded_schedule.identity!r}; syncing would delete "
            "that event's meetings"
            "\n    fix: pass --state with this event's state file (or a new file name); if "
            f"the event was renamed, add id: {zoom_state.event!r} under event: in the "
            "scenario and solve --from the published schedule (docs/zoom.md)"
        )
    needs = needed_meetings(loaded_scenario, loaded_schedule, schedule_file=schedule,
                            ref=zoom_state.ref)
    return (loaded_scenario, loaded_schedule, zoom_state, needs,
            plan(needs.meetings, zoom_state), inherited)


def _forget(zoom_state: ZoomState, sessions: tuple[str, ...]) -> list[str]:
    """Drop the pending marks and records of ``sessions`` (ids or state keys); say what.

    A session id names ``session:<id>`` and any room-day meeting that serves it.
    """
    lines: list[str] = []
    for wanted in sessions:
        keys = {k for k in [*zoom_state.pending, *zoom_state.meetings]
                if k in (wanted, f"session:{wanted}")
                or (k in zoom_state.meetings and wanted in zoom_state.meetings[k].sessions)}
        if not keys:
            raise UsageError(
                f"--forget {wanted}: the Zoom state {zoom_state.path} has no meeting or "
                "pending creation of that session\n    fix: give a session id (or a key "
                "that `confsched zoom status` lists)"
            )
        for key in sorted(keys):
            if zoom_state.pending.pop(key, None) is not None:
                lines.append(f"forgot    {label_of_key(key)}: the interrupted creation; if "
                             "Zoom has such a meeting, delete it there (its agenda ends with "
                             f"'{marker(zoom_state.ref, key)}')")
            record = zoom_state.meetings.pop(key, None)
            if record is not None:
                lines.append(f"forgot    {label_of_key(key)}: meeting {record.meeting_id} "
                             "stays on Zoom; delete it there if nobody needs it")
    return lines


_url_options = [
    click.option("--api-url", metavar="URL",
                 help="Zoom API base URL (default: $ZOOM_API_URL or https://api.zoom.us/v2)."),
    click.option("--oauth-url", metavar="URL",
                 help="Zoom OAuth token URL (default: $ZOOM_OAUTH_URL or "
                      "https://zoom.us/oauth/token)."),
    click.option("--state", metavar="FILE",
                 help="State file (default: <schedule>.zoom.json beside the schedule)."),
]


def _with_url_options(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_url_options):
        func = option(func)
    return func


@click.group(name="zoom")
def zoom_group() -> None:
    """Zoom meetings for online and hybrid sessions (credentials from ZOOM_* variables)."""


@zoom_group.command(name="sync")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("schedule", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True,
              help="Print what would be created, updated and deleted; call nobody.")
@click.option("--forget", "forget", multiple=True, metavar="SESSION",
              help="Drop what the state records for SESSION (an interrupted creation, or "
                   "its meeting, which stays on Zoom) before syncing; repeatable.")
@_with_url_options
def sync_command(scenario: str, schedule: str, dry_run: bool, forget: tuple[str, ...],
                 api_url: str | None, oauth_url: str | None, state: str | None) -> None:
    """Create, move and delete Zoom meetings so they match SCHEDULE.

    Safe to run again at any time: unchanged meetings cause no call, and a run that was
    interrupted continues where it stopped. A schedule re-solved with `solve --from`
    takes over the meetings of the schedule it was solved from.
    """
    _, loaded_schedule, zoom_state, needs, actions, inherited = _load(scenario, schedule, state)
    if inherited is not None:
        click.echo(f"{'would take' if dry_run else 'takes'} over the Zoom meetings of "
                   f"{inherited} ({schedule} was re-solved from its schedule)")
    if forget:
        for line in _forget(zoom_state, forget):
            click.echo(line)
        actions = plan(needs.meetings, zoom_state)
    work = [a for a in actions if a.kind != "keep"]
    kept = len(actions) - len(work)
    if dry_run:
        for action in work:
            click.echo(describe(action))
        for key in zoom_state.pending:
            click.echo(f"look up   {label_of_key(key)}: a creation was interrupted; adopt the "
                       "meeting if Zoom has it (delete it if no longer needed)")
        click.echo(f"dry run: {_count(work, 'create')} to create, {_count(work, 'update')} "
                   f"to update, {_count(work, 'recreate')} to recreate, "
                   f"{_count(work, 'delete')} to delete, {kept} in step; nothing was sent")
        return
    zoom_state.event = loaded_schedule.identity
    _hand_on(zoom_state, inherited)
    if forget:
        zoom_state.save()
    if not work and not zoom_state.pending:
        click.echo(f"all {kept} Zoom meetings are in step; nothing to do ({zoom_state.path})")
        return
    settings = ZoomSettings.from_env(api_url=api_url, oauth_url=oauth_url)
    state_option = f" --state {state}" if state else ""

    def forget_hint(key: str) -> str:
        kind, _, rest = key.partition(":")
        return (f"confsched zoom sync {scenario} {schedule}{state_option} "
                f"--forget {rest if kind == 'session' else key}")

    with ZoomClient(settings) as client:
        syncer = Syncer(client, zoom_state, click.echo, forget_hint)
        try:
            done = syncer.run(actions)
        except BaseException:  # a Zoom error, or Ctrl-C
            finished = sum(v for k, v in syncer.done.items() if k != "kept")
            click.echo(f"stopped after {finished} of {len(work)} changes; the state is kept in "
                       f"{zoom_state.path}: run the same command again to continue", err=True)
            raise
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(done.items()) if n)
    click.echo(f"done: {summary or 'nothing'} ({zoom_state.path})")
    if needs.fixed:
        click.echo(f"kept their fixed links from the scenario: {', '.join(needs.fixed)}")


@zoom_group.command(name="status")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("schedule", type=click.Path(dir_okay=False))
@click.option("--remote", is_flag=True,
              help="Also ask Zoom whether each recorded meeting still exists unchanged.")
@click.option("--check", is_flag=True, help="Exit with 1 when anything is out of step.")
@_with_url_options
def status_command(scenario: str, schedule: str, remote: bool, check: bool,
                   api_url: str | None, oauth_url: str | None, state: str | None) -> None:
    """Show which meetings exist and which are out of step with SCHEDULE."""
    _, _, zoom_state, needs, actions, inherited = _load(scenario, schedule, state)
    out_of_step = 0
    click.echo(f"state: {zoom_state.path}"
               f"{'' if zoom_state.path.exists() else ' (not written yet)'}")
    if inherited is not None:
        click.echo(f"lineage: the next sync takes over the meetings of {inherited}")
    for action in actions:
        click.echo(describe(action))
        if action.kind != "keep":
            out_of_step += 1
    for key in zoom_state.pending:
        click.echo(f"pending   {label_of_key(key)}: a creation was interrupted; "
                   "the next sync looks for the meeting before creating it (or drop the "
                   "mark with `zoom sync --forget`)")
        out_of_step += 1
    for session_id in needs.fixed:
        click.echo(f"fixed     session {session_id!r}: uses the link given in the scenario")
    if remote:
        settings = ZoomSettings.from_env(api_url=api_url, oauth_url=oauth_url)
        with ZoomClient(settings) as client:
            for action in actions:
                if action.record is None:
                    continue
                for line in remote_differences(client, action.record, action.label):
                    click.echo(f"on Zoom   {action.label}: {line}")
                    out_of_step += 1
    click.echo(f"{len(needs.meetings)} meetings needed, {_count(actions, 'keep')} in step, "
               f"{out_of_step} out of step")
    if check and out_of_step:
        raise click.exceptions.Exit(1)


def _count(actions: list[Action], kind: str) -> int:
    return sum(1 for a in actions if a.kind == kind)
