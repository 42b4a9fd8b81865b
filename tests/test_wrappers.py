"""Taking a cable out of its publication: the lines of a Source, the preamble detectors, linear unwrapping.

* :class:`cablekit.wrappers.Source` keeps one line a list item: no ``\\n`` or
  ``\\r`` inside a line, every edit through :meth:`Source.replace`, and the
  line map aligned, so a defect found after an entity decoded to a line break
  still points at the line of the input it is on.
* Each detector of what a publication puts before the cable is tried alone.
* Offsets are mapped to lines in one pass, so many ``<pre>`` blocks cost no
  rescans; these tests check where things land, never how long they take.
  The ``<pre>`` blocks and the cells of a page's metadata table are those
  the lazy patterns found, without their scans and rescans of the text.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import attrs
import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import cablekit
from cablekit._context import Context
from cablekit.model import Metadata
from cablekit.tokens import split_lines
from cablekit.wrappers import (
    Source,
    _cable_dated,
    _converter_header,
    _export_lines,
    _export_record,
    _LineCounter,
    _metadata_table,
    _pre_blocks,
    _pre_lines,
    _Preamble,
    _set_metadata,
    _strip_page_metadata,
    _table_cells,
    unwrap,
)

SRC = Path(cablekit.__file__).resolve().parent


def _at(text: str, line: int) -> str:
    """Line *line* (1-based) of *text*."""
    return text.split("\n")[line - 1]


def _assert_defects_on_their_lines(text: str, cable: cablekit.Cable) -> None:
    """Every defect that quotes a text quotes (the start of) the input line it names, blanks aside."""
    lines = text.split("\n")
    for defect in cable.defects:
        if defect.text:
            assert " ".join(defect.text[:40].split()) in " ".join(lines[defect.line - 1].split()), defect


# --------------------------------------------------------------------------- the lines of a Source

_PIECES = st.lists(st.sampled_from(["a", "B c", "", " ", "\n", "\r", "\r\n", "\n\r", "&#10;", "1. (U)"]),
                   max_size=8).map("".join)


@given(st.lists(_PIECES, min_size=1, max_size=8))
@example(["a\r", "b"])
@example(["a\r\n", "\r"])
@example(["\r"])
def test_a_source_reads_its_lines_as_the_parser_read_the_joined_text(lines: list[str]) -> None:
    # The parser used to join the lines and split them again; a Source splits them itself, the same way.
    source = Source(list(lines), list(range(10, 10 + len(lines))))
    assert source.lines == split_lines("\n".join(lines) + "\n")[0]
    assert not any("\n" in line or "\r" in line for line in source.lines)
    assert source.line_map == [10 + i for i, line in enumerate(lines) for _ in split_lines(line + "\n")[0]]


@given(st.lists(_PIECES, min_size=1, max_size=6), st.data())
def test_replace_keeps_the_line_map_aligned(lines: list[str], data: st.DataObject) -> None:
    source = Source(list(lines), list(range(1, len(lines) + 1)))
    size = len(source.lines)
    start = data.draw(st.integers(0, size))
    stop = data.draw(st.integers(start, size))
    new = data.draw(st.lists(_PIECES, max_size=4))
    origin = data.draw(st.none() | st.integers(1, 99))
    before_lines, before_map = list(source.lines), list(source.line_map)
    count = source.replace(start, stop, new, origin=origin)
    pieces = split_lines("\n".join(new) + "\n")[0] if new else []
    assert count == len(pieces)
    assert source.lines == before_lines[:start] + pieces + before_lines[stop:]
    expected = origin if origin is not None else (before_map[min(start, size - 1)] if before_map else 1)
    assert source.line_map == before_map[:start] + [expected] * count + before_map[stop:]


def test_replace_with_a_source_line_for_each_new_line() -> None:
    source = Source(["a", "b"], [1, 2])
    assert source.replace(1, 1, ["x\ny", "z"], origin=[7, 9]) == 3
    assert (source.lines, source.line_map) == (["a", "x", "y", "z", "b"], [1, 7, 7, 9, 2])
    with pytest.raises(ValueError, match="source lines"):
        source.replace(0, 0, ["p", "q"], origin=[1])
    with pytest.raises(ValueError, match="source lines"):
        Source(["a", "b"], [1])


def test_a_source_from_text_maps_line_n_to_line_n() -> None:
    source = Source.from_text("a\r\nb\rc\n")
    assert (source.lines, source.line_map) == (["a", "b", "c", ""], [1, 2, 3, 4])


def test_the_wrappers_and_repairs_edit_lines_only_through_replace() -> None:
    # A direct edit of source.lines or source.line_map is how the two lists came apart.
    edits = []
    for name in ("wrappers.py", "repairs.py"):
        tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"):
                targets = [node.func.value]
            for target in targets:
                while isinstance(target, ast.Subscript):
                    target = target.value
                if isinstance(target, ast.Attribute) and target.attr in ("lines", "line_map") and not (
                        isinstance(target.value, ast.Name) and target.value.id == "self"):
                    edits.append(f"{name}:{node.lineno}")
    assert edits == []


# --------------------------------------------------------------------------- an entity that decodes to a line break

BUG = "UNCLAS SECTION 01 OF 02 STATE 019876\n\nSUBJECT: TEST&#10;MORE\n\n1. (U) One.\n\n2, (U) Two.\n"


def test_a_decoded_newline_does_not_shift_the_lines_after_it() -> None:
    cable = cablekit.parse(BUG)
    marker = next(d for d in cable.defects if d.code == "paragraph-marker-punctuation")
    assert marker.line == 7 and marker.text == "2, (U) Two."
    assert [(p.number, p.line) for p in cable.paragraphs] == [(1, 5), (2, 7)]
    markup = next(d for d in cable.defects if d.code == "html-markup")
    assert markup.line == 3
    assert cable.subject == "TEST MORE"
    _assert_defects_on_their_lines(BUG, cable)


@pytest.mark.parametrize("entity", ["&#10;", "&#13;", "&#13;&#10;", "&#x0A;", "&#xd;"])
def test_each_line_break_entity_keeps_later_lines_in_place(entity: str) -> None:
    text = BUG.replace("&#10;", entity)
    cable = cablekit.parse(text)
    assert [(p.number, p.line) for p in cable.paragraphs] == [(1, 5), (2, 7)]
    assert cable.subject == "TEST MORE"
    _assert_defects_on_their_lines(text, cable)


def test_a_carriage_return_entity_ending_each_line_adds_no_lines() -> None:
    # XML writes the CR of a CRLF as &#13; before the line's own newline: one line break, as before.
    text = BUG.replace("\n", "&#13;\n")
    cable = cablekit.parse(text)
    assert [(p.number, p.line) for p in cable.paragraphs] == [(1, 5), (2, 7)]
    assert [p.text for p in cable.paragraphs] == ["One.", "Two."]


def test_defects_after_several_decoded_newlines_name_their_own_lines() -> None:
    text = ("UNCLAS STATE 019876\n\nTAGS: PREL&#10;PGOV&#10;ECON\nSUBJECT: TEST\n\n1. (U) One.\n\n"
            "3. (U) Three\twith a tab.\n\n4, (U) Four.\n")
    cable = cablekit.parse(text)
    assert [(p.number, p.line) for p in cable.paragraphs] == [(1, 6), (3, 8), (4, 10)]
    by_code = {d.code: d.line for d in cable.defects}
    assert by_code["whitespace"] == 8
    assert by_code["paragraph-marker-punctuation"] == 10
    _assert_defects_on_their_lines(text, cable)


# --------------------------------------------------------------------------- linear unwrapping


@given(st.text(alphabet="ab\n\r", max_size=60), st.lists(st.integers(-3, 70), max_size=12))
def test_the_line_counter_agrees_with_counting_from_the_start(text: str, offsets: list[int]) -> None:
    counter = _LineCounter(text)
    for offset in offsets:
        assert counter.line_of(offset) == text.count("\n", 0, max(offset, 0)) + 1


def test_the_blocks_of_a_megabyte_of_pre_blocks_keep_their_lines() -> None:
    # The input: 80,000 one-line blocks, each a line of its own.
    text = "<pre>x</pre>\n" * 80_000
    assert len(text) > 1_000_000
    cable = cablekit.parse(text)
    # Each block after the first interrupts the sentence before it, on its own line of the page.
    assert [d.line for d in cable.defects if d.code == "paragraph-split"] == list(range(2, 80_001))
    _assert_defects_on_their_lines(text, cable)


def test_paragraphs_in_many_pre_blocks_name_the_lines_of_their_blocks() -> None:
    parts = ["<html>"]
    for number in range(1, 900):
        parts.extend(["<p>between</p>"] * (number % 4))
        parts.append(f"<pre>{number}. (U) Block {number}&#x000A;goes on.\n{'&amp; ends.' if number % 3 else ''}</pre>")
    text = "\n".join(parts) + "\n"
    cable = cablekit.parse(text)
    assert [p.number for p in cable.paragraphs] == list(range(1, 900))
    for paragraph in cable.paragraphs:
        assert " ".join(paragraph.text.split()).startswith(f"Block {paragraph.number} goes on.")
        assert _at(text, paragraph.line).startswith(f"<pre>{paragraph.number}. (U)")
    _assert_defects_on_their_lines(text, cable)


_PRE_LINES = st.lists(st.sampled_from(["x", "1. (U) Text.", "", " ", "a&#x000A;b", "&amp;", "<b>bold</b>"]),
                      min_size=1, max_size=4).map("\n".join)


@given(st.lists(st.tuples(st.sampled_from(["", "\n", "<p>page</p>\n", "\n\n"]), _PRE_LINES), min_size=1,
                max_size=6))
def test_each_line_taken_from_a_pre_block_maps_to_the_input_line_it_is_on(blocks: list[tuple[str, str]]) -> None:
    text = "<html>\n" + "".join(f"{between}<pre>x\n{body}</pre>" for between, body in blocks) + "\n"
    source = unwrap(text, Context())
    assert len(source.lines) == len(source.line_map)
    for line, origin in zip(source.lines, source.line_map, strict=True):
        if line:  # the blank line put between two blocks names the next block's line
            pieces = [html.unescape(part).split("\n") for part in re.split(r"</?[a-z]+>", _at(text, origin))]
            assert line in [piece for decoded in pieces for piece in decoded]


# The plain statement of the <pre> blocks: what _pre_blocks finds without trying </pre> at every character.
_PRE = regex.compile(r"<pre\b[^>]{0,200}>(.*?)(?:</pre\s*>|\Z)", regex.IGNORECASE | regex.DOTALL)
_PRE_PARTS = ["<pre>", "<PRE class='x'>", "</pre>", "</PRE >", "</pre\n>", "</pre", "<pre", "<prex>", ">", "x",
              "\n", " ", "<pre " + "a" * 200 + ">", "<pre " + "a" * 199 + ">"]


@given(st.lists(st.sampled_from(_PRE_PARTS), max_size=20).map("".join))
@example("<pre>a</pre>b<pre>c")
@example("<pre <pre>a</pre>")
def test_the_pre_blocks_are_those_the_lazy_pattern_finds(text: str) -> None:
    assert _pre_blocks(text) == [(m.start(), m.start(1), m.end(1), m.end()) for m in _PRE.finditer(text)]


# A block of one line without markup is read without splitting it: the same lines as the general path,
# which a line break at its end forces.
@given(st.lists(st.sampled_from([*"x <&\r\t", "&amp;", "<b>", "\u00a0"]), max_size=12).map("".join), st.integers(1, 50))
@example("x", 3)
@example("   ", 1)
def test_a_one_line_block_is_read_as_the_general_path_reads_it(block: str, first: int) -> None:
    assert _pre_lines(block, first) == _pre_lines(block + "\n", first)


# The plain statement of the metadata table's cells: what _table_cells finds without the lazy rescans.
_TABLE = regex.compile(r"<table\b[^>]{0,200}class=['\"]cable['\"][^>]{0,200}>(.*?)</table>",
                       regex.IGNORECASE | regex.DOTALL)
_CELL = regex.compile(r"<(th|td)\b[^>]{0,200}>(.*?)</\1>", regex.IGNORECASE | regex.DOTALL)
_TABLE_PARTS = ["<table class='cable'>", "<TABLE x CLASS=\"cable\">", "</table>", "<th>", "</th>", "<td>",
                "</td>", "<TD a='1'>", "</TD>", "<td", ">", "x", "\n", "<th <td>", "<tdx>", "</tr>"]


@given(st.lists(st.sampled_from(_TABLE_PARTS), max_size=25).map("".join))
@example("<table class='cable'><td><th>a</th><td>b</td></table>")
@example("<table class='cable'><td <td>a</td><th>b</table>")
@example("<table class='cable'><th><td>a</td><th><td>b</td></table>")  # no </th>: the <td> cells still count
@example("<table class='cable'><td><th>a</th><td><th>b</th></table>")  # and the other way round
def test_the_table_cells_are_those_the_lazy_patterns_find(text: str) -> None:
    table = _TABLE.search(text)
    assert _table_cells(text) == (None if table is None else _CELL.findall(table.group(1)))


# --------------------------------------------------------------------------- preamble detectors, one by one

FLATTENED = ["", "Identifier", "Created", "Classification", "Origin", "08TALLINN412", "2008-03-13 10:25:00",
             "CONFIDENTIAL", "Embassy Tallinn", "Cable title:  ", "", "ESTONIA: TALKS", "", "Tags:  PREL PGOV ",
             "pdf how-to read a cable", "C O N F I D E N T I A L TALLINN 000412"]


def test_metadata_table() -> None:
    found = _metadata_table(FLATTENED, 1)
    assert found == _Preamble({"identifier": "08TALLINN412", "created": "2008-03-13 10:25:00",
                               "classification": "CONFIDENTIAL", "origin": "Embassy Tallinn",
                               "title": "ESTONIA: TALKS"}, 15,
                              "page metadata lines (Identifier, Created, …) before the cable")
    assert _metadata_table(["Identifier", "Created", "08TALLINN412", "2008-03-13"], 0) is None  # two labels


def test_metadata_table_without_title_lines_ends_after_its_values() -> None:
    lines = ["Reference ID", "Created", "Released", "X", "Y", "Z", "UNCLAS STATE 000001"]
    found = _metadata_table(lines, 0)
    assert found is not None
    assert (found.stop, dict(found.record)) == (6, {"identifier": "X", "created": "Y", "released": "Z"})


CONVERTER = ["09STATE1234", "SUBJECT LINE", "Thu Nov 05 03:45:00 +0100 2009", "SECRET", "Secretary of State",
             "S E C R E T STATE 001234"]


def test_converter_header() -> None:
    found = _converter_header(CONVERTER, 0)
    assert found is not None
    assert found.stop == 5 and found.first_line is None
    assert found.record == {"identifier": "09STATE1234", "title": "SUBJECT LINE",
                            "created": "Thu Nov 05 03:45:00 +0100 2009", "classification": "SECRET",
                            "origin": "Secretary of State"}
    assert _converter_header(CONVERTER[:4], 0) is None
    assert _converter_header(["09STATE1234", "SUBJECT", "2009-11-05", "SECRET", "x"], 0) is None


EXPORT = ["ID: 248711", "ORIGIN: 10BERLIN180", "DATE: 2010-02-12 17:09:00", "SOURCE: Embassy Berlin",
          "CLASSIFICATION: CONFIDENTIAL", "MISC: 10BERLIN128", "DESTINATION: VZCZCXRO2876", "", "BODY"]


def test_export_lines_end_inside_the_destination_line() -> None:
    found = _export_lines(EXPORT, 0)
    assert found is not None
    assert (found.stop, found.first_line) == (6, "VZCZCXRO2876")
    assert found.record == {"identifier": "10BERLIN180", "created": "2010-02-12 17:09:00",
                            "origin": "Embassy Berlin", "classification": "CONFIDENTIAL"}


def test_export_lines_without_a_destination_or_with_too_little() -> None:
    found = _export_lines([*EXPORT[:5], "", "BODY"], 0)
    assert found is not None and (found.stop, found.first_line) == (5, None)
    assert _export_lines(["DATE: 2010-02-12", "BODY"], 0) is None  # one line
    assert _export_lines(["ID: 1", "MISC: 2", "BODY"], 0) is None  # nothing about the cable
    assert _export_lines(["ID: 1", "DESTINATION: VZCZC"], 0) is None


def test_export_record() -> None:
    lines = ["<<220571>>", "2009-08-10", "09KABUL2213", "Embassy Kabul", "SECRET", "S E C R E T KABUL 002213"]
    found = _export_record(lines, 0)
    assert found is not None
    assert found.stop == 5
    assert found.record == {"created": "2009-08-10", "identifier": "09KABUL2213", "origin": "Embassy Kabul",
                            "classification": "SECRET"}
    assert _export_record([lines[0], lines[1], "not an id", *lines[3:]], 0) is None


def test_cable_dated() -> None:
    found = _cable_dated(["", "  Cable dated:2009-11-05T03:45 UNCLAS STATE 000001"], 1)
    assert found == _Preamble({"created": "2009-11-05T03:45"}, 1, "'Cable dated:' line before the cable",
                              " UNCLAS STATE 000001")
    assert _cable_dated(["Cabled dated: 2009"], 0) is None


@pytest.mark.parametrize(("lines", "kept"), [
    (FLATTENED, [(1, ""), (16, "C O N F I D E N T I A L TALLINN 000412")]),
    (CONVERTER, [(6, "S E C R E T STATE 001234")]),
    (EXPORT, [(7, "VZCZCXRO2876"), (8, ""), (9, "BODY")]),
    (["", "Cable dated: 2009-11-05T03:45 UNCLAS"], [(1, ""), (2, " UNCLAS")]),
])
def test_stripping_a_preamble_keeps_each_line_on_its_source_line(lines: list[str],
                                                                 kept: list[tuple[int, str]]) -> None:
    source = Source(list(lines), list(range(1, len(lines) + 1)))
    ctx = Context()
    _strip_page_metadata(source, ctx)
    assert list(zip(source.line_map, source.lines, strict=True)) == kept
    (defect,) = ctx.defects
    first = next(i for i, line in enumerate(lines) if line.strip())
    assert (defect.code, defect.line) == ("publication-wrapper", first + 1)
    # The defect holds the text taken out: the preamble's lines, each as written (the last one up to the cable).
    taken = defect.text.split("\n")
    *whole, last = taken
    assert whole == lines[first:first + len(whole)]
    assert lines[first + len(whole)].startswith(last)
    assert source.metadata is not None


def test_set_metadata_keeps_what_was_known_and_adds_the_rest() -> None:
    source = Source([], [], Metadata(identifier="08TALLINN412", title="KNOWN"))
    _set_metadata(source, {"identifier": "09STATE1", "created": "2008-03-13", "origin": "Embassy Tallinn",
                           "classification": "SECRET", "title": "NEW"})
    assert source.metadata is not None
    known = {field.name: getattr(source.metadata, field.name) for field in attrs.fields(Metadata)}
    assert known["identifier"] == "08TALLINN412" and known["title"] == "KNOWN"
    assert known["origin"] == "Embassy Tallinn" and known["classification"] == "SECRET"
    assert known["created"] is not None and known["created"].year == 2008
