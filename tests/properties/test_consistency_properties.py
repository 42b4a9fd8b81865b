"""Properties of the consistency checks (issue 18) over generated cables.

A generated cable (:func:`cablekit.testing.strategies.cables`) states its facts consistently, so its
text never raises an ``inconsistent-…`` defect; changing one copy of a fact in that text (the DE
line's day, serial or section, the security line, the FM line, a paragraph's marking, the
declassification date, the Classified By line, the publication's date) always raises the check
that compares it, naming the changed line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import cablekit
from builders import DE, DTG, HEADER, cable
from cablekit import Cable, Classification, Metadata, StationKind
from cablekit.testing.strategies import cables, dtgs

_DE = re.compile(r"^DE (\S+) #(\d+)(?:/(\d+))?(?: (\d{3})(\d{4}))?$", re.MULTILINE)
_LETTERS = {Classification.UNCLASSIFIED: "ZNR UUUUU ZZH", Classification.CONFIDENTIAL: "ZNY CCCCC ZZH",
            Classification.SECRET: "ZNY SSSSS ZZH", Classification.TOP_SECRET: "ZNY TTTTT ZZH"}
_MARKINGS = {Classification.CONFIDENTIAL: "C", Classification.SECRET: "S", Classification.TOP_SECRET: "TS"}


def _inconsistent(text: str, **kwargs: object) -> list[str]:
    return [d.code for d in cablekit.parse(text, **kwargs).defects  # type: ignore[arg-type]
            if d.code.startswith("inconsistent-")]


@given(cables())
def test_a_generated_cable_is_consistent(cable: Cable) -> None:
    assert _inconsistent(str(cablekit.dumps(cable, "text"))) == []


# --------------------------------------------------------------------------- one copy changed


Change = Callable[[Cable, str, st.DataObject], str]


def _de(text: str, cable: Cable, data: st.DataObject, part: str) -> str:
    m = _DE.search(text)
    assume(m is not None)
    assert m is not None and cable.header is not None
    station, serial, section, day, time = m.groups()
    if part == "day":
        assume(day is not None)
        step = data.draw(st.integers(2, 180), label="days later")
        day = f"{(int(day) - 1 + step) % 365 + 1:03d}"
    elif part == "serial":
        new = (int(serial) % 10_000 + data.draw(st.integers(1, 9_998), label="serial step")) % 10_000
        assume(new != 0)
        serial = f"{new:04d}"
    else:
        assume(section is not None and cable.banner is not None and cable.banner.section is not None)
        assert cable.banner is not None
        section = f"{data.draw(st.integers(1, 99).filter(lambda n: n != cable.banner.section)):02d}"  # type: ignore[union-attr]
    line = f"DE {station} #{serial}" + (f"/{section}" if section else "") + (f" {day}{time}" if day else "")
    return text[:m.start()] + line + text[m.end():]


def _security(text: str, cable: Cable, data: st.DataObject) -> str:
    assume(cable.banner is not None and cable.banner.classification is not None)
    assume(cable.header is not None and cable.header.security is not None)
    assert cable.banner is not None and cable.header is not None and cable.header.security is not None
    other = data.draw(st.sampled_from([lv for lv in _LETTERS if lv is not cable.banner.classification]))
    return text.replace(f"\n{cable.header.security}\n", f"\n{_LETTERS[other]}\n", 1)


def _fm(text: str, cable: Cable, data: st.DataObject) -> str:
    assume(cable.banner is not None and cable.header is not None and cable.header.origin is not None)
    assume(cable.station is not None and cable.station.name is not None)
    assert cable.header is not None and cable.station is not None
    others = [s for s in cablekit.station_table() if s.kind is StationKind.EMBASSY and s.address
              and s.code != cable.station.code and s.name != cable.station.name]
    other = data.draw(st.sampled_from(others), label="another embassy")
    return text.replace(f"\nFM {cable.header.origin}\n", f"\nFM {other.address}\n", 1)


def _marking(text: str, cable: Cable, data: st.DataObject) -> str:
    level = cable.classification
    assume(level is not None and level is not Classification.TOP_SECRET)
    marked = [p for p in cable.paragraphs if p.number is not None and p.classification]
    assume(marked)
    paragraph = data.draw(st.sampled_from(marked), label="paragraph")
    higher = [m for lv, m in _MARKINGS.items() if list(Classification).index(lv) > list(Classification).index(level)]  # type: ignore[arg-type]
    marker = f"\n{paragraph.number}. ({paragraph.classification}) "
    assume(marker in text)
    return text.replace(marker, f"\n{paragraph.number}. ({data.draw(st.sampled_from(higher))}) ", 1)


def _declassify(text: str, cable: Cable, data: st.DataObject) -> str:
    eo, header = cable.eo, cable.header
    assume(eo is not None and eo.declassify_on is not None and header is not None and header.dtg is not None)
    assert eo is not None and eo.declassify_on is not None and header is not None and header.dtg is not None
    before = header.dtg.date() - timedelta(days=data.draw(st.integers(1, 3_000), label="days before"))
    written = f"DECL: {eo.declassify_on:%m/%d/%Y}"
    assume(written in text)
    return text.replace(written, f"DECL: {before:%m/%d/%Y}", 1)


def _classified_by(text: str, cable: Cable, data: st.DataObject) -> str:
    assume(cable.classification is Classification.UNCLASSIFIED and cable.classified_by is None)
    assume(cable.eo is not None and cable.banner is not None)
    assert cable.eo is not None
    line = f"E.O. {cable.eo.raw}"
    assume(f"\n{line}\n" in text)
    return text.replace(f"\n{line}\n", f"\n{line}\nClassified By: Ambassador Jane Roe, reasons 1.4 (b)\n", 1)


_CHANGES: dict[str, Change] = {
    "inconsistent-date": lambda cable, text, data: _de(text, cable, data, "day"),
    "inconsistent-serial": lambda cable, text, data: _de(text, cable, data, "serial"),
    "inconsistent-section": lambda cable, text, data: _de(text, cable, data, "section"),
    "inconsistent-classification": lambda cable, text, data: _security(text, cable, data),
    "inconsistent-station": lambda cable, text, data: _fm(text, cable, data),
    "inconsistent-marking": lambda cable, text, data: _marking(text, cable, data),
    "inconsistent-declassification": lambda cable, text, data: _declassify(text, cable, data),
    "inconsistent-classified-by": lambda cable, text, data: _classified_by(text, cable, data),
}


# A change applies only to a cable that states its fact twice (a DE line and a banner, an E.O. date and a DTG…),
# a share of the generated ones: the rest are filtered out, as many as the ones kept, on purpose.
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cables(banner=True), st.sampled_from(sorted(_CHANGES)), st.data())
def test_changing_one_copy_of_a_fact_raises_its_check(cable: Cable, code: str, data: st.DataObject) -> None:
    text = str(cablekit.dumps(cable, "text"))
    changed = _CHANGES[code](cable, text, data)
    assume(changed != text)
    assert code in _inconsistent(changed)
    event(code)  # (``--hypothesis-show-statistics`` shows how often each change was made)


@given(dtgs(min_year=2008), st.integers(-4_000, 4_000), st.integers(0, 1_439))  # (it cites a 2007 cable)
def test_a_publication_dated_days_away_from_the_dtg_raises_inconsistent_created(
        dtg: datetime, days: int, minutes: int) -> None:
    """The made-up cable of ``builders.py`` sent at *dtg*, published *days* and *minutes* away from it."""
    de = f"DE RUEHTL #0412/01 {dtg.timetuple().tm_yday:03d}{dtg:%H%M}"
    text = cable(header=HEADER.replace(DE, de).replace(DTG, f"P {dtg:%d%H%MZ %b %y}".upper()))
    created = dtg + timedelta(days=days, minutes=minutes)
    found = _inconsistent(text, metadata=Metadata(created=created))
    assert ("inconsistent-created" in found) == (abs((created.date() - dtg.date()).days) > 1)
    assert found in ([], ["inconsistent-created"])
