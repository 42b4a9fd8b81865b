"""Chunks for search and language models: paragraph-aware pieces of a cable, with where each came from.

Retrieval pipelines and embedding models take text in pieces of bounded
size.  :func:`~cablekit.chunks` cuts a cable the way it is written: a chunk holds whole
paragraphs when they fit, a paragraph too long for one chunk is cut between
its blocks, list items or sentences, and only a sentence too long for a
chunk is cut between words; a chunk never ends inside a word.  Each
:class:`~cablekit.Chunk` says where its text came from (the cable's id, the numbers of
the paragraphs it spans, their section heading and highest portion marking)
and carries the cable's subject, date, classification, post and TAGS, so that
an index can filter on them.

**The body text.**  Body chunks cover the *body text* of a cable: the texts
of its kept paragraphs, as :func:`~cablekit.normalize` cleans them, in order,
joined by a blank line (``"\\n\\n"``).  A kept paragraph is one the filters
let through whose text is not blank.  Headings, paragraph markers
(``3.``) and portion markings (``(C)``) are not part of it: they are in the
chunk's :attr:`~cablekit.Chunk.heading`, :attr:`~cablekit.Chunk.paragraphs` and
:attr:`~cablekit.Chunk.marking`, so that the text an embedding model sees is the
cable's prose.  The head (TAGS, SUBJECT, REF, Classified By…) never enters
body chunks; the subject and the summary can be chunks of their own
(``head=``).  Precisely: each chunk's :attr:`~cablekit.Chunk.new_text` is
``body[chunk.start:chunk.end]``, the first chunk starts at 0, the last ends at
``len(body)``, and between two chunks there is only whitespace.

**Defaults, and why.**

* ``max_chars=1500``: about 375 tokens of English prose, inside the 512-token
  window of the common embedding models with room for a prefix such as the
  subject; nine in ten paragraphs of real cables are shorter, so they stay
  whole.  Text in capitals (older cables) takes more tokens per character:
  lower it for a model with a small window.
* ``overlap=0``: chunks end at paragraph or sentence boundaries, so there is
  no cut sentence to bridge, and repeated text costs index space and brings
  near-duplicate hits.  With ``overlap=N``, a chunk that starts inside a
  paragraph (the previous one ended within it) begins with up to *N*
  characters of that paragraph's preceding text, from a sentence start when
  one is within reach, else from a word start; :attr:`~cablekit.Chunk.overlap` says how
  many.  Overlap never reaches into another paragraph.
* ``head=()``: no subject or summary chunks.  The subject is metadata of
  every chunk already, and the summary is text of the body (its first
  paragraphs), so a chunk of it would be a near duplicate in the index.

**Filters.**  ``markings={"U", "SBU"}`` keeps only the paragraphs of those
levels (see :func:`~cablekit.chunking.marking_level`: ``S//NF`` is of level ``S``, ``U//FOUO`` of
level ``U``).  An unmarked paragraph counts at the cable's classification
(an unmarked paragraph of an UNCLASSIFIED cable is ``U``); one whose level
is unknown, because neither its marking nor the cable tells it, is left out
by any marking filter.  ``exclude_headings={"Comment"}`` leaves out the
paragraphs of those sections (compared ignoring case, spaces and a closing
``:`` or ``.``).  A summary chunk is made only when every paragraph the
summary came from is kept, and a subject chunk only when the cable's own
level passes the marking filter.

>>> import cablekit
>>> text = '''CONFIDENTIAL TALLINN 000412
...
... SUBJECT: BALTIC SUMMIT AGENDA
...
... 1. (C) The Foreign Minister said Tallinn will press for a joint statement.
... He said the U.S. position was welcome.
...
... 2. (U) Dates are not yet set.
... '''
>>> for chunk in cablekit.chunks(cablekit.parse(text), max_chars=60):
...     print(chunk.position, chunk.paragraphs, chunk.marking, repr(chunk.text))
1 (1,) C 'The Foreign Minister said Tallinn will press for a joint'
2 (1,) C 'statement. He said the U.S. position was welcome.'
3 (2,) U 'Dates are not yet set.'
>>> [c.text for c in cablekit.chunks(cablekit.parse(text), markings={"U"}, head={"subject"})]
['Dates are not yet set.']
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Final, NamedTuple

import attrs

from .model import Cable, Classification, Paragraph
from .normalize import normalize

__all__ = ["LEVELS", "Chunk", "ChunkKind", "Chunker", "chunks", "marking_level"]

# --------------------------------------------------------------------------- the chunk


class ChunkKind(enum.Enum):
    """What part of a cable a :class:`~cablekit.Chunk` holds."""

    SUBJECT = "subject"
    """The subject line (``head={"subject"}``)."""
    SUMMARY = "summary"
    """The summary, without ``Summary:`` and ``End Summary`` (``head={"summary"}``)."""
    BODY = "body"
    """The body text: the paragraphs."""


@attrs.frozen(kw_only=True)
class Chunk:
    """One piece of a cable's text, with where it came from and the cable's metadata.

    :attr:`start` and :attr:`end` are offsets into the text the chunk was cut
    from: the body text for a body chunk (see :mod:`cablekit.chunking`), the
    subject or the summary for theirs.  ``text[overlap:]`` (:attr:`new_text`)
    is ``source[start:end]``; ``text[:overlap]`` repeats the end of the
    previous chunk.
    """

    reference_id: str | None
    """The cable's canonical id, e.g. ``08TALLINN412``."""
    position: int
    """1-based position of the chunk within the cable (subject, summary, then body chunks)."""
    kind: ChunkKind
    """What part of the cable the chunk holds."""
    text: str
    """The chunk's text: prose only, no paragraph markers or portion markings."""
    overlap: int = 0
    """How many characters at the start of :attr:`text` repeat the previous chunk's text."""
    start: int
    """Where :attr:`new_text` starts in the text the chunk was cut from."""
    end: int
    """Where :attr:`new_text` ends in the text the chunk was cut from."""
    paragraphs: tuple[int, ...] = ()
    """The numbers of the numbered paragraphs the chunk's text came from, in order."""
    heading: str | None = None
    """The section heading the chunk's paragraphs stand under (the last heading before them)."""
    marking: str | None = None
    """The highest portion marking of those paragraphs, as written (``S//NF``); ``None`` when none is marked."""
    subject: str | None = None
    """The cable's subject."""
    date: datetime | None = None
    """When the cable was sent: its date-time group, else the publication's creation time (UTC)."""
    classification: Classification | None = None
    """The cable's classification level."""
    station: str | None = None
    """The sending post as ids write it, e.g. ``TALLINN``."""
    tags: tuple[str, ...] = ()
    """The cable's TAGS codes."""

    @property
    def new_text(self) -> str:
        """The text without its overlap: what this chunk adds to the previous one."""
        return self.text[self.overlap:]

    def as_record(self, key: str | None = None) -> dict[str, object]:
        """The chunk as plain JSON values, as ``cablekit convert --to chunks`` writes each line.

        Paragraphs and tags are lists, the date is ISO 8601, the kind its
        value (``body``) and the classification its name (``TOP_SECRET``);
        with *key* (the cable's location), ``key`` comes first.

        >>> Chunk(reference_id="08TALLINN412", position=1, kind=ChunkKind.BODY, text="Text.", start=0, end=5,
        ...       paragraphs=(1,), tags=("PREL",)).as_record("a.txt")["paragraphs"]
        [1]
        """
        record: dict[str, object] = {} if key is None else {"key": key}
        record.update(
            reference_id=self.reference_id, position=self.position, kind=self.kind.value, text=self.text,
            overlap=self.overlap, start=self.start, end=self.end, paragraphs=list(self.paragraphs),
            heading=self.heading, marking=self.marking, subject=self.subject,
            date=self.date.isoformat() if self.date else None,
            classification=self.classification.name if self.classification else None,
            station=self.station, tags=list(self.tags))
        return record


