"""Writers of the corpus job: JSON lines, Parquet tables, an SQLite database, a folder of files.

A writer takes :class:`Item` objects, one per cable, and holds only what its
output needs: :attr:`Writer.needs` names the payloads (``json``, ``rows``,
``text``) and :attr:`Writer.format` the serializer of ``text``, so the worker
that parsed a cable computes only those (:func:`prepare`).  Every writer is a
context manager, and :meth:`Writer.close` leaves a valid output however the
run stopped: complete JSON lines, committed SQLite rows, readable Parquet
files, whole files in a folder.

* JSON lines (``.jsonl``, ``.ndjson``): each line a cable's full JSON, in the
  shipped schema (:func:`cablekit.dumps` with ``format="json"``).
* Parquet (``.parquet``): a folder with one file per table of
  :data:`cablekit.tables.TABLES`, ``OUT/<table>.parquet``, written in row
  groups of bounded size.
* SQLite (``.sqlite``, ``.sqlite3``, ``.db``): the same tables, committed in
  batches of whole cables, with a full-text index (FTS5) over the subject and
  body, filled on closing (a run cut short by Ctrl-C is searchable too); it
  opens in Datasette as it is.
* A folder of any serializer's output (``markdown``, ``text``, ``json`` or a
  plugin's): one file per cable, named from its id.
* Chunks (``to="chunks"``, :mod:`cablekit.chunking`): each cable's chunks for
  search and language models, one row per chunk, in the container the
  suffix names: a Parquet *file* (``.parquet``) holding the
  :data:`~cablekit.tables.CHUNKS` table, an SQLite database (``.sqlite``,
  ``.sqlite3``, ``.db``) with that ``chunks`` table and a full-text index over
  the chunks' text and heading, else JSON lines, a chunk's
  :meth:`~cablekit.Chunk.as_record` with the cable's ``key`` first
  on each line.  A :class:`~cablekit.Chunker` holds the chunking
  options; the workers chunk the cables.

An existing output is not overwritten unless ``overwrite=True``; a writer
that cannot open its output fails when it is opened, before any cable is
parsed.

>>> from cablekit.outputs import output_kind
>>> output_kind("cables.sqlite"), output_kind("out.ndjson"), output_kind("out", serializer="markdown")
('sqlite', 'jsonl', 'folder')
>>> output_kind("chunks.parquet", to="chunks")
'chunks'
"""

from __future__ import annotations

import json as _json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Final, Literal, Self

import attrs

from . import tables as _tables
from .chunking import Chunker
from .formats import dumps, serializers
from .model import Cable

__all__ = [
    "KINDS",
    "SUFFIXES",
    "ChunkJsonLinesWriter",
    "ChunkParquetWriter",
    "ChunkSqliteWriter",
    "FolderWriter",
    "Item",
    "JsonLinesWriter",
    "ParquetWriter",
    "Payload",
    "SqliteWriter",
    "Writer",
    "file_stem",
    "open_output",
    "output_kind",
    "prepare",
]

Payload = Literal["json", "rows", "text", "chunks", "chunk_lines"]
"""What a writer needs of a cable: its JSON text, its table rows, its text in a serializer's format, the
rows of its chunks (:func:`cablekit.tables.chunk_rows`) or its chunks as JSON lines."""

Rows = dict[str, list[dict[str, object]]]

KINDS: Final = ("jsonl", "parquet", "sqlite", "folder", "chunks")
"""The kinds of output :func:`open_output` writes (``chunks``: in the container the suffix names)."""

SUFFIXES: Final[Mapping[str, str]] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
                                      ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite"}
"""The output kind each file suffix stands for."""

_EXTENSIONS: Final = {"markdown": ".md", "text": ".txt", "json": ".json"}


