"""Shared fixtures: where the seeds and the corpus live.

The seeds and the corpus are kept beside the project in ``../shared`` (CI has
them there too).  Set ``CABLEKIT_SHARED`` to point elsewhere.  When they are
absent the tests that need them are skipped with a message saying so; they
never pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles, chosen by CABLEKIT_HYPOTHESIS_PROFILE (default: "ci" when CI is set, else "dev").
# ci: derandomized (the same examples on every run), 300 examples a property, no example database;
# dev: 100 random examples, quick while working; thorough: 5,000 examples a property, for local runs.
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=300, derandomize=True, database=None, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=_SLOW_IS_FINE)
settings.register_profile("thorough", max_examples=5000, deadline=None, suppress_health_check=_SLOW_IS_FINE)
settings.load_profile(os.environ.get("CABLEKIT_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLEKIT_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def _require(path: Path, what: str) -> Path:
    if not path.is_dir():
        pytest.skip(f"{what} not found at {path}: set CABLEKIT_SHARED to the shared/ folder")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of seed cables (``shared/seeds``)."""
    return _require(SEEDS, "seed cables")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The folder of real published cables (``shared/corpus``)."""
    return _require(CORPUS, "corpus")


def seed_names() -> list[str]:
    """Seed ids for parametrization (empty when the seeds are absent)."""
    if not SEEDS.is_dir():
        return []
    return sorted(p.stem for p in SEEDS.glob("*.txt"))
