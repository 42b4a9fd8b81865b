"""Beyond one machine: the corpus job on a Dask cluster.

The same readers, parser and tables as ``cablekit convert``, spread over the
workers of a ``dask.distributed`` cluster (or Dask's local schedulers).
The sources are expanded to a list of files here, cut into partitions, and
each partition is read, parsed and turned into table rows on a worker:

* :func:`records` and :func:`cables` give ``dask.bag.Bag`` objects, for
  your own analysis;
* :func:`to_parquet` writes the tables of :mod:`cablekit.tables` as Parquet:
  ``OUT/<table>.parquet/part.<n>.parquet``, which
  ``pyarrow.parquet.read_table`` (and pandas, DuckDB, Spark …) read as one
  table each, the same rows ``cablekit convert … -o OUT.parquet`` writes.

A partition is a run of whole files: a single huge file (the release's
``cables.csv``) is one partition, so split it first to spread it.  Install
with ``pip install 'cablekit[dask]'``.

.. code-block:: python

    from dask.distributed import Client
    import cablekit.dask

    client = Client("scheduler-address:8786")    # or Client() for every core of this machine
    done = cablekit.dask.to_parquet(["archive/"], "archive.parquet", partitions=200)
    done["cables"], done["rejected"]
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Cable, Mode
from .parser import as_mode

if TYPE_CHECKING:
    import dask.bag

    from .io import Record

__all__ = ["cables", "records", "to_parquet"]

_PARTITION_FILE = "part.{:05d}.parquet"


def _bag() -> Any:
    try:
        import dask.bag
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("cablekit.dask needs Dask: pip install 'cablekit[dask]'") from error
    return dask.bag


def _partitions(sources: Iterable[str | os.PathLike[str]], partitions: int | None) -> list[list[str]]:
    from .io import files

    paths = list(files(sources))
    count = max(1, min(len(paths), partitions if partitions is not None else len(paths)))
    size, extra = divmod(len(paths), count)
    chunks: list[list[str]] = []
    start = 0
    for index in range(count):
        stop = start + size + (index < extra)
        chunks.append(paths[start:stop])
        start = stop
    return [chunk for chunk in chunks if chunk]


def _read(paths: Sequence[str], format: str | None) -> Iterator[Record]:
    from .io import read

    return read(paths, format=format)


def records(sources: Iterable[str | os.PathLike[str]], *, partitions: int | None = None,
            format: str | None = None) -> dask.bag.Bag:
    """A bag of the :class:`~cablekit.io.Record` objects of *sources*, read on the workers.

    *sources* are files, directories and glob patterns, as for
    :func:`cablekit.io.read` (standard input cannot be shared with a cluster);
    *partitions* defaults to one per file.
    """
    bag = _bag()
    chunks = _partitions(sources, partitions)
    made: dask.bag.Bag = bag.from_sequence(chunks, npartitions=max(1, len(chunks))).map(
        lambda chunk: list(_read(chunk, format))).flatten()
    return made


def cables(sources: Iterable[str | os.PathLike[str]], *, partitions: int | None = None, format: str | None = None,
           mode: Mode | str = Mode.LENIENT, normalize: bool = False) -> dask.bag.Bag:
    """A bag of the parsed :class:`~cablekit.Cable` objects of *sources*, in strict or lenient *mode*.

    In strict mode a rejected record raises :class:`~cablekit.CableParseError`
    when the bag is computed; :func:`to_parquet` counts rejections instead.
    """
    read: Any = records(sources, partitions=partitions, format=format)
    parsed: dask.bag.Bag = read.map(lambda record: record.parse(mode=mode, normalize=normalize))
    return parsed


def _write_partition(item: tuple[int, list[str]], out: str, format: str | None, mode: Mode,
                     normalize: bool) -> dict[str, int]:
    """Read, parse and write one partition's files as one part file per table; return its counts."""
    from .job import parse_records
    from .tables import TABLES, to_arrow

    index, paths = item
    gathered: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    counts = {"cables": 0, "rejected": 0, "not_cables": 0}
    for parsed in parse_records(_read(paths, format), jobs=1, mode=mode, normalize=normalize,
                                prepare=_rows_of):
        if parsed.value is None:
            counts["rejected"] += 1
            continue
        counts["cables"] += 1
        counts["not_cables"] += parsed.not_a_cable
        for name, rows in parsed.value.items():
            gathered[name].extend(rows)
    parquet: Any = importlib.import_module("pyarrow.parquet")
    for name, rows in gathered.items():
        folder = Path(out) / f"{name}.parquet"
        folder.mkdir(parents=True, exist_ok=True)
        parquet.write_table(to_arrow(name, rows), folder / _PARTITION_FILE.format(index))
    return counts


def _rows_of(record: Record, cable: Cable) -> dict[str, list[dict[str, Any]]]:
    from .tables import rows

    return rows(cable, key=record.key, source=record.source, row=record.row)


def to_parquet(sources: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str], *,
               partitions: int | None = None, format: str | None = None, mode: Mode | str = Mode.LENIENT,
               normalize: bool = False) -> dict[str, int]:
    """Convert *sources* on the current Dask scheduler into the Parquet tables of :mod:`cablekit.tables` in *out*.

    Uses the active ``dask.distributed.Client`` when there is one (Dask's
    default scheduler otherwise).  Returns the counts over all partitions:
    ``cables``, ``rejected`` (strict mode) and ``not_cables``.

    Raises:
        FileExistsError: *out* exists and is not an empty folder.
    """
    bag = _bag()
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} exists and is not an empty folder")
    chosen = as_mode(mode)
    chunks = list(enumerate(_partitions(sources, partitions)))
    if not chunks:
        chunks = [(0, [])]
    parts = bag.from_sequence(chunks, npartitions=len(chunks)).map(
        _write_partition, out=str(target), format=format, mode=chosen, normalize=normalize)
    totals = {"cables": 0, "rejected": 0, "not_cables": 0}
    for counts in parts.compute():
        for name, value in counts.items():
            totals[name] += value
    return totals
