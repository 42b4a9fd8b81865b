"""The parser's middle, piece by piece: the cursor, each header decoder, each head rule, the body state.

Every case is made up in the shape of real cables.  Each test calls one piece
alone, so a change to one kind of line shows up in the test of that kind.
"""

from __future__ import annotations

import pytest

from cablekit import Classification, Precedence, TagKind
from cablekit._context import Context
from cablekit.body import BodyState, read_body, take_signers
from cablekit.cursor import FIELD_ENDS, Cursor, Field
from cablekit.head import HEAD_RULES, HeadState, dateline_date, office_like, read_head, subject_of
from cablekit.header import HEADER_RULES, parse_header, read_header
from cablekit.model import Header
from cablekit.tokens import Token, TokenKind, tokenize


def cursor_of(*lines: str, at: int = 0) -> Cursor:
    cursor = Cursor(list(lines), Context())
    cursor.pos = at
    return cursor


def codes(cursor: Cursor) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in cursor.ctx.defects]


# --------------------------------------------------------------------------- the cursor


def test_cursor_reports_kinds_and_peeks_past_blank_lines() -> None:
    cursor = cursor_of("TAGS: PREL", "", "  ", "1. (C) Text.")
    assert cursor.kind() is TokenKind.TAGS
    assert cursor.peek_kind(1) is TokenKind.PARAGRAPH
    cursor.pos = 1
    cursor.skip({TokenKind.BLANK})
    assert cursor.pos == 3 and not cursor.at_end()
    cursor.pos = 4
    assert cursor.at_end() and cursor.kind() is None and cursor.peek_kind() is None


def test_cursor_builds_each_token_once() -> None:
    cursor = cursor_of("DE RUEHTL #0412/01 0731025")
    assert cursor.token() is cursor.token(0)
    assert cursor.token().group("de_serial") == "0412"


def test_a_field_takes_its_continuation_lines_up_to_a_blank_line() -> None:
    cursor = cursor_of("SUBJECT: ESTONIA:  FOREIGN MINISTER", "PREVIEWS   SUMMIT", "", "1. (C) Text.")
    field = cursor.take_field("ESTONIA:  FOREIGN MINISTER")
    assert field == Field("ESTONIA: FOREIGN MINISTER PREVIEWS SUMMIT", 1, ())
    assert cursor.pos == 2


@pytest.mark.parametrize("line", ["E.O. 12958: DECL: 03/12/2018", "TAGS: PREL", "SUBJECT: X", "REF: A. B",
                                  "Classified By: A B", "C O N F I D E N T I A L TALLINN 000412", "SIPDIS",
                                  "1. (C) Text.", "TALLINN 00000412 002 OF 003"])
def test_a_field_ends_at_a_line_of_another_field(line: str) -> None:
    cursor = cursor_of("TAGS: PREL PGOV", line)
    assert cursor.kinds[1] in FIELD_ENDS
    assert cursor.take_field("PREL PGOV").text == "PREL PGOV"
    assert cursor.pos == 1


def test_a_ref_list_goes_on_after_a_blank_line_before_a_labelled_item() -> None:
    cursor = cursor_of("REF: A. TALLINN 388", "", "B. 07 STATE 45120", "", "1. (C) Text.")
    assert cursor.take_field("A. TALLINN 388").text == "A. TALLINN 388"
    cursor.pos = 0
    field = cursor.take_field("A. TALLINN 388", refs=True)
    assert field.text == "A. TALLINN 388 B. 07 STATE 45120" and cursor.pos == 3


def test_a_ref_list_goes_on_over_a_link_debris_marker_line() -> None:
    cursor = cursor_of("REF: A. TALLINN 388", "[2](#)2. B. STATE 45120", "", "1. (C) Text.")
    assert cursor.kinds[1] is TokenKind.PARAGRAPH
    assert cursor.take_field("A. TALLINN 388").text == "A. TALLINN 388"
    cursor.pos = 0
    field = cursor.take_field("A. TALLINN 388", refs=True)
    assert field.text == "A. TALLINN 388 [2](#)2. B. STATE 45120"
    assert field.links == (2,)


