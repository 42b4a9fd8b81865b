"""Issue 15, variant classes 3-11 and "nothing is lost", read through the public API.

The decoders and the tokenizer have their own tests of these shapes (``test_field_decoders``,
``test_label_variants``, ``test_readers``); here each shape the issue names is parsed as a whole
cable (or a fragment) and checked for what a user reads: the field value found, every word of
the shape somewhere in the graph (a field, a paragraph or a defect), and strict mode accepting
clean text and rejecting damage.  Posts, people, numbers and program names are made up, in the
shape of the real ones; the cable is the one of ``builders.py`` (Embassy Tallinn).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from builders import CLBY, P1, P2, P3, cable, make_head, make_header, paras
from cablekit import Cable, CableParseError, Classification, dumps, normalize, parse

_WORD = re.compile(r"[A-Za-z]{3,}|\d+")
# label and form words a reader decodes rather than keeps
_DECODED = frozenset({"REF", "REFS", "Ref", "Refs", "Reftel", "TAGS", "Tags", "TAG", "Tag", "SUBJECT", "Subject",
                      "SUBJ", "Subj", "Classified", "CLASSIFIED", "for", "and", "reasons", "REASON", "Reason",
                      "DECL", "decl", "NNNN", "Nnnn", "PAGE"})


def _graph(parsed: Cable) -> str:
    """Every text the graph holds: fields, paragraphs, defects."""
    return dumps(parsed, "json") + "\n".join(f"{d.text} {d.message}" for d in parsed.defects)


def _lost(parsed: Cable, *texts: str) -> list[str]:
    """The words of *texts* that are nowhere in the graph (digits also without leading zeros)."""
    graph = _graph(parsed)
    lost = []
    for word in (w for text in texts for w in _WORD.findall(text)):
        if word in _DECODED or word in graph or (word.isdigit() and word.lstrip("0") in graph):
            continue
        lost.append(word)
    return lost


def _clean(text: str, **kwargs: str) -> Cable:
    """The parse of *text*, checked to have no defect and to be what strict mode makes of it."""
    parsed = parse(text, **kwargs)  # type: ignore[arg-type]
    assert parsed.defects == (), [(d.code, d.text) for d in parsed.defects]
    assert parse(text, mode="strict", **kwargs) == parsed  # type: ignore[arg-type]
    return parsed


_FIELD_VALUE: dict[str, Callable[[Any], object]] = {
    "tags": lambda tags: [t.code for t in tags],
    "references": lambda refs: [r.cable_id for r in refs],
    "classified_by": lambda classifier: classifier.name,
    "eo": lambda eo: eo.declassify_on,
}
"""What a test compares of a field: tag codes, the cited cables, the classifier's name, the E.O.'s date."""


def _field_value(parsed: Cable, attribute: str) -> object:
    found = getattr(parsed, attribute)
    return _FIELD_VALUE.get(attribute, lambda value: value)(found)


def _refs(parsed: Cable) -> list[tuple[str | None, str, str | None]]:
    return [(r.label, r.text, r.cable_id) for r in parsed.references]


# =========================================================================== 3. REF lists in every form

@pytest.mark.parametrize(("ref", "expected"), [
    pytest.param("REF: A. RIGA 101 \u00b6B. RIGA 202 \u00b6C. STATE 303",
                 [("A", "RIGA 101", "08RIGA101"), ("B", "RIGA 202", "08RIGA202"), ("C", "STATE 303", "08STATE303")],
                 id="pilcrow-bullets"),
    pytest.param("REF: A. RIGA 101\n\n \u00b6B. 07 RIGA 202",
                 [("A", "RIGA 101", "08RIGA101"), ("B", "07 RIGA 202", "07RIGA202")], id="pilcrow-after-blank"),
    pytest.param("REF: (A)STATE 012345, (B)RIGA 456",
                 [("A", "STATE 012345", "08STATE12345"), ("B", "RIGA 456", "08RIGA456")], id="glued-labels"),
    pytest.param("REF: A. REF A STATE 1234 B. REF B RIGA 55",
                 [("A", "STATE 1234", "08STATE1234"), ("B", "RIGA 55", "08RIGA55")], id="labels-as-words"),
    pytest.param("REF: REF A) VILNIUS 83; REF B) VILNIUS 91; REF C) 07 VILNIUS 885",
                 [("A", "VILNIUS 83", "08VILNIUS83"), ("B", "VILNIUS 91", "08VILNIUS91"),
                  ("C", "07 VILNIUS 885", "07VILNIUS885")], id="label-word-after-ref-colon"),
    pytest.param("REF A RIGA 5286\nREF B RIGA 5546",
                 [("A", "RIGA 5286", "08RIGA5286"), ("B", "RIGA 5546", "08RIGA5546")], id="ref-word-each-line"),
    pytest.param("REF: A. RIGA 101 AND 102 B. STATE 41252, 44603",
                 [("A", "RIGA 101 AND 102", "08RIGA101"), ("B", "STATE 41252, 44603", "08STATE41252")],
                 id="two-serials-of-one-post"),
    pytest.param("Ref(s): A. Riga 101 B. State 303",
                 [("A", "Riga 101", "08RIGA101"), ("B", "State 303", "08STATE303")], id="Ref(s)"),
    pytest.param("REFS: A. RIGA 101 B. STATE 303",
                 [("A", "RIGA 101", "08RIGA101"), ("B", "STATE 303", "08STATE303")], id="REFS"),
    pytest.param("Refs: A) 06 Riga 416 B) Doe-Roe emails 05/18/2007",
                 [("A", "06 Riga 416", "06RIGA416"), ("B", "Doe-Roe emails 05/18/2007", None)], id="Refs-mixed"),
    pytest.param("REF: A. RIGA 101\n     B. STATE 303\n     C. 07 VILNIUS 44",
                 [("A", "RIGA 101", "08RIGA101"), ("B", "STATE 303", "08STATE303"),
                  ("C", "07 VILNIUS 44", "07VILNIUS44")], id="wrapped-list"),
    pytest.param("REF: A. 05 RIGA 77 B. 2006 STATE 303 C. 99 VILNIUS 1204",
                 [("A", "05 RIGA 77", "05RIGA77"), ("B", "2006 STATE 303", "06STATE303"),
                  ("C", "99 VILNIUS 1204", "99VILNIUS1204")], id="year-before-post"),
    pytest.param("REF: A. 07 TGG 1818 B. USEU 2754 C. 07 BsAs 1892 D. ADDIS 3365",
                 [("A", "07 TGG 1818", "07TEGUCIGALPA1818"), ("B", "USEU 2754", "08USEUBRUSSELS2754"),
                  ("C", "07 BsAs 1892", "07BUENOSAIRES1892"), ("D", "ADDIS 3365", "08ADDISABABA3365")],
                 id="abbreviated-posts"),
])
def test_a_ref_list_in_every_form(ref: str, expected: list[tuple[str | None, str, str | None]]) -> None:
    parsed = _clean(cable(head=make_head(ref=ref)))
    assert _refs(parsed) == expected
    assert parsed.classified_by is not None and parsed.classified_by.name == "Margaret R. Dunmore"
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]  # no paragraph taken into the list
    assert not _lost(parsed, ref)


@pytest.mark.parametrize("item", [
    "DOE-ROE EMAIL 03/10/08",
    "ROE-DOE E-MAILS OF MAY 28",
    "AMBASSADOR-MINISTER TELCON 14 MARCH 08",
    "MEMCON OF 12 MAY",
    "MEMO FROM THE DEPUTY SECRETARY, 4/2/08",
    "MINISTER'S LETTER TO THE SECRETARY OF MAY 2",
    "12 FAM 453",
    "RIGA DAILY REPORT 12/4/08",
    "07 USDAO RIGA IIR 6 812 0044 07",
    "HTTP://WWW.EXAMPLE.GOV/LOREM/IPSUM.HTML",
])
def test_a_reference_that_is_no_cable_is_kept_whole(item: str) -> None:
    parsed = _clean(cable(head=make_head(ref=f"REF: A. {item} B. TALLINN 388")))
    assert _refs(parsed) == [("A", item, None), ("B", "TALLINN 388", "08TALLINN388")]


def test_a_ref_list_across_a_page_break_is_one_list_and_the_break_is_damage() -> None:
    page = "TALLINN 00000412 002 OF 003"
    text = cable(head=make_head(ref=f"REF: A. RIGA 101\n{page}\nB. STATE 303 C. 07 VILNIUS 44"))
    parsed = parse(text)
    assert _refs(parsed) == [("A", "RIGA 101", "08RIGA101"), ("B", "STATE 303", "08STATE303"),
                             ("C", "07 VILNIUS 44", "07VILNIUS44")]
    assert [d.text for d in parsed.defects if d.code == "page-break"] == [page]
    assert parsed.classified_by is not None
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


def test_a_ref_list_across_an_old_page_line_and_its_classification_line() -> None:
    text = cable(head=make_head(ref="REF: A. STATE 40721\n CONFIDENTIAL\n\nPAGE 02 TALLINN 00412 01 OF 02 131025Z\n"
                                    "B. TALLINN 1098  C. TALLINN 894"))
    parsed = parse(text)
    assert [r.text for r in parsed.references] == ["STATE 40721", "TALLINN 1098", "TALLINN 894"]
    assert parsed.classified_by is not None and not _lost(parsed, "STATE 40721 CONFIDENTIAL TALLINN 1098 894")
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


@pytest.mark.parametrize("ref", ["REF: A. RIGA 101 B. STATE 303", "REFS: A) RIGA 101 B) STATE 303",
                                 "Ref: A. Riga 101 B. State 303"])
def test_a_ref_list_after_classified_by(ref: str) -> None:
    parsed = _clean(cable(head=make_head(ref=None, clby=f"{CLBY}\n\n{ref}")))
    assert [r.cable_id for r in parsed.references] == ["08RIGA101", "08STATE303"]
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]


@pytest.mark.parametrize("ref", ["REF STATE 12345", "REF: STATE 12345"])
def test_a_ref_line_with_or_without_a_colon_right_after_tags(ref: str) -> None:
    parsed = _clean(cable(head=make_head(tags=f"TAGS: PREL PGOV\n{ref}", subject=None, ref=None)))
    assert [t.code for t in parsed.tags] == ["PREL", "PGOV"]
    assert _refs(parsed) == [(None, "STATE 12345", "08STATE12345")]


def test_a_program_name_before_ref() -> None:
    parsed = parse(cable(head=make_head(ref="TFGG01 REF: A. RIGA 101 B. STATE 303")))
    assert [r.cable_id for r in parsed.references] == ["08RIGA101", "08STATE303"]
    assert "TFGG01" in _graph(parsed)
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]


# =========================================================================== 4. labels in any case and punctuation

@pytest.mark.parametrize(("part", "line", "attribute", "value"), [
    ("subject", "Subject: Estonia: minister previews summit", "subject", "Estonia: minister previews summit"),
    ("subject", "subject: estonia: minister previews summit", "subject", "estonia: minister previews summit"),
    ("subject", "SUBJ: ESTONIA: MINISTER PREVIEWS SUMMIT", "subject", "ESTONIA: MINISTER PREVIEWS SUMMIT"),
    ("subject", "Subj:  Estonia: minister previews summit", "subject", "Estonia: minister previews summit"),
    ("tags", "Tags: prel, pgov, en", "tags", ["prel", "pgov", "en"]),
    ("tags", "TAGS PREL, PGOV, EN", "tags", ["PREL", "PGOV", "EN"]),
    ("tags", "TAG PREL, PGOV, EN", "tags", ["PREL", "PGOV", "EN"]),
    ("tags", "Tag: prel", "tags", ["prel"]),
    ("eo", "E.o. 12958: decl: 03/12/2018", "eo", date(2018, 3, 12)),
    ("eo", "EO 12958 DECL: 2018/03/12", "eo", date(2018, 3, 12)),
    ("eo", "E.O 12958: DECL: 2018-03-12", "eo", date(2018, 3, 12)),
    ("eo", "E.O. 12958 DECL 03/12/2018", "eo", date(2018, 3, 12)),
    ("eo", "e.o. 13526: decl: 03/12/2018", "eo", date(2018, 3, 12)),
    ("ref", "Ref: Riga 411", "references", ["08RIGA411"]),
    ("ref", "REF. STATE 184178", "references", ["08STATE184178"]),
    ("ref", "REF.: RIGA 3286 AND PREVIOUS", "references", ["08RIGA3286"]),
    ("ref", "Reftel: 07 STATE 77742", "references", ["07STATE77742"]),
    ("ref", "Reftel Riga 410", "references", ["08RIGA410"]),
    ("ref", "REF TALLINN 388", "references", ["08TALLINN388"]),
    ("clby", "CLASSIFIED BY AMBASSADOR JANE ROE FOR REASONS 1.4 (B) AND (D)", "classified_by", "JANE ROE"),
    ("clby", "classified by: Ambassador Jane Roe, reasons 1.4 (b) and (d)", "classified_by", "Jane Roe"),
])
def test_a_label_in_any_case_and_punctuation(part: str, line: str, attribute: str, value: object) -> None:
    parsed = _clean(cable(head=make_head(**{part: line})))  # type: ignore[arg-type]
    assert _field_value(parsed, attribute) == value
    assert parsed.subject is not None and parsed.tags and parsed.references and parsed.classified_by is not None
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]


@pytest.mark.parametrize(("part", "field", "attribute", "value"), [
    ("subject", "SUBJECT:\nESTONIA: MINISTER PREVIEWS SUMMIT", "subject", "ESTONIA: MINISTER PREVIEWS SUMMIT"),
    ("subject", "Subject:\n\nEstonia: minister previews summit", "subject", "Estonia: minister previews summit"),
    ("tags", "TAGS:\nPREL PGOV EN", "tags", ["PREL", "PGOV", "EN"]),
    ("ref", "REF:\nA. TALLINN 388 B. 07 STATE 45120", "references", ["08TALLINN388", "07STATE45120"]),
    ("ref", "REF:\n\nA. TALLINN 388\nB. 07 STATE 45120", "references", ["08TALLINN388", "07STATE45120"]),
    ("clby", "Classified By:\nAmbassador Jane Roe, reasons 1.4 (b) and (d)", "classified_by", "Jane Roe"),
])
def test_a_label_on_its_own_line_with_the_value_on_the_next(part: str, field: str, attribute: str,
                                                            value: object) -> None:
    parsed = _clean(cable(head=make_head(**{part: field})))  # type: ignore[arg-type]
    assert _field_value(parsed, attribute) == value
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]


# =========================================================================== 5. Classified By in every era

@pytest.mark.parametrize(("first", "name", "title", "reasons"), [
    ("1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: JANE Q. DOE, POLITICAL COUNSELOR. REASON: 1.5 (D).",
     "JANE Q. DOE", "POLITICAL COUNSELOR", ("1.5(d)",)),
    ("1. SECRET -- ENTIRE TEXT.  CLASSIFIED BY AMBASSADOR JOHN R. ROE; REASONS 1.5 (B) AND (D).",
     "JOHN R. ROE", "AMBASSADOR", ("1.5(b)", "1.5(d)")),
    ("1. CLASSIFIED BY DCM JANE DOE - 1.5 B,D", "JANE DOE", "DCM", ("1.5(b)", "1.5(d)")),
    ("1. (U) CLASSIFIED BY POLOFF ARVO TAMM; REASON 1.5 (C).", "ARVO TAMM", "POLOFF", ("1.5(c)",)),
])
def test_a_classified_by_of_the_1990s_inside_paragraph_1(first: str, name: str, title: str,
                                                         reasons: tuple[str, ...]) -> None:
    text = cable(head=make_head(clby=None), body=paras(first, "2. THE MINISTER SAID THE TALKS WOULD RESUME."))
    parsed = _clean(text)
    assert parsed.classified_by is not None
    assert (parsed.classified_by.name, parsed.classified_by.title, parsed.classified_by.reasons) == (
        name, title, reasons)
    assert [p.number for p in parsed.paragraphs] == [1, 2]
    assert not _lost(parsed, first)  # the paragraph keeps the line as written


def test_a_classified_by_opening_an_unnumbered_marked_paragraph() -> None:
    first = "(U) Classified by DCM Jane Roe, E. O. 12958, reasons 1.5 (b) and (d)."
    parsed = _clean(cable(head=make_head(clby=None), body=paras(first, P1, P2, P3)))
    assert parsed.classified_by is not None
    assert (parsed.classified_by.name, parsed.classified_by.reasons) == ("Jane Roe", ("1.5(b)", "1.5(d)"))
    assert not _lost(parsed, first)


@pytest.mark.parametrize(("line", "name", "title", "reasons"), [
    ("CLASSIFIED BY DCM JANE DOE - 1.5 B,D", "JANE DOE", "DCM", ("1.5(b)", "1.5(d)")),
    ("Classified By: Deputy Assistant Secretary for Political-Military Affairs Jane Q. Roe, reasons 1.4 (b) and (d)",
     "Jane Q. Roe", "Deputy Assistant Secretary for Political-Military Affairs", ("1.4(b)", "1.4(d)")),
    ("Classified By: DEPUTY CHIEF OF MISSION, JOHN R. ROE FOR REASONS 1. 5(B,D)", "JOHN R. ROE",
     "DEPUTY CHIEF OF MISSION", ("1.5(b)", "1.5(d)")),
    ("Classified By: Classified by Political Counselor Jane Roe. Reasons 1.4 (b)(d).", "Jane Roe",
     "Political Counselor", ("1.4(b)", "1.4(d)")),
    ("Classified By: CLASSIFIED BY AMBASSADOR JOHN ROE FOR REASONS 1 .4 (B AND D)", "JOHN ROE", "AMBASSADOR",
     ("1.4(b)", "1.4(d)")),
    ("Classified By: Pol/Econ Counselor Mary Zuniga-Roe, Jr. per 1.4 (b) and (d).", "Mary Zuniga-Roe, Jr.",
     "Pol/Econ Counselor", ("1.4(b)", "1.4(d)")),
])
def test_a_classified_by_line_of_every_era(line: str, name: str, title: str, reasons: tuple[str, ...]) -> None:
    parsed = _clean(cable(head=make_head(clby=line)))
    assert parsed.classified_by is not None
    assert (parsed.classified_by.name, parsed.classified_by.title, parsed.classified_by.reasons) == (
        name, title, reasons)
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]


@pytest.mark.parametrize(("line", "reasons"), [
    ("Classified By: Ambassador Jane Roe", ()),
    ("Classified By: Ambassador Jane Roe, reason 1.4 (b).", ("1.4(b)",)),
    ("Classified By: Ambassador Jane Roe for reasons 1.4 (b)", ("1.4(b)",)),
])
def test_reasons_are_only_those_written_in_the_field(line: str, reasons: tuple[str, ...]) -> None:
    body = paras("1. (C) The minister said that (b) and (d) would follow under 1.4 (c).", P2, P3)
    parsed = _clean(cable(head=make_head(clby=line), body=body))
    assert parsed.classified_by is not None and parsed.classified_by.reasons == reasons
    assert parsed.paragraphs[0].text.startswith("The minister said")


# =========================================================================== 6. addressees

_TO = "TO RUEHC/SECSTATE WASHDC PRIORITY 0958"
_COLLECTIVE = "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY"


def _addressees(parsed: Cable) -> tuple[list[str], list[str]]:
    assert parsed.header is not None
    return [r.name for r in parsed.header.recipients], [r.name for r in parsed.header.info_recipients]


@pytest.mark.parametrize(("recipients", "to", "info"), [
    pytest.param(f"{_TO}\nRUEHRA/AMEMBASSY RIGA PRIORITY 0217\nTALLINN 00000412 001.2 OF 002\n"
                 f"RUEHVL/AMEMBASSY VILNIUS PRIORITY 0311\n{_COLLECTIVE}",
                 ["SECSTATE WASHDC", "AMEMBASSY RIGA", "AMEMBASSY VILNIUS"], ["EUROPEAN POLITICAL COLLECTIVE"],
                 id="in-the-to-list"),
    pytest.param(f"{_TO}\n{_COLLECTIVE}\nRUEHRA/AMEMBASSY RIGA PRIORITY 0217\nTALLINN 00000412 001.2 OF 002\n"
                 "RUEHVL/AMEMBASSY VILNIUS PRIORITY 0311",
                 ["SECSTATE WASHDC"], ["EUROPEAN POLITICAL COLLECTIVE", "AMEMBASSY RIGA", "AMEMBASSY VILNIUS"],
                 id="in-the-info-list"),
    pytest.param(f"{_TO}\n{_COLLECTIVE}\nRUEHRA/AMEMBASSY RIGA PRIORITY 0217\n\nTALLINN 00000412 001.2 OF 002\n\n"
                 "RUEHVL/AMEMBASSY VILNIUS PRIORITY 0311",
                 ["SECSTATE WASHDC"], ["EUROPEAN POLITICAL COLLECTIVE", "AMEMBASSY RIGA", "AMEMBASSY VILNIUS"],
                 id="between-blank-lines"),
])
def test_a_page_break_line_inside_an_addressee_list(recipients: str, to: list[str], info: list[str]) -> None:
    text = cable(header=make_header(recipients=recipients))
    parsed = parse(text)
    assert _addressees(parsed) == (to, info)
    assert [d.text for d in parsed.defects if d.code == "page-break"] == ["TALLINN 00000412 001.2 OF 002"]
    assert parsed.offices == () and parsed.subject is not None and parsed.banner is not None
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


def test_an_old_page_line_inside_an_addressee_list_keeps_the_list() -> None:
    text = cable(header=make_header(recipients=f"{_TO}\n{_COLLECTIVE}\nRUEHRA/AMEMBASSY RIGA PRIORITY 0217\n"
                                               "PAGE 02 TALLINN 00412 01 OF 02 131025Z\n"
                                               "RUEHVL/AMEMBASSY VILNIUS PRIORITY 0311"))
    parsed = parse(text)
    assert _addressees(parsed) == (["SECSTATE WASHDC"], ["EUROPEAN POLITICAL COLLECTIVE", "AMEMBASSY RIGA",
                                                         "AMEMBASSY VILNIUS"])
    assert parsed.subject is not None


@pytest.mark.parametrize(("xmt", "excluded"), [
    pytest.param("XMT AMEMBASSY RIGA", ("AMEMBASSY RIGA",), id="without-slash"),
    pytest.param("XMT RUEHRA/AMEMBASSY RIGA", ("RUEHRA/AMEMBASSY RIGA",), id="with-slash"),
    pytest.param("XMT AMEMBASSY RIGA\nXMT AMCONSUL NARVA", ("AMEMBASSY RIGA", "AMCONSUL NARVA"), id="two-xmt-lines"),
])
def test_xmt_exclusions_go_with_the_collective(xmt: str, excluded: tuple[str, ...]) -> None:
    parsed = _clean(cable(header=make_header(recipients=f"{_TO}\n{_COLLECTIVE}\n{xmt}\n"
                                                        "RUEHVL/AMEMBASSY VILNIUS PRIORITY 0311")))
    assert parsed.header is not None
    collective, vilnius = parsed.header.info_recipients
    assert collective.name == "EUROPEAN POLITICAL COLLECTIVE" and collective.excluded == excluded
    assert (vilnius.name, vilnius.excluded) == ("AMEMBASSY VILNIUS", ())


def test_a_plain_line_after_an_xmt_line_is_the_next_addressee() -> None:
    # Decided: exclusions go on only over XMT lines; a plain line after one is an addressee, as the text
    # format writes one (real lists repeat a plain addressee there: XMT AMCONSUL X / AMCONSUL X).
    parsed = _clean(cable(header=make_header(recipients=f"{_TO}\n{_COLLECTIVE}\nXMT AMEMBASSY RIGA\n"
                                                        "AMCONSUL NARVA\nRUEHVL/AMEMBASSY VILNIUS PRIORITY 0311")))
    assert parsed.header is not None
    assert [(r.name, r.excluded) for r in parsed.header.info_recipients] == [
        ("EUROPEAN POLITICAL COLLECTIVE", ("AMEMBASSY RIGA",)), ("AMCONSUL NARVA", ()), ("AMEMBASSY VILNIUS", ())]


def test_an_xmt_line_goes_with_the_addressee_above_it() -> None:
    # Decided: an exclusion goes with the addressee written above it (the text format writes it there).
    parsed = _clean(cable(header=make_header(recipients="TO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\n"
                                                        "RUEHC/SECSTATE WASHDC PRIORITY 0958\n"
                                                        "INFO RUEHVL/AMEMBASSY VILNIUS PRIORITY 0311\n"
                                                        "XMT AMEMBASSY RIGA")))
    assert parsed.header is not None
    assert [(r.name, r.excluded) for r in parsed.header.recipients] == [
        ("EUROPEAN POLITICAL COLLECTIVE", ()), ("SECSTATE WASHDC", ())]
    assert [(r.name, r.excluded) for r in parsed.header.info_recipients] == [("AMEMBASSY VILNIUS", ("AMEMBASSY RIGA",))]


def test_an_info_only_cable() -> None:
    parsed = _clean(cable(header=make_header(recipients="INFO RUEHRA/AMEMBASSY RIGA 0217\n"
                                                        "RUEHVL/AMEMBASSY VILNIUS 0311")))
    assert parsed.header is not None and parsed.header.recipients == ()
    assert [(r.routing_indicator, r.name, r.serial) for r in parsed.header.info_recipients] == [
        ("RUEHRA", "AMEMBASSY RIGA", "0217"), ("RUEHVL", "AMEMBASSY VILNIUS", "0311")]
    assert parsed.subject is not None and parsed.reference_id == "08TALLINN412"


def test_military_routing_indicators_and_names_with_digits() -> None:
    recipients = (f"{_TO}\nINFO RUCOPLF/NAS KEFLAVIK IC//NCIS//\nRHMFISS/HQ USEUCOM VAIHINGEN GE//J5// PRIORITY\n"
                  "52FW SPANGDAHLEM AB GE//CC// PRIORITY\n118ABW NASHVILLE TN//CC//\n"
                  "RUEKJCS/SECDEF WASHDC//OSD// PRIORITY")
    parsed = _clean(cable(header=make_header(recipients=recipients)))
    assert parsed.header is not None
    assert [(r.routing_indicator, r.name) for r in parsed.header.info_recipients] == [
        ("RUCOPLF", "NAS KEFLAVIK IC//NCIS//"), ("RHMFISS", "HQ USEUCOM VAIHINGEN GE//J5//"),
        (None, "52FW SPANGDAHLEM AB GE//CC//"), (None, "118ABW NASHVILLE TN//CC//"),
        ("RUEKJCS", "SECDEF WASHDC//OSD//")]
    assert parsed.offices == () and parsed.subject is not None


# =========================================================================== 7. signers of every era

@pytest.mark.parametrize("signer", [
    "HALVORSEN",
    "Halvorsen",
    "HALVORSEN\nNNNN",
    "Halvorsen\n\nNnnn",
    "HALVORSEN\n\n=====================CABLE ENDS=====================",
])
def test_a_bare_surname_as_the_last_line(signer: str) -> None:
    parsed = parse(cable(signer=signer))
    assert parsed.signers == (signer.split("\n")[0],)
    assert parsed.paragraphs[-1].text.endswith("End Comment.")
    assert not _lost(parsed, signer)


@pytest.mark.parametrize("trailer", ["TALLINN 00000412 003 OF 003", "\nTALLINN 00000412 003 OF 003\n\nNNNN"])
def test_a_surname_before_a_trailing_page_line(trailer: str) -> None:
    text = cable(signer=f"HALVORSEN\n{trailer}")
    parsed = parse(text)
    assert parsed.signers == ("HALVORSEN",)
    assert [d.code for d in parsed.defects] == ["page-break"]
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


@pytest.mark.parametrize("ending", ["BT\n#0412\nNNNN", "\nBT\n#0412\n\nNNNN", "BT\n#0412"])
def test_a_surname_before_the_closing_bt_and_serial_of_a_telegram(ending: str) -> None:
    text = cable(signer=f"HALVORSEN\n{ending}")
    parsed = parse(text)
    assert parsed.signers == ("HALVORSEN",)
    # the closing serial is no cable text: kept in a defect that is not damage, so strict mode accepts the text
    assert [(d.code, d.text) for d in parsed.defects] == [("publication-wrapper", "#0412")]
    assert parse(text, mode="strict") == parsed


# =========================================================================== 8. summaries

@pytest.mark.parametrize("body", [
    pytest.param(paras("--- SUMMARY ---", "1. (C) Kask asked for a joint statement by May 1.", P2, P3),
                 id="framed-heading"),
    pytest.param(paras("------- Summary -------", "1. (C) Kask asked for a joint statement by May 1.", P2, P3),
                 id="framed-mixed-case-heading"),
    pytest.param(paras("1. (C) Summary and Action Request. Kask asked for a joint statement by May 1. "
                       "End Summary and Action Request.", P2, P3), id="summary-and-action-request"),
    pytest.param(paras("1. (C) SUMMARY AND ACTION REQUEST: Kask asked for a joint statement by May 1.\n"
                       "END SUMMARY AND ACTION REQUEST.", P2, P3), id="summary-and-action-request-upper"),
    pytest.param(paras("1. (C) Kask asked for a joint statement by May 1. End summary.", P2, P3),
                 id="unlabelled-ended-by-end-summary"),
    pytest.param(paras("1. (C) Kask asked for a joint statement by May 1.\nEND SUMMARY", P2, P3),
                 id="unlabelled-end-summary-on-its-line"),
    pytest.param(paras("1. (C) Summary: Kask asked for a joint statement by May 1. End Summary.", P2, P3),
                 id="marking-before-label"),
    pytest.param(paras("1. Summary (C): Kask asked for a joint statement by May 1. End Summary.", P2, P3),
                 id="marking-after-label"),
    pytest.param(paras("1. SUMMARY (SBU) Kask asked for a joint statement by May 1. END SUMMARY.", P2, P3),
                 id="marking-after-label-no-colon"),
])
def test_a_summary_in_every_shape(body: str) -> None:
    parsed = _clean(cable(body=body))
    assert parsed.summary == "Kask asked for a joint statement by May 1."
    assert parsed.paragraphs[0].number == 1
    assert not _lost(parsed, body)


# =========================================================================== 9. mixed-case cables

_MIXED = """\
VZCZCXRO5127
PP RUEHAG
DE RUEHTL #0412/01 0731025
ZNY SSSSS ZZH
P 131025Z MAR 08
FM AMEMBASSY TALLINN
TO RUEHC/SECSTATE WASHDC PRIORITY 0958

