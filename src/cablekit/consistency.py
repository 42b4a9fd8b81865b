"""Cross-field consistency: the facts a cable states more than once, checked against each other.

A cable states its date in the ``DE`` line's day of the year and in the
date-time group; its serial in the ``DE`` line, the banner and every page-break
line; its level in the security line (``ZNY CCCCC``), the banner, the portion
markings and the publication's metadata; its post in the ``FM`` line, the
banner and the ``DE`` routing indicator.  When two copies of a fact disagree,
something happened to the document: a slip of the drafter, a page that carries
one post's cable under another's header, a record labelled as another.

:func:`~cablekit.parse` runs the checks below after it has read a cable.  Each
disagreement is a :class:`~cablekit.Defect` whose code starts with
``inconsistent-`` and whose message names both values and both lines.  They
are facts about the document, not damage to repair: strict mode accepts them
unless the caller asks otherwise with ``check=`` (:class:`Consistency`).

>>> import cablekit
>>> cable = cablekit.parse(
...     "DE RUEHTL #0412/01 0741025\\n"
...     "ZNY CCCCC ZZH\\n"
...     "P 141025Z MAR 08\\n"
...     "FM AMEMBASSY TALLINN\\n"
...     "\\n"
...     "S E C R E T SECTION 01 OF 02 TALLINN 000412\\n"
... )
>>> [d.code for d in cable.defects]
['inconsistent-classification']
>>> print(cable.defects[0].message)
the banner (line 6) says SECRET, but the security line (line 2) says CONFIDENTIAL
>>> cablekit.parse("ZNY CCCCC ZZH\\n\\nS E C R E T TALLINN 000412\\n", check="off").defects
()
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from datetime import date
from typing import Final, NamedTuple

from . import _kinds as K
from ._choice import choice
from ._context import Context
from .chunking import marking_level
from .defects import DefectCode as D
from .fields import classification_of
from .header import security_level
from .identity import canonical_post, full_year, id_parts, post_code
from .model import Cable, Classification, Station
from .stations import address_of, by_indicator, known_codes, station
from .tokens import TokenKind

__all__ = ["CHECKS", "Consistency", "as_consistency", "marked_classification"]


class Consistency(enum.Enum):
    """What :func:`~cablekit.parse` does with the consistency checks (its ``check=`` argument).

    >>> import cablekit
    >>> cablekit.Consistency("fatal") is cablekit.Consistency.FATAL
    True
    """

    RECORD = "record"
    """Run the checks and record what disagrees as ``inconsistent-…`` defects (the default).  Strict mode
    accepts the cable: the defects are facts about the document, not damage."""
    OFF = "off"
    """Do not run the checks."""
    FATAL = "fatal"
    """Run the checks; strict mode rejects a cable that fails one, as it rejects damage.  Lenient mode, which
    never raises, records them as :attr:`RECORD` does."""


def as_consistency(value: Consistency | str) -> Consistency:
    """*value* as a :class:`Consistency`: a member, or its name in any case (``"off"``, ``"FATAL"``).

    Raises:
        ValueError: *value* names no member.
    """
    return choice(Consistency, value, "check")


class Statement(NamedTuple):
    """One copy of a fact: its value as the message shows it, who states it and on which line."""

    value: str
    """The value as the defect's message shows it."""
    where: str
    """Who states it: ``the DE line``, ``the banner``, ``the publication``…"""
    line: int = 0
    """The 1-based line of the caller's text; 0 when no line states it (the publication's metadata)."""
    text: str = ""
    """The line as written."""

    def named(self) -> str:
        """``the banner (line 6) says SECRET``."""
        at = f" (line {self.line})" if self.line else ""
        return f"{self.where}{at} says {self.value}"


