"""Head, header and body variants of real cables (issue 15), one kind each, with made-up cables.

Each test names the shape it reads; the cables are invented in the real shape (posts, people and
numbers made up).
"""

from __future__ import annotations

import pytest

from cablekit import CableParseError, normalize, parse

BANNER = "C O N F I D E N T I A L RIGA 000123"
BODY = "1. (C) The minister agreed to all of it.\n\n2. (C) More talks follow.\n"


def _cable(head: str, body: str = BODY) -> str:
    return f"{BANNER}\n\nSIPDIS\n\n{head}\n\n{body}"


# --------------------------------------------------------------------------- subjects


def test_a_doubled_text_keeps_its_subject_references_and_classifier() -> None:
    text = "\n\n".join([BANNER, " ", "E.O. 12958: DECL: 07/21/2016 ", "TAGS: PGOV LG",
                        "SUBJECT: LATVIA: FAREWELL CALL ON THE INNER CIRCLE ", "MEMBER ", " ",
                        "REF: A. 05 RIGA 00141 ", "     \u00b6B. RIGA 01610 ", " ",
                        "Classified By: CDA Jane Doe, Reasons 1.4(b) and (d) ", " ",
                        "\u00b61.  (C) SUMMARY: The DCM paid a farewell call. End Summary."]) + "\n"
    parsed = parse(text)
    assert parsed.subject == "LATVIA: FAREWELL CALL ON THE INNER CIRCLE MEMBER"
    assert [r.text for r in parsed.references] == ["05 RIGA 00141", "RIGA 01610"]
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.4(b)", "1.4(d)")


@pytest.mark.parametrize(("head", "subject"), [
    ("SUBJECT: LATVIAN DIRECTOR PLANS MAJOR\n\nREFORMS\n\nREF: RIGA 1529", "LATVIAN DIRECTOR PLANS MAJOR REFORMS"),
    ('SUBJECT: PLANNING MINISTER ON TIES WITH\n\nAND ""SOCIAL PACT"" INITIATIVES\n\nREF: RIGA 496',
     'PLANNING MINISTER ON TIES WITH AND ""SOCIAL PACT"" INITIATIVES'),
    ("SUBJECT: PARTY CAUGHT FLAT-FOOTED BY\n\nQUICK MANEUVERS, SAYS SENIOR MP\nREF: RIGA 2666",
     "PARTY CAUGHT FLAT-FOOTED BY QUICK MANEUVERS, SAYS SENIOR MP"),
    ("E.O. 12958: N/A\nSUBJECT: DESIGNATION OF ENTITIES UNDER\nE.O. 13382\n\nREF: STATE 88759",
     "DESIGNATION OF ENTITIES UNDER E.O. 13382"),
])
def test_a_subject_goes_on_over_its_continuation_lines(head: str, subject: str) -> None:
    parsed = parse(_cable(head))
    assert parsed.subject == subject and parsed.references


def test_a_handling_sentence_glued_after_the_subject_is_cut_off() -> None:
    parsed = parse(_cable("SUBJECT: PLANNING WELL UNDER WAY Sensitive but Unclassified. Please handle accordingly."))
    assert parsed.subject == "PLANNING WELL UNDER WAY"
    assert "Sensitive but Unclassified. Please handle accordingly." in parsed.offices
    assert "glued-line" in [d.code for d in parsed.defects]


