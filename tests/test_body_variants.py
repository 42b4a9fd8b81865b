"""The end of a cable's text, its summary, its paragraph markings and headings, in every shape they come in.

Each class of variant met in real cables has its tests here, with made-up examples
(posts, people and numbers are invented, in the shape of the real ones):

* signers behind end stamps and debris, in looser shapes, or glued to the last sentence;
* summaries under a framed heading, with a longer label, a marking next to the label, or only a close;
* portion markings in any case, with blanks, caveats and release lists, and brackets that are not markings;
* a text that ends at a cut;
* headings framed by rules.
"""

from __future__ import annotations

import pytest

from builders import P1, P2, P3, cable, paras
from cablekit import Cable, CableParseError, Paragraph, normalize, parse
from cablekit.body import read_marking, summary_of


def _defects(parsed: Cable, code: str) -> list[str]:
    return [d.text for d in parsed.defects if d.code == code]


def _text(parsed: Cable) -> str:
    return "\n".join(p.text for p in parsed.paragraphs)


# --------------------------------------------------------------------------- signers behind end lines


@pytest.mark.parametrize("trailer", [
    "=====================CABLE ENDS=========================",
    "End Cable Text",
    "Nnnn",
    "2007TALLINN00412 - Classification: CONFIDENTIAL",
    '" Classification: UNCLASSIFIED',
    '"',
    '",',
    "...",
    "/",
    ">",
    "\\",
    "                      CONFIDENTIAL",
])
def test_a_signer_is_read_behind_an_end_line_which_is_kept_in_a_defect(trailer: str) -> None:
    parsed = parse(cable(signer=f"HALVORSEN\n\n{trailer}"))
    assert parsed.signers == ("HALVORSEN",)
    assert trailer.strip() not in _text(parsed)
    assert _defects(parsed, "publication-wrapper") == [trailer]


def test_several_end_lines_each_kept() -> None:
    parsed = parse(cable(signer='HALVORSEN\n\n>\n 2007TALLINN00412 - Classification: SECRET\n\n"'))
    assert parsed.signers == ("HALVORSEN",)
    assert _defects(parsed, "publication-wrapper") == [">", " 2007TALLINN00412 - Classification: SECRET", '"']


def test_a_plain_nnnn_after_the_signer_is_no_defect() -> None:
    parsed = parse(cable(signer="HALVORSEN\nNNNN"))
    assert parsed.signers == ("HALVORSEN",) and parsed.defects == ()


# --------------------------------------------------------------------------- names in looser shapes


@pytest.mark.parametrize(("line", "name"), [
    ("HALVORSEN.", "HALVORSEN"),
    ("HALVORSEN .", "HALVORSEN"),
    ("HALVORSEN \\", "HALVORSEN"),
    ("Halvorsen \\", "Halvorsen"),
    ('HALVORSEN "', "HALVORSEN"),
    ("HALVORSEN NNNN", "HALVORSEN"),
    ("van Doorn", "van Doorn"),
    ("de la Vega", "de la Vega"),
    ("halvorsen", "halvorsen"),
    ("LU", "LU"),
    ("Lu", "Lu"),
])
def test_a_last_line_name_in_a_looser_shape(line: str, name: str) -> None:
    parsed = parse(cable(signer=line))
    assert parsed.signers == (name,)
    assert name not in _text(parsed)
    assert normalize(parsed).signers == (name.upper(),)


@pytest.mark.parametrize("body", [
    # a sentence running on into the last line is no name, whatever its shape
    "3. (U) This cable was cleared by the office of U/S\nPADILLA.",
    "3. (U) This cable was cleared by the office of U/S\n\nPADILLA.",
    "3. (U) Embassy sees this as a high\npriority.",
    "3. (U) Embassy sees this as a high\n\nissue.",
    # a one-word sentence in title case is a sentence
    "3. (U) The minister agreed to all of it.\n\nRemarkable.",
    # a lower-case word after a sentence that runs on
    "3. (U) The minister said that\n\nbut.",
    # a lower-case word standing apart after a sentence that runs on
    "3. (U) Embassy sees this as a high\n\npriority",
    # words that end a text but are no name
    "3. (U) The minister agreed.\n\nthanks",
    "3. (U) The minister agreed.\n\nIT",
])
def test_a_last_line_that_is_no_name(body: str) -> None:
    parsed = parse(cable(body=paras(P1, P2, body), signer=None))
    assert parsed.signers == ()
    assert body.split()[-1] in _text(parsed)


