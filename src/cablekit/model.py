"""The :class:`Cable` object graph.

Every class here is an attrs class that is frozen, slotted and keyword-only.
Sequences are tuples, closed vocabularies are enums, times are UTC-aware
:class:`~datetime.datetime` objects and dates are :class:`~datetime.date`
objects.  Missing data is ``None`` or ``()``, never ``""``.

>>> from cablekit import Banner, Classification
>>> banner = Banner(classification=Classification.CONFIDENTIAL, section=1, sections=2,
...                 origin="TALLINN", serial=412)
>>> banner.origin, banner.serial
('TALLINN', 412)
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import attrs

__all__ = [
    "Banner",
    "Cable",
    "Classification",
    "Classifier",
    "Defect",
    "ExecutiveOrder",
    "Header",
    "Metadata",
    "Mode",
    "Paragraph",
    "Precedence",
    "Recipient",
    "Reference",
    "ReferenceKind",
    "Station",
    "StationKind",
    "Tag",
    "TagKind",
]


class Classification(enum.Enum):
    """The classification level of a cable.

    Handling caveats such as ``NOFORN`` or ``SIPDIS`` are not levels; they go
    to :attr:`Cable.caveats`.  ``LIMITED OFFICIAL USE`` and ``FOR OFFICIAL USE
    ONLY`` are unclassified levels with a caveat.
    """

    UNCLASSIFIED = "UNCLASSIFIED"
    """``UNCLAS``, ``UNCLASSIFIED``, ``UNCLAS E F T O``, ``LIMITED OFFICIAL USE``; security line ``ZNR UUUUU``."""
    CONFIDENTIAL = "CONFIDENTIAL"
    """``CONFIDENTIAL`` or ``C O N F I D E N T I A L``; security line ``ZNY CCCCC``."""
    SECRET = "SECRET"
    """``SECRET`` or ``S E C R E T``; security line ``ZNY SSSSS``."""
    TOP_SECRET = "TOP SECRET"
    """``TOP SECRET`` or ``T O P S E C R E T``."""


class Precedence(enum.Enum):
    """The precedence (speed of handling) of a telegram.

    The letters of the date-time-group line map to these values: ``R``
    routine, ``P`` priority, ``O`` immediate and ``Z`` flash.  ``NIACT
    IMMEDIATE`` (night action) is an immediate precedence; the full phrase is
    kept on :attr:`Recipient.precedence`.
    """

    ROUTINE = "ROUTINE"
    """``R``: routine handling."""
    PRIORITY = "PRIORITY"
    """``P``: ahead of routine traffic."""
    IMMEDIATE = "IMMEDIATE"
    """``O``: immediate, including ``NIACT IMMEDIATE``."""
    FLASH = "FLASH"
    """``Z``: flash, the highest precedence."""


class TagKind(enum.Enum):
    """What kind of TAGS code a :class:`Tag` is."""

    SUBJECT = "SUBJECT"
    """A four-letter subject code such as ``PGOV`` or ``ECON``."""
    PROGRAM = "PROGRAM"
    """A program code, the ``K`` family such as ``KDEM`` or ``KNNP``, and ``O`` codes such as ``OVIP``."""
    GEOGRAPHIC = "GEOGRAPHIC"
    """A two-letter country or region code such as ``KZ`` or ``RS``."""
    ORGANIZATION = "ORGANIZATION"
    """An organization such as ``OSCE`` or ``NATO``, a treaty regime such as ``NPT``, or an office such as
    ``USTR``."""
    PERSON = "PERSON"
    """A person named in the tags, e.g. ``SMITH, JOHN``."""
    KEYWORD = "KEYWORD"
    """A word of the TAGS line that is no code: a line written in words (``ITALIAN POLITICS``), a post's own
    abbreviation (``POL MIL``), a misspelt code (``PGOVE``).  A word no table names is one when it has no
    code's shape (two letters, or four under a subject letter), and so is a two-letter word, or a word of a
    code's shape no table names, standing between two of them (``OUTSIDE OF POLITICS``)."""
    UNKNOWN = "UNKNOWN"
    """Anything else: a two-letter code no table names (``QQ``), a number."""


