"""``export(name, scenario, schedule, out, **options)``: what ``confsched export`` does.

The rule: before an exporter writes anything, the same guards apply whether the export
runs from the command line or from Python:

1. the format is installed (else a UsageError naming the installed ones), and the options
   are the format's own (unknown, missing required or invalid values are refused; the
   others get the defaults the command line shows);
2. the schedule is a timetable of this scenario (:func:`scheduler.pairing.ensure_pair`;
   a scenario edited after solving only warns);
3. a solved schedule has no entry an exporter cannot publish
   (:func:`scheduler.publishable.ensure_publishable`);
4. the output rules: ``out`` (default: the format's default output) is not one of the
   inputs, not a device, not inside a file; a file format given a folder writes
   ``<folder>/<default name>``; a folder format given a file is refused.

The meeting links (scenario and plugins) are gathered before anything is written.
Exporters then write each file atomically (scheduler/atomic.py) and report write errors in
one line, so a refused or failed export never leaves a half-written file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from scheduler.errors import OutputError, UsageError
from scheduler.exporting import ExportContext, Exporter
from scheduler.extras import missing_extra
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def exporter_named(name: str) -> Exporter:
    """The installed exporter ``name``, or a UsageError listing the installed ones."""
    from scheduler.plugins import exporters

    found = exporters()
    if name not in found:
        raise UsageError(f"no export format {name!r} is installed; installed: "
                         f"{', '.join(found) or 'none'} (see `confsched export --list`)")
    return found[name]


def exporter_options(exporter: Exporter, given: dict[str, Any]) -> dict[str, Any]:
    """``given`` checked against the exporter's options, with their defaults filled in.

    Names are the options' Python names (``per_track`` for ``--per-track``); values are
    converted as on the command line (``paper="a5"`` is checked against the choices).
    """
    command = click.Command(exporter.name, params=list(exporter.options))
    ctx = command.make_context(exporter.name, [], resilient_parsing=True)  # click's defaults
    known = {option.name: option for option in exporter.options if option.name}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UsageError(f"the {exporter.name} export has no option "
                         f"{', '.join(repr(u) for u in unknown)}; its options: "
                         f"{', '.join(sorted(known)) or 'none'}")
    out: dict[str, Any] = {}
    for name, option in known.items():
        flag = "/".join(option.opts)
        if given.get(name) is None:
            if option.required:
                raise UsageError(f"the {exporter.name} export needs {name}= ({flag})")
            out[name] = ctx.params.get(name)
            continue
        try:
            out[name] = option.type_cast_value(ctx, given[name])
        except click.BadParameter as exc:
            raise UsageError(f"{name}= ({flag}): {exc.message}") from None
    return out


def export_target(exporter: Exporter, out: str | Path | None,
                  inputs: dict[str, str] | None = None) -> Path:
    """Where the exporter writes (see the module rule, point 4)."""
    from scheduler.cli.base import output_file

    target = Path(output_file(str(out) if out is not None else exporter.default_output,
                              inputs or {}))
    if exporter.output_kind == "file" and target.is_dir():
        target = target / Path(exporter.default_output).name  # out/: out/programme.pdf
    writes_here = exporter.default_output != "-"  # "-": the output is not used (caldav)
    if writes_here and exporter.output_kind == "dir" and target.exists() \
            and not target.is_dir():
        raise UsageError(f"{target} is a file; the {exporter.name} export writes a "
                         "folder (give -o a folder name, e.g. out/)")
    if writes_here and exporter.output_kind == "dir":
        from scheduler.cli.base import output_folder

        output_folder(target)  # a read-only folder is refused before anything is written
    return target


def export(
    name: str,
    scenario: Scenario | str | Path,
    schedule: Schedule | str | Path,
    out: str | Path | None = None,
    *,
    lang: str | None = None,
    warn: Callable[[str], None] | None = None,
    **options: Any,
) -> list[Path]:
    """Run the export format ``name`` with every guard of ``confsched export``.

    ``scenario`` and ``schedule`` are files or loaded objects; ``out`` is the output file
    or folder (default: the format's); ``lang`` the label language; ``options`` the
    format's own options by Python name. Warnings (a scenario edited after solving) go to
    ``warn`` (default: standard error). Returns the files written.
    """
    return run_export(exporter_named(name), scenario, schedule, out, lang=lang, warn=warn,
                      **options)


def run_export(
    exporter: Exporter,
    scenario: Scenario | str | Path,
    schedule: Schedule | str | Path,
    out: str | Path | None = None,
    *,
    lang: str | None = None,
    warn: Callable[[str], None] | None = None,
    **options: Any,
) -> list[Path]:
    """:func:`export` with the exporter itself (the CLI has it from its subcommand)."""
    from scheduler.pairing import ensure_pair
    from scheduler.publishable import ensure_publishable
    from scheduler.scenario import load_scenario
    from scheduler.schedule import load_schedule

    values = exporter_options(exporter, options)
    if "lang" in values:  # the label language belongs to the context
        lang = values.pop("lang") or lang
    scenario_path = None if isinstance(scenario, Scenario) else Path(scenario)
    schedule_path = None if isinstance(schedule, Schedule) else Path(schedule)
    loaded_scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    loaded_schedule = schedule if isinstance(schedule, Schedule) else load_schedule(schedule)
    scenario_label = str(scenario_path) if scenario_path else "the scenario"
    schedule_label = str(schedule_path) if schedule_path else "the schedule"
    for warning in ensure_pair(loaded_scenario, loaded_schedule, scenario_label,
                               schedule_label):
        (warn or _stderr)(warning)
    if loaded_schedule.status.has_schedule:
        ensure_publishable(loaded_scenario, loaded_schedule, schedule_label)
    inputs = {role: str(path) for role, path in
              (("scenario", scenario_path), ("schedule", schedule_path)) if path}
    target = export_target(exporter, out, inputs)
    context = ExportContext(scenario=loaded_scenario, schedule=loaded_schedule,
                            scenario_path=scenario_path, schedule_path=schedule_path,
                            lang=lang)
    context.links  # noqa: B018 -- asked before anything is written: a plugin may refuse
    from scheduler.plugins import files_written, run_plugin_part

    what = f"export format {exporter.name!r}"
    try:
        answer = run_plugin_part(exporter.plugin, what, exporter.run, context, target, values)
        return files_written(exporter.plugin, what, answer, target, warn or _stderr)
    except ImportError as exc:  # the format's extra is not installed: say which
        missing = missing_extra(exc)
        if missing is None:
            raise
        raise missing from None
    except OSError as exc:  # a file the exporter could not write: say which, no traceback
        if exc.filename is None:
            raise
        raise OutputError(f"cannot write {exc.filename}: {exc.strerror or exc}\n"
                          "    fix: choose a folder you may write to (and check the "
                          "disk is not full)") from None
