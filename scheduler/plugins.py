"""The one plugin manager: loads every plugin from the ``confsched`` entry-point group.

The rules:

- ``CONFSCHED_PLUGINS`` (comma-separated plugin names), when set, names the only plugins
  to load; empty loads none. Unset loads every installed plugin.
- A plugin that fails to load (its module or attribute cannot be imported, it raises on
  import, pluggy refuses its hooks) or whose ``register_*`` hook raises is skipped with
  one warning on standard error naming the plugin, its distribution and the error; every
  other plugin and every command keep working.
- A plugin whose ``session_links`` hook raises or answers something that is not links by
  session id during an export stops that export with a message naming the plugin
  (publishing without its meeting links would be wrong).
- A hook that does not return within ``CONFSCHED_PLUGIN_TIMEOUT`` seconds (default 60) is
  treated as one that raised (its thread is left behind; the process still ends).
- Two distributions giving one plugin name, or two plugins one export or import format
  name: the first keeps it (confsched's own plugins always), the other is skipped with a
  warning naming both; every other format keeps working.
- An exporter or importer of a third-party plugin that raises, or returns something that
  is not the list of files written, is named as the culprit (never "a bug in confsched");
  files it says it wrote outside its ``-o`` are warned about.
Every warning and error about a plugin says how to get rid of it.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import click
import pluggy

from scheduler import hookspecs
from scheduler.errors import ConfschedError
from scheduler.exporting import Exporter, Importer

ENTRY_POINT_GROUP = "confsched"
ENV_VAR = "CONFSCHED_PLUGINS"
TIMEOUT_VAR = "CONFSCHED_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
"""Seconds a plugin's hook may take before it is given up as hanging."""
CORE_DISTRIBUTION = "confsched"
FORMAT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""What an export or import format may be called (it is typed as a subcommand)."""

_DISTRIBUTIONS: dict[str, metadata.Distribution] = {}
"""The distribution each loaded plugin came from, by plugin name."""


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that was skipped: its name, distribution and what went wrong."""

    name: str
    distribution: str
    error: str

    def warning(self) -> str:
        fix = (f"check the names in {ENV_VAR}" if self.distribution == "not installed"
               else how_to_drop(self.name))
        return (f"warning: skipping plugin {self.name!r} ({self.distribution}): {self.error}"
                f"\n    fix: {fix}")


_FAILURES: dict[str, PluginFailure] = {}


def _distribution_label(dist: metadata.Distribution | None) -> str:
    if dist is None:
        return "distribution unknown"
    return f"distribution {dist.metadata['Name'] or '?'} {dist.version}"


def how_to_drop(name: str) -> str:
    """The way out of a broken plugin: update it, uninstall it, or leave it out."""
    dist = _DISTRIBUTIONS.get(name)
    package = dist.metadata["Name"] if dist is not None and dist.metadata["Name"] else None
    uninstall = f"pip uninstall {package}" if package else "uninstall it"
    return (f"update the plugin or {uninstall}, or load only the others: "
            f"{ENV_VAR}=<names from `confsched plugins`>")


def plugin_label(name: str | None) -> str:
    """``plugin 'x' (distribution d 1.0)``: how messages name a plugin."""
    if name is None:
        return "an unnamed plugin"
    return f"plugin {name!r} ({_distribution_label(_DISTRIBUTIONS.get(name))})"


def plugin_of_module(module: str) -> str | None:
    """The loaded plugin whose module is ``module`` or holds it (None: not a plugin's)."""
    for name, plugin in get_plugin_manager().list_name_plugin():
        home = getattr(plugin, "__name__", None)
        if home and (module == home or module.startswith(home + ".")):
            return name
    return None


def is_core(name: str | None) -> bool:
    """Is ``name`` one of confsched's own plugins (its errors are confsched's bugs)?"""
    dist = _DISTRIBUTIONS.get(name or "")
    return dist is not None and (dist.metadata["Name"] or "").lower() == CORE_DISTRIBUTION