# --------------------------------------------------------------------------- the header


def header_token(line: str, number: int = 1) -> Token:
    token = next(tokenize(line))
    return Token(token.kind, number, token.value)


def decode(*lines: str) -> Header:
    return parse_header([header_token(line, i) for i, line in enumerate(lines, start=1)])


def test_every_header_decoder_is_for_a_header_kind() -> None:
    assert set(HEADER_RULES) <= {TokenKind.TRANSMISSION, TokenKind.ROUTING, TokenKind.ROUTING_CONTINUED,
                                 TokenKind.DE, TokenKind.SECURITY, TokenKind.DTG, TokenKind.FROM, TokenKind.TO,
                                 TokenKind.INFO, TokenKind.XMT, TokenKind.RECIPIENT, TokenKind.TEXT}


def test_transmission_routing_and_de_lines() -> None:
    header = decode("VZCZCXRO5127", "PP RUEHAG RUEHROV", "RUEHBC RUEHDE", "DE RUEHTL #0412/01 0731025")
    assert header.transmission_id == "VZCZCXRO5127"
    assert header.routing == ("RUEHAG", "RUEHROV", "RUEHBC", "RUEHDE")
    assert header.precedence is Precedence.PRIORITY
    assert (header.station, header.station_serial, header.section, header.julian_day) == ("RUEHTL", 412, 1, 73)


def test_security_dtg_and_from_lines() -> None:
    header = decode("ZNY CCCCC ZZH", "O 131025Z MAR 08", "FM AMEMBASSY TALLINN")
    assert header.security == "ZNY CCCCC ZZH"
    assert header.precedence is Precedence.IMMEDIATE
    assert header.dtg is not None and (header.dtg.year, header.dtg.month, header.dtg.day) == (2008, 3, 13)
    assert header.origin == "AMEMBASSY TALLINN"


def test_addressee_lists_with_continuations_and_an_exclusion() -> None:
    header = decode("TO RUEHC/SECSTATE WASHDC PRIORITY 0958", "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE",
                    "XMT AMEMBASSY RIGA", "RUEHRA/AMEMBASSY RIGA PRIORITY 0217", "RUEKJCS RUEHXX")
    assert [(r.routing_indicator, r.name, r.precedence, r.serial) for r in header.recipients] == [
        ("RUEHC", "SECSTATE WASHDC", "PRIORITY", "0958")]
    assert [r.name for r in header.info_recipients] == ["EUROPEAN POLITICAL COLLECTIVE", "AMEMBASSY RIGA",
                                                        "RUEKJCS RUEHXX"]
    assert header.info_recipients[0].excluded == ("AMEMBASSY RIGA",)
    assert header.routing == ()


def test_routing_indicators_after_the_dtg_are_routing_again() -> None:
    header = decode("TO RUEHC/SECSTATE WASHDC", "P 131025Z MAR 08", "RUEKJCS RUEHXX")
    assert header.routing == ("RUEKJCS", "RUEHXX")


def test_an_office_code_block_is_not_an_addressee_list() -> None:
    header = decode("INFO OCT-01 ISO-00 EUR-12 /038 W", "ADS-00 CIAE-00", "SECSTATE WASHDC")
    assert header.info_recipients == ()


def test_the_de_line_keeps_its_day_and_time_as_written() -> None:
    header = parse_header([header_token("DE RUEHTL #0412 0741025", 1), header_token("P 131025Z MAR 08", 2)])
    assert (header.julian_day, header.de_time) == (74, "1025")


def test_trailers_of_the_security_and_dtg_lines_are_kept() -> None:
    header = decode("ZNY CCCCC ZZH ZDK", "O 121153Z FEB 08 ZDK - ALL POSTS DUE TO NUMEROUS SVCS")
    assert header.security == "ZNY CCCCC ZZH ZDK"
    assert header.dtg is not None and header.dtg.day == 12
    assert header.dtg_trailer == "ZDK - ALL POSTS DUE TO NUMEROUS SVCS"


