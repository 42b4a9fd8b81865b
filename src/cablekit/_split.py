"""Where a text holding several cables one after another is cut (for :mod:`cablekit.io`).

One linear pass over the kinds of the text's lines (:func:`cablekit.tokens.classify`).
A cable is known by its *identity*: the post and serial of its banner
(``CONFIDENTIAL SECTION 01 OF 03 ROME 001234``), the station and serial of its
``DE`` line, or, for a header with neither, the header itself.  The text is cut:

* before a transmission header (a ``VZCZC`` line, or a run of header lines
  holding a date-time group and an ``FM`` line) of another identity, and
* before a banner of another identity standing at the start of a block (after
  a blank line, an end stamp, or the start of the text),

but only once the cable before it has body text: a head printed twice, or the
banner a long cable repeats for each section (same post and serial), never
cuts.  A banner of another cable that does not meet these rules (in the middle
of a paragraph, before any body text, or naming a cable already cut off) does
not cut either: it is returned as *unclear*, so that the reader can say loudly
that the text may hold a cable it could not separate.

A cut is moved back over the block of lines just before it (up to
:data:`PREAMBLE_LINES` lines after a blank line): a publication's front matter
(id, title, date) belongs to the cable it precedes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from .tokens import Token, TokenKind, classify

__all__ = ["PREAMBLE_LINES", "Cut", "Cuts", "find_cuts"]

K = TokenKind
_HEADER_KINDS: Final = frozenset({K.TRANSMISSION, K.ROUTING, K.ROUTING_CONTINUED, K.DE, K.SECURITY, K.DTG,
                                  K.FROM, K.TO, K.INFO, K.RECIPIENT, K.XMT})
_BODY_KINDS: Final = frozenset({K.TEXT, K.PARAGRAPH})
_BLOCK_ENDS: Final = frozenset({K.BLANK, K.END})
_OPENERS: Final = _BLOCK_ENDS | {K.DATELINE}
"""What a banner that opens a cable may stand after (besides markup and the start of the text)."""
_ID_LINE: Final = re.compile(r"\d{2}[A-Z][A-Z0-9]{1,30}\d{1,7}")
_BLOCK_MARKUP: Final = re.compile(r"<(?:[!?]|(?i:code|pre|html|head|body|div|table|h[1-6])\b)")
"""Markup that opens a page or a block (not a link or a span inside a paragraph)."""
_LEADING_MARKUP: Final = re.compile(r"(?:<[A-Za-z/][^<>\n]{0,200}>[ \t]*+)++")
_MARKUP: Final = re.compile(r"<[^<>\n]{0,300}>")
"""A tag of markup: a TAGS line written with links names the same codes as one without."""
PREAMBLE_LINES: Final = 12
"""How many lines before a cut may be moved with it, as the next cable's front matter."""
_BANNER_LOOKAHEAD: Final = 60
"""How many lines after a transmission header its cable's banner is looked for."""

Identity = tuple[str, str, int]  # ("banner", post, serial), ("de", station, serial), ("header", "", line index)


@attrs.frozen
class Cut:
    """A place where a new cable starts: a 0-based line index and what was found there."""

    index: int
    what: str


@attrs.frozen
class Cuts:
    """The cuts of a text (the first piece starts at line 0 and is not listed) and the unclear banners."""

    cuts: tuple[Cut, ...]
    unclear: tuple[Cut, ...]


def _banner_identity(value: str) -> Identity | None:
    token = Token(K.BANNER, 1, value)
    origin, serial = token.group("bn_origin"), token.group("bn_serial")
    if not origin or not serial or not serial.isdigit():
        return None
    return ("banner", "".join(c for c in origin.upper() if c.isalpha()), int(serial))


def _de_identity(value: str) -> Identity | None:
    token = Token(K.DE, 1, value)
    station, serial = token.group("de_station"), token.group("de_serial")
    if not station or not serial or not serial.isdigit():
        return None
    return ("de", station, int(serial))


def _label(identity: Identity) -> str:
    kind, name, number = identity
    return f"{name} {number}" if kind != "header" else "a transmission header"


