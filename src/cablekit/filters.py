"""Predicates people reach for when they walk a corpus: by year, station, classification, tag and reference.

Each function returns a predicate, a function of a :class:`~cablekit.Cable`
that says whether the cable is wanted; pass it to :func:`filter`, or join
several with :func:`all_of`.  Every argument is read the way cablekit reads
cables (a station by code, address or name; an id canonically), so the
filters agree with the parsed graph.

>>> import cablekit
>>> from cablekit import filters
>>> cables = [cablekit.parse("CONFIDENTIAL PARIS 000123\\n\\nTAGS: PREL FR\\nREF: 08 STATE 12\\n\\n1. (C) Text.\\n"),
...           cablekit.parse("UNCLAS SECSTATE 000007\\n\\nTAGS: ECON\\n\\n1. (U) Text.\\n")]
>>> wanted = filters.all_of(filters.station("Embassy Paris"), filters.tag("PREL"), filters.cites("08STATE12"))
>>> [c.station.name for c in filter(wanted, cables)]
['Embassy Paris']
>>> [c.banner.origin for c in filter(filters.classification("unclassified"), cables)]
['SECSTATE']
"""

from __future__ import annotations

from collections.abc import Callable

from .identity import canonical_id, full_year
from .model import Cable, Classification
from .stations import station as station_named

__all__ = ["Predicate", "all_of", "any_of", "cites", "classification", "station", "tag", "year"]

Predicate = Callable[[Cable], bool]
"""A function of a cable that says whether it is wanted."""


def year(*years: int) -> Predicate:
    """Cables sent in one of *years* (four digits), by the date-time group, else the id's year.

    >>> import cablekit
    >>> year(2007)(cablekit.parse("R 151502Z FEB 07\\nFM AMEMBASSY ROME\\nTO SECSTATE WASHDC\\nBT\\n"))
    True
    """
    wanted = frozenset(years)

    def test(cable: Cable) -> bool:
        header = cable.header
        if header is not None and header.dtg is not None:
            return header.dtg.year in wanted
        stated = cable.reference_id[:2] if cable.reference_id else ""
        return stated.isdigit() and full_year(stated) in wanted

    return test


def station(*posts: str) -> Predicate:
    """Cables sent by one of *posts*, each a code (``NEWDELHI``), an address or a name (``Embassy New Delhi``).

    A post the station table lacks is compared by code.
    """
    codes = frozenset(found.code if (found := station_named(post)) is not None else post.upper().replace(" ", "")
                      for post in posts)
    return lambda cable: cable.station is not None and cable.station.code in codes


def classification(*levels: Classification | str) -> Predicate:
    """Cables of one of *levels*: :class:`~cablekit.Classification` members or their names (any case)."""
    wanted = frozenset(level if isinstance(level, Classification) else Classification[level.upper().replace(" ", "_")]
                       for level in levels)
    return lambda cable: cable.classification in wanted


def tag(*codes: str) -> Predicate:
    """Cables tagged with one of *codes* (``PREL``, ``RS``; any case)."""
    wanted = frozenset(code.upper() for code in codes)
    return lambda cable: any(t.code.upper() in wanted for t in cable.tags)


def cites(*ids: str) -> Predicate:
    """Cables whose references cite one of the cables *ids* (any spelling :func:`~cablekit.canonical_id` reads)."""
    wanted = frozenset(canonical_id(i) or i for i in ids)
    return lambda cable: any(r.cable_id in wanted for r in cable.references if r.cable_id)


def all_of(*predicates: Predicate) -> Predicate:
    """Cables every one of *predicates* wants."""
    return lambda cable: all(p(cable) for p in predicates)


def any_of(*predicates: Predicate) -> Predicate:
    """Cables one of *predicates* wants at least."""
    return lambda cable: any(p(cable) for p in predicates)
