"""Taking a cable out of its publication: web pages, CSV rows, JSON records.

:func:`unwrap` returns the cable text, what the publication stated about the
cable (:class:`~cablekit.Metadata`), and for every line of the cable text the
line of the caller's input it came from, so that defects point into the input.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Final

import attrs
import regex  # for the lookbehinds of _HEADER_BREAKS and the page scans; re for the per-line patterns (cheaper to call)

from ._context import Context
from .defects import DefectCode as D
from .model import Metadata
from .vocabulary import FRONT_MATTER, MONTHS

__all__ = ["Source", "parse_date", "unwrap"]

_REFID = re.compile(r"\d{2}[A-Z][A-Z0-9]{1,30}\d{1,7}")

_DATE_FORMATS: Final = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d?):(\d\d)(?::(\d\d))?(?:Z|[+-]00:?00)?)?"), "ymd"),
    (re.compile(r"(\d\d?)/(\d\d?)/(\d{4})(?:[ ]+(\d\d?):(\d\d)(?::(\d\d))?)?"), "mdy"),
    (re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d\d?) (\d\d?):(\d\d):(\d\d) [+-]\d{4} (\d{4})"), "ctime"),
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
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
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
    )


_HEADER_BREAKS = regex.compile(
    r"(?<=VZCZC[A-Z]{3}\d{4})(?=[A-Z])"
    r"|(?<=\S)(?=DE[ ]R[A-Z0-9]{3,6}[ ]\#)"
    r"|(?<=\S)(?=Z[NY][YRN][ ][A-Z]{5}[ ]ZZH)"
    r"|(?<=\S)(?=[RPOZ]{1,2}[ ]\d{6}Z[ ][A-Z]{3}[ ]\d\d)"
    r"|(?<=[A-Z]{3}[ ]\d\d)(?=FM[ ])"
    r"|(?<=\S)(?=TO[ ]R[A-Z0-9]{3,6}/)"
    r"|(?<=\S)(?=INFO[ ]R[A-Z0-9]{3,6}/)"
    r"|(?<![ ]|TO[ ]|INFO[ ]|^)(?=R[A-Z0-9]{3,6}/)"
)


def _json_parts(record: Mapping[str, object]) -> list[tuple[str, str]]:
    """The fields holding the cable text, (key as written, value): header and body, or one text field."""
    lower = {str(k).strip().lower(): (str(k), v) for k, v in record.items()}
    parts: list[tuple[str, str]] = []
    for key in ("header", "body", *_TEXT_KEYS):
        if key in lower:
            name, value = lower[key]
            if isinstance(value, str) and value.strip():
                parts.append((name, value))
        if key == "body" and parts:
            break
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
                       "and body columns", line=1, text=text[:80].split("\n")[0])
    return source


# --- HTML pages --------------------------------------------------------------

_PRE_OPEN = re.compile(r"<pre\b[^>]{0,200}+>", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*+>", re.IGNORECASE)
_TAG = regex.compile(r"</?[A-Za-z][^<>]{0,500}>")
_ENTITY = regex.compile(r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")
_TABLE_OPEN = regex.compile(r"<table\b[^>]{0,200}class=['\"]cable['\"][^>]{0,200}>", regex.IGNORECASE)
_TABLE_CLOSE = regex.compile(r"</table>", regex.IGNORECASE)
_CELL_OPEN = regex.compile(r"<(th|td)\b[^>]{0,200}>", regex.IGNORECASE)
_CELL_OPEN_TH = regex.compile(r"<(th)\b[^>]{0,200}>", regex.IGNORECASE)
_CELL_OPEN_TD = regex.compile(r"<(td)\b[^>]{0,200}>", regex.IGNORECASE)
_CELL_CLOSE = regex.compile(r"</(th|td)>", regex.IGNORECASE)
_TITLE = regex.compile(r"<h3>\s*Viewing cable[^,<]{0,60},\s*(.{1,300}?)\s*</h3>", regex.IGNORECASE | regex.DOTALL)


_PAGE_START = regex.compile(r"\s*<(?:\?xml|!DOCTYPE|html)", regex.IGNORECASE)


def _html_text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


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


def _pre_lines(block: str, first: int) -> tuple[list[str], list[int]]:
    """The decoded lines of a ``<pre>`` block's text that starts on source line *first*, and their source lines.

    Blank lines at the end are left out.
    """
    if "\n" not in block and not ("<" in block or "&" in block or "\r" in block):
        return ([block], [first]) if block.strip() else ([], [])  # one plain line, the shape of many small blocks
    lines = block.split("\n")
    if "<" in block or "&" in block or "\r" in block:
        # An entity may decode to a line ending: "\r\n" and a lone "\r" each break the line, even at its end.
        decoded = [_html_text(raw.rstrip("\r")).replace("\r\n", "\n").replace("\r", "\n") for raw in lines]
        lines, line_map = _mapped_pieces(decoded, range(first, first + len(decoded)))
    else:
        line_map = list(range(first, first + len(lines)))
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    del lines[end:], line_map[end:]
    return lines, line_map


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
    while (cell := opening.search(content, pos)) is not None:
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


def _page_metadata(text: str) -> Metadata | None:
    """What the page's metadata table (``<table class='cable'>``) and its heading state."""
    cells = _table_cells(text)
    if cells is None:
        return None
    heads = [" ".join(_html_text(value).split()) for kind, value in cells if kind.lower() == "th"]
    values = [" ".join(_html_text(value).split()) for kind, value in cells if kind.lower() == "td"]
    record: dict[str, object] = dict(zip(heads, values, strict=False))
    title = _TITLE.search(text)
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
_FRONT_FIELDS: Final = {"Identifier": "identifier", "Created": "created", "Classification": "classification",
                        "Origin": "origin", "Title": "title"}