# --------------------------------------------------------------------------- a surname glued to the last sentence


@pytest.mark.parametrize(("before", "line"), [
    ("3. (U) Visit Tallinn's Classified Website: XXXXXXXXXXXX", "HALVORSEN."),
    ("3. (U) Contact: Kaarel Tamm, tel. +372-555-0101\n", "van Doorn"),
    ("3. (U) Contact: Kaarel Tamm, tel. +372-555-0101\n", "HALVORSEN"),
])
def test_a_name_after_a_redaction_or_standing_apart(before: str, line: str) -> None:
    parsed = parse(cable(body=paras(P1, P2, before), signer=line))
    assert parsed.signers == (line.rstrip("."),)


@pytest.mark.parametrize(("last", "name"), [
    ("3. (U) Estonia wants visible results. END TEXT HALVORSEN", "HALVORSEN"),
    ("3. (U) Estonia wants visible results. LU", "LU"),
])
def test_a_surname_glued_after_an_end_of_text_or_of_two_letters(last: str, name: str) -> None:
    parsed = parse(cable(body=paras(P1, P2, last), signer=None))
    assert parsed.signers == (name,)


@pytest.mark.parametrize(("last", "name"), [
    ("3. (U) Comment: Estonia wants visible results. End Comment. HALVORSEN", "HALVORSEN"),
    ("3. (U) We hope for continued success. Halvorsen", "Halvorsen"),
    ("3. (U) We hope for continued success (reftel). HALVORSEN", "HALVORSEN"),
    ('3. (U) He said: "we will see." HALVORSEN', "HALVORSEN"),
    ("3. (U) Visit Tallinn's Classified Website: XXXXXXXXXXXX HALVORSEN", "HALVORSEN"),
    ("3. (U) ******************************** ******** HALVORSEN", "HALVORSEN"),
    ("3. (U) Estonia wants results. END COMMENT HALVORSEN", "HALVORSEN"),
    ("3. (U) Estonia wants results.  McHalvorsen", "McHalvorsen"),
    ("3. (U) Estonia wants results. VAN DOORN", "VAN DOORN"),
    ("3. (U) Estonia wants results. HALVORSEN NNNN", "HALVORSEN"),
    ("3. (U) Estonia wants results. HALVORSEN \\", "HALVORSEN"),
])
def test_a_surname_glued_to_the_last_sentence_is_split_off(last: str, name: str) -> None:
    text = cable(body=paras(P1, P2, last), signer=None)
    parsed = parse(text)
    assert parsed.signers == (name,)
    assert not parsed.paragraphs[-1].text.endswith(name)
    glued = [d for d in parsed.defects if d.code == "glued-line"]
    # the defect holds the whole line, as the line repairs left it (an escaping backslash dropped)
    assert [d.text.rstrip(" \\") for d in glued] == [last.rstrip(" \\")] and name in glued[0].message
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


def test_a_glued_surname_at_the_end_of_a_long_last_paragraph() -> None:
    last = "3. (U) " + "Estonia wants visible results from the summit. " * 8 + "\nIt will say so. HALVORSEN"
    parsed = parse(cable(body=paras(P1, P2, last), signer=None))
    assert parsed.signers == ("HALVORSEN",)
    assert parsed.paragraphs[-1].text.endswith("It will say so.")


@pytest.mark.parametrize("last", [
    "3. (U) Estonia wants visible results. END COMMENT",
    "3. (U) Militants are winning in the border areas. VIA",
    "3. (U) Please advise. Thanks",
    "3. (U) Minimize considered. ACTION REQUEST",
    "3. (U) Present were the mayor, the governor and Kaarel Tamm HALVORSEN",  # no sentence's end before it
    "3. (U) Estonia wants visible results. Estonia wants them soon",
    "3. (U) Estonia wants visible results. It",
    "3. (U) Estonia wants visible results. The Minister Said",
])
def test_no_surname_is_split_off_where_none_is_glued(last: str) -> None:
    parsed = parse(cable(body=paras(P1, P2, last), signer=None))
    assert parsed.signers == ()
    assert not any(d.code == "glued-line" for d in parsed.defects)


