"""Decoding the transmission header (``VZCZC`` … ``INFO``) and its date-time group."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Final

from . import _kinds as K
from ._context import Context
from .defects import DefectCode as D
from .model import Header, Precedence, Recipient
from .tokens import Token
from .vocabulary import MONTHS

__all__ = ["HEADER_KINDS", "dtg_datetime", "full_year", "parse_header"]

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
_RI = re.compile(r"R[A-Z0-9]{3,6}/")
_RECIPIENT_TAIL = re.compile(
    r"(?:[ ]++(?P<prec>NIACT[ ]++IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH))?"
    r"(?:[ ]++(?P<serial>\d{1,6}))?[ ]*+$"
)

# Old (1960s-1980s) traffic: office codes on ACTION / INFO lines, e.g. "INFO OCT-01 ISO-00".
_OFFICE_CODES = re.compile(r"[A-Z]{1,6}-\d\d(?:[ ]++[A-Z]{1,6}-\d\d){0,40}[ ]*+(?:/\d{1,4}[ ]?[A-Z]?)?[ ]*+$"
                              r"|/\d{1,4}[ ]?[A-Z]?[ ]*+$")

_SECURITY_LEVEL: Final = {"U": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET", "T": "TOP SECRET",
                          "E": "UNCLASSIFIED"}


def full_year(two_or_four: str) -> int:
    """Expand a two-digit year (``07`` → 2007, ``66`` → 1966); four digits pass through."""
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    return 1900 + year if year >= 50 else 2000 + year


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


def is_header_text(token: Token) -> bool:
    """Whether a TEXT line inside a header reads as an addressee (upper case, short)."""
    value = token.value.strip()
    return bool(value) and len(value) <= 80 and value.upper() == value and not value[0].isdigit()


def parse_header(tokens: Sequence[Token], ctx: Context) -> Header:
    """Decode the header tokens (already cut out of the token stream by the parser)."""
    transmission_id: str | None = None
    routing: list[str] = []
    station: str | None = None
    station_serial: int | None = None
    section: int | None = None
    julian_day: int | None = None
    de_time: str | None = None
    de_line = 0
    security: str | None = None
    precedence: Precedence | None = None
    dtg: datetime | None = None
    dtg_token: Token | None = None
    origin: str | None = None
    lists: dict[str, list[Recipient]] = {"to": [], "info": []}
    current: list[Recipient] | None = None

    for token in tokens:
        kind = token.kind
        if kind is K.TRANSMISSION:
            transmission_id = token.group("tr_id")
        elif kind is K.ROUTING:
            routing.extend((token.group("rt_ind") or "").split())
            if precedence is None:
                precedence = _PRECEDENCE_LETTER.get((token.group("rt_prec") or " ")[0])
        elif kind is K.ROUTING_CONTINUED and current is None:
            routing.extend((token.group("rc_ind") or "").split())
        elif kind is K.DE:
            station = token.group("de_station")
            station_serial = int(token.group("de_serial") or 0)
            sec = token.group("de_section")
            section = int(sec) if sec else None
            day = token.group("de_day")
            julian_day = int(day) if day else None
            de_time = token.group("de_time")
            de_line = token.line
        elif kind is K.SECURITY:
            security = " ".join((token.group("sec") or "").split())
        elif kind is K.DTG:
            current = None
            dtg = dtg_datetime(token)
            dtg_token = token
            precedence = _PRECEDENCE_LETTER.get((token.group("dtg_prec") or " ")[0], precedence)
        elif kind is K.FROM:
            origin = " ".join((token.group("fm") or "").split())
            current = None
        elif kind in (K.TO, K.INFO):
            body = token.group("to") if kind is K.TO else token.group("info")
            current = lists["to" if kind is K.TO else "info"]
            if body and _OFFICE_CODES.match(body):
                current = None  # an old ACTION/INFO office-code block, not addressees
            elif body:
                _add(current, body)
        elif kind is K.XMT:
            if current:
                last = current[-1]
                current[-1] = Recipient(
                    routing_indicator=last.routing_indicator, name=last.name,
                    precedence=last.precedence, serial=last.serial,
                    excluded=(*last.excluded, " ".join((token.group("xmt") or "").split())),
                )
        elif (kind in (K.RECIPIENT, K.TEXT, K.ROUTING_CONTINUED)
              and current is not None and not _OFFICE_CODES.match(token.value.strip())
              and not token.value.lstrip().startswith("-")):
            _add(current, token.value)

    if dtg is not None and dtg_token is not None and julian_day is not None and de_time:
        expected_day = dtg.timetuple().tm_yday
        if (julian_day, de_time) != (expected_day, dtg.strftime("%H%M")):
            ctx.at_line(
                D.DTG_MISMATCH,
                f"DE line gives day {julian_day:03d} at {de_time}, "
                f"but the date-time group is day {expected_day:03d} at {dtg.strftime('%H%M')}",
                line=de_line, text="", repair="the date-time group is kept",
            )
    return Header(
        transmission_id=transmission_id, routing=tuple(routing), station=station,
        station_serial=station_serial, section=section, julian_day=julian_day,
        security=security, precedence=precedence, dtg=dtg, origin=origin,
        recipients=tuple(lists["to"]), info_recipients=tuple(lists["info"]),
    )


def _add(target: list[Recipient], text: str) -> None:
    recipient = _recipient(text)
    if recipient is not None:
        target.append(recipient)


def julian_to_date(year: int, day: int) -> datetime:
    """The UTC midnight of day *day* of *year* (used for sanity checks)."""
    return datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=day - 1)
