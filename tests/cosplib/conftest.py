"""Fixtures of the CoSPLib tests: the instances and solutions copied into data/."""

from __future__ import annotations

from pathlib import Path

import pytest
from confsched_cosplib.instance import Instance, load_instance
from cosplibdata import DATA, instance_path


@pytest.fixture(scope="session")
def n2or() -> Instance:
    """The small N2OR instance (35 talks, 4 sessions, 4 rooms)."""
    return load_instance(instance_path("N2OR"))


@pytest.fixture
def data_dir() -> Path:
    return DATA
