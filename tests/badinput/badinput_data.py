"""The bad-input corpus and what the loader must say about each file (shared by the tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SCENARIOS = HERE.parent.parent / "scenarios"


def expectations() -> dict[str, dict[str, Any]]:
    """``expected.yaml``: file name -> ``{message, line}`` or ``{loads: true}``."""
    data = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def corpus_files() -> list[Path]:
    """Every file of the corpus, sorted by name."""
    return sorted(CORPUS.glob("*.yaml"))


def refused_files() -> list[Path]:
    """Corpus files the loader must refuse."""
    want = expectations()
    return [p for p in corpus_files() if not want[p.name].get("loads")]
