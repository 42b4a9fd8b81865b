"""The field decoders read every way real cables write a field (cablekit.fields, identity.reference_cable_ids).

Each class of variant has its own tests, with made-up examples of its shape:
REF lists (labels, link debris, page breaks, several serials, non-cables, ids),
Classified By (person forms, reasons as written, the text after the field),
E.O. dates, TAGS followed by another field, and spaced-out classification levels.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cablekit
from cablekit.fields import (
    classification_of,
    parse_classifier,
    parse_eo,
    parse_references,
    parse_tags,
    read_classifier,
    read_references,
    read_tags,
)
from cablekit.identity import reference_cable_id, reference_cable_ids
from cablekit.model import Cable, Classification, Classifier, Reference, ReferenceKind, TagKind


def refs(text: str, year: str | None = "08") -> list[tuple[str | None, str, str | None]]:
    return [(r.label, r.text, r.cable_id) for r in parse_references(text, year)]


# ---------------------------------------------------------------- REF: labels


@pytest.mark.parametrize("bullet", ["\u00b6", "\u00c2\u00b6", "[B](#)", "[1](#)", "[\u00b6](#par2)", " \u00b6"])
def test_link_debris_before_a_label_is_part_of_the_label(bullet: str) -> None:
    text = f"A. RIGA 101 {bullet}B. RIGA 202 {bullet.replace('B', 'C')}C. STATE 303"
    assert refs(text) == [("A", "RIGA 101", "08RIGA101"), ("B", "RIGA 202", "08RIGA202"),
                          ("C", "STATE 303", "08STATE303")]


def test_a_list_opened_by_a_pilcrow_bullet() -> None:
    assert refs("\u00b6A. STATE 40909 \u00b6B. VILNIUS 566") == [("A", "STATE 40909", "08STATE40909"),
                                                                   ("B", "VILNIUS 566", "08VILNIUS566")]


def test_a_pilcrow_before_a_number_is_not_a_label() -> None:
    assert [r.label for r in parse_references("RIGA 1 \u00b61. (U) LOREM", "08")] == [None]


@pytest.mark.parametrize(("text", "expected"), [
    ("(A)STATE 012345, (B)RIGA 456", [("A", "STATE 012345", "08STATE12345"), ("B", "RIGA 456", "08RIGA456")]),
    ("(A) RIGA 149; (B)SAO PAULO 10; (C) RIGA 1038",
     [("A", "RIGA 149", "08RIGA149"), ("B", "SAO PAULO 10", "08SAOPAULO10"), ("C", "RIGA 1038", "08RIGA1038")]),
    ("A)RIGA 5364, B)RIGA 4255", [("A", "RIGA 5364", "08RIGA5364"), ("B", "RIGA 4255", "08RIGA4255")]),
    ("(A)07 STATE 4837 (NOTAL), (B)07 VILNIUS 331",
     [("A", "07 STATE 4837 (NOTAL)", "07STATE4837"), ("B", "07 VILNIUS 331", "07VILNIUS331")]),
])
def test_labels_glued_to_their_text(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize("text", [
    "A. REF A STATE 1234 B. REF B RIGA 55",
    "A. REF A: STATE 1234 \u00b6B. REF B: RIGA 55",
    "A. REF A:STATE 1234 B. REF B:RIGA 55",
    "REF A: STATE 1234; REF B: RIGA 55",
    "A. REF A) STATE 1234 B. B) RIGA 55",
])
def test_labels_repeated_as_words(text: str) -> None:
    assert refs(text) == [("A", "STATE 1234", "08STATE1234"), ("B", "RIGA 55", "08RIGA55")]


@pytest.mark.parametrize("text", [
    "A. A) 04 STATE 274965 B. B) RIGA 156",
    "A. (A) 04 STATE 274965 \u00b6B. (B) RIGA 156",
    "A. A. 04 STATE 274965 B. B. RIGA 156",
    "A. A: 04 STATE 274965 B. B: RIGA 156",
    "A. A.04 STATE 274965 B. B.RIGA 156",
])
def test_a_label_written_twice_counts_once(text: str) -> None:
    assert refs(text) == [("A", "04 STATE 274965", "04STATE274965"), ("B", "RIGA 156", "08RIGA156")]


def test_a_label_glued_to_the_serial_before_it() -> None:
    assert refs("A. STATE 021770B. STATE 039585C. RIGA 52") == [
        ("A", "STATE 021770", "08STATE21770"), ("B", "STATE 039585", "08STATE39585"), ("C", "RIGA 52", "08RIGA52")]


def test_lower_case_labels_are_read_in_one_case() -> None:
    assert refs("a) Riga 336; b) Riga 335") == [("A", "Riga 336", "08RIGA336"), ("B", "Riga 335", "08RIGA335")]
    # An upper-case list does not take a lower-case letter for its next label.
    assert [r.label for r in parse_references("A. RIGA 1 B. RIGA 2 per 1.4(c) and d", "08")] == ["A", "B"]


def test_labels_only_count_in_sequence() -> None:
    assert refs("A. J. DOE EMAIL B. RIGA 3") == [("A", "J. DOE EMAIL", None), ("B", "RIGA 3", "08RIGA3")]
    assert refs("STATE 9 B. RIGA 3") == [(None, "STATE 9 B. RIGA 3", "08STATE9")]


def test_an_unlabelled_list_is_split_at_semicolons() -> None:
    assert refs("10 RIGA 181; 09 RIGA 663") == [(None, "10 RIGA 181", "10RIGA181"), (None, "09 RIGA 663", "09RIGA663")]


# ---------------------------------------------------------------- REF: page breaks


def test_a_page_break_line_is_cut_out_of_an_item() -> None:
    reading = read_references("A. RIGA 948 \u00b6B. 04 NEW DELHI 6804 NEW DELHI 00002091 001.2 OF 002 C. RIGA 3", "08")
    assert [(r.label, r.text) for r in reading.references] == [("A", "RIGA 948"), ("B", "04 NEW DELHI 6804"),
                                                                ("C", "RIGA 3")]
    assert reading.cut == ("NEW DELHI 00002091 001.2 OF 002",)


def test_an_old_page_line_and_its_classification_line_are_cut() -> None:
    reading = read_references("A. STATE 40721 CONFIDENTIAL PAGE 02 RIGA 01196 01 OF 02 082030Z B. RIGA 1098", "02")
    assert [(r.label, r.text) for r in reading.references] == [("A", "STATE 40721"), ("B", "RIGA 1098")]
    assert reading.cut == ("CONFIDENTIAL", "PAGE 02 RIGA 01196 01 OF 02 082030Z")


def test_a_classification_line_ending_the_list_is_cut() -> None:
    reading = read_references("VILNIUS 5346 CONFIDENTIAL", "00")
    assert refs("VILNIUS 5346 CONFIDENTIAL", "00") == [(None, "VILNIUS 5346", "00VILNIUS5346")]
    assert reading.cut == ("CONFIDENTIAL",)


def test_sensitive_but_unclassified_is_no_classification_line() -> None:
    reading = read_references("RIGA 1709 SENSITIVE BUT UNCLASSIFIED", "08")
    assert reading.references[0].text == "RIGA 1709 SENSITIVE BUT UNCLASSIFIED" and reading.cut == ()


# ---------------------------------------------------------------- REF: the cables cited


@pytest.mark.parametrize(("text", "ids"), [
    ("RIGA 101 AND 102", ("08RIGA101", "08RIGA102")),
    ("STATE 41252 AND 44603", ("08STATE41252", "08STATE44603")),
    ("MALABO 19, 21, 26, 27", ("08MALABO19", "08MALABO21", "08MALABO26", "08MALABO27")),
    ("RIGA 12 & 14 (NOTAL)", ("08RIGA12", "08RIGA14")),
    ("RIGA 12 AND 07 VILNIUS 34", ("08RIGA12", "07VILNIUS34")),
    ("RIGA 420 AND PREVIOUS", ("08RIGA420",)),
    ("RIGA 420 AND 5 OTHERS", ("08RIGA420",)),
    ("RIGA 420, PARA 5", ("08RIGA420",)),
])
def test_every_cable_a_reference_cites(text: str, ids: tuple[str, ...]) -> None:
    assert reference_cable_ids(text, "08") == ids
    reading = read_references(f"A. {text} B. STATE 1", "08")
    assert reading.cable_ids == (ids, ("08STATE1",))
    assert reading.references[0] == Reference(label="A", text=text, cable_id=ids[0], kind=ReferenceKind.CABLE)


@pytest.mark.parametrize(("text", "cable_id"), [
    ("05 RIGA 77", "05RIGA77"),
    ("2005 RIGA 77", "05RIGA77"),
    ("Reykjavik 431", "08REYKJAVIK431"),
    ("09RIGA2189", "09RIGA2189"),
    ("08RIGA01352", "08RIGA1352"),
    ("09RIGA 281", "09RIGA281"),
    ("RIGA00077", "08RIGA77"),
    ("SECSTATE WASHDC 1234", "08STATE1234"),
    ("07 TGG 1818", "07TEGUCIGALPA1818"),
    ("07 BsAs 1892", "07BUENOSAIRES1892"),
    ("08 RIO DE JAN 138", "08RIODEJANEIRO138"),
    ("2007 USUN 1225", "07USUNNEWYORK1225"),
    ("USEU 2754 (NOTAL)", "08USEUBRUSSELS2754"),
    ("ADDIS 3365", "08ADDISABABA3365"),
    ("RIGA 00933/07", "07RIGA933"),
    ("RIGA 420Q garbled", "08RIGA420"),
])
def test_the_forms_of_a_cable_reference(text: str, cable_id: str) -> None:
    assert reference_cable_id(text, "08") == cable_id


@pytest.mark.parametrize("text", [
    "DOE-ROE EMAIL 10/9", "DOE-ROE TELCON 14 MARCH 05", "MEMCON OF 12 MAY", "RIGA DAILY REPORT 12/4/09",
    "03 USDAO RIGA IIR 6 809 0235 03", "FBIS EUR20040305000019", "12 FAM 453", "FAM 123", "HTTP://WWW.EXAMPLE.GOV 12",
    "WWW.EXAMPLE.GOV", "DIPNOTE 12", "MEETING 5", "LETTER 3 FROM THE MINISTER", "ROE-DOE E-MAILS AUGUST 28",
    "DEPT OF TREAS 241534Z MAR 06", "PARA 3 ABOVE", "SECTION 2", "UNSCR 1701", "RESOLUTION 1540", "MAY 1 DOE LETTER",
    "APRIL 7 AND 8 RIGA DAILY REPORTS", "E.O. 12958", "RIGA 02/10/08", "97114", "STATE CA-3400 NOV 2, 1966",
    "TD-314/18176-06", "RIGA 5/2 - 5/11", "SECDEF DTG261447ZNOV08 (LOREM)", "RIGA 261447ZNOV08", "",
])
def test_references_that_are_no_cables_keep_their_text_and_no_id(text: str) -> None:
    assert reference_cable_id(text, "08") is None
    if text:
        assert refs(f"A. {text} B. RIGA 1") == [("A", text, None), ("B", "RIGA 1", "08RIGA1")]


def test_a_reference_without_a_year_names_no_cable() -> None:
    assert refs("A. RIGA 1", None) == [("A", "RIGA 1", None)]


def _cable_with(references: tuple[Reference, ...]) -> Cable:
    return Cable(classification=Classification.CONFIDENTIAL, subject="LOREM IPSUM", references=references)


@pytest.mark.parametrize("text", [
    "A. RIGA 101 AND 102 B. STATE 41252, 44603 C. DOE-ROE EMAIL 10/9",
    "MALABO 19, 21, 26; 07 RIGA 5",
    "A. 09RIGA2189 B. 07 TGG 1818 C. PARA 3 ABOVE",
])
def test_references_survive_the_text_round_trip(text: str) -> None:
    cable = _cable_with(parse_references(text, None))
    again = cablekit.parse(cablekit.dumps(cable, "text"), mode="strict")
    assert again.references == cable.references
    assert [read_references(r.text, None).cable_ids for r in again.references] == [
        read_references(r.text, None).cable_ids for r in cable.references]


# ---------------------------------------------------------------- Classified By: the person


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Ambassador Jane Q. Doe for reasons 1.4 (b) and (d)", "Jane Q. Doe", "Ambassador"),
    ("DEPUTY CHIEF OF MISSION, JOHN R. ROE FOR REASONS 1.4 (B,D)", "JOHN R. ROE", "DEPUTY CHIEF OF MISSION"),
    ("Pol/Econ Counselor, Mary Zuniga-Roe, for reasons 1.4 (b/d)", "Mary Zuniga-Roe", "Pol/Econ Counselor"),
    ("John T. Doe, CDA, Embassy Vilnius, Dept of State. REASON: 1.4 (b), (d)", "John T. Doe",
     "CDA, Embassy Vilnius, Dept of State"),
    ("Charge d'Affaires, a.i. Peter Roe for Reasons 1.4 (B, D)", "Peter Roe", "Charge d'Affaires, a.i."),
    ("Charge d,Affaires J. Robert Doe, reasons 1.4 (b) and (d).", "J. Robert Doe", "Charge d,Affaires"),
    ("Economic-Political Minister-Counselor Donald A. Roe for reason 1.4 (d).", "Donald A. Roe",
     "Economic-Political Minister-Counselor"),
    ("DCM John O. Doe, Jr. for Reasons 1.4 (B, D)", "John O. Doe, Jr.", "DCM"),
    ("AMBASSADOR JOHN DOE, JR., REASONS 1.4(B),(D).", "JOHN DOE, JR.", "AMBASSADOR"),
    ("Political Counselor John M. Roe, Jr . for reasons 1.4 b and d", "John M. Roe, Jr.", "Political Counselor"),
    ("Ambassador John Doe III, reasons 1.4 (b)", "John Doe III", "Ambassador"),
    ("Ambassador Carol van Roe for reasons 1.4 (b) and (d).", "Carol van Roe", "Ambassador"),
    ("Ambassador Jane Doe, U.S. Embassy Vilnius, Reasons: 1.4 (B and D)", "Jane Doe",
     "Ambassador, U.S. Embassy Vilnius"),
    ("PolMinCouns Jane Doe, reasons 1.4 (b/d)", "Jane Doe", "PolMinCouns"),
    ("ECPO Minister-Counselor Jane Doe for reasons 1.4 (b) and (d).", "Jane Doe", "ECPO Minister-Counselor"),
    ("Ambassador Doe for reasons 1.5 (b) and (d).", "Doe", "Ambassador"),
    ("DCM Jane Doe", "Jane Doe", "DCM"),
    ("Ambassador for reasons 1.4 (b,d).", None, "Ambassador"),
])
def test_the_person_in_every_form(text: str, name: str | None, title: str | None) -> None:
    classifier = parse_classifier(text)
    assert (classifier.name, classifier.title) == (name, title)


@pytest.mark.parametrize("text", [
    "Classified by Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
    "Classified By: Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
    "CLASSIFIED BY: Classified By: Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
    "(U) Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
    "(U) Classified by Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
    "by Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
    ": Political Counselor Jane Doe. Reasons 1.4 (b)(d).",
])
def test_a_repeated_label_and_a_marking_before_the_person_are_skipped(text: str) -> None:
    assert parse_classifier(text) == Classifier(name="Jane Doe", title="Political Counselor",
                                                reasons=("1.4(b)", "1.4(d)"))


# ---------------------------------------------------------------- Classified By: the reasons


@pytest.mark.parametrize(("written", "reasons"), [
    ("for reasons 1.4 (b) and (d)", ("1.4(b)", "1.4(d)")),
    ("for reasons 1. 4 (b) & (d)", ("1.4(b)", "1.4(d)")),
    ("FOR REASONS 1 .4 (B AND D)", ("1.4(b)", "1.4(d)")),
    ("FOR REASONS 1. 5(B,D)", ("1.5(b)", "1.5(d)")),
    ("REASONS 1.5(B,D)", ("1.5(b)", "1.5(d)")),
    ("per 1.4 (b) and (d).", ("1.4(b)", "1.4(d)")),
    ("PER 1.4 (B/D)", ("1.4(b)", "1.4(d)")),
    ("- 1.5 B,D", ("1.5(b)", "1.5(d)")),
    ("reasons 1.4 (b/ d).", ("1.4(b)", "1.4(d)")),
    ("for reasons 1.4 (b+d)", ("1.4(b)", "1.4(d)")),
    ("for reasons 1.4(b) and 1.4(d)", ("1.4(b)", "1.4(d)")),
    ("for reasons 1.4 (a) (b) and (h)", ("1.4(a)", "1.4(b)", "1.4(h)")),
    ("REASON: 1.4 (b), (c), (d)", ("1.4(b)", "1.4(c)", "1.4(d)")),
    ("Reason(s): 1.5 (b),(d)", ("1.5(b)", "1.5(d)")),
    ("reasons: E.O. 12958 1. 4 (b,d).", ("1.4(b)", "1.4(d)")),
    ("Reason: Sections 1.4 (b) and (d).", ("1.4(b)", "1.4(d)")),
    ("for reaso ns 1.4 b and d.", ("1.4(b)", "1.4(d)")),
    ("R EASONS: 1.4(B/D).", ("1.4(b)", "1.4(d)")),
    ("for reasons 1.4 B A ND D", ("1.4(b)", "1.4(d)")),
    ("reasons 1.4 (b) an d (d)", ("1.4(b)", "1.4(d)")),
    ("reasons 1,4 (b) and (d).", ("1.4(b)", "1.4(d)")),
    ("reasons 1.4 (b, d, X6)", ("1.4(b)", "1.4(d)")),
    ("reasons 1.4 ( b, d)", ("1.4(b)", "1.4(d)")),
    ("f or reasons 1.4 (d)", ("1.4(d)",)),
    ("reasons", ()),
    ("reasons 1...", ()),
])
def test_the_reasons_as_written(written: str, reasons: tuple[str, ...]) -> None:
    classifier = parse_classifier(f"Ambassador Jane Doe {written}")
    assert classifier.reasons == reasons
    assert (classifier.name, classifier.title) == ("Jane Doe", "Ambassador")


def test_the_older_dash_form() -> None:
    reading = read_classifier("CLASSIFIED BY DCM JANE DOE - 1.5 B,D")
    assert reading == (Classifier(name="JANE DOE", title="DCM", reasons=("1.5(b)", "1.5(d)")), "")


@pytest.mark.parametrize(("after", "tail"), [
    (". (C) Lorem ipsum dolor.", "(C) Lorem ipsum dolor."),
    (" (C) Lorem ipsum dolor.", "(C) Lorem ipsum dolor."),
    (" 1. (C) Summary: Lorem ipsum.", "1. (C) Summary: Lorem ipsum."),
    (" \u00b61. (S/NF) Lorem ipsum.", "\u00b61. (S/NF) Lorem ipsum."),
    (". Summary -------", "Summary -------"),
    (" Action Request in Paragraph 4.", "Action Request in Paragraph 4."),
    (" A senior official said.", "A senior official said."),
    (" (SBU) Lorem.", "(SBU) Lorem."),
    (".", ""),
    ("", ""),
])
def test_text_after_the_reasons_is_the_tail_and_gives_no_reasons(after: str, tail: str) -> None:
    reading = read_classifier(f"Ambassador Jane Doe for reasons 1.4 (b) and (d){after}")
    assert reading.classifier.reasons == ("1.4(b)", "1.4(d)")
    assert reading.tail == tail


def test_a_letter_after_and_is_a_reason_whatever_follows() -> None:
    reading = read_classifier("DCM JANE DOE FOR REASONS 1.4 B & D This message holds an action request.")
    assert reading.classifier.reasons == ("1.4(b)", "1.4(d)")
    assert reading.tail == "This message holds an action request."


@given(st.text(max_size=200))
def test_the_classifier_decoder_never_raises_and_keeps_the_tail_from_the_text(text: str) -> None:
    reading = read_classifier(text)
    assert reading.tail in " ".join(text.split())
    assert all(len(reason) == 6 and reason[:2] == "1." for reason in reading.classifier.reasons)


# ---------------------------------------------------------------- E.O.


@pytest.mark.parametrize(("rest", "day", "rule"), [
    ("DECL: 05/01/2016", (2016, 5, 1), None),
    ("DECL: 2019/09/22", (2019, 9, 22), None),
    ("DECL: 2019-02-12", (2019, 2, 12), None),
    ("DECL 2019/9/2", (2019, 9, 2), None),
    ("DECL: TWENTY YEARS", None, "TWENTY YEARS"),
    ("decl: after lorem ipsum", None, "after lorem ipsum"),
    ("DECL: 2019/13/45", None, "2019/13/45"),
    ("N/A", None, "N/A"),
])
def test_the_declassification_date_in_every_form(rest: str, day: tuple[int, int, int] | None,
                                                 rule: str | None) -> None:
    eo = parse_eo(f"E.O. 12958: {rest}", "12958", rest)
    assert (eo.declassify_on.timetuple()[:3] if eo.declassify_on else None, eo.rule) == (day, rule)


# ---------------------------------------------------------------- TAGS


@pytest.mark.parametrize(("text", "codes", "tail"), [
    ("EFIN PTER KCRM XY SUBJECT: LOREM IPSUM DOLOR", ["EFIN", "PTER", "KCRM", "XY"], "SUBJECT: LOREM IPSUM DOLOR"),
    ("PGOV, PREL, XY SUBJECT LOREM", ["PGOV", "PREL", "XY"], "SUBJECT LOREM"),
    ("PGOV PTER XY UBJECT: LOREM WILL IPSUM", ["PGOV", "PTER", "XY"], "UBJECT: LOREM WILL IPSUM"),
    ("PGOV XY Subject: lorem", ["PGOV", "XY"], "Subject: lorem"),
    ("PGOV XY SUBJ: LOREM", ["PGOV", "XY"], "SUBJ: LOREM"),
    ("PGOV XY REF: RIGA 12", ["PGOV", "XY"], "REF: RIGA 12"),
    ("PGOV XY Classified By: Jane Doe", ["PGOV", "XY"], "Classified By: Jane Doe"),
    ("PGOV SUBJECTS XY", ["PGOV", "SUBJECTS", "XY"], ""),
    ("PGOV XY", ["PGOV", "XY"], ""),
])
def test_tags_stop_at_the_label_of_a_glued_field(text: str, codes: list[str], tail: str) -> None:
    reading = read_tags(text)
    assert ([t.code for t in reading.tags], reading.tail) == (codes, tail)
    assert parse_tags(text) == reading.tags


def test_descriptors_of_older_tags_lines_are_kept_as_keywords() -> None:
    tags = parse_tags("PGOV PREL XY EUN LOREM POLITICS")
    assert [(t.code, t.kind) for t in tags[-2:]] == [("LOREM", TagKind.KEYWORD), ("POLITICS", TagKind.KEYWORD)]


# ---------------------------------------------------------------- classification levels


@pytest.mark.parametrize(("written", "level", "caveats"), [
    ("CO N F I D E N T I A L", Classification.CONFIDENTIAL, ()),
    ("C ONFIDENTIAL", Classification.CONFIDENTIAL, ()),
    ("SE C R E T", Classification.SECRET, ()),
    ("S E C R E T", Classification.SECRET, ()),
    ("T O P S E C R E T", Classification.TOP_SECRET, ()),
    ("TOP SECRET//NOFORN", Classification.TOP_SECRET, ("NOFORN",)),
    ("UNCLAS E F T O", Classification.UNCLASSIFIED, ("EFTO",)),
    ("LIMITED OFFICIAL USE", Classification.UNCLASSIFIED, ("LIMITED OFFICIAL USE",)),
    ("c o n f i d e n t i a l", Classification.CONFIDENTIAL, ()),
    ("LOREM", None, ()),
])
def test_a_level_with_damaged_spacing_reads_as_the_level(written: str, level: Classification | None,
                                                         caveats: tuple[str, ...]) -> None:
    assert classification_of(written) == (level, caveats)


# ---------------------------------------------------------------- never raise

_PIECES = st.sampled_from(["A.", "B)", "(C)", "REF A:", "\u00b6", "[B](#)", "RIGA", "STATE", "12", "00001234",
                           "001.2", "OF", "002", "PAGE", "AND", ",", ";", " ", "CONFIDENTIAL", "1.4", "(b)", "reasons",
                           "for", "Jr.", "SUBJECT:", "2019/09/22", "DECL:", "x"])


@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_the_decoders_never_raise(text: str) -> None:
    reading = read_references(text, "08")
    assert all(len(r.text) <= len(text) for r in reading.references)
    assert all(ids[0] == r.cable_id for ids, r in zip(reading.cable_ids, reading.references, strict=True) if ids)
    read_classifier(text)
    read_tags(text)
    parse_eo(text, None, text)
    classification_of(text)
