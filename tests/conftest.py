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