@attrs.frozen(kw_only=True)
class Item:
    """What a writer receives for one cable; only the payloads the writer needs are set."""

    key: str
    """The cable's unique location, e.g. ``cables.csv#17``."""
    reference_id: str | None = None
    """The cable's id, which names its file in a folder."""
    json: str | None = None
    """The cable's JSON text (``cablekit.dumps(cable, "json")``)."""
    rows: Rows | None = None
    """The cable's rows of every table (:func:`cablekit.tables.rows`)."""
    text: str | bytes | None = None
    """The cable in the writer's :attr:`Writer.format`."""
    chunks: list[dict[str, object]] | None = None
    """The rows of the cable's chunks (:func:`cablekit.tables.chunk_rows`)."""
    chunk_lines: list[str] | None = None
    """The cable's chunks as JSON lines (:meth:`cablekit.Chunk.as_record`, ``key`` first)."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the fields in a tuple (what crosses back from every worker: quicker than attrs' state)."""
        return _item, (self.key, self.reference_id, self.json, self.rows, self.text, self.chunks, self.chunk_lines)


def _item(key: str, reference_id: str | None, json: str | None, rows: Rows | None, text: str | bytes | None,
          chunks: list[dict[str, object]] | None = None, chunk_lines: list[str] | None = None) -> Item:
    return Item(key=key, reference_id=reference_id, json=json, rows=rows, text=text, chunks=chunks,
                chunk_lines=chunk_lines)


def _chunk_payloads(cable: Cable, key: str, needs: frozenset[Payload],
                    chunker: Chunker | None) -> tuple[list[dict[str, object]] | None, list[str] | None]:
    if "chunks" not in needs and "chunk_lines" not in needs:
        return None, None
    found = list((chunker or Chunker())(cable))
    lines = [_json.dumps(c.as_record(key), ensure_ascii=False) for c in found] if "chunk_lines" in needs else None
    return (_tables.chunk_rows(found, key=key) if "chunks" in needs else None), lines


def prepare(cable: Cable, *, key: str, needs: Iterable[Payload], format: str | None = None,
            source: str | None = None, row: int | None = None, chunker: Chunker | None = None) -> Item:
    """The :class:`Item` of *cable* holding only the payloads in *needs* (a writer's :attr:`Writer.needs`).

    Args:
        cable: The parsed cable.
        key: Its unique location.
        needs: The payloads to compute.
        format: The serializer of the ``text`` payload (a writer's :attr:`Writer.format`).
        source: The file it was read from (a column of the ``cables`` table).
        row: Its row or line within that file.
        chunker: The options of the ``chunks`` and ``chunk_lines`` payloads (a writer's :attr:`Writer.chunker`).

    Raises:
        ValueError: ``text`` is needed and *format* is missing.
        TypeError: The serializer wrote neither :class:`str` nor :class:`bytes`.
    """
    needs = frozenset(needs)
    text: str | bytes | None = None
    if "text" in needs:
        if format is None:
            raise ValueError("the text payload needs a format")
        text = dumps(cable, format)
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"the {format!r} serializer wrote {type(text).__name__}, not str or bytes")
    chunks, chunk_lines = _chunk_payloads(cable, key, needs, chunker)
    return Item(key=key, reference_id=cable.reference_id,
                json=dumps(cable, "json") if "json" in needs else None,
                rows=_tables.rows(cable, key=key, source=source, row=row) if "rows" in needs else None,
                text=text, chunks=chunks, chunk_lines=chunk_lines)


