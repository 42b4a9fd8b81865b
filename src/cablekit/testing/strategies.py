"""Hypothesis strategies that build :class:`~cablekit.Cable` graphs and cable texts.

Every strategy yields *clean* values in the shapes real cables have: posts
such as ``AMMAN`` or ``RIO DE JANEIRO``, routing indicators such as
``RUEHAM``, date-time groups that agree with the ``DE`` line, TAGS whose
kinds are the ones cablekit assigns, references whose ids carry the cable's
year, markings, headings, multi-line paragraphs, summaries and signers.

:func:`cables` yields whole normalized cables: ``normalize(c) == c``, and
parsing the cable's canonical text gives ``c`` back, so round trips can be
stated as properties::

    from hypothesis import given
    import cablekit
    from cablekit.testing.strategies import cables

    @given(cables())
    def test_text_round_trip(cable):
        assert cablekit.normalize(cablekit.parse(cablekit.dumps(cable, "text"))) == cable

The strategies shrink towards small cables: no header, no banner, few
fields, few short paragraphs.  They need hypothesis (``pip install
'cablekit[test]'``); :mod:`cablekit.testing.damage` does not.

>>> import cablekit
>>> from hypothesis import given, settings
>>> @settings(max_examples=5, database=None)
... @given(cables())
... def check(cable):
...     assert cablekit.normalize(cable) == cable
>>> check()
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import ParamSpec, TypeVar, cast

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as error:  # pragma: no cover - exercised by a subprocess test
    raise ImportError(
        "cablekit.testing.strategies needs hypothesis, which is a test extra: pip install 'cablekit[test]'"
    ) from error

from .. import identity
from ..consistency import marked_classification
from ..defects import DEFECT_CODES
from ..fields import implied_caveats
from ..model import (
    Banner,
    Cable,
    Classification,
    Classifier,
    Defect,
    ExecutiveOrder,
    Header,
    Metadata,
    Paragraph,
    Precedence,
    Recipient,
    Reference,
    Tag,
    TagKind,
)
from ..references import reference_kind
from ..stations import by_indicator, implied_station, station
from ..tags import tag, tag_table
from . import _vocabulary as V
from .damage import (
    COMMA_FOR_PERIOD,
    HEAD_REPEATED,
    MISSING_SPACE,
    PAGE_WRAPPER,
    PILCROW_DIGIT,
    PILCROW_LINK,
    PILCROW_STRAY_DIGIT,
    STAGES,
    TRANSFORMS,
    Damaged,
    Transform,
    apply,
)

__all__ = [
    "banners",
    "cable_texts",
    "cables",
    "classifications",
    "classifiers",
    "damaged_cables",
    "defects",
    "dtgs",
    "executive_orders",
    "headers",
    "metadata",
    "paragraphs",
    "posts",
    "precedences",
    "recipients",
    "reference_ids",
    "references",
    "routing_indicators",
    "tags",
]

MARKINGS = ("C", "U", "SBU", "S", "S//NF", "C/NF", "S/NF", "TS", "U//FOUO", "C - ENTIRE TEXT")
"""Portion markings a generated paragraph may carry."""

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

_SECURITY = {Classification.UNCLASSIFIED: "ZNR UUUUU ZZH", Classification.CONFIDENTIAL: "ZNY CCCCC ZZH",
             Classification.SECRET: "ZNY SSSSS ZZH", Classification.TOP_SECRET: "ZNY TTTTT ZZH"}
_METADATA_LEVEL = {Classification.UNCLASSIFIED: ("UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
                   Classification.CONFIDENTIAL: ("CONFIDENTIAL", "CONFIDENTIAL//NOFORN"),
                   Classification.SECRET: ("SECRET", "SECRET//NOFORN"),
                   Classification.TOP_SECRET: ("TOP SECRET",)}


# --------------------------------------------------------------------------- scalars
# Strategies are built once and reused: building one inside a draw costs more than the draw.

def _cache(function: Callable[P, R]) -> Callable[P, R]:
    """Memoize a strategy factory, keeping its signature for type checkers."""
    return cast("Callable[P, R]", functools.cache(function))


@_cache
def _ints(low: int, high: int) -> SearchStrategy[int]:
    return st.integers(low, high)


@_cache
def _maybe(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


@_cache
def posts() -> SearchStrategy[str]:
    """A post as it stands in a banner: ``AMMAN``, ``RIO DE JANEIRO``, ``STATE``.

    >>> from hypothesis import find
    >>> find(posts(), lambda post: post.endswith("JANEIRO"))
    'RIO DE JANEIRO'
    """
    return st.sampled_from(V.POSTS)


@_cache
def routing_indicators() -> SearchStrategy[str]:
    """A routing indicator: ``RUEH`` and two or three letters (``RUEHAM``, ``RUEKJCS``).

    >>> from hypothesis import find
    >>> find(routing_indicators(), lambda ri: len(ri) == 7)
    'RUEHAAA'
    """
    letters = st.text(V.STATION_LETTERS, min_size=2, max_size=3)
    return st.builds(operator.add, st.sampled_from(V.ROUTING_PREFIXES), letters)


@_cache
def dtgs(*, min_year: int = 1966, max_year: int = 2010) -> SearchStrategy[datetime]:
    """A date-time group: a UTC datetime to the minute, as cables state them.

    >>> from hypothesis import find
    >>> find(dtgs(), lambda when: when.year == 2008)
    datetime.datetime(2008, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
    """
    return st.datetimes(min_value=datetime(min_year, 1, 1), max_value=datetime(max_year, 12, 31, 23, 59)).map(
        lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC))


def _id_of(post: str, serial: int, year: int) -> str:
    found = identity.reference_id(identity.two_digit_year(year), identity.post_code(post), serial)
    assert found is not None  # a post is never empty, a serial never 0
    return found


@_cache
def reference_ids() -> SearchStrategy[str]:
    """A canonical reference id: ``08AMMAN713``, ``09STATE119085``.

    >>> from hypothesis import find
    >>> find(reference_ids(), lambda ref: "STATE" in ref)
    '66STATE1'
    """
    return st.builds(_id_of, posts(), st.integers(1, 199_999), st.integers(1966, 2010))


@_cache
def classifications() -> SearchStrategy[Classification]:
    """A classification level.

    >>> from hypothesis import find
    >>> find(classifications(), lambda level: "SECRET" in level.value)
    <Classification.SECRET: 'SECRET'>
    """
    return st.sampled_from(Classification)


@_cache
def precedences() -> SearchStrategy[Precedence]:
    """A telegram precedence.

    >>> from hypothesis import find
    >>> find(precedences(), lambda p: p is not Precedence.ROUTINE)
    <Precedence.PRIORITY: 'PRIORITY'>
    """
    return st.sampled_from(Precedence)


# --------------------------------------------------------------------------- header


def _sender(post: str) -> str:
    if post == "STATE":
        return "SECSTATE WASHDC"
    if post in V.MISSIONS:
        return f"USMISSION {post}"
    return f"{'AMCONSUL' if post in V.CONSULATES else 'AMEMBASSY'} {post}"


_SENDERS = st.sampled_from([_sender(p) for p in V.POSTS if p != "STATE"])


@_cache
def recipients(*, excluded: bool = True) -> SearchStrategy[Recipient]:
    """An addressee: ``RUEHC/SECSTATE WASHDC PRIORITY 0912``, possibly with ``XMT`` exclusions.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(recipients())
    ... def check(recipient):
    ...     assert recipient.serial is None or len(recipient.serial) == 4
    >>> check()
    """
    return st.builds(
        Recipient,
        routing_indicator=st.one_of(routing_indicators(), st.none()),
        name=st.one_of(st.sampled_from(V.COLLECTIVES), _SENDERS),
        precedence=_maybe(st.sampled_from(V.RECIPIENT_PRECEDENCES)),
        serial=_maybe(st.integers(0, 9999).map(lambda n: f"{n:04d}")),
        excluded=st.lists(_SENDERS, max_size=2 if excluded else 0, unique=True).map(tuple),
    )


_ROUTING = st.lists(routing_indicators(), max_size=6, unique=True).map(tuple)
_TRANSMISSION = _maybe(st.builds(lambda channel, n: f"VZCZC{channel}{n:04d}", st.sampled_from(("XRO", "XYZ", "AMM")),
                                 st.integers(0, 9999)))
_TO = st.lists(recipients(), max_size=2).map(tuple)
_INFO = st.lists(recipients(), max_size=4).map(tuple)


def _make_header(draw: st.DrawFn, post: str, serial: int, section: int | None,
            level: Classification | None) -> Header:
    dtg = draw(_maybe(dtgs()))
    routing = draw(_ROUTING)
    precedence = draw(precedences()) if dtg is not None or routing else None
    station = _own_indicator(post, draw(_maybe(routing_indicators())))
    julian = dtg.timetuple().tm_yday if dtg is not None and station and draw(st.booleans()) else None
    origin = _sender(post) if draw(st.booleans()) else None
    transmission = draw(_TRANSMISSION)
    security = _SECURITY[level] if level is not None and draw(st.booleans()) else None
    if not (dtg or station or origin or transmission or security):
        origin = _sender(post)  # a header needs one line of a shape only headers have
    return Header(
        transmission_id=transmission, routing=routing, station=station,
        station_serial=serial if station else None, section=section if station else None,
        julian_day=julian, de_time=f"{dtg:%H%M}" if julian is not None and dtg is not None else None,
        security=security, precedence=precedence, dtg=dtg, origin=origin,
        recipients=draw(_TO), info_recipients=draw(_INFO),
    )


def _own_indicator(post: str, indicator: str | None) -> str | None:
    """*indicator*, unless the station table has it send for another post than *post* (then *post*'s own)."""
    sender = by_indicator(indicator) if indicator else None
    if sender is None:  # an indicator the table does not know names no post
        return indicator
    own = station(_sender(post)) or station(identity.post_code(post))
    if own is None:  # a post the table lacks: no known indicator is surely its own
        return None
    if sender.code == own.code or (own.name and sender.name == own.name):
        return indicator
    return own.routing_indicators[0] if own.routing_indicators else None


@_cache
def headers() -> SearchStrategy[Header]:
    """A transmission header whose ``DE`` line agrees with the rest.

    Its day is the date-time group's; its routing indicator is the post's (or one the station table does
    not know).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(headers())
    ... def check(header):
    ...     if header.julian_day is not None:
    ...         assert header.julian_day == header.dtg.timetuple().tm_yday
    >>> check()
    """
    return st.tuples(posts(), st.integers(1, 99_999), _maybe(st.integers(1, 5)),
                     _maybe(classifications())).flatmap(lambda args: st.composite(_make_header)(*args))


@st.composite
def _banner(draw: st.DrawFn, levels: SearchStrategy[Classification]) -> Banner:
    sections = draw(_maybe(_ints(1, 5)))
    return Banner(classification=draw(levels), section=draw(_ints(1, sections)) if sections else None,
                  sections=sections, origin=draw(posts()), serial=draw(_ints(1, 99_999)))


@_cache
def banners(*, classification: Classification | None = None) -> SearchStrategy[Banner]:
    """A banner: ``C O N F I D E N T I A L SECTION 01 OF 02 AMMAN 000713``.

    >>> from hypothesis import find
    >>> find(banners(classification=Classification.SECRET), lambda b: b.sections == 2)
    Banner(classification=<Classification.SECRET: 'SECRET'>, section=1, sections=2, origin='AMMAN', serial=1)
    """
    return _banner(st.just(classification) if classification is not None else classifications())


# --------------------------------------------------------------------------- head fields

def _weak(tag: Tag) -> bool:
    """Whether *tag* reads as a word between two keywords: a two-letter code, a code no table names."""
    return tag.kind is not TagKind.PERSON and (len(tag.code) == 2 or tag.code.upper() not in tag_table())


@_cache
def tags() -> SearchStrategy[Tag]:
    """One TAGS code as cablekit reads it, kind and name (``PGOV`` SUBJECT, ``KZ`` GEOGRAPHIC, a PERSON …).

    >>> from hypothesis import find
    >>> find(tags(), lambda tag: tag.kind is TagKind.PERSON)
    Tag(code='SMITH, JOHN', kind=<TagKind.PERSON: 'PERSON'>, name='JOHN SMITH')
    >>> find(tags(), lambda tag: tag.kind is TagKind.GEOGRAPHIC)
    Tag(code='JO', kind=<TagKind.GEOGRAPHIC: 'GEOGRAPHIC'>, name='Jordan')
    """
    codes = st.sampled_from(V.SUBJECT_TAGS + V.GEOGRAPHIC_TAGS + V.PROGRAM_TAGS + V.ORGANIZATION_TAGS
                            + V.KEYWORD_TAGS + V.UNKNOWN_TAGS)
    return st.one_of(codes.map(tag), st.sampled_from(V.PEOPLE).map(lambda p: tag(p, person=True)))


def _tags_read_alike(found: Sequence[Tag]) -> bool:
    """Whether a TAGS line of these codes reads back as written.

    A keyword after a code that a name follows (``OVIP POLITICS``) is read as the name, and one or two
    two-letter codes or codes no table names between two keywords as words of their phrase.
    """
    if any(a.code in V.PERSON_CODES and b.kind is TagKind.KEYWORD and b.code.isalpha()
           for a, b in itertools.pairwise(found)):
        return False
    keywords = [at for at, t in enumerate(found) if t.kind is TagKind.KEYWORD]
    return not any(0 < j - i - 1 <= 2 and all(_weak(t) for t in found[i + 1:j])
                   for i, j in itertools.pairwise(keywords))


_TAG_LISTS = st.lists(tags(), max_size=8, unique_by=lambda t: t.code).filter(_tags_read_alike).map(tuple)
_REF_KIND = st.integers(0, 5)
_SERIALS = st.integers(1, 99_999)
_TWO_SURNAMES = st.lists(st.sampled_from(V.SURNAMES), min_size=2, max_size=2)
_DOCUMENTS = st.sampled_from([template for _, templates in V.REFERENCE_DOCUMENTS for template in templates])


@_cache
@st.composite
def _reference_text(draw: st.DrawFn, last_year: int = 2010) -> str:
    """A REF entry's text; a year it writes is *last_year* at the latest."""
    post = draw(posts())
    serial = draw(_SERIALS)
    kind = draw(_REF_KIND)
    if kind == 0:
        return f"{post} {serial}"
    if kind == 1:
        return f"{identity.two_digit_year(draw(_ints(1966, last_year)))} {post} {serial}"
    if kind == 2:
        return f"{draw(_ints(1966, last_year))} {'SECSTATE' if post == 'STATE' else post} {serial:06d}"
    if kind == 3:
        return f"{post} {serial} (NOTAL)"
    a, b = draw(_TWO_SURNAMES)  # a reference to no cable: an e-mail, a telcon, a FAM section …
    return draw(_DOCUMENTS).format(a=a, b=b, date=f"{draw(dtgs()):%m/%d/%y}", n=serial)


_REFERENCE_TEXT = _reference_text()


@_cache
def references(*, year: str | None = None, label: str | None = None) -> SearchStrategy[Reference]:
    """One REF entry; its ``cable_id`` is the canonical id, taking *year* (``"08"``) when the text has none.

    Most entries name a cable; the others cite an e-mail, a telcon, a memo, a
    letter, a meeting, a report, a FAM section, a web page, a fax or a
    diplomatic note.  The ``kind`` is :func:`~cablekit.reference_kind`'s.

    >>> from hypothesis import find
    >>> find(references(year="08"), lambda ref: ref.cable_id is not None)
    Reference(label=None, text='AMMAN 1', cable_id='08AMMAN1', kind=<ReferenceKind.CABLE: 'CABLE'>)
    >>> from cablekit import ReferenceKind
    >>> find(references(year="08"), lambda ref: ref.kind is ReferenceKind.TELCON)
    Reference(label=None, text='TELCON HALE-HALE 01/01/00', cable_id=None, kind=<ReferenceKind.TELCON: 'TELCON'>)
    """
    return _REFERENCE_TEXT.map(lambda text: _reference(label, text, year))


def _reference(label: str | None, text: str, year: str | None,
               citing: tuple[str, int] | None = None) -> Reference:
    """The reference the parser reads from *text*: its cable id (see :func:`~cablekit.identity.reference_cable_ids`).

    The id takes *year* when the text writes none; *citing* is the post and serial of the cable citing it.
    """
    found = identity.reference_cable_ids(text, year, citing)
    cable_id = found[0] if found else None
    return Reference(label=label, text=text, cable_id=cable_id, kind=reference_kind(text, cable_id))


def _make_references(draw: st.DrawFn, reference_id: str | None) -> tuple[Reference, ...]:
    """The REF entries of the cable *reference_id*: cables of its year or before, none a later serial of its post."""
    parts = identity.id_parts(reference_id)
    year = parts[0] if parts is not None else None
    citing = (parts[1], parts[2]) if parts is not None else None
    texts = draw(st.lists(_reference_text(identity.full_year(year) if year else 2010), max_size=5))
    texts = [text for text in texts if not _later(_reference(None, text, year, citing).cable_id, parts)]
    labelled = len(texts) > 1 or draw(st.booleans())
    return tuple(_reference(chr(ord("A") + i) if labelled else None, text, year, citing)
                 for i, text in enumerate(texts))


def _later(cited: str | None, citing: tuple[str, str, int] | None) -> bool:
    """Whether the cable *cited* is later than the cable of id parts *citing* (the same post's higher serial)."""
    found = identity.id_parts(cited)
    if found is None or citing is None:
        return False
    return found[0] == citing[0] and found[1] == citing[1] and found[2] > citing[2]


_GIVEN = st.sampled_from(V.GIVEN_NAMES)
_INITIAL = st.sampled_from(V.INITIALS)
_SURNAME = st.sampled_from(V.SURNAMES).map(lambda name: name.title().replace("Mcf", "McF"))


@st.composite
def _person(draw: st.DrawFn) -> str:
    words = [draw(_GIVEN)]
    if draw(st.booleans()):
        words.append(draw(_INITIAL))
    words.append(draw(_SURNAME))
    return " ".join(words)


_NAME = _maybe(_person())
_TITLE = st.sampled_from(V.CLASSIFIER_TITLES)
_LETTERS = st.lists(st.sampled_from("abcdefgh"), max_size=3, unique=True)
_REASON = st.sampled_from(("1.4", "1.4", "1.5"))


@st.composite
def _classifier(draw: st.DrawFn) -> Classifier:
    name = draw(_NAME)
    title = draw(_TITLE) if name is None or draw(st.booleans()) else None
    letters = draw(_LETTERS)
    number = draw(_REASON)
    return Classifier(name=name, title=title, reasons=tuple(f"{number}({c})" for c in sorted(letters)))


@_cache
def classifiers() -> SearchStrategy[Classifier]:
    """The ``Classified By`` line: a name, a title or both, and reasons such as ``1.4(b)``.

    >>> from hypothesis import find
    >>> find(classifiers(), lambda c: c.name is not None and c.title is not None and c.reasons)
    Classifier(name='David Hale', title='Ambassador', reasons=('1.4(a)',))
    """
    return _classifier()


_ORDERS = st.sampled_from(V.EO_ORDERS)
_DECLASSIFY = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
_RULES = st.sampled_from(V.EO_RULES)


@st.composite
def _executive_order(draw: st.DrawFn) -> ExecutiveOrder:
    order = draw(_ORDERS)
    if draw(st.booleans()):
        day = draw(_DECLASSIFY)
        return ExecutiveOrder(order=order, declassify_on=day, raw=f"{order}: DECL: {day:%m/%d/%Y}")
    rule = draw(_RULES)
    return ExecutiveOrder(order=order, rule=rule.removeprefix("DECL: "), raw=f"{order}: {rule}")


@_cache
def executive_orders() -> SearchStrategy[ExecutiveOrder]:
    """The E.O. line: ``12958: DECL: 02/14/2018``, ``12958: N/A``, ``11652: GDS`` and the like.

    >>> from hypothesis import find
    >>> find(executive_orders(), lambda eo: eo.declassify_on is not None).raw
    '12958: DECL: 01/01/2000'
    """
    return _executive_order()


_SUBJECT_WORDS = st.lists(st.sampled_from(V.SUBJECT_WORDS), min_size=1, max_size=9)
_COUNTRY = st.sampled_from(V.COUNTRIES)
_TITLED = st.integers(0, 4)


@st.composite
def _subject(draw: st.DrawFn) -> str:
    text = f"{draw(_COUNTRY)}: {' '.join(draw(_SUBJECT_WORDS))}"
    return text.title() if draw(_TITLED) == 0 else text


_SUBJECT = _subject()


# --------------------------------------------------------------------------- body


_BODY = st.sampled_from(V.SENTENCES)
_SENTENCE = _BODY.map(lambda body: body + ".")
_SENTENCES = st.lists(_SENTENCE, min_size=1, max_size=3)
_LEAD = _BODY.map(lambda body: body + ":")
_ITEMS = st.lists(_BODY.map(lambda body: body + ";"), max_size=2)
_BULLETS = st.sampled_from(("--", "-", "(a)"))
_LISTED = st.integers(0, 4)


@st.composite
def _block(draw: st.DrawFn) -> str:
    """One block of a paragraph: sentences, or a lead-in and list items; it always ends a sentence."""
    sentences = draw(_SENTENCES)
    if draw(_LISTED) > 0:
        return " ".join(sentences)
    lead = " ".join([*sentences[:-1], draw(_LEAD)])
    items = [*draw(_ITEMS), draw(_SENTENCE)]
    bullet = draw(_BULLETS)
    return "\n".join([lead, *(f"{bullet} {item[0].lower()}{item[1:]}" for item in items)])


_TEXT = st.lists(_block(), min_size=1, max_size=3).map("\n\n".join)
_HEADING = _maybe(st.sampled_from(V.HEADINGS))
_MARKING = _maybe(st.sampled_from(MARKINGS))
_LEVELS = tuple(Classification)


@_cache
def _markings(level: Classification | None) -> SearchStrategy[str | None]:
    """A portion marking not above *level* (any marking when the level is unknown)."""
    if level is None:
        return _MARKING
    ceiling = _LEVELS.index(level)
    return _maybe(st.sampled_from([m for m in MARKINGS if _LEVELS.index(marked_classification(m) or level) <= ceiling]))


@_cache
@st.composite
def _paragraph(draw: st.DrawFn, number: int | None, heading: bool = True,
               level: Classification | None = None) -> Paragraph:
    if number is None:
        return Paragraph(text=draw(_TEXT))
    return Paragraph(number=number, marker=f"{number}.", classification=draw(_markings(level)),
                     heading=draw(_HEADING) if heading else None, text=draw(_TEXT))


def paragraphs(*, number: int | None = 1) -> SearchStrategy[Paragraph]:
    """A normalized paragraph: marker ``f"{number}."``, a marking, maybe a heading, blocks of sentences.

    With ``number=None`` it is an unnumbered paragraph (no marker, marking or heading).
    Every block of the text ends a sentence, and list items stand on lines of their own.

    >>> from hypothesis import find
    >>> find(paragraphs(number=3), lambda p: "\\n" in p.text).text.split("\\n")[1][:3]
    '-- '
    """
    return _paragraph(number)


_OPENERS = ("Summary:", "SUMMARY:", "Summary and Comment:", "BEGIN SUMMARY:", "Summary.")
_CLOSERS = ("End Summary.", "END SUMMARY.", "End summary.", "(End Summary.)")
_SUMMARY = st.integers(0, 2)
_SUMMARY_HOLDER = st.integers(0, 1)
_OPENER = st.sampled_from(_OPENERS)
_CLOSER = st.sampled_from(_CLOSERS)


def _make_summary(draw: st.DrawFn, paras: list[Paragraph]) -> str | None:
    """Turn one of the first two paragraphs into a summary; return the summary as normalize() gives it."""
    if not paras or draw(_SUMMARY) == 0:
        return None
    index = draw(_SUMMARY_HOLDER) if len(paras) > 1 else 0
    opener = draw(_OPENER)
    span = draw(_ints(0 if index + 1 < len(paras) else 1, 2))
    first = paras[index]
    if span == 2:  # no closer: the summary is the rest of the paragraph
        paras[index] = attrs.evolve(first, text=f"{opener} {first.text}")
        return " ".join(first.text.split())
    words = " ".join(draw(_SENTENCES))
    closer = draw(_CLOSER)
    if span == 1:
        blocks = first.text.split("\n\n")
        paras[index] = attrs.evolve(first, text="\n\n".join([f"{opener} {words} {closer}", *blocks[1:]]))
        return words
    # The summary runs on into the next paragraph, which closes it.
    paras[index] = attrs.evolve(first, text=f"{opener} {words}")
    second = paras[index + 1]
    more = " ".join(draw(_SENTENCES))
    rest = second.text.split("\n\n")
    paras[index + 1] = attrs.evolve(second, text="\n\n".join([f"{more} {closer}", *rest[1:]]))
    return f"{words} {more}"


_SIGNER = st.lists(st.sampled_from(V.SURNAMES), min_size=1, max_size=2, unique=True).map(" ".join)


# --------------------------------------------------------------------------- metadata, defects


def _metadata_origin(post: str) -> str:
    known = station(identity.post_code(post))
    if known is not None and known.name is not None:  # the archive's name of the post
        return known.name
    if post == "STATE":
        return "Secretary of State"
    kind = "Consulate" if post in V.CONSULATES else "Mission" if post in V.MISSIONS else "Embassy"
    return f"{kind} {post.title()}"


@_cache
def _stated_levels(level: Classification) -> SearchStrategy[str]:
    return st.sampled_from(_METADATA_LEVEL[level])


def _make_metadata(draw: st.DrawFn, identifier: str | None, level: Classification | None, post: str,
              full: bool) -> Metadata:
    created = draw(dtgs(max_year=2011)) if full or draw(st.booleans()) else None
    ident = identifier if identifier is not None and (full or draw(st.booleans())) else None
    stated_level = draw(_stated_levels(level)) if level and draw(st.booleans()) else None
    origin = _metadata_origin(post) if full or draw(st.booleans()) else None
    title = draw(_maybe(_SUBJECT))
    # A CSV row or a record lists the ids a cable cites; a web page (the full metadata) does not.
    cited = () if full else tuple(draw(st.lists(reference_ids(), max_size=3, unique=True)))
    if not (created or ident or stated_level or origin or title):
        origin = _metadata_origin(post)
    return Metadata(identifier=ident, created=created, classification=stated_level, origin=origin, title=title,
                    references=cited)


@_cache
def metadata() -> SearchStrategy[Metadata]:
    """What a publication states about a cable: identifier, creation time, classification, origin, title, cited ids.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(metadata())
    ... def check(stated):
    ...     assert stated.created is None or stated.created.second == 0
    >>> check()
    """
    return st.tuples(_maybe(reference_ids()), _maybe(classifications()), posts(), st.booleans()).flatmap(
        lambda args: st.composite(_make_metadata)(*args))


@_cache
def defects() -> SearchStrategy[Defect]:
    """A :class:`~cablekit.Defect` with a documented code (for testing code that reports defects).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(defects())
    ... def check(defect):
    ...     assert defect.code in cablekit.DEFECT_CODES and defect.line >= 1
    >>> import cablekit
    >>> check()
    """
    return st.builds(
        Defect, code=st.sampled_from(sorted(DEFECT_CODES)), message=st.text(min_size=1, max_size=60),
        line=st.integers(1, 10_000), column=st.integers(1, 200), text=st.text(max_size=80),
        repair=st.text(max_size=60),
    )


# --------------------------------------------------------------------------- cables


_CAVEATS = st.lists(st.sampled_from(V.CAVEATS), max_size=3, unique=True)
_CLASSIFIED_CAVEATS = st.lists(st.sampled_from([c for c in V.CAVEATS if c != "LIMITED OFFICIAL USE"]), max_size=3,
                               unique=True)
_OFFICES = st.lists(st.builds(lambda sender, targets: f"{sender} FOR {', '.join(targets)}",
                              st.sampled_from(V.OFFICE_SENDERS),
                              st.lists(st.sampled_from(V.OFFICE_TARGETS), min_size=1, max_size=3, unique=True)),
                    max_size=2, unique=True).map(tuple)
_UNNUMBERED = st.integers(0, 3)


def _make_sender(draw: st.DrawFn, level: Classification | None,
                 with_banner: bool | None) -> tuple[str, Banner | None, Header | None]:
    """The post a cable is sent from, and the banner and header that may state it (with its serial)."""
    post = draw(posts())
    serial = draw(_SERIALS)
    sections = draw(_maybe(_ints(1, 5)))
    section = draw(_ints(1, sections)) if sections else None
    banner = None
    if level is not None and (draw(st.booleans()) if with_banner is None else with_banner):
        banner = Banner(classification=level, section=section, sections=sections, origin=post, serial=serial)
    header = _make_header(draw, post, serial, section, level) if draw(st.booleans()) else None
    return post, banner, header


def _make_publication(draw: st.DrawFn, with_metadata: bool | None, post: str, banner: Banner | None,
                      header: Header | None, level: Classification | None) -> tuple[str | None, Metadata | None]:
    """The reference id the cable's text implies, and what a publication states about the cable (if anything)."""
    want_metadata = draw(st.booleans()) if with_metadata is None else with_metadata
    created = draw(dtgs(max_year=2011)) if want_metadata else None
    if created is not None and header is not None and header.dtg is not None:
        created = header.dtg  # a publication dates the cable as its date-time group does
    year = identity.year_of(None, header.dtg if header is not None else None, created)
    stated = identity.post_and_serial(banner, header)
    reference_id = identity.reference_id(year, *stated) if stated is not None else None
    if not want_metadata:
        return reference_id, None
    meta = _make_metadata(draw, reference_id, level, post, full=bool(with_metadata))
    return reference_id, attrs.evolve(meta, created=created)


def _make_head(draw: st.DrawFn, level: Classification | None, opened: bool, reference_id: str | None,
               dated: date | None) -> Cable:
    """A cable of the head fields alone: caveats, office lines, E.O., TAGS, SUBJECT, REF and Classified By.

    Office lines come only when a banner or header *opened* the head; REF's cable ids take the year of
    *reference_id* when a reference states none.  The facts agree (:mod:`cablekit.consistency`): the
    declassification date is not before the cable's date *dated*, a Classified By line stands on
    classified cables only (always, under an order that asks for it), references are earlier cables.
    """
    # LIMITED OFFICIAL USE is a level of unclassified traffic, so only unclassified cables carry it.
    caveats = tuple(draw(_CAVEATS if level is Classification.UNCLASSIFIED else _CLASSIFIED_CAVEATS))
    offices: tuple[str, ...] = draw(_OFFICES) if opened else ()
    eo = _declassified_after(draw(_maybe(executive_orders())), dated)
    tag_list = draw(_TAG_LISTS)
    subject = draw(_maybe(_SUBJECT))
    refs = _make_references(draw, reference_id)
    classifier = None
    if level is not Classification.UNCLASSIFIED:
        asks = level is not None and eo is not None and eo.order in _ORDERS_ASKING_CLASSIFIER
        classifier = draw(classifiers()) if asks else draw(_maybe(classifiers()))
    return Cable(classification=level, caveats=caveats, offices=offices, eo=eo, tags=tag_list, subject=subject,
                 references=refs, classified_by=classifier)


_ORDERS_ASKING_CLASSIFIER = frozenset({"12958", "13292", "13526"})


def _declassified_after(eo: ExecutiveOrder | None, dated: date | None) -> ExecutiveOrder | None:
    """*eo*, its declassification date moved ten years after *dated* when it came before it."""
    if eo is None or eo.declassify_on is None or dated is None or eo.declassify_on >= dated:
        return eo
    day = date(dated.year + 10, dated.month, min(dated.day, 28))
    return ExecutiveOrder(order=eo.order, declassify_on=day, raw=f"{eo.order}: DECL: {day:%m/%d/%Y}")


def _make_body(draw: st.DrawFn, text_first: bool, numbered: int,
               level: Classification | None) -> tuple[tuple[Paragraph, ...], str | None, tuple[str, ...]]:
    """The paragraphs, the summary one of them opens, the signers.

    An unnumbered paragraph comes first only when *text_first*; none is marked above *level*.
    """
    paras: list[Paragraph] = []
    if text_first and draw(_UNNUMBERED) == 0:
        paras.append(draw(_paragraph(None)))
    for number in range(1, numbered + 1):
        paras.append(draw(_paragraph(number, heading=bool(paras) or text_first, level=level)))
    summary = _make_summary(draw, paras)
    signers: tuple[str, ...] = ()
    if (paras or text_first) and draw(st.booleans()):
        signers = (draw(_SIGNER),)
    return tuple(paras), summary, signers


@st.composite
def _cable(draw: st.DrawFn, with_metadata: bool | None, with_banner: bool | None, min_paragraphs: int,
           max_paragraphs: int) -> Cable:
    # The order of the draws is the order of the parts in the cable; changing it changes every example.
    level = draw(classifications() if with_banner else _maybe(classifications()))
    post, banner, header = _make_sender(draw, level, with_banner)
    reference_id, meta = _make_publication(draw, with_metadata, post, banner, header, level)
    opened = banner is not None or header is not None
    dtg = header.dtg if header is not None else None
    dated = dtg or (meta.created if meta is not None else None)
    head = _make_head(draw, level, opened, reference_id, dated.date() if dated is not None else None)
    head_closed = bool(head.eo or head.tags or head.subject or head.references or head.classified_by)
    # Text standing before the first numbered paragraph would be read as an office line
    # unless a head field closed the head (or there is no banner or header to open one).
    text_first = head_closed or not opened
    anything = bool(level or header or head_closed)
    numbered = draw(_ints(max(min_paragraphs, 0 if anything else 1), max(max_paragraphs, min_paragraphs)))
    paras, summary, signers = _make_body(draw, text_first, numbered, level)
    cable = attrs.evolve(head, reference_id=reference_id, header=header, banner=banner, paragraphs=paras,
                         summary=summary, signers=signers, metadata=meta,
                         caveats=_implied_caveats(head.caveats, paras, meta))
    station, disagrees = implied_station(cable)
    if disagrees and meta is not None:  # the publication names the post the text does
        meta = attrs.evolve(meta, origin=station.name if station is not None else None)
        station, _ = implied_station(attrs.evolve(cable, metadata=meta))
    return attrs.evolve(cable, station=station, metadata=meta)


def _implied_caveats(caveats: tuple[str, ...], paras: tuple[Paragraph, ...], meta: Metadata | None) -> tuple[str, ...]:
    """The caveats a parse gives: the head's, then those its markings and publication imply."""
    markings = [p.classification for p in paras if p.classification]
    return tuple(dict.fromkeys([*caveats, *implied_caveats(markings, meta.classification if meta else None)]))


@_cache
def cables(*, metadata: bool | None = None, banner: bool | None = None, min_paragraphs: int = 0,
           max_paragraphs: int = 6) -> SearchStrategy[Cable]:
    """Whole normalized cables: ``normalize(c) == c`` and the canonical text parses back to ``c``.

    *metadata* ``True`` gives every cable publication metadata (an identifier
    when the cable has a reference id, a creation time and an origin),
    ``False`` none, ``None`` (the default) either; *banner* likewise for the
    classification banner.  The cables have *min_paragraphs* to
    *max_paragraphs* numbered paragraphs (and maybe an unnumbered one first).

    >>> from hypothesis import given, settings
    >>> import cablekit
    >>> @settings(max_examples=5, database=None)
    ... @given(cables())
    ... def check(cable):
    ...     text = cablekit.dumps(cable, "text")
    ...     assert cablekit.normalize(cablekit.parse(text)) == cable
    >>> check()
    """
    return _cable(metadata, banner, min_paragraphs, max_paragraphs)


@_cache
def cable_texts(*, metadata: bool | None = None, max_paragraphs: int = 6) -> SearchStrategy[str]:
    """The canonical text (``cablekit.dumps(c, "text")``) of cables drawn from :func:`cables`.

    >>> from hypothesis import given, settings
    >>> import cablekit
    >>> @settings(max_examples=5, database=None)
    ... @given(cable_texts())
    ... def check(text):
    ...     assert cablekit.parse(text, mode="strict").defects == ()
    >>> check()
    """
    from .. import dumps

    return cables(metadata=metadata, max_paragraphs=max_paragraphs).map(lambda cable: str(dumps(cable, "text")))


_MARKER_DAMAGE = (PILCROW_DIGIT, PILCROW_LINK, PILCROW_STRAY_DIGIT, COMMA_FOR_PERIOD, MISSING_SPACE)


@st.composite
def _damaged(draw: st.DrawFn, pool: frozenset[str], max_paragraphs: int) -> tuple[Cable, Damaged]:
    plan: list[Transform] = []
    for stage in STAGES:
        kinds = [t for t in stage if t.kind in pool]
        if kinds:
            plan += draw(st.lists(st.sampled_from(kinds), unique=True, max_size=len(kinds)))
    # Give each transform something to strike: a banner to repeat, a page to state the metadata,
    # paragraph markers enough for every marker transform.
    markers = sum(t in _MARKER_DAMAGE for t in plan)
    cable = draw(cables(metadata=True if PAGE_WRAPPER in plan else None,
                        banner=True if HEAD_REPEATED in plan else None,
                        min_paragraphs=min(2 * markers, max_paragraphs), max_paragraphs=max_paragraphs))
    seed = draw(st.integers(0, 2**32 - 1))
    from .. import dumps

    return cable, apply(str(dumps(cable, "text")), plan, seed=seed)


def damaged_cables(*, transforms: Iterable[Transform | str] | None = None,
                   max_paragraphs: int = 6) -> SearchStrategy[tuple[Cable, Damaged]]:
    """A clean cable and its canonical text damaged by any combination of *transforms*.

    The transforms (default: all of :data:`cablekit.testing.damage.TRANSFORMS`)
    are applied stage by stage (:data:`~cablekit.testing.damage.STAGES`), in a
    drawn order within a stage, with a drawn seed.  When the page wrapper is
    among them the cable has publication metadata, which the page then states.

    >>> from hypothesis import given, settings
    >>> import cablekit
    >>> @settings(max_examples=5, database=None)
    ... @given(damaged_cables())
    ... def check(case):
    ...     cable, damaged = case
    ...     assert cablekit.normalize(cablekit.parse(damaged.text)) == cable
    >>> check()
    """
    chosen = TRANSFORMS.values() if transforms is None else transforms
    pool = frozenset(t if isinstance(t, str) else t.kind for t in chosen)
    return _damaged(pool, max_paragraphs)