@pytest.mark.parametrize(("ref", "refs", "office"), [
    ("REF: A) RIGA 12; B) RIGA 34 AND PREVIOUS SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.",
     ["RIGA 12", "RIGA 34 AND PREVIOUS"], "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY."),
    ("REF: Riga 4521 Sensitive but Unclassified. Please handle accordingly.", ["Riga 4521"],
     "Sensitive but Unclassified. Please handle accordingly."),
    ("REF: 2009 RIGA 893 (U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED AND NOT FOR INTERNET DISTRIBUTION.",
     ["2009 RIGA 893"], "(U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED AND NOT FOR INTERNET DISTRIBUTION."),
    ("REF: STATE 4521\nSensitive but unclassified; not for Internet distribution.", ["STATE 4521"],
     "Sensitive but unclassified; not for Internet distribution."),
    ("REF: STATE 4521\nTHIS MESSAGE IS SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE\nACCORDINGLY.", ["STATE 4521"],
     "THIS MESSAGE IS SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY."),
])
def test_a_handling_line_after_a_ref_list_is_no_reference(ref: str, refs: list[str], office: str) -> None:
    parsed = parse(_cable(f"SUBJECT: PLANNING WELL UNDER WAY\n{ref}"))
    assert parsed.subject == "PLANNING WELL UNDER WAY" and [r.text for r in parsed.references] == refs
    assert parsed.offices == (office,) and "SENSITIVE BUT UNCLASSIFIED" in parsed.caveats
    assert [p.number for p in parsed.paragraphs] == [1, 2]


def test_caveats_glued_after_a_ref_list_are_caveats() -> None:
    parsed = parse(_cable("SUBJECT: LOREM\nREF: A) RIGA 12 B) 08 RIGA 1709 SENSITIVE BUT UNCLASSIFIED"))
    assert [r.text for r in parsed.references] == ["RIGA 12", "08 RIGA 1709"]
    assert parsed.offices == () and "SENSITIVE BUT UNCLASSIFIED" in parsed.caveats


@pytest.mark.parametrize("lines", [
    ("C O R R E C T E D C O P Y (ADDED ADDRESSEE)", "EUR POLITICAL COLLECTIVE", "STATE FOR EUR/NB"),
    ("C O R R E C T E D C O P Y (PARA 3 CHANGED)", "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY."),
])
def test_a_handling_line_takes_no_line_that_stands_on_its_own(lines: tuple[str, ...]) -> None:
    parsed = parse(_cable("\n".join(lines) + "\n\nSUBJECT: LOREM"))
    assert parsed.offices == lines and parsed.subject == "LOREM"


def test_a_handling_line_wrapped_over_two_lines_is_one_office_line() -> None:
    parsed = parse(_cable("SUBJECT: LOREM\n\nThis cable is Sensitive but Unclassified (SBU) and for official use\n"
                          "only. Not for transmission outside USG channels."))
    assert parsed.offices == ("This cable is Sensitive but Unclassified (SBU) and for official use only. "
                              "Not for transmission outside USG channels.",)
    assert [p.number for p in parsed.paragraphs] == [1, 2]


# --------------------------------------------------------------------------- Classified By before paragraph 1


@pytest.mark.parametrize("line", [
    "Classified By: POL/C JANE DOE; REASONS 1.4 (B) AND (D)",
    "(U) Classified by Ambassador Jane Doe. Reasons: 1.4 (b, d).",
])
def test_a_classified_by_line_the_head_left_is_read_and_no_heading(line: str) -> None:
    parsed = parse(_cable(f"SUBJECT: LOREM\n\nRef: a) riga 135 and previous\n\nFebruary 7\n\n{line}"))
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert all(p.heading is None for p in parsed.paragraphs)


def test_the_1990s_classified_by_inside_paragraph_1() -> None:
    parsed = parse(_cable("SUBJECT: LOREM", "1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: JANE Q. DOE, "
                                            "POLITICAL COUNSELOR. REASON: 1.5 (D).\n\n2. More.\n"))
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.5(d)",)


def test_text_glued_after_the_reasons_on_a_continuation_line_is_the_body() -> None:
    parsed = parse(_cable("SUBJECT: LOREM\nCLASSIFIED BY: Jane Doe, CDA, Embassy Riga, Department\nof State.\n"
                          "REASON: 1.4 (b), (d) 1. (C) In the absence of officials we asked the embassies.",
                          "2. (C) More talks follow.\n"))
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.4(b)", "1.4(d)")
    first = parsed.paragraphs[0]
    assert (first.number, first.text) == (1, "In the absence of officials we asked the embassies.")


