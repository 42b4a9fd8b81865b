"""The posts that send cables: the station table and how a cable names its post.

A post is named four ways in and around a cable: by its code in the cable's
id (``09NEWDELHI123``), by its address on the ``FM`` line (``AMEMBASSY NEW
DELHI``), by the routing indicator of its ``DE`` line (``RUEHNE``), and by
the name an archive prints (``Embassy New Delhi``).  The table shipped in
``cablekit/data/stations.tsv`` joins them; it was built from the real corpus
(``scripts/build_stations.py`` says how) and is read on first use.

>>> post = station("AMEMBASSY NEW DELHI")
>>> post.code, post.name, post.kind.name, post.routing_indicators[0]
('NEWDELHI', 'Embassy New Delhi', 'EMBASSY', 'RUEHNE')
>>> station("Secretary of State").code, station("USUNNEWYORK").name
('STATE', 'USUN New York')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Final, NamedTuple

from .identity import canonical_post, post_and_serial, post_code
from .model import Cable, Station, StationKind

__all__ = ["station", "station_table"]

_ADDRESS_KINDS: Final = {
    "AMEMBASSY": StationKind.EMBASSY, "AMCONSUL": StationKind.CONSULATE, "AMCONGEN": StationKind.CONSULATE,
    "USMISSION": StationKind.MISSION, "USEU": StationKind.MISSION, "USDEL": StationKind.MISSION,
    "SECSTATE": StationKind.DEPARTMENT, "USINT": StationKind.OFFICE, "USOFFICE": StationKind.OFFICE,
    "AIT": StationKind.OFFICE, "REO": StationKind.OFFICE, "RPO": StationKind.OFFICE, "USLO": StationKind.OFFICE,
}
"""The office word that opens a post's address, and the kind of post it names."""

_NAME_KINDS: Final = (
    ("Embassy ", StationKind.EMBASSY), ("Consulate ", StationKind.CONSULATE),
    ("Secretary of State", StationKind.DEPARTMENT), ("US Mission", StationKind.MISSION),
    ("Mission ", StationKind.MISSION), ("US Delegation", StationKind.MISSION), ("USUN", StationKind.MISSION),
    ("USEU", StationKind.MISSION), ("UNVIE", StationKind.MISSION), ("USOSCE", StationKind.MISSION),
)
"""How the archive's name of a post opens, and the kind of post it names (any other is an office)."""

_NAME_OF_OFFICE: Final = {
    "AMEMBASSY": "Embassy {}", "AMCONSUL": "Consulate {}", "AMCONGEN": "Consulate {}", "USMISSION": "US Mission {}",
    "USEU": "USEU {}", "USDEL": "US Delegation, {}", "USINT": "US Interests Section {}",
    "USOFFICE": "US Office {}", "AIT": "American Institute Taiwan, {}", "REO": "REO {}", "USLO": "USLO {}",
}
"""The name the archive gives a post of each office it prints no page for (``Embassy …``)."""

_TRAILER = re.compile(r"[ ]*+(?://|\(|,).*+$")


def address_of(text: str) -> str | None:
    """*text* (an ``FM`` or addressee line's name) as a post's address, or ``None`` when it names no post.

    Blanks are collapsed, and what follows the post (``//MEXICO//``, a bracket) is dropped.

    >>> address_of("AMEMBASSY  NEW DELHI"), address_of("USEU BRUSSELS//"), address_of("CIA WASHDC")
    ('AMEMBASSY NEW DELHI', 'USEU BRUSSELS', None)
    """
    words = _TRAILER.sub("", text.upper()).split()
    if len(words) < 2 or len(words) > 6 or words[0] not in _ADDRESS_KINDS:
        return None
    return " ".join(words)


def kind_of_address(address: str) -> StationKind | None:
    """The kind of post the office word opening *address* names."""
    return _ADDRESS_KINDS.get(address.split(" ", 1)[0])


def kind_of_name(name: str) -> StationKind:
    """The kind of post the archive's *name* of it names (``Embassy New Delhi`` → embassy)."""
    return next((kind for opening, kind in _NAME_KINDS if name.startswith(opening)), StationKind.OFFICE)


def name_of_address(address: str) -> str | None:
    """The name the archive gives the post at *address* (``AMEMBASSY PORT OF SPAIN`` → ``Embassy Port Of Spain``).

    >>> name_of_address("AMCONSUL CIUDAD JUAREZ"), name_of_address("SECSTATE WASHDC")
    ('Consulate Ciudad Juarez', 'Secretary of State')
    """
    office, _, place = address.partition(" ")
    if office == "SECSTATE":
        return "Secretary of State"
    mission, _, city = place.partition(" ")
    if office == "USMISSION" and mission[:2] in ("US", "UN"):  # a mission to an organization: ``USAU Addis Ababa``
        return f"{mission} {city.title()}".strip()
    form = _NAME_OF_OFFICE.get(office)
    return form.format(place.title()) if form and place else None


class _Table(NamedTuple):
    stations: tuple[Station, ...]
    by_address: dict[str, Station]
    by_code: dict[str, Station]
    by_indicator: dict[str, Station]
    by_run_together: dict[str, Station]
    """Each post by its name upper-cased with the blanks left out (``EMBASSYLONDON``, a banner's ``IRANRPODUBAI``)."""


