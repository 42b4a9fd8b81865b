"""Decoding the transmission header (``VZCZC`` … ``INFO``) and its date-time group."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Final

import attrs

from . import _kinds as K
from .cursor import Cursor
from .defects import DefectCode as D
from .identity import full_year
from .model import Header, Precedence, Recipient
from .tokens import Token, TokenKind
from .vocabulary import MONTHS, ROUTING_INDICATOR

__all__ = ["HEADER_KINDS", "HEADER_RULES", "HeaderReading", "dtg_datetime", "parse_header", "read_header",
           "security_level"]

HEADER_KINDS: Final = frozenset({
    K.TRANSMISSION, K.ROUTING, K.ROUTING_CONTINUED, K.DE,
    K.SECURITY, K.DTG, K.FROM, K.TO, K.INFO,
    K.RECIPIENT, K.XMT, K.BT,
})
"""Token kinds that can stand in a transmission header."""

_PRECEDENCE_LETTER: Final = {
    "R": Precedence.ROUTINE, "P": Precedence.PRIORITY,
    "O": Precedence.IMMEDIATE, "Z": Precedence.FLASH,
}

# An addressee line, "RI/NAME PRECEDENCE SERIAL", is read as its routing indicator, then the
# shortest name (1-200 characters) after which the rest is precedence and serial.  The name is
# found by looking for the rest at each blank (the leftmost place it fits), not by a lazy
# repetition that tries the rest after every character: the same answer, several times faster.
_RI = re.compile(ROUTING_INDICATOR)
_RECIPIENT_TAIL = re.compile(
    r"(?:[ ]++(?P<prec>NIACT[ ]++IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH))?"
    r"(?:[ ]++(?P<serial>\d{1,6}))?[ ]*+$"
)

# Old (1960s-1980s) traffic: office codes on ACTION / INFO lines, e.g. "INFO OCT-01 ISO-00".
_OFFICE_CODES = re.compile(r"[A-Z]{1,6}-\d\d(?:[ ]++[A-Z]{1,6}-\d\d){0,40}[ ]*+(?:/\d{1,4}[ ]?[A-Z]?)?[ ]*+$"
                              r"|/\d{1,4}[ ]?[A-Z]?[ ]*+$")

_SECURITY_LEVEL: Final = {"U": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET", "T": "TOP SECRET",
                          "E": "UNCLASSIFIED"}


def dtg_datetime(token: Token) -> datetime | None:
    """The UTC datetime of a DTG token, or ``None`` when its values are impossible."""
    try:
        return datetime(
            full_year(token.group("dtg_year") or ""),
            MONTHS.index(token.group("dtg_mon") or "") + 1,
            int(token.group("dtg_day") or 0),
            int(token.group("dtg_hour") or 0),
            int(token.group("dtg_min") or 0),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def security_level(security: str) -> str | None:
    """The classification a security line implies (``ZNY CCCCC ZZH`` → ``CONFIDENTIAL``)."""
    parts = security.split()
    if len(parts) >= 2 and len(set(parts[1])) == 1:
        return _SECURITY_LEVEL.get(parts[1][0])
    return None


def _recipient(text: str) -> Recipient | None:
    text = " ".join(text.split())
    ri = _RI.match(text)
    for start in ((ri.end(), 0) if ri is not None else (0,)):
        if start >= len(text):
            continue  # no room for a name
        # The rest starts at a blank or at the end of the line: try those places from the left.
        at = text.find(" ", start + 1)
        tail = None
        while at != -1 and (tail := _RECIPIENT_TAIL.match(text, at)) is None:
            at = text.find(" ", at + 1)
        if tail is None:
            tail = _RECIPIENT_TAIL.match(text, len(text))
        if tail is None or tail.start() - start > 200:
            continue
        name = text[start:tail.start()].strip()
        if not name:
            return None
        prec = tail.group("prec")
        return Recipient(
            routing_indicator=text[:start - 1] if start else None,
            name=name,
            precedence=" ".join(prec.split()) if prec else None,
            serial=tail.group("serial"),
        )
    return None


_MILITARY_ADDRESSEE = re.compile(r"\d{1,4}[A-Z][^/\r\n]{0,60}//[^\r\n]{0,40}")


def is_header_text(token: Token) -> bool:
    """Whether a TEXT line inside a header reads as an addressee (upper case, short).

    A line opened by a digit is one only in the shape of a military unit with
    its office tag (``39ABG INCIRLIK AB TU//CC// PRIORITY``).
    """
    value = token.value.strip()
    if not value or len(value) > 80 or value.upper() != value:
        return False
    return not value[0].isdigit() or _MILITARY_ADDRESSEE.match(value) is not None


# --- finding the header ----------------------------------------------------------------------------

_STRONG_HEADER: Final = frozenset({K.TRANSMISSION, K.DE, K.DTG, K.FROM, K.SECURITY, K.PAGE})
"""Kinds only a transmission header has: without one of them, header-like lines are not a header."""
_LIST_KINDS: Final = frozenset({K.RECIPIENT, K.XMT, K.ROUTING_CONTINUED})
_PRINT_LINE = re.compile(r"(?:\d{6}|(?:SOURCE|DRAFTED[ ]BY|APPROVED[ ]BY|CLEARED|REVIEWED[ ]BY):.{0,200})[ ]*+")
"""Lines of the Department's own print of a telegram (its serial, source, drafter, approver) between the
office codes and the date-time group; they may follow a blank line."""
_OLD_HEADER_LINE = re.compile(
    r"(?:(?:ACTION|ORIGIN)[ ]++[A-Z]{1,6}-\d\d.{0,300}"  # ACTION EUR-12 …, ORIGIN WHA-00
    r"|[ORPZ]{1,2}[ ]++(?:[A-Z]{4,8}[ ]*+){1,30}"  # a routing line with a collective's code: PP RUEHC GIPNC …
    r"|(?:[A-Z]{1,6}-\d\d[ ]++){1,20}(?:/\d{3}[ ]?[A-Z]?)?"  # continued office codes: CTME-00  DINT-00 …
    r"|[ ]*+/\d{3}[ ]?[A-Z]?"
    r"|-{5,}[ ]*+[A-Z0-9]{0,10}[ ]*+(?:\d{6}Z)?[ ]*+/\d+"  # ------------------A54E38  291401Z /38
    r"|\d{6}Z[ ][A-Za-z]{3}[ ]\d\d"  # 291359Z Nov 00
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED[ ]OFFICIAL[ ]USE)[ ]++[A-Z]{2,4}\d{3,6}"  # CONFIDENTIAL PTQ1859
    r"|[A-Z0-9]{1,8}"  # a stray code left by a collapsed header
    r"|\([A-Z]{2,8}\)[ ]++/\d{3}[ ]?[A-Z]?"  # (TEDE) /000R
    rf"|{_PRINT_LINE.pattern})[ ]*+"
)
"""Lines of older traffic (and debris of collapsed headers) that stand in a header without a kind of their own."""


class HeaderReading:
    """What :func:`read_header` found at the top of a cable."""

    __slots__ = ("datelines", "header", "page")

    def __init__(self) -> None:
        self.header: Header | None = None
        """The decoded header, ``None`` when the cable has none."""
        self.page: Token | None = None
        """The first old-style ``PAGE`` line of the header (it names the post and serial)."""
        self.datelines: list[str] = []
        """Newspaper datelines met before or inside the header, in order."""


def read_header(cursor: Cursor) -> HeaderReading:
    """Read the transmission header at the cursor, if there is one, and move past it.

    Datelines and blank lines before it are passed over, and so is a print's title (a banner line over
    the ``VZCZC`` line, when the cable's banner follows the header).  The header is the run
    of header lines that follows (blank lines inside it allowed when more header
    follows); it counts only when it has a line only headers have (a ``VZCZC``,
    ``DE``, security, DTG, ``FM`` or ``PAGE`` line).  Otherwise the cursor stays
    where the header would have started.
    """
    reading = HeaderReading()
    while cursor.kind() in (K.BLANK, K.DATELINE):
        if cursor.kind() is K.DATELINE:
            reading.datelines.append(cursor.lines[cursor.pos])
        cursor.pos += 1
    start = cursor.pos
    title = cursor.kind() is K.BANNER and cursor.peek_kind(start + 1) is K.TRANSMISSION
    if title:  # perhaps a print's title (``S E C R E T   ROME   00001234``) over the header
        cursor.pos = start + 1
    taken = _header_tokens(cursor, reading)
    if not any(token.kind in _STRONG_HEADER for token in taken) or (title and cursor.peek_kind() is not K.BANNER):
        cursor.pos = start
        return reading
    if title:  # the banner under the header is the cable's; the title over it restates it
        value = cursor.lines[start]
        cursor.ctx.at_line(D.PUBLICATION_WRAPPER, "the title of a telegram print before the transmission header",
                           line=start + 1, text=value)
    reading.page = next((token for token in taken if token.kind is K.PAGE), None)
    reading.header = parse_header(taken)
    return reading


def _header_tokens(cursor: Cursor, reading: HeaderReading) -> list[Token]:
    """The tokens of the header lines from the cursor on; the cursor ends after the last one."""
    kinds = cursor.kinds
    taken: list[Token] = []
    in_list = False  # inside a TO or INFO list, where plain upper-case lines are addressees
    while not cursor.at_end():
        kind = kinds[cursor.pos]
        if in_list and (kind is K.PAGE_BREAK or (kind is K.BLANK and cursor.peek_kind() is K.PAGE_BREAK)):
            goes_on = _list_after_page_break(cursor)
            if goes_on is not None:
                cursor.pos = goes_on
                continue
        if kind is K.BLANK:
            after = cursor.peek_kind()
            if not ((after in HEADER_KINDS and after is not K.ROUTING_CONTINUED) or after is K.PAGE
                    or (taken and _print_line_after(cursor))):
                break
            in_list = False
            cursor.pos += 1
            continue
        if kind in HEADER_KINDS or kind is K.PAGE:
            in_list = kind in (K.TO, K.INFO) or (in_list and kind in _LIST_KINDS)
        elif kind is K.DATELINE:
            reading.datelines.append(cursor.lines[cursor.pos])
        elif not (kind is K.TEXT and (_OLD_HEADER_LINE.fullmatch(cursor.lines[cursor.pos].strip())
                                      or (in_list and is_header_text(cursor.token())))):
            break
        taken.append(cursor.token())
        cursor.pos += 1
    return taken


def _print_line_after(cursor: Cursor) -> bool:
    """Whether the line after the blank lines at the cursor is a line of the Department's print (``063860``)."""
    at = cursor.pos + 1
    while at < len(cursor.lines) and at - cursor.pos < 3 and cursor.kinds[at] is K.BLANK:
        at += 1
    return at < len(cursor.lines) and _PRINT_LINE.fullmatch(cursor.lines[at].strip()) is not None


def _list_after_page_break(cursor: Cursor) -> int | None:
    """Where an addressee list goes on after the page-break line at (or after a blank line at) the cursor.

    The page-break line is reported; ``None`` (nothing reported) when no addressee follows it.
    """
    kinds = cursor.kinds
    pos = cursor.pos
    while pos < len(kinds) and kinds[pos] is K.BLANK and pos - cursor.pos < 2:
        pos += 1
    if pos >= len(kinds) or kinds[pos] is not K.PAGE_BREAK:
        return None
    after = pos + 1
    while after < len(kinds) and kinds[after] is K.BLANK and after - pos < 3:
        after += 1
    if after >= len(kinds) or kinds[after] not in _LIST_KINDS:
        return None
    value = cursor.lines[pos]
    cursor.ctx.at_line(D.PAGE_BREAK, f"page break line {value.strip()!r} inside an addressee list", line=pos + 1,
                       text=value)
    return after


# --- decoding it -----------------------------------------------------------------------------------------

class _HeaderState:
    """The header's fields as its lines are decoded, in order."""

    __slots__ = ("current", "de_time", "dtg", "dtg_trailer", "info_recipients", "julian_day",
                 "origin", "other_lines", "precedence", "recipients", "routing", "section", "security", "station",
                 "station_serial", "transmission_id")

    def __init__(self) -> None:
        self.transmission_id: str | None = None
        self.routing: list[str] = []
        self.station: str | None = None
        self.station_serial: int | None = None
        self.section: int | None = None
        self.julian_day: int | None = None
        self.de_time: str | None = None
        self.security: str | None = None
        self.precedence: Precedence | None = None
        self.dtg: datetime | None = None
        self.dtg_trailer: str | None = None
        self.origin: str | None = None
        self.recipients: list[Recipient] = []
        self.info_recipients: list[Recipient] = []
        self.current: list[Recipient] | None = None
        """The addressee list that plain lines continue (TO or INFO), ``None`` outside one."""
        self.other_lines: list[str] = []

    def header(self) -> Header:
        """The :class:`~cablekit.Header` of what was decoded."""
        return Header(
            transmission_id=self.transmission_id, routing=tuple(self.routing), station=self.station,
            station_serial=self.station_serial, section=self.section, julian_day=self.julian_day,
            de_time=self.de_time, security=self.security, precedence=self.precedence, dtg=self.dtg,
            dtg_trailer=self.dtg_trailer,
            origin=self.origin, recipients=tuple(self.recipients), info_recipients=tuple(self.info_recipients),
            other_lines=tuple(self.other_lines),
        )


def _transmission(state: _HeaderState, token: Token) -> None:
    state.transmission_id = token.group("tr_id")


def _routing(state: _HeaderState, token: Token) -> None:
    state.routing.extend((token.group("rt_ind") or "").split())
    if state.precedence is None:
        state.precedence = _PRECEDENCE_LETTER.get((token.group("rt_prec") or " ")[0])


def _routing_continued(state: _HeaderState, token: Token) -> None:
    if state.current is None:
        state.routing.extend((token.group("rc_ind") or "").split())
    else:
        _addressee_line(state, token)


def _de(state: _HeaderState, token: Token) -> None:
    state.station = token.group("de_station")
    state.station_serial = int(token.group("de_serial") or 0)
    section, day = token.group("de_section"), token.group("de_day")
    state.section = int(section) if section else None
    state.julian_day = int(day) if day else None
    state.de_time = token.group("de_time")


def _security(state: _HeaderState, token: Token) -> None:
    state.security = " ".join(f"{token.group('sec') or ''} {token.group('sec_trailer') or ''}".split())


def _dtg(state: _HeaderState, token: Token) -> None:
    state.current = None
    state.dtg = dtg_datetime(token)
    state.dtg_trailer = " ".join((token.group("dtg_trailer") or "").split()) or None
    state.precedence = _PRECEDENCE_LETTER.get((token.group("dtg_prec") or " ")[0], state.precedence)


def _from(state: _HeaderState, token: Token) -> None:
    state.origin = " ".join((token.group("fm") or "").split())
    state.current = None


def _addressees(state: _HeaderState, token: Token) -> None:
    """A TO or INFO line: opens its list, with the first addressee on the line."""
    to = token.kind is K.TO
    body = token.group("to") if to else token.group("info")
    state.current = state.recipients if to else state.info_recipients
    if body and _OFFICE_CODES.match(body):
        state.current = None  # an old ACTION/INFO office-code block, not addressees: kept as written
        state.other_lines.append(" ".join(token.value.split()))
    elif body and not _add(state.current, body):
        state.other_lines.append(" ".join(token.value.split()))


def _xmt(state: _HeaderState, token: Token) -> None:
    """An exclusion from the collective just named (kept as written when no addressee stands above it)."""
    if state.current:
        last = state.current[-1]
        excluded = " ".join((token.group("xmt") or "").split())
        state.current[-1] = attrs.evolve(last, excluded=(*last.excluded, excluded))
    else:
        state.other_lines.append(" ".join(token.value.split()))


def _addressee_line(state: _HeaderState, token: Token) -> None:
    """A line continuing the current addressee list; a header line that is none is kept as written."""
    value = " ".join(token.value.split())
    if state.current is None or _OFFICE_CODES.match(value) or value.startswith("-") or not _add(state.current, value):
        state.other_lines.append(value)


HEADER_RULES: Final[Mapping[TokenKind, Callable[[_HeaderState, Token], None]]] = {
    K.TRANSMISSION: _transmission,
    K.ROUTING: _routing,
    K.ROUTING_CONTINUED: _routing_continued,
    K.DE: _de,
    K.SECURITY: _security,
    K.DTG: _dtg,
    K.FROM: _from,
    K.TO: _addressees,
    K.INFO: _addressees,
    K.XMT: _xmt,
    K.RECIPIENT: _addressee_line,
    K.TEXT: _addressee_line,
}
"""The decoder of each kind of header line; lines of other kinds (``BT``, ``PAGE`` …) add nothing."""


def parse_header(tokens: Sequence[Token]) -> Header:
    """Decode the header tokens (already cut out of the text by :func:`read_header`)."""
    state = _HeaderState()
    for token in tokens:
        rule = HEADER_RULES.get(token.kind)
        if rule is not None:
            rule(state, token)
    return state.header()


def _add(target: list[Recipient], text: str) -> bool:
    """Add the addressee *text* names to *target*; whether it names one."""
    recipient = _recipient(text)
    if recipient is not None:
        target.append(recipient)
    return recipient is not None
