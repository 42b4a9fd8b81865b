"""Line shapes of the whole real family: each kind of line in every way real cables write it.

One test (or table of lines) per class of variant, with made-up examples in the real shapes:
head labels in any case and punctuation, after blanks or a U+2028; a label alone on its line;
prose that starts with a label's word and must stay text; banners with runs of blanks, uneven
letter spacing, in mixed case; security and date-time group lines with trailers; paragraph
markers after blanks; end-of-message lines.  The readers take these kinds from here; the tests
of what a parse makes of them close the file.
"""

from __future__ import annotations

from datetime import date

import pytest

from cablekit import Classification, TokenKind, parse, tokenize
from cablekit.tokens import Token

K = TokenKind


def _token(line: str) -> Token:
    return next(tokenize(line + "\n"))


def _kind(line: str) -> TokenKind:
    return _token(line).kind


# --------------------------------------------------------------------------- labels in any case

@pytest.mark.parametrize(("line", "kind", "part", "value"), [
    # SUBJECT: any case with a colon; upper case alone on its line
    ("SUBJECT: TALKS ON FISHERIES", K.SUBJECT, "subject", "TALKS ON FISHERIES"),
    ("Subject: talks on fisheries", K.SUBJECT, "subject", "talks on fisheries"),
    ("subject: talks on fisheries", K.SUBJECT, "subject", "talks on fisheries"),
    ("SUBJ: TALKS", K.SUBJECT, "subject", "TALKS"),
    ("Subj:  Talks", K.SUBJECT, "subject", "Talks"),
    ("SUBJECT :TALKS", K.SUBJECT, "subject", "TALKS"),
    # TAGS: upper case with or without a colon; TAG before codes; any case with a colon
    ("TAGS: PREL PGOV", K.TAGS, "tags", "PREL PGOV"),
    ("TAGS PREL, PGOV", K.TAGS, "tags", "PREL, PGOV"),
    ("Tags: prel, pgov, xx", K.TAGS, "tags", "prel, pgov, xx"),
    ("tags: prel", K.TAGS, "tags", "prel"),
    ("TAG PTER, PGOV, XX", K.TAGS, "tags", "PTER, PGOV, XX"),
    ("TAG: PTER", K.TAGS, "tags", "PTER"),
    ("TAG KU", K.TAGS, "tags", "KU"),
    ("Tag: pter", K.TAGS, "tags", "pter"),
    # E.O.: any spelling and case of the label
    ("E.O. 12958: DECL: 01/02/2030", K.EO, "eo_order", "12958"),
    ("E.o. 12958: decl: 01/02/2030", K.EO, "eo_rest", "decl: 01/02/2030"),
    ("e.o. 13526: n/a", K.EO, "eo_order", "13526"),
    ("EO 12958 DECL: 2030/01/02", K.EO, "eo_rest", "DECL: 2030/01/02"),
    ("E.O 12958: N/A", K.EO, "eo_order", "12958"),
    ("E.O.: 12958: N/A", K.EO, "eo_order", "12958"),
    ("E.O.12958: N/A", K.EO, "eo_rest", "N/A"),
    # REF: every spelling with a colon, REF. and the first labelled item right after the word
    ("REF: RIGA 101", K.REF, "ref", "RIGA 101"),
    ("Ref: A) Riga 101, B) 2007 Riga 7", K.REF, "ref", "A) Riga 101, B) 2007 Riga 7"),
    ("Refs: A. 06 Riga 416", K.REF, "ref", "A. 06 Riga 416"),
    ("REFS: STATE 1234", K.REF, "ref", "STATE 1234"),
    ("REFTEL: RIGA 294", K.REF, "ref", "RIGA 294"),
    ("Reftel: 07 STATE 7742", K.REF, "ref", "07 STATE 7742"),
    ("reftel: riga 5", K.REF, "ref", "riga 5"),
    ("Ref(s): STATE 1, RIGA 2", K.REF, "ref", "STATE 1, RIGA 2"),
    ("REF.: RIGA 3286 AND PREVIOUS", K.REF, "ref", "RIGA 3286 AND PREVIOUS"),
    ("Ref.: UTN0712/34.O.010", K.REF, "ref", "UTN0712/34.O.010"),
    ("REF. STATE 184178", K.REF, "ref", "STATE 184178"),
    ("REF A: RIGA 5286; REF B: RIGA 5546", K.REF, "ref", "A: RIGA 5286; REF B: RIGA 5546"),
    ("REF A) 07 Riga 780;", K.REF, "ref", "A) 07 Riga 780;"),
    ("Ref a: State 12", K.REF, "ref", "a: State 12"),
    ("REF A SECRETARY'S LETTER TO THE MINISTER", K.REF, "ref", "A SECRETARY'S LETTER TO THE MINISTER"),
    ("Reftel Santo Domingo 410", K.REF, "ref", "Santo Domingo 410"),
    ("REF STATE 12345", K.REF, "ref", "STATE 12345"),
    ("Ref 07 Riga 12.", K.REF, "ref", "07 Riga 12."),
    # Classified By, already in any case
    ("Classified by: Jane Doe, reasons 1.4 (b)", K.CLASSIFIED_BY, "clby", "Jane Doe, reasons 1.4 (b)"),
])
def test_a_label_in_any_case_and_punctuation_is_its_kind(line: str, kind: TokenKind, part: str, value: str) -> None:
    token = _token(line)
    assert token.kind is kind
    assert token.group(part) == value


