"""Partial records and preambles (issue 15, variant class 1): what a publication put before the cable.

The Cablegate release prints many cables as a partial record: the release's note, a date line, or a
flattened ``cables.csv`` record (``id:``/``date:``/``refid:`` lines, columns one a line, a tab or comma
row), CSV quotes, a telegram or e-mail print, sometimes a first copy of the cable (or a preview cut short
with ``...``) before the record and the full cable after it.  Whatever stands before the banner, a user
gets the cable's fields as without it, the preamble's words in a ``publication-wrapper`` defect, what the
record states in :attr:`cablekit.Cable.metadata`, and one cable (not two copies of its paragraphs).

Every record, number, name and post here is made up, in the shape of the real ones; the cable is the one
of ``builders.py`` (Embassy Tallinn).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import BANNER, HEADER, P1, P2, P3, TAGS, cable, make_head, paras
from cablekit import Cable, DefectCode, Metadata, parse

WRAPPER = DefectCode.PUBLICATION_WRAPPER
NOTE = ("This record is a partial extract of the original cable. "
        "The full text of the original cable is not available.")
"""The release's note, as the release prints it."""
RULE = "----------------- header ends ----------------"
REFID = "08TALLINN412"
CREATED = datetime(2008, 3, 13, 10, 25, tzinfo=UTC)
KEY_VALUE = ("id: 48213\ndate: 3/13/2008 10:25\nrefid: 08TALLINN412\norigin: Embassy Tallinn\n"
             "classification: CONFIDENTIAL\ndestination: 08TALLINN388|07STATE45120\nheader:\n")
COLUMNS = "48213\n2008-03-13 10:25:00\n08TALLINN412\nEmbassy Tallinn\nCONFIDENTIAL\n08TALLINN388|07STATE45120\n"
EXPORT = "CLASSIFICATION: CONFIDENTIAL\nMISC: 08TALLINN388|07STATE45120\nDESTINATION: VZCZCXRO5127\n"
"""An export's record, its DESTINATION line holding the header's first line."""
EXPORT_ID = "ID: 48213\nORIGIN: 08TALLINN412\nDATE: 2008-03-13 10:25:00\nSOURCE: Embassy Tallinn\n"
"""The lines that may open such a record."""
RECORD_STATES = {"identifier": REFID, "created": CREATED, "classification": "CONFIDENTIAL",
                 "origin": "Embassy Tallinn"}


# --------------------------------------------------------------------------- helpers

def _escaped(text: str) -> str:
    """*text* as a tab row of the release carries it: every line but the last ends with a backslash."""
    lines = text.rstrip("\n").split("\n")
    return "\n".join(line + "\\" for line in lines[:-1]) + "\n" + lines[-1] + "\n"


def _fields(parsed: Cable) -> dict[str, object]:
    """What a user reads of a cable, without the lines things stand on (a preamble moves them)."""
    return {
        "header": parsed.header, "banner": parsed.banner, "classification": parsed.classification,
        "caveats": parsed.caveats, "offices": parsed.offices, "eo": parsed.eo, "tags": parsed.tags,
        "subject": parsed.subject, "references": parsed.references, "classified_by": parsed.classified_by,
        "paragraphs": [(p.number, p.marker, p.classification, p.heading, p.text) for p in parsed.paragraphs],
        "summary": parsed.summary, "signers": parsed.signers,
    }


def _wrapper_text(parsed: Cable) -> str:
    return "\n".join(d.text for d in parsed.defects if d.code == WRAPPER)


def _graph_text(parsed: Cable) -> str:
    """Every text of the graph a word can land in: fields, paragraphs, defects."""
    parts = [parsed.subject or "", parsed.summary or "", *parsed.caveats, *parsed.offices, *parsed.signers,
             *(p.text for p in parsed.paragraphs), *(p.heading or "" for p in parsed.paragraphs),
             *(d.text for d in parsed.defects), *(r.text for r in parsed.references)]
    return "\n".join(parts)


def _missing_words(words: str, text: str) -> list[str]:
    return [word for word in words.split() if word not in text]


# --------------------------------------------------------------------------- the shapes

