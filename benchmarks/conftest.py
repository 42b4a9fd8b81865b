"""Benchmark fixtures and the summary table.

Every stage is timed as the best of several rounds over the same text, next
to two floors timed in the same run (a bare ``str.splitlines()`` loop and one
``regex.finditer`` pass of a fixed line pattern) and a ceiling (building the
lenient parse's object graph from values already decoded).  The table at the
end gives MB/s, cables/s and the ratio to the ``regex.finditer`` floor, so the
figures mean something on a noisy machine.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

RESULTS: dict[str, dict[str, Any]] = {}
"""name -> {"seconds": best time, "bytes": source bytes, "cables": count, "group": str, "note": str}"""


@pytest.fixture(scope="session")
def corpus_1000() -> dict[str, list[str]]:
    return corpus.build(1000)


@pytest.fixture(scope="session")
def corpus_100() -> dict[str, list[str]]:
    return corpus.build(100)


@pytest.fixture(scope="session")
def corpus_10000() -> dict[str, list[str]]:
    return corpus.build(10000)


def record(name: str, benchmark: Any, *, size: int, cables: int, group: str, note: str = "") -> None:
    """Store a finished benchmark's best time for the summary table."""
    RESULTS[name] = {"seconds": benchmark.stats.stats.min, "bytes": size, "cables": cables,
                     "group": group, "note": note}


def _rows() -> Iterator[str]:
    floor = RESULTS.get("floor: regex.finditer")
    floor_rate = floor["bytes"] / floor["seconds"] if floor else None
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, result in RESULTS.items():
        groups.setdefault(result["group"], []).append((name, result))
    baseline = RESULTS.get("1 MB of ordinary cable text")
    for group, rows in groups.items():
        yield ""
        yield f"{group}"
        if group.startswith("adversarial") and baseline:
            yield f"  {'input':34s} {'seconds':>8s} {'x ordinary':>10s}"
            for name, result in rows:
                yield f"  {name:34s} {result['seconds']:8.3f} {result['seconds'] / baseline['seconds']:10.2f}"
            continue
        yield f"  {'stage':34s} {'MB/s':>8s} {'cables/s':>10s} {'x floor':>8s}  note"
        for name, result in rows:
            rate = result["bytes"] / result["seconds"] if result["seconds"] else float("inf")
            per_cable = result["cables"] / result["seconds"] if result["cables"] else 0.0
            ratio = f"{rate / floor_rate:8.2f}" if floor_rate and group.startswith("stages") else "       -"
            yield (f"  {name:34s} {rate / 1e6:8.2f} {per_cable:10.0f} {ratio}  {result['note']}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RESULTS:
        return
    terminalreporter.write_sep("=", "cablekit throughput (best of rounds; ratio to the regex.finditer floor)")
    for row in _rows():
        terminalreporter.write_line(row)