def test_lines_the_header_does_not_decode_are_kept_as_written() -> None:
    header = decode("ACTION EUR-12", "INFO LOG-00 NP-00 CIAE-00", "DS-00 EUR-00 /006W",
                    "------------8A8E0D 271459Z /38", "P 271458Z MAR 01", "FM AMEMBASSY VALLETTA",
                    "TO SECSTATE WASHDC 0042")
    assert header.other_lines == ("ACTION EUR-12", "INFO LOG-00 NP-00 CIAE-00", "DS-00 EUR-00 /006W",
                                  "------------8A8E0D 271459Z /38")
    assert [r.name for r in header.recipients] == ["SECSTATE WASHDC"] and header.info_recipients == ()


def test_a_military_addressee_may_open_with_digits() -> None:
    cursor = cursor_of("P 040810Z FEB 05", "FM AMEMBASSY VALLETTA", "TO RUEHC/SECSTATE WASHDC 0042",
                       "INFO 12ABW RAMSTEIN AB GE//CC// PRIORITY", "77FW SPANGDAHLEM AB GE//CC// PRIORITY", "",
                       "UNCLAS VALLETTA 000082")
    reading = read_header(cursor)
    assert reading.header is not None
    assert [r.name for r in reading.header.info_recipients] == ["12ABW RAMSTEIN AB GE//CC//",
                                                                "77FW SPANGDAHLEM AB GE//CC//"]
    assert cursor.peek_kind() is TokenKind.BANNER


def test_read_header_takes_the_header_and_stops_at_the_banner() -> None:
    cursor = cursor_of("Friday, 14 March 2008, 10:25", "", "VZCZCXRO5127", "DE RUEHTL #0412 0731025", "",
                       "P 131025Z MAR 08", "FM AMEMBASSY TALLINN", "", "C O N F I D E N T I A L TALLINN 000412")
    reading = read_header(cursor)
    assert reading.header is not None and reading.header.origin == "AMEMBASSY TALLINN"
    assert reading.datelines == ["Friday, 14 March 2008, 10:25"]
    assert cursor.pos == 7 and cursor.peek_kind() is TokenKind.BANNER


def test_read_header_needs_a_line_only_headers_have() -> None:
    cursor = cursor_of("", "TO RUEHC/SECSTATE WASHDC", "RUEHRA/AMEMBASSY RIGA", "", "SUBJECT: X")
    reading = read_header(cursor)
    assert reading.header is None and cursor.pos == 1


def test_read_header_reads_a_dtg_with_a_trailer_and_old_header_lines() -> None:
    cursor = cursor_of("PAGE 01 ROME 01196 01 OF 02 082030Z", "ACTION EUR-12", "P 291359Z NOV 00 ZDK",
                       "FM AMEMBASSY ROME", "", "1. Text.")
    reading = read_header(cursor)
    assert reading.page is not None and reading.page.group("pg_serial") == "01196"
    assert reading.header is not None and reading.header.dtg is not None and reading.header.dtg.day == 29
    assert cursor.pos == 4


# --------------------------------------------------------------------------- the head rules


def apply(rule_kind: TokenKind, cursor: Cursor, state: HeadState) -> bool:
    assert cursor.kind() is rule_kind
    return HEAD_RULES[rule_kind](state, cursor)


def test_the_head_rules_cover_the_head_kinds_and_no_body_kind() -> None:
    assert TokenKind.PARAGRAPH not in HEAD_RULES
    assert {TokenKind.BANNER, TokenKind.EO, TokenKind.TAGS, TokenKind.SUBJECT, TokenKind.REF,
            TokenKind.CLASSIFIED_BY, TokenKind.CAVEAT, TokenKind.CLASSIFICATION} <= set(HEAD_RULES)


def test_blank_end_and_bt_lines_are_passed_over() -> None:
    for line, kind in (("", TokenKind.BLANK), ("NNNN", TokenKind.END), ("BT", TokenKind.BT)):
        cursor = cursor_of(line)
        assert apply(kind, cursor, HeadState()) and cursor.pos == 1


def test_banner_rule_reads_the_first_banner() -> None:
    cursor = cursor_of("S E C R E T SECTION 01 OF 02 TALLINN 000412 NOFORN")
    state = HeadState()
    assert apply(TokenKind.BANNER, cursor, state)
    assert state.banner is not None and (state.banner.origin, state.banner.serial) == ("TALLINN", 412)
    assert state.level is Classification.SECRET and state.caveats == ["NOFORN"] and state.banner_line == 1