@pytest.mark.parametrize("lead", [" ", "  ", "\t", "\u00a0", "\u2028", " \u2028"])
@pytest.mark.parametrize(("label", "kind", "part", "value"), [
    ("SUBJECT: TALKS", K.SUBJECT, "subject", "TALKS"),
    ("TAGS: PREL PGOV", K.TAGS, "tags", "PREL PGOV"),
    ("TAG PREL, PGOV", K.TAGS, "tags", "PREL, PGOV"),
    ("E.O. 12958: DECL: 01/02/2030", K.EO, "eo_order", "12958"),
    ("REF: RIGA 12", K.REF, "ref", "RIGA 12"),
    ("Classified By: Jane Doe", K.CLASSIFIED_BY, "clby", "Jane Doe"),
])
def test_a_label_after_a_few_blanks_or_a_line_separator_is_its_kind(
        lead: str, label: str, kind: TokenKind, part: str, value: str) -> None:
    token = _token(lead + label)
    assert token.kind is kind
    assert token.group(part) == value


def test_a_label_after_many_blanks_is_text() -> None:
    assert _kind(" " * 5 + "SUBJECT: TALKS") is K.TEXT


@pytest.mark.parametrize(("line", "kind", "part"), [
    ("SUBJECT:", K.SUBJECT, "subject"),
    ("Subject:", K.SUBJECT, "subject"),
    ("SUBJECT", K.SUBJECT, "subject"),
    ("SUBJ: ", K.SUBJECT, "subject"),
    (" SUBJECT:", K.SUBJECT, "subject"),
    ("TAGS", K.TAGS, "tags"),
    ("Tags:", K.TAGS, "tags"),
    ("REF:", K.REF, "ref"),
    ("Ref:  ", K.REF, "ref"),
    ("reftel:", K.REF, "ref"),
    ("Classified By:", K.CLASSIFIED_BY, "clby"),
])
def test_a_label_alone_on_its_line_is_its_kind_with_an_empty_value(line: str, kind: TokenKind, part: str) -> None:
    # the head reader takes the value from the next line
    token = _token(line)
    assert token.kind is kind
    assert token.group(part) == ""


@pytest.mark.parametrize("line", [
    "Subject to the approval of the board, the plan goes ahead.",
    "Subject One was a resident of the city.",
    "subject to further review.",
    "subject.",
    "SUBJECT TO THE APPROVAL OF PARLIAMENT",
    "Subjects of the talks were many.",
    "tag team on energy diplomacy",
    "TAG ALONG WITH THE DELEGATION",
    "Tags were attached to every crate.",
    "Tagging of cattle began in May.",
    "reftel demarche to the minister",
    "Reftel points were delivered on May 4.",
    "REFTEL A). The minister agreed.",
    "Ref A), during which reporters asked questions",
    "REF A points were delivered",
    "Ref B.)",
    "Ref. D furthermore states that the firm",
    "references a number of other incidents",
    "Refugees crossed the border 12",
    "REFUGEE ADMISSION",
    "Reform of the courts 2009",
    "Eocene rocks 12958",
    "E-mail to the desk",
    "Classification of the documents",
])
def test_prose_opened_by_a_label_word_stays_text(line: str) -> None:
    assert _kind(line) is K.TEXT