class ReferenceKind(enum.Enum):
    """What a :class:`Reference` cites, decided from its text."""

    CABLE = "CABLE"
    """A cable, named by post and serial (``07 MOSCOW 3996``, ``STATE 12345``)."""
    EMAIL = "EMAIL"
    """An e-mail (``EMAIL SMITH-JONES 02/10/08``, ``Embassy-EUR e-mail of 5 May``)."""
    TELCON = "TELCON"
    """A telephone call (``TELCON``, ``TELECON``, ``phone call``)."""
    MEMO = "MEMO"
    """A memorandum or memorandum of conversation (``MEMO``, ``MEMCON``)."""
    LETTER = "LETTER"
    """A letter (``LETTER OF REQUEST``, an official-informal ``O-I``)."""
    MEETING = "MEETING"
    """A meeting or conversation (``MEETING``, ``Ambassador-FM meeting of 2 May``, a video conference ``SVTC``)."""
    REPORT = "REPORT"
    """A report (``IIR``, ``FBIS``, an annual or daily report), a news item or press release."""
    FAM = "FAM"
    """A section of the Foreign Affairs Manual or its handbooks (``9 FAM 40.63``, ``5 FAH-1``), or another
    handbook or guidebook."""
    WEB = "WEB"
    """A web page or site (``http://…``, ``www.…``, ``state.gov``)."""
    FAX = "FAX"
    """A fax."""
    OTHER = "OTHER"
    """Anything else: a diplomatic note, an airgram, a memorandum of understanding, a law, a text this list
    cannot tell."""


class StationKind(enum.Enum):
    """What kind of post a :class:`Station` is."""

    EMBASSY = "EMBASSY"
    """An embassy (``AMEMBASSY``), such as ``Embassy New Delhi``."""
    CONSULATE = "CONSULATE"
    """A consulate or consulate general (``AMCONSUL``), such as ``Consulate Mumbai``."""
    MISSION = "MISSION"
    """A mission or delegation to an international organization (``USMISSION``, ``USDEL``), such as
    ``USUN New York`` or ``Mission Geneva``."""
    DEPARTMENT = "DEPARTMENT"
    """The Department of State in Washington (``SECSTATE``), such as ``Secretary of State``."""
    OFFICE = "OFFICE"
    """Any other office: an interests section, a liaison or regional office (``USINT``, ``USOFFICE``)."""


@attrs.frozen(kw_only=True)
class Station:
    """A post that sends cables, as the station table shipped with cablekit knows it."""

    code: str
    """The post as ids write it, e.g. ``NEWDELHI``, ``USUNNEWYORK``, ``STATE``."""
    name: str | None = None
    """The post's name as the archive prints it, e.g. ``Embassy New Delhi``, ``Secretary of State``."""
    kind: StationKind | None = None
    """What kind of post it is."""
    address: str | None = None
    """The post as a telegram's ``FM`` and ``TO`` lines write it, e.g. ``AMEMBASSY NEW DELHI``."""
    routing_indicators: tuple[str, ...] = ()
    """The routing indicators seen for the post (``RUEHNE``), most used first."""


class Mode(enum.Enum):
    """How :func:`cablekit.parse` treats damaged input."""

    STRICT = "strict"
    """Raise :class:`cablekit.CableParseError` on anything that needs repair."""
    LENIENT = "lenient"
    """Never raise; repair and record each repair as a :class:`Defect`."""


@attrs.frozen(kw_only=True)
class Defect:
    """One problem found in a cable's text, and what lenient mode did about it.

    Modelled on the defects of the standard library's :mod:`email` package:
    a defect is data attached to the parsed object, not a log record.  The
    documented codes are listed by :data:`cablekit.DEFECT_CODES`.
    """

    code: str
    """Stable kebab-case identifier, e.g. ``paragraph-marker-pilcrow``."""
    message: str
    """What is wrong, in words a person can act on."""
    line: int
    """1-based line of the source text where the problem is."""
    column: int = 1
    """1-based column within :attr:`line`."""
    text: str = ""
    """The offending source text (one line, or an excerpt)."""
    repair: str = ""
    """What lenient mode did about it."""