def test_a_banner_after_the_fields_starts_the_repeated_head_once() -> None:
    cursor = cursor_of("UNCLAS TALLINN 000412", "SUBJECT: X", "UNCLAS TALLINN 000412", "UNCLAS TALLINN 000412")
    state = HeadState()
    read_head(cursor, state)
    assert state.repeating and codes(cursor) == [("head-repeated", 3)]
    assert cursor.at_end()


def test_classification_rule_sets_the_level_without_a_banner() -> None:
    cursor = cursor_of("CONFIDENTIAL//NOFORN")
    state = HeadState()
    assert apply(TokenKind.CLASSIFICATION, cursor, state)
    assert state.level is Classification.CONFIDENTIAL and state.caveats == ["NOFORN"]


def test_classification_rule_under_a_banner_adds_caveats_of_the_same_level_only() -> None:
    state = HeadState()
    read_head(cursor_of("UNCLAS TALLINN 000412"), state)
    assert apply(TokenKind.CLASSIFICATION, cursor_of("LIMITED OFFICIAL USE"), state)
    assert state.caveats == ["LIMITED OFFICIAL USE"]
    assert not apply(TokenKind.CLASSIFICATION, cursor_of("SECRET"), state)


def test_caveat_and_classification_lines_after_a_field_end_the_head() -> None:
    state = HeadState(fields_begun=True)
    assert not apply(TokenKind.CAVEAT, cursor_of("SIPDIS"), state)
    assert not apply(TokenKind.CLASSIFICATION, cursor_of("CONFIDENTIAL"), state)
    state = HeadState()
    assert apply(TokenKind.CAVEAT, cursor_of("SIPDIS NOFORN"), state) and state.caveats == ["SIPDIS", "NOFORN"]


def test_page_break_in_the_head_needs_a_head_to_be_in() -> None:
    line = "TALLINN 00000412 002 OF 003"
    assert not apply(TokenKind.PAGE_BREAK, cursor_of(line), HeadState())
    cursor = cursor_of(line)
    assert apply(TokenKind.PAGE_BREAK, cursor, HeadState(fields_begun=True))
    assert codes(cursor) == [("page-break", 1)]


def test_eo_rule_needs_an_order_or_a_colon() -> None:
    assert not apply(TokenKind.EO, cursor_of("EO THE MINISTER SAID"), HeadState())
    state = HeadState()
    assert apply(TokenKind.EO, cursor_of("E.O. 12958: DECL: 03/12/2018"), state)
    assert state.eo is not None and state.eo.order == "12958" and state.fields_begun


def test_a_repeated_head_keeps_the_first_value_of_each_field() -> None:
    state = HeadState()
    read_head(cursor_of("E.O. 12958: DECL: 03/12/2018", "TAGS: PREL", "SUBJECT: FIRST"), state)
    state.repeating = True
    read_head(cursor_of("E.O. 13526: DECL: 03/12/2019", "TAGS: ECON", "SUBJECT: SECOND", "REF: STATE 1",
                        "Classified By: Ambassador J. Smith, reasons 1.4 (b)"), state)
    assert state.eo is not None and state.eo.order == "12958"
    assert [t.code for t in state.tags] == ["PREL"] and state.subject == "FIRST"
    assert state.references is not None and state.references.text == "STATE 1"  # the first copy had none
    assert state.classifier is not None and state.classifier.reasons == ("1.4(b)",)


def test_tags_rule_joins_lines_and_reports_link_debris() -> None:
    cursor = cursor_of("TAGS: [PREL](#) PGOV", "OVIP (SMITH, JOHN) EN", "", "1. Text.")
    state = HeadState()
    assert apply(TokenKind.TAGS, cursor, state)
    assert [(t.code, t.kind) for t in state.tags] == [
        ("PREL", TagKind.SUBJECT), ("PGOV", TagKind.SUBJECT), ("OVIP", TagKind.PROGRAM),
        ("SMITH, JOHN", TagKind.PERSON), ("EN", TagKind.GEOGRAPHIC)]
    assert codes(cursor) == [("link-artifact", 1)] and cursor.pos == 2