_CABLE_DATED = re.compile(r"Cable dated:[ ]?(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)")


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
    return _Preamble(record, j, "export lines (CLASSIFICATION:, DATE:, …) before the cable", rest)


def _export_record(lines: Sequence[str], start: int) -> _Preamble | None:
    """An export's record: ``<<220571>>``, then date, reference id, origin and classification, one a line."""
    if (not _EXPORT_MARK.fullmatch(lines[start].strip()) or start + 5 > len(lines)
            or not _REFID.fullmatch(lines[start + 2].strip())):
        return None
    record = {"created": lines[start + 1], "identifier": lines[start + 2].strip(), "origin": lines[start + 3],
              "classification": lines[start + 4]}
    return _Preamble(record, start + 5, "an export's record lines before the cable")


def _cable_dated(lines: Sequence[str], start: int) -> _Preamble | None:
    """A ``Cable dated: 2009-11-05T03:45:00`` opening the first line; the cable's text may follow on that line."""
    line = lines[start].lstrip()
    m = _CABLE_DATED.match(line)
    if m is None:
        return None
    return _Preamble({"created": m.group(1)}, start, "'Cable dated:' line before the cable", line[m.end():])


_PREAMBLES: Final = (_metadata_table, _converter_header, _export_lines, _export_record, _cable_dated)
"""The detectors of what a publication puts before the cable, tried in turn on its first line that is not blank."""


def _strip_page_metadata(source: Source, ctx: Context) -> None:
    """Take out what a publication put before the cable (the first of :data:`_PREAMBLES` that finds one)."""
    lines = source.lines
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return
    for detect in _PREAMBLES:
        found = detect(lines, start)
        if found is None:
            continue
        _set_metadata(source, found.record)
        ctx.at_source_line(D.PUBLICATION_WRAPPER, found.message, line=source.line_map[start], text=lines[start])
        if found.first_line is not None:
            source.replace(found.stop, found.stop + 1, [found.first_line])
        source.replace(start, found.stop)
        return


def _set_metadata(source: Source, record: Mapping[str, object]) -> None:
    """Add what *record* states to the source's metadata: what was known already wins."""
    new = _metadata_from(record)
    old = source.metadata
    if old is None:
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
