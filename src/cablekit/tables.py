"""Cables as tables: one row per cable, and a table for each thing a cable holds several of.

:data:`TABLES` declares the tables and their columns in plain kinds
(``text``, ``integer``, ``boolean``, ``timestamp``, ``date``); the SQLite and
Parquet writers of :mod:`cablekit.outputs` and the Arrow schema of
:func:`arrow_schema` are built from it.  :func:`rows` turns one cable into
plain rows (str, int, bool, None, UTC datetimes, dates), cheap to pickle;
:func:`records`, :func:`arrow_tables`, :func:`arrow` and :func:`dataframe` do
the same for a stream of cables, for a notebook.

Every table has ``key``, the cable's unique location (``cables.csv#17``), and
``reference_id``: ids are not unique in real archives, where one cable is
published several times, so tables join on ``key``.

>>> import cablekit
>>> from cablekit.tables import records
>>> cable = cablekit.parse("UNCLAS STATE 000123\\n\\nSUBJECT: TEST\\n\\n1. Hello.\\n\\n2. Goodbye.\\n")
>>> tables = records([cable])
>>> row = tables["cables"][0]
>>> row["key"], row["reference_id"], row["paragraphs"], row["body"]
('1', None, 2, '1. Hello.\\n\\n2. Goodbye.')
>>> [p["text"] for p in tables["paragraphs"]]
['Hello.', 'Goodbye.']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from .chunking import Chunk, ChunkKind
from .defects import DEFECT_CODES
from .model import Cable, Classification, Header, Paragraph, Precedence, ReferenceKind, TagKind

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped]
    import pyarrow  # type: ignore[import-untyped]

__all__ = [
    "CHUNKS",
    "KINDS",
    "TABLES",
    "Column",
    "Kind",
    "arrow",
    "arrow_schema",
    "arrow_tables",
    "body_text",
    "chunk_rows",
    "dataframe",
    "records",
    "rows",
    "to_arrow",
]

Kind = Literal["text", "integer", "boolean", "timestamp", "date"]
"""The kind of a column's values: :class:`str`, :class:`int`, :class:`bool`, a UTC
:class:`~datetime.datetime`, a :class:`~datetime.date`; any may be ``None``."""

KINDS: Final = ("text", "integer", "boolean", "timestamp", "date")
"""Every :data:`Kind`."""

INSTALL_HINT: Final = "pip install 'cablekit[corpus]'"
"""What to run when an optional dependency of the corpus job is missing."""


@attrs.frozen
class Column:
    """One column of a table: its name, the kind of its values and what it holds."""

    name: str
    """The column's name, as SQLite, Arrow and pandas show it."""
    type: Kind
    """The kind of its values (one of :data:`KINDS`)."""
    description: str
    """What the column holds, in a sentence."""


_Spec = tuple[str, Kind, str]


def _names(kinds: Iterable[enum.Enum]) -> str:
    """The member names of an enum, as the tables write its values: ``A, B or C``."""
    names = [kind.name for kind in kinds]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _columns(*specs: _Spec) -> tuple[Column, ...]:
    return tuple(Column(name, kind, description) for name, kind, description in specs)


_KEY: _Spec = ("key", "text", "Where the cable was read (a file, or a file and row: `cables.csv#17`); unique, "
        "joins every table to `cables.key`.")
_ID: _Spec = ("reference_id", "text", "The cable's canonical id, e.g. `08TALLINN412`; not unique across archives.")
_POSITION: _Spec = ("position", "integer", "1-based position within the cable.")