def test_subject_rule_drops_the_marking_and_joins_the_wrap() -> None:
    cursor = cursor_of("SUBJECT: (C) ESTONIA: FOREIGN MINISTER", "PREVIEWS SUMMIT")
    state = HeadState()
    assert apply(TokenKind.SUBJECT, cursor, state)
    assert state.subject == "ESTONIA: FOREIGN MINISTER PREVIEWS SUMMIT"


def test_ref_rule_keeps_the_block_for_later_decoding() -> None:
    cursor = cursor_of("REF: A. TALLINN 388", "", "B. 07 STATE 45120")
    state = HeadState()
    assert apply(TokenKind.REF, cursor, state)
    assert state.references == Field("A. TALLINN 388 B. 07 STATE 45120", 1, ())


@pytest.mark.parametrize(("lines", "text", "pos"), [
    (("REF: STATE 4521", "As requested in reftel, the embassy names", "its contacts."), "STATE 4521", 1),
    (("REF: A. RIGA 88", "(SBU) Poloff delivered the points."), "A. RIGA 88", 1),
    (("REF: A. RIGA 88", "SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY."), "A. RIGA 88", 1),
    (("REF: A. Embassy Riga email of May 3", "Regarding the visit of the minister"),
     "A. Embassy Riga email of May 3 Regarding the visit of the minister", 2),
    (("REF: A. RIGA 88 AND", "Memorandum of conversation with the minister"),
     "A. RIGA 88 AND Memorandum of conversation with the minister", 2),
])
def test_ref_rule_ends_before_a_sentence_no_reference_continues(lines: tuple[str, ...], text: str, pos: int) -> None:
    cursor = cursor_of(*lines)
    state = HeadState()
    assert apply(TokenKind.REF, cursor, state)
    assert state.references is not None and state.references.text == text and cursor.pos == pos


def test_ref_rule_cuts_off_a_release_record_glued_after_the_list() -> None:
    cursor = cursor_of("REF: A. RIGA 181|09RIGA257 VZCZCXRO5203", "C O N F I D E N T I A L RIGA 000123")
    state = HeadState()
    assert apply(TokenKind.REF, cursor, state)
    assert state.references is not None and state.references.text == "A. RIGA 181"
    assert [(d.code, d.text) for d in cursor.ctx.defects] == [("glued-line", "|09RIGA257 VZCZCXRO5203")]


def test_a_repeated_head_takes_a_ref_list_that_goes_on_from_the_first() -> None:
    state = HeadState()
    read_head(cursor_of("REF: A. RIGA 181"), state)
    state.repeating = True
    read_head(cursor_of("REF: A. RIGA 181 B. RIGA 257"), state)
    assert state.references is not None and state.references.text == "A. RIGA 181 B. RIGA 257"
    read_head(cursor_of("REF: A. TALLINN 9"), state)
    assert state.references.text == "A. RIGA 181 B. RIGA 257" and not state.more_references


def test_office_rule_reads_a_ref_list_under_a_damaged_label() -> None:
    cursor = cursor_of("Q: A) RIGA 199, B) RIGA 227", "", "1. (C) Text.")
    state = HeadState(fields_begun=True)
    assert apply(TokenKind.TEXT, cursor, state)
    assert state.references is not None and state.references.text == "A) RIGA 199, B) RIGA 227"
    assert codes(cursor) == [("unrecognized-line", 1)] and cursor.pos == 1
    assert not apply(TokenKind.TEXT, cursor_of("Q: A) RIGA 199 ONLY"), HeadState(fields_begun=True))


def test_classified_by_rule() -> None:
    cursor = cursor_of("Classified By: Ambassador Margaret R. Dunmore for reasons 1.4 (b) and (d)")
    state = HeadState()
    assert apply(TokenKind.CLASSIFIED_BY, cursor, state)
    assert state.classifier is not None
    assert (state.classifier.title, state.classifier.name, state.classifier.reasons) == (
        "Ambassador", "Margaret R. Dunmore", ("1.4(b)", "1.4(d)"))