# --------------------------------------------------------------------------- markings

LEVELS: Final = ("U", "SBU", "LOU", "C", "S", "TS")
"""The levels :func:`~cablekit.chunking.marking_level` tells, lowest first; ``SBU`` and ``LOU`` rank alike."""

_RANK: Final = {"U": 0, "SBU": 1, "LOU": 1, "C": 2, "S": 3, "TS": 4}
_UNKNOWN_RANK: Final = 5  # a marking that cannot be read is never hidden behind a readable one
_LEVEL = re.compile(
    r"[ (]*+(TOP[ ]SECRET|SENSITIVE[ ]BUT[ ]UNCLASSIFIED|LIMITED[ ]OFFICIAL[ ]USE|FOR[ ]OFFICIAL[ ]USE[ ]ONLY"
    r"|UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|FOUO|SBU|LOU|TS|U|C|S)(?![A-Z])")
_LEVEL_OF: Final = {"TOP SECRET": "TS", "SECRET": "S", "CONFIDENTIAL": "C", "UNCLASSIFIED": "U", "UNCLAS": "U",
                    "SENSITIVE BUT UNCLASSIFIED": "SBU", "FOUO": "SBU", "FOR OFFICIAL USE ONLY": "SBU",
                    "LIMITED OFFICIAL USE": "LOU"}