class Writer:
    """What every output writer provides: :meth:`write` an :class:`Item`, :meth:`close`; a context manager."""

    needs: ClassVar[frozenset[Payload]] = frozenset()
    """The payloads of an :class:`Item` this writer reads."""
    format: str | None = None
    """The serializer whose output the ``text`` payload holds, when :attr:`needs` has ``text``."""
    chunker: Chunker | None = None
    """The chunking options of a chunk output (``None`` for the others)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Remember where the output goes (subclasses open it)."""
        self.path = Path(path)
        """Where the output is written."""
        self.written = 0
        """How many cables were written so far."""
        self.chunks = 0
        """How many chunks were written so far (by a chunk output)."""
        self.closed = False
        """Whether :meth:`close` ran."""

    def write(self, item: Item) -> None:
        """Write one cable."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output, leaving it valid; closing twice does nothing."""
        self.closed = True

    def _payload(self, item: Item, name: Payload) -> Any:
        value = getattr(item, name)
        if value is None:
            raise ValueError(f"{type(self).__name__} needs the {name!r} payload of {item.key!r}")
        if self.closed:
            raise ValueError(f"{type(self).__name__} for {self.path} is closed")
        return value

    def __enter__(self) -> Self:
        """Return the writer."""
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        """Close the writer, whether or not the block raised."""
        self.close()


# --------------------------------------------------------------------------- where outputs go


def _check_parent(path: Path) -> None:
    if not path.parent.is_dir():
        raise FileNotFoundError(f"cannot write {path}: the folder {path.parent} does not exist")


def _fresh_file(path: Path, overwrite: bool, companions: tuple[str, ...] = ()) -> None:
    """Make room for a new file at *path*, or raise when one is there and *overwrite* is false."""
    _check_parent(path)
    if path.is_dir():
        raise IsADirectoryError(f"cannot write {path}: it is a folder")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it")
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in companions)):
        candidate.unlink(missing_ok=True)