@attrs.frozen(kw_only=True)
class Recipient:
    """An addressee on a ``TO`` or ``INFO`` line of the transmission header."""

    routing_indicator: str | None = None
    """The routing indicator before the slash, e.g. ``RUEHC``."""
    name: str
    """The addressee, e.g. ``SECSTATE WASHDC``."""
    precedence: str | None = None
    """The precedence as written, e.g. ``PRIORITY`` or ``NIACT IMMEDIATE``."""
    serial: str | None = None
    """The addressee's serial number, leading zeros kept, e.g. ``"0912"``."""
    excluded: tuple[str, ...] = ()
    """Posts excluded from a collective by ``XMT`` lines."""


@attrs.frozen(kw_only=True)
class Header:
    """The transmission header: everything before the classification banner."""

    transmission_id: str | None = None
    """The ``VZCZC`` line, e.g. ``VZCZCXRO9553``."""
    routing: tuple[str, ...] = ()
    """Routing indicators on the precedence line and its continuation lines."""
    station: str | None = None
    """The originating station from the ``DE`` line, e.g. ``RUEHTA``."""
    station_serial: int | None = None
    """The station serial from the ``DE`` line (``#2819`` gives 2819)."""
    section: int | None = None
    """The section from the ``DE`` line (``#2819/01`` gives 1)."""
    julian_day: int | None = None
    """Day of the year from the ``DE`` line."""
    de_time: str | None = None
    """The time the ``DE`` line gives after the day, as written (``1502``); it should be the DTG's."""
    security: str | None = None
    """The security line, e.g. ``ZNY CCCCC ZZH`` (with what follows it on its line, such as ``ZDK``)."""
    precedence: Precedence | None = None
    """Precedence of the telegram, from the date-time-group line."""
    dtg: datetime | None = None
    """The date-time group in UTC."""
    dtg_trailer: str | None = None
    """What follows the date-time group on its line: service notes such as ``ZDK MANY SVCS``."""
    origin: str | None = None
    """The ``FM`` line, e.g. ``AMEMBASSY MOSCOW``."""
    recipients: tuple[Recipient, ...] = ()
    """Action addressees (``TO``)."""
    info_recipients: tuple[Recipient, ...] = ()
    """Information addressees (``INFO``)."""
    other_lines: tuple[str, ...] = ()
    """Header lines kept as written but not decoded: the office-code blocks and rules of older traffic
    (``ACTION EUR-12``, ``INFO LOG-00 EEB-00 /000W``, ``------ 8A8E0D 271459Z /38``), service lines."""


@attrs.frozen(kw_only=True)
class Banner:
    """The classification line that opens the body.

    ``C O N F I D E N T I A L SECTION 01 OF 02 TALLINN 000412``
    """

    classification: Classification | None = None
    """The level the banner states."""
    section: int | None = None
    """This section's number, when the cable was sent in sections."""
    sections: int | None = None
    """How many sections the cable has."""
    origin: str
    """The originating post as written in the banner, e.g. ``MOSCOW``."""
    serial: int
    """The cable's serial number without leading zeros."""


@attrs.frozen(kw_only=True)
class Tag:
    """One code of the ``TAGS`` line."""

    code: str
    """The code, e.g. ``PGOV``; for a person, the name as written."""
    kind: TagKind = TagKind.UNKNOWN
    """What kind of code it is."""
    name: str | None = None
    """What the code stands for where the TAGS system defines it (``RS``: ``Russia``); ``None`` otherwise."""


@attrs.frozen(kw_only=True)
class Reference:
    """One entry of the ``REF`` block."""

    label: str | None = None
    """The letter that labels the reference, e.g. ``"A"``."""
    text: str
    """The reference as written, label removed."""
    cable_id: str | None = None
    """Canonical id of the cited cable (``07MOSCOW3996``); ``None`` for e-mails, memos and the like."""
    kind: ReferenceKind = ReferenceKind.OTHER
    """What the reference cites: a cable, an e-mail, a telcon…"""