_CABLE_LEVEL: Final = {Classification.UNCLASSIFIED: "U", Classification.CONFIDENTIAL: "C",
                       Classification.SECRET: "S", Classification.TOP_SECRET: "TS"}


def marking_level(marking: str | None) -> str | None:
    """The level of a portion marking, one of :data:`LEVELS`; ``None`` when it names none.

    Caveats after the level do not change it, case does not matter, and whole
    words are read too (``FOUO`` alone counts as ``SBU``).

    >>> [marking_level(m) for m in ("S//NF", "sbu", "C - ENTIRE TEXT", "U//FOUO", "SECRET", "XX")]
    ['S', 'SBU', 'C', 'U', 'S', None]
    """
    if not marking:
        return None
    found = _LEVEL.match(" ".join(marking.upper().split()))
    if found is None:
        return None
    word = found.group(1)
    return _LEVEL_OF.get(word, word)


def _marking_key(marking: str) -> tuple[int, bool]:
    """How high *marking* ranks: by level, then a marking with caveats above the bare level."""
    flat = " ".join(marking.upper().split())
    found = _LEVEL.match(flat)
    if found is None:
        return _UNKNOWN_RANK, False
    word = found.group(1)
    return _RANK[_LEVEL_OF.get(word, word)], flat[found.end():].strip(" ()") != ""


def _highest(markings: Iterable[str | None]) -> str | None:
    best: str | None = None
    for marking in markings:
        if marking and (best is None or _marking_key(marking) > _marking_key(best)):
            best = marking
    return best


# --------------------------------------------------------------------------- cutting text

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")
_NEWLINE = re.compile(r"\n")
_SPACE = re.compile(r"\s++")
_SENTENCE_END = re.compile(r"[.!?]++[\"'\u201d\u2019)\]]*+\s++")
# Words a period follows without ending a sentence: titles, months, and the like.
_ABBREVIATIONS: Final = frozenset({
    "mr", "mrs", "ms", "dr", "amb", "ambs", "gen", "col", "lt", "maj", "capt", "cdr", "adm", "sgt", "sen", "rep",
    "gov", "pres", "prof", "st", "mt", "ft", "jr", "sr", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "dept", "asst", "dep", "approx", "vs", "cf", "inc", "corp", "ltd", "co"})