def _fresh_folder(path: Path, overwrite: bool, names: Iterable[str] = ()) -> None:
    """Make *path* an empty folder or, with *overwrite*, remove the entries *names* from it."""
    _check_parent(path)
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(f"cannot write into {path}: it is a file")
    if path.is_dir() and any(path.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{path} is not empty; pass overwrite=True to write into it")
        for name in names:
            entry = path / name
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink(missing_ok=True)
    path.mkdir(exist_ok=True)


# --------------------------------------------------------------------------- JSON lines


class JsonLinesWriter(Writer):
    """JSON lines: each line one cable's full JSON, valid against the shipped schema.

    Lines are written whole, so a run cut short leaves only complete lines.
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"json"})

    def __init__(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
        """Open *path* for writing (:class:`FileExistsError` when it exists and *overwrite* is false)."""
        super().__init__(path)
        _fresh_file(self.path, overwrite)
        self._file = self.path.open("w", encoding="utf-8", newline="\n")

    def write(self, item: Item) -> None:
        """Write the cable's JSON as one line."""
        self._line(self._payload(item, "json"))
        self.written += 1

    def _line(self, line: str) -> None:
        """Write one JSON text as one line."""
        if "\n" in line or "\r" in line or "\u2028" in line or "\u2029" in line:
            line = _json.dumps(_json.loads(line), separators=(",", ":"))  # one line, ASCII
        try:
            self._file.write(line + "\n")
        except UnicodeEncodeError:  # lone surrogates: escape them, as JSON can
            self._file.write(_json.dumps(_json.loads(line)) + "\n")

    def close(self) -> None:
        """Flush and close the file."""
        if not self.closed:
            self._file.close()
        super().close()


class ChunkJsonLinesWriter(JsonLinesWriter):
    """JSON lines of chunks: each line one chunk (:meth:`~cablekit.Chunk.as_record`), ``key`` first.

    A cable's chunks are written together, in order; a cable without chunks
    (no body text) writes no line.
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"chunk_lines"})

    def __init__(self, path: str | os.PathLike[str], *, chunker: Chunker | None = None,
                 overwrite: bool = False) -> None:
        """Open *path* for writing; *chunker* holds the chunking options (default: :class:`Chunker`'s)."""
        super().__init__(path, overwrite=overwrite)
        self.chunker = chunker or Chunker()

    def write(self, item: Item) -> None:
        """Write each chunk of the cable as one line."""
        lines: list[str] = self._payload(item, "chunk_lines")
        for line in lines:
            self._line(line)
        self.written += 1
        self.chunks += len(lines)


# --------------------------------------------------------------------------- Parquet


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(f"this output needs {module.split('.')[0]}: {_tables.INSTALL_HINT}") from error


_BIG_COLUMN: Final = {"cables": "body", "paragraphs": "text", "chunks": "text"}


class _RowGroups:
    """One Parquet file of table *name*, its rows buffered and written a row group at a time.

    A row group is written when the buffer holds *limits* ``[0]`` rows or about *limits* ``[1]`` bytes of
    text (each row counts 100, plus its table's big text column), so memory stays bounded.
    """

    __slots__ = ("_big", "_file", "_limits", "_name", "_pending", "_size")

    def __init__(self, pq: Any, path: Path, name: str, limits: tuple[int, int]) -> None:
        self._name, self._limits, self._big = name, limits, _BIG_COLUMN.get(name)
        self._pending: list[dict[str, object]] = []
        self._size = 0
        self._file = pq.ParquetWriter(path, _tables.arrow_schema(name))

    def add(self, rows: list[dict[str, object]]) -> None:
        """Buffer *rows*, writing a row group when the buffer is full."""
        self._pending.extend(rows)
        big = self._big
        self._size += 100 * len(rows) + (sum(len(str(r.get(big) or "")) for r in rows) if big else 0)
        if len(self._pending) >= self._limits[0] or self._size >= self._limits[1]:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered as a row group."""
        if self._pending:
            self._file.write_table(_tables.to_arrow(self._name, self._pending), row_group_size=len(self._pending))
        self._pending, self._size = [], 0

    def close(self) -> None:
        """Close the file (what is buffered is lost: :meth:`flush` first); it then has its footer."""
        self._file.close()


class ParquetWriter(Writer):
    """A folder of Parquet files, ``<table>.parquet`` for each table of :data:`~cablekit.tables.TABLES`.

    Rows are buffered per table and written as a row group when the buffer
    holds *row_group_rows* rows or about *row_group_bytes* of text, so memory
    stays bounded however many cables are written (about 200 MB at the
    defaults, most of it what Arrow's allocator keeps after the first row
    group; it does not grow with the number of cables).  Every table gets its file,
    with the declared schema, even when it has no rows.  With *overwrite*, the
    table files of an existing folder are replaced and other files left alone.
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"rows"})

    def __init__(self, path: str | os.PathLike[str], *, overwrite: bool = False,
                 row_group_rows: int = 10_000, row_group_bytes: int = 8 << 20) -> None:
        """Create the folder and one open Parquet file per table."""
        super().__init__(path)
        pq = _require("pyarrow.parquet")
        _fresh_folder(self.path, overwrite, (f"{name}.parquet" for name in _tables.TABLES))
        limits = (row_group_rows, row_group_bytes)
        self._files = {name: _RowGroups(pq, self.path / f"{name}.parquet", name, limits) for name in _tables.TABLES}

    def write(self, item: Item) -> None:
        """Buffer the cable's rows, writing a row group of each table whose buffer is full."""
        rows: Rows = self._payload(item, "rows")
        for name, table_rows in rows.items():
            self._files[name].add(table_rows)
        self.written += 1

    def close(self) -> None:
        """Write what is buffered and close every file (each then has its footer and reads back)."""
        if self.closed:
            return
        self.closed = True
        files = list(self._files.values())
        try:
            for file in files:
                file.flush()
        finally:
            for file in files:
                file.close()


