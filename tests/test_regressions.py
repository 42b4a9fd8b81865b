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


# --- no hang (the tokenizer's structure, benchmarks/adversarial.py) -------------------------------


@pytest.mark.parametrize("keyword", ["TAGS: ", "SUBJECT: ", "REF: ", "Classified By: ", "E.O. 12958: ", "FM "])
def test_field_text_ends_at_its_last_non_blank(keyword: str) -> None:
    # A lazy '[^\r\n]{0,2000}?' before the end-of-line blanks was quadratic in a run of blanks.
    line = keyword + "A" + " " * 1500 + "B   \n"
    (token,) = tokenize(line)
    group = next(v for k, v in token.fields.items() if k not in ("eo_order",))
    assert group == "A" + " " * 1500 + "B"
    assert parse(keyword + "x" + " " * 1999 + "x\n") is not None