TABLES: Final[Mapping[str, tuple[Column, ...]]] = MappingProxyType({
    "cables": _columns(
        _KEY, _ID,
        ("source", "text", "The file the cable was read from."),
        ("row", "integer", "The row or line of the cable within its source, when the source holds several."),
        ("date", "timestamp", "When the cable was sent: the header's date-time group, else the publication's "
                              "creation time (UTC)."),
        ("year", "integer", "The year of `date`."),
        ("station", "text", "The sending post as ids write it, e.g. `NEWDELHI`."),
        ("station_name", "text", "The sending post's name, e.g. `Embassy New Delhi`."),
        ("origin", "text", "The origin the publication states, e.g. `Embassy Astana`."),
        ("classification", "text", f"The classification level: {_names(Classification)}."),
        ("caveats", "text", "The handling caveats, space-separated, e.g. `NOFORN SIPDIS`."),
        ("precedence", "text", f"The header's precedence: {_names(Precedence)}."),
        ("tags", "text", "The TAGS codes, space-separated (see the `tags` table for each one)."),
        ("subject", "text", "The subject on one line."),
        ("summary", "text", "The summary, without `Summary:` and `End Summary`."),
        ("classified_by", "text", "The classifier's name."),
        ("classified_by_title", "text", "The classifier's title."),
        ("reasons", "text", "The classification reasons, space-separated, e.g. `1.4(b) 1.4(d)`."),
        ("eo", "text", "The executive order governing the classification, e.g. `12958`."),
        ("declassify_on", "date", "The declassification date of the E.O. line."),
        ("declassify_rule", "text", "A declassification rule that is no date, e.g. `OADR` or `25X1`."),
        ("signers", "text", "The signers' names, separated by `; `."),
        ("listed_references", "text", "The ids the publication lists as referenced, space-separated."),
        ("paragraphs", "integer", "The number of paragraphs."),
        ("defects", "integer", "The number of defects found while parsing."),
        ("damage", "integer", "The number of those defects that are damage to the cable text."),
        ("not_a_cable", "boolean", "The text holds no cable (a `no-cable` defect)."),
        ("body", "text", "The body as a person reads it: headings and paragraphs, separated by blank lines."),
    ),
    "paragraphs": _columns(
        _KEY, _ID, _POSITION,
        ("number", "integer", "The paragraph's number, when it has one."),
        ("classification", "text", "The portion marking, e.g. `C`, `SBU` or `S//NF`."),
        ("heading", "text", "A section heading standing just before the paragraph."),
        ("text", "text", "The paragraph's text, marker and marking removed."),
        ("line", "integer", "The 1-based source line where the paragraph starts."),
    ),
    "references": _columns(
        _KEY, _ID, _POSITION,
        ("label", "text", "The letter that labels the reference, e.g. `A`."),
        ("cited_id", "text", "The canonical id of the cited cable, when it cites one."),
        ("kind", "text", f"What it cites: {_names(ReferenceKind)}."),
        ("text", "text", "The reference as written, label removed."),
    ),
    "recipients": _columns(
        _KEY, _ID, _POSITION,
        ("role", "text", "`to` for an action addressee, `info` for an information addressee."),
        ("address", "text", "The addressee, e.g. `SECSTATE WASHDC`."),
        ("routing_indicator", "text", "The routing indicator before the slash, e.g. `RUEHC`."),
        ("precedence", "text", "The precedence as written, e.g. `PRIORITY` or `NIACT IMMEDIATE`."),
        ("serial", "text", "The addressee's serial number, leading zeros kept."),
        ("excluded", "text", "Posts excluded from a collective, separated by `; `."),
    ),
    "tags": _columns(
        _KEY, _ID, _POSITION,
        ("code", "text", "The code, e.g. `PGOV`; for a person, the name as written."),
        ("name", "text", "What the code stands for, where the TAGS system defines it."),
        ("kind", "text", f"{_names(TagKind)}."),
    ),
    "defects": _columns(
        _KEY, _ID, _POSITION,
        ("code", "text", "The defect code, e.g. `page-break`."),
        ("damage", "boolean", "Whether the defect is damage to the cable text (unknown codes: empty)."),
        ("line", "integer", "The 1-based source line of the problem."),
        ("column", "integer", "The 1-based column within that line."),
        ("message", "text", "What is wrong."),
        ("text", "text", "The offending source text."),
        ("repair", "text", "What lenient mode did about it."),
    ),
})
"""Every table by name, with its columns in order; every table's first columns are ``key`` and
``reference_id``, and ``cables.key`` is unique."""

CHUNKS: Final[tuple[Column, ...]] = _columns(
    _KEY, _ID,
    ("position", "integer", "1-based position of the chunk within the cable; `key` and `position` are unique."),
    ("kind", "text", f"What part of the cable the chunk holds: {', '.join(k.value for k in ChunkKind)}."),
    ("text", "text", "The chunk's text: prose only, no paragraph markers or portion markings."),
    ("overlap", "integer", "How many characters at the start of `text` repeat the previous chunk."),
    ("start", "integer", "Where the text after the overlap starts in the body (or the subject or summary)."),
    ("end", "integer", "Where the chunk's text ends in the body (or the subject or summary)."),
    ("paragraphs", "text", "The numbers of the paragraphs the text came from, space-separated, e.g. `3 4`."),
    ("heading", "text", "The section heading those paragraphs stand under."),
    ("marking", "text", "The highest portion marking of those paragraphs, as written, e.g. `S//NF`."),
    ("subject", "text", "The cable's subject."),
    ("date", "timestamp", "When the cable was sent: the header's date-time group, else the publication's "
                          "creation time (UTC)."),
    ("classification", "text", f"The cable's classification level: {_names(Classification)}."),
    ("station", "text", "The sending post as ids write it, e.g. `NEWDELHI`."),
    ("tags", "text", "The cable's TAGS codes, space-separated."),
)
"""The columns of the ``chunks`` table (:func:`chunk_rows`): one row per :class:`~cablekit.Chunk`,
written by ``cablekit convert --to chunks``; not one of :data:`TABLES`, which hold cables."""