# … and words that do not end one when a number follows (``No. 5``, ``para. 3``).
_BEFORE_NUMBERS: Final = frozenset({"no", "nos", "para", "paras", "ref", "art", "vol", "pp", "p"})


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(text: str, span: Span, separator: re.Pattern[str]) -> Iterator[Span]:
    """The parts of *span* between the matches of *separator*, trimmed; empty parts left out."""
    start, end = span
    for match in separator.finditer(text, start, end):
        part = _trimmed(text, start, match.start())
        if part[0] < part[1]:
            yield part
        start = match.end()
    part = _trimmed(text, start, end)
    if part[0] < part[1]:
        yield part


def _ends_sentence(text: str, match: re.Match[str], floor: int) -> bool:
    """Whether the punctuation *match* found ends a sentence (not ``U.S.``, ``Amb.``, ``No. 5``, ``A.``)."""
    stop = match.start()
    begin = stop
    while begin > floor and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin:stop].lstrip("(\"'\u201c\u2018[").casefold()
    after = text[match.end()] if match.end() < len(text) else ""
    if after.islower():
        return False
    if text[stop] != ".":
        return True
    if (len(word) == 1 and word.isalpha()) or "." in word or word in _ABBREVIATIONS:
        return False
    return not (word in _BEFORE_NUMBERS and after.isdigit())


def _sentence_breaks(text: str, span: Span) -> Iterator[re.Match[str]]:
    for match in _SENTENCE_END.finditer(text, span[0], span[1]):
        if _ends_sentence(text, match, span[0]):
            yield match


def _sentences(text: str, span: Span) -> Iterator[Span]:
    start, end = span
    for match in _sentence_breaks(text, span):
        yield _trimmed(text, start, match.end())
        start = match.end()
    if start < end:
        yield _trimmed(text, start, end)


def _blank_lines(text: str, span: Span) -> Iterator[Span]:
    return _cut(text, span, _BLANK_LINE)


def _lines(text: str, span: Span) -> Iterator[Span]:
    return _cut(text, span, _NEWLINE)


def _words(text: str, span: Span) -> Iterator[Span]:
    return _cut(text, span, _SPACE)


_SPLITTERS: Final = (_blank_lines, _lines, _sentences, _words)


def _split(text: str, span: Span, limit: int, depth: int = 0) -> Iterator[Span]:
    """*span* in parts of at most *limit* characters, cut at the coarsest boundaries that get there.

    Blocks (blank lines) first, then lines (list items), sentences, words; a
    word longer than *limit* is a part of its own.
    """
    if span[1] - span[0] <= limit or depth == len(_SPLITTERS):
        yield span
        return
    for part in _SPLITTERS[depth](text, span):
        yield from _split(text, part, limit, depth + 1)


def _overlap_start(text: str, floor: int, start: int, reach: int) -> int:
    """Where an overlap of at most *reach* characters before *start* begins (not before *floor*).

    At the first sentence start within reach, else at the first word start; *start* when neither.
    """
    lowest = max(floor, start - reach)
    if reach <= 0 or lowest >= start:
        return start
    for match in _sentence_breaks(text, (max(floor, lowest - 4), start)):
        if lowest <= match.end() < start:
            return match.end()
    for at in range(lowest, start):
        if not text[at].isspace() and (at == floor or text[at - 1].isspace()):
            return at
    return start


# --------------------------------------------------------------------------- laying out chunks


class _Unit(NamedTuple):
    """A piece of the source text no chunk cuts: a whole paragraph, or a part of a long one."""

    span: Span
    paragraph: int  # index into the spans of the source's paragraphs
    opens: bool  # the unit starts its paragraph
    fresh: bool  # the unit must start a chunk (a new section, or a long paragraph's first part)


class _Piece(NamedTuple):
    """Where one chunk's text lies: the overlap start, the new text's start and end, and its paragraphs."""

    origin: int
    start: int
    end: int
    paragraphs: tuple[int, ...]


