"""The text round trip for the kinds of cable the real family showed it failing on (made-up examples).

Each test builds a clean cable of one kind, writes it as text, and checks that
the text parses in strict mode and normalizes back to the same cable:
``normalize(parse(dumps(c, "text"), mode="strict")) == c``.
"""

from __future__ import annotations

import attrs
import pytest

import cablekit
from cablekit import Cable

_HEAD = ("C O N F I D E N T I A L SECTION 01 OF 01 TALLINN 000417\n\nSIPDIS\n\n"
         "E.O. 12958: DECL: 03/14/2018\nTAGS: PREL PGOV EN\nSUBJECT: TALKS ON THE BALTIC GRID\n\n"
         "Classified By: Ambassador Jane Doe, Reasons 1.4(b), 1.4(d)\n\n")


def _round_trip(clean: Cable) -> Cable:
    """The cable *clean* written as text, read back in strict mode and normalized."""
    return cablekit.normalize(cablekit.parse(cablekit.dumps(clean, "text"), mode="strict"))


def _clean(body: str) -> Cable:
    return cablekit.normalize(cablekit.parse(_HEAD + body))


def _with_text(text: str) -> Cable:
    """A clean cable whose one paragraph holds *text* (as a parse that did not split it would leave it)."""
    clean = _clean("1. (C) Text.\n\nDOE\n")
    paragraph = attrs.evolve(clean.paragraphs[0], text=text)
    return cablekit.normalize(attrs.evolve(clean, paragraphs=(paragraph,)))


# --- a paragraph longer than a line may be -----------------------------------------------------------------

_SENTENCE = "The minister said the grid would be linked to the west by the end of the decade. "


def test_a_long_paragraph_holding_markers_and_labels_is_written_in_lines_and_read_back_whole() -> None:
    # A paragraph that holds what reads as a paragraph marker and a head label in mid-line (the text of
    # paragraphs a publication ran together): one line of it would be read as a cable whose line breaks
    # were lost, and cut there.
    text = (_SENTENCE * 12 + "Comment ------- \u00b62. (C) The grid is the point. " + _SENTENCE * 12
            + "Under E.O. 12958 the talks are classified. \u00b63. (C) " + _SENTENCE * 12).strip()
    clean = _with_text(text)
    assert clean.paragraphs[0].text == text
    written = cablekit.dumps(clean, "text")
    assert max(len(line) for line in written.splitlines()) <= 1000
    assert _round_trip(clean) == clean


def test_a_long_paragraph_is_not_cut_before_a_marker_a_list_item_or_after_a_hyphen() -> None:
    filler = "word " * 190
    text = f"{filler}4. (C) {filler}-- item {filler}anti- aircraft {filler}SIPDIS {filler}end."
    clean = _with_text(text)
    assert clean.paragraphs[0].text == text
    lines = cablekit.dumps(clean, "text").partition("1. (C) ")[2].splitlines()
    assert len(lines) > 3
    assert not any(line.startswith(("4. (C)", "-- item", "aircraft", "SIPDIS")) for line in lines)
    assert _round_trip(clean) == clean


def test_a_long_paragraph_keeps_a_long_last_line() -> None:
    # A short last line of a wrapped paragraph would read as the next paragraph's heading.
    text = "word " * 230 + "Energy Security"
    clean = _clean(f"1. (C) {text}\n\n2. (C) The second point.\n\nDOE\n")
    lines = cablekit.dumps(clean, "text").splitlines()
    last = next(line for line in lines if line.endswith("Energy Security"))
    assert len(last) >= 200
    assert _round_trip(clean) == clean


# --- a heading after text that stops mid-sentence ----------------------------------------------------------

def test_a_heading_after_a_paragraph_ending_without_a_period_is_underlined_and_read_back() -> None:
    clean = _clean("1. (C) Summary: The talks went well. End Summary\n\nThe Grid Plan\n-------------\n\n"
                   "2. (C) The plan links the grid.\n\nDOE\n")
    assert clean.paragraphs[1].heading == "The Grid Plan"
    written = cablekit.dumps(clean, "text")
    assert "The Grid Plan\n-------------\n\n2. (C)" in written
    assert _round_trip(clean) == clean


