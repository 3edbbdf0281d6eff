"""The one plugin manager: loads every plugin from the ``confsched`` entry-point group."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import metadata

import pluggy

from scheduler import hookspecs
from scheduler.errors import ConfschedError
from scheduler.exporting import Exporter, Importer

ENTRY_POINT_GROUP = "confsched"


@cache
def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, with every installed plugin loaded."""
    manager = pluggy.PluginManager("confsched")
    manager.add_hookspecs(hookspecs)
    manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return manager


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
    dists = {id(plugin): dist for plugin, dist in manager.list_plugin_distinfo()}
    infos = []
    for name, plugin in manager.list_name_plugin():
        if plugin is None:
            continue
        dist = dists.get(id(plugin))
        hooks = sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])
        infos.append(PluginInfo(
            name=name,
            version=dist.version if dist is not None else None,
            hooks=hooks,
            module=getattr(plugin, "__name__", repr(plugin)),
        ))
    return sorted(infos, key=lambda info: info.name)


def _collect(hook_name: str) -> list[tuple[str, object]]:
    caller = getattr(get_plugin_manager().hook, hook_name)
    found: list[tuple[str, object]] = []
    for impl in reversed(caller.get_hookimpls()):  # registration order
        collected: list[object] = []
        impl.function(register=collected.append)
        found.extend((impl.plugin_name, item) for item in collected)
    return found


def exporters() -> dict[str, Exporter]:
    """Every registered exporter, by name."""
    out: dict[str, Exporter] = {}
    for plugin_name, exporter in _collect("register_exporters"):
        assert isinstance(exporter, Exporter)
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
    for plugin_name, importer in _collect("register_importers"):
        assert isinstance(importer, Importer)
        importer.plugin = plugin_name
        out[importer.name] = importer
    return dict(sorted(out.items()))


def plugin_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
