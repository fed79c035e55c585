"""Shared fixtures: the sample report, pipelines, and a way to break a copy of the sample."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_YAML = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
SEED_TEXT = ROOT.parent / "shared" / "seeds" / "bao-cao-ttdn-tuy-phuoc-2022.txt"


@pytest.fixture(scope="session")
def sample_data() -> dict[str, Any]:
    """The sample report as plain data (a fresh deep copy per use via ``sample``)."""
    data: dict[str, Any] = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def sample(sample_data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of the sample's data, free to break."""
    return copy.deepcopy(sample_data)


@pytest.fixture(scope="session")
def pipeline() -> bcpipe.Pipeline:
    """A pipeline with the installed plugins (entry points), as a user gets it."""
    return bcpipe.Pipeline()


@pytest.fixture(scope="session")
def codes_of(pipeline: bcpipe.Pipeline) -> Callable[[dict[str, Any]], list[str]]:
    """Validate data with the default pipeline; the finding codes."""

    def run(data: dict[str, Any]) -> list[str]:
        return pipeline.validate(bcpipe.load(data)).codes()

    return run