def test_a_heading_after_a_sentence_is_written_without_a_rule() -> None:
    clean = _clean("1. (C) The talks went well.\n\nThe Grid Plan\n\n2. (C) The plan links the grid.\n\nDOE\n")
    assert clean.paragraphs[1].heading == "The Grid Plan"
    assert "The Grid Plan\n\n2. (C)" in cablekit.dumps(clean, "text")
    assert _round_trip(clean) == clean


def test_a_rule_under_a_block_marks_a_heading_after_text_that_runs_on() -> None:
    cable = cablekit.parse(_HEAD + "1. (C) The text is at http://example.org/talks.htm\n\nDraft Plan\n"
                           "----------\n\n2. (C) The plan.\n")
    assert [p.heading for p in cable.paragraphs] == [None, "Draft Plan"]
    assert cable.defects == ()


def test_a_block_without_a_rule_after_text_that_runs_on_still_continues_it() -> None:
    cable = cablekit.parse(_HEAD + "1. (C) The minister said that\n\nthe talks went on\n\n2. (C) The plan.\n")
    assert [p.heading for p in cable.paragraphs] == [None, None]
    assert "paragraph-split" in {d.code for d in cable.defects}


# --- the summary -------------------------------------------------------------------------------------------

def test_the_summary_is_read_from_the_clean_paragraphs() -> None:
    # A word hyphenated at a line break is joined in the paragraph; the summary says the same.
    clean = _clean("1. (C) Summary: Talks on the trans-\nBaltic grid went well. End Summary.\n\n"
                   "2. (C) More.\n\nDOE\n")
    assert clean.summary == "Talks on the trans-Baltic grid went well."
    assert _round_trip(clean) == clean


def test_a_summary_label_on_its_own_line_before_a_pilcrow_marker_opens_the_summary() -> None:
    clean = _clean("Summary\n\u00b61. (C) The talks went well.\n\nDOE\n")
    # the title is paragraph 1's heading, and paragraph 1 the summary
    assert [(p.number, p.heading) for p in clean.paragraphs] == [(1, "Summary")]
    assert clean.summary == "The talks went well."
    assert cablekit.normalize(clean) == clean
    assert _round_trip(clean) == clean


# --- an E.O. label written E.o. ----------------------------------------------------------------------------

def test_an_eo_label_in_lower_case_letters_is_not_kept_in_the_raw_value() -> None:
    clean = cablekit.normalize(cablekit.parse("SUBJECT: TALKS\nE.o. 12958: decl: 04/09/2024\n\n1. (C) Text.\n"))
    assert clean.eo is not None and clean.eo.order == "12958" and clean.eo.raw == "12958: decl: 04/09/2024"
    assert _round_trip(clean) == clean


# --- head fields a lenient reading left in a paragraph -----------------------------------------------------

def _with_lead(text: str) -> Cable:
    """A clean cable with an unnumbered paragraph holding *text* before paragraph 1 (in the head zone)."""
    clean = _clean("1. (C) Text.\n\n2. (C) More text.\n\nDOE\n")
    lead = attrs.evolve(clean.paragraphs[0], number=None, marker="", classification=None, text=text)
    return cablekit.normalize(attrs.evolve(clean, paragraphs=(lead, *clean.paragraphs)))


def test_head_labels_in_a_paragraph_before_paragraph_1_are_written_on_lines_of_their_own() -> None:
    # Written on one line, the labels would read as head fields glued together, which strict mode refuses.
    text = ("GRID TALKS TALLINN 2231 Classified By: Poloff Ann Lee for reasons 1.4 (b) and (d). "
            "TAGS: PREL EN SUBJECT: THE GRID")
    clean = _with_lead(text)
    assert clean.paragraphs[0].text == text
    written = cablekit.dumps(clean, "text")
    assert "GRID TALKS TALLINN 2231\nClassified By: Poloff Ann Lee" in written
    assert _round_trip(clean) == clean


def test_a_short_block_holding_a_classified_by_line_is_no_heading() -> None:
    # Two short lines before paragraph 1, the second a Classified By line: a paragraph, not a heading.
    clean = _with_lead("March 4 Classified By: Poloff Ann Lee; reasons 1.4 (b) and (d)")
    assert "March 4\nClassified By:" in cablekit.dumps(clean, "text")
    assert _round_trip(clean) == clean
    cable = cablekit.parse(_HEAD + "March 4\nClassified By: Poloff Ann Lee; reasons 1.4 (b)\n\n1. (C) Text.\n")
    assert cable.paragraphs[0].heading is None and cable.paragraphs[0].number is None