S e c r e t section 01 of 02 tallinn 000412

Sipdis

E.o. 12958: decl: 03/12/2018
Tags: prel, pgov, en, rs
Subject: (s) estonia: the minister previews the baltic
summit agenda

Ref: a. Tallinn 388 b. 07 State 45120

Classified By: Ambassador Margaret R. Dunmore, reasons 1.4 (b) and (d).

1. (s) Summary: The minister previews the summit. End summary.

2. (sbu) The summit opens on Monday.

Dunmore
"""


def test_a_mixed_case_cable_yields_every_field() -> None:
    parsed = _clean(_MIXED)
    assert parsed.classification is Classification.SECRET
    assert parsed.banner is not None and (parsed.banner.section, parsed.banner.serial) == (1, 412)
    assert parsed.eo is not None and parsed.eo.declassify_on == date(2018, 3, 12)
    assert [t.code for t in parsed.tags] == ["prel", "pgov", "en", "rs"]
    # the marking stays as written in lower case (test_label_variants expects "(s) …" too)
    assert (parsed.subject or "").endswith("estonia: the minister previews the baltic summit agenda")
    assert [r.cable_id for r in parsed.references] == ["08TALLINN388", "07STATE45120"]
    assert parsed.classified_by is not None and parsed.classified_by.name == "Margaret R. Dunmore"
    assert [(p.number, p.classification) for p in parsed.paragraphs] == [(1, "s"), (2, "sbu")]
    assert parsed.summary == "The minister previews the summit."
    assert parsed.signers == ("Dunmore",)
    assert [t.code for t in normalize(parsed).tags] == ["PREL", "PGOV", "EN", "RS"]


def test_the_id_of_a_mixed_case_banner_is_upper_case() -> None:
    assert parse(_MIXED).reference_id == "08TALLINN412"


@pytest.mark.parametrize("head", [
    "Tags: prel, pgov, en\nSubject: estonia: the minister previews the summit",
    "Tags: prel, pgov, en\n Subject: estonia: the minister previews the summit",
    "Tags: prel, pgov, en Subject: estonia: the minister previews the summit",
    "TAGS: PREL, PGOV, EN Subj: estonia: the minister previews the summit",
])
def test_mixed_case_tags_never_swallow_the_subject(head: str) -> None:
    parsed = parse(cable(head=make_head(tags=head, subject=None)))
    assert [t.code.upper() for t in parsed.tags] == ["PREL", "PGOV", "EN"]
    assert parsed.subject == "estonia: the minister previews the summit"


# =========================================================================== 10. banners and ids

@pytest.mark.parametrize(("banner", "level", "section", "origin", "serial", "ref_id"), [
    ("C O N F I D E N T I A L SECTION 01 OF 04 SAN JOSE 001234", Classification.CONFIDENTIAL, 1, "SAN JOSE", 1234,
     "08SANJOSE1234"),
    ("S E C R E T SECTION 02 OF 03 RIO DE JANEIRO 000077", Classification.SECRET, 2, "RIO DE JANEIRO", 77,
     "08RIODEJANEIRO77"),
    ("UNCLAS THE HAGUE 000321", Classification.UNCLASSIFIED, None, "THE HAGUE", 321, "08THEHAGUE321"),
    ("SECRET SAN JOSE 001234", Classification.SECRET, None, "SAN JOSE", 1234, "08SANJOSE1234"),
    ("S E C R E T   STATE   00119085", Classification.SECRET, None, "STATE", 119085, "08STATE119085"),
])
def test_a_banner_with_a_multi_word_post_or_without_section(banner: str, level: Classification,
                                                            section: int | None, origin: str, serial: int,
                                                            ref_id: str) -> None:
    # The template's paragraphs are marked (C) and it has a Classified By line: under an UNCLAS banner the
    # consistency checks would say so, which is not what this test is about.
    parsed = _clean(cable(header=None, banner=banner), reference_id=ref_id, check="off")
    assert parsed.banner is not None
    assert (parsed.classification, parsed.banner.section, parsed.banner.origin, parsed.banner.serial) == (
        level, section, origin, serial)


@pytest.mark.parametrize(("banner", "level"), [
    ("SE C R E T SECTION 01 OF 02 TALLINN 000412", Classification.SECRET),
    ("CO N F I D E N T I A L TALLINN 000412", Classification.CONFIDENTIAL),
    ("C ONFIDENTIAL SECTION 01 OF 03 TALLINN 000412", Classification.CONFIDENTIAL),
    ("S  E  C  R  E  T TALLINN 000412", Classification.SECRET),
])
def test_a_banner_with_damaged_spacing_reads_as_its_level_with_a_defect(banner: str,
                                                                         level: Classification) -> None:
    text = cable(banner=banner)
    parsed = parse(text, check="off")  # a SECRET banner under the template's ZNY CCCCC is not the point here
    assert parsed.classification is level and parsed.banner is not None
    assert parsed.banner.classification is level and parsed.reference_id == "08TALLINN412"
    assert [d.code for d in parsed.defects] == ["classification-spacing"]
    with pytest.raises(CableParseError):
        parse(text, mode="strict", check="off")
    written = dumps(normalize(parsed), "text")  # the text format writes the level back, never as UNCLAS
    assert normalize(parse(written, mode="strict")).classification is level


def test_efto_in_the_banner_is_a_caveat_not_part_of_the_id() -> None:
    parsed = _clean(cable(banner="UNCLAS E F T O TALLINN 000412"), check="off")  # the template is CONFIDENTIAL
    assert parsed.classification is Classification.UNCLASSIFIED and "EFTO" in parsed.caveats
    assert parsed.reference_id == "08TALLINN412"


@pytest.mark.parametrize("hint", ["08EFTOTALLINN412", "08SECTION01OF02TALLINN412"])
@pytest.mark.parametrize("header", [True, False])
def test_a_published_id_with_efto_or_a_section_prefix_names_the_text_s_cable(hint: str, header: bool) -> None:
    text = cable(header=None if not header else make_header(), banner="UNCLAS E F T O TALLINN 000412")
    parsed = parse(text, reference_id=hint)
    assert parsed.reference_id == "08TALLINN412"
    assert not any(d.code == "reference-id-mismatch" for d in parsed.defects)


# =========================================================================== 11. fragments

_HINT = "08TALLINN412"


@pytest.mark.parametrize(("text", "attribute", "value"), [
    pytest.param("REF: A. RIGA 101 B. STATE 303\n", "references", ["08RIGA101", "08STATE303"], id="ref-block"),
    pytest.param("REF: A. RIGA 101\nB. 07 STATE 303\n\nC. VILNIUS 9\n", "references",
                 ["08RIGA101", "07STATE303", "08VILNIUS9"], id="ref-block-on-lines"),
    pytest.param("Ref: Riga 101\n", "references", ["08RIGA101"], id="ref-mixed-case"),
    pytest.param("TAGS: PREL PGOV EN\n", "tags", ["PREL", "PGOV", "EN"], id="tags-line"),
    pytest.param("TAGS PREL, PGOV, EN\n", "tags", ["PREL", "PGOV", "EN"], id="tags-line-no-colon"),
    pytest.param("SUBJECT: ESTONIA: LOREM IPSUM\n", "subject", "ESTONIA: LOREM IPSUM", id="subject-line"),
    pytest.param("E.O. 12958: DECL: 03/12/2018\n", "eo", date(2018, 3, 12), id="eo-line"),
    pytest.param("Classified By: Ambassador Jane Roe, reasons 1.4 (b)\n", "classified_by", "Jane Roe",
                 id="classified-by-line"),
])
def test_a_fragment_of_one_field(text: str, attribute: str, value: object) -> None:
    parsed = _clean(text, reference_id=_HINT)
    assert _field_value(parsed, attribute) == value
    assert parsed.reference_id == _HINT and parsed.paragraphs == ()


def test_a_fragment_takes_the_year_of_its_references_from_the_hint() -> None:
    text = "REF: A. RIGA 101 B. 07 STATE 303\n"
    assert [r.cable_id for r in _clean(text).references] == [None, "07STATE303"]  # no year stated, none given
    assert [r.cable_id for r in _clean(text, reference_id="08RIGA500").references] == ["08RIGA101", "07STATE303"]


@pytest.mark.parametrize("banner", ["C O N F I D E N T I A L TALLINN 000412\n\n", ""])
def test_a_head_without_a_body(banner: str) -> None:
    text = banner + "E.O. 12958: DECL: 03/12/2018\nTAGS: PREL PGOV\nSUBJECT: LOREM IPSUM\n\nREF: TALLINN 388\n"
    parsed = _clean(text, reference_id=_HINT)  # (a head alone says nothing of a Classified By line it lacks)
    assert parsed.eo is not None and parsed.eo.declassify_on == date(2018, 3, 12)
    assert [t.code for t in parsed.tags] == ["PREL", "PGOV"] and parsed.subject == "LOREM IPSUM"
    assert [r.cable_id for r in parsed.references] == ["08TALLINN388"]
    assert parsed.paragraphs == () and parsed.reference_id == _HINT


def test_a_body_without_a_head() -> None:
    parsed = _clean("1. (C) The minister spoke (ref A).\n\n2. (U) He left.\n\nHALVORSEN\n", reference_id=_HINT)
    assert [(p.number, p.classification, p.text) for p in parsed.paragraphs] == [
        (1, "C", "The minister spoke (ref A)."), (2, "U", "He left.")]
    assert parsed.signers == ("HALVORSEN",) and parsed.reference_id == _HINT
    assert parsed.subject is None and parsed.references == ()


# =========================================================================== nothing is lost

@pytest.mark.parametrize("after", [
    "The minister spoke at length about the summit.",
    "(C) The minister spoke at length about the summit.",
    "1. (C) The minister spoke at length about the summit.",
])
@pytest.mark.parametrize("clby", [
    "Classified By: Ambassador Jane Roe, reasons 1.4 (b) and (d).",
    "Classified By: Ambassador Jane Roe, reasons 1.4 (b)\nand (d).",
    "CLASSIFIED BY DCM JANE ROE - 1.5 B,D",
])
def test_a_body_line_after_the_classified_by_line_stays_in_the_body(clby: str, after: str) -> None:
    text = cable(head=make_head(clby=f"{clby}\n{after}"), body=paras(P2, P3))
    parsed = parse(text)
    assert parsed.classified_by is not None and parsed.classified_by.reasons
    assert "minister spoke" not in (parsed.classified_by.name or "") + (parsed.classified_by.title or "")
    assert "The minister spoke at length about the summit." in parsed.paragraphs[0].text
    assert not _lost(parsed, clby, after)


_OLD_HEADER = """\
PAGE 01 TALLINN 00412 01 OF 02 131025Z
ACTION EUR-00