_OTHER_TABLES: Final = {"chunks": CHUNKS}

_DAMAGE: Final = {code: kind.damage for code, kind in DEFECT_CODES.items()}


def body_text(paragraphs: Iterable[Paragraph]) -> str:
    """The body as a person reads it: each heading and paragraph (number first) separated by a blank line."""
    blocks: list[str] = []
    for paragraph in paragraphs:
        if paragraph.heading:
            blocks.append(paragraph.heading)
        blocks.append(f"{paragraph.number}. {paragraph.text}" if paragraph.number is not None else paragraph.text)
    return "\n\n".join(blocks)


def _joined(values: Iterable[str], separator: str = " ") -> str | None:
    return separator.join(values) or None


def _cable_row(cable: Cable, key: str, source: str | None, row: int | None) -> dict[str, object]:
    header, meta, eo, clby, station = cable.header, cable.metadata, cable.eo, cable.classified_by, cable.station
    date: datetime | None = header.dtg if header and header.dtg else (meta.created if meta else None)
    damage = sum(1 for d in cable.defects if _DAMAGE.get(d.code, False))
    return {
        "key": key, "reference_id": cable.reference_id, "source": source, "row": row,
        "date": date, "year": date.year if date else None,
        "station": station.code if station else None, "station_name": station.name if station else None,
        "origin": meta.origin if meta else None,
        "classification": cable.classification.name if cable.classification else None,
        "caveats": _joined(cable.caveats),
        "precedence": header.precedence.name if header and header.precedence else None,
        "tags": _joined(t.code for t in cable.tags), "subject": cable.subject, "summary": cable.summary,
        "classified_by": clby.name if clby else None, "classified_by_title": clby.title if clby else None,
        "reasons": _joined(clby.reasons) if clby else None,
        "eo": eo.order if eo else None, "declassify_on": eo.declassify_on if eo else None,
        "declassify_rule": eo.rule if eo else None,
        "signers": _joined(cable.signers, "; "),
        "listed_references": _joined(meta.references) if meta else None,
        "paragraphs": len(cable.paragraphs), "defects": len(cable.defects), "damage": damage,
        "not_a_cable": any(d.code == "no-cable" for d in cable.defects),
        "body": body_text(cable.paragraphs),
    }


def _recipient_rows(header: Header | None, key: str, rid: str | None) -> list[dict[str, object]]:
    if header is None:
        return []
    addressed = [("to", r) for r in header.recipients] + [("info", r) for r in header.info_recipients]
    return [{"key": key, "reference_id": rid, "position": i, "role": role, "address": r.name,
             "routing_indicator": r.routing_indicator, "precedence": r.precedence, "serial": r.serial,
             "excluded": _joined(r.excluded, "; ")}
            for i, (role, r) in enumerate(addressed, 1)]


def rows(cable: Cable, *, key: str, source: str | None = None,
         row: int | None = None) -> dict[str, list[dict[str, object]]]:
    """The rows of every table in :data:`TABLES` for one cable, as plain values.

    Args:
        cable: The cable.
        key: Its unique location, e.g. ``cables.csv#17``; every row carries it.
        source: The file it was read from.
        row: Its row or line within that file.

    Returns:
        A list of rows (dicts keyed by column name) for each table: one row in
        ``cables``, one per paragraph, reference, recipient, tag and defect.
    """
    rid = cable.reference_id
    return {
        "cables": [_cable_row(cable, key, source, row)],
        "paragraphs": [{"key": key, "reference_id": rid, "position": i, "number": p.number,
                        "classification": p.classification, "heading": p.heading, "text": p.text,
                        "line": p.line}
                       for i, p in enumerate(cable.paragraphs, 1)],
        "references": [{"key": key, "reference_id": rid, "position": i, "label": r.label, "cited_id": r.cable_id,
                        "kind": r.kind.name, "text": r.text}
                       for i, r in enumerate(cable.references, 1)],
        "recipients": _recipient_rows(cable.header, key, rid),
        "tags": [{"key": key, "reference_id": rid, "position": i, "code": t.code, "name": t.name,
                  "kind": t.kind.name}
                 for i, t in enumerate(cable.tags, 1)],
        "defects": [{"key": key, "reference_id": rid, "position": i, "code": d.code,
                     "damage": _DAMAGE.get(d.code), "line": d.line, "column": d.column, "message": d.message,
                     "text": d.text, "repair": d.repair}
                    for i, d in enumerate(cable.defects, 1)],
    }