def test_a_glued_field_that_a_line_break_cannot_part_is_written_as_it_stands() -> None:
    # Text after a REF serial that opens like a list item keeps a line of its own when read back, so
    # writing it there would change the paragraph: the line stays whole.
    text = "TALKS REF: A) TALLINN 1092 B) TALLINN 921 (SBU) Summary: The talks went well."
    written = cablekit.dumps(_with_lead(text), "text")
    assert text in written.splitlines()


# --- a text that ends at a cut -----------------------------------------------------------------------------

def test_a_cable_cut_short_is_written_with_its_cut_and_strict_mode_still_says_so() -> None:
    # The published text breaks off in a word: the text format keeps the cut as it stands (it cannot
    # know the rest), and strict mode refuses the text as incomplete, as it refuses the source; read
    # leniently, the text gives back the same cable with only that defect.
    clean = _clean("1. (C) The minister said that the talks would resume in Tar...\n")
    written = cablekit.dumps(clean, "text")
    assert "resume in Tar...\n" in written
    try:
        cablekit.parse(written, mode="strict")
    except cablekit.CableParseError as error:
        assert {d.code for d in error.defects} == {"text-truncated"}
    else:
        raise AssertionError("strict mode read a cut text without a defect")
    back = cablekit.parse(written)
    assert {d.code for d in back.defects} == {"text-truncated"}
    assert cablekit.normalize(back) == clean


# --- a page-break line set off as a heading ----------------------------------------------------------------

def test_a_page_break_line_framed_like_a_heading_is_no_heading() -> None:
    # An indented lone classification, or a page line with a rule glued to it, stands where a heading
    # would: it is a page break (its clean text reads as one), and the heading above it is read.
    source = (_HEAD + "1. (C) The talks went well.\n\nGrid Plans\n\n"
              "TALLINN 00000417 002 OF 003 ----------\n\n2. (C) The plan.\n\n"
              "                CONFIDENTIAL \n\n3. (C) More.\n\nDOE\n")
    cable = cablekit.parse(source)
    assert [p.heading for p in cable.paragraphs] == [None, "Grid Plans", None]
    assert [d.code for d in cable.defects].count("page-break") == 2
    clean = cablekit.normalize(cable)
    assert _round_trip(clean) == clean


# --- a paragraph's last block that reads as a heading --------------------------------------------------------

def _two_paragraphs(last_block: str) -> Cable:
    """A clean cable of two paragraphs whose first one ends in the block *last_block* (a heading the source
    wrote over three lines, which the reader left in the text)."""
    clean = _clean("1. (C) The talks went well.\n\n2. (C) The grid was discussed.\n\nDOE\n")
    one, two = clean.paragraphs
    one = attrs.evolve(one, text=f"{one.text}\n\n{last_block}")
    return cablekit.normalize(attrs.evolve(clean, paragraphs=(one, two)))


def test_a_last_block_that_reads_as_a_heading_stays_in_its_paragraph() -> None:
    for block in ("TALKS GENERATE MOMENTUM ON THE BALTIC GRID NOVEMBER 4, 2031 -----------------",
                  "Kalle Tamm Minister of Energy (Majandus - also called Economy)",
                  "Grid: 12 Cable: 7 Gas: 2 Oil: 1"):
        clean = _two_paragraphs(block)
        assert clean.paragraphs[0].text.endswith(block)
        assert clean.paragraphs[1].heading is None
        written = cablekit.dumps(clean, "text")
        assert block not in written  # written over three lines, which no heading has
        assert _round_trip(clean) == clean


def test_an_unnumbered_block_before_paragraph_1_that_reads_as_a_heading_stays_apart() -> None:
    clean = _clean("1. (U) The talks went well.\n\nDOE\n")
    lead = cablekit.Paragraph(number=None, marker="", classification=None, heading=None,
                              text="SECRET//NOFORN Declassify on: Source marked 25X1, Date of source: May 2, 2031")
    clean = cablekit.normalize(attrs.evolve(clean, paragraphs=(lead, *clean.paragraphs)))
    assert clean.paragraphs[0].number is None and clean.paragraphs[1].heading is None
    assert _round_trip(clean) == clean