def _units(text: str, spans: Sequence[Span], sections: Sequence[bool], limit: int) -> Iterator[_Unit]:
    """The units of each paragraph span; *sections* says which paragraphs open a section."""
    for index, span in enumerate(spans):
        parts = list(_split(text, span, limit))
        long = len(parts) > 1
        for number, part in enumerate(parts):
            yield _Unit(part, index, number == 0, number == 0 and (sections[index] or long))


def _layout(text: str, units: Iterable[_Unit], spans: Sequence[Span], max_chars: int, overlap: int) -> list[_Piece]:
    """Lay *units* out in chunks of at most *max_chars* characters, overlap included."""
    pieces: list[_Piece] = []
    current: list[_Unit] = []
    origin = 0
    for unit in units:
        if current and not unit.fresh and unit.span[1] - origin <= max_chars:
            current.append(unit)
            continue
        if current:
            pieces.append(_piece(origin, current))
        origin = unit.span[0]
        if not unit.opens:
            reach = min(overlap, max_chars - (unit.span[1] - unit.span[0]) - 1)
            origin = _overlap_start(text, spans[unit.paragraph][0], unit.span[0], reach)
        current = [unit]
    if current:
        pieces.append(_piece(origin, current))
    return pieces


def _piece(origin: int, units: list[_Unit]) -> _Piece:
    indexes = tuple(dict.fromkeys(u.paragraph for u in units))
    return _Piece(origin, units[0].span[0], units[-1].span[1], indexes)


# --------------------------------------------------------------------------- the chunker


def _kinds(values: Iterable[ChunkKind | str]) -> frozenset[ChunkKind]:
    kinds = set()
    for value in values:
        kind = value if isinstance(value, ChunkKind) else ChunkKind(str(value).lower())
        if kind is ChunkKind.BODY:
            raise ValueError("head= names head fields: 'subject' and 'summary'")
        kinds.add(kind)
    return frozenset(kinds)


def _head(values: Iterable[ChunkKind | str] | bool) -> frozenset[ChunkKind]:
    if isinstance(values, bool):
        return frozenset({ChunkKind.SUBJECT, ChunkKind.SUMMARY}) if values else frozenset()
    if isinstance(values, str):
        values = [values]
    try:
        return _kinds(values)
    except ValueError:
        raise ValueError(f"head= takes 'subject' and 'summary' (or True, False), not {values!r}") from None


