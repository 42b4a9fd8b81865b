"""Collapsed line breaks are found by four separate scans; together they must cut where one alternation would.

The alternation below is the plain statement of where a collapsed text breaks
(it needs the ``regex`` module for its variable-width lookbehinds, and is about
twice as slow as the four scans on a long line).
"""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from cablekit.repairs import _HEAD_ANCHOR, _collapsed_cuts, _split_collapsed

REFERENCE = regex.compile(
    rf"(?<=\S)[ ]{{1,8}}(?=(?:{_HEAD_ANCHOR}))"
    r"|[ ]{1,8}(?=(?:\u00b6|\ufffd)[ ]?\d{1,3}[.,])"
    r"|(?<=\S[ ]{2,8})(?=\d{1,3}\.[ ]{1,3}(?:\(|[A-Z]))"
    r"|(?<=[.!?\"')][ ]{2,8})(?=[A-Z][A-Z ,'&/-]{2,80}[A-Z][ ]{2,8}(?:\u00b6|\d{1,3}\.))"
)

_CHARS = [*" .!?\"')\u00b6\ufffd0123456789ABCTGSUJERFO:x(,", "TAGS:", "SUBJECT:", "REF:", "E.O. 12958",
          "CLASSIFIED BY:", "   ", "1. (C)", "\u00b62."]


@given(st.lists(st.sampled_from(_CHARS), max_size=60).map("".join))
def test_the_scans_cut_where_the_alternation_does(text: str) -> None:
    assert _split_collapsed(text) == REFERENCE.split(text)
    assert len(_collapsed_cuts(text)) == len(REFERENCE.findall(text))


def test_a_collapsed_cable_is_cut_at_each_kind_of_break() -> None:
    text = "UNCLAS  TAGS: PREL  SUBJECT: TALKS  1. (C) First.  \u00b62. Second.  NEXT STEPS  3. Third."
    assert [p for p in _split_collapsed(text) if p.strip()] == [
        "UNCLAS", "TAGS: PREL", "SUBJECT: TALKS  ", "1. (C) First.", "\u00b62. Second.  ", "NEXT STEPS  ", "3. Third."]