def chunk_rows(chunks: Iterable[Chunk], *, key: str) -> list[dict[str, object]]:
    """The rows of the :data:`CHUNKS` table for one cable's chunks, as plain values.

    Args:
        chunks: The cable's chunks (:func:`cablekit.chunks`).
        key: The cable's unique location; every row carries it.

    >>> import cablekit
    >>> from cablekit.chunking import chunks
    >>> cable = cablekit.parse("UNCLAS ROME 000001\\n\\nTAGS: PREL IT\\n\\n1. One.\\n\\n2. Two.\\n")
    >>> [(row["paragraphs"], row["tags"]) for row in chunk_rows(chunks(cable), key="a.txt")]
    [('1 2', 'PREL IT')]
    """
    return [{"key": key, "reference_id": c.reference_id, "position": c.position, "kind": c.kind.value,
             "text": c.text, "overlap": c.overlap, "start": c.start, "end": c.end,
             "paragraphs": _joined(str(n) for n in c.paragraphs), "heading": c.heading, "marking": c.marking,
             "subject": c.subject, "date": c.date,
             "classification": c.classification.name if c.classification else None,
             "station": c.station, "tags": _joined(c.tags)}
            for c in chunks]


def records(cables: Iterable[Cable | tuple[str, Cable]]) -> dict[str, list[dict[str, object]]]:
    """The rows of every table for a stream of cables (see :func:`rows`).

    Args:
        cables: Cables, or ``(key, cable)`` pairs.  A bare cable's key is its
            1-based position in the stream as a string (``"1"``, ``"2"``…), so
            that keys stay unique when ids repeat or are missing.

    Returns:
        Every table of :data:`TABLES` by name, each a list of rows, in stream order.
    """
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}
    for position, item in enumerate(cables, 1):
        key, cable = item if isinstance(item, tuple) else (str(position), item)
        if not isinstance(cable, Cable) or not isinstance(key, str):
            raise TypeError(f"expected a Cable or a (str, Cable) pair, got {type(item).__name__}")
        for name, table_rows in rows(cable, key=key).items():
            tables[name].extend(table_rows)
    return tables


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ModuleNotFoundError as error:  # pragma: no cover - pyarrow is installed for the tests
        raise ModuleNotFoundError(f"cablekit's tables need pyarrow: {INSTALL_HINT}") from error
    return pyarrow


def _known(table: str) -> tuple[Column, ...]:
    columns = TABLES.get(table) or _OTHER_TABLES.get(table)
    if columns is None:
        raise ValueError(f"unknown table {table!r}; the tables are: {', '.join([*TABLES, *_OTHER_TABLES])}")
    return columns


def arrow_schema(table: str) -> pyarrow.Schema:
    """The Arrow schema of *table*: strings, int64, bool, ``timestamp[us, tz=UTC]`` and date32.

    *table* is one of :data:`TABLES`, or ``chunks`` (:data:`CHUNKS`).
    """
    pa = _pyarrow()
    types = {"text": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(),
             "timestamp": pa.timestamp("us", tz="UTC"), "date": pa.date32()}
    fields = [pa.field(c.name, types[c.type], metadata={"description": c.description}) for c in _known(table)]
    schema: pyarrow.Schema = pa.schema(fields)
    return schema


def to_arrow(table: str, table_rows: Iterable[Mapping[str, object]]) -> pyarrow.Table:
    """Rows of *table* (as :func:`rows` or :func:`chunk_rows` make them) as an Arrow table.

    The table has the schema of :func:`arrow_schema`.
    """
    built: pyarrow.Table = _pyarrow().Table.from_pylist(list(table_rows), schema=arrow_schema(table))
    return built


def arrow_tables(cables: Iterable[Cable | tuple[str, Cable]]) -> dict[str, pyarrow.Table]:
    """Every table of :data:`TABLES` for a stream of cables, as Arrow tables (see :func:`records`)."""
    return {name: to_arrow(name, table_rows) for name, table_rows in records(cables).items()}


def arrow(cables: Iterable[Cable | tuple[str, Cable]], table: str = "cables") -> pyarrow.Table:
    """One table of :data:`TABLES` for a stream of cables, as an Arrow table (see :func:`records`)."""
    _known(table)
    return to_arrow(table, records(cables)[table])


def dataframe(cables: Iterable[Cable | tuple[str, Cable]], table: str = "cables") -> pandas.DataFrame:
    """One table of :data:`TABLES` for a stream of cables, as a pandas DataFrame.

    Integers and booleans become pandas' nullable ``Int64`` and ``boolean``
    (a missing value stays missing instead of turning the column to floats);
    timestamps are ``datetime64[us, UTC]``.
    """
    try:
        import pandas as pd
    except ModuleNotFoundError as error:  # pragma: no cover - pandas is installed for the tests
        raise ModuleNotFoundError(f"cablekit.tables.dataframe needs pandas: {INSTALL_HINT}") from error
    pa = _pyarrow()
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    frame: pandas.DataFrame = arrow(cables, table).to_pandas(types_mapper=mapping.get)
    return frame