def hook_timeout() -> float:
    """``CONFSCHED_PLUGIN_TIMEOUT`` in seconds (default 60; a wrong value means the default)."""
    try:
        value = float(os.environ.get(TIMEOUT_VAR, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


class HookTimeout(Exception):
    """A plugin's hook did not return in time."""


def bounded_call(func: Callable[..., Any], **kwargs: Any) -> Any:
    """``func(**kwargs)`` in a helper thread, given up after :func:`hook_timeout` seconds
    (raising :class:`HookTimeout`); its exception, if any, is raised here."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = func(**kwargs)
        except BaseException as exc:  # handed to the caller's thread  # noqa: BLE001
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True, name="confsched-plugin-hook")
    worker.start()
    limit = hook_timeout()
    worker.join(limit)
    if worker.is_alive():
        raise HookTimeout(f"its hook {getattr(func, '__name__', '?')} did not return within "
                          f"{limit:g} s ({TIMEOUT_VAR})")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _error_text(exc: BaseException) -> str:
    from scheduler.extras import missing_extra

    missing = missing_extra(exc) if isinstance(exc, ImportError) else None
    if missing is not None:
        return str(missing)
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def _skip(name: str, dist: metadata.Distribution | None, exc: BaseException) -> None:
    """Remember and report (once per process) a plugin that is skipped."""
    if name in _FAILURES:
        return
    failure = PluginFailure(name, _distribution_label(dist), _error_text(exc))
    _FAILURES[name] = failure
    print(failure.warning(), file=sys.stderr)


def allowed_plugins() -> set[str] | None:
    """The plugin names ``CONFSCHED_PLUGINS`` allows, or None when it is not set."""
    value = os.environ.get(ENV_VAR)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


@cache
def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, with every installed (and allowed) plugin loaded."""
    manager = pluggy.PluginManager("confsched")
    manager.add_hookspecs(hookspecs)
    allowed = allowed_plugins()
    installed: set[str] = set()
    for dist in list(metadata.distributions()):
        for entry_point in dist.entry_points:
            name = entry_point.name
            if entry_point.group == ENTRY_POINT_GROUP:
                installed.add(name)
                first = _DISTRIBUTIONS.get(name)
                if (first is not None and manager.has_plugin(name)
                        and first.metadata["Name"] != dist.metadata["Name"]):
                    _warn_twice(name, first, dist)
            if (entry_point.group != ENTRY_POINT_GROUP or manager.has_plugin(name)
                    or manager.is_blocked(name) or name in _FAILURES
                    or (allowed is not None and name not in allowed)):
                continue
            try:
                plugin = entry_point.load()
                manager.register(plugin, name=name)
            except (Exception, SystemExit) as exc:  # a broken plugin must not break us
                _skip(name, dist, exc)
                continue
            _DISTRIBUTIONS[name] = dist
    for name in sorted((allowed or set()) - installed):  # a typo in CONFSCHED_PLUGINS
        if name not in _FAILURES:
            _FAILURES[name] = PluginFailure(
                name, "not installed", f"{ENV_VAR} names it, but no installed plugin has "
                f"that name (installed: {', '.join(sorted(installed)) or 'none'})")
            print(_FAILURES[name].warning(), file=sys.stderr)
    return manager


_TWICE: set[tuple[str, str]] = set()


def _warn_twice(name: str, first: metadata.Distribution, other: metadata.Distribution) -> None:
    """Two distributions give the plugin name ``name``: the first is loaded; say so once."""
    key = (name, other.metadata["Name"] or "?")
    if key in _TWICE:
        return
    _TWICE.add(key)
    print(f"warning: two installed distributions give the plugin {name!r}: "
          f"{_distribution_label(first)} (loaded) and {_distribution_label(other)} (not "
          f"loaded)\n    fix: uninstall one (pip uninstall {other.metadata['Name']}), or "
          "ask its authors to rename its entry point", file=sys.stderr)


def plugin_failures() -> list[PluginFailure]:
    """The plugins skipped so far because they failed to load or to register."""
    get_plugin_manager()
    return sorted(_FAILURES.values(), key=lambda failure: failure.name)


def call_each(hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call ``hook_name`` of each plugin in registration order: (plugin name, result).

    A plugin whose hook raises is skipped with a warning (see the module rule).
    """
    manager = get_plugin_manager()
    caller = getattr(manager.hook, hook_name)
    results: list[tuple[str, Any]] = []
    for impl in reversed(caller.get_hookimpls()):  # registration order
        try:
            results.append((impl.plugin_name, bounded_call(impl.function, **kwargs)))
        except Exception as exc:
            _skip(impl.plugin_name, _DISTRIBUTIONS.get(impl.plugin_name), exc)
            manager.unregister(name=impl.plugin_name)
    return results


def session_links(context: Any) -> list[Any]:
    """Every plugin's ``session_links(context)``; an error names the plugin (module rule)."""
    found = []
    for impl in reversed(get_plugin_manager().hook.session_links.get_hookimpls()):
        name = impl.plugin_name
        try:
            answer = bounded_call(impl.function, context=context)
            if answer is not None and not _are_links(answer):
                raise TypeError(f"it answered {type(answer).__name__}, not a dict of "
                                "session id -> MeetingLink (or None)")
        except ConfschedError:
            raise
        except Exception as exc:
            raise ConfschedError(
                f"{plugin_label(name)} failed to give meeting links: {_error_text(exc)}"
                f"\n    fix: {how_to_drop(name)}"
            ) from None
        found.append(answer)
    return found


def _are_links(answer: Any) -> bool:
    from scheduler.links import MeetingLink

    return isinstance(answer, dict) and all(
        isinstance(k, str) and isinstance(v, MeetingLink) for k, v in answer.items())


@dataclass
class PluginInfo:
    """What ``confsched plugins`` shows of one plugin."""

    name: str
    version: str | None
    hooks: list[str]
    module: str


def plugin_infos() -> list[PluginInfo]:
    """Every loaded plugin, with its distribution version and the hooks it implements."""
    manager = get_plugin_manager()
    infos = []
    for name, plugin in manager.list_name_plugin():
        if plugin is None:
            continue
        dist = _DISTRIBUTIONS.get(name)
        hooks = sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])
        infos.append(PluginInfo(
            name=name,
            version=dist.version if dist is not None else None,
            hooks=hooks,
            module=getattr(plugin, "__name__", repr(plugin)),
        ))
    return sorted(infos, key=lambda info: info.name)


def _collect(hook_name: str, kind: type) -> list[tuple[str, Any]]:
    """What each plugin registers through ``hook_name`` (a plugin that raises, or registers
    something that is not a ``kind``, is skipped with a warning)."""

    found: list[tuple[str, Any]] = []
    manager = get_plugin_manager()
    for impl in reversed(getattr(manager.hook, hook_name).get_hookimpls()):
        collected: list[Any] = []
        try:
            bounded_call(impl.function, register=collected.append)
            wrong = [item for item in collected if not isinstance(item, kind)]
            if wrong:
                raise TypeError(f"{hook_name} registered {type(wrong[0]).__name__}, "
                                f"not {kind.__name__}")
        except Exception as exc:
            _skip(impl.plugin_name, _DISTRIBUTIONS.get(impl.plugin_name), exc)
            manager.unregister(name=impl.plugin_name)
            continue
        found.extend((impl.plugin_name, item) for item in collected)
    return found


def _first_wins(kind: str, found: list[tuple[str, Any]]) -> dict[str, Any]:
    """Format name -> the exporter or importer that keeps it: confsched's own plugin, else
    the first registered; each other one is skipped with one warning naming both."""
    out: dict[str, Any] = {}
    for plugin_name, item in sorted(found, key=lambda pair: not is_core(pair[0])):
        if not isinstance(item.name, str) or not FORMAT_NAME.fullmatch(item.name):
            key = (f"{kind}-name:{item.name}", plugin_name)
            if key not in _TWICE:
                _TWICE.add(key)
                print(f"warning: {plugin_label(plugin_name)} gives the {kind} format "
                      f"{item.name!r}, which is not a name one can type (letters, digits, "
                      f"'-', '_', '.'); it is left out\n    fix: {how_to_drop(plugin_name)}",
                      file=sys.stderr)
            continue
        kept = out.get(item.name)
        if kept is not None:
            key = (f"{kind}:{item.name}", plugin_name)
            if key not in _TWICE:
                _TWICE.add(key)
                print(f"warning: two plugins give the {kind} format {item.name!r}: "
                      f"{plugin_label(kept.plugin)} keeps it, {plugin_label(plugin_name)}'s "
                      f"is left out\n    fix: {how_to_drop(plugin_name)}", file=sys.stderr)
            continue
        item.plugin = plugin_name
        out[item.name] = item
    return dict(sorted(out.items()))


def exporters() -> dict[str, Exporter]:
    """Every registered exporter, by name."""
    return _first_wins("export", _collect("register_exporters", Exporter))


def importers() -> dict[str, Importer]:
    """Every registered importer, by name."""
    return _first_wins("import", _collect("register_importers", Importer))


def own_options(plugin: str | None, what: str, options: list[Any],
                taken: list[click.Parameter]) -> list[Any]:
    """A format's own options, without any that would shadow confsched's (``-o``, the
    SCENARIO argument...): such an option took the user's ``-o`` and the output went to
    the default file. Each one left out is said once, naming the plugin."""
    names = {param.name for param in taken}
    flags = {flag for param in taken for flag in (*param.opts, *param.secondary_opts)}
    kept = []
    for option in options:
        own = {*getattr(option, "opts", ()), *getattr(option, "secondary_opts", ())}
        if getattr(option, "name", None) in names or own & flags:
            print(f"warning: the {what} of {plugin_label(plugin)} declares the option "
                  f"{'/'.join(sorted(own)) or option.name!r}, which confsched's own options "
                  f"use; it is left out\n    fix: {how_to_drop(plugin or '?')}",
                  file=sys.stderr)
            continue
        kept.append(option)
    return kept


def run_plugin_part(plugin: str | None, what: str, func: Callable[..., Any],
                    *args: Any) -> Any:
    """Run an exporter's or importer's ``run``: a third-party plugin's unexpected error is
    named as that plugin's (a ConfschedError, exit 1), never as a bug in confsched."""
    try:
        return func(*args)
    except (ConfschedError, OSError, ImportError, KeyboardInterrupt):
        raise  # said in their own words by the caller
    except Exception as exc:
        if is_core(plugin) or plugin is None or os.environ.get("CONFSCHED_DEBUG"):
            raise
        raise ConfschedError(
            f"the {what} of {plugin_label(plugin)} failed: {_error_text(exc)}\n    this is "
            "a bug in that plugin, not in your files; report it to its authors "
            "(CONFSCHED_DEBUG=1 shows the traceback)\n    fix: " + how_to_drop(plugin)
        ) from None


def files_written(plugin: str | None, what: str, answer: Any, target: Path,
                  warn: Callable[[str], None]) -> list[Path]:
    """The files a ``run`` says it wrote, as paths; a wrong answer or a file outside
    ``target`` (the ``-o`` folder, or the folder of the ``-o`` file) is warned about,
    naming the plugin."""
    if (not isinstance(answer, (list, tuple))
            or not all(isinstance(item, (str, Path)) for item in answer)):
        warn(f"warning: the {what} of {plugin_label(plugin)} returned "
             f"{type(answer).__name__}, not the list of files it wrote; it wrote {target}"
             f"\n    fix: {how_to_drop(plugin or '?')}")
        return [target]
    paths = [Path(item) for item in answer]
    if is_core(plugin):  # confsched's own write where their options say (links.csv ...)
        return paths
    home = target.resolve() if target.is_dir() else target.resolve().parent
    outside = [p for p in paths if p.resolve() != home and home not in p.resolve().parents]
    if outside:
        warn(f"warning: the {what} of {plugin_label(plugin)} wrote outside {target}: "
             + ", ".join(str(p) for p in outside[:3])
             + (f" and {len(outside) - 3} more" if len(outside) > 3 else "")
             + f"\n    fix: remove them if unwanted; {how_to_drop(plugin or '?')}")
    return paths


def plugin_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
