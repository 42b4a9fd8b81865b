"""Readers: one :class:`Record` per cable from files, directories, globs, path lists and standard input.

:func:`read` takes sources (a file, a directory walked recursively, a glob
pattern, ``"-"`` for standard input; any of them gzip-compressed) and yields a
:class:`Record` for each cable they hold, with where it came from and what its
container states about it.  Formats: plain text, WikiLeaks pages (HTML),
the release's ``cables.csv``, JSON lines and JSON files.

* CSV and JSON lines are streamed, never read whole; text, HTML and JSON
  files are read whole.
* Bytes that are not UTF-8 are decoded with the encoding charset-normalizer
  finds most likely, and each record read from them carries an
  ``encoding-guessed`` defect (:func:`decode`).
* A text or HTML file holding several cables yields each of them, every
  piece with a ``several-cables`` defect; where it cannot tell where a cable
  starts it does not cut, and says so with a ``several-cables`` defect.
* A source that cannot be read (missing, unreadable, a bad gzip, a broken CSV
  row or JSON line) is reported to *on_error* and reading goes on, or raises
  :class:`SourceError` when no *on_error* is given.

Reading ``cables.csv`` raises the :mod:`csv` module's field size limit, which
is process-wide, once, to :data:`FIELD_SIZE_LIMIT`.

>>> from cablekit.io import decode
>>> decode("SUBJECT: DÉMARCHE".encode("cp1252"))
('SUBJECT: DÉMARCHE', 'cp1252')
>>> decode(b"\\xef\\xbb\\xbfUNCLAS STATE 000001")
('UNCLAS STATE 000001', None)
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import io as _io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final, NamedTuple, TextIO

import attrs

from . import wrappers as _wrappers
from ._split import find_cuts
from .consistency import Consistency
from .defects import DEFECT_CODES, DefectCode
from .identity import canonical_id
from .model import Cable, Defect, Metadata, Mode
from .normalize import normalize as _normalize
from .parser import parse as _parse
from .tokens import split_lines

__all__ = ["FIELD_SIZE_LIMIT", "FORMATS", "SAMPLE_SIZE", "SUFFIXES", "Record", "SourceError", "decode", "files",
           "paths_from", "read", "record_metadata"]

FORMATS: Final = ("text", "html", "csv", "jsonl", "json")
"""The formats :func:`read` knows."""
SUFFIXES: Final[Mapping[str, str]] = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
                                      ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
"""The file suffixes a directory walk reads (each also with ``.gz`` after it), and the format each names."""
SAMPLE_SIZE: Final = 2 * 1024 * 1024
"""How many leading bytes of a source decide its format and, for streamed formats, its encoding."""
FIELD_SIZE_LIMIT: Final = 64 * 1024 * 1024
"""The largest CSV field read (64 MiB); :func:`read` raises :func:`csv.field_size_limit` to it."""
STDIN: Final = "<stdin>"
"""The :attr:`Record.source` of what was read from standard input."""

_CSV_COLUMNS: Final = ("id", "date", "refid", "origin", "classification", "references", "header", "body")
_CSV_NAMES: Final = frozenset({*_CSV_COLUMNS, "reference_id", "reference id", "identifier", "created", "subject",
                               "title", "text", "content", "date_time", "cable_id"})
_CSV_ROW: Final = re.compile(r'"?\d{1,9}"?,"?(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d)')
_HEADING: Final = re.compile(r"Viewing cable [^,]{1,60},\s*")
_TABLE: Final = re.compile(r"<table\b[^>]{0,200}class=['\"]cable['\"]", re.IGNORECASE)
_PAGE_START: Final = re.compile(r"<(?:!DOCTYPE|html\b)|<table\b[^>]{0,200}class=['\"]cable['\"]", re.IGNORECASE)


class SourceError(Exception):
    """A source, or a part of one, that could not be read.

    The original error, when there is one, is its ``__cause__``.
    """

    source: str
    """The source as given or walked (``"<stdin>"`` for standard input)."""
    line: int | None
    """The 1-based line of the source where the problem is, when it is within the source."""

    def __init__(self, source: str, message: str, *, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self._message = message

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the error with its cause, so that one found in a worker process is reported whole."""
        return _source_error, (type(self), self.source, self._message, self.line, self.__cause__)


def _source_error(kind: type[SourceError], source: str, message: str, line: int | None,
                  cause: BaseException | None) -> SourceError:
    error = kind(source, message, line=line)
    error.__cause__ = cause
    return error