INFO LOG-00 EEB-00 CIAE-00 INR-00 NSAE-00
     DS-00 /000W
            ------------7A1B2C 131030Z /38
P 131025Z MAR 08
FM AMEMBASSY TALLINN
TO SECSTATE WASHDC PRIORITY 0958
"""


def test_old_header_lines_are_kept() -> None:
    parsed = _clean(_OLD_HEADER + "\n" + cable(header=None))
    assert parsed.header is not None and parsed.header.dtg == datetime(2008, 3, 13, 10, 25, tzinfo=UTC)
    assert parsed.header.other_lines == ("ACTION EUR-00", "INFO LOG-00 EEB-00 CIAE-00 INR-00 NSAE-00",
                                         "DS-00 /000W", "------------7A1B2C 131030Z /38")
    assert [r.name for r in parsed.header.recipients] == ["SECSTATE WASHDC"]
    assert parsed.subject is not None and not _lost(parsed, "ACTION EUR LOG EEB CIAE INR NSAE DS 000W 7A1B2C")


@pytest.mark.parametrize(("dtg", "trailer"), [
    ("P 131025Z MAR 08 ZDK MANY SVCS", "ZDK MANY SVCS"),
    ("P 131025Z MAR 08 ZDK", "ZDK"),
    ("O 131025Z MAR 08 ZDK RE YOUR SVC", "ZDK RE YOUR SVC"),
    ("P 131025Z MAR 08 (AD5B21-WSC74-45)", "(AD5B21-WSC74-45)"),
])
def test_a_date_time_group_trailer_is_kept(dtg: str, trailer: str) -> None:
    parsed = _clean(cable(header=make_header(dtg=dtg)))
    assert parsed.header is not None and parsed.header.dtg_trailer == trailer
    assert parsed.header.dtg == datetime(2008, 3, 13, 10, 25, tzinfo=UTC)
    assert parsed.subject is not None and [r.name for r in parsed.header.recipients] == ["SECSTATE WASHDC"]


@pytest.mark.parametrize(("security", "kept"), [("ZNY CCCCC ZZH ZDK", "ZNY CCCCC ZZH ZDK"),
                                                ("ZNY CCCCC ZZH (CCY AD12F3 MSI4321-567)",
                                                 "ZNY CCCCC ZZH (CCY AD12F3 MSI4321-567)")])
def test_a_security_line_trailer_is_kept(security: str, kept: str) -> None:
    parsed = _clean(cable(header=make_header(security=security)))
    assert parsed.header is not None and parsed.header.security == kept
    assert parsed.classification is Classification.CONFIDENTIAL and parsed.subject is not None