@cache
def _table() -> _Table:
    """The station table, read once from the package data."""
    text = resources.files("cablekit").joinpath("data/stations.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    found: list[tuple[tuple[bool, int], Station]] = []
    for row in rows:
        seen = (row["source"].startswith("pages"), int(re.sub(r"\D", "", row["source"]) or 0))  # pages first
        kind = StationKind[row["kind"]] if row["kind"] else None
        found.append((seen, Station(code=row["code"], name=row["name"] or None, kind=kind,
                                     address=row["address"] or None,
                                     routing_indicators=tuple(row["routing_indicators"].split()))))
    ranked = [s for _, s in sorted(found, key=lambda pair: pair[0], reverse=True)]  # the most seen post first
    by_indicator: dict[str, Station] = {}
    shared: set[str] = set()
    for post in ranked:
        for indicator in post.routing_indicators:
            if indicator in by_indicator and by_indicator[indicator].code != post.code:
                shared.add(indicator)
            by_indicator.setdefault(indicator, post)
    return _Table(
        stations=tuple(s for _, s in found),
        by_address={s.address: s for s in reversed(ranked) if s.address},
        by_code={s.code: s for s in reversed(ranked)},
        by_indicator={ri: s for ri, s in by_indicator.items() if ri not in shared},
        by_run_together={"".join(s.name.upper().split()): s for s in reversed(ranked) if s.name},
    )


def station_table() -> tuple[Station, ...]:
    """Every post of the station table, in the table's order (by code).

    >>> posts = station_table()
    >>> len(posts) > 200, all(post.code for post in posts)
    (True, True)
    """
    return _table().stations


def station(text: str) -> Station | None:
    """The post *text* names: a code (``NEWDELHI``), an address (``AMEMBASSY NEW DELHI``) or a name.

    Case and blanks do not matter.  A code two posts share (``BRUSSELS``: the
    embassy and the mission to the European Union) gives the one that sends
    most; its address tells them apart.  ``None`` for a post the table lacks.

    >>> station("embassy  london").code, station("USEU BRUSSELS").name, station("BRUSSELS").name
    ('LONDON', 'USEU Brussels', 'Embassy Brussels')
    >>> station("NOWHERE") is None
    True
    """
    table = _table()
    key = " ".join(text.upper().split())
    run_together = key.replace(" ", "")
    return (table.by_address.get(key) or table.by_code.get(key) or table.by_run_together.get(run_together)
            or table.by_code.get(run_together))


def by_indicator(indicator: str) -> Station | None:
    """The post that sends from routing indicator *indicator* (``RUEHNE``), when only one does."""
    return _table().by_indicator.get(indicator)


def known_codes() -> Mapping[str, Station]:
    """Every code of the table, and the post it names first."""
    return _table().by_code


def by_name_run_together(post: str) -> Station | None:
    """The post whose name, upper-cased without blanks, is *post* (a banner's ``IRAN RPO DUBAI``)."""
    return _table().by_run_together.get(post)


def station_named(address: str | None, code: str | None, indicator: str | None) -> Station | None:
    """The post a cable's text names: its ``FM`` *address*, else its id's *code*, else its ``DE`` *indicator*.

    An address the table knows gives its post; else the code the table knows
    (the address may name the post otherwise: ``USDEL SECRETARY`` sends as
    ``PARTO``); else a post made from the address, or from the code alone.
    A routing indicator counts only when one post alone sends from it.

    >>> station_named("AMEMBASSY BRUSSELS", "BRUSSELS", None).name, station_named(None, "BRUSSELS", None).name
    ('Embassy Brussels', 'Embassy Brussels')
    >>> station_named("USEU BRUSSELS", "BRUSSELS", None).name, station_named(None, None, "RUEHNE").code
    ('USEU Brussels', 'NEWDELHI')
    >>> station_named(None, "NOWHERE", None)
    Station(code='NOWHERE', name=None, kind=None, address=None, routing_indicators=())
    """
    table = _table()
    fm = address_of(address) if address else None
    if fm is not None and fm in table.by_address:
        return table.by_address[fm]
    if code:
        found = table.by_code.get(code)
        if found is not None:
            return found
    if fm is not None:  # a post the table lacks, made from its address
        return Station(code=post_code(fm), name=name_of_address(fm), kind=kind_of_address(fm), address=fm)
    if code:
        return Station(code=code)
    return table.by_indicator.get(indicator) if indicator else None


def choose_station(address: str | None, code: str | None, indicator: str | None, origin: str | None,
                   reference_id: str | None) -> tuple[Station | None, bool]:
    """The post that sent a cable, and whether the publication's *origin* names another one.

    The text's post (:func:`station_named`) wins; the publication's *origin*
    only stands in when the text names none (else the post of
    *reference_id*), or refines it when the text gives the code alone and the
    publication names a post of that code (``BRUSSELS``: ``USEU Brussels``).
    """
    found = station_named(address, code, indicator)
    published = station(origin) if origin else None
    if found is None:
        return published or _station_of_id(reference_id), False
    if origin is None:
        return found, False
    if found.name is not None and " ".join(found.name.upper().split()) == " ".join(origin.upper().split()):
        return found, False
    if published is not None and published.code == found.code and not (address and found.address):
        return published, False
    return found, published is not None or found.name is not None


def _station_of_id(reference_id: str | None) -> Station | None:
    """The post of a reference id's code (``09NEWDELHI123``), when the table knows it."""
    code = reference_id[2:].rstrip("0123456789") if reference_id and reference_id[:2].isdigit() else None
    return station(code) if code else None


def implied_station(cable: Cable) -> tuple[Station | None, bool]:
    """The post the parser finds for *cable* reading the text :func:`cablekit.dumps` writes of it.

    As :func:`choose_station`, from the header's ``FM`` line and ``DE``
    routing indicator, the banner's (else the header's) post and the
    publication's origin; the test strategies build cables with it.
    """
    header, metadata = cable.header, cable.metadata
    stated = post_and_serial(cable.banner, header)
    return choose_station(header.origin if header is not None else None,
                          canonical_post(stated[0]) if stated is not None else None,
                          header.station if header is not None else None,
                          metadata.origin if metadata is not None else None, cable.reference_id)
