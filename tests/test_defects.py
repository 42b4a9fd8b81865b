"""The defect registry: codes as an enum, documented, and reported where they are."""

from __future__ import annotations

import cablekit
from cablekit import DEFECT_CODES, DefectCode
from cablekit._context import Context


def test_every_code_is_a_member_and_every_member_a_code() -> None:
    assert [member.value for member in DefectCode] == list(DEFECT_CODES)


def test_members_equal_their_strings_and_codes_stay_plain_strings() -> None:
    assert DefectCode.PAGE_BREAK == "page-break"
    assert DEFECT_CODES[DefectCode.PAGE_BREAK] is DEFECT_CODES["page-break"]
    assert all(type(kind.code) is str for kind in DEFECT_CODES.values())
    cable = cablekit.parse("SUBJECT: TEST\n\n11. (C) One.\n")
    assert [d.code for d in cable.defects] == ["paragraph-marker-digit"]
    assert all(type(d.code) is str for d in cable.defects)


def test_at_line_maps_cable_lines_and_at_source_line_does_not() -> None:
    ctx = Context()
    ctx.set_line_map([5, 7, 9])
    ctx.at_line(DefectCode.PAGE_BREAK, "mapped", line=2)
    ctx.at_source_line(DefectCode.PAGE_BREAK, "as given", line=2)
    assert [d.line for d in ctx.defects] == [7, 2]
    assert ctx.defects[0].repair == DEFECT_CODES["page-break"].repair