# --- signers on lines of their own -------------------------------------------------------------------------

def test_two_or_three_names_in_a_block_of_their_own_after_the_text_are_all_signers() -> None:
    for names in (["KASK", "TAMM"], ["ROOS", "ROOS"], ["Kalle Kask", "Energy Office", "TAMM"]):
        body = "1. (C) The talks went well.\n\n" + "\n".join(names) + "\n"
        cable = cablekit.parse(_HEAD + body)
        assert list(cable.signers) == names
        assert cable.paragraphs[-1].text == "The talks went well."
        clean = cablekit.normalize(cable)
        assert _round_trip(clean) == clean


def test_a_name_under_a_line_of_text_leaves_that_line_in_the_text() -> None:
    cable = cablekit.parse(_HEAD + "1. (C) The talks went well.\n\nWith warm regards, Kalle Kask\nTAMM\n")
    assert cable.signers == ("TAMM",)
    assert cable.paragraphs[-1].text.endswith("Kalle Kask")
    cable = cablekit.parse(_HEAD + "1. (C) The talks went well.\n\nMINIMIZE CONSIDERED\nTAMM\n")
    assert cable.signers == ("TAMM",)


# --- a lone number out of sequence is the end of a sentence, not a marker ---------------------------------

def test_a_lone_number_out_of_sequence_ends_the_sentence_before_it() -> None:
    # "Please see paragraph" / "3." wrapped onto a line of its own before paragraph 2.
    cable = cablekit.parse(_HEAD + "1. (U) This is an action request. Please see paragraph\n\n3.\n"
                           "2. (C) The ministry asked for help.\n\n3. (C) Action request: send an expert.\n\nDOE\n")
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert cable.paragraphs[1].classification == "C"
    clean = cablekit.normalize(cable)
    assert clean.paragraphs[0].text.endswith("paragraph 3.")
    assert _round_trip(clean) == clean


def test_a_number_out_of_sequence_before_text_still_opens_its_paragraph() -> None:
    cable = cablekit.parse(_HEAD + "1. (U) The talks went well.\n\n3. (C) The grid was discussed.\n\nDOE\n")
    assert [p.number for p in cable.paragraphs] == [1, 3]


# --- a long routing line ---------------------------------------------------------------------------------

