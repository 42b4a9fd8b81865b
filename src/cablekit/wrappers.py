"""Taking a cable out of its publication: web pages, CSV rows, JSON records.

:func:`unwrap` returns the cable text, what the publication stated about the
cable (:class:`~cablekit.Metadata`), and for every line of the cable text the
line of the caller's input it came from, so that defects point into the input.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Final, NamedTuple

import attrs
import regex  # for the lookbehinds of _HEADER_BREAKS and the page scans; re for the per-line patterns (cheaper to call)

from ._context import Context
from .defects import DefectCode as D
from .identity import full_year
from .model import Metadata
from .vocabulary import FRONT_MATTER, MONTHS, ROUTING_INDICATOR

__all__ = ["Source", "metadata_from", "parse_date", "unwrap"]

_REFID = re.compile(r"\d{2}[A-Z][A-Z0-9]{1,30}\d{1,7}")

_DATE_FORMATS: Final = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d?):(\d\d)(?::(\d\d))?(?:Z|[+-]00:?00)?)?"), "ymd"),
    (re.compile(r"(\d\d?)/(\d\d?)/(\d{4})(?:[ ]+(\d\d?):(\d\d)(?::(\d\d))?)?"), "mdy"),
    (re.compile(r"(\d\d)\.(\d\d)\.(\d{4})(?:[ ]+(\d\d?):(\d\d)(?::(\d\d))?)?"), "mdy"),
    (re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d\d?) (\d\d?):(\d\d):(\d\d) [+-]\d{4} (\d{4})"), "ctime"),
    (re.compile(r"(\d\d)(\d\d)(\d\d)Z ([A-Za-z]{3}) (\d\d(?:\d\d)?)"), "dtg"),
)
_MONTH_NAMES: Final = tuple(month.title() for month in MONTHS)  # as ctime writes them: Jan, Feb …


def parse_date(value: str) -> datetime | None:
    """Read a publication's date (several formats) as a UTC datetime.

    A converter's local offset (``+0100``) is ignored: those dates carry the
    cable's calendar date with the time zeroed, not a real instant.

    >>> parse_date("2009-11-05 03:45:00")
    datetime.datetime(2009, 11, 5, 3, 45, tzinfo=datetime.timezone.utc)
    >>> parse_date("12/28/1966 18:48")
    datetime.datetime(1966, 12, 28, 18, 48, tzinfo=datetime.timezone.utc)
    >>> parse_date("281413Z Jul 03")  # the date line of the cable release
    datetime.datetime(2003, 7, 28, 14, 13, tzinfo=datetime.timezone.utc)
    """
    value = value.strip()
    for pattern, shape in _DATE_FORMATS:
        m = pattern.fullmatch(value)
        if m is None:
            continue
        g = m.groups()
        try:
            if shape == "ymd":
                return datetime(int(g[0]), int(g[1]), int(g[2]), int(g[3] or 0), int(g[4] or 0),
                                int(g[5] or 0), tzinfo=UTC)
            if shape == "mdy":
                return datetime(int(g[2]), int(g[0]), int(g[1]), int(g[3] or 0), int(g[4] or 0),
                                int(g[5] or 0), tzinfo=UTC)
            if shape == "dtg":
                return datetime(full_year(g[4]), MONTHS.index(g[3].upper()) + 1, int(g[0]), int(g[1]), int(g[2]),
                                tzinfo=UTC)
            return datetime(int(g[5]), _MONTH_NAMES.index(g[0]) + 1, int(g[1]), int(g[2]), int(g[3]),
                            int(g[4]), tzinfo=UTC)
        except ValueError:
            return None
    return None


def _line_pieces(lines: Sequence[str]) -> list[str]:
    """*lines* with every line ending inside a line made a line break.

    ``\\r\\n`` and a lone ``\\r`` end a line as ``\\n`` does, except that a
    ``\\r`` at the very end of a line is dropped: it is the first half of a
    ``\\r\\n`` whose ``\\n`` is the line's own ending.
    """
    if not lines:
        return []
    text = "\n".join(lines)
    if "\r" in text:
        text = "\n".join(line.removesuffix("\r").replace("\r\n", "\n").replace("\r", "\n") for line in lines)
    return text.split("\n")


def _mapped_pieces(lines: Sequence[str], origins: Sequence[int]) -> tuple[list[str], list[int]]:
    """:func:`_line_pieces` of *lines*, each piece with the origin of the line it is part of.

    When no line needs splitting, *lines* and *origins* themselves come back if they are lists.
    """
    if len(lines) != len(origins):
        raise ValueError(f"{len(lines)} lines but {len(origins)} source lines")
    text = "\n".join(lines)
    if "\r" not in text and text.count("\n") == len(lines) - 1:
        return (lines if isinstance(lines, list) else list(lines),
                origins if isinstance(origins, list) else list(origins))
    pieces: list[str] = []
    piece_origins: list[int] = []
    for line, origin in zip(lines, origins, strict=True):
        split = _line_pieces((line,))
        pieces.extend(split)
        piece_origins.extend([origin] * len(split))
    return pieces, piece_origins


@attrs.define
class Source:
    """Cable text ready for the tokenizer, with its line map and metadata.

    Its lines never hold ``\\n`` or ``\\r``: a line given with one is split
    there, each piece mapped to the source line of the line it came from.
    The lines are changed only through :meth:`replace`, which keeps
    :attr:`line_map` aligned with them.
    """

    lines: list[str]
    """The lines of the cable text, without line endings."""
    line_map: list[int]
    """For each line, the 1-based line of the caller's input it came from."""
    metadata: Metadata | None = None
    """What a publication stated about the cable."""
    reference_id: str | None = None
    """A reference id stated in cablekit's own ``Reference-Id:`` line."""

    def __attrs_post_init__(self) -> None:
        """Split the lines given with a line ending inside them (the lists are kept when none has one)."""
        self.lines, self.line_map = _mapped_pieces(self.lines, self.line_map)

    @classmethod
    def from_text(cls, text: str) -> Source:
        """The lines of *text* (``\\r\\n`` and ``\\r`` read as ``\\n``), line *n* from source line *n*."""
        lines = (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).split("\n")
        source = cls([], [])
        source.lines, source.line_map = lines, list(range(1, len(lines) + 1))  # no line can hold a line break
        return source

    @property
    def text(self) -> str:
        """The cable text."""
        return "\n".join(self.lines)

    def replace(self, start: int, stop: int, new_lines: Sequence[str] = (), *,
                origin: int | Sequence[int] | None = None) -> int:
        """Put *new_lines* in place of the lines *start* to *stop* (a slice); return how many lines went in.

        A new line holding a line ending is split there (see :class:`Source`).
        *origin* is the source line the new lines come from, or one source line
        for each new line; by default the source line of the first line
        replaced (of the last line when *start* is past the end, of line 1
        when there are no lines).

        Raises:
            ValueError: *origin* does not give one source line for each new line.
        """
        if origin is None or isinstance(origin, int):
            pieces = _line_pieces(new_lines)
            if origin is None:
                line_map = self.line_map
                origin = line_map[min(start, len(line_map) - 1)] if line_map else 1
            origins = [origin] * len(pieces)
        else:
            pieces, origins = _mapped_pieces(new_lines, origin)
        self.lines[start:stop] = pieces
        self.line_map[start:stop] = origins
        return len(pieces)