def test_a_second_classified_by_field_is_kept_in_a_defect() -> None:
    parsed = parse(_cable("SUBJECT: LOREM\nClassified By: Ambassador Jane Doe for reasons 1.4 (b)\n"
                          "Classified By: Consul Ivo Brant for reasons 1.4 (d)"))
    assert parsed.classified_by is not None and parsed.classified_by.name == "Jane Doe"
    assert any("Ivo Brant" in d.text for d in parsed.defects)


# --------------------------------------------------------------------------- offices, caveats, tags


@pytest.mark.parametrize(("line", "caveats", "offices"), [
    (" SIPDIS NOFORN SIPDIS ", ("SIPDIS", "NOFORN"), ()),
    ("NOFORN SIPDIS STATE FOR EUR/NB; PLEASE PASS USTR", ("SIPDIS", "NOFORN"),
     ("STATE FOR EUR/NB; PLEASE PASS USTR",)),
])
def test_caveat_words_opening_a_head_line(line: str, caveats: tuple[str, ...], offices: tuple[str, ...]) -> None:
    parsed = parse(f"{BANNER}\n\n{line}\n\nE.O. 12958: DECL: 1/1/2018\nTAGS: PREL\nSUBJECT: LOREM\n\n{BODY}")
    assert set(parsed.caveats) == set(caveats) and parsed.offices == offices


def test_noforn_from_the_paragraph_markings_and_the_publication() -> None:
    parsed = parse(_cable("SUBJECT: LOREM", "1. (C/NF) The minister agreed.\n\n2. (C) More.\n"))
    assert "NOFORN" in parsed.caveats


def test_an_extract_opening_with_an_office_line_reads_its_head() -> None:
    parsed = parse("STATE FOR EUR/NB, INR\n\nE.O. 12958: DECL: 05/08/2014\nTAGS: PREL LG\nSUBJECT: LOREM\n\n" + BODY)
    assert parsed.offices == ("STATE FOR EUR/NB, INR",) and parsed.subject == "LOREM"
    assert parse("The STATE FOR now said.\n\n" + BODY).offices == ()


def test_an_office_line_between_fields() -> None:
    parsed = parse(_cable("Classified By: Ambassador Jane Doe. Reason 1.5 (b) (d)\n\nDEPARTMENT FOR WHA, M\n\n"
                          "E.O. 12958: DECL: 01/08/2018\nTAGS: PREL\nSUBJECT: LOREM\n\nDEPT FOR EUR/NB\n\n"
                          "REF: STATE 1"))
    assert parsed.offices == ("DEPARTMENT FOR WHA, M", "DEPT FOR EUR/NB")
    assert parsed.subject == "LOREM" and [r.text for r in parsed.references] == ["STATE 1"]


def test_tag_codes_without_their_label_after_the_eo_line() -> None:
    parsed = parse(_cable("E.O. 12958: N/A\nEFIN, ECON, PGOV, LG\nSUBJECT: LOREM"))
    assert [t.code for t in parsed.tags] == ["EFIN", "ECON", "PGOV", "LG"] and parsed.subject == "LOREM"


def test_tags_never_read_the_body_that_follows_them() -> None:
    parsed = parse(f"{BANNER}\nSIPDIS E.O. 12958: DECL: 09/17/2028 TAGS: PREL LG\n"
                   "note of the new areas of cooperation that would become available if the government followed "
                   "through on its plans. She was noncommittal.\n")
    assert [t.code for t in parsed.tags] == ["PREL", "LG"]
    assert "noncommittal" in parsed.paragraphs[0].text


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(("ref", "texts", "first"), [
    ("REF: A. RIGA 1494 B. RIGA 1544 1. Summary. The forum was held.", ["RIGA 1494", "RIGA 1544"], (1, None)),
    ("REF: STATE 43799 (SBU) Poloff delivered the message.", ["STATE 43799"], (None, None)),
    ("REF: A. STATE 51536\n\n     \u00b6B. STATE 45792 (SBU) Post has undertaken actions.",
     ["STATE 51536", "STATE 45792"], (None, None)),
])
def test_the_body_glued_after_a_ref_serial_starts_a_line(ref: str, texts: list[str], first: tuple[int | None, None]
                                                           ) -> None:
    parsed = parse(_cable(f"SUBJECT: LOREM\n{ref}", "2. (C) More.\n"))
    assert [r.text for r in parsed.references] == texts
    assert (parsed.paragraphs[0].number, None) == first and "glued-line" in [d.code for d in parsed.defects]


