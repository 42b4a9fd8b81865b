"""Pages per second parsing real WikiLeaks pages (the HTML as published).

The pages live beside the project, in ``../shared/corpus/wikileaks/pages.jsonl``
(or under ``$CABLEKIT_SHARED``), not in the repository: without them the
benchmarks here are skipped.  One round parses the first PAGES pages once.  No
test asserts a time: the figures go to the summary table at the end.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import Any

import pytest

import cablekit
from cablekit._context import Context
from cablekit.wrappers import unwrap
from conftest import record

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLEKIT_SHARED", ROOT.parent / "shared"))
PAGES_FILE = SHARED / "corpus" / "wikileaks" / "pages.jsonl"
PAGES = 300
ROUNDS = 5
GROUP = f"WikiLeaks pages ({PAGES} real pages; cables/s is pages/s)"


@pytest.fixture(scope="module")
def pages() -> list[str]:
    if not PAGES_FILE.is_file():
        pytest.skip(f"WikiLeaks pages not found at {PAGES_FILE}: set CABLEKIT_SHARED to the shared/ folder")
    htmls: list[str] = []
    with PAGES_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            htmls.append(json.loads(line)["html"])
            if len(htmls) == PAGES:
                break
    return htmls


def _run(benchmark: Any, name: str, run: Any, texts: list[str], note: str = "") -> None:
    benchmark.group = GROUP
    benchmark.name = name
    gc.collect()
    benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    record(name, benchmark, size=sum(len(t.encode("utf-8")) for t in texts), cables=len(texts), group=GROUP,
           note=note)


def test_parse_pages(benchmark: Any, pages: list[str]) -> None:
    _run(benchmark, "parse WikiLeaks pages", lambda: [cablekit.parse(page) for page in pages], pages,
         note="lenient, the whole pipeline")


def test_unwrap_pages(benchmark: Any, pages: list[str]) -> None:
    _run(benchmark, "unwrap WikiLeaks pages", lambda: [unwrap(page, Context()) for page in pages], pages,
         note="the HTML envelope only (part of parse)")
