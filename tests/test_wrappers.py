"""Taking a cable out of its publication: the lines of a Source.

* :class:`cablekit.wrappers.Source` keeps one line a list item: no ``\\n`` or
  ``\\r`` inside a line, every edit through :meth:`Source.replace`, and the
  line map aligned, so a defect found after an entity decoded to a line break
  still points at the line of the input it is on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cablekit
from cablekit.tokens import split_lines
from cablekit.wrappers import Source

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