def test_a_signer_on_its_own_line_is_taken_before_a_glued_one() -> None:
    parsed = parse(cable(body=paras(P1, P2, "3. (U) Estonia wants visible results. KASK"), signer="HALVORSEN"))
    assert parsed.signers == ("HALVORSEN",)
    assert parsed.paragraphs[-1].text.endswith("results. KASK")


def test_a_split_signer_survives_the_text_round_trip() -> None:
    parsed = normalize(parse(cable(body=paras(P1, P2, "3. (U) Estonia wants visible results. Halvorsen"),
                                   signer=None)))
    again = normalize(parse(cablekit_text(parsed)))
    assert again == parsed and again.signers == ("HALVORSEN",)


def cablekit_text(parsed: Cable) -> str:
    from cablekit import dumps

    return dumps(parsed, "text")


# --------------------------------------------------------------------------- a text cut short


def test_an_ellipsis_line_at_the_end_marks_a_cut() -> None:
    parsed = parse(cable(body=paras(P1, P2, "3. (U) Estonia wants visible results from the summit", "..."),
                         signer=None))
    assert _defects(parsed, "text-truncated") == ["..."]
    assert parsed.paragraphs[-1].text == "Estonia wants visible results from the summit"


def test_a_last_word_followed_by_an_ellipsis_marks_a_cut() -> None:
    last = "3. (U) Estonia wants visible results from the sum..."
    parsed = parse(cable(body=paras(P1, P2, last), signer=None))
    assert _defects(parsed, "text-truncated") == [last]
    assert parsed.paragraphs[-1].text.endswith("from the sum...")


def test_an_ellipsis_after_the_signer_is_debris_not_a_cut() -> None:
    parsed = parse(cable(signer="HALVORSEN\n..."))
    assert parsed.signers == ("HALVORSEN",)
    assert _defects(parsed, "text-truncated") == []
    assert _defects(parsed, "publication-wrapper") == ["..."]


def test_an_ellipsis_inside_the_text_is_no_cut() -> None:
    parsed = parse(cable(body=paras(P1, "2. (C) Kask said... that was all.", P3)))
    assert _defects(parsed, "text-truncated") == []


# --------------------------------------------------------------------------- summaries


def _summary(*blocks: str) -> str | None:
    return parse(cable(body=paras(*blocks))).summary


@pytest.mark.parametrize("heading", [
    "------- SUMMARY --------",
    "-------\nSummary\n-------",
    "=== Summary ===",
    "I. Summary\n----------",
    "------------------------\nSUMMARY AND INTRODUCTION\n------------------------",
])
def test_a_summary_under_a_framed_heading(heading: str) -> None:
    parsed = parse(cable(body=paras(heading, "1. (C) Kask said the summit would open on time.", P3)))
    assert parsed.summary == "Kask said the summit would open on time."
    assert parsed.paragraphs[0].number == 1 and parsed.paragraphs[0].heading is not None
    assert "---" not in parsed.paragraphs[0].heading


@pytest.mark.parametrize("opener", [
    "Summary and Introduction:",
    "SUMMARY AND ACTION REQUEST:",
    "Summary and Action Request.",
    "Introduction and Summary:",
    "Summary/Introduction:",
    "Summary and Background:",
    "SUMMARY (U)",
    "Summary (C):",
    "(SE) Summary:",
    "Begin Summary.",
])
def test_a_summary_opened_by_a_longer_label_or_a_marking_next_to_it(opener: str) -> None:
    assert _summary(f"1. (C) {opener} Kask said the summit would open on time. End Summary.", P2, P3) == (
        "Kask said the summit would open on time.")


@pytest.mark.parametrize("closer", ["End Summary and Action Request.", "End Introduction and Summary.",
                                    "END SUMMARY AND\nINTRODUCTION."])
def test_a_summary_closed_by_a_longer_close(closer: str) -> None:
    assert _summary(f"1. (C) Summary: Kask said the summit would open.\n{closer} More text.", P2, P3) == (
        "Kask said the summit would open.")


def test_a_summary_in_lower_case_marking() -> None:
    assert _summary("1. (sbu) Summary: Kask said the summit would open. End Summary.", P2) == (
        "Kask said the summit would open.")