def _levels(values: Iterable[str] | None) -> frozenset[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    levels = set()
    for value in values:
        level = marking_level(value)
        if level is None:
            raise ValueError(f"markings= takes levels ({', '.join(LEVELS)}), not {value!r}")
        levels.add(level)
    return frozenset(levels)


def _heading_key(heading: str) -> str:
    return " ".join(heading.split()).rstrip(":.").strip().casefold()


def _headings(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        values = [values]
    return frozenset(_heading_key(value) for value in values)


def _check(chunker: Chunker, attribute: attrs.Attribute[int], value: int) -> None:
    if attribute.name == "max_chars" and value < 1:
        raise ValueError(f"max_chars must be at least 1, not {value}")
    if attribute.name == "overlap" and not 0 <= value <= chunker.max_chars // 2:
        raise ValueError(f"overlap must be between 0 and half of max_chars ({chunker.max_chars // 2}), not {value}")


@attrs.frozen(kw_only=True)
class Chunker:
    """Chunking options, kept for many cables: ``Chunker(max_chars=800)(cable)`` yields its chunks.

    The options are those of :func:`~cablekit.chunks`; a chunker is picklable, so it can
    be handed to worker processes.

    >>> import cablekit
    >>> chunker = Chunker(max_chars=800, head={"subject"})
    >>> [c.kind.value for c in chunker(cablekit.parse("UNCLAS ROME 000001\\n\\nSUBJECT: TALKS\\n\\n1. Text."))]
    ['subject', 'body']
    """

    max_chars: int = attrs.field(default=1500, validator=_check)
    """The longest chunk text, overlap included, unless a single word is longer."""
    overlap: int = attrs.field(default=0, validator=_check)
    """How many characters of a paragraph cut between chunks the next chunk repeats, at most."""
    head: frozenset[ChunkKind] = attrs.field(default=frozenset(), converter=_head)
    """The head fields made chunks of their own.

    :attr:`~cablekit.ChunkKind.SUBJECT`, :attr:`~cablekit.ChunkKind.SUMMARY`, both or neither.
    """
    markings: frozenset[str] | None = attrs.field(default=None, converter=_levels)
    """The levels of the paragraphs kept (:func:`~cablekit.chunking.marking_level`); ``None`` keeps them all."""
    exclude_headings: frozenset[str] = attrs.field(default=frozenset(), converter=_headings)
    """The section headings whose paragraphs are left out, compared ignoring case, spaces and a closing colon."""

    def __call__(self, cable: Cable) -> Iterator[Chunk]:
        """The chunks of *cable* (normalized first), in reading order: subject, summary, body."""
        return iter(_Chunking(self, normalize(cable)).chunks())


def chunks(cable: Cable, *, max_chars: int = 1500, overlap: int = 0,
           head: Collection[ChunkKind | str] | bool = (), markings: Collection[str] | None = None,
           exclude_headings: Collection[str] = ()) -> Iterator[Chunk]:
    """The chunks of *cable*, in reading order, covering its body text (see :mod:`cablekit.chunking`).

    Args:
        cable: The cable; it is normalized first (:func:`~cablekit.normalize`).
        max_chars: The longest chunk text, overlap included (only a single longer word makes a longer chunk).
        overlap: Up to this many characters of a paragraph cut between chunks start the next one too.
        head: The head fields made chunks of their own, before the body's: ``"subject"``, ``"summary"``.
        markings: Keep only paragraphs of these levels, e.g. ``{"U", "SBU"}`` (see :mod:`cablekit.chunking`).
        exclude_headings: Leave out the paragraphs under these section headings.

    ``head=True`` asks for both head fields.  *overlap* may be at most half of
    *max_chars*.  Under *markings*, an unmarked paragraph counts at the
    cable's classification, and one of unknown level is left out.

    Returns:
        An iterator of :class:`~cablekit.Chunk` objects.

    Raises:
        ValueError: An option is out of range or names no level or head field.

    >>> import cablekit
    >>> cable = cablekit.parse("UNCLAS ROME 000001\\n\\nSUBJECT: TALKS\\n\\n1. One.\\n\\n2. Two.\\n")
    >>> [(c.text, c.paragraphs) for c in chunks(cable)]
    [('One.\\n\\nTwo.', (1, 2))]
    """
    return Chunker(max_chars=max_chars, overlap=overlap, head=head, markings=markings,
                   exclude_headings=exclude_headings)(cable)


# --------------------------------------------------------------------------- one cable


class _Chunking:
    """The chunks of one normalized cable under a :class:`~cablekit.Chunker`'s options."""

    def __init__(self, options: Chunker, cable: Cable) -> None:
        self.options = options
        self.cable = cable
        self.level = _CABLE_LEVEL.get(cable.classification) if cable.classification else None
        self.headings = _headings_in_force(cable.paragraphs)
        self.passes = [self._keeps(i) for i in range(len(cable.paragraphs))]
        self.made: list[Chunk] = []

    def _keeps(self, index: int) -> bool:
        """Whether the filters keep paragraph *index*."""
        options, paragraph = self.options, self.cable.paragraphs[index]
        if options.markings is not None:
            level = marking_level(paragraph.classification) if paragraph.classification else self.level
            if level not in options.markings:
                return False
        heading = self.headings[index]
        return not (heading is not None and _heading_key(heading) in options.exclude_headings)

    def chunks(self) -> list[Chunk]:
        cable, head, allowed = self.cable, self.options.head, self.options.markings
        if ChunkKind.SUBJECT in head and cable.subject and (allowed is None or self.level in allowed):
            self._add(ChunkKind.SUBJECT, cable.subject, [], [])
        if ChunkKind.SUMMARY in head and cable.summary:
            sources = _summary_sources(cable)
            if all(self.passes[i] for i in sources):
                self._add(ChunkKind.SUMMARY, cable.summary, [], sources)
        kept = [i for i, p in enumerate(cable.paragraphs) if self.passes[i] and p.text.strip()]
        if kept:
            body, spans = _joined([cable.paragraphs[i].text for i in kept])
            self._add(ChunkKind.BODY, body, spans, kept)
        return self.made

    def _sections(self, kept: Sequence[int]) -> list[bool]:
        """Which of the *kept* paragraphs open a section: a heading of their own, or another one in force."""
        paragraphs, headings = self.cable.paragraphs, self.headings
        return [bool(paragraphs[i].heading) or (n > 0 and headings[i] != headings[kept[n - 1]])
                for n, i in enumerate(kept)]

    def _add(self, kind: ChunkKind, text: str, spans: list[Span], sources: list[int]) -> None:
        """Chunk *text*: the body (*spans* of the paragraphs *sources*), or a head field (read from *sources*)."""
        options = self.options
        if kind is ChunkKind.BODY:
            sections = self._sections(sources)
        else:
            spans, sections = [_trimmed(text, 0, len(text))], [False]
        units = _units(text, spans, sections, options.max_chars)
        for piece in _layout(text, units, spans, options.max_chars, options.overlap):
            spanned = [sources[i] for i in piece.paragraphs] if kind is ChunkKind.BODY else sources
            self.made.append(self._chunk(kind, text, piece, spanned))

    def _chunk(self, kind: ChunkKind, text: str, piece: _Piece, spanned: list[int]) -> Chunk:
        cable, paragraphs = self.cable, self.cable.paragraphs
        header, meta = cable.header, cable.metadata
        return Chunk(
            reference_id=cable.reference_id, position=len(self.made) + 1, kind=kind,
            text=text[piece.origin:piece.end], overlap=piece.start - piece.origin, start=piece.start,
            end=piece.end,
            paragraphs=tuple(n for n in (paragraphs[i].number for i in spanned) if n is not None),
            heading=self.headings[spanned[0]] if spanned else None,
            marking=_highest(paragraphs[i].classification for i in spanned),
            subject=cable.subject,
            date=header.dtg if header and header.dtg else (meta.created if meta else None),
            classification=cable.classification,
            station=cable.station.code if cable.station else None,
            tags=tuple(t.code for t in cable.tags),
        )


def _headings_in_force(paragraphs: Sequence[Paragraph]) -> list[str | None]:
    """Each paragraph's section heading: its own, else the last one before it."""
    current: str | None = None
    found: list[str | None] = []
    for paragraph in paragraphs:
        current = paragraph.heading or current
        found.append(current)
    return found


def _joined(texts: Sequence[str]) -> tuple[str, list[Span]]:
    """The texts joined by blank lines, and where each stands in the result."""
    spans: list[Span] = []
    at = 0
    for text in texts:
        spans.append((at, at + len(text)))
        at += len(text) + 2
    return "\n\n".join(texts), spans


_SUMMARY_REACH: Final = 10  # the summary starts in one of the first 4 paragraphs and runs over at most 6


def _summary_sources(cable: Cable) -> list[int]:
    """The indexes of the paragraphs the summary was read from; every paragraph when they cannot be found.

    The summary is the text of one or more paragraphs in a row (whitespace
    collapsed, its opener and closer left out), so it is found in the first
    paragraphs' texts joined by a space.
    """
    summary = cable.summary or ""
    flat = [" ".join(p.text.split()) for p in cable.paragraphs[:_SUMMARY_REACH]]
    at = " ".join(flat).find(summary) if summary else -1
    if at < 0:
        return list(range(len(cable.paragraphs)))
    sources, offset = [], 0
    for index, text in enumerate(flat):
        if offset < at + len(summary) and at < offset + len(text):
            sources.append(index)
        offset += len(text) + 1
    return sources