class ChunkParquetWriter(Writer):
    """One Parquet file of the :data:`~cablekit.tables.CHUNKS` table, one row per chunk.

    Rows are written in row groups of at most *row_group_rows* rows or about
    *row_group_bytes* of text, so memory stays bounded.
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"chunks"})

    def __init__(self, path: str | os.PathLike[str], *, chunker: Chunker | None = None, overwrite: bool = False,
                 row_group_rows: int = 10_000, row_group_bytes: int = 8 << 20) -> None:
        """Open the file; *chunker* holds the chunking options (default: :class:`Chunker`'s)."""
        super().__init__(path)
        pq = _require("pyarrow.parquet")
        _fresh_file(self.path, overwrite)
        self.chunker = chunker or Chunker()
        self._file = _RowGroups(pq, self.path, "chunks", (row_group_rows, row_group_bytes))

    def write(self, item: Item) -> None:
        """Buffer the rows of the cable's chunks, writing a row group when the buffer is full."""
        rows: list[dict[str, object]] = self._payload(item, "chunks")
        self._file.add(rows)
        self.written += 1
        self.chunks += len(rows)

    def close(self) -> None:
        """Write what is buffered and close the file (it then has its footer and reads back)."""
        if self.closed:
            return
        self.closed = True
        try:
            self._file.flush()
        finally:
            self._file.close()


# --------------------------------------------------------------------------- SQLite

_SQL_TYPES: Final = {"text": str, "integer": int, "boolean": bool, "timestamp": str, "date": str}
_FTS_COLUMNS: Final = ("subject", "body")
_INDEXES: Final = {"tags": ("code",), "defects": ("code",), "references": ("cited_id",), "chunks": ("marking",)}


def _insert(table: str, columns: tuple[_tables.Column, ...]) -> tuple[str, Callable[[dict[str, object]],
                                                                                 tuple[object, ...]]]:
    """The INSERT statement of *table*, and what turns a row into its parameters (dates in ISO 8601)."""
    names = [c.name for c in columns]
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{n}]' for n in names)}) "
           f"VALUES ({', '.join('?' * len(names))})")
    dated = [i for i, c in enumerate(columns) if c.type in ("timestamp", "date")]

    def values(row: dict[str, object]) -> tuple[object, ...]:
        out = [row.get(name) for name in names]
        for i in dated:
            value = out[i]
            if value is not None:
                out[i] = value.isoformat()  # type: ignore[attr-defined]
        return tuple(out)

    return sql, values