@attrs.frozen(kw_only=True)
class Classifier:
    """Who classified the cable and why (the ``Classified By`` line)."""

    name: str | None = None
    """The classifier's name, e.g. ``Alice G. Wells``."""
    title: str | None = None
    """The classifier's title, e.g. ``Political M/C``."""
    reasons: tuple[str, ...] = ()
    """Normalized reasons, e.g. ``("1.4(b)", "1.4(d)")``."""


@attrs.frozen(kw_only=True)
class ExecutiveOrder:
    """The ``E.O.`` line: which order governs the classification and until when."""

    order: str | None = None
    """The order's number, e.g. ``"12958"`` or ``"13526"``."""
    declassify_on: date | None = None
    """The declassification date, when the line gives one."""
    rule: str | None = None
    """A declassification rule that is not a date: ``N/A``, ``OADR``, ``1.6X1``, ``25X1``, ``10 YEARS``…"""
    raw: str
    """The line as written after ``E.O.``."""


@attrs.frozen(kw_only=True)
class Paragraph:
    """One numbered (or unnumbered) paragraph of the body."""

    number: int | None = None
    """The true paragraph number, after repair of damaged markers."""
    marker: str = ""
    """The marker as written, e.g. ``[1](#)1.``; ``""`` for an unnumbered paragraph."""
    classification: str | None = None
    """The portion marking, e.g. ``"C"``, ``"SBU"`` or ``"S//NF"``."""
    heading: str | None = None
    """A section heading standing just before the paragraph."""
    text: str
    """The paragraph's text, marker and marking removed."""
    line: int = attrs.field(default=0, eq=False)
    """1-based source line where the paragraph starts.

    Where a paragraph stood is provenance, not content: it takes no part in
    comparing paragraphs, so a cable written out and read back compares equal.
    """


@attrs.frozen(kw_only=True)
class Metadata:
    """What a publication (web page, CSV row, JSON record) put around the cable."""

    identifier: str | None = None
    """The reference id the publication states."""
    created: datetime | None = None
    """The creation time the publication states, in UTC."""
    classification: str | None = None
    """The classification the publication states, as written (``SECRET//NOFORN``)."""
    origin: str | None = None
    """The origin the publication states, e.g. ``Embassy Astana``."""
    title: str | None = None
    """The title or subject the publication states."""
    references: tuple[str, ...] = ()
    """The ids of the cables the publication lists as referenced (the ``references`` column of the
    release's ``cables.csv``), as written there."""


@attrs.frozen(kw_only=True)
class Cable:
    """A parsed diplomatic cable: the root of the object graph."""

    reference_id: str | None = None
    """Canonical id: two-digit year, origin without spaces, serial without leading zeros."""
    station: Station | None = None
    """The post that sent the cable, from its text (id, banner, ``FM`` line, ``DE`` routing indicator),
    else from the publication's stated origin."""
    header: Header | None = None
    """The transmission header, when the text has one."""
    banner: Banner | None = None
    """The classification line that opens the body."""
    classification: Classification | None = None
    """The classification level."""
    caveats: tuple[str, ...] = ()
    """Handling caveats (``SIPDIS``, ``NOFORN``…), de-duplicated, in first-seen order."""
    offices: tuple[str, ...] = ()
    """Office and passing lines such as ``STATE FOR SCA/CEN, S/SRAP, INL``."""
    eo: ExecutiveOrder | None = None
    """The executive order line."""
    tags: tuple[Tag, ...] = ()
    """The ``TAGS`` codes."""
    subject: str | None = None
    """The subject on one line."""
    references: tuple[Reference, ...] = ()
    """The ``REF`` entries."""
    classified_by: Classifier | None = None
    """Who classified the cable and why."""
    paragraphs: tuple[Paragraph, ...] = ()
    """The body's paragraphs."""
    summary: str | None = None
    """The summary text without ``Summary:`` / ``End Summary``."""
    signers: tuple[str, ...] = ()
    """The signer's name(s) at the end of the cable."""
    metadata: Metadata | None = None
    """What a publication put around the cable."""
    defects: tuple[Defect, ...] = ()
    """Every problem found and repaired while parsing."""