class _LineCounter:
    """The 1-based line of offsets in one text, each found from the offset asked before.

    Asked for ascending offsets (or descending ones), it reads each character
    of the text once in all: the lines of many offsets cost one pass.
    """

    __slots__ = ("_line", "_offset", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def line_of(self, offset: int) -> int:
        """The line holding the character at *offset* (``text.count("\\n", 0, offset) + 1``)."""
        offset = max(offset, 0)
        if offset >= self._offset:
            self._line += self._text.count("\n", self._offset, offset)
        else:
            self._line -= self._text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line


# --- JSON records ----------------------------------------------------------

_ID_KEYS: Final = ("reference_id", "refid", "reference id", "identifier", "id", "cable_id")
_DATE_KEYS: Final = ("date_time", "created", "date", "datetime")
_TITLE_KEYS: Final = ("subject", "title", "cable title")
_TEXT_KEYS: Final = ("text", "content", "cable", "body_text")
CABLE_TEXT_KEYS: Final = ("header", "body", *_TEXT_KEYS)
"""The fields of a JSON record that hold the cable's text (any case): its header and body, or one text field."""


def _metadata_from(record: Mapping[str, object]) -> Metadata:
    fields = {str(k).strip().lower(): v for k, v in record.items()}

    def first(keys: tuple[str, ...]) -> str | None:
        for key in keys:
            value = fields.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
        return None

    identifier = None
    for key in _ID_KEYS:
        value = fields.get(key)
        if isinstance(value, str) and _REFID.fullmatch(value.strip()):
            identifier = value.strip()
            break
    date_text = first(_DATE_KEYS)
    return Metadata(
        identifier=identifier,
        created=parse_date(date_text) if date_text else None,
        classification=first(("classification",)),
        origin=first(("origin",)),
        title=first(_TITLE_KEYS),
        references=_referenced_ids(fields.get("references")),
    )


def metadata_from(record: Mapping[str, object]) -> Metadata:
    """What a record's fields state, as :class:`~cablekit.Metadata` (read by :mod:`cablekit.io`).

    The id (``refid``, ``reference_id``, ``id`` …), date, classification,
    origin, subject or title, and the ids of the ``references`` field.
    """
    return _metadata_from(record)


def _referenced_ids(value: object) -> tuple[str, ...]:
    """The ids of a ``references`` column or field: ids separated by commas or blanks, or a list of them."""
    if isinstance(value, list | tuple):
        value = " ".join(item for item in value if isinstance(item, str))
    if not isinstance(value, str):
        return ()
    return tuple(m.group() for m in _REFID.finditer(value))


_HEADER_BREAKS = regex.compile(
    r"(?<=VZCZC[A-Z]{3}\d{4})(?=[A-Z])"
    r"|(?<=\S)(?=DE[ ]R[A-Z0-9]{3,6}[ ]\#)"
    r"|(?<=\S)(?=Z[NY][YRN][ ][A-Z]{5}[ ]ZZH)"
    r"|(?<=\S)(?=[RPOZ]{1,2}[ ]\d{6}Z[ ][A-Z]{3}[ ]\d\d)"
    r"|(?<=[A-Z]{3}[ ]\d\d)(?=FM[ ])"
    rf"|(?<=\S)(?=TO[ ]{ROUTING_INDICATOR})"
    rf"|(?<=\S)(?=INFO[ ]{ROUTING_INDICATOR})"
    rf"|(?<![ ]|TO[ ]|INFO[ ]|^)(?={ROUTING_INDICATOR})"
)


def _json_parts(record: Mapping[str, object]) -> list[tuple[str, str]]:
    """The fields holding the cable text, (key as written, value): header and body, or header and a text field."""
    lower = {str(k).strip().lower(): (str(k), v) for k, v in record.items()}
    parts: list[tuple[str, str]] = []
    for key in CABLE_TEXT_KEYS:
        if key in lower:
            name, value = lower[key]
            if isinstance(value, str) and value.strip():
                parts.append((name, value))
                if key != "header":
                    break  # the body, or the first text field: the cable's text after its header
    return parts


def _unjson(text: str, ctx: Context) -> Source | None:
    try:
        record = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    parts = _json_parts(record)
    if not parts:
        return None
    source = Source([], [], _metadata_from(record))
    counter = _LineCounter(text)
    collapsed = False
    for key, value in parts:
        m = regex.search(r'"' + regex.escape(key) + r'"\s*+:', text)
        at = counter.line_of(m.start()) if m else 1
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if key.lower() == "header" and "\n" not in value.strip() and len(value) > 60:
            value = _HEADER_BREAKS.sub("\n", value.strip())
            collapsed = True
        end = len(source.lines)
        source.replace(end, end, ["", value.strip("\n")] if end else [value.strip("\n")], origin=at)
    ctx.at_source_line(D.PUBLICATION_WRAPPER,
                       f"JSON record: cable text taken from field(s) {', '.join(k for k, _ in parts)}",
                       line=1, text=text.lstrip()[:80].split("\n")[0])
    if collapsed:
        ctx.at_source_line(D.COLLAPSED_LINES, "the header's line breaks were lost; restored before its fields",
                           line=source.line_map[0])
    return source


# --- CSV rows (cables.csv: id, date, refid, origin, classification, references, header, body) ----

_CSV_FIELD = regex.compile(r'[ \t]*+(?:"((?:[^"]|"")*+)"|([^,\r\n"]*+))[ \t]*+(,|\r?\n|$)')


def _uncsv(text: str, ctx: Context) -> Source | None:
    fields: list[tuple[str, int]] = []
    pos = 0
    size = len(text)
    while pos < size and len(fields) < 8:
        m = _CSV_FIELD.match(text, pos)
        if m is None or m.end() == pos:
            return None
        quoted = m.group(1)
        value = quoted.replace('""', '"') if quoted is not None else m.group(2)
        fields.append((value, m.start(1) if quoted is not None else m.start(2)))
        pos = m.end()
        if m.group(3) != ",":
            break
    if len(fields) < 8 or not _REFID.fullmatch(fields[2][0].strip()):
        return None
    names = ("id", "date", "refid", "origin", "classification", "references", "header", "body")
    record = {name: value for name, (value, _) in zip(names, fields, strict=False)}
    source = Source([], [], _metadata_from(record))
    counter = _LineCounter(text)
    for value, offset in fields[6:8]:  # the header and the body
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if not value.strip():
            continue
        first = counter.line_of(offset)
        end = len(source.lines)
        if end:
            source.replace(end, end, [""], origin=first)
        lines = value.split("\n")
        source.replace(len(source.lines), len(source.lines), lines, origin=range(first, first + len(lines)))
    ctx.at_source_line(D.PUBLICATION_WRAPPER, "CSV row of the cable release: cable text taken from its header "
                       "and body columns", line=1, text=text[:fields[6][1]].strip().removesuffix('"'))
    return source


# --- HTML pages --------------------------------------------------------------

_PRE_OPEN = re.compile(r"<pre\b[^>]{0,200}+>", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*+>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")  # re: the same matches as regex (no class, flag or look-around
# that the two read differently), at half the cost on a page's blocks
_ENTITY = regex.compile(r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")
_TABLE_OPEN = regex.compile(r"<table\b[^>]{0,200}class=['\"]cable['\"][^>]{0,200}>", regex.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table>", re.IGNORECASE)  # re: its letters fold as in regex, at less cost a call
_CELL_OPEN = regex.compile(r"<(th|td)\b[^>]{0,200}>", regex.IGNORECASE)
_CELL_OPEN_TH = regex.compile(r"<(th)\b[^>]{0,200}>", regex.IGNORECASE)
_CELL_OPEN_TD = regex.compile(r"<(td)\b[^>]{0,200}>", regex.IGNORECASE)
_CELL_CLOSE = re.compile(r"</(th|td)>", re.IGNORECASE)
_TITLE = regex.compile(r"<h3>\s*Viewing cable[^,<]{0,60},\s*(.{1,300}?)\s*</h3>", regex.IGNORECASE | regex.DOTALL)


_PAGE_START = regex.compile(r"\s*<(?:\?xml|!DOCTYPE|html)", regex.IGNORECASE)


_LINE_FEED: Final = "&#x000A;"
"""How a WikiLeaks page writes each line break of a ``<pre>`` block (decoded by a plain replace)."""


def _html_text(fragment: str) -> str:
    """*fragment* without its tags, its entities decoded (what ``html.unescape`` reads).

    The line feeds written ``&#x000A;`` (every line of a WikiLeaks page) are
    replaced first, without the entity scan: a character reference never
    holds an ``&`` but its first, so none can overlap one of them.
    """
    text = _TAG.sub("", fragment) if "<" in fragment else fragment
    if _LINE_FEED in text:
        text = text.replace(_LINE_FEED, "\n")
    return html.unescape(text) if "&" in text else text


def _pre_blocks(text: str) -> list[tuple[int, int, int, int]]:
    """The ``<pre>`` blocks of *text*: where each starts, where its text starts and ends, where it ends.

    A block without ``</pre>`` runs to the end of the text.  What
    ``<pre…>(.*?)(?:</pre\\s*>|\\Z)`` finds, without trying the closing tag at
    every character of the text.
    """
    blocks: list[tuple[int, int, int, int]] = []
    pos = 0
    while (opening := _PRE_OPEN.search(text, pos)) is not None:
        closing = _PRE_CLOSE.search(text, opening.end())
        if closing is None:
            blocks.append((opening.start(), opening.end(), len(text), len(text)))
            break
        blocks.append((opening.start(), opening.end(), closing.start(), closing.end()))
        pos = closing.end()
    return blocks


def _decoded_line(raw: str) -> str:
    """A source line of a ``<pre>`` block decoded, the line breaks its entities make read as ``\\n``.

    An entity may decode to a line ending: ``\\r\\n`` and a lone ``\\r`` each break the line, even at its end.
    """
    text = _html_text(raw.rstrip("\r"))
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _entity_lines(raw: str) -> list[str]:
    """``_decoded_line(raw).split("\\n")``: the lines of one source line, cut where it writes ``&#x000A;``.

    When that entity is the only one and no ``\\r`` stands in the text (a WikiLeaks page), the text without
    its tags is only split there.
    """
    text = _TAG.sub("", raw) if "<" in raw else raw
    pieces = text.split(_LINE_FEED)
    if text.count("&") != len(pieces) - 1 or "\r" in text:
        return _decoded_line(raw).split("\n")
    return pieces


def _pre_lines(block: str, first: int) -> tuple[list[str], list[int]]:
    """The decoded lines of a ``<pre>`` block's text that starts on source line *first*, and their source lines.

    Blank lines at the end are left out.
    """
    markup = "<" in block or "&" in block or "\r" in block
    if "\n" not in block:
        if not markup:
            return ([block], [first]) if block.strip() else ([], [])  # one plain line, the shape of many small blocks
        lines = _entity_lines(block)  # its line breaks written as entities (the shape of a WikiLeaks page)
        line_map = [first] * len(lines)
    elif markup:
        decoded = [_decoded_line(raw) for raw in block.split("\n")]
        lines, line_map = _mapped_pieces(decoded, range(first, first + len(decoded)))
    else:
        lines = block.split("\n")
        line_map = list(range(first, first + len(lines)))
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    del lines[end:], line_map[end:]
    return lines, line_map


class _Openings:
    """The cell openings (:data:`_CELL_OPEN`) of a table's content, found in one scan.

    The first opening from a position is the first one the scan found from there,
    unless an opening it found runs over the position: only then is the content
    searched again.
    """

    __slots__ = ("_content", "_found", "_next")

    def __init__(self, content: str) -> None:
        self._content = content
        self._found = list(_CELL_OPEN.finditer(content))
        self._next = 0

    def search(self, pos: int) -> regex.Match[str] | None:
        """What ``_CELL_OPEN.search(content, pos)`` finds; *pos* never smaller than the one asked before."""
        found = self._found
        k = self._next
        while k < len(found) and found[k].start() < pos:
            k += 1
        self._next = k
        if k and found[k - 1].end() > pos:  # the scan went on from past pos: what starts in between is unseen
            return _CELL_OPEN.search(self._content, pos)
        return found[k] if k < len(found) else None


def _table_cells(text: str) -> list[tuple[str, str]] | None:
    """The cells of the page's metadata table, (``th`` or ``td`` as written, content); None without the table.

    What ``<table…class='cable'…>(.*?)</table>`` and then ``<(th|td)…>(.*?)</\\1>``
    would find, without their lazy scans: an opening tag with no closing tag
    after it would make each of them read to the end of the text again.
    """
    table = _TABLE_OPEN.search(text)
    if table is None:
        return None
    close = _TABLE_CLOSE.search(text, table.end())
    if close is None:
        return None
    content = text[table.end():close.start()]
    closes: dict[str, list[int]] = {"th": [], "td": []}
    for m in _CELL_CLOSE.finditer(content):
        closes[m.group(1).lower()].append(m.start())
    cells: list[tuple[str, str]] = []
    pos = 0
    opening = _CELL_OPEN
    openings = _Openings(content)
    while (cell := openings.search(pos) if opening is _CELL_OPEN else opening.search(content, pos)) is not None:
        kind = cell.group(1).lower()
        ends = closes[kind]
        i = bisect_left(ends, cell.end())
        if i < len(ends):
            cells.append((cell.group(1), content[cell.end():ends[i]]))
            pos = ends[i] + len("</td>")
            continue
        # No closing tag of its kind after it, nor after any later opening tag of its kind: only the other
        # kind is looked for from here.
        if opening is not _CELL_OPEN:
            break
        opening = _CELL_OPEN_TD if kind == "th" else _CELL_OPEN_TH
        pos = cell.start() + 1
    return cells


def _may_have_title(text: str) -> bool:
    """Whether *text* holds ``<h3>`` as :data:`_TITLE` reads it (a cheap test before its scan of the page)."""
    return "<h3>" in text or "<H3>" in text


def _page_metadata(text: str) -> Metadata | None:
    """What the page's metadata table (``<table class='cable'>``) and its heading state."""
    cells = _table_cells(text)
    if cells is None:
        return None
    heads = [" ".join(_html_text(value).split()) for kind, value in cells if kind.lower() == "th"]
    values = [" ".join(_html_text(value).split()) for kind, value in cells if kind.lower() == "td"]
    record: dict[str, object] = dict(zip(heads, values, strict=False))
    title = _TITLE.search(text) if _may_have_title(text) else None
    if title:
        record["title"] = " ".join(_html_text(title.group(1)).split())
    return _metadata_from(record)


def _unhtml(text: str, ctx: Context) -> Source | None:
    blocks = _pre_blocks(text)
    if not blocks:
        return None
    counter = _LineCounter(text)
    first_block = counter.line_of(blocks[0][0])
    lines: list[str] = []
    line_map: list[int] = []
    for _, text_start, text_end, _ in blocks:
        chunk, chunk_map = _pre_lines(text[text_start:text_end], counter.line_of(text_start))
        if not chunk:
            continue
        if lines:  # a blank line between two blocks
            lines.append("")
            line_map.append(chunk_map[0])
        lines += chunk
        line_map += chunk_map
    if not lines:
        return None
    # Text in <pre> blocks was published as HTML (a whole page or a part of one): the markup is its envelope.
    what = "page" if _PAGE_START.match(text) else "fragment"
    ctx.at_source_line(D.PUBLICATION_WRAPPER, f"HTML {what}: cable text taken from {len(blocks)} <pre> block(s)",
                       line=first_block, text=text[blocks[0][0]:min(blocks[0][3], blocks[0][0] + 80)].split("\n")[0])
    return Source(lines, line_map, _page_metadata(text))


# --- Flattened page metadata and converter headers -------------------------

_LABELS: Final = {"identifier": "identifier", "reference id": "identifier", "created": "created",
                  "released": "released", "classification": "classification", "origin": "origin"}
_CTIME = re.compile(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d [+-]\d{4} \d{4}")
_KEY_VALUE = re.compile(r"(?P<key>ID|ORIGIN|DATE|SOURCE|CLASSIFICATION|MISC|DESTINATION|REFERENCE ID|SUBJECT)"
                        r":[ ]?(?P<value>.{0,5000})")
_KEY_FIELDS: Final = {"DATE": "created", "SOURCE": "origin", "CLASSIFICATION": "classification",
                      "REFERENCE ID": "identifier", "SUBJECT": "title"}
_EXPORT_MARK = re.compile(r"<<\d{1,10}>>")
_REFIDS_VALUE = re.compile(r"\d{2}[A-Z][A-Z0-9]{1,30}\d{1,7}(?:\|\d{2}[A-Z][A-Z0-9]{1,30}\d{1,7}){0,80}")
_FRONT_FIELDS: Final = {"Identifier": "identifier", "Created": "created", "Classification": "classification",
                        "Origin": "origin", "Title": "title", "References": "references"}
_CABLE_DATED = re.compile(r"(?:ID:[ ]?\d{1,10}[ ]++)?Cable dated:[ ]?(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)\]?")


def _read_front_matter(source: Source) -> None:
    """Read the ``Key: value`` lines the text serializer writes first: not damage, so no defect."""
    lines = source.lines
    end = 0
    record: dict[str, object] = {}
    while end < len(lines):
        m = FRONT_MATTER.fullmatch(lines[end])
        if m is None:
            break
        if m.group("key") == "Reference-Id":
            source.reference_id = m.group("value").strip()
        else:
            record[_FRONT_FIELDS[m.group("key")]] = m.group("value")
        end += 1
    if end == 0 or (end < len(lines) and lines[end].strip()):
        source.reference_id = None
        return
    if record:
        source.metadata = _metadata_from(record)
        if source.metadata.created is None and "created" in record:
            return
    source.replace(0, end)


class _Edit(NamedTuple):
    """Lines after a preamble that its publication changed: lines :attr:`start` to :attr:`stop` become :attr:`lines`."""

    start: int
    stop: int
    lines: tuple[str, ...] = ()
    origins: tuple[int, ...] | None = None
    """For each new line, the index of the line it comes from (by default, the line at :attr:`start`)."""


@attrs.frozen
class _Preamble:
    """What a publication put before the cable, as one detector found it."""

    record: Mapping[str, object]
    """What it states about the cable, in the keys :func:`_metadata_from` reads."""
    stop: int
    """The preamble's lines run from the first line that is not blank up to this one (excluded)."""
    message: str
    """What was found, for the ``publication-wrapper`` defect."""
    first_line: str | None = None
    """What the line at :attr:`stop` becomes (the cable's text, when the preamble ends inside that line)."""
    edits: tuple[_Edit, ...] = ()
    """What the publication changed in the lines after the preamble (escaped line ends, a rule, quotes)."""
    text: str | None = None
    """The text taken out, when it is not the preamble's lines (and the part of the line :attr:`first_line` ends)."""


Detector = Callable[[Sequence[str], int], "_Preamble | None"]
"""A detector of a preamble: given the lines and where the cable should start, what it found there."""


def _metadata_table(lines: Sequence[str], start: int) -> _Preamble | None:
    """A web page's metadata table flattened to lines.

    Three to six labels (``Identifier``, ``Created`` …) one a line, their
    values one a line, then as far as they go ``Cable title:`` and its value,
    ``Tags:`` and ``pdf how-to read a cable``.
    """
    labels: list[str] = []
    i = start
    while i < len(lines) and len(labels) < 6:
        label = _LABELS.get(lines[i].strip().lower())
        if label is None:
            break
        labels.append(label)
        i += 1
    if len(labels) < 3:
        return None
    record: dict[str, object] = dict(zip(labels, (v.strip() for v in lines[i:i + len(labels)]), strict=False))
    title, stop = _table_title(lines, i + len(labels))
    if title:
        record["title"] = title
    return _Preamble(record, stop, "page metadata lines (Identifier, Created, …) before the cable")


def _table_title(lines: Sequence[str], start: int) -> tuple[str, int]:
    """The title in the ``Cable title:``, ``Tags:`` and ``pdf`` lines from *start*, and where those lines end."""
    title_parts: list[str] = []
    stop = start
    for j in range(start, min(start + 12, len(lines))):
        low = lines[j].replace("\u00a0", " ").strip().lower()
        if low.startswith("cable title:"):
            title_parts.append(lines[j].split(":", 1)[1])
            stop = j + 1
        elif low.startswith("tags:"):
            stop = j + 1
        elif low.startswith("pdf how-to read a cable") or low == "pdf":
            stop = j + 1
            break
        elif title_parts and low and not low.startswith("tags"):
            title_parts.append(lines[j])
            stop = j + 1
        elif low:
            break
    return " ".join(" ".join(title_parts).split()), stop


def _converter_header(lines: Sequence[str], start: int) -> _Preamble | None:
    """A converter's five lines: reference id, subject, date, classification, origin.

    The date is written as ``Thu Nov 05 03:45:00 +0100 2009``.
    """
    if (start + 5 > len(lines) or not _REFID.fullmatch(lines[start].strip())
            or not _CTIME.fullmatch(lines[start + 2].strip())):
        return None
    record = {"identifier": lines[start].strip(), "title": lines[start + 1], "created": lines[start + 2],
              "classification": lines[start + 3], "origin": lines[start + 4]}
    return _Preamble(record, start + 5, "converter header (reference id, subject, date, classification, "
                     "origin) before the cable")


def _export_lines(lines: Sequence[str], start: int) -> _Preamble | None:
    """An export's ``ID:``, ``ORIGIN:``, ``DATE:`` … lines; the cable's header may start after ``DESTINATION:``."""
    record: dict[str, object] = {}
    rest: str | None = None
    j = start
    while j < len(lines) and j - start < 10:
        kv = _KEY_VALUE.fullmatch(lines[j].strip())
        if kv is None:
            break
        key, value = kv.group("key"), kv.group("value").strip()
        if key == "ORIGIN" and _REFID.fullmatch(value):
            record["identifier"] = value
        elif key in _KEY_FIELDS:
            record[_KEY_FIELDS[key]] = value
        if key == "DESTINATION":
            rest = value  # the cable's own header starts here
            break
        j += 1
    if j - start < 2 or not record:
        return None
    if rest is not None and len(rest) > 60 and rest.startswith("VZCZC"):
        # the whole header flattened onto the DESTINATION line, its words run together: kept in the defect
        return _Preamble(record, j + 1, "export lines (CLASSIFICATION:, DATE:, …) and a flattened header before "
                         "the cable")
    return _Preamble(record, j, "export lines (CLASSIFICATION:, DATE:, …) before the cable", rest)


def _export_record(lines: Sequence[str], start: int) -> _Preamble | None:
    """An export's record: ``<<220571>>``, then date, reference id, origin and classification, one a line.

    The ids of the cables it refers to (``09STATE1|09STATE2``) may follow on a line of their own.
    """
    if (not _EXPORT_MARK.fullmatch(lines[start].strip()) or start + 5 > len(lines)
            or not _REFID.fullmatch(lines[start + 2].strip())):
        return None
    record = {"created": lines[start + 1], "identifier": lines[start + 2].strip(), "origin": lines[start + 3],
              "classification": lines[start + 4]}
    stop = start + 6 if start + 5 < len(lines) and _REFIDS_VALUE.fullmatch(lines[start + 5].strip()) else start + 5
    return _Preamble(record, stop, "an export's record lines before the cable")


def _cable_dated(lines: Sequence[str], start: int) -> _Preamble | None:
    """A ``Cable dated: 2009-11-05T03:45:00`` opening the first line; the cable's text may follow on that line."""
    line = lines[start].lstrip()
    m = _CABLE_DATED.match(line)
    if m is None:
        return None
    return _Preamble({"created": m.group(1)}, start, "'Cable dated:' line before the cable", line[m.end():])


_DATED_BANNER = re.compile(
    r"(?:\d{1,7}[ ]++)?(\d{1,2}/\d{1,2}/\d{4}[ ]\d{1,2}:\d\d(?::\d\d)?)(?:[ ]++(\d{2}[A-Z][A-Z0-9]{1,30}\d{1,7}))?"
    r"[ ]++(?=(?:[A-Z][ ]){4}|UNCLAS|CONFIDENTIAL|SECRET|LIMITED)")


def _dated_banner(lines: Sequence[str], start: int) -> _Preamble | None:
    """A release's date (maybe its row number and the refid) glued before the banner: ``3/9/2005 6:49 C O N F …``."""
    m = _DATED_BANNER.match(lines[start])
    if m is None:
        return None
    record = {"created": m.group(1)} | ({"refid": m.group(2)} if m.group(2) else {})
    return _Preamble(record, start, "a record's date glued before the banner", lines[start][m.end():])


# --- Partial records of the cable release (cables.csv) and print headers ---

_NOTE: Final = ("This record is a partial extract of the original cable. "
                "The full text of the original cable is not available.")
_NOTE_LAST_WORD: Final = "available."
_DATE_LINE = re.compile(r"\d{6}Z[ ][A-Z][a-z]{2}[ ]\d\d")
_RECORD_DATE = re.compile(r"(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4})(?:[ ]\d{1,2}:\d\d(?::\d\d)?)?")
_CLASSIFICATION_VALUE = re.compile(
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP[ ]SECRET|LIMITED[ ]OFFICIAL[ ]USE)(?://[A-Z][A-Z /]{0,40})?")
_KEY_VALUE_LINE = re.compile(r"([a-z]{2,14}):[ ]?(.{0,500})")
_KEY_VALUE_KEYS: Final = frozenset({"id", "date", "refid", "origin", "classification", "destination", "header"})
_TAB_ROW = re.compile(r"(?:\d{1,7}\t)?(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4})[ ]\d{1,2}:\d\d(?::\d\d)?\t")
_COMMA_ROW = re.compile(r"\d{1,7},(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d)[ ]\d{1,2}:\d\d(?::\d\d)?,")
_QUOTE_OPENING = re.compile(r'"(?:,")?(?=(?:[A-Z][ ]){4}|UNCLAS|CONFIDENTIAL|SECRET|LIMITED)')
_QUOTE_LINES: Final = frozenset({'"', '",', '","'})
_TELEGRAM = re.compile(r"Telegram(?:Restricted by caption\.[ ]?)?[A-Z].{0,150}?[ ]\d{5,8}[ ]*+")
_MAIL_FROM = re.compile(r"(?:[^\n]{0,300}?\[\d{1,10}\])?From:[ ]")
_NOTES_PRINT = re.compile(r".{0,80}?\d\d/\d\d/\d{4}[ ]\d\d:\d\d:\d\d[ ][AP]M[ ]+From[ ]+DB/Inbox:")
_POST_PRINT_KEY = re.compile(r"CX[A-Z]{2,20}:")


def _publication_note(lines: Sequence[str], start: int) -> _Preamble | None:
    """The release's note ``This record is a partial extract of the original cable. …``, on up to four lines.

    The cable's text may follow the note on its last line.
    """
    if not lines[start].lstrip().startswith("This record is a partial"):
        return None
    words: list[str] = []
    for stop in range(start, min(start + 4, len(lines))):
        words.extend(lines[stop].split())
        said = " ".join(words)
        if said.startswith(_NOTE):
            line = lines[stop]
            rest = line[line.find(_NOTE_LAST_WORD) + len(_NOTE_LAST_WORD):] if _NOTE_LAST_WORD in line else ""
            message = "the release's note that the record is a partial extract of the cable"
            return _Preamble({}, stop, message, rest) if rest.strip() else _Preamble({}, stop + 1, message)
        if not _NOTE.startswith(said):
            return None
    return None


def _date_line(lines: Sequence[str], start: int) -> _Preamble | None:
    """The release's date line, ``281413Z Jul 03`` (day, hour and minute, month, year)."""
    line = lines[start].strip()
    if len(line) != 14 or not _DATE_LINE.fullmatch(line) or line[8:11].upper() not in MONTHS:
        return None
    return _Preamble({"created": line}, start + 1, "the release's date line before the cable")


def _key_value_record(lines: Sequence[str], start: int) -> _Preamble | None:
    """A cables.csv record as ``id:``, ``date:``, ``refid:`` … lines; the cable's header follows ``header:``.

    The ``----- header ends -----`` rule after the header is taken out too.
    """
    if not lines[start].startswith("id: "):
        return None
    record: dict[str, object] = {}
    for at in range(start, min(start + 8, len(lines))):
        m = _KEY_VALUE_LINE.fullmatch(lines[at].strip())
        if m is None or m.group(1) not in _KEY_VALUE_KEYS:
            return None
        if m.group(1) == "header":
            break
        record[m.group(1)] = m.group(2).strip()
    else:
        return None
    if not _REFID.fullmatch(str(record.get("refid", ""))):
        return None
    rule = next((i for i in range(at + 1, min(at + 400, len(lines)))
                 if "header ends" in lines[i] and lines[i].strip().strip("-").strip() == "header ends"), None)
    header = m.group(2).strip()
    text = "\n".join(lines[start:at + 1]) + ("" if rule is None else "\n" + lines[rule])
    return _Preamble({k: v for k, v in record.items() if k not in ("id", "destination")},
                     at if header else at + 1, "a record of the cable release (id:, date:, refid: … header:)",
                     header or None, () if rule is None else (_Edit(rule, rule + 1),), text)


def _values(lines: Sequence[str], start: int, count: int) -> list[tuple[str, int]]:
    """Up to *count* lines from *start* that are not blank, stripped, with their index; at most two blanks between."""
    values: list[tuple[str, int]] = []
    blanks = 0
    for at in range(start, min(start + 3 * count, len(lines))):
        value = lines[at].strip()
        if not value:
            blanks += 1
            if blanks > 2:
                break
            continue
        blanks = 0
        values.append((value, at))
        if len(values) == count:
            break
    return values


def _column_record(lines: Sequence[str], start: int) -> _Preamble | None:
    """The columns of a cables.csv row one a line: number, date, refid, origin, classification, referenced ids.

    Blank lines may stand between them; the referenced ids (``05BOGOTA1531|05BOGOTA555``) may be missing.
    """
    number = lines[start].strip()
    if not (0 < len(number) <= 7 and number.isascii() and number.isdigit()):
        return None
    values = _values(lines, start, 6)
    if len(values) < 5:
        return None
    date, refid, origin, classification = (value for value, _ in values[1:5])
    if not (_RECORD_DATE.fullmatch(date) and _REFID.fullmatch(refid)
            and _CLASSIFICATION_VALUE.fullmatch(classification)) or _REFID.fullmatch(origin):
        return None
    stop = values[4][1] + 1
    if len(values) == 6 and _REFIDS_VALUE.fullmatch(values[5][0]):
        stop = values[5][1] + 1
    return _Preamble({"refid": refid, "date": date, "origin": origin, "classification": classification}, stop,
                     "the columns of a record of the cable release (number, date, refid, origin, classification)")


def _tab_row(lines: Sequence[str], start: int) -> _Preamble | None:
    """A tab-separated cables.csv row: [number,] date, refid, origin, classification, referenced ids, header, body.

    The row runs to the end of the text, each of its line breaks escaped (``\\`` ending the line): the
    escapes are taken out, and the tab between the header and the body becomes a line break.
    """
    first = lines[start]
    if "\t" not in first or not _TAB_ROW.match(first):
        return None
    fields = first.split("\t")
    columns = 5 if _RECORD_DATE.fullmatch(fields[0]) else 6
    if len(fields) <= columns or not _REFID.fullmatch(fields[columns - 4]):
        return None
    record = dict(zip(("date", "refid", "origin", "classification"), fields[columns - 5:columns - 1], strict=True))
    new, origins = _unescaped(["\t".join(fields[columns:]), *lines[start + 1:]], start)
    return _Preamble(record, start, "a tab-separated row of the cable release (date, refid, origin, …)",
                     edits=(_Edit(start, len(lines), tuple(new), tuple(origins)),), text="\t".join(fields[:columns]))


def _unescaped(lines: Sequence[str], first: int) -> tuple[list[str], list[int]]:
    """The lines of a tab-separated row's header and body: ``\\`` line ends dropped, the header ended at its tab."""
    new: list[str] = []
    origins: list[int] = []
    split = False
    for at, line in enumerate(lines, first):
        if line.endswith("\\"):
            line = line[:-1]
        if not split and "\t" in line:
            split = True
            header, _, line = line.partition("\t")
            if header.strip():
                new.append(header)
                origins.append(at)
        new.append(line)
        origins.append(at)
    return new, origins


def _comma_row(lines: Sequence[str], start: int) -> _Preamble | None:
    """A comma-separated cables.csv row, read with :mod:`csv`: its columns, then the header and body it quotes.

    A web page may have wrapped the columns before the header over several lines.
    """
    if not _COMMA_ROW.match(lines[start]):
        return None
    opening = _csv_opening(lines, start)
    if opening is None:
        return None
    at, columns = opening
    if not _REFID.fullmatch(columns[2].strip()):
        return None
    text = "\n".join([" ".join(line.strip() for line in lines[start:at + 1]), *lines[at + 1:]])
    reader = csv.reader(io.StringIO(text))
    try:
        row = next(reader, [])
    except csv.Error:
        return None
    new, origins = _csv_lines(row[6:], at)
    record = dict(zip(("date", "refid", "origin", "classification"), (c.strip() for c in columns[1:5]), strict=True))
    return _Preamble(record, at, "a comma-separated row of the cable release (number, date, refid, …)",
                     edits=(_Edit(at, at + reader.line_num, tuple(new), tuple(origins)),),
                     text="\n".join(lines[start:at + 1]))


def _csv_opening(lines: Sequence[str], start: int) -> tuple[int, list[str]] | None:
    """The line where a comma row's header column opens, and the six columns before it (read with :mod:`csv`)."""
    for at in range(start, min(start + 6, len(lines))):
        try:
            columns = next(csv.reader([" ".join(line.strip() for line in lines[start:at + 1])]), [])
        except csv.Error:
            return None
        if len(columns) > 6:
            return at, columns[:6]
    return None


def _csv_lines(values: Sequence[str], first: int) -> tuple[list[str], list[int]]:
    """The lines of a row's last columns (header, body), each with the index of its line.

    A column starts on the line where the one before it ends; a blank piece where two meet is left out.
    """
    new: list[str] = []
    origins: list[int] = []
    at = first
    for number, value in enumerate(values):
        pieces = value.split("\n")
        for index, piece in enumerate(pieces):
            edge = (index == 0 and number > 0) or (index == len(pieces) - 1 and number < len(values) - 1)
            if piece.strip() or not edge:
                new.append(piece)
                origins.append(at + index)
        at += len(pieces) - 1
    return new, origins


def _quote_debris(lines: Sequence[str], start: int) -> _Preamble | None:
    """What a CSV field's quotes left before the cable: a line ``"`` or ``",``, or ``","`` opening the banner."""
    line = lines[start]
    if line.strip() in _QUOTE_LINES:
        return _Preamble({}, start + 1, "a CSV field's quote before the cable")
    m = _QUOTE_OPENING.match(line) if line[:1] == '"' else None
    if m is None:
        return None
    return _Preamble({}, start, "a CSV field's quote before the cable", line[m.end():])


def _telegram_title(lines: Sequence[str], start: int) -> _Preamble | None:
    """A telegram print's title: ``Telegram``, the classification, the post and the serial, on one line."""
    line = lines[start]
    if not line.startswith("Telegram") or not _TELEGRAM.fullmatch(line):
        return None
    return _Preamble({}, start + 1, "the title of a telegram print before the cable")


def _mail_header(lines: Sequence[str], start: int) -> _Preamble | None:
    """An e-mail's header lines (``From:``, ``Sent:``, ``To:``, ``Subject:``) and its classification line."""
    if "From:" not in lines[start][:320] or not _MAIL_FROM.match(lines[start]):
        return None
    stop = start + 1
    while stop < len(lines) and stop - start < 12 and lines[stop].strip():
        stop += 1
    if not any(line.startswith(("Sent:", "To:")) for line in lines[start:stop]):
        return None
    record: dict[str, object] = {}
    after = _values(lines, stop, 1)
    if after and _CLASSIFICATION_VALUE.fullmatch(after[0][0]):
        record["classification"] = after[0][0]
        stop = after[0][1] + 1
    return _Preamble(record, stop, "the header of an e-mail that carried the cable")


def _notes_print(lines: Sequence[str], start: int) -> _Preamble | None:
    """A mail database's print: ``null``, ``<name> <date> From DB/Inbox: …``, ``Cable``, ``Text:``.

    The post's own print lines after it (a short banner, ``CXPOST:``, ``ACTION:``, ``INFO:`` …) run up to
    the transmission header.
    """
    at = start
    if lines[at].strip() == "null":
        after = _values(lines, at + 1, 1)
        at = after[0][1] if after else at
    if not _NOTES_PRINT.match(lines[at]):
        return None
    stop = next((i + 1 for i in range(at + 1, min(at + 8, len(lines))) if lines[i].strip() == "Text:"), at + 1)
    header = next((i for i in range(stop, min(stop + 30, len(lines))) if lines[i].startswith("VZCZC")), None)
    if header is not None and any(_POST_PRINT_KEY.match(line) for line in lines[stop:header]):
        stop = header
    return _Preamble({}, stop, "a mail database's print header before the cable")


_PREAMBLES: Final = (_metadata_table, _converter_header, _export_lines, _export_record, _cable_dated,
                     _publication_note, _date_line, _key_value_record, _column_record, _tab_row, _comma_row,
                     _quote_debris, _telegram_title, _mail_header, _notes_print, _dated_banner)
"""The detectors of what a publication puts before the cable, tried in turn where the cable should start."""

_MAYBE_PREAMBLE = re.compile(
    r"[ \t]*+(?:\d|<<|\"|id:[ ]|null\b|Telegram|This[ ]record|(?:ID:[ ]?\d{1,10}[ ]++)?Cable[ ]dated:"
    r"|(?:ID|ORIGIN|DATE|SOURCE|CLASSIFICATION|MISC|DESTINATION|REFERENCE[ ]ID|SUBJECT):"
    r"|(?i:identifier|reference[ ]id|created|released|classification|origin)[ \t]*+$)")
"""How a line that one of :data:`_PREAMBLES` may find starts (but for the mail headers, which hold ``From``)."""

def _export_lines_inside(lines: Sequence[str], start: int) -> _Preamble | None:
    """An export's lines further down the text (after a first copy of the header): only with its ``DESTINATION:``.

    A head may hold ``CLASSIFICATION:`` and ``SUBJECT:`` lines of its own; the export's lines end with the
    destination, where the header starts again.
    """
    found = _export_lines(lines, start)
    if found is None or not any(line.startswith("DESTINATION:") for line in lines[start:found.stop + 1]):
        return None
    return found


_INSIDE: Final = (_cable_dated, _publication_note, _export_record, _key_value_record, _column_record, _tab_row,
                  _comma_row, _dated_banner, _export_lines_inside)
"""The detectors also tried further down the text's first lines (after a header, or a first copy of the cable)."""

_INSIDE_LINE = re.compile(r"\d{1,7}[ ]*+$|\d{1,7}[,\t]\d|\d{4}-\d\d-\d\d[ ]\d|<<\d|id:[ ]\d|This[ ]record"
                          r"|(?:\d{1,7}[ ])?\d{1,2}/\d{1,2}/\d{4}[ ]\d"
                          r"|(?:ID:[ ]?\d{1,10}[ ]++)?Cable[ ]dated:|ID:[ ]?\d{1,10}[ ]*+$|CLASSIFICATION:[ ]")
"""How a line starts that one of :data:`_INSIDE` may find something at: the test before trying them."""
_INSIDE_FIRST: Final = frozenset("0123456789<iITC")
"""The first characters of :data:`_INSIDE_LINE`: the cheap test before it."""
_CUTS: Final = ("...", "\u2026")
"""How a line cut short by a publication's preview ends."""
_BLOCK_FIRST: Final = _INSIDE_FIRST | {'"'}
"""The first characters of a block (after an empty line) where a record may start (after a CSV quote, maybe)."""
_HEAD_LINES: Final = 48
_HEAD_CHARS: Final = 2600
"""How far into the text a record or a preview is looked for (the records of the release stand within the first
1,300 characters or so; a preview's cut, after a long header, within 2,200)."""
_MAX_PEELS: Final = 16


def _detect(lines: Sequence[str], start: int, detectors: Sequence[Detector]) -> _Preamble | None:
    """What the first of *detectors* that finds something at line *start* found."""
    for detect in detectors:
        found = detect(lines, start)
        if found is not None:
            return found
    return None


def _next_text(lines: Sequence[str], start: int) -> int | None:
    """The first line from *start* that is not blank."""
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _peel(source: Source, ctx: Context, start: int, found: _Preamble) -> None:
    """Take out the preamble *found* at line *start*: report it, keep what it states, apply its edits."""
    lines = source.lines
    text = found.text
    if text is None:
        text = "\n".join(lines[start:found.stop])
        if found.first_line is not None and found.stop < len(lines):
            line = lines[found.stop]
            text += "\n" + (line[:len(line) - len(found.first_line)] if line.endswith(found.first_line) else line)
    ctx.at_source_line(D.PUBLICATION_WRAPPER, found.message, line=source.line_map[start], text=text.strip("\n"))
    _set_metadata(source, found.record)
    for edit in sorted(found.edits, reverse=True):
        origin = None if edit.origins is None else [source.line_map[i] for i in edit.origins]
        source.replace(edit.start, edit.stop, edit.lines, origin=origin)
    if found.first_line is not None:
        source.replace(found.stop, found.stop + 1, [found.first_line])
    source.replace(start, found.stop)


def _peel_at(source: Source, ctx: Context, index: int, detectors: Sequence[Detector] | None = None) -> bool:
    """Take out what a publication put at line *index* (blank lines skipped), one preamble after the other.

    *detectors* are tried for the first (by default all of :data:`_PREAMBLES`, after a cheap test of the
    line); all of :data:`_PREAMBLES` for the ones after it.  Return whether anything was taken out.
    """
    peeled = 0
    while peeled < _MAX_PEELS:
        start = _next_text(source.lines, index)
        if start is None:
            break
        line = source.lines[start]
        if not peeled and detectors is None and not _MAYBE_PREAMBLE.match(line) and "From" not in line[:320]:
            break  # the cheap test first: most texts start with the cable
        found = _detect(source.lines, start, detectors if detectors is not None and not peeled else _PREAMBLES)
        if found is None:
            break
        _peel(source, ctx, start, found)
        peeled += 1
    return peeled > 0


def _squeezed(line: str) -> str:
    return " ".join(line.split())


_COPY_OPENING = re.compile(r"(?:[A-Z][ ]){4}|UNCLAS|CONFIDENTIAL|SECRET|LIMITED|VZCZC")
"""How the first line of a copy of the cable starts (a banner, the transmission header)."""
_BANNER_OPENING = re.compile(r"(?:[A-Z][ ]){4}|UNCLAS|CONFIDENTIAL|SECRET|LIMITED")
_CUT_END = re.compile(r"(?:\.\.|\u2026)[ \t]*+$")
_WORD = re.compile(r"\S+")


def _first_copy(lines: Sequence[str], stop: int, opening: str, *, banner: bool = False) -> int | None:
    """The first line before *stop* that the line *opening* repeats (or starts with): where a first copy opens.

    With *banner*, only a banner or the transmission header's first line (16 characters or more) counts.
    """
    for at in range(stop):
        line = _squeezed(lines[at])
        if len(line) >= (16 if banner else 10) and opening.startswith(line) and (
                not banner or _COPY_OPENING.match(line)):
            return at
    return None


def _repeat(lines: Sequence[str], copy: Sequence[str], start: int) -> tuple[int, int, bool]:
    """How far the lines from *start* repeat the words of *copy*, taken line by line of *copy*.

    A line of *copy* that is not repeated where the repeat stands is passed over (the later copy may have
    lost it).  Return the line and column where the repeat ends, and whether every line of *copy* with
    words was repeated.
    """
    needed = sum(len(line.split()) for line in copy)  # no word past as many as copy has is compared
    words = list(islice(((at, m.end(), m.group()) for at in range(start, min(start + 4 * len(copy) + 20, len(lines)))
                         for m in _WORD.finditer(lines[at])), needed))
    position = 0
    whole = True
    for line in copy:
        said = line.split()
        if not said:
            continue
        if [word for _, _, word in words[position:position + len(said)]] == said:
            position += len(said)
        else:
            whole = False
    if not position:
        return start, 0, whole
    at, column, _ = words[position - 1]
    return at, column, whole


def _resolve_copies(source: Source, ctx: Context, first: int, end: int, after: int, *, cut_only: bool) -> None:
    """Read two copies of the cable as one: the first runs from line *first* up to *end*, the second from *after*.

    The first copy's last line, when the publication cut it short (``...``), is taken out (with the lines a
    preview shows after it, such as the signer), and so is what the
    second copy repeats of the first: the first copy keeps its lines (the second may have lost its line breaks,
    or some of the head), the second copy goes on where the repeat ends.  Without such a cut (and only
    when *cut_only* is false), the second copy must repeat the whole of the first.  When the second copy does
    not print the cut line whole, the cut line is kept (and reported): the text holds nothing else of it.
    """
    lines = source.lines
    tail = [i for i in range(max(first, end - 12), end) if lines[i].strip()][-3:]
    cut = next((i for i in reversed(tail) if _CUT_END.search(lines[i])), None)  # lines after it: the preview's end
    if cut is None and cut_only:
        return
    copy = lines[first:end if cut is None else cut]
    stop, column, whole = _repeat(lines, copy, after)
    if cut is None and not whole:
        return  # two different texts around the record, or copies that do not line up: both are kept
    repeated = [*lines[after:stop], lines[stop][:column]] if column else []
    rest = lines[stop][column:] if column else ""
    if cut is not None and not _printed_after(lines, cut, stop, rest):
        # the second copy does not print the cut line whole: the cut line is all the text has of it, kept as cut
        ctx.at_source_line(D.TEXT_TRUNCATED, "a line cut short by a publication's preview, and not printed whole "
                           "after it: what it holds is incomplete", line=source.line_map[cut], text=lines[cut])
        cut = None
    taken = (lines[cut:end] if cut is not None else []) + repeated
    ctx.at_source_line(D.PUBLICATION_WRAPPER, "the cable printed twice (a first copy cut short, or the same lines "
                       "around a record of the release): the cut line and the repeated lines are taken out",
                       line=source.line_map[cut if cut is not None else after],
                       text="\n".join(line for line in taken if line.strip()))
    start = cut if cut is not None else end
    if rest.strip():
        source.replace(start, stop + 1, [rest.lstrip()], origin=source.line_map[stop])
    else:
        source.replace(start, stop + 1 if column else after)


def _printed_after(lines: Sequence[str], cut: int, stop: int, rest: str) -> bool:
    """Whether the second copy prints the cut line whole, after its repeat of the first copy ends.

    The repeat ends on line *stop* (*rest* is what follows it there); the cut line's first four words
    (the word cut short left out) must stand within the next lines.
    """
    said = lines[cut].split()[:-1][:4]
    if len(said) < 2:
        return True
    words = " ".join([rest, *lines[stop + 1:stop + 40]]).split()[:600]
    return any(words[i:i + len(said)] == said for i in range(len(words)))


_RECORD_START = re.compile(r"\n(?=[0-9<iITC])(?:" + _INSIDE_LINE.pattern.replace("$", r"(?=\n|$)") + ")")
"""A line after the first that may open a record (:data:`_INSIDE_LINE`), found in the joined text at once."""


def _head_marks(lines: Sequence[str]) -> tuple[list[int], list[int]]:
    """Where a record may start among the first lines, and where a second copy of the cable may.

    A record stands after empty lines (maybe after a CSV quote's line) or after a line cut short; a second
    copy after empty lines, the last line before them cut short (``...``).  The text is cut into blocks with
    :meth:`str.split`, so that a line costs nothing in Python: a pass of :mod:`re`, or a loop over the
    lines, would cost more than the rest of unwrapping.  A block may open with the line breaks of more
    empty lines (an even number of them splits into a block starting with ``\n``), which are passed over.
    """
    head = "\n".join(lines[:_HEAD_LINES])[:_HEAD_CHARS]
    return _marks_in(lines, head) if _may_mark(head) else ([], [])


def _marks_in(lines: Sequence[str], head: str) -> tuple[list[int], list[int]]:
    """:func:`_head_marks` of *lines*, whose first lines (joined, cut to :data:`_HEAD_CHARS`) are *head*."""
    blocks = head.split("\n\n")
    starts: list[tuple[int, bool]] = []  # (line, whether the last line before the empty lines was cut short)
    at = blocks[0].count("\n") + 2  # the line where the next block starts
    cut = blocks[0].endswith(_CUTS)
    for block in blocks[1:]:
        text = block.lstrip("\n") if block[:1] == "\n" else block
        if text and (text[:1] in _BLOCK_FIRST or cut):
            starts.append((at + len(block) - len(text), cut))
        if text:
            cut = text.endswith(_CUTS)
        at += block.count("\n") + 2
    if "..\n" in head:
        pieces = head.split("..\n")
        starts += [(head.count("\n", 0, len("..\n".join(pieces[:k]))) + 1, False) for k in range(1, len(pieces))
                   if pieces[k][:1] in _INSIDE_FIRST]
    if '\n",\n' in head:  # a record after the closing quote of a first copy (cut short, then its last lines)
        pieces = head.split('\n",\n')
        starts += [(head.count("\n", 0, len('\n",\n'.join(pieces[:k]))) + 2, False) for k in range(1, len(pieces))
                   if pieces[k][:1] in _INSIDE_FIRST]
    records: list[int] = []
    copies: list[int] = []
    for start, after_cut in starts:
        line = lines[start]
        if line.strip() in _QUOTE_LINES and start + 1 < len(lines):
            start += 1
            line = lines[start]
        if line[:1] in _INSIDE_FIRST and _INSIDE_LINE.match(line):
            records.append(start)
        elif after_cut:
            copies.append(start)
    return sorted(records), copies


def _may_mark(head: str) -> bool:
    """Whether *head* holds a line that opens a record, a quote's line or a line cut short (a cheap test)."""
    return ("..\n" in head or head.endswith("..") or (not head.isascii() and "\u2026" in head)  # a cut at a line's end
            or ('"' in head and '\n"' in head)
            or _INSIDE_LINE.match(head) is not None or _RECORD_START.search(head) is not None)


def _peel_record(source: Source, ctx: Context, index: int) -> bool:
    """Take out a record (or a ``Cable dated:`` line) at line *index*, and a first copy of the cable before it.

    The publication printed the cable (or its header, or a preview cut short) before the record and again
    after it: see :func:`_resolve_copies`.  Return whether a record was found.
    """
    if _detect(source.lines, index, _INSIDE) is None:
        return False
    _peel_at(source, ctx, index, _INSIDE)
    index = _drop_quotes_before(source, ctx, index)
    after = _next_text(source.lines, index)
    first = None if after is None else _first_copy(source.lines, index, _squeezed(source.lines[after]))
    if after is not None and first is not None:
        _resolve_copies(source, ctx, first, index, after, cut_only=False)
    _drop_release_tags(source, ctx, index)
    return True


def _drop_release_tags(source: Source, ctx: Context, index: int) -> None:
    """Take out a ``TAGS:`` line that a release's record put before the banner, when the cable's head repeats it.

    The record's header column may end with the cable's TAGS line; the cable states it again after its banner.
    """
    lines = source.lines
    for at in range(index, min(index + 80, len(lines) - 1)):
        if lines[at].startswith("TAGS") and _BANNER_OPENING.match(lines[at + 1]):
            tags = _squeezed(lines[at])
            if any(_squeezed(line) == tags for line in lines[at + 2:at + 42]):
                ctx.at_source_line(D.PUBLICATION_WRAPPER, "the cable's TAGS line, put before its banner by a record of "
                                   "the release", line=source.line_map[at], text=lines[at])
                source.replace(at, at + 1)
            return


def _drop_quotes_before(source: Source, ctx: Context, index: int) -> int:
    """Take out the lines of CSV quotes (``"``, ``",``) just before line *index*; return where *index* moved."""
    lines = source.lines
    first = index
    while first and (not lines[first - 1].strip() or lines[first - 1].strip() in _QUOTE_LINES):
        first -= 1
    quotes = [line for line in lines[first:index] if line.strip()]
    if not quotes:
        return index
    ctx.at_source_line(D.PUBLICATION_WRAPPER, "a CSV field's quote before a record of the cable release",
                       line=source.line_map[first], text="\n".join(quotes))
    source.replace(first, index)
    return first


def _drop_preview(source: Source, ctx: Context, copies: Sequence[int]) -> None:
    """Read a preview cut short (its last line ends in ``...``) and the copy of the cable after it as one.

    *copies* are lines after an empty line that may open the later copy: its first line repeats the preview's
    first (a banner, the header's first line); see :func:`_resolve_copies`.
    """
    lines = source.lines
    for after in copies[:8]:
        cut = after - 1
        while cut > 0 and (not lines[cut].strip() or lines[cut].strip() in _QUOTE_LINES):
            cut -= 1
        if not lines[cut].rstrip().endswith(_CUTS):
            continue
        first = _first_copy(lines, cut + 1, _squeezed(lines[after]), banner=True)
        if first is not None:
            _resolve_copies(source, ctx, first, cut + 1, after, cut_only=True)
            return


def _strip_trailing_quotes(source: Source, ctx: Context) -> None:
    """Take out what a CSV field's closing quote left after the cable: a line ``"`` or ``",``, a `` "`` ending it."""
    lines = source.lines
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if not end or '"' not in lines[end - 1]:
        return
    last = lines[end - 1].rstrip()
    if last.strip() in _QUOTE_LINES:
        new: list[str] = []
        taken = last.strip()
    elif last.endswith(' "') and last.count('"') == 1:
        new = [last[:-1].rstrip()]
        taken = '"'
    else:
        return
    ctx.at_source_line(D.PUBLICATION_WRAPPER, "a CSV field's closing quote after the cable",
                       line=source.line_map[end - 1], text=taken)
    source.replace(end - 1, end, new)


def _strip_page_metadata(source: Source, ctx: Context) -> None:
    """Take out what a publication put around the cable (see :data:`_PREAMBLES`).

    First what stands where the cable should start, one preamble after the other; then a record further down
    and a first copy of the cable before it, or a preview cut short before the full cable; last, a CSV quote
    after the cable.
    """
    _peel_at(source, ctx, 0)
    records, copies = _head_marks(source.lines)
    for _ in range(4):
        if not any(_peel_record(source, ctx, index) for index in records):
            break
        records, copies = _head_marks(source.lines)
    if copies:
        _drop_preview(source, ctx, copies)
    _strip_trailing_quotes(source, ctx)


_NO_METADATA: Final = Metadata()


def _set_metadata(source: Source, record: Mapping[str, object]) -> None:
    """Add what *record* states to the source's metadata: what was known already wins.

    A record that states nothing (the release's note, a quote) leaves no metadata where there was none.
    """
    if not record:
        return
    new = _metadata_from(record)
    old = source.metadata
    if old is None:
        if new != _NO_METADATA:
            source.metadata = new
        return
    missing = {field.name: getattr(new, field.name) for field in attrs.fields(Metadata)
               if not getattr(old, field.name)}
    source.metadata = attrs.evolve(old, **missing)


def unwrap(text: str, ctx: Context) -> Source:
    """Take the cable out of whatever publication wraps it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    stripped = text.lstrip()
    source: Source | None = None
    if stripped.startswith("{"):
        source = _unjson(stripped if stripped is text else text, ctx)
    elif stripped[:1] == '"' or stripped[:1].isdigit():
        source = _uncsv(text, ctx)
    if source is None and "<" in text:
        source = _unhtml(text, ctx)
    if source is None:
        source = Source.from_text(text)
    _read_front_matter(source)
    _strip_page_metadata(source, ctx)
    return source