def test_a_long_list_of_routing_indicators_is_written_over_lines_and_read_back() -> None:
    indicators = [f"RUEH{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(48)]
    routing = "\n".join(" ".join(indicators[i:i + 12]) for i in range(0, 48, 12))
    source = (f"VZCZCXRO4417\nOO {routing}\nDE RUEHTL #0417 0731200\nZNY CCCCC ZZH\nO 141200Z MAR 08\n"
              "FM AMEMBASSY TALLINN\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1234\n\n" + _HEAD
              + "1. (C) The talks went well.\n\nDOE\n")
    clean = cablekit.normalize(cablekit.parse(source))
    assert clean.header is not None and list(clean.header.routing) == indicators
    written = cablekit.dumps(clean, "text")
    assert max(len(line) for line in written.splitlines()[:6]) <= 70
    assert _round_trip(clean) == clean


# --- a post whose name ends in EO before a serial ------------------------------------------------------------

def test_a_reference_to_a_post_ending_in_eo_is_no_glued_eo_label() -> None:
    # ``MONTEVIDEO 00554`` holds ``EO 00554``; an E.O. label glued to text is ``EO 12958`` (no leading zero).
    source = _HEAD.replace("Classified By", "REF: A. 31 MONTEVIDEO 00417 B. 31 STATE 123456\n\nClassified By")
    clean = cablekit.normalize(cablekit.parse(source + "1. (C) The talks went well.\n\nDOE\n"))
    assert [r.text for r in clean.references] == ["31 MONTEVIDEO 00417", "31 STATE 123456"]
    assert _round_trip(clean) == clean


# --- a spaced rule inside a paragraph ----------------------------------------------------------------------

def test_a_spaced_rule_inside_a_paragraph_is_joined_like_a_rule_not_kept_as_a_list_item() -> None:
    text = ("Kask said the grid was linked.\n- - - - - - - - - - - -\nGeneral Tamm: We will never admit it\n"
            "- - - - - - - - - - - -")
    clean = _two_paragraphs_text(text)
    assert clean.paragraphs[0].text == ("Kask said the grid was linked. - - - - - - - - - - - - General Tamm: "
                                        "We will never admit it - - - - - - - - - - - -")
    assert cablekit.normalize("1. (C) A list:\n-- one;\n- - item two.\n").paragraphs[0].text == \
        "A list:\n-- one;\n- - item two."
    assert _round_trip(clean) == clean


def _two_paragraphs_text(text: str) -> Cable:
    """A clean cable of two paragraphs whose first one holds *text* (lines and all)."""
    clean = _clean("1. (C) The talks went well.\n\n2. (C) The grid was discussed.\n\nDOE\n")
    one, two = clean.paragraphs
    return cablekit.normalize(attrs.evolve(clean, paragraphs=(attrs.evolve(one, text=text), two)))


# --- the first reading reads the real family's last misreadings right --------------------------------------
#
# Each kind below was read wrong the first time, so that the text written from that reading read back
# differently (the written text parts what the source ran together).  The first reading now reads it right,
# and the round trip holds.

def _source_round_trips(source: str) -> Cable:
    """The clean cable of *source*, after checking that its text round trip holds."""
    clean = cablekit.normalize(cablekit.parse(source))
    assert _round_trip(clean) == clean
    return clean


_OLD_HEAD = ("C O N F I D E N T I A L SECTION 01 OF 02 TALLINN 002231\n\nSIPDIS\n\n"
             "E.O. 12958: DECL: 10/23/11\nTAGS: PREL EN\n")
_PAGE_LINE = "PAGE 02        TALLIN  02231  01 OF 02  021700Z"


@pytest.mark.parametrize("footer", ["                       CONFIDENTIAL ", "CONFIDENTIAL", " CONFIDENTIAL"])
def test_a_page_footer_and_page_line_between_head_fields_are_a_page_break(footer: str) -> None:
    # A page's footer (its classification alone, often indented) and the next page's page line stand
    # between REF and the Classified By line: the head goes on after them.
    source = (_OLD_HEAD + "SUBJECT: GRID TALKS\n\nREF. STATE 184178\n" + footer + "\n\n" + _PAGE_LINE
              + "\n\nCLASSIFIED BY AMBASSADOR. REASON 1.5(B,D).\n\n1. (C) The talks went well.\n\nDOE\n")
    cable = cablekit.parse(source)
    assert cable.classified_by is not None and cable.classified_by.title == "AMBASSADOR"
    assert [p.number for p in cable.paragraphs] == [1]
    assert [d.text.strip() for d in cable.defects if d.code == "page-break"] == ["CONFIDENTIAL", _PAGE_LINE]
    _source_round_trips(source)


@pytest.mark.parametrize("footer", ["                       CONFIDENTIAL", " CONFIDENTIAL", "CONFIDENTIAL"])
def test_a_subject_goes_on_after_a_page_footer_and_page_line(footer: str) -> None:
    # The subject is cut by a page break; its rest stands after the page line, before the next field.
    source = (_OLD_HEAD + "SUBJECT: DEPUTY MINISTER MEETS WITH ESTONIAN\n" + footer + "\n" + _PAGE_LINE
              + "\nOPPOSITION LEADER\nREFTEL: TALLINN 2184\n"
              "CLASSIFIED BY AMBASSADOR JANE DOE FOR REASONS 1.5 (B) AND (D).\n1. (C) The talks went well.\n")
    cable = cablekit.parse(source)
    assert cable.subject == "DEPUTY MINISTER MEETS WITH ESTONIAN OPPOSITION LEADER"
    assert [r.text for r in cable.references] == ["TALLINN 2184"]
    assert cable.classified_by is not None and cable.classified_by.name == "JANE DOE"
    assert [d.text.strip() for d in cable.defects if d.code == "page-break"] == ["CONFIDENTIAL", _PAGE_LINE]
    _source_round_trips(source)


def test_a_lone_classification_without_a_page_line_after_it_is_no_footer() -> None:
    source = _OLD_HEAD + "SUBJECT: TALKS ON THE\n      CONFIDENTIAL\nGRID\n\n1. (C) The talks went well.\n"
    assert cablekit.parse(source).subject == "TALKS ON THE CONFIDENTIAL GRID"


def test_a_handling_line_after_a_subject_cut_short_is_no_part_of_it() -> None:
    source = (_OLD_HEAD + "SUBJECT: TALKS ON THE GRID AND\n\n"
              "SENSITIVE BUT UNCLASSIFIED. PLEASE PROTECT ACCORDINGLY.\n\n"
              "REF: TALLINN 2184\n\n1. (C) The talks went well.\n")
    cable = cablekit.parse(source)
    assert cable.subject == "TALKS ON THE GRID AND"
    assert "glued-line" not in {d.code for d in cable.defects}
    assert cable.offices == ("SENSITIVE BUT UNCLASSIFIED. PLEASE PROTECT ACCORDINGLY.",)


@pytest.mark.parametrize("debris", ['"', '",', ',,"'])
def test_csv_quote_debris_before_a_label_after_a_field_cut_off_a_line(debris: str) -> None:
    # A CSV dump left a quote glued before TAGS on a line that a caveat opens: the E.O. line is cut off
    # the caveat, and TAGS off the E.O. line's quote.
    source = ("S E C R E T STATE 049854\n\"NOFORN\nSIPDIS E.O. 12958: DECL: 05/15/2034 " + debris
              + "TAGS: PINR EN\n\nSUBJECT: THANKS FOR THE REPORTING ,,\"\"\n"
              "REF: A. TALLINN 000490 ,,\"  B. TALLINN 000558 ,,\"\"\n\n1. (S) The reporting helped.\n")
    cable = cablekit.parse(source)
    assert [t.code for t in cable.tags] == ["PINR", "EN"]
    assert cable.eo is not None and cable.eo.declassify_on is not None
    assert "glued-line" in {d.code for d in cable.defects}
    _source_round_trips(source)


_PRINT_HEADER = ("VZCZCXRO5127\nPP RUEHAG RUEHROV\nDE RUEHC #4231/01 3221739\nZNY SSSSS ZZH\nP 181729Z NOV 09\n"
                 "FM SECSTATE WASHDC\nTO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE PRIORITY\n"
                 "RUEHTL/AMEMBASSY TALLINN PRIORITY 0913\n\n")
_PRINT_HEAD = ("S E C R E T SECTION 01 OF 03 STATE 114231\n\nNOFORN\n\nE.O. 12958: DECL: 11/17/2034\n"
               "TAGS: ASEC PREL\nSUBJECT: GUIDANCE ON GRID VISITS\n\nREF: A. 08 STATE 061194\n\n"
               "1. (S) This telegram gives guidance.\n")


@pytest.mark.parametrize("title", ["S E C R E T   STATE   00114231 ", "SECRET STATE 00114231"])
def test_a_print_s_title_over_the_transmission_header(title: str) -> None:
    # The print's title (the classification, the post and the serial) stands over the VZCZC line; the
    # header and the head are read as without it, and the title is kept in a publication-wrapper defect.
    source = title + "\n" + _PRINT_HEADER + _PRINT_HEAD
    cable = cablekit.parse(source)
    plain = cablekit.parse(_PRINT_HEADER + _PRINT_HEAD)
    assert cable.header == plain.header and cable.header is not None
    assert (cable.banner, cable.subject, cable.tags, cable.references) == (
        plain.banner, plain.subject, plain.tags, plain.references)
    assert [d.text for d in cable.defects if d.code == "publication-wrapper"] == [title]
    assert cablekit.parse(source, mode="strict") is not None
    _source_round_trips(source)


def test_a_banner_over_a_header_with_no_banner_after_it_is_the_banner() -> None:
    cable = cablekit.parse("SECRET STATE 114231\n" + _PRINT_HEADER + "1. (S) This telegram gives guidance.\n")
    assert cable.banner is not None and cable.banner.serial == 114231
    assert "publication-wrapper" not in {d.code for d in cable.defects}


def test_an_export_record_between_two_copies_of_the_header_round_trips() -> None:
    source = (_PRINT_HEADER + "CLASSIFICATION: SECRET\nMISC: 08STATE61194\nDESTINATION: VZCZCXRO5127\n"
              + _PRINT_HEADER.partition("\n")[2] + _PRINT_HEAD)
    clean = _source_round_trips(source)
    assert clean.subject == "GUIDANCE ON GRID VISITS" and clean.header is not None