class Shape(NamedTuple):
    """One shape of preamble: its text, how it wraps the cable, what its record states."""

    name: str
    pre: str
    """The preamble's text (its words must all land in a publication-wrapper defect)."""
    wrap: Callable[[str, str], str]
    """(pre, cable text) -> the text as published."""
    states: dict[str, object]
    """The metadata the record states."""
    headers: tuple[bool, ...] = (False, True)
    """Whether the cable it wraps has a transmission header (partial records have none)."""


def _before(pre: str, text: str) -> str:
    return pre + text


def _tab_row(pre: str, text: str) -> str:
    return pre + _escaped(NOTE + "\n\n\t" + text)


def _tab_row_header(pre: str, text: str) -> str:
    header, _, rest = text.partition("\n\n")
    return pre + _escaped(header + "\n\t" + rest)


def _comma_row(pre: str, text: str) -> str:
    return pre + '"' + NOTE + '\n\n","' + text.replace('"', '""') + '"\n'


def _quotes(pre: str, text: str) -> str:
    return pre + text + '",\n'


def _quote_glued(pre: str, text: str) -> str:
    return pre + text.rstrip("\n") + ' "\n'


def _glued(pre: str, text: str) -> str:
    return pre + text


SHAPES = [
    Shape("note", NOTE + "\n\n", _before, {}),
    Shape("note-wrapped", "This record is a partial extract of the original\ncable. The full text of the "
          "original cable is not\navailable.\n\n", _before, {}),
    Shape("note-glued", NOTE, _glued, {}, (False,)),
    Shape("date-line", "131025Z Mar 08\n\n", _before, {"created": CREATED}),
    Shape("note-and-date-line", NOTE + "\n\n131025Z Mar 08\n\n", _before, {"created": CREATED}),
    Shape("key-value", KEY_VALUE + NOTE + "\n\n\n" + RULE + "\n\n", _before, RECORD_STATES),
    Shape("key-value-note-first", NOTE + "\n\n" + KEY_VALUE + NOTE + "\n" + RULE + "\n\n", _before,
          RECORD_STATES),
    Shape("columns", COLUMNS, _before, RECORD_STATES),
    Shape("columns-blank-lines", "48213\n\n2008-03-13\n\n08TALLINN412\n\nEmbassy Tallinn\n\nCONFIDENTIAL\n\n",
          _before, {**RECORD_STATES, "created": datetime(2008, 3, 13, tzinfo=UTC)}),
    Shape("export-record", "<<48213>>\n2008-03-13 10:25:00\n08TALLINN412\nEmbassy Tallinn\nCONFIDENTIAL\n"
          "08TALLINN388|07STATE45120\n", _before, RECORD_STATES),
    Shape("tab-row", "48213\t2008-03-13 10:25:00\t08TALLINN412\tEmbassy Tallinn\tCONFIDENTIAL\t"
          "08TALLINN388|07STATE45120\t", _tab_row, RECORD_STATES, (False,)),
    Shape("tab-row-header-column", "2008-03-13 10:25:00\t08TALLINN412\tEmbassy Tallinn\tCONFIDENTIAL\t\t",
          _tab_row_header, RECORD_STATES, (True,)),
    Shape("comma-row", '48213,3/13/2008 10:25,08TALLINN412,"Embassy Tallinn",CONFIDENTIAL,08TALLINN388,',
          _comma_row, {**RECORD_STATES, "references": ("08TALLINN388",)}, (False,)),
    Shape("comma-row-wrapped", '48213,3/13/2008 10:25,08TALLINN412,"Embassy\nTallinn",CONFIDENTIAL,'
          "08TALLINN388,", _comma_row, {**RECORD_STATES, "references": ("08TALLINN388",)}, (False,)),
    Shape("quote-before-banner", NOTE + '\n\n","', _quotes, {}, (False,)),
    Shape("quote-line", '"\n', _quote_glued, {}),
    Shape("telegram-title", "TelegramC O N F I D E N T I A L   TALLINN   00000412 \n", _before, {}),
    Shape("mail-header", "From: DPXC, OPSRELAY [OPSRELAY@example.sgov.gov]\nSent: Thursday, March 13, 2008 "
          "11:02 AM\nTo: OPSTallinn(Main Room 1234)\nSubject: TALLINN 00000412 P CO 13-MAR-08 FOREIGN MINISTER "
          "PREVIEWS\n\nCONFIDENTIAL\n\n", _before, {"classification": "CONFIDENTIAL"}),
    Shape("notes-print", "null\nKarl J Tamm  03/13/2008 11:02:41 AM  From  DB/Inbox:  Karl J Tamm\n\nCable \n"
          "Text:      \n     \n C O N F I D E N T I A L    TALLINN 00412\nCXTALL:\n    ACTION: POL\n"
          "    INFO:   ECON DCM AMB\n\nDISSEMINATION: POL\nCHARGE: PROG\n\n", _before, {}, (True,)),
    Shape("cable-dated-glued", "Cable dated:2008-03-13T10:25:00]", _glued, {"created": CREATED}, (False,)),
    Shape("cable-dated-with-id", "ID:48213 Cable dated:2008-03-13T10:25:00", _glued, {"created": CREATED},
          (False,)),
    Shape("cable-dated-line", "Cable dated:2008-03-13T10:25:00\n\n", _before, {"created": CREATED}),
]

