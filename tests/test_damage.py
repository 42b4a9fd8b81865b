"""Damage repair: what publication did to cables, and how each repair is reported.

For every kind of damage the tests check three things:

(a) lenient ``normalize(parse(text))`` recovers the right values;
(b) ``parse(text).defects`` holds a defect with the documented code at the
    right line;
(c) ``parse(text, mode="strict")`` raises :class:`cablekit.CableParseError`
    naming the first damage.

All cables are made up in the shape of real ones; ``builders.py`` composes them.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import random
from collections.abc import Iterable
from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import builders
from builders import (
    CLBY,
    EO,
    P1,
    P2,
    P2_CLEAN,
    P3,
    REF,
    SUBJECT,
    SUBJECT_CLEAN,
    SUMMARY,
    TAG_CODES,
    TAGS,
    clean,
    line_of,
    make_head,
    make_header,
    paras,
)
from cablekit import (
    DEFECT_CODES,
    Cable,
    CableParseError,
    Classification,
    Mode,
    normalize,
    parse,
    tokenize,
)

# --------------------------------------------------------------------------- builder

# The builder's cable as these tests were written for it: one routing line, a SECTION 01 OF 02 banner (the
# page breaks below belong to a two-section cable) and no heading between paragraphs 1 and 2.
HEADER = make_header(routing="PP RUEHAG RUEHROV")
BANNER = "C O N F I D E N T I A L SECTION 01 OF 02 TALLINN 000412"
cable = functools.partial(builders.cable, header=HEADER, banner=BANNER, body=paras(P1, P2, P3))


def body_text() -> str:
    """The cable from the banner on (what a publication calls the body)."""
    return cable(header=None)


def assert_defect(parsed: Cable, code: str, lines: int | Iterable[int]) -> None:
    assert code in DEFECT_CODES
    wanted = {lines} if isinstance(lines, int) else set(lines)
    found = [(d.code, d.line) for d in parsed.defects]
    assert any(d.code == code and d.line in wanted for d in parsed.defects), (
        f"no {code!r} defect at line(s) {sorted(wanted)}; found {found}")


def strict_error(text: str, **kwargs: object) -> CableParseError:
    with pytest.raises(CableParseError) as info:
        parse(text, mode="strict", **kwargs)  # type: ignore[arg-type]
    return info.value


def check_damage(text: str, code: str, lines: int | Iterable[int], *,
                 first_codes: Iterable[str] = (), **kwargs: object) -> Cable:
    """(b) and (c): the lenient defect and the strict error; returns the lenient cable.

    *first_codes* lists other codes that may share the first damaged line with
    *code* (e.g. a link artifact that is also a damaged marker).
    """
    wanted = {lines} if isinstance(lines, int) else set(lines)
    lenient = parse(text, **kwargs)  # type: ignore[arg-type]
    assert_defect(lenient, code, wanted)
    error = strict_error(text, **kwargs)
    assert error.line in wanted, (error.line, error.code, [(d.code, d.line) for d in error.defects])
    assert error.code in {code, *first_codes}
    assert error.line == min(d.line for d in lenient.defects)
    assert set(error.defects) == set(lenient.defects)
    assert any(d.code == code and d.line in wanted for d in error.defects)
    return lenient


def check_envelope(text: str, code: str, lines: int | Iterable[int], **kwargs: object) -> Cable:
    """A fact about the publication or the cable, not damage: lenient mode records it, strict mode accepts the text."""
    wanted = {lines} if isinstance(lines, int) else set(lines)
    lenient = parse(text, **kwargs)  # type: ignore[arg-type]
    assert_defect(lenient, code, wanted)
    assert parse(text, mode="strict", **kwargs) == lenient  # type: ignore[arg-type]
    return lenient


def without_defects(parsed: Cable) -> Cable:
    return attrs.evolve(parsed, defects=())


# --------------------------------------------------------------------------- paragraph markers

def test_pilcrow_turned_digit_on_every_marker() -> None:
    text = cable(body=paras("11. (C) First point.", "12. (C) Second point.", "13. (U) Third point."))
    lenient = check_damage(text, "paragraph-marker-digit", line_of(text, "11. (C)"))
    assert_defect(lenient, "paragraph-marker-digit", line_of(text, "12. (C)"))
    assert_defect(lenient, "paragraph-marker-digit", line_of(text, "13. (U)"))
    assert [(p.number, p.marker) for p in lenient.paragraphs] == [(1, "11."), (2, "12."), (3, "13.")]
    fixed = normalize(lenient)
    assert [(p.number, p.marker, p.text) for p in fixed.paragraphs] == [
        (1, "1.", "First point."), (2, "2.", "Second point."), (3, "3.", "Third point.")]


def test_pilcrow_turned_digit_mid_sequence() -> None:
    text = cable(body=paras("1. (C) One.", "2. (C) Two.", "3. (C) Three.", "14. (C) Four.", "5. (U) Five."))
    lenient = check_damage(text, "paragraph-marker-digit", line_of(text, "14. (C)"))
    assert [p.number for p in lenient.paragraphs] == [1, 2, 3, 4, 5]
    assert lenient.paragraphs[3].marker == "14."
    assert lenient.paragraphs[3].line == line_of(text, "14. (C)")
    fixed = normalize(lenient)
    assert fixed.paragraphs[3].marker == "4."
    assert fixed.paragraphs[3].text == "Four."


def test_genuine_paragraph_eleven_after_ten_stays_eleven() -> None:
    text = cable(body=paras(*(f"{n}. (C) Point {n}." for n in range(1, 12))))
    parsed = parse(text)
    assert parsed.paragraphs[-1].number == 11
    assert parsed.defects == ()


def test_pilcrow_with_stray_digit() -> None:
    items = [f"\u00b6{n}. (SBU) Point {n}." for n in range(1, 6)]
    text = cable(body=paras(*items, "\u00b616. (SBU) Point six.", "\u00b67. (U) Point seven."))
    damaged = line_of(text, "\u00b616.")
    lenient = check_damage(text, "paragraph-marker-pilcrow", damaged)
    assert [d.line for d in lenient.defects] == [damaged]  # plain pilcrows are not damage
    assert [p.number for p in lenient.paragraphs] == [1, 2, 3, 4, 5, 6, 7]
    assert lenient.paragraphs[5].marker == "\u00b616."
    assert lenient.paragraphs[5].classification == "SBU"
    fixed = normalize(lenient)
    assert fixed.paragraphs[5].marker == "6."
    assert fixed.paragraphs[5].text == "Point six."


def test_markdown_link_before_marker() -> None:
    text = cable(body=paras("[1](#)1. (C) First point.", "[1](#)2. (C) Second point."))
    lenient = check_damage(text, "paragraph-marker-link", line_of(text, "[1](#)1."),
                           first_codes={"link-artifact"})
    assert_defect(lenient, "paragraph-marker-link", line_of(text, "[1](#)2."))
    assert [(p.number, p.marker, p.classification) for p in lenient.paragraphs] == [
        (1, "[1](#)1.", "C"), (2, "[1](#)2.", "C")]
    fixed = normalize(lenient)
    assert [(p.marker, p.text) for p in fixed.paragraphs] == [("1.", "First point."), ("2.", "Second point.")]


def test_comma_instead_of_period() -> None:
    text = cable(body=paras("1. (C) First point.", "2, (C) Second point.", "3. (C) Third point."))
    lenient = check_damage(text, "paragraph-marker-punctuation", line_of(text, "2, (C)"))
    second = lenient.paragraphs[1]
    assert (second.number, second.marker, second.classification, second.text) == (
        2, "2,", "C", "Second point.")
    assert normalize(lenient).paragraphs[1].marker == "2."


def test_no_space_before_marking() -> None:
    text = cable(body=paras("1. (C) One.", "2. (C) Two.", "3. (C) Three.", "4.(C) Fourth point."))
    lenient = check_damage(text, "paragraph-marker-spacing", line_of(text, "4.(C)"))
    fourth = lenient.paragraphs[3]
    assert (fourth.number, fourth.marker, fourth.classification, fourth.text) == (
        4, "4.", "C", "Fourth point.")


def test_unexpected_paragraph_number_is_kept() -> None:
    text = cable(body=paras("1. (C) One.", "2. (C) Two.", "7. (C) Seven."))
    lenient = check_envelope(text, "paragraph-number-unexpected", line_of(text, "7. (C)"))
    assert [p.number for p in lenient.paragraphs] == [1, 2, 7]


def test_error_message_shows_source_line_and_caret() -> None:
    text = cable(body=paras("1. (C) First point.", "2, (C) Second point."))
    error = strict_error(text)
    n = line_of(text, "2, (C)")
    assert (error.code, error.line, error.column) == ("paragraph-marker-punctuation", n, 2)
    assert error.text.splitlines()[0] == "2, (C) Second point."
    first, source, caret = str(error).splitlines()
    assert first.startswith(f"line {n}: ")
    assert "2," in first
    assert source == "    2, (C) Second point."
    assert caret == "     ^"


# --------------------------------------------------------------------------- page breaks

PAGE_BREAKS = [
    "TALLINN 00000412 002 OF 003",
    "TALLINN 00000412 002.2 OF 003",
    "PAGE 02 TALLINN 00412 01 OF 02 131025Z",
    "C O N F I D E N T I A L SECTION 02 OF 02 TALLINN 000412",
]


@pytest.mark.parametrize("page_break", PAGE_BREAKS)
def test_page_break_mid_sentence(page_break: str) -> None:
    p2 = f"2. (C) Kask said that the\n{page_break}\ncouncil would meet in May to review the plan."
    text = cable(body=paras(P1, p2, P3))
    lenient = check_damage(text, "page-break", line_of(text, page_break))
    assert [p.number for p in lenient.paragraphs] == [1, 2, 3]
    assert lenient.paragraphs[1].text == "Kask said that the\ncouncil would meet in May to review the plan."
    assert lenient.banner is not None and (lenient.banner.section, lenient.banner.sections) == (1, 2)
    fixed = normalize(lenient)
    assert fixed.paragraphs[1].text == "Kask said that the council would meet in May to review the plan."
    assert fixed.paragraphs[2].text == "Comment: Estonia wants visible results. End Comment."
    assert fixed.reference_id == "08TALLINN412"


def test_page_break_between_blank_lines_mid_sentence() -> None:
    page_break = "TALLINN 00000412 002 OF 002"
    p2 = f"2. (C) Kask said that the\n\n{page_break}\n\ncouncil would meet in May to review the plan."
    text = cable(body=paras(P1, p2, P3))
    lenient = parse(text)
    assert_defect(lenient, "page-break", line_of(text, page_break))
    assert page_break not in lenient.paragraphs[1].text
    fixed = normalize(lenient)
    assert fixed.paragraphs[1].text == "Kask said that the council would meet in May to review the plan."
    error = strict_error(text)
    assert error.line <= line_of(text, page_break)
    assert any(d.code == "page-break" for d in error.defects)


def test_page_break_in_head() -> None:
    page_break = "TALLINN 00000412 001.2 OF 002"
    head = make_head(ref=f"{REF}\n\n{page_break}")
    text = cable(head=head)
    lenient = check_damage(text, "page-break", line_of(text, page_break))
    fixed = normalize(lenient)
    assert fixed.classified_by is not None and fixed.classified_by.name == "Margaret R. Dunmore"
    assert [r.cable_id for r in fixed.references] == ["08TALLINN388", "07STATE45120"]
    assert [p.number for p in fixed.paragraphs] == [1, 2, 3]


# --------------------------------------------------------------------------- blank lines and repeats

def test_blank_line_inside_sentence() -> None:
    p2 = "2. (C) Kask said that every\n\nmember state holds a veto."
    text = cable(body=paras(P1, p2, P3))
    blank = line_of(text, "2. (C) Kask") + 1
    lenient = check_damage(text, "paragraph-split", {blank - 1, blank, blank + 1})
    assert lenient.paragraphs[1].text == "Kask said that every\n\nmember state holds a veto."
    assert [p.number for p in lenient.paragraphs] == [1, 2, 3]
    assert normalize(lenient).paragraphs[1].text == "Kask said that every member state holds a veto."


def test_head_printed_twice() -> None:
    head = make_head() + "\n" + BANNER + "\n\n" + make_head()
    text = cable(head=head)
    lenient = check_damage(text, "head-repeated", line_of(text, BANNER, nth=2))
    fixed = normalize(lenient)
    assert fixed.subject == SUBJECT_CLEAN
    assert [t.code for t in fixed.tags] == TAG_CODES
    assert [(r.label, r.cable_id) for r in fixed.references] == [("A", "08TALLINN388"), ("B", "07STATE45120")]
    assert fixed.caveats == ("SIPDIS",)
    assert fixed.offices == ()
    assert fixed.classified_by is not None and fixed.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert [p.number for p in fixed.paragraphs] == [1, 2, 3]
    assert fixed.paragraphs[0].line == line_of(text, "1. (C) Summary")
    assert fixed.summary == SUMMARY
    assert fixed.reference_id == "08TALLINN412"


# --------------------------------------------------------------------------- link artifacts

def test_link_artifact_in_reference_list() -> None:
    ref = "REF: A. (A) TALLINN 388\n[1](#)B. (B) RIGA 1120"
    text = cable(head=make_head(ref=ref))
    lenient = check_damage(text, "link-artifact", line_of(text, "[1](#)B."))
    fixed = normalize(lenient)
    assert [(r.label, r.text, r.cable_id) for r in fixed.references] == [
        ("A", "TALLINN 388", "08TALLINN388"), ("B", "RIGA 1120", "08RIGA1120")]


def test_link_artifacts_in_tags() -> None:
    text = cable(head=make_head(tags="TAGS: [PREL](#) [PGOV](#) [EN](#) [RS](#)"))
    lenient = check_damage(text, "link-artifact", line_of(text, "TAGS:"))
    assert [t.code for t in normalize(lenient).tags] == TAG_CODES


def test_link_artifacts_gone_from_every_field() -> None:
    text = cable(head=make_head(tags="TAGS: [PREL](#) [PGOV](#) [EN](#) [RS](#)",
                                ref="REF: A. (A) TALLINN 388\n[1](#)B. (B) RIGA 1120"),
                 body=paras("[1](#)1. (C) First point.", "[1](#)2. (C) Second point."))
    fixed = clean(text)
    shown = repr(attrs.evolve(fixed, defects=()))
    assert "](#)" not in shown


# --------------------------------------------------------------------------- header and id checks

@pytest.mark.parametrize("de", ["DE RUEHTL #0412/01 0781025", "DE RUEHTL #0412/01 0710101"])
def test_de_line_disagrees_with_dtg(de: str) -> None:
    text = cable(header=HEADER.replace("DE RUEHTL #0412/01 0731025", de))
    lenient = check_envelope(text, "inconsistent-date", line_of(text, "DE RUEHTL"))
    assert lenient.header is not None
    assert lenient.header.dtg == datetime(2008, 3, 13, 10, 25, tzinfo=UTC)
    assert normalize(lenient).reference_id == "08TALLINN412"


@pytest.mark.parametrize("de", ["DE RUEHTL #0412/01 0741025", "DE RUEHTL #0412/01 0721125",
                                "DE RUEHTL #0412/01 0731125"])
def test_a_de_line_a_day_or_some_minutes_from_the_dtg_agrees_with_it(de: str) -> None:
    text = cable(header=HEADER.replace("DE RUEHTL #0412/01 0731025", de))
    assert not [d for d in parse(text).defects if d.code == "inconsistent-date"]


def test_reference_id_hint_that_disagrees_with_text() -> None:
    text = cable()
    lenient = parse(text, reference_id="08TALLINN413")
    assert lenient.reference_id == "08TALLINN413"
    assert any(d.code == "reference-id-mismatch" for d in lenient.defects)
    assert parse(text, mode="strict", reference_id="08TALLINN413") == lenient  # a fact about the hint
    assert parse(text, reference_id="08TALLINN412").defects == ()


def test_unrecognized_line_in_head() -> None:
    garbage = "#### static on the line ####"
    text = cable(head=make_head(caveats=("SIPDIS", garbage)))
    lenient = check_envelope(text, "unrecognized-line", line_of(text, garbage))
    assert garbage in lenient.offices
    assert normalize(lenient).subject == SUBJECT_CLEAN


@pytest.mark.parametrize("text", ["", "the quick brown fox jumps over the lazy dog\n"])
def test_no_cable(text: str) -> None:
    lenient = parse(text)
    assert isinstance(lenient, Cable)
    assert any(d.code == "no-cable" for d in lenient.defects)
    assert lenient.banner is None and lenient.header is None
    if text:
        (only,) = lenient.paragraphs
        assert only.number is None
        assert only.text == text.strip()
    error = strict_error(text)
    assert error.code == "no-cable"


# --------------------------------------------------------------------------- encoding damage

def test_mojibake_in_text() -> None:
    p2 = "2. (C) Kask said Estonia\u00e2\u20ac\u2122s view had not changed."
    text = cable(body=paras(P1, p2, P3))
    lenient = check_damage(text, "mojibake", line_of(text, "2. (C) Kask"))
    assert normalize(lenient).paragraphs[1].text == "Kask said Estonia\u2019s view had not changed."


def test_mojibake_pilcrow_markers() -> None:
    text = cable(body=paras("\u00c2\u00b61. (C) First point.", "\u00c2\u00b62. (C) Second point.",
                            "\u00c2\u00b63. (U) Third point."))
    lenient = check_damage(text, "mojibake", line_of(text, "First point"))
    assert [(p.number, p.classification) for p in lenient.paragraphs] == [(1, "C"), (2, "C"), (3, "U")]
    fixed = normalize(lenient)
    assert [(p.marker, p.text) for p in fixed.paragraphs] == [
        ("1.", "First point."), ("2.", "Second point."), ("3.", "Third point.")]
    assert "\u00c2" not in repr(attrs.evolve(fixed, defects=()))


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_foreign_line_endings(ending: str) -> None:
    text = cable()
    damaged = text.replace("\n", ending)
    lenient = check_damage(damaged, "line-endings", 1)
    assert without_defects(normalize(lenient)) == without_defects(clean(text))
    assert without_defects(lenient) == without_defects(parse(text))


def test_tabs() -> None:
    text = cable(head=make_head(tags="TAGS:\tPREL\tPGOV EN\tRS"))
    lenient = check_damage(text, "whitespace", line_of(text, "TAGS:"))
    assert [t.code for t in normalize(lenient).tags] == TAG_CODES


def test_non_breaking_spaces() -> None:
    p1 = P1.replace("March 12", "March\u00a012")
    text = cable(body=paras(p1, P2, P3))
    lenient = check_damage(text, "whitespace", line_of(text, "March\u00a012"))
    fixed = normalize(lenient)
    assert fixed.summary == SUMMARY
    assert "\u00a0" not in fixed.paragraphs[0].text


def test_trailing_blanks() -> None:
    p2 = P2.replace("session on", "session on   ")
    text = cable(head=make_head(caveats=("SIPDIS   ",)), body=paras(P1, p2, P3))
    lenient = check_envelope(text, "trailing-whitespace", line_of(text, "SIPDIS"))
    assert lenient.caveats == ("SIPDIS",)
    assert lenient.paragraphs[1].text == "Kask said the summit would open with a session on\nregional security."
    assert normalize(lenient).paragraphs[1].text == P2_CLEAN


def test_several_damages_first_one_named() -> None:
    text = cable(head=make_head(tags="TAGS: [PREL](#) [PGOV](#) [EN](#) [RS](#)"),
                 body=paras("1. (C) One.", "2. (C) Two.", "3. (C) Three.", "14. (C) Four.",
                            "5. (C) Five runs on\nTALLINN 00000412 002 OF 002\nacross a page."))
    lenient = parse(text)
    assert_defect(lenient, "link-artifact", line_of(text, "TAGS:"))
    assert_defect(lenient, "paragraph-marker-digit", line_of(text, "14. (C)"))
    assert_defect(lenient, "page-break", line_of(text, "TALLINN 00000412"))
    error = strict_error(text)
    assert (error.code, error.line) == ("link-artifact", line_of(text, "TAGS:"))
    assert set(error.defects) == set(lenient.defects)
    fixed = normalize(lenient)
    assert [p.number for p in fixed.paragraphs] == [1, 2, 3, 4, 5]
    assert fixed.paragraphs[4].text == "Five runs on across a page."
    assert [t.code for t in fixed.tags] == TAG_CODES
    assert normalize(fixed) == fixed


# --------------------------------------------------------------------------- publication wrappers

CREATED = datetime(2008, 3, 13, 10, 25, tzinfo=UTC)


def flattened_page() -> str:
    return (
        "Identifier\nCreated\nClassification\nOrigin\n"
        "08TALLINN412\n2008-03-13 10:25:00\nCONFIDENTIAL\nEmbassy Tallinn\n"
        "Cable title:  \n\n"
        f"{SUBJECT_CLEAN}\n\n"
        "Tags:  PREL PGOV EN RS \n"
        "pdf how-to read a cable\n"
        + cable()
    )


def html_page() -> str:
    pre = html.escape(body_text().rstrip("\n"), quote=True).replace("\n", "&#x000A;")
    for n in (1, 2, 3):
        pre = pre.replace(f"&#x000A;{n}. (", f"&#x000A;<a id='par{n}' href='#par{n}'>\u00b6</a>{n}. (", 1)
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n"
        "<html lang='en'>\n<head>\n<title>Cable Viewer</title>\n</head>\n<body>\n"
        "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n"
        "<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n"
        "<td>\n<a href='/cable/2008/03/08TALLINN412.html'>08TALLINN412</a>\n</td>\n"
        "<td>\n<a href='/date/2008-03_0.html'>2008-03-13 10:25</a>\n</td>\n"
        "<td>\n<a href='/reldate/2011-08-30_0.html'>2011-08-30 01:44</a>\n</td>\n"
        "<td>\n<a href='/classification/4_0.html' title='confidential'>CONFIDENTIAL</a>\n</td>\n"
        "<td>\n<a href='/origin/212_0.html'>Embassy Tallinn</a>\n</td>\n</tr>\n</table>\n"
        f"<code><pre>{pre}</pre></code>\n"
        "</body>\n</html>\n"
    )


def csv_row() -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow([
        "4127", "3/13/2008 10:25", "08TALLINN412", "Embassy Tallinn", "CONFIDENTIAL",
        "08TALLINN388|07STATE45120", HEADER, body_text()])
    return out.getvalue()


def json_record(*, with_header: bool = True) -> str:
    record = {"_id": "08TALLINN412", "origin": "Embassy Tallinn", "date_time": "2008-03-13 10:25",
              "classification": "CONFIDENTIAL", "body": body_text()}
    if with_header:
        record["header"] = HEADER
        record["reference_id"] = "08TALLINN412"
    return json.dumps(record, indent=1, ensure_ascii=False)


WRAPPERS = {"flattened": flattened_page, "html": html_page, "csv": csv_row, "json": json_record}


@pytest.mark.parametrize("kind", sorted(WRAPPERS))
def test_publication_wrapper(kind: str) -> None:
    text = WRAPPERS[kind]()
    # the wrapper starts on line 1; an HTML page may name the line of its <pre> block instead
    lines = {1, line_of(text, "<pre>")} if kind == "html" else {1}
    lenient = check_envelope(text, "publication-wrapper", lines)
    fixed = normalize(lenient)
    assert fixed.metadata is not None
    meta = fixed.metadata
    assert (meta.identifier, meta.created, meta.classification, meta.origin) == (
        "08TALLINN412", CREATED, "CONFIDENTIAL", "Embassy Tallinn")
    assert fixed.reference_id == "08TALLINN412"
    assert fixed.classification is Classification.CONFIDENTIAL
    assert fixed.caveats == ("SIPDIS",)
    assert fixed.subject == SUBJECT_CLEAN
    assert [t.code for t in fixed.tags] == TAG_CODES
    assert [r.cable_id for r in fixed.references] == ["08TALLINN388", "07STATE45120"]
    assert [(p.number, p.classification) for p in fixed.paragraphs] == [(1, "C"), (2, "C"), (3, "U")]
    assert fixed.paragraphs[1].text == P2_CLEAN
    assert fixed.summary == SUMMARY
    assert fixed.signers == ("DUNMORE",)
    if kind != "html":
        assert fixed.header is not None and fixed.header.station == "RUEHTL"


def test_flattened_page_title() -> None:
    meta = parse(flattened_page()).metadata
    assert meta is not None and meta.title == SUBJECT_CLEAN


def test_html_markup_and_entities_decoded() -> None:
    p2 = '2. (C) Kask said the summit would "open with a session" on\nregional security.'
    body = cable(header=None, body=paras(P1, p2, P3)).rstrip("\n")
    pre = body.replace('"', "&quot;").replace("\n", "&#x000A;")
    pre = pre.replace("&#x000A;2. (C)", "&#x000A;<a id='par2' href='#par2'>\u00b6</a>2. (C)")
    text = f"<html><body>\n<code><pre>{pre}</pre></code>\n</body></html>\n"
    lenient = parse(text)
    assert any(d.code in {"html-markup", "publication-wrapper"} for d in lenient.defects)
    fixed = normalize(lenient)
    assert fixed.paragraphs[1].number == 2
    assert fixed.paragraphs[1].text == (
        'Kask said the summit would "open with a session" on regional security.')
    shown = repr(attrs.evolve(fixed, defects=()))
    for leftover in ("&quot;", "&#x", "<a ", "href", "</pre>"):
        assert leftover not in shown
    # the page's markup is the envelope the cable came in, not damage to its text
    assert parse(text, mode="strict") == lenient


def test_json_record_without_header_takes_year_from_publication_date() -> None:
    fixed = clean(json_record(with_header=False))
    assert fixed.header is None
    assert fixed.reference_id == "08TALLINN412"
    assert fixed.metadata is not None and fixed.metadata.created == CREATED


def test_classification_from_publication_metadata() -> None:
    body = make_head() + "\n" + paras(P1, P2, P3)
    record = {"_id": "08TALLINN412", "origin": "Embassy Tallinn", "date_time": "2008-03-13 10:25",
              "classification": "SECRET", "body": body}
    fixed = clean(json.dumps(record))
    assert fixed.banner is None
    assert fixed.classification is Classification.SECRET


# --------------------------------------------------------------------------- lenient never raises

def _big(seed: int, alphabet: str) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(1_000_000))


NASTY = [
    "", " ", "   \n\t\n  \n", "\n\n\n", "REF:", "REF:\n", "TAGS:", "TAGS:\n", "SUBJECT:", "E.O.",
    "Classified By:", "1.", "\u00b6", "[1](#)", "C O N F I D E N T I A L", "VZCZC", "DE RUEHTL #",
    "P 991299Z FEB 08\n", "P 300000Z FEB 08\n", "DE RUEHTL #0412/01 9992599\nP 131025Z MAR 08\n",
    "E.O. 12958: DECL: 13/45/2018\n", "REF: A. B. C. D.\n", "REF: A. 99999999999999999999 STATE 1\n",
    "<html><code><pre>", '{"body": 5}', '{"header": null, "body": null}', '"a","b"\n',
    "\x00\x01\x02\x7f", "\ufeff\u200b\u202e\u2028\u2029\x85\x0c\x0b", "\ud800\udfff", "\U0001f600" * 50,
    "\u00c2\u00b6" * 100, "\r\r\n\n\r",
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_lenient_never_raises(text: str) -> None:
    assert isinstance(parse(text), Cable)
    assert isinstance(normalize(text), Cable)


@pytest.mark.parametrize("alphabet", ["0123456789\u00b6", "0123456789\u00b6.,\n (C)"])
def test_lenient_survives_a_megabyte_of_digits_and_pilcrows(alphabet: str) -> None:
    text = _big(len(alphabet), alphabet)
    assert len(text) >= 1_000_000
    assert isinstance(parse(text), Cable)


# --------------------------------------------------------------------------- properties

CABLE_LINES = [
    *HEADER.splitlines(), BANNER, "UNCLAS SECTION 01 OF 02 STATE 019876", "SIPDIS", "NOFORN",
    "STATE FOR EUR/NB", EO, "E.O. 11652: GDS", TAGS, "TAGS: [PREL](#) [PGOV](#)", "TAGS: OVIP (KASK, URMAS)",
    *SUBJECT.splitlines(), REF, "[1](#)B. (B) RIGA 1120", "REF:", CLBY, *P1.splitlines(),
    *P2.splitlines(), P3, "11. (C) One.", "\u00b616. (S//NF) Six.", "[1](#)2. (SBU) Two.", "2, Two.",
    "4.(C) Four.", "TALLINN 00000412 002 OF 003", "PAGE 02 TALLINN 00412 01 OF 02 131025Z",
    "Identifier", "pdf how-to read a cable", "<code><pre>", "&#x000A;", "\u00e2\u20ac\u2122",
    "End Summary.", "The View From Tallinn", "DUNMORE", "NNNN", "BT", "", "   ",
]

cable_like = st.lists(
    st.one_of(st.sampled_from(CABLE_LINES), st.text(max_size=30)), max_size=40,
).flatmap(lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda end: end.join(lines)))

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=150)


@SETTINGS
@given(st.text())
def test_tokens_cover_any_text(text: str) -> None:
    assert "".join(t.text for t in tokenize(text)) == text


@SETTINGS
@given(cable_like)
def test_tokens_cover_cable_like_text(text: str) -> None:
    tokens = list(tokenize(text))
    assert "".join(t.text for t in tokens) == text
    assert [t.line for t in tokens] == list(range(1, len(tokens) + 1))


@SETTINGS
@given(st.text())
def test_lenient_parse_of_any_text_returns_a_cable(text: str) -> None:
    assert isinstance(parse(text), Cable)


@SETTINGS
@given(cable_like)
def test_strict_raises_exactly_when_lenient_repairs(text: str) -> None:
    lenient = parse(text, mode=Mode.LENIENT)
    assert isinstance(lenient, Cable)
    assert all(d.code in DEFECT_CODES for d in lenient.defects)
    damage = [d for d in lenient.defects if DEFECT_CODES[d.code].damage]
    if damage:
        with pytest.raises(CableParseError) as info:
            parse(text, mode=Mode.STRICT)
        assert set(info.value.defects) == set(damage)
        assert info.value.line == min(d.line for d in damage)
    else:  # no defect, or only facts about the envelope (a page, trailing blanks)
        assert parse(text, mode=Mode.STRICT) == lenient


@SETTINGS
@given(cable_like)
def test_normalize_is_idempotent_on_cable_like_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