def _defect(code: DefectCode, message: str, *, line: int = 1, text: str = "", repair: str | None = None) -> Defect:
    return Defect(code=code.value, message=message, line=line, text=text,
                  repair=DEFECT_CODES[code.value].repair if repair is None else repair)


@attrs.frozen(kw_only=True)
class Record:
    """One cable as a source holds it, before parsing."""

    text: str
    """What to parse: a file's text, a page's HTML, a CSV row's header and body, a JSON record's text."""
    source: str
    """The path as given or walked (``"<stdin>"`` for standard input)."""
    line: int = 1
    """The 1-based line of the source where the record starts."""
    row: int | None = None
    """1-based: the CSV row (header row not counted), JSON-lines line, index in a JSON array, or piece of a
    split file; ``None`` for a whole file."""
    format: str = "text"
    """How it was read: one of :data:`FORMATS`."""
    reference_id: str | None = None
    """The id hint the container gives (a file name that is an id, a CSV ``refid`` column, a record's id)."""
    metadata: Metadata | None = None
    """What the container states about the cable."""
    defects: tuple[Defect, ...] = ()
    """What reading found (``encoding-guessed``, ``several-cables``)."""

    @property
    def key(self) -> str:
        """A unique, stable name of where the record is: the source, and ``#row`` when it has a row."""
        return self.source if self.row is None else f"{self.source}#{self.row}"

    def parse(self, *, mode: Mode | str = Mode.LENIENT, normalize: bool = False,
              check: Consistency | str = Consistency.RECORD) -> Cable:
        """Parse the record with :func:`cablekit.parse` (*mode* and *check* are its).

        The container's id hint fills :attr:`Metadata.identifier <cablekit.Metadata.identifier>` when the
        metadata states none (a stated id that disagrees with the text's is recorded; the text's wins).  The
        record's defects come first on :attr:`Cable.defects <cablekit.Cable.defects>`.  With *normalize*, the
        result is :func:`cablekit.normalize`'s, which keeps no defects.
        """
        metadata = self.metadata
        if self.reference_id and (metadata is None or not metadata.identifier):
            metadata = attrs.evolve(metadata or Metadata(), identifier=self.reference_id)
        cable = _parse(self.text, mode=mode, metadata=metadata, check=check)
        if self.defects:
            cable = attrs.evolve(cable, defects=self.defects + cable.defects)
        return _normalize(cable) if normalize else cable


def record_metadata(record: Mapping[str, object]) -> Metadata:
    """What a record's fields state (``refid``/``reference_id``/``_id``, ``date``/``created``, …).

    >>> record_metadata({"refid": "08TALLINN412", "date": "2008-03-13 10:25", "references": "08TALLINN388"})
    ... # doctest: +ELLIPSIS
    Metadata(identifier='08TALLINN412', created=datetime.datetime(2008, 3, 13, 10, 25, ...), ...)
    """
    metadata = _wrappers.metadata_from(record)
    title = record.get("heading")
    if metadata.title is None and isinstance(title, str) and title.strip():
        metadata = attrs.evolve(metadata, title=" ".join(_HEADING.sub("", title, count=1).split()) or None)
    if metadata.identifier is None:
        for key in ("_id", "ID", "Id"):
            value = record.get(key)
            if isinstance(value, str) and canonical_id(value) == value.strip().upper():
                return attrs.evolve(metadata, identifier=value.strip())
    return metadata


# --------------------------------------------------------------------------- decoding

def _is_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes((c,))) for c in (*range(1, 8), *range(14, 27), *range(28, 32)))
    return controls * 20 > len(sample)