CASES = [pytest.param(shape, header, id=f"{shape.name}-{'header' if header else 'partial'}")
         for shape in SHAPES for header in shape.headers]


def _cable(header: bool) -> str:
    return cable() if header else cable(header=None)


def _expected_reference_id(plain: Cable, shape: Shape) -> str | None:
    """The plain cable's id, or the one the record's date (or refid) completes for a cable without a header."""
    if plain.reference_id or not ({"identifier", "created"} & shape.states.keys()):
        return plain.reference_id
    return REFID


# --------------------------------------------------------------------------- each shape

def test_the_plain_cables_are_clean() -> None:
    for header in (False, True):
        assert parse(_cable(header)).defects == ()


@pytest.mark.parametrize(("shape", "header"), CASES)
def test_the_head_fields_are_found_as_without_the_preamble(shape: Shape, header: bool) -> None:
    plain = parse(_cable(header))
    wrapped = parse(shape.wrap(shape.pre, _cable(header)))
    expected = _fields(plain)
    assert wrapped.reference_id == _expected_reference_id(plain, shape)
    if wrapped.reference_id != plain.reference_id:  # the record's year completes the references too
        expected["references"] = parse(cable()).references
    assert _fields(wrapped) == expected


@pytest.mark.parametrize(("shape", "header"), CASES)
def test_the_preamble_is_kept_in_publication_wrapper_defects(shape: Shape, header: bool) -> None:
    wrapped = parse(shape.wrap(shape.pre, _cable(header)))
    assert wrapped.defects, "the preamble is not reported"
    assert {d.code for d in wrapped.defects} == {WRAPPER}
    assert _missing_words(shape.pre.replace("\t", " "), _wrapper_text(wrapped)) == []


@pytest.mark.parametrize(("shape", "header"), CASES)
def test_what_the_record_states_goes_to_metadata(shape: Shape, header: bool) -> None:
    wrapped = parse(shape.wrap(shape.pre, _cable(header)))
    assert wrapped.metadata == (Metadata(**shape.states) if shape.states else None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("shape", "header"), CASES)
def test_strict_mode_accepts_a_clean_cable_in_a_preamble(shape: Shape, header: bool) -> None:
    text = shape.wrap(shape.pre, _cable(header))
    assert parse(text, mode="strict") == parse(text)


def test_preambles_one_after_the_other_are_all_taken_out() -> None:
    pre = NOTE + "\n\n131025Z Mar 08\n\n" + COLUMNS + '"\n'
    wrapped = parse(pre + cable(header=None))
    assert _fields(wrapped) == {**_fields(parse(cable(header=None))), "references": parse(cable()).references}
    assert wrapped.metadata == Metadata(**RECORD_STATES)  # type: ignore[arg-type]
    assert _missing_words(pre, _wrapper_text(wrapped)) == []


def test_what_a_page_stated_wins_over_a_record() -> None:
    # The release's own record (the JSON record's id and date here) is read first and wins.
    text = ('{"reference_id": "08TALLINN412", "date": "2008-03-14 09:00:00", "text": '
            + json.dumps(COLUMNS + cable(header=None)) + "}")
    wrapped = parse(text)
    assert wrapped.metadata is not None
    assert wrapped.metadata.created == datetime(2008, 3, 14, 9, tzinfo=UTC)
    assert wrapped.metadata.origin == "Embassy Tallinn"  # what the JSON record did not state
    assert wrapped.subject == parse(cable(header=None)).subject


