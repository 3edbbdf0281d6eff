"""The one plugin manager: loads every plugin from the ``confsched`` entry-point group.

The rules:

- ``CONFSCHED_PLUGINS`` (comma-separated plugin names), when set, names the only plugins
  to load; empty loads none. Unset loads every installed plugin.
- A plugin that fails to load (its module or attribute cannot be imported, it raises on
  import, pluggy refuses its hooks) or whose ``register_*`` hook raises is skipped with
  one warning on standard error naming the plugin, its distribution and the error; every
  other plugin and every command keep working.
- A plugin whose ``session_links`` hook raises during an export stops that export with a
  message naming the plugin (publishing without its meeting links would be wrong).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

import pluggy

from scheduler import hookspecs
from scheduler.errors import ConfschedError
from scheduler.exporting import Exporter, Importer

ENTRY_POINT_GROUP = "confsched"
ENV_VAR = "CONFSCHED_PLUGINS"

_DISTRIBUTIONS: dict[str, metadata.Distribution] = {}
"""The distribution each loaded plugin came from, by plugin name."""


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that was skipped: its name, distribution and what went wrong."""

    name: str
    distribution: str
    error: str

    def warning(self) -> str:
        return f"warning: skipping plugin {self.name!r} ({self.distribution}): {self.error}"


_FAILURES: dict[str, PluginFailure] = {}


def _distribution_label(dist: metadata.Distribution | None) -> str:
    if dist is None:
        return "distribution unknown"
    return f"distribution {dist.metadata['Name'] or '?'} {dist.version}"


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
            results.append((impl.plugin_name, impl.function(**kwargs)))
        except Exception as exc:
            _skip(impl.plugin_name, _DISTRIBUTIONS.get(impl.plugin_name), exc)
            manager.unregister(name=impl.plugin_name)
    return results


def session_links(context: Any) -> list[Any]:
    """Every plugin's ``session_links(context)``; an error names the plugin (module rule)."""
    found = []
    for impl in reversed(get_plugin_manager().hook.session_links.get_hookimpls()):
        try:
            found.append(impl.function(context=context))
        except ConfschedError:
            raise
        except Exception as exc:
            name = impl.plugin_name
            raise ConfschedError(
                f"plugin {name!r} ({_distribution_label(_DISTRIBUTIONS.get(name))}) failed "
                f"to give meeting links: {_error_text(exc)}\n    fix: update or uninstall "
                f"it, or leave it out with {ENV_VAR}=<the other plugins>"
            ) from None
    return found


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
            impl.function(register=collected.append)
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


def exporters() -> dict[str, Exporter]:
    """Every registered exporter, by name."""
    out: dict[str, Exporter] = {}
    for plugin_name, exporter in _collect("register_exporters", Exporter):
        if exporter.name in out:
            raise ConfschedError(
                f"two plugins register the export format {exporter.name!r}: "
                f"{out[exporter.name].plugin} and {plugin_name}; uninstall one"
            )
        exporter.plugin = plugin_name
        out[exporter.name] = exporter
    return dict(sorted(out.items()))


def importers() -> dict[str, Importer]:
    """Every registered importer, by name."""
    out: dict[str, Importer] = {}
    for plugin_name, importer in _collect("register_importers", Importer):
        importer.plugin = plugin_name
        out[importer.name] = importer
    return dict(sorted(out.items()))


def plugin_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