@pytest.mark.parametrize("line", [
    "REF B STATE 12",  # the second item of a list begun by REF A: goes on the REF field
    "REF D) RIGA 79",
])
def test_a_later_item_of_a_ref_list_repeating_the_word_is_not_a_new_ref_line(line: str) -> None:
    assert _kind(line) is K.TEXT


# --------------------------------------------------------------------------- banners and classification lines

@pytest.mark.parametrize(("line", "origin", "serial", "section"), [
    ("S E C R E T   STATE   00119085", "STATE", "00119085", None),
    ("S E C R E T        RIGA 00498", "RIGA", "00498", None),
    ("C O N F I D E N T I A L SECTION 01 OF 04 SAN JOSE 001234", "SAN JOSE", "001234", "01"),
    ("C O N F I D E N T I A L   SECTION 02 OF 04   SANTO DOMINGO   001234", "SANTO DOMINGO", "001234", "02"),
    ("UNCLAS RIO DE JANEIRO 000077", "RIO DE JANEIRO", "000077", None),
    ("UNCLAS E F T O RIGA 002883", "RIGA", "002883", None),
    ("LIMITED OFFICIAL USE SECTION 01 OF 02 THE HAGUE 000321", "THE HAGUE", "000321", "01"),
])
def test_a_banner_with_runs_of_blanks_multi_word_posts_or_no_section(
        line: str, origin: str, serial: str, section: str | None) -> None:
    token = _token(line)
    assert token.kind is K.BANNER
    assert (token.group("bn_origin"), token.group("bn_serial"), token.group("bn_sec")) == (origin, serial, section)
    assert token.group("bn_spacing") is None


@pytest.mark.parametrize(("line", "level"), [
    ("SE C R E T SECTION 01 OF 02 RIGA 000123", "SE C R E T"),
    ("CO N F I D E N T I A L SECTION 01 OF 06 RIGA 001501", "CO N F I D E N T I A L"),
    ("C ONFIDENTIAL SECTION 01 of 03 RIGA 000744", "C ONFIDENTIAL"),
    ("S  E  C  R  E  T RIGA 000123", "S  E  C  R  E  T"),
    ("T O PSECRET RIGA 000123", "T O PSECRET"),
])
def test_a_banner_with_uneven_letter_spacing_is_a_banner_that_says_so(line: str, level: str) -> None:
    token = _token(line)
    assert token.kind is K.BANNER
    assert token.group("bn_level") == token.group("bn_spacing") == level


@pytest.mark.parametrize("line", ["SE C R E T", "CO N F I D E N T I A L", "SEC RET//NOFORN"])
def test_a_classification_line_with_uneven_letter_spacing_says_so(line: str) -> None:
    token = _token(line)
    assert token.kind is K.CLASSIFICATION
    assert token.group("cl_spacing") == token.group("cl_level")


@pytest.mark.parametrize("line", ["SECRET", "S E C R E T", "TOP SECRET", "T O P S E C R E T", "UNCLAS E F T O",
                                  "CONFIDENTIAL//NOFORN", "LIMITED OFFICIAL USE", "UNCLASSIFIED"])
def test_a_classification_line_spaced_evenly_is_not_damaged(line: str) -> None:
    token = _token(line)
    assert token.kind is K.CLASSIFICATION
    assert token.group("cl_spacing") is None


