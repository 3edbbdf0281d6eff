"""A minimal in-tree PEP 517 build backend: builds this plugin's wheel with the standard
library only, so that ``pip install plugins/example`` works offline, without setuptools
or wheel. (A real plugin would use setuptools, hatchling or flit; nothing else changes.)

It reads ``[project]`` (name, version, description, requires-python, dependencies) and
``[project.entry-points.*]`` from pyproject.toml and packs every ``*.py`` file of the
package folders named in ``[tool.example-build] packages``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _project() -> tuple[dict[str, Any], list[str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"], data["tool"]["example-build"]["packages"]


def _dist_name(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata(project: dict[str, Any]) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}",
             f"Version: {project['version']}"]
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {dep}" for dep in project.get("dependencies", [])]
    return "\n".join(lines) + "\n"


def _entry_points(project: dict[str, Any]) -> str:
    out = []
    for group, points in project.get("entry-points", {}).items():
        out.append(f"[{group}]")
        out += [f"{name} = {target}" for name, target in points.items()]
        out.append("")
    return "\n".join(out)


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings: Any = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: Any = None) -> list[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: Any = None,
                metadata_directory: str | None = None) -> str:
    """Write ``<name>-<version>-py3-none-any.whl`` into ``wheel_directory``."""
    project, packages = _project()
    name, version = _dist_name(project["name"]), project["version"]
    info = f"{name}-{version}.dist-info"
    files: dict[str, bytes] = {}
    for package in packages:
        for source in sorted((ROOT / package).rglob("*.py")):
            files[source.relative_to(ROOT).as_posix()] = source.read_bytes()
    files[f"{info}/METADATA"] = _metadata(project).encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: example-build\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    files[f"{info}/entry_points.txt"] = _entry_points(project).encode()
    record = [_record_line(path, data) for path, data in files.items()]
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel_name = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in files.items():
            zf.writestr(path, data)
    return wheel_name


def build_sdist(sdist_directory: str, config_settings: Any = None) -> str:
    """Write ``<name>-<version>.tar.gz`` (the sources and pyproject.toml)."""
    project, packages = _project()
    base = f"{_dist_name(project['name'])}-{project['version']}"
    members = ["pyproject.toml", "README.md", "_build/backend.py"]
    for package in packages:
        members += [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / package).rglob("*.py"))]
    pkg_info = _metadata(project).encode()
    with tarfile.open(Path(sdist_directory) / f"{base}.tar.gz", "w:gz") as tar:
        for member in members:
            tar.add(ROOT / member, arcname=f"{base}/{member}")
        entry = tarfile.TarInfo(f"{base}/PKG-INFO")
        entry.size = len(pkg_info)
        tar.addfile(entry, io.BytesIO(pkg_info))
    return f"{base}.tar.gz"
