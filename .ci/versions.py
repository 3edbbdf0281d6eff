"""Print the installed version of every direct dependency named in pyproject.toml, so
that a CI failure on today's packages says which versions it ran with."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def direct_dependencies(pyproject: Path) -> list[str]:
    """Names of the dependencies and of every optional-dependency group."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    specs = list(project.get("dependencies", []))
    for group in project.get("optional-dependencies", {}).values():
        specs.extend(group)
    names = []
    for spec in specs:
        match = re.match(r"[A-Za-z0-9_.-]+", spec)
        if match and not match.group().startswith("confsched"):
            names.append(match.group())
    return sorted(set(names), key=str.lower)


def main() -> int:
    print(f"python {sys.version.split()[0]}")
    for name in direct_dependencies(Path(__file__).resolve().parent.parent / "pyproject.toml"):
        try:
            print(f"{name} {version(name)}")
        except PackageNotFoundError:
            print(f"{name} (not installed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