class SqliteWriter(Writer):
    """An SQLite database of the tables of :data:`~cablekit.tables.TABLES`, with full-text search.

    ``cables.key`` is the primary key, and every other table's ``key`` a
    foreign key to it.  Rows are inserted in batches of whole cables (at most
    *batch_cables* cables or *batch_rows* rows), one transaction each, so a
    run cut short leaves only whole cables.  ``cables_fts`` is an FTS5 index
    over ``subject`` and ``body``, filled by :meth:`close` (which a Ctrl-C
    still runs) and then kept up to date by triggers for whoever adds rows
    later; :meth:`close` also adds the indexes on ``reference_id``, ``key`` and
    codes, and runs ``ANALYZE``.  The database opens in Datasette as it is, with
    ``?_search=`` on the cables table.
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"rows"})
    _schema: ClassVar[Mapping[str, tuple[_tables.Column, ...]]] = _tables.TABLES
    _primary: ClassVar[str | None] = "cables"  # the table whose key is unique, which the others refer to
    _fts: ClassVar[tuple[str, tuple[str, ...]]] = ("cables", _FTS_COLUMNS)

    def __init__(self, path: str | os.PathLike[str], *, overwrite: bool = False, batch_cables: int = 500,
                 batch_rows: int = 50_000) -> None:
        """Create the database, its tables and its full-text index."""
        super().__init__(path)
        sqlite_utils = _require("sqlite_utils")
        _fresh_file(self.path, overwrite, ("-journal", "-wal", "-shm"))
        self._connection = sqlite3.connect(self.path, isolation_level=None)  # we BEGIN and COMMIT
        self._db = sqlite_utils.Database(self._connection)
        primary = self._primary
        for name, columns in self._schema.items():
            self._db[name].create({c.name: _SQL_TYPES[c.type] for c in columns},
                                  pk="key" if name == primary else None,
                                  foreign_keys=None if primary in (None, name) else [("key", primary, "key")])
        self._db[self._fts[0]].enable_fts(self._fts[1], fts_version="FTS5")  # filled by close()
        self._inserts = {name: _insert(name, columns) for name, columns in self._schema.items()}
        self._limits = (batch_cables, batch_rows)
        self._pending: list[tuple[str, Rows]] = []  # whole cables, by key
        self._pending_rows = 0
        self._keys: set[str] = set()

    def _rows(self, item: Item) -> Rows:
        rows: Rows = self._payload(item, "rows")
        return rows

    def write(self, item: Item) -> None:
        """Buffer the cable's rows, committing a batch when it is full.

        Raises:
            ValueError: A cable with the same key was written before, or a batch
                held cables that could not be stored (the others are committed).
        """
        rows = self._rows(item)
        if item.key in self._keys:
            raise ValueError(f"a cable with key {item.key!r} was written already; keys must be unique")
        self._keys.add(item.key)
        self._pending.append((item.key, rows))
        self._pending_rows += sum(map(len, rows.values()))
        self.written += 1
        self.chunks += len(rows.get("chunks", ()))
        if len(self._pending) >= self._limits[0] or self._pending_rows >= self._limits[1]:
            self._commit()

    def _commit(self) -> None:
        """Commit the buffered cables in one transaction; when that fails, each cable in its own.

        A :class:`KeyboardInterrupt` rolls back and keeps the uncommitted cables for :meth:`close`.
        """
        if not self._pending:
            return
        try:
            self._insert([rows for _, rows in self._pending])
        except Exception:
            failed = self._insert_each()
            if failed:
                key, error = failed[0]
                self.written -= len(failed)
                raise ValueError(f"{len(failed)} cable(s) could not be stored, the first ({key!r}): "
                                 f"{error}") from error
        except BaseException:
            if self._committed():  # the interrupt came after the COMMIT: close() must not store them again
                self._pending, self._pending_rows = [], 0
            raise
        self._pending, self._pending_rows = [], 0

    def _committed(self) -> bool:
        """Whether the buffered batch is in the database (an interrupt may come between COMMIT and this)."""
        table = self._fts[0]
        key = next((key for key, rows in reversed(self._pending) if rows.get(table)), None)
        if key is None or self._connection.in_transaction:
            return False
        found = self._connection.execute(f"SELECT 1 FROM [{table}] WHERE key = ? LIMIT 1", (key,)).fetchone()
        return found is not None

    def _insert_each(self) -> list[tuple[str, Exception]]:
        failed: list[tuple[str, Exception]] = []
        while self._pending:
            key, rows = self._pending[0]
            try:
                self._insert([rows])
            except Exception as error:
                failed.append((key, error))
                self.chunks -= len(rows.get("chunks", ()))
            del self._pending[0]
        self._pending_rows = 0
        return failed

    def _insert(self, batch: list[Rows]) -> None:
        connection = self._connection
        connection.execute("BEGIN")
        try:
            for name, (sql, values) in self._inserts.items():
                connection.executemany(sql, (values(row) for rows in batch for row in rows.get(name, ())))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Commit what is buffered, add the indexes, optimize the full-text index and close the database."""
        if self.closed:
            return
        self.closed = True
        try:
            self._commit()
        finally:
            try:
                self._finish()
            finally:
                self._connection.close()

    def _finish(self) -> None:
        db = self._db
        for name in self._schema:
            columns = ("reference_id",) + (() if name == self._primary else ("key",)) + _INDEXES.get(name, ())
            for column in columns:
                db[name].create_index([column], if_not_exists=True)
        # Filling the index once is several times faster than keeping it up to date row by row; the
        # triggers then keep it so for whoever adds rows later.
        table, columns = self._fts
        db[table].enable_fts(columns, fts_version="FTS5", create_triggers=True, replace=True)
        self._connection.execute("ANALYZE")