class Lines:
    """Where the cable text states each fact: the lines the consistency checks name.

    Built from the parser's lines and their kinds after a cable was read; a
    missing line is ``None``.  Lines are those of the caller's text.
    """

    __slots__ = ("_ctx", "_kinds", "_lines", "banner")

    def __init__(self, ctx: Context, lines: list[str], kinds: list[TokenKind], banner: int | None) -> None:
        self._ctx = ctx
        self._lines = lines
        self._kinds = kinds
        self.banner = banner
        """The cable line of the banner, ``None`` without one."""

    def first(self, kind: TokenKind) -> int | None:
        """The 1-based cable line of the first line of *kind*, ``None`` without one."""
        try:
            return self._kinds.index(kind) + 1
        except ValueError:
            return None

    @property
    def breaks(self) -> list[int]:
        """The 1-based cable lines of every page-break line."""
        kinds = self._kinds
        if K.PAGE_BREAK not in kinds:  # (most cables have none: a scan in C first)
            return []
        return [index + 1 for index, kind in enumerate(kinds) if kind is K.PAGE_BREAK]

    def statement(self, kind: TokenKind | None, value: str, where: str, line: int | None = None) -> Statement:
        """The statement of *value* by the first line of *kind* (or by cable line *line*)."""
        at = line if line is not None else self.first(kind) if kind is not None else None
        if at is None or not 0 < at <= len(self._lines):
            return Statement(value, where)
        return Statement(value, where, self._ctx.source_line(at), self._lines[at - 1].strip())

    def banner_says(self, value: str) -> Statement:
        """The banner's statement of *value*."""
        return self.statement(None, value, "the banner", self.banner)

    def derived(self) -> bool:
        """Whether a line states the source of a derived classification (``DERIVED FROM: …``).

        Such a line stands for a Classified By line.
        """
        return any(line.lstrip()[:12].upper() == "DERIVED FROM" for line in self._lines[:_HEAD_LINES])

    def text_of(self, line: int) -> str:
        """Cable line *line* as written."""
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""


_HEAD_LINES: Final = 200
"""How many lines are searched for a head line the parser does not decode (``DERIVED FROM``)."""

Finding = tuple[D, Statement, Statement]
"""A disagreement: the check's code, the copy taken as the reference, and the copy that disagrees."""

Check = Callable[[Cable, Lines], Iterator[Finding]]


def check(cable: Cable, lines: Lines, ctx: Context) -> None:
    """Run every check of :data:`CHECKS` on *cable* and record each disagreement on *ctx*."""
    for rule in CHECKS:
        for code, first, second in rule(cable, lines):
            line = second.line or first.line or 1
            ctx.at_source_line(code, f"{second.named()}, but {first.named()}", line=line,
                               text=second.text or first.text)


# --- the checks ------------------------------------------------------------------------------------------------


