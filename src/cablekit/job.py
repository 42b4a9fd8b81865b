"""Parsing a whole archive: every core, the input's order kept, and a summary at the end.

:func:`parse_records` parses the records :func:`cablekit.io.read` yields in
worker processes and hands back, in the order the records came, what a
*prepare* function made of each cable in the worker (the cable itself by
default; the JSON line or the table rows when converting, so that only small
plain values cross between processes).  At most a few batches per worker are
in flight, so memory stays flat however long the stream.  :func:`convert`
writes such a stream to an output of :mod:`cablekit.outputs` and returns a
:class:`Summary`.

>>> from cablekit.io import Record
>>> records = [Record(text="UNCLAS ROME 000001\\n\\nSUBJECT: TALKS\\n\\n1. Text.", source="a.txt")]
>>> [(done.key, done.value.subject) for done in parse_records(records, jobs=1)]
[('a.txt', 'TALKS')]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from .consistency import Consistency, as_consistency
from .defects import DefectCode as D
from .errors import CableParseError
from .model import Cable, Defect, Mode
from .parser import as_mode

if TYPE_CHECKING:
    from .chunking import Chunker
    from .io import RawRecord, Reading, Record, SourceError
    from .outputs import Item, Payload, Writer

__all__ = ["Parsed", "Summary", "convert", "default_jobs", "parse_records"]

T = TypeVar("T")
R = TypeVar("R")
U = TypeVar("U")

_BATCH_CABLES = 128  # records per batch sent to a worker …
_BATCH_CHARS = 1 << 20  # … or fewer, once their texts hold this many characters
_IN_FLIGHT = 4  # batches per worker submitted ahead of the one being read back


@attrs.frozen(kw_only=True)
class Parsed(Generic[T]):
    """One record, parsed: what *prepare* made of the cable, or why strict mode rejected it."""

    key: str
    """The record's :attr:`~cablekit.io.Record.key` (its unique location)."""
    source: str
    """The file (or ``<stdin>``) the record came from."""
    row: int | None
    """The record's row in its source, when the source holds several."""
    value: T | None
    """What *prepare* returned for the cable; ``None`` when it was rejected."""
    codes: tuple[str, ...] = ()
    """The codes of the cable's defects (or of the rejection's), one per defect."""
    rejected: tuple[Defect, ...] | None = None
    """Every problem strict mode found, when it rejected the cable; ``None`` when it parsed."""
    message: str = ""
    """Why the cable was rejected, as :class:`~cablekit.CableParseError` says it."""

    @property
    def not_a_cable(self) -> bool:
        """Whether the text held nothing recognizable as a cable (the ``no-cable`` defect)."""
        return D.NO_CABLE in self.codes

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the fields in a tuple (what crosses back from every worker: quicker than attrs' state)."""
        return _parsed, (self.key, self.source, self.row, self.value, self.codes, self.rejected, self.message)


def _parsed(key: str, source: str, row: int | None, value: T | None, codes: tuple[str, ...],
            rejected: tuple[Defect, ...] | None, message: str) -> Parsed[T]:
    return Parsed(key=key, source=source, row=row, value=value, codes=codes, rejected=rejected, message=message)


def _keep_cable(record: Record, cable: Cable) -> Cable:
    return cable


def _item(record: Record, cable: Cable, needs: frozenset[Payload], format: str | None,
          chunker: Chunker | None = None) -> Item:
    """What the output needs of one cable (its chunks too), computed in the worker."""
    from .outputs import prepare

    return prepare(cable, key=record.key, needs=needs, format=format, source=record.source, row=record.row,
                   chunker=chunker)


def _parse_one(record: Record, mode: Mode, normalize: bool, prepare: Callable[[Record, Cable], T],
               check: Consistency = Consistency.RECORD) -> Parsed[T]:
    try:
        cable = record.parse(mode=mode, normalize=normalize, check=check)
    except CableParseError as error:
        return Parsed(key=record.key, source=record.source, row=record.row, value=None,
                      codes=tuple(d.code for d in error.defects), rejected=error.defects, message=str(error))
    return Parsed(key=record.key, source=record.source, row=record.row, value=prepare(record, cable),
                  codes=tuple(d.code for d in cable.defects))


def _parse_batch(batch: list[Record], mode: Mode, normalize: bool,
                 prepare: Callable[[Record, Cable], T], check: Consistency = Consistency.RECORD) -> list[Parsed[T]]:
    return [_parse_one(record, mode, normalize, prepare, check) for record in batch]


def _batches(records: Iterable[R], size: Callable[[R], int]) -> Iterator[list[R]]:
    batch: list[R] = []
    chars = 0
    for record in records:
        batch.append(record)
        chars += size(record)
        if len(batch) >= _BATCH_CABLES or chars >= _BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _text_size(record: Record) -> int:
    return len(record.text)


def _raw_size(raw: RawRecord) -> int:
    return raw.size


def _parse_raws(batch: list[RawRecord], mode: Mode, normalize: bool, prepare: Callable[[Record, Cable], T],
                check: Consistency = Consistency.RECORD) -> list[tuple[list[Parsed[T]], SourceError | None]]:
    """Build the records of each raw record (see :mod:`cablekit.io`) and parse them; the errors go back too."""
    done: list[tuple[list[Parsed[T]], SourceError | None]] = []
    for raw in batch:
        records, error = raw.build()
        done.append(([_parse_one(record, mode, normalize, prepare, check) for record in records], error))
    return done


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _quiet_worker() -> None:
    """Leave Ctrl-C to the main process, which stops the workers itself (no traceback from each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # The platform's default start method, as multiprocessing's own: on Linux before Python 3.14 a fork,
    # which needs no ``if __name__ == "__main__"`` guard in a script and takes a notebook's functions along.
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(),
                               initializer=_quiet_worker)


def _in_order(pool: ProcessPoolExecutor, work: Callable[[list[R]], list[U]], batches: Iterator[list[R]],
              window: int) -> Iterator[U]:
    pending: deque[Future[list[U]]] = deque()
    for batch in batches:
        pending.append(pool.submit(work, batch))
        while len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _on_pool(jobs: int, work: Callable[[list[R]], list[U]], batches: Iterator[list[R]]) -> Generator[U, None, None]:
    with _pool(jobs) as pool:
        try:
            yield from _in_order(pool, work, batches, window=_IN_FLIGHT * jobs)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _from_reading(reading: Reading, raws: Iterator[RawRecord], jobs: int,
                  work: Callable[[list[RawRecord]], list[tuple[list[Parsed[T]], SourceError | None]]],
                  ) -> Iterator[Parsed[T]]:
    """Parse what :func:`cablekit.io.read` reads, its records built in the workers; report errors in order."""
    with closing(_on_pool(jobs, work, _batches(raws, _raw_size))) as results:  # stop the pool when report raises
        for parsed, error in results:
            yield from parsed
            if error is not None:
                reading.report(error)


def parse_records(records: Iterable[Record], *, jobs: int | None = None, mode: Mode | str = Mode.LENIENT,
                  normalize: bool = False, prepare: Callable[[Record, Cable], Any] = _keep_cable,
                  check: Consistency | str = Consistency.RECORD) -> Iterator[Parsed[Any]]:
    """Parse *records* on *jobs* worker processes (default: every core) and yield them in their order.

    *prepare* runs in the worker on each parsed (and, with *normalize*, normalized)
    cable; what it returns is :attr:`Parsed.value`.  It must be picklable: a
    module-level function or a :func:`functools.partial` of one.  With
    ``jobs=1`` everything runs in this process.  Strict mode's rejections are
    yielded too, with :attr:`Parsed.rejected` set.  Records are read ahead
    only a few batches per worker, so memory does not grow with the stream.
    Given what :func:`cablekit.io.read` returned, untouched, the workers also
    decode and build the records (this process only splits the input into
    rows, lines and files), and its *on_error* is called as their results come back.
    *mode* and *check* are :func:`cablekit.parse`'s.

    Raises:
        ValueError: *jobs* is less than 1, or *mode* or *check* names no member.
    """
    from .io import Reading

    chosen, checks = as_mode(mode), as_consistency(check)
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    raws = records.raws() if jobs > 1 and isinstance(records, Reading) else None
    if raws is not None:
        work_raws = partial(_parse_raws, mode=chosen, normalize=normalize, prepare=prepare, check=checks)
        yield from _from_reading(records, raws, jobs, work_raws)  # type: ignore[arg-type]
        return
    work = partial(_parse_batch, mode=chosen, normalize=normalize, prepare=prepare, check=checks)
    if jobs == 1:
        for batch in _batches(records, _text_size):
            yield from work(batch)
        return
    yield from _on_pool(jobs, work, _batches(records, _text_size))


@attrs.define
class Summary:
    """What a run over an archive did: counts, defects by code and speed."""

    cables: int = 0
    """Records parsed into a cable (the ones strict mode rejected are not counted here)."""
    rejected: int = 0
    """Records strict mode rejected."""
    not_cables: int = 0
    """Parsed records whose text held nothing recognizable as a cable."""
    unreadable: int = 0
    """Sources (files, rows) that could not be read at all."""
    defects: Counter[str] = attrs.field(factory=Counter)
    """Defects of the parsed cables, by code."""
    started: float = attrs.field(factory=time.perf_counter)
    """When the run started (:func:`time.perf_counter`)."""
    elapsed: float = 0.0
    """Seconds from the start to the last record counted."""

    def add(self, parsed: Parsed[Any]) -> None:
        """Count one record."""
        if parsed.rejected is not None:
            self.rejected += 1
        else:
            self.cables += 1
            self.not_cables += parsed.not_a_cable
            self.defects.update(parsed.codes)
        self.elapsed = time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        """Records (parsed or rejected) per second."""
        done = self.cables + self.rejected
        return done / self.elapsed if self.elapsed > 0 else 0.0

    def lines(self, *, codes: int = 10) -> list[str]:
        """The summary in a few lines of text, with the *codes* most frequent defect codes."""
        head = (f"{self.cables:,} cables, {self.rejected:,} rejected, {self.not_cables:,} not a cable, "
                f"{self.unreadable:,} unreadable, {sum(self.defects.values()):,} defects; "
                f"{self.elapsed:.1f} s, {self.rate:,.0f} cables/s")
        body = [f"  {count:>9,}  {code}" for code, count in self.defects.most_common(codes)]
        rest = len(self.defects) - codes
        if rest > 0:
            body.append(f"  ({rest} more code{'' if rest == 1 else 's'})")
        return [head, *body]


def convert(records: Iterable[Record], output: Writer, *, jobs: int | None = None,
            mode: Mode | str = Mode.LENIENT, normalize: bool = False,
            on_parsed: Callable[[Parsed[Any]], None] | None = None, summary: Summary | None = None,
            check: Consistency | str = Consistency.RECORD) -> Summary:
    """Parse *records* on every core and write each cable to *output*, in the records' order.

    Workers compute only what *output* needs (see :mod:`cablekit.outputs`).
    *on_parsed* sees every record once it is written (or rejected): the
    command line uses it for the progress bar and the file of rejections.
    The output is not closed here; when this raises (Ctrl-C among others),
    what was written so far stays valid once the caller closes it.
    """
    done = summary if summary is not None else Summary()
    prepare = partial(_item, needs=output.needs, format=output.format, chunker=output.chunker)
    for parsed in parse_records(records, jobs=jobs, mode=mode, normalize=normalize, prepare=prepare, check=check):
        if parsed.value is not None:
            output.write(parsed.value)
        done.add(parsed)
        if on_parsed is not None:
            on_parsed(parsed)
    return done
