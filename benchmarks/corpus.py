"""Deterministic benchmark corpora: the seed cables plus generated cables, clean and damaged.

A corpus of *n* cables is built once from a fixed seed and cached as JSON
outside the repository (``$CABLEKIT_BENCH_CACHE``, default
``~/.cache/cablekit-bench``), so every run measures the same text.  It holds
the five seed cables and generated ones: a pool of POOL cables drawn from
:func:`cablekit.testing.strategies.cables` (drawn once: about a minute for the
three sizes), cycled through to reach *n*.  What a seed draws depends on the
hypothesis version, so the cache, not the seed, is what keeps the text the same
from one run to the next.  In the
``mixed`` corpus every other generated cable carries damage from
:mod:`cablekit.testing.damage`, each slot with its own seeded choice, so no
two damaged texts are alike; the ``clean`` corpus is canonical text only.

    python benchmarks/corpus.py 100 1000 10000   # build (or rebuild) the caches
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

import cablekit

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("CABLEKIT_BENCH_CACHE", Path.home() / ".cache" / "cablekit-bench"))
SEED = 20261123
POOL = 400
FORMAT_VERSION = 1


def seed_texts() -> list[str]:
    """The real cables bundled in ``examples/`` (the seeds)."""
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def _pool() -> list[str]:
    """The canonical texts of POOL generated cables (drawn once, cached)."""
    path = CACHE / f"pool-{POOL}-v{FORMAT_VERSION}.json"
    if path.exists():
        texts: list[str] = json.loads(path.read_text(encoding="utf-8"))
        return texts
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from cablekit.testing import strategies

    cables: list[cablekit.Cable] = []

    @seed(SEED)
    @settings(max_examples=POOL, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategies.cables(max_paragraphs=12))
    def collect(cable: cablekit.Cable) -> None:
        cables.append(cable)

    collect()
    texts = [cablekit.dumps(cable, "text") for cable in cables]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(texts), encoding="utf-8")
    return texts


def _generate(count: int) -> list[tuple[str, str]]:
    """``count`` generated cables as (clean text, damaged text), deterministic for SEED."""
    from cablekit.testing import damage

    pool = _pool()
    rng = random.Random(SEED + count)
    kinds = [t for stage in damage.STAGES for t in stage]
    out = []
    for index in range(count):
        clean = pool[index % len(pool)]
        chosen = [t for t in kinds if rng.random() < 0.3]
        out.append((clean, damage.apply(clean, chosen, seed=rng.randrange(2**32)).text))
    return out


def build(count: int) -> dict[str, list[str]]:
    """The corpus of *count* cables: ``clean`` and ``mixed`` (half damaged) texts, cached on disk."""
    path = CACHE / f"corpus-{count}-v{FORMAT_VERSION}.json"
    if path.exists():
        data: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
        return data
    seeds = seed_texts()
    generated = _generate(max(count - len(seeds), 0))
    clean = [cablekit.dumps(cablekit.normalize(s), "text") for s in seeds] + [c for c, _ in generated]
    mixed = seeds + [d if i % 2 else c for i, (c, d) in enumerate(generated)]
    data = {"clean": clean[:count], "mixed": mixed[:count]}
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def main(argv: list[str]) -> int:
    for arg in argv or ["100", "1000", "10000"]:
        corpus = build(int(arg))
        size = sum(len(t.encode()) for t in corpus["mixed"])
        print(f"{arg:>6} cables: {size / 1e6:6.2f} MB mixed, cached in {CACHE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
