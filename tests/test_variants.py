"""Format variants: every shape a clean cable's fields come in.

All cables here are made up (posts, people, numbers) in the shape of real ones.
The builder in ``builders.py`` composes header, banner, head and body so each
test only spells out the part it is about.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import cablekit
from builders import SUMMARY, cable, clean, line_of, make_head, make_header, paras
from cablekit import (
    CableParseError,
    Classification,
    Mode,
    Precedence,
    TagKind,
    normalize,
    parse,
)

# --------------------------------------------------------------------------- clean input

def test_base_cable_is_clean() -> None:
    text = cable()
    assert parse(text).defects == ()


@pytest.mark.parametrize("mode", ["strict", Mode.STRICT])
def test_strict_equals_lenient_on_clean_input(mode: str | Mode) -> None:
    text = cable()
    lenient = parse(text)
    assert lenient.defects == ()
    assert parse(text, mode=mode) == lenient
    assert parse(text, mode=Mode.LENIENT) == lenient


def test_strict_equals_lenient_on_clean_pilcrow_cable() -> None:
    text = cable(body=paras("\u00b61. (C) First point.", "\u00b62. (C) Second point.",
                            "\u00b63. (U) Third point."))
    lenient = parse(text)
    assert lenient.defects == ()  # a plain pilcrow marker is the original form
    assert parse(text, mode="strict") == lenient
    assert [p.number for p in lenient.paragraphs] == [1, 2, 3]
    assert lenient.paragraphs[0].marker == "\u00b61."


def test_genuine_paragraphs_ten_to_twelve_are_not_damage() -> None:
    body = paras(*(f"{n}. (C) Point number {n}." for n in range(1, 13)))
    text = cable(body=body)
    parsed = parse(text)
    assert [p.number for p in parsed.paragraphs] == list(range(1, 13))
    assert parsed.paragraphs[10].marker == "11."
    assert parsed.paragraphs[10].text == "Point number 11."
    assert parsed.defects == ()
    assert parse(text, mode="strict") == parsed


# --------------------------------------------------------------------------- transmission header

def test_header_fields() -> None:
    h = parse(cable()).header
    assert h is not None
    assert h.transmission_id == "VZCZCXRO5127"
    assert h.routing == ("RUEHAG", "RUEHROV", "RUEHBC", "RUEHDE")
    assert h.station == "RUEHTL"
    assert h.station_serial == 412
    assert h.section == 1
    assert h.julian_day == 73
    assert h.security == "ZNY CCCCC ZZH"
    assert h.precedence is Precedence.PRIORITY
    assert h.dtg == datetime(2008, 3, 13, 10, 25, tzinfo=UTC)
    assert h.dtg is not None and h.dtg.utcoffset() is not None
    assert h.origin == "AMEMBASSY TALLINN"


def test_header_recipients() -> None:
    h = parse(cable()).header
    assert h is not None
    (to,) = h.recipients
    assert (to.routing_indicator, to.name, to.precedence, to.serial) == (
        "RUEHC", "SECSTATE WASHDC", "PRIORITY", "0958")
    assert [(r.routing_indicator, r.name, r.precedence, r.serial) for r in h.info_recipients] == [
        ("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE", "PRIORITY", None),
        ("RUEHRA", "AMEMBASSY RIGA", "PRIORITY", "0217"),
    ]


def test_niact_immediate_recipient() -> None:
    text = cable(header=make_header(routing="OO RUEHAG", dtg="O 131025Z MAR 08",
                               recipients="TO RUEHC/SECSTATE WASHDC NIACT IMMEDIATE 0044"))
    h = parse(text).header
    assert h is not None
    assert h.precedence is Precedence.IMMEDIATE
    (to,) = h.recipients
    assert (to.name, to.precedence, to.serial) == ("SECSTATE WASHDC", "NIACT IMMEDIATE", "0044")


@pytest.mark.parametrize(("letter", "expected"), [
    ("R", Precedence.ROUTINE),
    ("P", Precedence.PRIORITY),
    ("O", Precedence.IMMEDIATE),
    ("Z", Precedence.FLASH),
])
def test_precedence_from_dtg_letter(letter: str, expected: Precedence) -> None:
    text = cable(header=make_header(routing=f"{letter}{letter} RUEHAG", dtg=f"{letter} 131025Z MAR 08"))
    h = parse(text).header
    assert h is not None and h.precedence is expected


@pytest.mark.parametrize(("dtg", "de", "expected"), [
    ("R 021530Z JAN 75", "DE RUEHTL #0412 0021530", datetime(1975, 1, 2, 15, 30, tzinfo=UTC)),
    ("R 311200Z DEC 99", "DE RUEHTL #0412 3651200", datetime(1999, 12, 31, 12, 0, tzinfo=UTC)),
    ("R 131025Z MAR 08", "DE RUEHTL #0412 0731025", datetime(2008, 3, 13, 10, 25, tzinfo=UTC)),
])
def test_dtg_two_digit_years(dtg: str, de: str, expected: datetime) -> None:
    parsed = parse(cable(header=make_header(routing="RR RUEHAG", de=de, dtg=dtg)))
    assert parsed.header is not None
    assert parsed.header.dtg == expected
    assert parsed.header.section is None
    assert parsed.reference_id == f"{expected:%y}TALLINN412"


def test_xmt_exclusions_attach_to_collective_above() -> None:
    recipients = ("TO RUEHC/SECSTATE WASHDC PRIORITY 0958\n"
                  "INFO RUEHXK/ARAB ISRAELI COLLECTIVE PRIORITY\n"
                  "XMT AMCONSUL ALEXANDRETTA\n"
                  "XMT AMEMBASSY NORTHPORT\n"
                  "RUEKJCS/SECDEF WASHDC PRIORITY")
    h = parse(cable(header=make_header(recipients=recipients))).header
    assert h is not None
    collective, secdef = h.info_recipients
    assert collective.name == "ARAB ISRAELI COLLECTIVE"
    assert collective.excluded == ("AMCONSUL ALEXANDRETTA", "AMEMBASSY NORTHPORT")
    assert secdef.name == "SECDEF WASHDC"
    assert secdef.excluded == ()


@pytest.mark.parametrize(("security", "expected"), [
    ("ZNY CCCCC ZZH", Classification.CONFIDENTIAL),
    ("ZNY SSSSS ZZH", Classification.SECRET),
    ("ZNR UUUUU ZZH", Classification.UNCLASSIFIED),
])
def test_classification_from_security_line_without_banner(security: str, expected: Classification) -> None:
    parsed = parse(cable(header=make_header(security=security), banner=None))
    assert parsed.banner is None
    assert parsed.header is not None and parsed.header.security == security
    assert parsed.classification is expected


def test_old_telegram_without_routing_indicators() -> None:
    text = (
        "R 021530Z JAN 75\n"
        "FM AMEMBASSY BUCHAREST\n"
        "TO SECSTATE WASHDC 0031\n"
        "BT\n"
        "CONFIDENTIAL BUCHAREST 0031\n"
        "\n"
        "E.O. 11652: GDS\n"
        "TAGS: PFOR, RO, US\n"
        "SUBJECT: NEW YEAR CALL ON FOREIGN MINISTER\n"
        "\n"
        "1. DURING NEW YEAR CALL MINISTER STRESSED TRADE TIES.\n"
        "\n"
        "2. EMBASSY WILL REPORT FURTHER.\n"
        "BT\n"
        "#0031\n"
        "NNNN\n"
    )
    parsed = clean(text)
    assert parsed.header is not None
    assert parsed.header.dtg == datetime(1975, 1, 2, 15, 30, tzinfo=UTC)
    assert parsed.header.origin == "AMEMBASSY BUCHAREST"
    (to,) = parsed.header.recipients
    assert (to.routing_indicator, to.name, to.serial) == (None, "SECSTATE WASHDC", "0031")
    assert parsed.reference_id == "75BUCHAREST31"
    assert parsed.classification is Classification.CONFIDENTIAL
    assert parsed.eo is not None and (parsed.eo.order, parsed.eo.rule) == ("11652", "GDS")
    assert [t.code for t in parsed.tags] == ["PFOR", "RO", "US"]
    assert [p.number for p in parsed.paragraphs] == [1, 2]


# --------------------------------------------------------------------------- banner

@pytest.mark.parametrize(("banner", "level", "section", "sections", "origin", "serial", "ref_id"), [
    ("C O N F I D E N T I A L SECTION 01 OF 02 TALLINN 000412",
     Classification.CONFIDENTIAL, 1, 2, "TALLINN", 412, "08TALLINN412"),
    ("CONFIDENTIAL TALLINN 000412", Classification.CONFIDENTIAL, None, None, "TALLINN", 412, "08TALLINN412"),
    ("S E C R E T TALLINN 000412", Classification.SECRET, None, None, "TALLINN", 412, "08TALLINN412"),
    ("SECRET SECTION 01 OF 03 TALLINN 000412", Classification.SECRET, 1, 3, "TALLINN", 412, "08TALLINN412"),
    ("T O P S E C R E T TALLINN 000412", Classification.TOP_SECRET, None, None, "TALLINN", 412,
     "08TALLINN412"),
    ("UNCLAS SECTION 01 OF 02 STATE 019876", Classification.UNCLASSIFIED, 1, 2, "STATE", 19876,
     "08STATE19876"),
    ("UNCLAS TALLINN 000412", Classification.UNCLASSIFIED, None, None, "TALLINN", 412, "08TALLINN412"),
    ("UNCLASSIFIED PORT LOUIS 000087", Classification.UNCLASSIFIED, None, None, "PORT LOUIS", 87,
     "08PORTLOUIS87"),
])
def test_banner_variants(banner: str, level: Classification, section: int | None, sections: int | None,
                         origin: str, serial: int, ref_id: str) -> None:
    parsed = parse(cable(banner=banner))
    assert parsed.banner is not None
    b = parsed.banner
    assert (b.classification, b.section, b.sections, b.origin, b.serial) == (
        level, section, sections, origin, serial)
    assert parsed.classification is level
    assert parsed.reference_id == ref_id


@pytest.mark.parametrize("banner", [
    "S E C R E T NOFORN TALLINN 000412",
    "SECRET NOFORN SECTION 01 OF 02 TALLINN 000412",
    "S E C R E T SECTION 01 OF 02 TALLINN 000412 NOFORN",
])
def test_noforn_in_banner_goes_to_caveats(banner: str) -> None:
    parsed = parse(cable(banner=banner))
    assert parsed.classification is Classification.SECRET
    assert parsed.banner is not None and parsed.banner.serial == 412
    assert parsed.caveats == ("NOFORN", "SIPDIS")


def test_limited_official_use_is_unclassified_with_caveat() -> None:
    parsed = parse(cable(banner="LIMITED OFFICIAL USE TALLINN 000412"))
    assert parsed.classification is Classification.UNCLASSIFIED
    assert parsed.banner is not None and parsed.banner.origin == "TALLINN"
    assert "LIMITED OFFICIAL USE" in parsed.caveats
    assert parsed.reference_id == "08TALLINN412"


def test_caveats_deduplicated_in_first_seen_order() -> None:
    text = cable(banner="UNCLAS SECTION 01 OF 02 TALLINN 000412",
                 head=make_head(caveats=("SENSITIVE", "SIPDIS", "SIPDIS", "EXDIS", "SENSITIVE")))
    assert parse(text).caveats == ("SENSITIVE", "SIPDIS", "EXDIS")


def test_office_lines() -> None:
    offices = ("STATE FOR EUR/NB, EUR/RUS AND INR", "NSC FOR K. HALLORAN", "DEPT PASS TO USTR")
    parsed = parse(cable(head=make_head(offices=offices)))
    assert parsed.offices == offices
    assert parsed.caveats == ("SIPDIS",)


# --------------------------------------------------------------------------- E.O.

@pytest.mark.parametrize(("line", "order", "declassify_on", "rule", "raw"), [
    ("E.O. 12958: DECL: 03/12/2018", "12958", date(2018, 3, 12), None, "12958: DECL: 03/12/2018"),
    ("E.O. 13526: DECL: 11/30/2020", "13526", date(2020, 11, 30), None, "13526: DECL: 11/30/2020"),
    ("E.O. 12958: N/A", "12958", None, "N/A", "12958: N/A"),
    ("E.O. 12958: DECL: OADR", "12958", None, "OADR", "12958: DECL: OADR"),
    ("E.O. 12356: DECL: OADR", "12356", None, "OADR", "12356: DECL: OADR"),
    ("E.O. 12958: DECL: 1.6X1", "12958", None, "1.6X1", "12958: DECL: 1.6X1"),
    ("E.O. 13526: DECL: 25X1", "13526", None, "25X1", "13526: DECL: 25X1"),
    ("E.O. 12958: DECL: 10 YEARS", "12958", None, "10 YEARS", "12958: DECL: 10 YEARS"),
    ("E.O. 11652: GDS", "11652", None, "GDS", "11652: GDS"),
    ("EO 12958 DECL: 03/12/2018", "12958", date(2018, 3, 12), None, "12958 DECL: 03/12/2018"),
])
def test_executive_order_forms(line: str, order: str, declassify_on: date | None, rule: str | None,
                               raw: str) -> None:
    eo = parse(cable(head=make_head(eo=line))).eo
    assert eo is not None
    assert (eo.order, eo.declassify_on, eo.rule, eo.raw) == (order, declassify_on, rule, raw)


# --------------------------------------------------------------------------- TAGS

def _tags(line: str) -> list[tuple[str, TagKind]]:
    return [(t.code, t.kind) for t in parse(cable(head=make_head(tags=line))).tags]


S, P, G, ORG, PERSON = (TagKind.SUBJECT, TagKind.PROGRAM, TagKind.GEOGRAPHIC, TagKind.ORGANIZATION,
                      TagKind.PERSON)


@pytest.mark.parametrize("line", [
    "TAGS: PREL PGOV KDEM EN RS",
    "TAGS: PREL, PGOV, KDEM, EN, RS",
    "TAGS PREL PGOV KDEM EN RS",
    "TAGS: PREL PGOV KDEM\nEN RS",
])
def test_tags_separators_and_wrapping(line: str) -> None:
    assert _tags(line) == [("PREL", S), ("PGOV", S), ("KDEM", P), ("EN", G), ("RS", G)]


def test_tag_kinds() -> None:
    assert _tags("TAGS: ECON KNNP OEXC NATO OSCE IAEA UNSC ASEAN EN XYZZY QQ") == [
        ("ECON", S), ("KNNP", P), ("OEXC", P), ("NATO", ORG), ("OSCE", ORG), ("IAEA", ORG),
        ("UNSC", ORG), ("ASEAN", ORG), ("EN", G), ("XYZZY", TagKind.KEYWORD), ("QQ", TagKind.UNKNOWN),
    ]


def test_person_tag() -> None:
    assert _tags("TAGS: OVIP (KASK, URMAS) PREL EN") == [
        ("OVIP", P), ("KASK, URMAS", PERSON), ("PREL", S), ("EN", G)]


def test_lower_case_tags_are_upper_cased_and_deduplicated_by_normalize() -> None:
    parsed = parse(cable(head=make_head(tags="TAGS: prel pgov PREL en")))
    assert [t.code for t in parsed.tags][:2] == ["prel", "pgov"]  # as written
    assert [t.code for t in normalize(parsed).tags] == ["PREL", "PGOV", "EN"]


def test_tags_with_link_artifacts_normalize_to_codes() -> None:
    parsed = clean(cable(head=make_head(tags="TAGS: [PREL](#) [PGOV](#) [EN](#)")))
    assert [(t.code, t.kind) for t in parsed.tags] == [("PREL", S), ("PGOV", S), ("EN", G)]


# --------------------------------------------------------------------------- SUBJECT

def test_wrapped_subject_is_one_line() -> None:
    parsed = clean(cable())
    assert parsed.subject == "ESTONIA: FOREIGN MINISTER PREVIEWS BALTIC SUMMIT AGENDA"


def test_wrapped_subject_with_marking_and_indent() -> None:
    subject = "SUBJECT: (C) ESTONIA: FOREIGN MINISTER PREVIEWS BALTIC\n         SUMMIT AGENDA"
    parsed = clean(cable(head=make_head(subject=subject)))
    assert parsed.subject is not None
    assert parsed.subject.endswith("ESTONIA: FOREIGN MINISTER PREVIEWS BALTIC SUMMIT AGENDA")
    assert "\n" not in parsed.subject
    assert "  " not in parsed.subject


# --------------------------------------------------------------------------- REF

def _refs(ref: str) -> list[tuple[str | None, str, str | None]]:
    return [(r.label, r.text, r.cable_id) for r in clean(cable(head=make_head(ref=ref))).references]


@pytest.mark.parametrize("ref", [
    "REF: A. TALLINN 388 B. 07 STATE 45120",
    "REF: A. TALLINN 388\n     B. 07 STATE 45120",
    "REF: (A) TALLINN 388 (B) 07 STATE 45120",
    "REF: A) TALLINN 388\nB) 07 STATE 45120",
    "REF: A. (A) TALLINN 388\nB. (B) 07 STATE 45120",
])
def test_reference_label_styles(ref: str) -> None:
    assert _refs(ref) == [("A", "TALLINN 388", "08TALLINN388"), ("B", "07 STATE 45120", "07STATE45120")]


def test_reference_years_and_secstate() -> None:
    ref = ("REF: A. 2007 STATE 45120\n"
           "     B. SECSTATE 23011\n"
           "     C. 00 CAPE TOWN 2150\n"
           "     D. TALLINN 000388")
    assert _refs(ref) == [
        ("A", "2007 STATE 45120", "07STATE45120"),
        ("B", "SECSTATE 23011", "08STATE23011"),
        ("C", "00 CAPE TOWN 2150", "00CAPETOWN2150"),
        ("D", "TALLINN 000388", "08TALLINN388"),
    ]


def test_non_cable_reference_and_in_sequence_labels() -> None:
    ref = "REF: A. TALLINN 388 B. EMAIL J. MILLARD-ROOS 03/10/08 C. RIGA 1120"
    assert _refs(ref) == [
        ("A", "TALLINN 388", "08TALLINN388"),
        ("B", "EMAIL J. MILLARD-ROOS 03/10/08", None),
        ("C", "RIGA 1120", "08RIGA1120"),
    ]


def test_single_unlabeled_reference() -> None:
    assert _refs("REF: STATE 45120") == [(None, "STATE 45120", "08STATE45120")]


# --------------------------------------------------------------------------- Classified By

@pytest.mark.parametrize(("line", "title", "name", "reasons"), [
    ("Classified By: Ambassador Margaret R. Dunmore for reasons 1.4 (b) and (d)",
     "Ambassador", "Margaret R. Dunmore", ("1.4(b)", "1.4(d)")),
    ("CLASSIFIED BY: TOOMAS VAHER, POLITICAL COUNSELOR; REASON: 1.4(B)",
     "POLITICAL COUNSELOR", "TOOMAS VAHER", ("1.4(b)",)),
    ("Classified By: Political M/C Dana K. Orloff. Reasons 1.4 (b) and (d).",
     "Political M/C", "Dana K. Orloff", ("1.4(b)", "1.4(d)")),
    ("Classified By: Paul Ristow, Consul General, for reasons 1.4(B),(D)",
     "Consul General", "Paul Ristow", ("1.4(b)", "1.4(d)")),
    ("Classified By: Ambassador Margaret R. Dunmore for reasons 1.4 (B, D)",
     "Ambassador", "Margaret R. Dunmore", ("1.4(b)", "1.4(d)")),
    ("Classified By: Ambassador Margaret R. Dunmore for reasons 1.4b/d",
     "Ambassador", "Margaret R. Dunmore", ("1.4(b)", "1.4(d)")),
])
def test_classified_by_forms(line: str, title: str, name: str, reasons: tuple[str, ...]) -> None:
    by = parse(cable(head=make_head(clby=line))).classified_by
    assert by is not None
    assert (by.title, by.name, by.reasons) == (title, name, reasons)


def test_classified_by_in_numbered_paragraph() -> None:
    body = paras("1. (U) CLASSIFIED BY DCM HARRY PELTO; REASONS 1.5 (B) AND (D).",
                 "2. (C) Kask said the summit would open on time.")
    by = parse(cable(head=make_head(clby=None), body=body)).classified_by
    assert by is not None
    assert (by.title, by.name, by.reasons) == ("DCM", "HARRY PELTO", ("1.5(b)", "1.5(d)"))


# --------------------------------------------------------------------------- paragraphs

@pytest.mark.parametrize(("marking", "expected"), [
    ("(U) ", "U"), ("(SBU) ", "SBU"), ("(C) ", "C"), ("(S) ", "S"), ("(S//NF) ", "S//NF"),
    ("(C/NF) ", "C/NF"), ("(TS) ", "TS"), ("(U//FOUO) ", "U//FOUO"), ("", None),
])
def test_paragraph_markings(marking: str, expected: str | None) -> None:
    body = paras(f"1. {marking}The delegation arrived on Monday.", "2. (U) It left on Friday.")
    first = parse(cable(body=body)).paragraphs[0]
    assert first.number == 1
    assert first.classification == expected
    assert first.text == "The delegation arrived on Monday."


def test_paragraph_text_lines_marker_and_position() -> None:
    text = cable()
    first, second, third = parse(text).paragraphs
    assert first.text == ("Summary: Foreign Minister Kask told the Ambassador on\n"
                          "March 12 that Tallinn will press for a joint energy statement\n"
                          "at the summit. End Summary.")
    assert (first.number, first.marker, first.classification) == (1, "1.", "C")
    assert first.line == line_of(text, "1. (C) Summary")
    assert second.line == line_of(text, "2. (C) Kask")
    assert third.line == line_of(text, "3. (U) Comment")
    assert third.classification == "U"


def test_normalize_joins_hard_wraps() -> None:
    first = clean(cable()).paragraphs[0]
    assert first.text == f"Summary: {SUMMARY} End Summary."
    assert clean(cable()).paragraphs[1].text == (
        "Kask said the summit would open with a session on regional security.")


def test_heading_belongs_to_next_paragraph() -> None:
    body = paras("1. (C) Kask opened the meeting.", "REGIONAL SECURITY",
                 "2. (C) He turned to defense spending.", "The View From Tallinn",
                 "3. (U) Tallinn is upbeat.")
    parsed = parse(cable(body=body))
    assert [p.heading for p in parsed.paragraphs] == [None, "REGIONAL SECURITY", "The View From Tallinn"]
    assert parsed.paragraphs[1].text == "He turned to defense spending."


def test_bullets_and_subparagraphs_stay_in_paragraph() -> None:
    body = paras("1. (C) Kask listed three priorities:\n-- energy links;\n-- air defense;\n-- visas.",
                 "2. (U) He added two requests:\nA. more exchanges.\nB. a ministerial visit.")
    parsed = parse(cable(body=body))
    assert [p.number for p in parsed.paragraphs] == [1, 2]
    assert parsed.paragraphs[0].text == (
        "Kask listed three priorities:\n-- energy links;\n-- air defense;\n-- visas.")
    assert parsed.paragraphs[1].text.endswith("B. a ministerial visit.")


def test_blank_separated_blocks_that_end_sentences_stay_apart() -> None:
    body = paras('1. (C) Kask said "no."\n\nHe then left the room.\n\nThree options remain:\n\n-- wait.',
                 "2. (U) Done (ref A).\n\nNext steps follow.")
    parsed = clean(cable(body=body))
    assert parsed.paragraphs[0].text == (
        'Kask said "no."\n\nHe then left the room.\n\nThree options remain:\n\n-- wait.')
    assert parsed.paragraphs[1].text == "Done (ref A).\n\nNext steps follow."


def test_normalize_collapses_whitespace_runs() -> None:
    body = paras("1. (C) Kask   said the\n   summit  would open on time.")
    assert clean(cable(body=body)).paragraphs[0].text == "Kask said the summit would open on time."


# --------------------------------------------------------------------------- summary

@pytest.mark.parametrize("body", [
    paras("1. (C) Summary: The Prime Minister backs the plan but\nfaces a restive coalition. End Summary.",
          "2. (C) Details follow."),
    paras("1. (U) This is an action request; see paragraph 3.",
          "2. (C) SUMMARY AND COMMENT: The Prime Minister backs the plan but faces a restive\n"
          "coalition. END SUMMARY AND COMMENT.",
          "3. (U) Action request follows."),
    paras("1. (C) Summary. The Prime Minister backs the plan but faces a restive coalition. end summary",
          "2. (C) Details follow."),
    paras("1. (C) SUMMARY: The Prime Minister backs the plan\nbut faces a restive coalition.\nEND SUMMARY",
          "2. (C) Details follow."),
    paras("1. (C) Summary: The Prime Minister backs the plan but faces a restive coalition.  ( End of Summary.)",
          "2. (C) Details follow."),
])
def test_summary_forms(body: str) -> None:
    expected = "The Prime Minister backs the plan but faces a restive coalition."
    assert clean(cable(body=body)).summary == expected


def test_summary_runs_to_the_paragraph_that_closes_it() -> None:
    body = paras("1. (C) Summary: The Prime Minister backs the plan but faces a restive coalition.",
                 "2. (C) Lawmakers from two [SUMMARY](#) parties are wavering. (End summary)",
                 "3. (C) Details follow.")
    assert clean(cable(body=body)).summary == ("The Prime Minister backs the plan but faces a restive coalition."
                                               " Lawmakers from two SUMMARY parties are wavering.")


def test_summary_from_base_cable() -> None:
    assert clean(cable()).summary == SUMMARY


# --------------------------------------------------------------------------- signers

def test_signer() -> None:
    assert parse(cable()).signers == ("DUNMORE",)


def test_mixed_case_signer_upper_cased_by_normalize() -> None:
    parsed = parse(cable(signer="Dunmore"))
    assert parsed.signers == ("Dunmore",)
    assert normalize(parsed).signers == ("DUNMORE",)


# --------------------------------------------------------------------------- reference id and normalize

def test_reference_id_from_dtg_year_banner_origin_and_serial() -> None:
    assert parse(cable()).reference_id == "08TALLINN412"


def test_reference_id_hint_wins_and_matching_hint_is_clean() -> None:
    parsed = parse(cable(), reference_id="08TALLINN412")
    assert parsed.reference_id == "08TALLINN412"
    assert parsed.defects == ()
    assert parse("1. (U) A fragment.\n", reference_id="08RIGA77").reference_id == "08RIGA77"


def test_normalize_accepts_text() -> None:
    text = cable()
    assert normalize(text) == normalize(parse(text))


def test_normalize_is_idempotent_and_canonical() -> None:
    once = clean(cable())
    assert normalize(once) == once
    assert [p.marker for p in once.paragraphs] == ["1.", "2.", "3."]


def test_full_clean_cable_values() -> None:
    parsed = clean(cable())
    assert isinstance(parsed, cablekit.Cable)
    assert parsed.classification is Classification.CONFIDENTIAL
    assert parsed.caveats == ("SIPDIS",)
    assert parsed.eo is not None and parsed.eo.declassify_on == date(2018, 3, 12)
    assert [t.code for t in parsed.tags] == ["PREL", "PGOV", "EN", "RS"]
    assert [r.cable_id for r in parsed.references] == ["08TALLINN388", "07STATE45120"]
    assert parsed.classified_by is not None and parsed.classified_by.name == "Margaret R. Dunmore"
    assert [(p.number, p.heading) for p in parsed.paragraphs] == [
        (1, None), (2, "The View From Tallinn"), (3, None)]
    assert parsed.signers == ("DUNMORE",)
    assert parsed.metadata is None


def test_strict_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse(cable(body=paras("1. (C) One.", "2, (C) Two.")), mode="strict")
    assert issubclass(CableParseError, cablekit.CableError)


OLD_TELEGRAM = """\
PAGE 01        LISBON  01234  01 OF 02  151502Z
ACTION EUR-12