def _guess(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most likely for *data*; Windows-1252 among equal bests."""
    try:
        import charset_normalizer
    except ImportError as error:  # pragma: no cover - a core dependency
        raise ModuleNotFoundError("cablekit.io needs charset-normalizer: pip install charset-normalizer") from error
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        return None
    best = results[0]
    for result in results:
        if result.chaos <= best.chaos and "cp1252" in result.could_be_from_charset:
            return "cp1252"
    return str(best.encoding)


_BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _encoding_of(data: bytes, *, final: bool = True) -> str | None:
    """``None`` for UTF-8 (BOM or not), else the encoding to read *data* (a sample when not *final*) with."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
        return None
    except UnicodeDecodeError:
        pass
    if _is_binary(data):
        return "binary"
    return _guess(data[:SAMPLE_SIZE]) or "binary"


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode a file's bytes: the text, and the encoding guessed (``None`` for UTF-8).

    UTF-8 (its BOM removed) gives ``(text, None)``.  A UTF-16 or UTF-32 BOM
    gives that encoding.  Other bytes are decoded with the encoding
    charset-normalizer finds most likely (Windows-1252 when it is among the
    best), and its name is returned.  Bytes that are no text (NUL bytes, many
    control characters, or no encoding fits) are decoded as UTF-8 with
    replacement characters, and the name is ``"binary"``.
    """
    name = _encoding_of(data)
    if name is None:
        return data.decode("utf-8-sig"), None
    if name == "binary":
        return data.decode("utf-8", errors="replace"), name
    return data.decode(name, errors="replace"), name


def _encoding_defect(name: str) -> Defect:
    if name == "binary":
        message = "the bytes are not text (NUL or control bytes): decoded as UTF-8 with replacement characters"
        return _defect(DefectCode.ENCODING_GUESSED, message,
                       repair="decoded as UTF-8, each byte that is not UTF-8 replaced by U+FFFD")
    return _defect(DefectCode.ENCODING_GUESSED, f"the bytes are not UTF-8: decoded as {name}")


# --------------------------------------------------------------------------- sources

def paths_from(stream: TextIO | IO[bytes] | IO[str]) -> Iterator[str]:
    """The paths listed in *stream*, one a line; blank lines and blanks around a path are ignored.

    Bytes are read as the file system encodes names (:func:`os.fsdecode`).

    >>> import io
    >>> list(paths_from(io.StringIO("a.txt\\n\\n  dir/b.csv  \\n")))
    ['a.txt', 'dir/b.csv']
    """
    for line in stream:
        path = os.fsdecode(line) if isinstance(line, bytes) else line
        path = path.strip()
        if path:
            yield path


def _walk(directory: Path) -> Iterator[Path]:
    """The files of known suffixes under *directory*, sorted by name, depth first; hidden ones skipped."""
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as error:
        raise SourceError(str(directory), f"cannot list the directory ({error})") from error
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file() and _suffix_format(entry.name) is not None:
            yield entry


def _suffix_format(name: str) -> str | None:
    lower = name.lower().removesuffix(".gz")
    return SUFFIXES.get(os.path.splitext(lower)[1])


def _expand(source: str) -> Iterator[str]:
    """The files one source names (a file, a directory, a glob pattern), in order."""
    if source == "-":
        yield source
        return
    path = Path(source)
    if path.is_dir():
        found = False
        for file in _walk(path):
            found = True
            yield str(file)
        if not found:
            raise SourceError(source, f"the directory holds no file to read ({', '.join(SUFFIXES)}, or .gz)")
    elif path.exists() or not glob.has_magic(source):
        yield source
    else:
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            raise SourceError(source, "no file matches this pattern")
        for match in matches:
            yield from (str(p) for p in _walk(Path(match))) if os.path.isdir(match) else (match,)


def files(sources: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The files *sources* name, in the order :func:`read` reads them: directories walked, patterns expanded.

    ``"-"`` (standard input) is passed through as it is.

    Raises:
        SourceError: A directory cannot be listed, or a pattern matches no file.
    """
    for source in sources:
        yield from _expand(os.fspath(source))


class _Rejoined(_io.RawIOBase):
    """A stream that gives back *head* (bytes already read) and then the rest of *stream*."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _stdin() -> IO[bytes]:
    """Standard input's bytes; a text-only stream put in its place (``io.StringIO``) is read as UTF-8."""
    buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else _io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


def _open(source: str) -> IO[bytes]:
    """The bytes of a source, decompressed when they are gzip's."""
    raw: IO[bytes] = _stdin() if source == "-" else open(source, "rb")  # noqa: SIM115
    magic = raw.peek(2)[:2] if isinstance(raw, _io.BufferedReader) else b""
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _sniff(head: bytes, name: str) -> str:
    """The format of a source from its suffix, else from its first bytes."""
    by_suffix = _suffix_format(name)
    if by_suffix is not None:
        return by_suffix
    text = head[:65536].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    if text.startswith("<") and _PAGE_START.search(text[:4096]):
        return "html"
    if _CSV_ROW.match(text) or _csv_header(text.split("\n", 1)[0]):
        return "csv"
    return "text"


def _csv_header(line: str) -> bool:
    names = [n.strip().strip('"').strip().lower() for n in line.split(",")]
    return len(names) >= 3 and sum(n in _CSV_NAMES for n in names) >= 3


# --------------------------------------------------------------------------- reading

OnError = Callable[[str, Exception], None]


class RawRecord(NamedTuple):
    """Internal: a record as read, not yet decoded, cheap to pickle, so that a worker process builds it.

    *kind* says what *payload* holds: ``csv`` (the column names and the row's fields), ``jsonl`` (the
    line), ``file`` (a text or HTML file's format and bytes: its records are the pieces it splits into),
    ``record`` (a :class:`Record` built already) or ``error`` (the :class:`SourceError` to report there).
    """

    kind: str
    source: str
    line: int = 1
    row: int = 0
    payload: Any = None
    found: tuple[Defect, ...] = ()
    """What reading the whole stream found (``encoding-guessed``), put first on each record's defects."""

    @property
    def size(self) -> int:
        """About how many characters (or bytes) the payload holds."""
        if self.kind == "csv":
            return sum(map(len, self.payload[1]))
        if self.kind in ("jsonl", "file"):
            return len(self.payload if self.kind == "jsonl" else self.payload[1])
        return len(self.payload.text) if self.kind == "record" else 0

    def build(self) -> Built:
        """The records of this raw record, in order, and the error to report after them (or ``None``)."""
        if self.kind == "error":
            return [], self.payload
        try:
            return _BUILDERS[self.kind](self), None
        except SourceError as error:
            return [], error


Built = tuple[list[Record], SourceError | None]
"""A raw record's records, and the error to report after them (``None`` when it was read)."""


class Reading(Iterator[Record]):
    """Internal: what :func:`read` returns, an iterator of its records, built one raw record at a time.

    :func:`cablekit.job.parse_records` takes the raw records (:meth:`raws`) instead, when nothing was
    read yet, so that worker processes decode and build them, and reports the errors itself (:meth:`report`).
    """

    def __init__(self, sources: Iterable[str | os.PathLike[str]], format: str | None,
                 on_error: OnError | None) -> None:
        self._sources = sources
        self._format = format
        self._on_error = on_error
        self._records: Iterator[Record] | None = None

    def __iter__(self) -> Reading:
        return self

    def __next__(self) -> Record:
        if self._records is None:
            self._records = self._unfold(raw.build() for raw in self._raw_stream())
        return next(self._records)

    def raws(self) -> Iterator[RawRecord] | None:
        """The raw records, when no record was read yet (then :meth:`__next__` yields nothing more)."""
        if self._records is not None:
            return None
        self._records = iter(())
        return self._raw_stream()

    def report(self, error: SourceError) -> None:
        """Hand *error* to *on_error*, or raise it when there is none."""
        if self._on_error is None:
            raise error
        self._on_error(error.source, error)

    def _unfold(self, built: Iterable[Built]) -> Iterator[Record]:
        for records, error in built:
            yield from records
            if error is not None:
                self.report(error)

    def _raw_stream(self) -> Iterator[RawRecord]:
        if self._format is not None and self._format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {self._format!r}")
        seen: set[str] = set()
        for given in self._sources:
            for path in _paths_of(os.fspath(given)):
                if isinstance(path, SourceError):
                    yield RawRecord("error", path.source, payload=path)
                    continue
                if path != "-":
                    real = os.path.realpath(path)
                    if real in seen:  # named twice (a folder and a file in it): read once, keys stay unique
                        continue
                    seen.add(real)
                try:
                    yield from _raws_of_path(path, self._format)
                except SourceError as error:  # this file only: the next ones are still read
                    yield RawRecord("error", error.source, payload=error)


def _paths_of(source: str) -> Iterator[str | SourceError]:
    """The files *source* names, then the error that stopped naming them, if one did."""
    try:
        yield from _expand(source)
    except SourceError as error:
        yield error


def read(sources: Iterable[str | os.PathLike[str]], *, format: str | None = None,
         on_error: OnError | None = None) -> Iterator[Record]:
    """Yield one :class:`Record` per cable held by *sources*, in order.

    Each source is a file (read whatever its suffix, the format found from
    its content), a directory (walked recursively, sorted by name, hidden
    files and directories skipped, only files of :data:`SUFFIXES` read, with
    or without ``.gz``), a glob pattern (when no such path exists; ``**``
    allowed; sorted) or ``"-"`` for standard input.  Gzip is recognized by
    its first bytes.  *format* (one of :data:`FORMATS`) overrides the suffix
    and the sniffing for every file.  A file named twice (a folder and a file
    in it, two overlapping patterns) is read once, where it is first named.

    *on_error* is called with ``(source, error)`` for a source, a CSV row or
    a JSON line that cannot be read, and reading goes on; *error* is a
    :class:`SourceError` whose ``__cause__`` is the original error.  Without
    *on_error*, that :class:`SourceError` is raised.

    Given to :func:`cablekit.job.parse_records` (or :func:`~cablekit.job.convert`)
    before any record was taken from it, the records are decoded and built in
    the worker processes, and *on_error* is called as the results come back,
    in the same order.
    """
    return Reading(sources, format, on_error)


def _raws_of_path(path: str, format: str | None) -> Iterator[RawRecord]:
    name = STDIN if path == "-" else path
    try:
        stream = _open(path)
    except OSError as error:
        raise SourceError(name, f"cannot open ({error.strerror or error})") from error
    try:
        head = stream.read(SAMPLE_SIZE)
        kind = format or _sniff(head, "" if path == "-" else path)
        if kind in ("csv", "jsonl"):
            yield from _stream_raws(name, kind, head, stream)
        elif kind == "json":  # one value: its records are built here, each crossing to a worker on its own
            data = head + stream.read()
            yield from (RawRecord("record", name, payload=record) for record in _read_whole(name, kind, data))
        else:
            yield RawRecord("file", name, payload=(kind, head + stream.read()))
    except (OSError, EOFError, zlib.error) as error:
        raise SourceError(name, f"cannot read ({error})") from error
    finally:
        if path != "-":
            stream.close()


def _file_hint(source: str) -> str | None:
    if source == STDIN:
        return None
    stem = Path(source).name.split(".", 1)[0]
    found = canonical_id(stem)
    return found if found is not None and found == stem.upper() else None


def _read_whole(source: str, kind: str, data: bytes) -> Iterator[Record]:
    text, encoding = decode(data)
    found = (_encoding_defect(encoding),) if encoding else ()
    if kind == "json":
        yield from _json_records(source, text, found)
        return
    pieces = _html_pieces(text) if kind == "html" else _text_pieces(text)
    hint = _file_hint(source)
    if len(pieces) == 1:
        piece_text, _, piece_defects = pieces[0]
        yield Record(text=piece_text, source=source, format=kind, reference_id=hint, defects=found + piece_defects)
        return
    for number, (piece_text, line, piece_defects) in enumerate(pieces, start=1):
        yield Record(text=piece_text, source=source, line=line, row=number, format=kind,
                     reference_id=None, defects=found + piece_defects)


Piece = tuple[str, int, tuple[Defect, ...]]  # text, 1-based first line in the file, defects


def _text_pieces(text: str) -> list[Piece]:
    """The cables of a text file: one piece, or one per cable found (see :mod:`cablekit._split`)."""
    values, ends = split_lines(text)
    cuts = find_cuts(values)
    unclear = [_defect(DefectCode.SEVERAL_CABLES,
                       f"the text may hold another cable ({cut.what}, line {cut.index + 1} of the file) "
                       "that cablekit could not separate: not split there",
                       text=values[cut.index][:80], repair="not split: parsed with the cable before it")
               for cut in cuts.unclear]
    if not cuts.cuts:
        return [(text, 1, (_several_unclear(unclear),) if unclear else ())]
    starts = [0, *(cut.index for cut in cuts.cuts)]
    reasons = ["the start of the file", *(cut.what for cut in cuts.cuts)]
    line_ends = ends if ends is not None else ["\n"] * len(values)
    if ends is None and not text.endswith("\n"):
        line_ends[-1:] = [""]
    pieces: list[Piece] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(values)], strict=True), start=1):
        piece = "".join(v + e for v, e in zip(values[start:end], line_ends[start:end], strict=True))
        defects = [_defect(DefectCode.SEVERAL_CABLES,
                           f"cable {number} of {len(starts)} in one text, cut at line {start + 1} of the file "
                           f"({reasons[number - 1]})", text=values[start][:80] if values else "")]
        defects += [d for d, cut in zip(unclear, cuts.unclear, strict=True) if start <= cut.index < end][:1]
        pieces.append((piece, start + 1, tuple(defects)))
    return pieces


