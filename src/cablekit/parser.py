"""``parse()``: from any cable text to a :class:`~cablekit.Cable`.

One parser serves both modes.  Every repair goes through one choke point
(:class:`cablekit._context.Context`), which records a
:class:`~cablekit.Defect`; strict mode then raises
:class:`~cablekit.CableParseError` carrying them all, lenient mode returns
them on :attr:`Cable.defects`.
"""

from __future__ import annotations

import logging

import attrs

from ._choice import choice
from ._context import Context
from .assemble import assemble
from .body import read_body
from .consistency import Consistency, Lines, as_consistency
from .consistency import check as check_consistency
from .cursor import Cursor
from .defects import DEFECT_CODES
from .defects import DefectCode as D
from .errors import CableParseError
from .head import HeadState, read_head
from .header import read_header
from .model import Cable, Metadata, Mode
from .repairs import repair_lines
from .wrappers import unwrap

__all__ = ["as_mode", "parse"]

log = logging.getLogger("cablekit")


def as_mode(mode: Mode | str) -> Mode:
    """*mode* as a :class:`~cablekit.Mode`: a member, or its name in any case (``"strict"``, ``"LENIENT"``).

    Raises:
        ValueError: *mode* names no mode.
    """
    return choice(Mode, mode, "mode")


def parse(text: str, *, mode: Mode | str = Mode.LENIENT, reference_id: str | None = None,
          metadata: Metadata | None = None, check: Consistency | str = Consistency.RECORD) -> Cable:
    """Parse the text of a cable into a :class:`~cablekit.Cable`.

    *text* may be a bare cable or a cable as published: a WikiLeaks page, a
    CSV row of the release, a JSON record, text with page metadata around it.

    In lenient mode (the default) this never raises on a :class:`str`: what
    had to be repaired is listed on :attr:`Cable.defects`.  In strict mode
    it raises :class:`~cablekit.CableParseError` when the cable text holds
    anything lenient mode would repair; the envelope the cable was published
    in (a web page, a CSV row, page metadata) and blanks at the ends of lines
    are recorded but are not damage (see :attr:`DefectKind.damage
    <cablekit.DefectKind.damage>`).  *reference_id* is a hint (e.g. from a
    CSV column): it wins over the id the text states.  *metadata* is what the
    container of the text states about the cable (a CSV row's columns, a page
    record's fields, as :mod:`cablekit.io` reads them): its fields win over
    those of a publication wrapper found in the text, which fill the rest.
    *check* (a :class:`~cablekit.Consistency`) says what to do with facts
    the cable states twice and differently: record them as
    ``inconsistent-…`` defects (``"record"``, the default), skip the checks
    (``"off"``), or have strict mode reject the cable for them (``"fatal"``).

    Raises:
        CableParseError: Strict mode found damage (or, with ``check="fatal"``, an inconsistency).
        TypeError: *text* is not a :class:`str`.
        ValueError: *mode* or *check* names no member.

    >>> import cablekit
    >>> cable = cablekit.parse(
    ...     "C O N F I D E N T I A L SECTION 01 OF 02 AMMAN 000713\\n"
    ...     "\\n"
    ...     "SUBJECT: JORDAN: KING DISCUSSES\\n"
    ...     "REGIONAL TALKS\\n"
    ...     "\\n"
    ...     "11. (C) Summary: The King spoke. End Summary.\\n"
    ... )
    >>> cable.subject, cable.paragraphs[0].number, cable.summary
    ('JORDAN: KING DISCUSSES REGIONAL TALKS', 1, 'The King spoke.')
    >>> [d.code for d in cable.defects]
    ['paragraph-marker-digit']
    """
    chosen = as_mode(mode)
    checks = as_consistency(check)
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, not {type(text).__name__}")
    ctx = Context()
    try:
        cable = _parse(text, ctx, reference_id, metadata, checks is not Consistency.OFF)
    except Exception as error:  # the lenient promise: a bug must not take the caller down
        log.exception("cablekit could not parse a text; returning what it had")
        ctx.at_source_line(D.PARSER_ERROR, f"cablekit failed on this text ({type(error).__name__}: {error})",
                           line=1)
        cable = Cable(reference_id=reference_id, defects=tuple(ctx.defects))
    if chosen is Mode.STRICT and cable.defects:
        fatal = checks is Consistency.FATAL
        damage = [d for d in cable.defects if DEFECT_CODES[d.code].damage or (fatal and d.code in _INCONSISTENT)]
        if damage:
            raise CableParseError.from_defects(damage)
    return cable


_INCONSISTENT = frozenset(code for code, kind in DEFECT_CODES.items() if kind.consistency)


def _parse(text: str, ctx: Context, reference_id: str | None, metadata: Metadata | None, checks: bool) -> Cable:
    """The pipeline: unwrap → repair → cursor → header → head → body → assemble → consistency checks."""
    text = _line_endings(text, ctx)
    source = unwrap(text, ctx)
    repair_lines(source, ctx)
    ctx.set_line_map(source.line_map)
    values = source.lines[:-1] if source.lines[-1:] == [""] else source.lines  # the text's last line ending
    cursor = Cursor(values, ctx)
    opening = read_header(cursor)
    head = read_head(cursor, HeadState(header=opening.header))
    body = read_body(cursor)
    stated = _merged(metadata, source.metadata)
    cable = assemble(cursor, opening, head, body, stated, reference_id or source.reference_id)
    if not checks:
        return cable
    found = len(ctx.defects)
    check_consistency(cable, Lines(ctx, cursor.lines, cursor.kinds, head.banner_line if head.banner else None), ctx)
    if len(ctx.defects) == found:
        return cable
    return attrs.evolve(cable, defects=tuple(sorted(ctx.defects, key=lambda d: (d.line, d.column))))


def _merged(given: Metadata | None, found: Metadata | None) -> Metadata | None:
    """The metadata given by the caller, its missing fields filled from what the text's wrapper states."""
    if given is None or found is None:
        return found if given is None else given
    missing = {field.name: getattr(found, field.name) for field in attrs.fields(Metadata)
               if not getattr(given, field.name)}
    return attrs.evolve(given, **missing)


def _line_endings(text: str, ctx: Context) -> str:
    """*text* with Windows and old Mac line endings read as ``\\n``, reported at the first one."""
    if "\r" not in text:
        return text
    line = text.count("\n", 0, text.index("\r")) + 1
    lines = text.splitlines()
    ctx.at_source_line(D.LINE_ENDINGS, "Windows (CRLF) or old Mac (CR) line endings", line=line,
                       text=lines[line - 1] if lines else "")
    return text.replace("\r\n", "\n").replace("\r", "\n")
