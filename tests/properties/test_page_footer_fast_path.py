"""A page's footer is looked for behind a cheap test of its line's last character.

``Cursor.footer`` (a classification alone over the next page's page line) first
asks whether the line ends with a character a lone level's line can end with; the
plain rule is the lone-level pattern alone.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cablekit._context import Context
from cablekit.cursor import _LEVEL_ENDS, _LONE_LEVEL, Cursor

_PIECES = [" ", "\t", "  ", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET", "LIMITED OFFICIAL USE", "TOP",
           "X", "/", "NOFORN", "."]
_PAGE = "PAGE 02        TALLIN  02231  01 OF 02  021700Z"


@given(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))
@example("      CONFIDENTIAL \t")
def test_a_lone_level_always_passes_the_cheap_test(line: str) -> None:
    if _LONE_LEVEL.fullmatch(line) is not None:
        assert line[-1:] in _LEVEL_ENDS


@given(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), st.integers(0, 3))
def test_a_footer_is_a_lone_level_with_a_page_line_after_at_most_two_blank_lines(line: str, blanks: int) -> None:
    cursor = Cursor(["SUBJECT: TALKS", line, *[""] * blanks, _PAGE], Context())
    plain = cursor.kinds[1].name in ("CLASSIFICATION", "TEXT") and _LONE_LEVEL.fullmatch(line) is not None
    assert cursor.footer(1) == (plain and blanks <= 2)