def test_office_lines_stand_only_under_a_banner_or_header_before_the_fields() -> None:
    line = "STATE FOR EUR/NB AND INR"
    assert not apply(TokenKind.TEXT, cursor_of("EUR/NB AND INR ONLY"), HeadState())
    assert not apply(TokenKind.TEXT, cursor_of("EUR/NB AND INR ONLY"), HeadState(header=Header(), fields_begun=True))
    after_subject = HeadState(header=Header(), fields_begun=True)
    after_subject.subject = "LOREM"
    assert not apply(TokenKind.TEXT, cursor_of(line), after_subject)
    state = HeadState(header=Header())
    cursor = cursor_of(line)
    assert apply(TokenKind.TEXT, cursor, state) and state.offices == [line] and not cursor.ctx.defects


@pytest.mark.parametrize("line", ["STATE FOR EUR/NB AND INR", "DEPT ALSO FOR S/P", "PASS TO USTR"])
def test_a_line_addressing_an_office_opens_the_head_of_an_extract(line: str) -> None:
    state = HeadState()
    assert apply(TokenKind.TEXT, cursor_of(line), state) and state.offices == [line]


def test_an_odd_line_in_the_head_is_kept_as_an_office_line_and_reported() -> None:
    cursor = cursor_of("#### x ####")
    state = HeadState(header=Header())
    assert apply(TokenKind.TEXT, cursor, state)
    assert state.offices == ["#### x ####"] and codes(cursor) == [("unrecognized-line", 1)]


def test_office_lines_of_the_repeated_head_are_not_added_again() -> None:
    state = HeadState(header=Header(), repeating=True)
    state.offices = ["STATE FOR EUR/NB", "AND INR"]
    cursor = cursor_of("STATE FOR EUR/NB AND INR")
    assert apply(TokenKind.TEXT, cursor, state) and state.offices == ["STATE FOR EUR/NB", "AND INR"]
    assert cursor.pos == 1


def test_an_office_line_only_the_repeated_head_has_is_kept() -> None:
    state = HeadState(header=Header(), repeating=True)
    assert apply(TokenKind.TEXT, cursor_of("STATE FOR EUR/NB"), state) and state.offices == ["STATE FOR EUR/NB"]


def test_an_office_line_after_a_field_but_before_the_subject_is_kept() -> None:
    state = HeadState(header=Header(), fields_begun=True)
    assert apply(TokenKind.TEXT, cursor_of("DEPARTMENT FOR WHA"), state) and state.offices == ["DEPARTMENT FOR WHA"]


def test_dateline_rule_keeps_the_line_for_the_date() -> None:
    cursor = cursor_of("Friday, 14 March 2008, 10:25")
    state = HeadState()
    assert apply(TokenKind.DATELINE, cursor, state) and state.datelines == ["Friday, 14 March 2008, 10:25"]
    assert dateline_date(state.datelines[0]) is not None
    assert dateline_date("Friday, 14 Marz 2008, 10:25") is None


def test_read_head_stops_at_the_first_paragraph() -> None:
    cursor = cursor_of("UNCLAS TALLINN 000412", "", "SUBJECT: TALKS", "", "1. (U) Text.", "SUBJECT: NOT HEAD")
    state = read_head(cursor, HeadState())
    assert state.subject == "TALKS" and cursor.pos == 4


def test_helpers_of_the_head() -> None:
    assert office_like("STATE FOR SCA/CEN, S/SRAP") and not office_like("the minister said so")
    assert subject_of("(S//NF) TALKS") == "TALKS" and subject_of("  ") is None


# --------------------------------------------------------------------------- the body


def body_of(*lines: str) -> tuple[list[tuple[int | None, str | None, str]], list[str], Cursor]:
    cursor = cursor_of(*lines)
    body = read_body(cursor)
    return [(p.number, p.heading, p.text) for p in body.paragraphs], body.signers, cursor