def test_unlabelled_references_with_titles_are_each_one() -> None:
    parsed = parse(_cable("SUBJECT: LOREM\nREF: RIGA 60 (FEW CHANGES AT THE PLENUM)  RIGA 330 (IDEOLOGY RESURGENT?)"))
    assert [r.text for r in parsed.references] == ["RIGA 60 (FEW CHANGES AT THE PLENUM)",
                                                   "RIGA 330 (IDEOLOGY RESURGENT?)"]


def test_two_ref_fields_round_trip_through_text() -> None:
    from cablekit import dumps
    clean = normalize(parse(_cable("REF: A. TALLINN 388 B. 07 STATE 45120\nREF: A. RIGA 101")))
    assert [r.label for r in clean.references] == ["A", "B", "A"]
    assert normalize(parse(dumps(clean, "text"), mode="strict")) == clean


@pytest.mark.parametrize(("ref", "texts", "sentence"), [
    ("REF: STATE 4521 As requested in reftel, the embassy names its contacts: the economic officer.",
     ["STATE 4521"], "As requested in reftel, the embassy names its contacts: the economic officer."),
    ("REF: A. RIGA 88 B. STATE 4521 We delivered the points in reftel to the ministry on May 2.",
     ["RIGA 88", "STATE 4521"], "We delivered the points in reftel to the ministry on May 2."),
    ("REF: 08 STATE 4521\nAs requested in reftel, the embassy names its contacts.",
     ["08 STATE 4521"], "As requested in reftel, the embassy names its contacts."),
])
def test_an_unmarked_sentence_after_a_ref_serial_is_the_body(ref: str, texts: list[str], sentence: str) -> None:
    parsed = parse(_cable(f"SUBJECT: LOREM {ref}", "JONES\n"))
    assert parsed.subject == "LOREM" and [r.text for r in parsed.references] == texts
    assert parsed.paragraphs[0].text == sentence


@pytest.mark.parametrize(("ref", "texts"), [
    ("REF: A. Embassy Riga email of March 3\nRegarding the visit of the minister",
     ["Embassy Riga email of March 3 Regarding the visit of the minister"]),
    ("REF: STATE 4521 AND RIGA 88", ["STATE 4521 AND RIGA 88"]),
    ("REF: STATE 4521 Paris Club minutes", ["STATE 4521 Paris Club minutes"]),
])
def test_a_reference_that_goes_on_is_not_cut_as_a_sentence(ref: str, texts: list[str]) -> None:
    parsed = parse(_cable(f"SUBJECT: LOREM\n{ref}"))
    assert [r.text for r in parsed.references] == texts


def test_a_release_record_glued_after_a_ref_list_is_cut_off() -> None:
    record = "|09RIGA257|09RIGA161 VZCZCXRO5203OO RUEHRA DE RUEHRA #0290/01 0490950ZNY CCCCC ZZHO 180950Z FEB 09"
    head = (f"SUBJECT: PORT FEES\n\nREF: A. RIGA 181{record}\n{BANNER} SIPDIS\n\nSUBJECT: PORT FEES\n\n"
            "REF: A. RIGA 181 B. RIGA 257 C. 2008 RIGA 2480\n\nClassified By: DCM Jane Roe per 1.4 (b) and (d).")
    parsed = parse(_cable(head))
    assert [r.text for r in parsed.references] == ["RIGA 181", "RIGA 257", "2008 RIGA 2480"]
    assert [d.text for d in parsed.defects if d.code == "glued-line"] == [record]
    assert parsed.classified_by is not None and parsed.subject == "PORT FEES"


