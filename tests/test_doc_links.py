"""Every relative link in README.md and docs/*.md names a file or folder of the project
(a README row copied into docs/benchmarks.md kept README-relative links, broken there)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def broken_links(page: Path) -> list[str]:
    """``line: target`` of each relative link in ``page`` whose target does not exist."""
    out = []
    for number, line in enumerate(page.read_text("utf-8").splitlines(), 1):
        for match in LINK.finditer(line):
            target = match.group(1)
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            if not (page.parent / target).exists():
                out.append(f"{number}: {target}")
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    assert broken_links(page) == []


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("x")
    page.write_text("[ok](there.md) [web](https://example.org) [gone](nowhere/file.md#a)\n")
    assert broken_links(page) == ["1: nowhere/file.md"]