class _Scan:
    """The state of the pass: the identities of the current piece, and of the pieces cut off before it."""

    def __init__(self, kinds: Sequence[TokenKind], values: Sequence[str], marked: frozenset[int]) -> None:
        self.kinds = kinds
        self.values = values
        self.marked = marked  # the lines that markup opened: a page or a <pre> block starts there
        self.ids: set[Identity] = set()
        self.seen: set[Identity] = set()
        self.body = False
        self.tags: str | None = None
        self.cuts: list[Cut] = []
        self.unclear: list[Cut] = []

    def header_run(self, start: int) -> int:
        """The end (exclusive) of the run of header lines starting at *start*."""
        end = start
        kinds = self.kinds
        while end < len(kinds):
            if kinds[end] in _HEADER_KINDS:
                end += 1
                continue
            after = end  # blank lines inside a header (VZCZC…, a blank, the routing line) do not end it
            while after < len(kinds) and kinds[after] is K.BLANK:
                after += 1
            if after == end or after == len(kinds) or kinds[after] not in _HEADER_KINDS:
                break
            end = after
        return end

    def header_identity(self, start: int, end: int) -> set[Identity]:
        """The identities a header run (and the first banner after it) states."""
        found: set[Identity] = set()
        for index in range(start, end):
            if self.kinds[index] is K.DE and (de := _de_identity(self.values[index])) is not None:
                found.add(de)
        for index in range(end, min(end + _BANNER_LOOKAHEAD, len(self.kinds))):
            kind = self.kinds[index]
            if kind is K.BANNER and (banner := _banner_identity(self.values[index])) is not None:
                found.add(banner)
                break
            if kind in _HEADER_KINDS:
                break
        return found or {("header", "", start)}

    def cut(self, index: int, identities: set[Identity], what: str) -> None:
        self.cuts.append(Cut(self.start_of(index), what))
        self.seen |= self.ids
        self.ids = set(identities)
        self.body = False
        self.tags = None

    def start_of(self, index: int) -> int:
        """*index* moved back over the front matter just before it.

        Within :data:`PREAMBLE_LINES` lines (and not past a numbered paragraph), a
        line opened by markup or an id alone on its line starts the front matter;
        else a blank line or an end stamp ends the cable before.
        """
        if index in self.marked:
            return index
        lowest = max(index - PREAMBLE_LINES, self.cuts[-1].index + 1 if self.cuts else 1)
        after_blank: int | None = None
        for back in range(index - 1, lowest - 2, -1):
            kind = self.kinds[back]
            if back in self.marked or _ID_LINE.fullmatch(self.values[back].strip()):
                return back
            if kind is K.PARAGRAPH:
                break
            if kind in _BLOCK_ENDS and after_blank is None:
                after_blank = back + 1
        return index if after_blank is None else after_blank

    def on_tags(self, index: int) -> None:
        """A second TAGS line unlike the first in one piece: the sign of a cable not separated."""
        tags = "".join(c for c in _MARKUP.sub(" ", self.values[index]).upper() if c.isalpha())
        if self.tags is None:
            self.tags = tags
        elif tags != self.tags and self.ids:
            self.unclear.append(Cut(index, "a second TAGS line"))

    def on_header(self, start: int) -> int:
        """Read the header run at *start*; returns where the pass goes on."""
        end = self.header_run(start)
        run = set(self.kinds[start:end])
        if K.TRANSMISSION not in run and not (K.DTG in run and K.FROM in run):
            return end  # header-shaped lines, but no header
        identities = self.header_identity(start, end)
        if self.ids and self.body and not identities & self.ids:
            self.cut(start, identities, f"a transmission header ({', '.join(sorted(map(_label, identities)))})")
        else:
            self.ids |= identities
        return end

    def same_serial(self, banner: Identity) -> bool:
        """Whether the piece's ``DE`` line states the serial of *banner* (a station is no post to compare)."""
        return any(kind == "de" and number == banner[2] for kind, _, number in self.ids)

    def on_banner(self, index: int) -> None:
        identity = _banner_identity(self.values[index])
        if identity is None or identity in self.ids or self.same_serial(identity):
            return
        if not self.ids or (not self.body and all(kind == "header" for kind, _, _ in self.ids)):
            self.ids.add(identity)  # the banner of the cable whose header named no post and serial
            return
        opens_block = index == 0 or index in self.marked or self.kinds[index - 1] in _OPENERS \
            or index - 1 in self.marked
        if self.body and opens_block and identity not in self.seen:
            self.cut(index, {identity}, f"a banner ({_label(identity)})")
        else:
            self.unclear.append(Cut(index, f"a banner of {_label(identity)}"))

    def run(self) -> Cuts:
        kinds = self.kinds
        index = 0
        previous = K.BLANK  # the kind of the last line that was not blank
        while index < len(kinds):
            kind = kinds[index]
            if kind in _HEADER_KINDS and previous not in _HEADER_KINDS:
                end = self.on_header(index)
                previous = kinds[end - 1]
                index = end
                continue
            if kind is K.BANNER:
                self.on_banner(index)
            elif kind is K.TAGS:
                self.on_tags(index)
            elif kind in _BODY_KINDS and self.ids:
                self.body = True
            if kind is not K.BLANK:
                previous = kind
            index += 1
        return Cuts(tuple(self.cuts), tuple(self.unclear))


def find_cuts(values: list[str]) -> Cuts:
    """Where the text whose lines are *values* (without their endings) holds the start of another cable.

    Markup that opens a line (``<code><pre>C O N F I D E N T I A L …``) is
    looked past, as the parser's unwrapping takes it off.
    """
    led = [index for index, value in enumerate(values) if value.startswith("<")]
    marked = frozenset(index for index in led if _BLOCK_MARKUP.match(values[index]))
    if led:
        values = list(values)
        for index in led:
            values[index] = _LEADING_MARKUP.sub("", values[index], count=1)
    return _Scan(classify(values), values, marked).run()