def test_body_numbers_paragraphs_takes_headings_and_the_signer() -> None:
    paragraphs, signers, cursor = body_of("1. (C) First.", "", "The View", "", "2. (U) Second", "line.", "",
                                          "DUNMORE")
    assert paragraphs == [(1, None, "First."), (2, "The View", "Second\nline.")]
    assert signers == ["DUNMORE"] and cursor.at_end()


def test_body_page_break_joins_the_text_and_is_reported() -> None:
    paragraphs, _, cursor = body_of("1. (C) The minister", "TALLINN 00000412 002 OF 003", "said so.")
    assert paragraphs == [(1, None, "The minister\nsaid so.")]
    assert codes(cursor) == [("page-break", 2)]


def test_body_reports_a_blank_line_inside_a_sentence() -> None:
    paragraphs, _, cursor = body_of("1. (C) The minister", "", "said so.")
    assert paragraphs == [(1, None, "The minister\n\nsaid so.")]
    assert codes(cursor) == [("paragraph-split", 3)]


def test_body_state_caveat_between_blocks_only() -> None:
    state = BodyState(Context())
    assert state.caveat("SIPDIS") and state.caveats == ["SIPDIS"]
    state.text(["Some text"], 0, 1)
    assert not state.caveat("NOFORN")


def test_body_state_a_marker_mid_sentence_is_text() -> None:
    state = BodyState(Context())
    state.text(["The figure rose to"], 0, 1)
    assert not state.paragraph(1, "2. percent")
    assert state.paragraph(1, "1. (C) Text.") is False  # no blank line, and the text runs on
    state.blank()
    assert state.paragraph(2, "1. (C) Text.")


def test_signers_are_up_to_three_name_lines_at_the_end() -> None:
    state = BodyState(Context())
    state.text(["Text of the paragraph.", "SMITH", "JONES"], 0, 3)
    state.close_block()
    assert take_signers(state) == ["SMITH", "JONES"]


# --------------------------------------------------------------------------- the head's variants (issue 15)


def head_of(*lines: str) -> tuple[HeadState, Cursor]:
    cursor = cursor_of("UNCLAS TALLINN 000412", "", *lines)
    return read_head(cursor, HeadState()), cursor


def test_a_ref_list_goes_on_over_pilcrow_items_after_blank_lines() -> None:
    state, cursor = head_of("REF: A. TALLINN 388", "", "", " \u00b6B. TALLINN 390", "",
                            "Classified By: Ambassador J. Kask, reasons 1.4 (b)", "", "1. (C) Text.")
    assert state.references is not None and state.references.text == "A. TALLINN 388 \u00b6B. TALLINN 390"
    assert state.classifier is not None and cursor.kind() is TokenKind.PARAGRAPH


def test_a_ref_list_goes_on_over_a_page_break_before_its_next_item() -> None:
    state, cursor = head_of("REF: A. STATE 40721", " CONFIDENTIAL", "", "PAGE 02 TALLINN 00412 01 OF 02 082030Z",
                            "B. TALLINN 1098  C. TALLINN 894", "", "1. (C) Text.")
    assert state.references is not None
    assert state.references.text == "A. STATE 40721 B. TALLINN 1098 C. TALLINN 894"
    assert codes(cursor) == [("page-break", 4), ("page-break", 6)]


def test_a_ref_list_does_not_take_paragraph_one_opened_by_a_pilcrow() -> None:
    state, cursor = head_of("REF: 07 TALLINN 0988", "\u00b61. (U) The minister spoke.")
    assert state.references is not None and state.references.text == "07 TALLINN 0988"
    assert cursor.kind() is TokenKind.PARAGRAPH


def test_a_label_alone_takes_its_value_from_the_next_line() -> None:
    state, _ = head_of("SUBJECT:", "", "ESTONIAN ELECTIONS: A PREVIEW", "", "1. (U) Text.")
    assert state.subject == "ESTONIAN ELECTIONS: A PREVIEW"


def test_a_subject_cut_by_blank_lines_goes_on_when_another_field_follows() -> None:
    state, _ = head_of("SUBJECT: FOREIGN MINISTER DISCUSSES ENERGY", "", "SECURITY WITH VISITING",
                       "", "DELEGATION", "", "REF: TALLINN 388", "", "1. (U) Text.")
    assert state.subject == "FOREIGN MINISTER DISCUSSES ENERGY SECURITY WITH VISITING DELEGATION"
    assert state.references is not None


