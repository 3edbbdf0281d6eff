"""Libraries only one plugin needs are extras of that plugin, not core dependencies.

The rule: ``pip install confsched`` installs the solver, the checker and the exporters
that need nothing more (ical, interchange, web); a plugin that needs a library of its own
gets it as an extra (``confsched[zoom]``, ``[caldav]``, ``[programme]``, ``[cosplib]``;
``[all]`` for every one). A plugin imports its library only when it is used, so it loads
without it; using it then ends in one line naming the extra to install (exit 2), never a
traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from scheduler.errors import UsageError

EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "zoom": ("httpx",), "caldav": ("caldav",), "programme": ("typst",),
    "cosplib": ("openpyxl",), "sheets": ("openpyxl",), "pretalx": ("httpx",),
}
"""Each extra (pyproject.toml's optional-dependencies) -> the top-level modules it
installs. Two plugins may need one library (openpyxl: cosplib and sheets); each has its
own extra, and names it when it asks for the library (:func:`require_extra`)."""

EXTRAS: dict[str, str] = {}
"""Top-level module -> the first extra that installs it, for an ImportError that no
plugin caught itself."""
for _extra, _modules in EXTRA_MODULES.items():
    for _module in _modules:
        EXTRAS.setdefault(_module, _extra)


class MissingExtra(UsageError):
    """A plugin's library is not installed (exit code 2)."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"{module} is not installed; install confsched[{extra}]: "
                         f'pip install "confsched[{extra}]"')
        self.module = module
        self.extra = extra


def missing_extra(exc: ImportError) -> MissingExtra | None:
    """The :class:`MissingExtra` that ``exc`` means, if it is a known extra's library."""
    name = (getattr(exc, "name", None) or "").split(".")[0]
    extra = EXTRAS.get(name)
    return MissingExtra(name, extra) if extra else None


def require_extra(module: str, extra: str | None = None) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtra` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        raise MissingExtra(top, extra or EXTRAS.get(top, top)) from None