@pytest.mark.parametrize(("line", "level", "origin"), [
    ("S e c r e t riga 001234", "S e c r e t", "riga"),
    ("S e c r e t section 01 of 02 santo domingo 002963", "S e c r e t", "santo domingo"),
    ("C o n f i d e n t i a l section 01 of 06 riga 000160", "C o n f i d e n t i a l", "riga"),
    ("Unclas riga 000165", "Unclas", "riga"),
    ("U n c l a s s i f i e d riga 000165", "U n c l a s s i f i e d", "riga"),
])
def test_a_mixed_case_banner_is_a_banner_when_the_whole_line_has_the_shape(line: str, level: str, origin: str) -> None:
    token = _token(line)
    assert token.kind is K.BANNER
    assert (token.group("bn_level"), token.group("bn_origin"), token.group("bn_spacing")) == (level, origin, None)


@pytest.mark.parametrize("line", [
    "Secret Service agents arrived in 2008",
    "Secret talks 12",
    "Confidential guidance for ambassadors 2",
    "Unclassified e-mail 2",
    "secret files on 12",
    "S e c r e t talks began on Monday",
    "SECRETARY RICE 12",
])
def test_prose_opened_by_a_level_word_is_not_a_banner(line: str) -> None:
    assert _kind(line) is K.TEXT


# --------------------------------------------------------------------------- header lines with trailers

@pytest.mark.parametrize(("line", "sec", "trailer"), [
    ("ZNY CCCCC ZZH", "ZNY CCCCC ZZH", None),
    ("ZNY CCCCC", "ZNY CCCCC", None),
    ("ZNY CCCC ZZH", "ZNY CCCC ZZH", None),
    ("ZNR UUU ZZH", "ZNR UUU ZZH", None),
    ("ZNY SSSSSS ZZH", "ZNY SSSSSS ZZH", None),
    ("ZNY CCCCC ZZH ZDK", "ZNY CCCCC ZZH", "ZDK"),
    ("ZNY CCCCC ZZH ZDK ZDS", "ZNY CCCCC ZZH", "ZDK ZDS"),
    ("ZNR UUUUU ZZH (CCY AD12F3 MSI4321-567)", "ZNR UUUUU ZZH", "(CCY AD12F3 MSI4321-567)"),
    ("ZNY CCCCC ZZH  (CCY AD00C1/MSI2 510)", "ZNY CCCCC ZZH", "(CCY AD00C1/MSI2 510)"),
])
def test_a_security_line_keeps_its_level_group_and_its_trailer(line: str, sec: str, trailer: str | None) -> None:
    token = _token(line)
    assert token.kind is K.SECURITY
    assert (token.group("sec"), token.group("sec_trailer")) == (sec, trailer)


@pytest.mark.parametrize("line", ["ZNY CCCCC ZZHP 011200Z JAN 09", "ZFR ZFR ZFR ZFR ZFR", "ZNY CCCCC NOW THEN"])
def test_lines_glued_to_or_only_like_a_security_line_are_not_one(line: str) -> None:
    assert _kind(line) is K.TEXT


@pytest.mark.parametrize(("line", "trailer"), [
    ("P 151502Z FEB 08", None),
    ("R 041239Z JUN 08 ZDK", "ZDK"),
    ("R 041239Z JUN 08 ZDK - ALL POSTS DUE TO NUMEROUS SVCS", "ZDK - ALL POSTS DUE TO NUMEROUS SVCS"),
    ("O 121153Z FEB 08 (AD5B21-WSC74-45)", "(AD5B21-WSC74-45)"),
    ("O 162023Z MAR 06 ZDK RE YOUR SVC", "ZDK RE YOUR SVC"),
    ("O 112343Z MAR 09        ZDS ZDS", "ZDS ZDS"),
    ("R 281915Z AUG 2009 ZDK CTG# 3228", "ZDK CTG# 3228"),
])
def test_a_date_time_group_keeps_a_trailer_of_any_length(line: str, trailer: str | None) -> None:
    token = _token(line)
    assert token.kind is K.DTG
    assert token.group("dtg_trailer") == trailer
    assert token.group("dtg_mon") in ("FEB", "JUN", "MAR", "AUG")


def test_a_date_time_group_glued_to_a_word_is_not_one() -> None:
    assert _kind("P 151502Z FEB 08ZDK") is K.TEXT
    assert _kind("P 151502Z FEB 08\tZDK") is K.TEXT