def _several_unclear(unclear: list[Defect]) -> Defect:
    first = unclear[0]
    if len(unclear) == 1:
        return first
    return attrs.evolve(first, message=f"{first.message}; {len(unclear) - 1} more such place(s) in the text")


def _html_pieces(text: str) -> list[Piece]:
    """One piece per page when the file holds several WikiLeaks pages (``<html>`` or ``<table class='cable'>``)."""
    starts = [m.start() for m in re.finditer(r"<html\b", text, re.IGNORECASE)]
    if len(starts) < 2:
        starts = [m.start() for m in _TABLE.finditer(text)]
    if len(starts) < 2:
        return [(text, 1, ())]
    starts[0] = 0
    pieces: list[Piece] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)], strict=True), start=1):
        line = text.count("\n", 0, start) + 1
        pieces.append((text[start:end], line, (_defect(
            DefectCode.SEVERAL_CABLES, f"page {number} of {len(starts)} in one HTML file, from line {line}",
            repair="the file is cut before each page; each page is parsed as a cable of its own"),)))
    return pieces


def _json_records(source: str, text: str, found: tuple[Defect, ...]) -> Iterator[Record]:
    """The records of a JSON file: one object, or an array of them."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise SourceError(source, f"not JSON ({error})") from error
    if isinstance(value, dict):
        yield _json_record(value, text, source=source, line=1, row=None, defects=found)
        return
    if not isinstance(value, list):
        raise SourceError(source, "a JSON file must hold an object or an array of objects")
    for index, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise SourceError(source, f"item {index} of the array is not an object")
        yield _json_record(item, json.dumps(item, ensure_ascii=False), source=source, line=1, row=index,
                           defects=found)


def _json_record(record: Mapping[str, Any], text: str, *, source: str, line: int, row: int | None,
                 defects: tuple[Defect, ...], kind: str = "json") -> Record:
    """A record of a JSON object: a page record (``html``) gives its page, any other its JSON text.

    A record with no field holding cable text (:data:`cablekit.wrappers.CABLE_TEXT_KEYS`) gives an
    empty text, which parses to a cable with the ``no-cable`` defect and the record's metadata.
    """
    metadata = record_metadata(record)
    page = record.get("html")
    if isinstance(page, str):
        return Record(text=page, source=source, line=line, row=row, format="html",
                      reference_id=metadata.identifier, metadata=metadata, defects=defects)
    if not _holds_cable_text(record):  # metadata alone (a catalogue's record): no cable, and counted as such
        text = ""
    return Record(text=text, source=source, line=line, row=row, format=kind,
                  reference_id=metadata.identifier, metadata=metadata, defects=defects)


def _holds_cable_text(record: Mapping[str, Any]) -> bool:
    texts = {str(key).strip().lower(): value for key, value in record.items() if isinstance(value, str)}
    return any(texts.get(key, "").strip() for key in _wrappers.CABLE_TEXT_KEYS)


# --------------------------------------------------------------------------- streamed formats

def _text_stream(head: bytes, stream: IO[bytes]) -> tuple[TextIO, str | None]:
    """*stream* (after *head*, already read) as text: UTF-8 keeping stray bytes as escapes, or the guess."""
    encoding = _encoding_of(head, final=len(head) < SAMPLE_SIZE)
    buffered = _io.BufferedReader(_Rejoined(head, stream), buffer_size=1 << 20)
    if encoding is None:
        return _io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="surrogateescape", newline=""), None
    codec = "utf-8" if encoding == "binary" else encoding
    return _io.TextIOWrapper(buffered, encoding=codec, errors="replace", newline=""), encoding


def _repaired(text: str) -> tuple[str, tuple[Defect, ...]]:
    """*text* whose bytes that were not UTF-8 (kept as escapes) are decoded by :func:`decode`, and the defect."""
    if text.isascii():  # most cable text: no escaped byte in it
        return text, ()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        fixed, name = decode(text.encode("utf-8", errors="surrogateescape"))
        return fixed, (_defect(DefectCode.ENCODING_GUESSED,
                               f"some bytes of the record are not UTF-8: decoded as {name or 'utf-8'}"),)
    return text, ()


def _stream_raws(source: str, kind: str, head: bytes, stream: IO[bytes]) -> Iterator[RawRecord]:
    text_stream, encoding = _text_stream(head, stream)
    found = (_encoding_defect(encoding),) if encoding else ()
    if kind == "csv":
        yield from _csv_raws(source, text_stream, found, escaped=_backslash_escaped(head))
    else:
        yield from _jsonl_raws(source, text_stream, found)


def _backslash_escaped(head: bytes) -> bool:
    """Whether a CSV escapes with backslashes (``\\"``, ``\\\\``), as the release's ``cables.csv`` does.

    A CSV written the standard way (doubled quotes) keeps a lone backslash as it is: reading it with
    backslash escapes would drop it (``C:\\temp`` would read ``C:temp``).
    """
    return b'\\"' in head or b"\\\\" in head


def _with_found(record: Record, found: tuple[Defect, ...]) -> Record:
    return attrs.evolve(record, defects=found + record.defects) if found else record


def _jsonl_raws(source: str, stream: TextIO, found: tuple[Defect, ...]) -> Iterator[RawRecord]:
    row = 0
    for number, line in enumerate(stream, start=1):
        if not line or line.isspace():
            continue
        row += 1
        yield RawRecord("jsonl", source, number, row, line, found)


def _jsonl_built(raw: RawRecord) -> list[Record]:
    line, repaired = _repaired(raw.payload)
    try:
        value = json.loads(line)
    except (ValueError, RecursionError) as error:
        raise SourceError(raw.source, f"not a JSON object ({error})", line=raw.line) from error
    if not isinstance(value, dict):
        raise SourceError(raw.source, "the line is not a JSON object", line=raw.line)
    record = _json_record(value, line.strip(), source=raw.source, line=raw.line, row=raw.row, defects=repaired,
                          kind="jsonl")
    return [_with_found(record, raw.found)]


_csv_limit_raised = False


def _raise_field_limit() -> None:
    global _csv_limit_raised  # the csv module's limit is process-wide: raised once
    if not _csv_limit_raised:
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
        _csv_limit_raised = True


def _csv_raws(source: str, stream: TextIO, found: tuple[Defect, ...], *, escaped: bool) -> Iterator[RawRecord]:
    """The rows of a ``cables.csv`` (doubled quotes, and backslash escapes when *escaped*), one raw record each."""
    _raise_field_limit()
    reader = csv.reader(stream, escapechar="\\" if escaped else None, doublequote=True, strict=False)
    names: tuple[str, ...] = _CSV_COLUMNS
    row = 0
    last_line = 0
    try:
        for values in reader:
            first_line, last_line = last_line + 1, reader.line_num
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            if row == 0 and names is _CSV_COLUMNS and _csv_header(",".join(values)):
                names = tuple(v.strip().lower() for v in values)
                continue
            row += 1
            yield RawRecord("csv", source, first_line, row, (names, values), found)
    except csv.Error as error:
        failure = SourceError(source, f"the CSV breaks after row {row} ({error}); the rest is not read",
                              line=last_line + 1)
        failure.__cause__ = error
        yield RawRecord("error", source, payload=failure)


def _csv_built(raw: RawRecord) -> list[Record]:
    names, values = raw.payload
    if len(values) != len(names):
        raise SourceError(raw.source, f"row {raw.row} has {len(values)} fields, not {len(names)}", line=raw.line)
    fixed = [_repaired(value) for value in values]
    record = _csv_record(dict(zip(names, (v for v, _ in fixed), strict=True)), source=raw.source, line=raw.line,
                         row=raw.row)
    repaired = next((d for _, d in fixed if d), ())
    return [_with_found(attrs.evolve(record, defects=repaired) if repaired else record, raw.found)]


def _csv_record(fields: dict[str, str], *, source: str, line: int, row: int) -> Record:
    metadata = record_metadata(fields)
    parts = [fields.get(key) or "" for key in ("header", "body")]
    if not any(parts):
        parts = [next((fields[key] for key in ("text", "content", "cable") if fields.get(key)), "")]
    text = "\n\n".join(part for part in parts if part)
    return Record(text=text, source=source, line=line, row=row, format="csv", reference_id=metadata.identifier,
                  metadata=metadata)


def _file_built(raw: RawRecord) -> list[Record]:
    kind, data = raw.payload
    return list(_read_whole(raw.source, kind, data))


_BUILDERS: Final[Mapping[str, Callable[[RawRecord], list[Record]]]] = {
    "csv": _csv_built, "jsonl": _jsonl_built, "file": _file_built, "record": lambda raw: [raw.payload]}