def test_a_subject_does_not_take_the_body_or_an_office_line() -> None:
    state, cursor = head_of("SUBJECT: FOREIGN MINISTER DISCUSSES ENERGY", "", "THE MINISTER SPOKE AT LENGTH", "")
    assert state.subject == "FOREIGN MINISTER DISCUSSES ENERGY"
    assert cursor.lines[cursor.pos] == "THE MINISTER SPOKE AT LENGTH"  # the body's first line
    state, _ = head_of("SUBJECT: FOREIGN MINISTER DISCUSSES ENERGY", "", "DEPT FOR EUR/NB AND INR", "",
                       "REF: TALLINN 388")
    assert state.subject == "FOREIGN MINISTER DISCUSSES ENERGY"


def test_a_subject_goes_on_over_a_date_cut_like_a_paragraph_marker() -> None:
    state, _ = head_of("SUBJECT: VISIT OF THE MINISTER FROM MARCH 1 TO", "4, 2008.", "", "1. (U) Text.")
    assert state.subject == "VISIT OF THE MINISTER FROM MARCH 1 TO 4, 2008."


@pytest.mark.parametrize(("lines", "reasons", "after"), [
    (("Classified By: Ambassador J. Kask, reasons 1.4 (b),", "(c), (d)"), ("1.4(b)", "1.4(c)", "1.4(d)"), None),
    (("Classified By: Ambassador J. Kask for reasons 1.4(b)", "and", "(d)."), ("1.4(b)", "1.4(d)"), None),
    (("Classified By: Ambassador J. Kask for", "reasons 1.4 (b) and (d)."), ("1.4(b)", "1.4(d)"), None),
    (("Classified By: Ambassador J. Kask, reasons 1.4 (b) and (d).", "(C) The minister spoke."),
     ("1.4(b)", "1.4(d)"), "(C) The minister spoke."),
    (("Classified By: Ambassador J. Kask, reasons 1.4 (b) and (d)", "-------", "Summary"),
     ("1.4(b)", "1.4(d)"), "-------"),
])
def test_classified_by_goes_on_only_over_its_reasons(lines: tuple[str, ...], reasons: tuple[str, ...],
                                                     after: str | None) -> None:
    state, cursor = head_of(*lines)
    assert state.classifier is not None and state.classifier.reasons == reasons
    assert (cursor.lines[cursor.pos] if not cursor.at_end() else None) == after


def test_a_handling_line_among_the_fields_goes_with_the_offices() -> None:
    state, cursor = head_of("SUBJECT: TALKS", "Sensitive but unclassified. Please protect accordingly.",
                            "REF: TALLINN 388", "", "1. (U) Text.")
    assert state.offices == ["Sensitive but unclassified. Please protect accordingly."]
    assert state.caveats == ["SENSITIVE BUT UNCLASSIFIED"] and state.references is not None
    assert not cursor.ctx.defects


def test_a_passing_line_opened_by_to_or_info_is_an_office_line() -> None:
    state, _ = head_of("TO THE DEPUTY SECRETARY FROM AMBASSADOR KASK", "INFO EUR/NB, INR", "", "SUBJECT: TALKS")
    assert state.offices == ["TO THE DEPUTY SECRETARY FROM AMBASSADOR KASK", "INFO EUR/NB, INR"]
    assert state.subject == "TALKS"


def test_a_ref_list_does_not_take_a_marked_paragraph_after_a_blank_line() -> None:
    state, _ = head_of("Ref: Tallinn 411", "", "(U) Summary: The minister spoke.", "")
    assert state.references is not None and state.references.text == "Tallinn 411"
    state, _ = head_of("REF: A. TALLINN 388", "", "(C) The minister spoke.")
    assert state.references is not None and state.references.text == "A. TALLINN 388"
    state, _ = head_of("REF: A. TALLINN 388 B. TALLINN 390", "", "(C) TALLINN 401", "")
    assert state.references is not None and state.references.text.endswith("(C) TALLINN 401")