def _date(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The DE line's day of the year is more than a day away from the date-time group's date."""
    header = cable.header
    if header is None or header.dtg is None or header.julian_day is None:
        return
    dtg = header.dtg
    days = 366 if _leap(dtg.year) else 365
    apart = abs(header.julian_day - dtg.timetuple().tm_yday)
    if min(apart, days - apart) > 1:
        yield (D.INCONSISTENT_DATE,
               lines.statement(K.DTG, f"{dtg:%d %b %Y} (day {dtg.timetuple().tm_yday:03d})", "the date-time group"),
               lines.statement(K.DE, f"day {header.julian_day:03d}", "the DE line"))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _serial(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The DE line's or a page-break line's serial is not the banner's (or, without a banner, the id's).

    The last four digits are compared: the DE line writes no more, and some posts print page-break serials
    with digits of their own before the serial (``TRIPOLI 07200583``).
    """
    reference = _reference_serial(cable, lines)
    if reference is None:
        return
    serial, first = reference
    header = cable.header
    if header is not None and header.station_serial and header.station_serial % 10_000 != serial % 10_000:
        yield D.INCONSISTENT_SERIAL, first, lines.statement(K.DE, str(header.station_serial), "the DE line")
    for line in lines.breaks:
        stated = _break_serial(lines.text_of(line))
        if stated and stated % 10_000 != serial % 10_000:
            yield D.INCONSISTENT_SERIAL, first, lines.statement(None, str(stated), "a page-break line", line=line)
            return  # the page-break lines of one cable repeat each other: one report is enough


def _reference_serial(cable: Cable, lines: Lines) -> tuple[int, Statement] | None:
    """The serial the others are held to: the banner's, else the id's."""
    banner = cable.banner
    if banner is not None and banner.serial:
        return banner.serial, lines.banner_says(str(banner.serial))
    found = _full_id_parts(cable.reference_id)
    if found is None:
        return None
    return found[2], Statement(str(found[2]), f"the id {cable.reference_id}")


def _break_serial(text: str) -> int | None:
    """The serial of a page-break line (``AMMAN 00000713 002 OF 003``), ``None`` for an unnumbered one (0)."""
    words = text.split()
    for at, word in enumerate(words[1:], 1):
        if len(word) == 8 and word.isdigit():
            return int(word) or None if at + 2 < len(words) and words[at + 2] == "OF" else None
    return None


def _section(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The DE line's section (``#0713/02``) is not the banner's (``SECTION 01 OF 02``)."""
    header, banner = cable.header, cable.banner
    if header is None or banner is None or header.section is None or banner.section is None:
        return
    if header.section != banner.section:
        yield (D.INCONSISTENT_SECTION,
               lines.banner_says(f"section {banner.section}"),
               lines.statement(K.DE, f"section {header.section}", "the DE line"))


def _classification(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The security line, the banner and the publication do not state the same level."""
    banner, header, metadata = cable.banner, cable.header, cable.metadata
    text_level = banner.classification.value if banner is not None and banner.classification else None
    security = security_level(header.security) if header is not None and header.security else None
    published = metadata.classification if metadata is not None else None
    level = classification_of(published)[0] if published else None
    if text_level is not None and security is not None and security != text_level:
        yield (D.INCONSISTENT_CLASSIFICATION, lines.statement(K.SECURITY, security, "the security line"),
               lines.banner_says(text_level))
    stated = text_level or security
    if stated is not None and level is not None and level.value != stated:
        first = (lines.banner_says(stated) if text_level is not None
                 else lines.statement(K.SECURITY, stated, "the security line"))
        yield D.INCONSISTENT_CLASSIFICATION, first, Statement(published or "", "the publication")


_LEVEL_CLASSIFICATION: Final = {
    "U": Classification.UNCLASSIFIED, "SBU": Classification.UNCLASSIFIED, "LOU": Classification.UNCLASSIFIED,
    "C": Classification.CONFIDENTIAL, "S": Classification.SECRET, "TS": Classification.TOP_SECRET,
}
_RANK: Final = {level: rank for rank, level in enumerate(Classification)}


def marked_classification(marking: str) -> Classification | None:
    """The classification level a portion marking states (:func:`cablekit.chunking.marking_level`'s level).

    A marking in lower case is not read (``(c)`` may label a list item).

    >>> marked_classification("S//NF"), marked_classification("SBU"), marked_classification("c")
    (<Classification.SECRET: 'SECRET'>, <Classification.UNCLASSIFIED: 'UNCLASSIFIED'>, None)
    """
    if marking in _MARKED:
        return _MARKED[marking]
    level = marking_level(marking) if marking[:1].isupper() else None
    found = _LEVEL_CLASSIFICATION.get(level) if level is not None else None
    if len(_MARKED) < 512:  # (a corpus writes few markings, each many times)
        _MARKED[marking] = found
    return found


_MARKED: dict[str, Classification | None] = {}


def _marking(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """A paragraph is marked higher than the cable (``(S)`` in a CONFIDENTIAL cable); the first one is named."""
    level = cable.classification
    if level is None:
        return
    for paragraph in cable.paragraphs:
        marked = marked_classification(paragraph.classification) if paragraph.classification else None
        if marked is not None and _RANK[marked] > _RANK[level]:
            cable_says = _level_stated(cable, level, lines)
            where = f"paragraph {paragraph.number}" if paragraph.number is not None else "a paragraph"
            yield (D.INCONSISTENT_MARKING, cable_says,
                   Statement(f"({paragraph.classification})", f"{where}'s marking", paragraph.line,
                             paragraph.text[:60]))
            return


def _level_stated(cable: Cable, level: Classification, lines: Lines) -> Statement:
    """The statement of the cable's *level*: the banner's, else the cable's (from its header or publication)."""
    return lines.banner_says(level.value) if cable.banner is not None else Statement(
        level.value, "the cable's classification")


def _station(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The FM line, the banner and the DE routing indicator name different posts."""
    stated = _posts(cable, lines.banner)
    if len(stated) < 2:
        return
    first_post, first = stated[0]
    for post, other in stated[1:]:
        if post.code != first_post.code and (post.name is None or post.name != first_post.name):
            yield D.INCONSISTENT_STATION, lines.statement(*first), lines.statement(*other)


_Stating = tuple[TokenKind | None, str, str, int | None]
"""What :meth:`Lines.statement` needs to name a copy of a fact: the kind of its line, the value, who states it,
the line (when not the first of its kind)."""


def _posts(cable: Cable, banner_line: int | None) -> list[tuple[Station, _Stating]]:
    """The post each of the banner (on *banner_line*, else the id), the FM line and the DE routing indicator names.

    Only posts of the station table count: a post it lacks (a delegation, a special series such as
    ``PARTO``) cannot be told apart from another spelling of the same post.  Two codes of one post
    (``AITTAIPEI``, ``TAIPEI``) are one post: the table gives them the same name.
    """
    header = cable.header
    if header is None:  # a post named once
        return []
    known = known_codes()
    found: list[tuple[Station, _Stating]] = []
    banner, parts = cable.banner, id_parts(cable.reference_id)
    if banner is not None and banner.origin:
        code: str | None = canonical_post(post_code(banner.origin))
        stating: _Stating = (None, code or "", "the banner", banner_line)
    else:
        code = parts[1] if parts is not None else None
        stating = (None, code or "", f"the id {cable.reference_id}", None)
    if code is not None and code in known:
        found.append((known[code], stating))
    address = address_of(header.origin) if header.origin else None
    if address and (post := station(address)) is not None:
        found.append((post, (K.FROM, f"{post.code} ({header.origin})", "the FM line", None)))
    if header.station and (post := by_indicator(header.station)) is not None:
        found.append((post, (K.DE, f"{post.code} ({header.station})", "the DE line", None)))
    return found


def _declassification(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The E.O. line's declassification date comes before the cable's own date."""
    eo = cable.eo
    if eo is None or eo.declassify_on is None:
        return
    own = _own_date(cable, lines)
    if own is not None and eo.declassify_on < own[0]:
        yield D.INCONSISTENT_DECLASSIFICATION, own[1], lines.statement(
            K.EO, f"declassify on {eo.declassify_on:%d %b %Y}", "the E.O. line")


def _own_date(cable: Cable, lines: Lines) -> tuple[date, Statement] | None:
    """The cable's date: the date-time group's, else the publication's."""
    header, metadata = cable.header, cable.metadata
    if header is not None and header.dtg is not None:
        return header.dtg.date(), lines.statement(K.DTG, f"{header.dtg:%d %b %Y}", "the date-time group")
    if metadata is not None and metadata.created is not None:
        return metadata.created.date(), Statement(f"{metadata.created:%d %b %Y}", "the publication")
    return None


_CLASSIFIER_ORDERS: Final = frozenset({"12958", "13292", "13526"})
"""Executive orders under which a classified cable states who classified it (``Classified By``)."""


def _classified_by(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """A Classified By line on an unclassified cable, or none on a classified one whose E.O. asks for it."""
    level = cable.classification
    if level is None:
        return
    at = _level_stated(cable, level, lines)
    classifier = cable.classified_by
    if level is Classification.UNCLASSIFIED and classifier is not None:
        yield D.INCONSISTENT_CLASSIFIED_BY, at, lines.statement(
            K.CLASSIFIED_BY, f"classified by {classifier.name or 'someone'}", "the Classified By line")
    elif level is not Classification.UNCLASSIFIED and classifier is None and cable.eo is not None \
            and cable.eo.order in _CLASSIFIER_ORDERS and not _cut(cable) and not lines.derived():
        yield D.INCONSISTENT_CLASSIFIED_BY, at, lines.statement(
            K.EO, f"E.O. {cable.eo.order} and no Classified By line", "the head")


def _cut(cable: Cable) -> bool:
    """Whether the text is cut short: at its end, in its head, or before its body.

    A subject that breaks off in ``...`` or a page that ends after the head's first fields is cut too.  A
    published excerpt loses the lines after the cut, so a line it lacks says nothing of the cable.
    """
    subject = cable.subject or ""
    return (not cable.paragraphs or subject.endswith(("...", "\u2026"))
            or any(d.code == "text-truncated" for d in cable.defects))


def _reference_date(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """A referenced cable is later than the cable citing it (a later year, or the same post's later serial)."""
    own = _full_id_parts(cable.reference_id)
    if own is None:
        return
    year, post, serial = own
    for reference in cable.references:
        cited = _full_id_parts(reference.cable_id)
        if cited is None:
            continue
        later = cited[0] > year or (cited[0] == year and cited[1] == post and cited[2] > serial)
        if later:
            yield (D.INCONSISTENT_REFERENCE_DATE, Statement(cable.reference_id or "", "the cable's id"),
                   lines.statement(K.REF, f"it cites {reference.cable_id}", "the REF field"))
            return


def _full_id_parts(reference_id: str | None) -> tuple[int, str, int] | None:
    """The full year, post and serial of a canonical id (``08AMMAN713`` → (2008, ``AMMAN``, 713))."""
    parts = id_parts(reference_id)
    return (full_year(parts[0]), parts[1], parts[2]) if parts is not None else None


def _created(cable: Cable, lines: Lines) -> Iterator[Finding]:
    """The publication's creation date is more than a day away from the date-time group."""
    header, metadata = cable.header, cable.metadata
    if header is None or header.dtg is None or metadata is None or metadata.created is None:
        return
    if abs((metadata.created.date() - header.dtg.date()).days) > 1:
        yield (D.INCONSISTENT_CREATED, lines.statement(K.DTG, f"{header.dtg:%d %b %Y}", "the date-time group"),
               Statement(f"created {metadata.created:%d %b %Y}", "the publication"))


CHECKS: Final[tuple[Check, ...]] = (
    _date, _serial, _section, _classification, _marking, _station, _declassification, _classified_by,
    _reference_date, _created,
)
"""The checks, in the order their defects are recorded."""
