"""Shared fixtures: paths to the bundled samples and a golden-file refresh switch."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis_profiles import load_from_env

load_from_env()  # HYPOTHESIS_PROFILE=fuzz: many more examples in every property test

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def sample(name: str) -> Path:
    """Path of a bundled sample whose file name starts with ``name``."""
    hits = sorted(SAMPLES.glob(f"{name}*"))
    if not hits:
        raise FileNotFoundError(name)
    return hits[0]
