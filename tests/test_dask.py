"""``cablekit.dask`` on a real two-process Dask cluster: the same Parquet rows as ``cablekit convert``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cablekit
import cablekit.io

distributed = pytest.importorskip("distributed", reason="the test extra installs dask[distributed]")
parquet = pytest.importorskip("pyarrow.parquet", reason="the corpus extra installs pyarrow")

from cablekit import dask as cablekit_dask  # noqa: E402  (after the skips: it needs dask)
from cablekit.tables import TABLES  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def inputs(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The corpus files, and the first 200 WikiLeaks pages as a JSON-lines file of their own."""
    pages = tmp_path_factory.mktemp("pages") / "pages.jsonl"
    with (corpus_dir / "wikileaks" / "pages.jsonl").open(encoding="utf-8") as source:
        pages.write_text("".join(line for _, line in zip(range(200), source, strict=False)), encoding="utf-8")
    return [str(corpus_dir / name) for name in ("text", "html", "json", "csv")] + [str(pages)]


def rows_of(folder: Path, table: str) -> list[dict[str, Any]]:
    rows = parquet.read_table(folder / f"{table}.parquet").to_pylist()
    order = "position" if any(c.name == "position" for c in TABLES[table]) else "key"
    return sorted(rows, key=lambda row: (row["key"], row.get(order) or 0, str(row)))


def test_the_cluster_writes_the_rows_convert_writes(client: Any, inputs: list[str], tmp_path: Path) -> None:
    converted = tmp_path / "convert.parquet"
    done = subprocess.run([sys.executable, "-m", "cablekit", "convert", *inputs, "-o", str(converted), "--quiet"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr

    clustered = tmp_path / "dask.parquet"
    counts = cablekit_dask.to_parquet(inputs, clustered, partitions=6)

    cables = rows_of(converted, "cables")
    assert counts == {"cables": len(cables), "rejected": 0, "not_cables": sum(r["not_a_cable"] for r in cables)}
    assert len(cables) == 387
    assert len(list((clustered / "cables.parquet").iterdir())) == 6  # one part per partition
    for table in TABLES:
        assert rows_of(clustered, table) == rows_of(converted, table), table


def test_a_bag_of_cables_on_the_cluster(client: Any, corpus_dir: Path) -> None:
    bag = cablekit_dask.cables([str(corpus_dir / "text")], partitions=4)
    subjects = bag.map(lambda cable: cable.subject).compute()
    here = [record.parse().subject for record in cablekit.io.read([str(corpus_dir / "text")])]
    assert subjects == here and len(here) == 82


def test_an_output_that_exists_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        cablekit_dask.to_parquet([str(tmp_path)], tmp_path / "out")
