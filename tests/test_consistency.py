"""The consistency checks (issue 18): each one on a made-up cable that agrees with itself and on one that does not.

The cable is the one of ``builders.py`` (Embassy Tallinn, 08TALLINN412), which states every fact the
checks compare and states it consistently; each test changes one copy of one fact.  A disagreement
must be reported under its code, name both values and both lines, and leave strict mode accepting
the text unless ``check="fatal"`` is asked for.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from builders import BANNER, CLBY, DE, DTG, EO, HEADER, P1, P2, P3, SECURITY, cable, line_of, make_head, paras
from cablekit import CableParseError, Consistency, Defect, Metadata, parse

_CODES = ("inconsistent-date", "inconsistent-serial", "inconsistent-section", "inconsistent-classification",
          "inconsistent-marking", "inconsistent-station", "inconsistent-declassification",
          "inconsistent-classified-by", "inconsistent-reference-date", "inconsistent-created")


def _found(text: str, *, strict: bool = True, **kwargs: object) -> list[Defect]:
    """The consistency defects of *text*; strict mode must accept it all the same (when it holds no damage)."""
    parsed = parse(text, **kwargs)  # type: ignore[arg-type]
    if strict:
        assert parse(text, mode="strict", **kwargs) == parsed  # type: ignore[arg-type]
    return [d for d in parsed.defects if d.code.startswith("inconsistent-")]


def _one(text: str, code: str, values: tuple[str, ...], lines: tuple[int, ...], *, strict: bool = True,
         **kwargs: object) -> Defect:
    """The one defect of *text*: under *code*, naming both *values* and the *lines* (of the text)."""
    found = _found(text, strict=strict, **kwargs)
    assert [d.code for d in found] == [code], [(d.code, d.message) for d in found]
    defect = found[0]
    for value in values:
        assert value in defect.message, (value, defect.message)
    for line in lines:
        assert f"(line {line})" in defect.message, (line, defect.message)
    assert defect.line in lines
    return defect


def test_the_made_up_cable_agrees_with_itself() -> None:
    assert _found(cable()) == []
    assert _found(cable(), metadata=Metadata(classification="CONFIDENTIAL//NOFORN",
                                             created=datetime(2008, 3, 13, 10, 25, tzinfo=UTC))) == []


# --------------------------------------------------------------------------- the date


@pytest.mark.parametrize("de", ["DE RUEHTL #0412/01 0781025", "DE RUEHTL #0412/01 0030101"])
def test_a_de_day_days_from_the_dtg(de: str) -> None:
    text = cable(header=HEADER.replace(DE, de))
    day = de.split()[-1][:3]
    _one(text, "inconsistent-date", (f"day {day}", "13 Mar 2008 (day 073)"),
         (line_of(text, "DE RUEHTL"), line_of(text, DTG)))


@pytest.mark.parametrize(("de", "dtg"), [("DE RUEHTL #0412/01 3652359", "P 010001Z JAN 09"),
                                         ("DE RUEHTL #0412/01 0010001", "P 312359Z DEC 07"),
                                         ("DE RUEHTL #0412/01 0741025", DTG)])
def test_a_de_day_over_the_day_boundary_or_the_new_year_agrees(de: str, dtg: str) -> None:
    assert _found(cable(header=HEADER.replace(DE, de).replace(DTG, dtg))) == []


# --------------------------------------------------------------------------- the serial and the section


def test_a_de_serial_that_is_not_the_banner_s() -> None:
    text = cable(header=HEADER.replace("#0412/01", "#0413/01"))
    _one(text, "inconsistent-serial", ("says 413", "says 412"), (line_of(text, "DE RUEHTL"), line_of(text, BANNER)))


def test_a_page_break_serial_that_is_not_the_banner_s() -> None:
    body = paras(P1, "TALLINN 00000413 002 OF 002", P2, P3)
    text = cable(body=body)
    _one(text, "inconsistent-serial", ("says 413", "says 412"),
         (line_of(text, "TALLINN 00000413"), line_of(text, BANNER)), strict=False)  # a page break is damage
    assert _found(cable(body=body.replace("00000413", "00000412")), strict=False) == []


def test_a_de_serial_over_9999_is_compared_by_its_last_four_digits() -> None:
    text = cable(header=HEADER.replace("#0412/01", "#2412/01"), banner="C O N F I D E N T I A L TALLINN 012412")
    assert _found(text) == []


def test_without_a_banner_the_serials_are_held_to_the_id() -> None:
    text = cable(header=HEADER.replace("#0412/01", "#0413/01"), banner=None)
    _one(text, "inconsistent-serial", ("the id 08TALLINN412", "says 413"), (line_of(text, "DE RUEHTL"),),
         reference_id="08TALLINN412")


def test_a_de_section_that_is_not_the_banner_s() -> None:
    banner = "C O N F I D E N T I A L SECTION 01 OF 02 TALLINN 000412"
    text = cable(header=HEADER.replace("#0412/01", "#0412/02"), banner=banner)
    _one(text, "inconsistent-section", ("section 2", "section 1"), (line_of(text, "DE RUEHTL"), line_of(text, banner)))
    assert _found(cable(banner=banner)) == []


# --------------------------------------------------------------------------- the level


def test_a_security_line_that_is_not_the_banner_s_level() -> None:
    text = cable(header=HEADER.replace(SECURITY, "ZNY SSSSS ZZH"))
    _one(text, "inconsistent-classification", ("SECRET", "CONFIDENTIAL"),
         (line_of(text, "ZNY SSSSS"), line_of(text, BANNER)))


@pytest.mark.parametrize("stated", ["SECRET", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"])
def test_a_publication_that_states_another_level(stated: str) -> None:
    text = cable()
    defect = _one(text, "inconsistent-classification", (stated, "CONFIDENTIAL"), (line_of(text, BANNER),),
                  metadata=Metadata(classification=stated))
    assert "the publication says" in defect.message


def test_a_paragraph_marked_higher_than_the_cable() -> None:
    text = cable(body=paras(P1, P2.replace("(C)", "(S/NF)"), P3))
    _one(text, "inconsistent-marking", ("(S/NF)", "paragraph 2", "CONFIDENTIAL"),
         (line_of(text, "(S/NF)"), line_of(text, BANNER)))


@pytest.mark.parametrize("marking", ["(C/NF)", "(SBU)", "(U)", "(c)", "(C - ENTIRE TEXT)"])
def test_markings_up_to_the_cable_s_level_agree(marking: str) -> None:
    assert _found(cable(body=paras(P1, P2.replace("(C)", marking), P3))) == []


# --------------------------------------------------------------------------- the post


@pytest.mark.parametrize(("old", "new", "names"), [
    ("FM AMEMBASSY TALLINN", "FM AMEMBASSY RIGA", "RIGA (AMEMBASSY RIGA)"),
    (DE, "DE RUEHRA #0412/01 0731025", "RIGA (RUEHRA)"),
])
def test_a_header_that_names_another_post_than_the_banner(old: str, new: str, names: str) -> None:
    text = cable(header=HEADER.replace(old, new))
    _one(text, "inconsistent-station", (names, "says TALLINN"), (line_of(text, new), line_of(text, BANNER)))


@pytest.mark.parametrize(("old", "new"), [
    ("FM AMEMBASSY TALLINN", "FM USDEL SECRETARY"),  # a post the station table lacks: nothing to compare
    (DE, "DE RUEHXQZ #0412/01 0731025"),  # a routing indicator it does not know
])
def test_a_post_the_station_table_does_not_know_is_not_compared(old: str, new: str) -> None:
    assert _found(cable(header=HEADER.replace(old, new))) == []


# --------------------------------------------------------------------------- the head


def test_a_declassification_date_before_the_cable_s_date() -> None:
    text = cable(head=make_head(eo="E.O. 12958: DECL: 03/12/2007"))
    _one(text, "inconsistent-declassification", ("12 Mar 2007", "13 Mar 2008"),
         (line_of(text, "E.O. 12958"), line_of(text, DTG)))


def test_without_a_dtg_the_declassification_date_is_held_to_the_publication_s() -> None:
    text = cable(header=None, head=make_head(eo="E.O. 12958: DECL: 03/12/2007"))
    defect = _one(text, "inconsistent-declassification", ("12 Mar 2007", "13 Mar 2008"),
                  (line_of(text, "E.O. 12958"),), metadata=Metadata(created=datetime(2008, 3, 13, tzinfo=UTC)))
    assert "the publication says" in defect.message


def _unclassified(clby: str | None) -> str:
    header = HEADER.replace(SECURITY, "ZNR UUUUU ZZH")
    body = paras(P1.replace("(C)", "(SBU)"), P2.replace("(C)", "(U)"), P3)
    return cable(header=header, banner="UNCLAS TALLINN 000412", head=make_head(clby=clby), body=body)


def test_a_classified_by_line_on_an_unclassified_cable() -> None:
    text = _unclassified(CLBY)
    _one(text, "inconsistent-classified-by", ("Margaret R. Dunmore", "UNCLASSIFIED"),
         (line_of(text, "Classified By"), line_of(text, "UNCLAS TALLINN")))
    assert _found(_unclassified(None)) == []


def test_no_classified_by_line_on_a_classified_cable_under_e_o_12958() -> None:
    text = cable(head=make_head(clby=None))
    _one(text, "inconsistent-classified-by", ("E.O. 12958 and no Classified By line", "CONFIDENTIAL"),
         (line_of(text, EO), line_of(text, BANNER)))


@pytest.mark.parametrize("cut", [
    {"head": make_head(subject="SUBJECT: ESTONIA: FOREIGN MINISTER PREVIEWS BAL...", ref=None, clby=None)},
    {"head": make_head(clby=None), "body": paras(P1, "2. (C) Kask said the summit would open with a session on..."),
     "signer": None},
    {"head": make_head(subject=None, ref=None, clby=None), "body": None, "signer": None},  # a page ending at TAGS
])
def test_a_text_cut_short_says_nothing_of_a_classified_by_line_it_lacks(cut: dict[str, Any]) -> None:
    assert _found(cable(**cut), strict=False) == []  # a cut text is damage strict mode refuses


@pytest.mark.parametrize(("eo", "clby"), [("E.O. 12356: DECL: OADR", None), (EO, "DERIVED FROM: DSCG 05-1 B, D")])
def test_an_older_order_or_a_derived_classification_needs_no_classified_by_line(eo: str, clby: str | None) -> None:
    assert _found(cable(head=make_head(eo=eo, clby=clby))) == []


@pytest.mark.parametrize("ref", ["REF: A. 09 TALLINN 10", "REF: A. 08 TALLINN 500", "REF: A. 2009 STATE 12"])
def test_a_reference_to_a_later_cable(ref: str) -> None:
    text = cable(head=make_head(ref=ref))
    _one(text, "inconsistent-reference-date", ("08TALLINN412", "it cites"), (line_of(text, ref),))


def test_a_higher_serial_of_the_own_post_without_a_year_is_last_year_s() -> None:
    parsed = parse(cable(head=make_head(ref="REF: A. TALLINN 500 B. TALLINN 388 C. RIGA 900")))
    assert [r.cable_id for r in parsed.references] == ["07TALLINN500", "08TALLINN388", "08RIGA900"]
    assert not [d for d in parsed.defects if d.code.startswith("inconsistent-")]


@pytest.mark.parametrize("day", [12, 14])
def test_a_publication_a_day_from_the_dtg_agrees(day: int) -> None:
    assert _found(cable(), metadata=Metadata(created=datetime(2008, 3, day, 23, 0, tzinfo=UTC))) == []


def test_a_publication_that_dates_the_cable_otherwise() -> None:
    text = cable()
    _one(text, "inconsistent-created", ("created 01 May 2008", "13 Mar 2008"), (line_of(text, DTG),),
         metadata=Metadata(created=datetime(2008, 5, 1, tzinfo=UTC)))


# --------------------------------------------------------------------------- check=


_MIXED = cable(header=HEADER.replace(SECURITY, "ZNY SSSSS ZZH").replace("#0412/01", "#0413/01"))


def test_check_off_runs_no_check() -> None:
    assert _found(_MIXED, check="off") == []
    assert len(_found(_MIXED)) == 2


@pytest.mark.parametrize("check", ["fatal", "FATAL", Consistency.FATAL])
def test_check_fatal_makes_strict_mode_reject_an_inconsistent_cable(check: object) -> None:
    with pytest.raises(CableParseError) as raised:
        parse(_MIXED, mode="strict", check=check)  # type: ignore[arg-type]
    assert sorted(d.code for d in raised.value.defects) == ["inconsistent-classification", "inconsistent-serial"]
    lenient = parse(_MIXED, check=check)  # type: ignore[arg-type]  # lenient mode never raises: it records them
    assert [d.code for d in lenient.defects] == ["inconsistent-serial", "inconsistent-classification"]
    assert parse(cable(), mode="strict", check=check).defects == ()  # type: ignore[arg-type]


def test_an_unknown_check_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'record', 'off' or 'fatal'"):
        parse(cable(), check="strict")


def test_every_check_is_documented_as_a_fact_not_damage() -> None:
    from cablekit import DEFECT_CODES

    consistency = sorted(code for code, kind in DEFECT_CODES.items() if kind.consistency)
    assert consistency == sorted(_CODES)
    for code in _CODES:
        kind = DEFECT_CODES[code]
        assert not kind.damage and kind.cause and kind.example


def test_the_defects_are_in_line_order_with_the_others() -> None:
    text = cable(header=HEADER.replace("#0412/01", "#0413/01"), body=paras("11. (C) First.", P2, P3))
    parsed = parse(text)
    assert [d.code for d in parsed.defects] == ["inconsistent-serial", "paragraph-marker-digit"]
    assert [d.line for d in parsed.defects] == sorted(d.line for d in parsed.defects)