# --------------------------------------------------------------------------- paragraph markers after blanks

@pytest.mark.parametrize(("line", "number", "rest"), [
    (" \u00b61. (SBU) SUMMARY: THE TALKS", "1", "(SBU) SUMMARY: THE TALKS"),
    ("  \u00b62. Text.", "2", "Text."),
    ("\u00a0\u00b63. Text.", "3", "Text."),
    (" \u00c2\u00b64. Text.", "4", "Text."),
    (" 5. Text.", "5", "Text."),
])
def test_a_paragraph_marker_with_a_pilcrow_after_blanks_opens_a_paragraph(line: str, number: str, rest: str) -> None:
    token = _token(line)
    assert token.kind is K.PARAGRAPH
    assert (token.group("p_num"), token.group("p_rest")) == (number, rest)


@pytest.mark.parametrize("line", ["  2. an indented list item", "\t3. a tabbed list item", "      \u00b61. far in"])
def test_a_bare_number_after_blanks_stays_text(line: str) -> None:
    assert _kind(line) is K.TEXT


def test_the_body_numbers_a_pilcrow_paragraph_after_a_blank() -> None:
    cable = parse("UNCLAS RIGA 000123\n\nSUBJECT: TALKS\n\n \u00b61. (U) First.\n\n \u00b62. (U) Second.\n")
    assert [(p.number, p.classification, p.text) for p in cable.paragraphs] == [(1, "U", "First."),
                                                                                 (2, "U", "Second.")]


# --------------------------------------------------------------------------- end-of-message lines

@pytest.mark.parametrize(("line", "stamp"), [
    ("NNNN", None),
    ("NNNN  ", None),
    ("Nnnn", None),
    ("nnnn", None),
    ("=======================CABLE ENDS============================", "=======================CABLE ENDS"
                                                                      "============================"),
    ("==== CABLE ENDS ====", "==== CABLE ENDS ===="),
    ("End Cable Text", "End Cable Text"),
    ("END CABLE TEXT", "END CABLE TEXT"),
])
def test_end_of_message_lines_are_end_lines_and_a_publication_stamp_says_so(line: str, stamp: str | None) -> None:
    token = _token(line)
    assert token.kind is K.END
    assert token.group("end_stamp") == stamp


@pytest.mark.parametrize("line", ["Nnnnn", "End cable talks", "CABLE ENDS", "End of cable text", "RICE NNNN"])
def test_lines_like_end_lines_are_not(line: str) -> None:
    assert _kind(line) is not K.END


# --------------------------------------------------------------------------- mixed-case cables, parsed

_MIXED = """S e c r e t section 01 of 02 riga 000123

Sipdis

E.o. 12958: decl: 01/02/2030
Tags: prel, pgov, lg
 Subject: (s) talks with the minister on
fisheries

Ref: a. Riga 101

Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d).

1. (S) Text of the first paragraph.

2. (S) Text of the second paragraph.
"""


def test_a_mixed_case_cable_yields_its_fields() -> None:
    cable = parse(_MIXED)
    assert cable.banner is not None and cable.banner.classification is Classification.SECRET
    assert cable.classification is Classification.SECRET
    assert cable.eo is not None and cable.eo.declassify_on == date(2030, 1, 2)
    assert [tag.code.upper() for tag in cable.tags] == ["PREL", "PGOV", "LG"]
    assert cable.subject == "(s) talks with the minister on fisheries"
    assert [ref.text for ref in cable.references] != []
    assert cable.classified_by is not None and cable.classified_by.name == "Jane Doe"
    assert [p.number for p in cable.paragraphs] == [1, 2]


def test_tags_never_swallow_an_indented_subject_line() -> None:
    text = "UNCLAS RIGA 000123\n\nTAGS: PREL PGOV LG\n SUBJECT: TALKS ON FISHERIES\n\n1. (U) Text.\n"
    cable = parse(text)
    assert [tag.code for tag in cable.tags] == ["PREL", "PGOV", "LG"]
    assert cable.subject == "TALKS ON FISHERIES"