INFO  OCT-01  ISO-00  SS-15  NSC-05  CIAE-00
      INR-07  NSAE-00   /040 W
                  ------------------ 123456  151530Z /38
R 151502Z FEB 74
FM AMEMBASSY LISBON
TO SECSTATE WASHDC 4411
INFO AMEMBASSY MADRID
AMEMBASSY PARIS
BT
C O N F I D E N T I A L LISBON 1234

E.O. 11652: GDS
TAGS: PFOR PO
SUBJECT: FOREIGN MINISTER ON COLONIAL POLICY

1. SUMMARY: THE MINISTER SPOKE OF A NEW POLICY. END SUMMARY.

2. HE GAVE NO DATES.
SMITHSON
NNNN
"""


def test_old_telegram_layout() -> None:
    """1970s layout: PAGE, ACTION and office-code INFO lines, a dashed trailer, BT and NNNN."""
    cable = parse(OLD_TELEGRAM)
    header = cable.header
    assert header is not None
    assert header.dtg == datetime(1974, 2, 15, 15, 2, tzinfo=UTC)
    assert header.precedence is Precedence.ROUTINE
    assert header.origin == "AMEMBASSY LISBON"
    assert [(r.name, r.serial) for r in header.recipients] == [("SECSTATE WASHDC", "4411")]
    assert [r.name for r in header.info_recipients] == ["AMEMBASSY MADRID", "AMEMBASSY PARIS"]
    assert cable.reference_id == "74LISBON1234"
    assert cable.classification is Classification.CONFIDENTIAL
    assert cable.eo is not None and (cable.eo.order, cable.eo.rule) == ("11652", "GDS")
    assert [p.number for p in cable.paragraphs] == [1, 2]
    assert cable.paragraphs[1].text == "HE GAVE NO DATES."
    assert cable.summary == "THE MINISTER SPOKE OF A NEW POLICY."
    assert cable.signers == ("SMITHSON",)