@pytest.mark.parametrize(("lines", "refs", "page"), [
    (["REF: A) RIGA 199, B) RIGA 227   RIGA 00000402 ", "", "001.2 OF 003"], ["RIGA 199", "RIGA 227"],
     "RIGA 00000402  001.2 OF 003"),
    (["REF: STATE 4521", "SAN JOSE 00000402", "", " ", "002 OF 003"], ["STATE 4521"], "SAN JOSE 00000402  002 OF 003"),
])
def test_a_page_break_line_cut_over_a_blank_line_is_one_page_break(lines: list[str], refs: list[str],
                                                                     page: str) -> None:
    head = "\n".join(["SUBJECT: PORT FEES", *lines, "", "Classified By: DCM Jane Roe per 1.4 (b) and (d)."])
    parsed = parse(_cable(head))
    assert parsed.subject == "PORT FEES" and [r.text for r in parsed.references] == refs
    assert parsed.classified_by is not None and parsed.classified_by.name == "Jane Roe"
    assert page in [d.text for d in parsed.defects if d.code == "page-break"]
    assert [p.number for p in parsed.paragraphs] == [1, 2]


def test_page_numbers_alone_after_a_line_without_a_serial_stay_text() -> None:
    parsed = parse(_cable("SUBJECT: PORT FEES\n\nREF: STATE 4521", "1. (C) The minister agreed.\n\n002 OF 003\n"))
    assert parsed.paragraphs[-1].text.endswith("002 OF 003")
    assert "page-break" not in [d.code for d in parsed.defects]


@pytest.mark.parametrize(("head", "refs"), [
    ("SUBJECT: PORT FEES\nQ: A) RIGA 199, B) RIGA 227", ["RIGA 199", "RIGA 227"]),
    ("SUBJECT: PORT FEES\n\nREFREF: A. STATE 1963 B. U.S. LABOR RIGHTS REPORT 2005 C. 09 RIGA 596",
     ["STATE 1963", "U.S. LABOR RIGHTS REPORT 2005", "09 RIGA 596"]),
])
def test_a_ref_list_under_a_damaged_label_is_read_as_the_references(head: str, refs: list[str]) -> None:
    parsed = parse(_cable(f"{head}\n\nClassified By: DCM Jane Roe per 1.4 (b) and (d)."))
    assert parsed.subject == "PORT FEES" and [r.text for r in parsed.references] == refs
    assert "unrecognized-line" in [d.code for d in parsed.defects] and parsed.classified_by is not None


def test_a_labelled_line_with_one_reference_is_no_ref_list() -> None:
    parsed = parse(_cable("SUBJECT: PORT FEES\nNOTE: A) RIGA 199 IS SUPERSEDED"))
    assert not parsed.references and parsed.subject is not None and "NOTE" in parsed.subject


# --------------------------------------------------------------------------- header and ids


def test_the_departments_print_lines_stay_in_the_header() -> None:
    text = ("INFO  LOG-00   MFA-00   AF-00\n      SAS-00   FA-00\n(TEDE) /000R\n\n\n063860\nSOURCE: CBLEXCLS.000423\n"
            "DRAFTED BY: EUR/NB:JDOE -- 06/19/2009\nAPPROVED BY: EUR/NB:JDOE\n"
            "                  ------------------7CAAD7  191822Z /38\nP 191717Z JUN 09\nFM SECSTATE WASHDC\n"
            "TO AMEMBASSY RIGA PRIORITY\n\nS E C R E T STATE 063860\n\nE.O. 12958: DECL: MR\nTAGS: ASEC\n"
            "SUBJECT: LOREM\n\n" + BODY)
    parsed = parse(text)
    assert parsed.reference_id == "09STATE63860" and parsed.header is not None
    assert "SOURCE: CBLEXCLS.000423" in parsed.header.other_lines and parsed.subject == "LOREM"


def test_the_year_from_a_later_sections_date_time_group() -> None:
    text = (f"{BANNER}\n\nSUBJECT: LOREM\n\n1. (C) Text.\n\nPAGE 01 RIGA 00123 02 OF 02 271459Z\n"
            "O 271459Z SEP 00\nFM AMEMBASSY RIGA\n\n2. (C) More.\n")
    assert parse(text).reference_id == "00RIGA123"


