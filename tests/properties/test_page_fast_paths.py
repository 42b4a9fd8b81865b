"""The WikiLeaks page fast paths agree with the plain statements they replace.

* A ``<pre>`` block's text, its tags dropped, is decoded with its ``&#x000A;``
  line feeds replaced before the entity scan; the plain statement is
  ``html.unescape`` of the text without its tags.
* A ``<pre>`` block on one source line (a WikiLeaks page writes its line breaks
  as entities) is decoded whole and split at the line breaks; the plain
  statement decodes each source line and splits the decoded lines with
  ``_mapped_pieces``.  The tags are dropped with :mod:`re`; the plain statement
  is the same pattern in :mod:`regex`.
* The cells of the page's table are read from one scan of their openings; the
  plain statement searches for the next opening from each cell's end (with
  :mod:`regex` for the closing tags too).
* Where a second copy of the cable repeats the first is read from as many of its
  words as the first copy has; the plain statement reads every word of the
  lines it may stand on.
* The page's title (``<h3>Viewing cable …</h3>``) is looked for only when the
  page holds ``<h3>`` or ``<H3>``; the plain statement is the pattern's scan.
"""

from __future__ import annotations

import html

import regex
from hypothesis import example, given
from hypothesis import strategies as st

from cablekit.wrappers import (
    _CELL_OPEN,
    _CELL_OPEN_TD,
    _CELL_OPEN_TH,
    _TAG,
    _TITLE,
    _WORD,
    _html_text,
    _mapped_pieces,
    _may_have_title,
    _pre_lines,
    _repeat,
    _table_cells,
)

_ENTITY_PIECES = ["&#x000A;", "&#x000a;", "&#x000A", "&#10;", "&", "&amp", "&amp;", "&#", "&#x", "#x000A;", "x",
                  "A", "0", ";", " ", "\n", "\r", "<a href='#p'>", "</a>", "<", ">", "&lt;", "&quot", "\u00b6",
                  "&#x000D;", "&#13;", "&notin;", "&not", "&#0;", "&#x110000;"]


@given(st.lists(st.sampled_from(_ENTITY_PIECES), max_size=40).map("".join))
@example("&amp&#x000A;x")
@example("&&#x000A;;")
@example("&amp;#x000A;")
@example("<a title='&#x000A;'>x</a>&#x000A;")
def test_a_fragment_decodes_as_html_unescape_decodes_it(fragment: str) -> None:
    assert _html_text(fragment) == html.unescape(_REGEX_TAG.sub("", fragment))


_REGEX_TAG = regex.compile(_TAG.pattern)


def _plain_pre_lines(block: str, first: int) -> tuple[list[str], list[int]]:
    """What ``_pre_lines`` gave before its one-line path: every source line decoded, then split."""
    lines = block.split("\n")
    if "<" in block or "&" in block or "\r" in block:
        decoded = [html.unescape(_REGEX_TAG.sub("", raw.rstrip("\r"))).replace("\r\n", "\n").replace("\r", "\n")
                   for raw in lines]
        lines, line_map = _mapped_pieces(decoded, range(first, first + len(decoded)))
    else:
        line_map = list(range(first, first + len(lines)))
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end], line_map[:end]


@given(st.lists(st.sampled_from([*_ENTITY_PIECES, "\r\n", "TEXT", "\t"]), max_size=40).map("".join), st.integers(1, 9))
@example("UNCLAS &#x000A; &#x000A;<a href='/tag/X'>X</a>&#x000A;", 3)
@example("a&#13;&#10;b&#x000D;", 1)
@example("a\r", 1)
def test_a_pre_block_reads_as_its_lines_decoded_one_by_one(block: str, first: int) -> None:
    assert _pre_lines(block, first) == _plain_pre_lines(block, first)


