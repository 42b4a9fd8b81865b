"""More fast paths of the parse agree with the plain statements they replace (pages per second, issue 17).

* The lines ending in a blank or a tab are counted in the joined text; the
  plain statement tries every line.
* The collapsed-line scans open with their blanks and look behind them (so that
  a scan skips to the blanks); the plain statements are the patterns that look
  behind first.  The blanks before a pilcrow marker are found from each
  pilcrow; the plain statement is the pattern's scan.  Cuts after two blanks
  are looked for only where two blanks stand together.
* The head zone's lines that open like a glued banner, Classified By or
  addressee line, and its first line that opens like a REF item, are found in
  one scan of the zone's text; the plain statement tries each line.
* The date-time group's hour and minute are formatted with an f-string; the
  plain statement is ``strftime("%H%M")``.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from cablekit.repairs import (
    _BREAKS_AFTER,
    _BREAKS_TAKEN,
    _HEAD_ANCHOR,
    _OPENINGS,
    _REF_ITEM,
    _collapsed_cuts,
    _first_ref_item,
    _opening_lines,
    _pilcrow_cuts,
    _trailing_blanks,
)


@given(st.lists(st.sampled_from(["", " ", "\t", "a", "a ", " a", "a\t", "  "]), max_size=12))
@example([])
@example([""])
@example(["a", " "])
def test_the_trailing_blanks_are_those_of_the_lines_one_by_one(lines: list[str]) -> None:
    hits = [i for i, line in enumerate(lines) if line[-1:] in (" ", "\t")]
    assert _trailing_blanks("\n".join(lines)) == ((len(hits), hits[0]) if hits else None)


_PLAIN_TAKEN = re.compile(rf"(?<=\S)[ ]{{1,8}}(?=(?:{_HEAD_ANCHOR}))")
_PLAIN_AFTER = (
    re.compile(r"(?<=\S)[ ]{2,8}+(?=\d{1,3}\.[ ]{1,3}(?:\(|[A-Z]))"),
    re.compile(r"(?<=[.!?\"')])[ ]{2,8}+(?=[A-Z][A-Z ,'&/-]{2,80}[A-Z][ ]{2,8}(?:\u00b6|\d{1,3}\.))"),
)
_CUT_PIECES = [*" .!?\"')\u00b6\ufffd0123456789ABCTGSUJERFO:x(,", "TAGS:", "SUBJECT:", "REF:", "E.O. 12958",
               "CLASSIFIED BY:", "   ", "         ", "1. (C)", "\u00b62.", "\ufffd 3,", "NEXT STEPS", "\t", "\n"]


@given(st.lists(st.sampled_from(_CUT_PIECES), max_size=60).map("".join))
@example("x          \u00b61. a")
@example("x         TAGS: a")
@example("a.         NEXT STEPS  2. b")
@example("\u00b6 \u00b61.")
def test_the_collapsed_scans_find_what_the_plain_patterns_find(text: str) -> None:
    assert [m.span() for m in _BREAKS_TAKEN[0].finditer(text)] == [m.span() for m in _PLAIN_TAKEN.finditer(text)]
    assert sorted(_pilcrow_cuts(text)) == [m.span() for m in _BREAKS_TAKEN[1].finditer(text)]
    for fast, plain in zip(_BREAKS_AFTER, _PLAIN_AFTER, strict=True):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    plain_cuts = sorted([*(m.span() for m in _PLAIN_TAKEN.finditer(text)),
                         *(m.span() for m in _BREAKS_TAKEN[1].finditer(text)),
                         *((m.end(), m.end()) for pattern in _PLAIN_AFTER for m in pattern.finditer(text))])
    assert _collapsed_cuts(text) == plain_cuts


_ZONE_PIECES = [*_OPENINGS, "C O N F", "TOKYO", "INFO RUEHC", "A. STATE 12", " B) X", "\u00b6C. Y", "(D) Z", "x", " ",
                "\t", "REF: A", "\n", "\n", "\n"]


@given(st.lists(st.sampled_from(_ZONE_PIECES), max_size=30).map("".join))
@example("TO X\nA. B")
@example("x\n\nINFO")
def test_the_zone_lines_found_in_one_scan_are_those_each_line_gives(zone: str) -> None:
    lines = zone.split("\n")
    assert _opening_lines(zone) == [i for i, line in enumerate(lines) if line.startswith(_OPENINGS)]
    item = next((i for i, line in enumerate(lines) if _REF_ITEM.match(line)), None)
    assert _first_ref_item(zone) == (None if item is None else sum(len(line) + 1 for line in lines[:item]))