class ChunkSqliteWriter(SqliteWriter):
    """An SQLite database of the :data:`~cablekit.tables.CHUNKS` table, with full-text search.

    Committed in batches of whole cables as :class:`SqliteWriter` does;
    ``chunks_fts`` is an FTS5 index over ``text`` and ``heading``, and
    ``key``, ``reference_id`` and ``marking`` are indexed.  It opens in
    Datasette as it is, with ``?_search=`` on the chunks table.
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"chunks"})
    _schema: ClassVar[Mapping[str, tuple[_tables.Column, ...]]] = {"chunks": _tables.CHUNKS}
    _primary: ClassVar[str | None] = None
    _fts: ClassVar[tuple[str, tuple[str, ...]]] = ("chunks", ("text", "heading"))

    def __init__(self, path: str | os.PathLike[str], *, chunker: Chunker | None = None, overwrite: bool = False,
                 batch_cables: int = 500, batch_rows: int = 50_000) -> None:
        """Create the database, its table and its full-text index; *chunker* holds the chunking options."""
        super().__init__(path, overwrite=overwrite, batch_cables=batch_cables, batch_rows=batch_rows)
        self.chunker = chunker or Chunker()

    def _rows(self, item: Item) -> Rows:
        return {"chunks": self._payload(item, "chunks")}


# --------------------------------------------------------------------------- a folder of files

_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED: Final = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                              *(f"LPT{i}" for i in range(10))})


def file_stem(name: str) -> str:
    """A safe file name stem for *name* (a reference id or a key): letters, digits, ``.``, ``_`` and ``-``."""
    stem = _UNSAFE.sub("_", name).lstrip("._-")[:120] or "cable"
    return f"_{stem}" if stem.split(".")[0].upper() in _RESERVED else stem


class FolderWriter(Writer):
    """A folder with one file per cable in a serializer's format.

    A file is named from the cable's id (its key when it has none), made safe
    (:func:`file_stem`); a name taken already, ignoring case, gets ``-2``,
    ``-3``… before the extension, which is ``.md`` for ``markdown``, ``.txt``
    for ``text``, ``.json`` for ``json`` and ``.<name>`` for any other.  Each
    file is written whole (to a temporary name, then renamed).
    """

    needs: ClassVar[frozenset[Payload]] = frozenset({"text"})

    def __init__(self, path: str | os.PathLike[str], *, serializer: str, overwrite: bool = False) -> None:
        """Create the folder (:class:`FileExistsError` when it is not empty and *overwrite* is false).

        Raises:
            ValueError: *serializer* is unknown or writes no text (``dict``).
        """
        super().__init__(path)
        known = serializers()
        if serializer not in known or serializer == "dict":
            files = ", ".join(name for name in known if name != "dict")
            raise ValueError(f"cannot write files in format {serializer!r}; formats that can: {files}")
        self.format = serializer
        self.extension = _EXTENSIONS.get(serializer, f".{serializer}")
        """The extension of every file, with its dot."""
        _fresh_folder(self.path, overwrite)
        self._taken: set[str] = set()

    def name_for(self, item: Item) -> str:
        """The file name of *item*'s cable, taken from now on."""
        stem = file_stem(item.reference_id or item.key)
        name, number = stem + self.extension, 1
        while name.casefold() in self._taken:
            number += 1
            name = f"{stem}-{number}{self.extension}"
        self._taken.add(name.casefold())
        return name

    def write(self, item: Item) -> None:
        """Write the cable's file."""
        data: str | bytes = self._payload(item, "text")
        target = self.path / self.name_for(item)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data)
        os.replace(partial, target)
        self.written += 1


# --------------------------------------------------------------------------- choosing a writer