_TITLE_PIECES = ["<h3>", "<H3>", "<h3 >", "<h", "3>", "Viewing cable", " 09ROME1, ", "TALKS", "</h3>", "</H3>", " ",
                 "\n", ",", "<", "\u0127", "\u1e96"]


@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=12).map("".join))
@example("<h3>Viewing cable 09ROME1, TALKS</h3>")
@example("<H3>\nViewing cable 09ROME1,\nTALKS </H3>")
def test_a_page_title_always_passes_the_cheap_test(text: str) -> None:
    if _TITLE.search(text) is not None:
        assert _may_have_title(text)


_REGEX_CELL_CLOSE = regex.compile(r"</(th|td)>", regex.IGNORECASE)
_REGEX_TABLE = regex.compile(r"<table\b[^>]{0,200}class=['\"]cable['\"][^>]{0,200}>", regex.IGNORECASE)
_REGEX_TABLE_CLOSE = regex.compile(r"</table>", regex.IGNORECASE)


def _plain_cells(text: str) -> list[tuple[str, str]] | None:
    """The cells as ``_table_cells`` read them before: a search for the next opening from each cell's end."""
    table = _REGEX_TABLE.search(text)
    close = None if table is None else _REGEX_TABLE_CLOSE.search(text, table.end())
    if table is None or close is None:
        return None
    content = text[table.end():close.start()]
    closes: dict[str, list[int]] = {"th": [], "td": []}
    for m in _REGEX_CELL_CLOSE.finditer(content):
        closes[m.group(1).lower()].append(m.start())
    cells: list[tuple[str, str]] = []
    pos = 0
    opening = _CELL_OPEN
    while (cell := opening.search(content, pos)) is not None:
        kind = cell.group(1).lower()
        ends = [end for end in closes[kind] if end >= cell.end()]
        if ends:
            cells.append((cell.group(1), content[cell.end():ends[0]]))
            pos = ends[0] + len("</td>")
            continue
        if opening is not _CELL_OPEN:
            break
        opening = _CELL_OPEN_TD if kind == "th" else _CELL_OPEN_TH
        pos = cell.start() + 1
    return cells


_CELL_PIECES = ["<th>", "<td>", "<TD class='x'>", "<th ", "<td", "</th>", "</td>", "</TD>", "</th", ">", "<", "x",
                " ", "\n", "<a href='/x'>v</a>", "<thead>", "<td\u00b2>", "</table>"]


@given(st.lists(st.sampled_from(_CELL_PIECES), max_size=30).map("".join))
@example("<td <td>a</td><th x='</td>'>b</th>")
@example("<th <th>a</th></td><td>b")
def test_the_table_cells_are_those_each_search_finds(cells: str) -> None:
    page = f"<table class='cable'>{cells}</table>"
    assert _table_cells(page) == _plain_cells(page)


def _plain_repeat(lines: list[str], copy: list[str], start: int) -> tuple[int, int, bool]:
    """``_repeat`` reading every word of the lines the repeat may stand on."""
    words = [(at, m.end(), m.group()) for at in range(start, min(start + 4 * len(copy) + 20, len(lines)))
             for m in _WORD.finditer(lines[at])]
    position = 0
    whole = True
    for line in copy:
        said = line.split()
        if not said:
            continue
        if [word for _, _, word in words[position:position + len(said)]] == said:
            position += len(said)
        else:
            whole = False
    if not position:
        return start, 0, whole
    at, column, _ = words[position - 1]
    return at, column, whole


_LINE_WORDS = st.lists(st.sampled_from(["A", "B", "C", " ", "  "]), max_size=8).map("".join)


@given(st.lists(_LINE_WORDS, max_size=8), st.lists(_LINE_WORDS, max_size=12), st.integers(0, 4))
@example(["A B", "C"], ["A B C", "A"], 0)
def test_a_repeat_reads_as_far_as_every_word_read(copy: list[str], lines: list[str], start: int) -> None:
    assert _repeat(lines, copy, start) == _plain_repeat(lines, copy, start)