def test_a_record_date_glued_before_the_banner() -> None:
    parsed = parse(f"3/9/2005 6:49 {BANNER} SIPDIS\n\nSUBJECT: LOREM\n\n{BODY}")
    assert parsed.reference_id == "05RIGA123" and parsed.metadata is not None
    assert parsed.metadata.created is not None and parsed.metadata.created.year == 2005


@pytest.mark.parametrize(("given", "expected"), [("08EFTORIGA123", "08RIGA123"),
                                                 ("08SECTION01OF02RIGA123", "08RIGA123")])
def test_a_published_id_with_a_banner_word_read_into_it(given: str, expected: str) -> None:
    assert parse(_cable("SUBJECT: LOREM"), reference_id=given).reference_id == expected


# --------------------------------------------------------------------------- body


@pytest.mark.parametrize("title", ["Summary\n--------", "Summary", "SUMMARY AND INTRODUCTION", "Summary --------"])
def test_a_marker_right_after_a_title_opens_paragraph_1(title: str) -> None:
    parsed = parse(_cable("SUBJECT: LOREM", f"{title}\n\u00b61. (C) As the clock ticks down on a\ntruce.\n\n"
                                            "\u00b62. (C) More.\n"))
    assert [p.number for p in parsed.paragraphs] == [1, 2]
    assert parsed.summary == "As the clock ticks down on a\ntruce."


def test_a_preview_cut_line_not_printed_again_is_kept_as_cut() -> None:
    preview = f"{BANNER}\n\nSUBJECT: LOREM\n\nClassified By: Ambassador Jane Doe for reasons 1.4 b ..."
    text = f"{preview}\n\n{BANNER} SIPDIS E.O. 12958: DECL: 08/15/2018 TAGS: PREL LG\n"
    parsed = parse(text)
    assert parsed.classified_by is not None and parsed.classified_by.name == "Jane Doe"
    assert "text-truncated" in [d.code for d in parsed.defects]
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


def test_a_json_record_with_a_header_and_a_text_field_keeps_both() -> None:
    import json
    record = {"id": "08RIGA123", "header": "VZCZCXYZ0000\nPP RUEHWEB\nDE RUEHRA #0123/01 3240643\nZNY CCCCC ZZH\n"
              "P 191606Z NOV 08\nFM AMEMBASSY RIGA\nTO RUEHC/SECSTATE WASHDC PRIORITY 0001",
              "text": f"{BANNER}\n\nSUBJECT: LOREM\n\n{BODY}"}
    parsed = parse(json.dumps(record))
    assert parsed.header is not None and parsed.subject == "LOREM" and [p.number for p in parsed.paragraphs] == [1, 2]


def test_export_lines_with_a_flattened_header_before_the_banner() -> None:
    header = ("VZCZCXRO3981RUEHDE RUEHDIRRUEHRA #0123/01 0361636CCCCC ZZH051636Z FEB 09AMEMBASSY RIGARUEHC/SECSTATE "
              "WASHDC PRIORITY 2777RUEHZM/NORDIC COLLECTIVE PRIORITY/NSC WASHDC PRIORITY")
    text = (f"ID: 190648\nORIGIN: 09RIGA123\nDATE: 2009-02-05 16:36:00\nSOURCE: Embassy Riga\n"
            f"CLASSIFICATION: CONFIDENTIAL\nMISC: 09RIGA95\nDESTINATION: {header}\n\n{BANNER}\n\nSIPDIS\n\n"
            f"E.O. 12958: DECL: 02/05/2029\nTAGS: PREL LG\nSUBJECT: LOREM\n\n{BODY}")
    parsed = parse(text)
    assert parsed.banner is not None and parsed.subject == "LOREM" and [p.number for p in parsed.paragraphs] == [1, 2]
    assert any(header in d.text for d in parsed.defects if d.code == "publication-wrapper")