def test_an_unlabelled_first_paragraph_closed_by_end_summary() -> None:
    assert _summary("1. (C) Kask said the summit would open. End summary", P2, P3) == (
        "Kask said the summit would open.")


def test_an_unlabelled_second_paragraph_closed_by_end_summary() -> None:
    assert _summary("1. (U) This cable is sensitive but unclassified.",
                    "2. (C) Kask said the summit would open. END SUMMARY.", P3) == "Kask said the summit would open."


def test_an_end_summary_in_the_third_paragraph_without_an_opener_is_no_summary() -> None:
    assert _summary("1. (U) One.", "2. (U) Two.", "3. (C) Kask said the summit would open. End Summary.") is None


def test_an_end_summary_in_unnumbered_text_is_no_summary() -> None:
    paragraphs = [Paragraph(text="id: 14485 Kask said it. End Summary."), Paragraph(number=1, text="One.")]
    assert summary_of(paragraphs) is None


@pytest.mark.parametrize("text", ["Summary judgment was entered.", "Summary of the talks follows.",
                                  "Summary executions were reported."])
def test_a_paragraph_opening_with_the_word_summary_in_a_sentence_is_no_summary(text: str) -> None:
    assert _summary(f"1. (C) {text}", P2, P3) is None


# --------------------------------------------------------------------------- markings


@pytest.mark.parametrize(("rest", "marking"), [
    ("(C) Text", "C"),
    ("(c) Text", "c"),
    ("(sbu) Text", "sbu"),
    ("(u) Text", "u"),
    ("(C ) Text", "C"),
    ("( C) Text", "C"),
    ("(C NF) Text", "C NF"),
    ("(S/Noforn) Text", "S/Noforn"),
    ("(S//NF) Text", "S//NF"),
    ("(U//FOUO) Text", "U//FOUO"),
    ("(S/Rel Latvia) Text", "S/Rel Latvia"),
    ("(S//REL TO USA, FVEY) Text", "S//REL TO USA, FVEY"),
    ("(S/REL TO NATO/AUS) Text", "S/REL TO NATO/AUS"),
    ("(C/Releasable to Estonia) Text", "C/Releasable to Estonia"),
    ("(C//REL NATO and ISAF) Text", "C//REL NATO and ISAF"),
    ("(SECRET/rel IAEA) Text", "SECRET/rel IAEA"),
    ("(C - ENTIRE TEXT) Text", "C - ENTIRE TEXT"),
    ("(CONFIDENTIAL -- ENTIRE PARAGRAPH) Text", "CONFIDENTIAL -- ENTIRE PARAGRAPH"),
])
def test_a_marking_in_any_shape(rest: str, marking: str) -> None:
    assert read_marking(rest) == (marking, "Text")


@pytest.mark.parametrize("rest", ["(Consulate) staff", "(CNN) reported", "(U.S.) officials", "(U/S Kask) met",
                                  "(Secret Service) agents", "(C-130) aircraft", "(S Korea) said", "(US) said",
                                  "(Ukraine) said", "(SE) said", "(see reftel) Kask", "(b) and (d)"])
def test_a_bracket_that_is_no_marking(rest: str) -> None:
    assert read_marking(rest) == (None, rest)


def test_a_marking_in_a_cable() -> None:
    parsed = parse(cable(body=paras("1. (S/Rel Latvia) Kask said the summit would open.", "2. (c) Text.")))
    assert [(p.classification, p.text) for p in parsed.paragraphs] == [
        ("S/Rel Latvia", "Kask said the summit would open."), ("c", "Text.")]


# --------------------------------------------------------------------------- headings framed by rules


@pytest.mark.parametrize("heading", ["------- Comment -------", "Comment ---------", "--- Comment",
                                     "-------\nComment\n-------", "***** Comment *****", "~~ Comment ~~"])
def test_a_heading_framed_by_rules_is_read_without_them(heading: str) -> None:
    parsed = parse(cable(body=paras(P1, P2, heading, P3)))
    assert parsed.paragraphs[-1].heading == "Comment"
    assert "---" not in _text(parsed)


def test_a_list_bullet_is_no_frame() -> None:
    parsed = parse(cable(body=paras(P1, "2. (C) Kask listed the items:", "-- Elections in May", P3)))
    assert parsed.paragraphs[-1].heading is None
    assert "-- Elections in May" in parsed.paragraphs[1].text