# --------------------------------------------------------------------------- two copies of the cable

def _first_copy_cut(at: str, keep: int) -> str:
    """The cable with its header, cut *keep* characters after *at* and ended with ``...``."""
    full = cable()
    return full[:full.index(at) + keep] + "..."


TWO_COPIES = [
    # The record's header column repeats the header; the cable's TAGS line stands before the banner.
    pytest.param(HEADER + "\n" + COLUMNS + HEADER + TAGS + "\n" + cable(header=None), HEADER + COLUMNS,
                 id="header-columns-header"),
    # A preview cut short, the record after one, two or three empty lines, then the full cable.
    *(pytest.param(_first_copy_cut("REF:", 12) + "\n" * blanks + KEY_VALUE + HEADER + "\n\n" + RULE + "\n\n"
                   + cable(header=None), _first_copy_cut("REF:", 12) + "\n" + KEY_VALUE + RULE,
                   id=f"preview-key-value-{blanks - 1}-empty-lines") for blanks in (2, 3, 4)),
    *(pytest.param(_first_copy_cut("SUBJECT:", 20) + "\n" * blanks + COLUMNS + "\n" + cable(),
                   _first_copy_cut("SUBJECT:", 20) + "\n" + COLUMNS, id=f"preview-columns-{blanks - 1}-empty-lines")
      for blanks in (2, 3)),
    # The header, an export's record whose DESTINATION line holds the header's first line, the rest of the
    # header again and the cable.
    *(pytest.param(HEADER + "\n" + export + HEADER.partition("\n")[2] + "\n" + cable(header=None),
                   HEADER + export, id=f"header-export-lines-{name}-header")
      for name, export in (("short", EXPORT), ("whole", EXPORT_ID + EXPORT))),
    # The whole cable, a record, and the whole cable again.
    pytest.param(cable() + "\n" + KEY_VALUE + NOTE + "\n" + RULE + "\n\n" + cable(header=None),
                 KEY_VALUE + NOTE + "\n" + RULE, id="cable-key-value-cable"),
]


@pytest.mark.parametrize(("text", "taken"), TWO_COPIES)
def test_a_record_between_two_copies_yields_one_cable(text: str, taken: str) -> None:
    plain = parse(cable())
    wrapped = parse(text)
    assert _fields(wrapped) == _fields(plain)
    assert [p.number for p in wrapped.paragraphs] == [1, 2, 3]
    assert wrapped.reference_id == REFID
    assert {d.code for d in wrapped.defects} == {WRAPPER}
    assert _missing_words(taken, _wrapper_text(wrapped)) == []
    assert parse(text, mode="strict") == wrapped


@pytest.mark.parametrize("blanks", [1, 2, 3])
def test_a_preview_cut_short_before_the_full_cable_yields_one_cable(blanks: int) -> None:
    # The partial record's shape: no header, the preview opens with the banner as the full cable does.
    partial = cable(header=None)
    preview = partial[:partial.index("SUBJECT:") + 25] + "..."
    text = NOTE + "\n\n" + preview + "\n" * (blanks + 1) + partial
    wrapped = parse(text)
    assert _fields(wrapped) == _fields(parse(partial))
    assert wrapped.subject == parse(partial).subject  # not the cut one
    assert {d.code for d in wrapped.defects} == {WRAPPER}
    assert _missing_words(preview, _graph_text(wrapped)) == []


# --------------------------------------------------------------------------- what only resembles a preamble

