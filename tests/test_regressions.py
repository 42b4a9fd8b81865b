"""Bugs the property tests found, each kept as the shrunk example hypothesis gave.

Each is named for what went wrong; the properties live in tests/properties/.
"""

from __future__ import annotations

import pytest

from cablekit import Classification, Classifier, normalize, parse, tokenize

# --- head fields and the reference id (round trips of generated cables) ---------------------------


def test_limited_official_use_under_an_unclas_banner_is_a_caveat() -> None:
    # The restated level ended the head and was taken for a page break inside the text.
    text = "UNCLAS SECTION 01 OF 01 AMMAN 000001\n\nSIPDIS\nSENSITIVE\nLIMITED OFFICIAL USE\n"
    cable = parse(text, mode="strict")
    assert cable.caveats == ("SIPDIS", "SENSITIVE", "LIMITED OFFICIAL USE")
    assert cable.classification is Classification.UNCLASSIFIED


def test_a_classification_line_restated_under_the_banner_keeps_the_head_going() -> None:
    text = ("C O N F I D E N T I A L AMMAN 000713\n\nCONFIDENTIAL//NOFORN\n\nE.O. 12958: DECL: 02/14/2018\n"
            "TAGS: PREL JO\n\n1. (C) Text.\n")
    cable = parse(text, mode="strict")
    assert cable.caveats == ("NOFORN",)
    assert [t.code for t in cable.tags] == ["PREL", "JO"]
    assert [p.text for p in cable.paragraphs] == ["Text."]


def test_cda_alone_is_a_title() -> None:
    assert parse("Classified By: CDA\n").classified_by == Classifier(title="CDA")


def test_reference_id_of_a_header_only_cable_from_the_department() -> None:
    # The sending office SECSTATE WASHDC gave '00SECSTATEWASHDC1'.
    text = "DE RUEHAA #0001/01\nR 010000Z JAN 00\nFM SECSTATE WASHDC\n"
    assert parse(text).reference_id == "00STATE1"
    assert parse(text, reference_id="00STATE1", mode="strict").defects == ()


def test_link_debris_on_a_tags_continuation_line_is_reported() -> None:
    text = "TAGS: PREL ECON ETRD (SMITH, JOHN) (ABDULLAH II) (KASK, URMAS)\n[PGOV](#)\n\n11. The.\n"
    cable = parse(text)
    assert ("link-artifact", 2) in [(d.code, d.line) for d in cable.defects]
    assert [t.code for t in normalize(cable).tags][-1] == "PGOV"


# --- paragraphs, splits and the summary (damage and repair) ---------------------------------------


def test_paragraph_line_counts_the_lines_before_the_cable() -> None:
    # Paragraph.line was a line of the unwrapped text, not of the caller's.
    text = "Created: 2000-01-01T00:00:00+00:00\nOrigin: Embassy Amman\n\nE.O. 12958: N/A\n\nThe.\n"
    assert [p.line for p in parse(text).paragraphs] == [6]


def test_blank_line_splitting_a_later_block_is_reported() -> None:
    # Only a split in the block right after a marker line was reported.
    text = "UNCLASSIFIED\n\nThe:\nSTATE 00012345 003 OF 003\n-- the\n\nthe\nSTATE 00012345 003 OF 003\nthe.\n"
    cable = parse(text)
    assert ("paragraph-split", 7) in [(d.code, d.line) for d in cable.defects]
    assert normalize(cable).paragraphs[0].text == "The:\n-- the the the."
    numbered = parse("TAGS: PREL\n\n1. (C) One.\n\nTwo is\n\nthree.\n")
    assert [(d.code, d.line) for d in numbered.defects] == [("paragraph-split", 7)]


def test_blank_line_before_a_heading_shaped_continuation_is_reported() -> None:
    # 'Ambassador' alone looks like a heading, but the text runs on after it.
    text = "TAGS: PREL\n\nThe\n\nAmbassador\nSTATE 00012345 002 OF 002\nthe.\n"
    cable = parse(text)
    assert ("paragraph-split", 5) in [(d.code, d.line) for d in cable.defects]
    assert normalize(cable).paragraphs[0].text == "The Ambassador the."


def test_a_heading_is_still_no_split() -> None:
    text = "TAGS: PREL\n\n1. (C) One.\n\nThe View From Amman\n\n2. (C) Two.\n"
    cable = parse(text, mode="strict")
    assert cable.paragraphs[1].heading == "The View From Amman"


def test_summary_opener_cut_by_a_page_break() -> None:
    text = ("REF: AMMAN 1\n\nBEGIN\nSTATE 00012345 004 OF 004\nSUMMARY: The. The:\n- the.\n\n"
            "Kask China reform security meet.\n\nORDWAY\n")
    assert normalize(parse(text)).summary == "The. The: - the. Kask China reform security meet."


def test_block_ending_in_a_closed_bracket_is_no_heading() -> None:
    # '... (End Summary.)' was short enough, and did not end in '.', so it became paragraph 1's heading.
    text = "REF: AMMAN 1\n\nSummary and Comment: It. (End Summary.)\n\n1. They met.\n"
    cable = parse(text, mode="strict")
    assert [(p.number, p.heading) for p in cable.paragraphs] == [(None, None), (1, None)]
    assert cable.summary == "It."


# --- no hang (the tokenizer's structure, benchmarks/adversarial.py) -------------------------------


@pytest.mark.parametrize("keyword", ["TAGS: ", "SUBJECT: ", "REF: ", "Classified By: ", "E.O. 12958: ", "FM "])
def test_field_text_ends_at_its_last_non_blank(keyword: str) -> None:
    # A lazy '[^\r\n]{0,2000}?' before the end-of-line blanks was quadratic in a run of blanks.
    line = keyword + "A" + " " * 1500 + "B   \n"
    (token,) = tokenize(line)
    group = next(v for k, v in token.fields.items() if k not in ("eo_order",))
    assert group == "A" + " " * 1500 + "B"
    assert parse(keyword + "x" + " " * 1999 + "x\n") is not None


# --- line repairs ------------------------------------------------------------------------------------


def test_an_entity_that_decodes_to_a_newline_keeps_the_line_count() -> None:
    # '&#XA;' decodes to a newline inside a line; a later repair pass counted newlines in the joined
    # text to find its line and ran past the end of the list (IndexError, reported as parser-error).
    cable = parse("&#XA;\u00a0")
    assert [d.code for d in cable.defects if d.code == "parser-error"] == []
    assert {d.code for d in cable.defects} >= {"html-markup", "whitespace"}