def output_kind(path: str | os.PathLike[str], *, to: str | None = None, serializer: str | None = None) -> str:
    """The kind of output (one of :data:`KINDS`) that :func:`open_output` writes at *path*.

    *to* names the kind; without it a *serializer* means ``folder`` (unless
    the suffix of *path* names another kind), else the suffix of *path*
    decides (:data:`SUFFIXES`).  For ``chunks``, what is written, the suffix
    names the container instead (see :func:`open_output`).

    Raises:
        ValueError: Neither names a known kind.
    """
    if to is not None:
        if to in KINDS:
            return to
        raise ValueError(f"unknown output {to!r}; known outputs: {', '.join(KINDS)}")
    kind = SUFFIXES.get(Path(path).suffix.lower())
    if serializer is not None:
        if kind is not None:
            raise ValueError(f"{os.fspath(path)!r} names a {kind} output, but a serializer writes a folder: "
                             f"pass to='folder' to write a folder of that name")
        return "folder"
    if kind is None:
        raise ValueError(f"cannot tell the output from {os.fspath(path)!r}: name a suffix "
                         f"({', '.join(SUFFIXES)}), or an output ({', '.join(KINDS)}) or a format")
    return kind


def open_output(path: str | os.PathLike[str], *, to: str | None = None, serializer: str | None = None,
                overwrite: bool = False, chunker: Chunker | None = None) -> Writer:
    """Open the writer for *path*: JSON lines, Parquet, SQLite, a folder of a serializer's files, or chunks.

    With ``to="chunks"`` (or a *chunker*), each cable's chunks are written, in
    the container the suffix of *path* names: ``.parquet`` a Parquet file
    (:class:`ChunkParquetWriter`), ``.sqlite``, ``.sqlite3`` or ``.db`` an
    SQLite database (:class:`ChunkSqliteWriter`), any other JSON lines
    (:class:`ChunkJsonLinesWriter`).

    Args:
        path: Where to write: a file (JSON lines, SQLite, chunks) or a folder (Parquet, serializer output).
        to: The kind of output, one of :data:`KINDS`; by default from *serializer* or the suffix of *path*.
        serializer: The format of a folder's files (``markdown``, ``text``, ``json`` or a plugin's).
        overwrite: Replace an existing output instead of raising :class:`FileExistsError`.
        chunker: The chunking options of a chunk output (default: :class:`~cablekit.Chunker`'s).

    Raises:
        ValueError: The kind of output is unknown, a folder has no (known) serializer, or *chunker* is for another kind.
        OSError: The output cannot be opened (its folder is missing, it exists…).
    """
    if chunker is not None and to is None and serializer is None:
        to = "chunks"
    kind = output_kind(path, to=to, serializer=serializer)
    if chunker is not None and kind != "chunks":
        raise ValueError(f"chunker= is for chunk output, not for {kind} output")
    if kind == "chunks":
        return _open_chunks(path, serializer, overwrite, chunker)
    if kind == "folder":
        if serializer is None:
            raise ValueError("a folder output needs a serializer, e.g. serializer='markdown'")
        return FolderWriter(path, serializer=serializer, overwrite=overwrite)
    if serializer is not None:
        raise ValueError(f"serializer= is for a folder of files, not for {kind} output")
    writers: dict[str, Callable[..., Writer]] = {"jsonl": JsonLinesWriter, "parquet": ParquetWriter,
                                                 "sqlite": SqliteWriter}
    return writers[kind](path, overwrite=overwrite)


def _open_chunks(path: str | os.PathLike[str], serializer: str | None, overwrite: bool,
                 chunker: Chunker | None) -> Writer:
    if serializer is not None:
        raise ValueError("serializer= is for a folder of files, not for chunks")
    writers: dict[str | None, Callable[..., Writer]] = {"parquet": ChunkParquetWriter, "sqlite": ChunkSqliteWriter}
    writer = writers.get(SUFFIXES.get(Path(path).suffix.lower()), ChunkJsonLinesWriter)
    return writer(path, chunker=chunker, overwrite=overwrite)
