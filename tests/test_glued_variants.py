"""Head fields glued on one line (issue 15, class 2) and the line repairs around them.

A dump that lost the line breaks of a cable's head leaves its fields on one line
(``E.O. 12958: DECL: 05/01/2016 TAGS: PREL SUBJECT: TALKS REF: STATE 123 Classified By: …``);
each field is split out again and the line is reported as a ``glued-line`` defect, which strict
mode rejects.  A subject never holds REF, Classified By, a page-break line or paragraph 1; text
glued after a Classified By line's reasons becomes body text; addressees glued in a TO line are
read one by one.  Nearby: U+2028 as line breaks, backslash-escaped line ends, an indented cable.
The examples are made up, in the shapes of real ones; a property closes the file: however head
pieces are glued, parse never raises and no word of the input is lost.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import CLBY, EO, P1, P2, P3, REF, TAGS, cable, make_head, make_header, paras
from cablekit import Cable, CableParseError, dumps, parse


def _codes(parsed: Cable) -> list[str]:
    return [d.code for d in parsed.defects]


def _strict_rejects(text: str) -> None:
    with pytest.raises(CableParseError):
        parse(text, mode="strict")


def _glued(text: str) -> Cable:
    """The lenient parse of *text*, checked to record one glued line that strict mode rejects."""
    parsed = parse(text)
    assert _codes(parsed).count("glued-line") == 1, _codes(parsed)
    _strict_rejects(text)
    return parsed


def _one_line(*fields: str) -> str:
    return " ".join(fields)


def test_the_fields_on_their_own_lines_are_clean() -> None:
    text = cable(head=make_head(eo="E.O. 12958: DECL: 05/01/2016", tags="TAGS: PREL PGOV",
                                subject="SUBJECT: LOREM IPSUM DOLOR"))
    assert parse(text, mode="strict") == parse(text)
    assert parse(text).defects == ()


# --------------------------------------------------------------------------- E.O., TAGS and SUBJECT on one line

@pytest.mark.parametrize(("line", "declassify", "tags", "subject"), [
    ("E.O. 12958: DECL: 05/01/2016 TAGS: PREL PGOV SUBJECT: LOREM IPSUM DOLOR",
     "2016-05-01", ["PREL", "PGOV"], "LOREM IPSUM DOLOR"),
    ("E.O. 12958: DECL: 11/30/2019 TAGS: ECON EFIN LG SUBJECT: LATVIA: BUDGET TALKS STALL",
     "2019-11-30", ["ECON", "EFIN", "LG"], "LATVIA: BUDGET TALKS STALL"),
    ("E.O. 12958:  DECL: 02/14/2017  TAGS: PHUM KDEM EN  SUBJECT: ESTONIA: NGO LAW ADVANCES",
     "2017-02-14", ["PHUM", "KDEM", "EN"], "ESTONIA: NGO LAW ADVANCES"),
    ("E.O. 13526: DECL: 2020/07/09 TAGS PREL MARR SUBJECT: DEFENSE MINISTER ON PATROLS",
     "2020-07-09", ["PREL", "MARR"], "DEFENSE MINISTER ON PATROLS"),
    ("EO 12958 DECL: 03/03/2018 TAGS: SENV TBIO SUBJ: RIVER CLEAN-UP FUNDS",
     "2018-03-03", ["SENV", "TBIO"], "RIVER CLEAN-UP FUNDS"),
])
def test_eo_tags_and_subject_glued_on_one_line(line: str, declassify: str, tags: list[str], subject: str) -> None:
    parsed = _glued(cable(head=make_head(eo=line, tags=None, subject=None)))
    assert parsed.eo is not None and parsed.eo.declassify_on is not None
    assert parsed.eo.declassify_on.isoformat() == declassify
    assert "TAGS" not in parsed.eo.raw and "SUBJ" not in parsed.eo.raw
    assert [t.code for t in parsed.tags] == tags
    assert parsed.subject == subject
    assert parsed.references and parsed.classified_by is not None  # the fields after the line are still read


@pytest.mark.parametrize("before", [
    "C O N F I D E N T I A L TALLINN 000412 SIPDIS",
    "SIPDIS",
    "STATE FOR EUR/NB AND INR",
])
def test_the_eo_line_glued_after_a_banner_caveat_or_office(before: str) -> None:
    line = _one_line(before, "E.O. 12958: DECL: 05/01/2016 TAGS: PREL PGOV SUBJECT: LOREM IPSUM")
    parsed = _glued(cable(banner=None if before.startswith("C O N") else "C O N F I D E N T I A L TALLINN 000412",
                          head=make_head(caveats=(), eo=line, tags=None, subject=None)))
    assert parsed.eo is not None and parsed.eo.order == "12958"
    assert [t.code for t in parsed.tags] == ["PREL", "PGOV"] and parsed.subject == "LOREM IPSUM"
    assert parsed.banner is not None and parsed.banner.serial == 412


# --------------------------------------------------------------------------- SUBJECT, REF and Classified By on one line

_NO_SUBJECT_WORDS = re.compile(r"REF:|Classified|CLASSIFIED|\b0{2,}\d+ 00\d OF|\b1\. \(")


@pytest.mark.parametrize(("line", "subject", "refs", "name", "reasons"), [
    ("SUBJECT: LOREM IPSUM DOLOR REF: STATE 12345 Classified By: Ambassador Jane Q. Roe, reasons 1.4 (b) and (d)",
     "LOREM IPSUM DOLOR", ["STATE 12345"], "Jane Q. Roe", ("1.4(b)", "1.4(d)")),
    ("SUBJECT: LATVIA: PORT STRIKE ENDS REF: A. RIGA 101 B. 07 STATE 45120 "
     "Classified By: Pol/Econ Chief Arvid K. Moss for reasons 1.4 (c) and (d).",
     "LATVIA: PORT STRIKE ENDS", ["RIGA 101", "07 STATE 45120"], "Arvid K. Moss", ("1.4(c)", "1.4(d)")),
    ("SUBJECT: ESTONIA: ENERGY LINK DELAYED REFS: TALLINN 77 Classified By: DCM Lee Varga, Reasons 1.4 B/D",
     "ESTONIA: ENERGY LINK DELAYED", ["TALLINN 77"], "Lee Varga", ("1.4(b)", "1.4(d)")),
    ("SUBJECT: FISHERIES ACCORD SIGNED  REF: 08 VILNIUS 222  Classified By: CDA Ruth Ainsley for reason 1.4(b)",
     "FISHERIES ACCORD SIGNED", ["08 VILNIUS 222"], "Ruth Ainsley", ("1.4(b)",)),
])
def test_subject_ref_and_classified_by_glued_on_one_line(line: str, subject: str, refs: list[str], name: str,
                                                          reasons: tuple[str, ...]) -> None:
    parsed = _glued(cable(head=make_head(subject=line, ref=None, clby=None)))
    assert parsed.subject == subject
    assert [r.text for r in parsed.references] == refs
    assert parsed.classified_by is not None
    assert parsed.classified_by.name == name and parsed.classified_by.reasons == reasons
    assert not _NO_SUBJECT_WORDS.search(parsed.subject or "")


@pytest.mark.parametrize("page", [
    "TALLINN 00000412 002 OF 002",
    "TALLINN 00000412 001.2 OF 002",
])
def test_a_page_break_line_glued_between_subject_and_ref(page: str) -> None:
    line = _one_line("SUBJECT: LATVIA: LOREM IPSUM", page, "REF: STATE 12345")
    parsed = _glued(cable(head=make_head(subject=line, ref=None)))
    assert parsed.subject == "LATVIA: LOREM IPSUM"
    assert [r.text for r in parsed.references] == ["STATE 12345"]
    breaks = [d for d in parsed.defects if d.code == "page-break"]
    assert [d.text for d in breaks] == [page]


@pytest.mark.parametrize(("glue", "first"), [
    ("1. (C) The minister said the talks would resume.", "The minister said the talks would resume."),
    ("1. (SBU) Summary: Port fees will rise in May.", "Summary: Port fees will rise in May."),
    ("\u00b61. (S/NF) The envoy left early.", "The envoy left early."),
])
@pytest.mark.parametrize("head", [
    "SUBJECT: LATVIA: LOREM IPSUM",
    "SUBJECT: LATVIA: LOREM IPSUM REF: STATE 12345",
    "SUBJECT: LATVIA: LOREM IPSUM REF: STATE 12345 Classified By: Ambassador Jane Q. Roe, reasons 1.4 (b) and (d).",
])
def test_paragraph_1_glued_after_the_head_is_never_in_a_field(glue: str, first: str, head: str) -> None:
    text = cable(head=make_head(subject=_one_line(head, glue), ref=None, clby=None), body=paras(P2, P3))
    parsed = _glued(text)
    assert parsed.subject == "LATVIA: LOREM IPSUM"
    assert all(r.text == "STATE 12345" for r in parsed.references)
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]
    assert parsed.paragraphs[0].text == first
    assert parsed.paragraphs[0].classification == glue.split("(")[1].split(")")[0]
    assert "paragraph-number-unexpected" not in _codes(parsed)


def test_paragraph_1_glued_with_its_text_on_the_next_line() -> None:
    subject = "SUBJECT: LATVIA: LOREM IPSUM 1. (C)\nThe minister said the talks would resume."
    text = cable(head=make_head(subject=subject,
                                ref=None, clby=None), body=paras(P2, P3))
    parsed = _glued(text)
    assert parsed.subject == "LATVIA: LOREM IPSUM"
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]
    assert parsed.paragraphs[0].text == "The minister said the talks would resume."


# --------------------------------------------------------------------------- a banner with office lines glued after it

@pytest.mark.parametrize(("banner", "level", "origin", "serial", "caveats", "offices"), [
    ("C O N F I D E N T I A L RIGA 000123 SIPDIS STATE FOR EUR/NB", "CONFIDENTIAL", "RIGA", 123,
     ("SIPDIS",), ("STATE FOR EUR/NB",)),
    ("S E C R E T VILNIUS 000987 NOFORN SIPDIS DEPT FOR EUR/CE AND INR", "SECRET", "VILNIUS", 987,
     ("NOFORN", "SIPDIS"), ("DEPT FOR EUR/CE AND INR",)),
    ("C O N F I D E N T I A L SECTION 01 OF 02 SAN JOSE 004321 SIPDIS NSC FOR SENIOR DIRECTOR", "CONFIDENTIAL",
     "SAN JOSE", 4321, ("SIPDIS",), ("NSC FOR SENIOR DIRECTOR",)),
    ("UNCLAS TALLINN 000055 SIPDIS STATE PASS USTR", "UNCLASSIFIED", "TALLINN", 55, ("SIPDIS",),
     ("STATE PASS USTR",)),
])
def test_a_banner_with_office_lines_glued_after_it(banner: str, level: str, origin: str, serial: int,
                                                   caveats: tuple[str, ...], offices: tuple[str, ...]) -> None:
    parsed = _glued(cable(banner=banner, head=make_head(caveats=())))
    assert parsed.banner is not None and parsed.classification is not None
    assert (parsed.classification.value, parsed.banner.origin, parsed.banner.serial) == (level, origin, serial)
    assert parsed.caveats == caveats and parsed.offices == offices
    assert parsed.subject == "ESTONIA: FOREIGN MINISTER PREVIEWS BALTIC SUMMIT AGENDA"


# --------------------------------------------------------------------------- a page-break line glued inside a head line

@pytest.mark.parametrize(("lines", "page"), [
    ((EO, "TAGS: PREL PGOV TALLINN 00000412 002 OF 003 EN RS"), "TALLINN 00000412 002 OF 003"),
    (("E.O. 12958: DECL: 03/12/2018 TALLINN 00000412 001.2 OF 002", TAGS), "TALLINN 00000412 001.2 OF 002"),
    ((EO, TAGS, "SUBJECT: BALTIC SUMMIT AGENDA NEW DELHI 00000412 002 OF 002"), "NEW DELHI 00000412 002 OF 002"),
])
def test_a_page_break_line_glued_inside_a_head_line(lines: tuple[str, ...], page: str) -> None:
    eo, tags, *rest = lines
    parsed = _glued(cable(head=make_head(eo=eo, tags=tags, subject=rest[0] if rest else None)))
    assert [d.text for d in parsed.defects if d.code == "page-break"] == [page]
    assert parsed.eo is not None and parsed.eo.order == "12958" and "OF" not in parsed.eo.raw
    assert {"PREL", "PGOV"} <= {t.code for t in parsed.tags} and not {"OF", "002"} & {t.code for t in parsed.tags}
    if rest:
        assert parsed.subject == "BALTIC SUMMIT AGENDA"


# --------------------------------------------------------------------------- body text glued after the reasons

@pytest.mark.parametrize(("line", "reasons", "sentence"), [
    ("Classified By: Ambassador Jane Q. Roe, reasons 1.4 (b) and (d). (C) The minister said the talks would resume.",
     ("1.4(b)", "1.4(d)"), "The minister said the talks would resume."),
    ("Classified By: DCM Omar T. Lind for reasons 1.4 (b) and (d) (S) Officials confirmed the shipment left.",
     ("1.4(b)", "1.4(d)"), "Officials confirmed the shipment left."),
    ("Classified By: PolOff Dana Pike, Reasons 1.4 (b), (d). Summary: The coalition is holding for now.",
     ("1.4(b)", "1.4(d)"), "Summary: The coalition is holding for now."),
    ("CLASSIFIED BY: CDA R. VOSS, REASON 1.4 (D). 1. (C) THE PARTY CONGRESS OPENED QUIETLY.",
     ("1.4(d)",), "THE PARTY CONGRESS OPENED QUIETLY."),
])
def test_body_text_glued_after_the_classified_by_reasons(line: str, reasons: tuple[str, ...], sentence: str) -> None:
    text = cable(head=make_head(clby=line), body=paras(P1, P2, P3) if line.startswith("CLASSIFIED") else None)
    parsed = _glued(text)
    assert parsed.classified_by is not None and parsed.classified_by.reasons == reasons
    glued = next(d for d in parsed.defects if d.code == "glued-line")
    assert glued.text == line
    first = parsed.paragraphs[0]
    assert sentence in first.text  # nothing lost: the sentence is body text
    assert sentence not in (parsed.classified_by.title or "") + (parsed.classified_by.name or "")


def test_a_classified_by_line_ending_in_its_reasons_is_clean() -> None:
    text = cable(head=make_head(clby="Classified By: Ambassador Jane Q. Roe, reasons 1.4 (b) and (d)."))
    parsed = parse(text, mode="strict")
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert parsed.defects == ()


# --------------------------------------------------------------------------- addressees glued in the header

_ADDRESSEES = ("TO RUEHC/SECSTATE WASHDC PRIORITY 0958", "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY",
               "RUEHRA/AMEMBASSY RIGA PRIORITY 0217")


@pytest.mark.parametrize("recipients", [
    " ".join(_ADDRESSEES),
    "".join(_ADDRESSEES),
    f"{_ADDRESSEES[0]} {_ADDRESSEES[1]}\n{_ADDRESSEES[2]}",
    f"{_ADDRESSEES[0]}\n{_ADDRESSEES[1]}{_ADDRESSEES[2]}",
    "TORUEHC/SECSTATE WASHDC PRIORITY 0958\n" + "\n".join(_ADDRESSEES[1:]),
])
def test_addressees_glued_in_the_header(recipients: str) -> None:
    parsed = _glued(cable(header=make_header(recipients=recipients)))
    assert parsed.header is not None
    assert [(r.routing_indicator, r.name, r.serial) for r in parsed.header.recipients] == [
        ("RUEHC", "SECSTATE WASHDC", "0958")]
    assert [(r.routing_indicator, r.name) for r in parsed.header.info_recipients] == [
        ("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE"), ("RUEHRA", "AMEMBASSY RIGA")]


def test_addressees_on_their_own_lines_are_clean() -> None:
    text = cable(header=make_header(recipients="\n".join(_ADDRESSEES)))
    assert parse(text, mode="strict").defects == ()


# --------------------------------------------------------------------------- line separators, escaped ends, indents

@pytest.mark.parametrize("separator", ["\u2028", "\u2029", " \u2028"])
def test_unicode_line_separators_read_as_line_breaks(separator: str) -> None:
    text = cable(head=make_head(eo=None, tags=None, subject=separator.join(
        ["E.O. 12958: DECL: 05/01/2016", "TAGS: PREL PGOV", "SUBJECT: LOREM IPSUM"])))
    parsed = parse(text)
    assert "line-endings" in _codes(parsed) and "glued-line" not in _codes(parsed)
    assert parsed.eo is not None and parsed.eo.order == "12958"
    assert [t.code for t in parsed.tags] == ["PREL", "PGOV"] and parsed.subject == "LOREM IPSUM"
    _strict_rejects(text)


def test_a_whole_cable_on_line_separators() -> None:
    clean = parse(cable())
    text = cable().replace("\n", "\u2028")
    parsed = parse(text)
    assert _codes(parsed) == ["line-endings"]
    assert (parsed.subject, parsed.tags, parsed.references, parsed.classified_by) == (
        clean.subject, clean.tags, clean.references, clean.classified_by)
    assert [p.text for p in parsed.paragraphs] == [p.text for p in clean.paragraphs]


@pytest.mark.parametrize("ending", [" \\", "  \\", " \\ "])
def test_backslash_escaped_line_ends_are_dropped(ending: str) -> None:
    clean = parse(cable())
    text = "".join(line + ending + "\n" if line else "\n" for line in cable().split("\n")[:-1])
    parsed = parse(text)
    assert "publication-wrapper" in _codes(parsed) and "glued-line" not in _codes(parsed)
    assert (parsed.subject, parsed.tags, parsed.references, parsed.classified_by, parsed.signers) == (
        clean.subject, clean.tags, clean.references, clean.classified_by, clean.signers)
    assert [p.text for p in parsed.paragraphs] == [p.text for p in clean.paragraphs]
    parse(text, mode="strict")  # a CSV dump's escapes are its envelope, not damage to the cable


def test_a_backslash_inside_a_line_is_kept() -> None:
    text = cable(head=make_head(subject="SUBJECT: PATH C:\\DATA\\FILES SHARED"))
    parsed = parse(text, mode="strict")
    assert parsed.subject == "PATH C:\\DATA\\FILES SHARED"


@pytest.mark.parametrize("indent", ["  ", "   ", "    "])
def test_an_indented_cable(indent: str) -> None:
    clean = parse(cable())
    text = "\n".join(indent + line if line else line for line in cable().split("\n"))
    parsed = parse(text)
    assert _codes(parsed) == ["indented-text"]
    assert (parsed.banner, parsed.eo, parsed.tags, parsed.subject, parsed.references, parsed.classified_by) == (
        clean.banner, clean.eo, clean.tags, clean.subject, clean.references, clean.classified_by)
    assert [p.number for p in parsed.paragraphs] == [1, 2, 3]
    parse(text, mode="strict")  # the indent is the page's layout, not damage to the cable


# --------------------------------------------------------------------------- words that only look like labels

@pytest.mark.parametrize("subject", [
    "LATVIA: PENSION REFORM ADVANCES",
    "LATVIA: REFERENDUM ON PENSION REFORM SET",
    "LATVIA: PARLIAMENT DEBATES Classified INFORMATION LAW",
    "ESTONIA: CUSTOMS TAGS ON TRUCKS DEBATED",
    "LITHUANIA: E.O. 13382 ENTITIES TO BE LISTED",
    "ESTONIA: PHASE 1. TALKS END",
    "RIGA MEETING ON SECTION 2 OF THE ACCORD",
])
def test_a_subject_holding_label_words_is_not_cut(subject: str) -> None:
    text = cable(head=make_head(subject="SUBJECT: " + subject))
    parsed = parse(text, mode="strict")
    assert parsed.subject == subject and parsed.defects == ()
    assert [r.text for r in parsed.references] == ["TALLINN 388", "07 STATE 45120"]


@pytest.mark.parametrize(("paragraph", "kept"), [
    ("1. (C) The ministry said the REF: line was wrong.", "the REF: line was wrong"),
    ("1. (C) Tags were attached to the TAGS: PREL field by hand.", "TAGS: PREL field by hand"),
    ("1. (C) He said the file was Classified By: nobody in particular.", "Classified By: nobody"),
])
def test_label_words_in_the_body_stay_in_the_paragraph(paragraph: str, kept: str) -> None:
    parsed = parse(cable(body=paras(paragraph, P2, P3)), mode="strict")
    assert kept in parsed.paragraphs[0].text and parsed.defects == ()


@pytest.mark.parametrize(("field", "attribute", "value"), [
    ("REF: A. REF: TALLINN 388", "references", ["REF: TALLINN 388"]),
    ("Classified By: CLASSIFIED BY Ambassador Margaret R. Dunmore for reasons 1.4 (b) and (d)", "classified_by",
     "Margaret R. Dunmore"),
])
def test_a_repeated_label_is_not_a_glued_field(field: str, attribute: str, value: object) -> None:
    head = make_head(ref=field) if attribute == "references" else make_head(clby=field)
    parsed = parse(cable(head=head))
    assert "glued-line" not in _codes(parsed)
    if attribute == "references":
        assert [r.text for r in parsed.references] == value
    else:
        assert parsed.classified_by is not None and parsed.classified_by.name == value


# --------------------------------------------------------------------------- any gluing of head pieces: no word lost

_PIECES = [
    "SIPDIS", "NOFORN", "STATE FOR EUR/NB", EO, TAGS,
    "SUBJECT: LATVIA: HARBOR FEES RISE", REF,
    CLBY, "Classified By: Consul Ivo Brant, reasons 1.4 (b), (d). (C) Port officials agreed.",
    "TALLINN 00000412 002 OF 002", "1. (C) The mayor opened the port.", P1, P2, P3,
]
_WORD = re.compile(r"[A-Za-z]{3,}")
# a label and the words of the Classified By field's form are read, not kept as words
_LABELS = frozenset({"TAGS", "SUBJECT", "REF", "Classified", "for", "and", "reasons"})


def _all_text(parsed: Cable) -> str:
    return dumps(parsed, "json") + "\n".join(d.text + " " + d.message for d in parsed.defects)


@settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "  ", "\n", "\n\n", "", "\u2028"])),
                min_size=1, max_size=9, unique_by=lambda piece: piece[0]))
def test_any_gluing_of_head_pieces_parses_and_loses_no_word(pieces: list[tuple[str, str]]) -> None:
    text = "C O N F I D E N T I A L RIGA 000321" + "".join(glue + piece for piece, glue in pieces) + "\n"
    parsed = parse(text)
    found = _all_text(parsed)
    words = [w for piece, _ in pieces for w in _WORD.findall(piece)]  # a glue of "" may join two
    lost = [w for w in words if w not in found and w not in _LABELS]
    assert not lost, lost


def test_the_pieces_glued_in_cable_order_are_all_read() -> None:
    line = _one_line("E.O. 12958: DECL: 05/01/2016", "TAGS: PREL PGOV", "SUBJECT: LATVIA: HARBOR FEES RISE",
                     "REF: STATE 2468", "Classified By: Consul Ivo Brant, reasons 1.4 (b), (d).",
                     "1. (C) The mayor opened the port.")
    parsed = _glued(cable(head=make_head(eo=line, tags=None, subject=None, ref=None, clby=None), body=paras(P2, P3)))
    assert parsed.eo is not None and parsed.eo.order == "12958"
    assert [t.code for t in parsed.tags] == ["PREL", "PGOV"]
    assert parsed.subject == "LATVIA: HARBOR FEES RISE"
    assert [r.text for r in parsed.references] == ["STATE 2468"]
    assert parsed.classified_by is not None and parsed.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert [(p.number, p.text) for p in parsed.paragraphs][:1] == [(1, "The mayor opened the port.")]


def test_a_repeated_banner_keeps_the_office_line_after_it() -> None:
    text = "C O N F I D E N T I A L RIGA 000321 C O N F I D E N T I A L RIGA 000321\nSTATE FOR EUR/NB\n"
    assert "STATE FOR EUR/NB" in _all_text(parse(text))


def test_two_ref_fields_keep_both_lists() -> None:
    text = "C O N F I D E N T I A L RIGA 000321\nREF: A. TALLINN 388 B. 07 STATE 45120\nREF: A. RIGA 101\n"
    assert "TALLINN 388" in _all_text(parse(text))