LOOKALIKES = [
    # A fragment whose first paragraph starts with a number.
    pytest.param(paras("48213 tons of grain reached the port of Paldiski on March 12.", P2, P3),
                 "48213 tons of grain", id="number-opening-a-fragment"),
    pytest.param(paras("2008 will be a year of elections in Estonia, Kask said.", P3),
                 "2008 will be a year", id="year-opening-a-fragment"),
    pytest.param(cable(header=None, banner=None, head=""), "Summary: Foreign Minister Kask", id="paragraph-one-first"),
    # A date line inside the body.
    pytest.param(cable(body=paras(P1, "131025Z Mar 08", P2, P3)), "131025Z Mar 08", id="date-line-in-body"),
    # From:, Sent:, To: in a paragraph, or a From: line alone where the cable should start.
    pytest.param(cable(body=paras(P1, "From: the desk officer\nSent: a reply on March 12\nTo: the "
                                  "Ambassador's staff", P2, P3)), "From: the desk officer", id="mail-in-body"),
    pytest.param("From: the Regional Security Office\n\n" + cable(header=None), "Regional Security Office",
                 id="from-line-alone"),
    # The note's first words in a sentence of the cable.
    pytest.param(cable(body=paras(P1, "This record is a partial account of the talks.", P2)),
                 "This record is a partial account", id="note-words-in-body"),
    pytest.param("This record is a partial account of the talks.\n\n" + cable(header=None),
                 "This record is a partial account", id="note-words-first"),
    # Numbers one a line that are no record (no refid, no classification).
    pytest.param(cable(body=paras(P1, "2008\n2009\n2010", P2)), "2008", id="numbers-in-body"),
    pytest.param("412\n2008-03-13 10:25:00\nTALLINN\nEmbassy Tallinn\nCONFIDENTIAL\n\n" + cable(header=None),
                 "TALLINN", id="columns-without-a-refid"),
]


@pytest.mark.parametrize(("text", "kept"), LOOKALIKES)
def test_text_that_only_resembles_a_preamble_is_not_taken_out(text: str, kept: str) -> None:
    parsed = parse(text)
    assert WRAPPER not in {d.code for d in parsed.defects}
    graph = _graph_text(parsed)
    assert " ".join(kept.split()) in " ".join(graph.split())


def test_a_banner_with_the_record_s_words_is_not_a_record() -> None:
    # "CONFIDENTIAL" alone on a line after a number is not a column record without the date and refid.
    text = "12\n\nCONFIDENTIAL\n\n" + paras(P1, P2)
    parsed = parse(text)
    assert WRAPPER not in {d.code for d in parsed.defects}


# --------------------------------------------------------------------------- any prefix of such pieces

PIECES = [NOTE, "131025Z Mar 08", KEY_VALUE.rstrip("\n"), COLUMNS.rstrip("\n"), RULE, '"', '",', '","',
          "TelegramC O N F I D E N T I A L   TALLINN   00000412", "Cable dated:2008-03-13T10:25:00]",
          "<<48213>>", "null", "From: DPXC, OPSRELAY [OPSRELAY@example.sgov.gov]", "Sent: Thursday",
          "To: OPSTallinn", "CONFIDENTIAL", "48213\t2008-03-13 10:25:00\t08TALLINN412\tEmbassy Tallinn\t"
          "CONFIDENTIAL\t\t", '48213,3/13/2008 10:25,08TALLINN412,"Embassy Tallinn",CONFIDENTIAL,,"', "...",
          "REF: A. TALL...", HEADER.rstrip("\n"), BANNER, "\\", "id: 48213", "header:", "refid: 08TALLINN412"]


@settings(max_examples=100, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=8),
       separators=st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n", "", "\t", " "]), min_size=8, max_size=8),
       rest=st.sampled_from([cable(), cable(header=None), cable(header=None, banner=None, head=""),
                             make_head(), ""]))
def test_parse_never_raises_on_preamble_pieces(pieces: list[str], separators: list[str], rest: str) -> None:
    text = "".join(piece + separator for piece, separator in zip(pieces, separators, strict=False)) + rest
    parsed = parse(text)
    assert isinstance(parsed, Cable)
    assert isinstance(parse(text + '"'), Cable)


def test_classification_and_subject_lines_of_a_head_after_the_header_are_no_export_record() -> None:
    # Lines in the shape of an export's keys, without its DESTINATION line, are the cable's own.
    text = HEADER + "\nCLASSIFICATION: CONFIDENTIAL\nSUBJECT: ESTONIA: GRID TALKS\n\n" + P1 + "\n"
    parsed = parse(text)
    assert WRAPPER not in {d.code for d in parsed.defects}
    assert "CLASSIFICATION: CONFIDENTIAL" in _graph_text(parsed)
