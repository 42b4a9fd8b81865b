"""Fast paths agree with the plain statement of what they compute.

* Collapsed line breaks are found by four separate scans; together they must
  cut where one alternation would.  The alternation below is the plain
  statement of where a collapsed text breaks (it needs the ``regex`` module for
  its variable-width lookbehinds, and is about twice as slow on a long line).
* ``normalize`` collapses blanks without splitting text into words when it can.
* The line repairs run a pattern only when cheap checks of the text say it can match;
  the glued-line repair tries only the lines its scans find, and every line it would
  cut is among them; a glued head field is looked for only where an anchor's letters are.
* Whether a block of lines is a heading is first answered from its line count and
  its last line; the plain statement joins the words of the whole block.
* The module constants of ``cablekit._kinds`` stand for the ``TokenKind`` members
  (module attributes are quicker to read than enum members); the body reads a
  paragraph marker with the PARAGRAPH pattern cut before its rest-of-line tail.
* The lines holding a page-break line's numbers alone are found from each `` OF `` of the
  text; the plain statement tries every line.
* An addressee line is split into name, precedence and serial by trying the rest
  at each blank; the plain statement is one pattern with a lazy name.
* The tokenizer tries a line only against the kinds its first two characters
  allow (a table built from ``_FIRST_CHARS`` and ``_PROSE_PREFIXES``); the plain
  statement is that every kind whose full pattern can match some line starting
  with those two characters is among them (asked of each pattern by a partial
  match with the ``regex`` module).
"""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import example, given
from hypothesis import strategies as st

from cablekit.body import _CLAUSE_ENDS, _CLOSERS, _heading_lines, _is_heading
from cablekit.header import _recipient
from cablekit.model import Recipient
from cablekit.repairs import (
    _HEAD_ANCHOR,
    _NUMBERS_ALONE,
    _ODD_SPACE,
    _ODD_SPACES,
    _collapsed_cuts,
    _page_numbers_alone,
    _split_collapsed,
)

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


@given(st.lists(st.sampled_from([*"ab .\n\t\r\u00a0\u2028\u3000\x0b\x1c\x85", "  ", "\n\n"])).map("".join))
def test_collapsing_blanks_is_joining_the_words(text: str) -> None:
    from cablekit.normalize import _collapse

    assert _collapse(text) == " ".join(text.split())


def test_the_odd_spaces_looked_for_are_those_the_repair_replaces() -> None:
    # The repair's pattern runs only when the text holds a tab or one of these characters.
    matched = [chr(c) for c in range(sys.maxunicode + 1) if _ODD_SPACE.match(chr(c))]
    assert sorted(matched) == sorted(["\t", *_ODD_SPACES])


RECIPIENT = re.compile(
    r"(?:(?P<ri>R[A-Z0-9]{3,6})/)?(?P<name>[^\r\n]{1,200}?)"
    r"(?:[ ]++(?P<prec>NIACT[ ]++IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH))?"
    r"(?:[ ]++(?P<serial>\d{1,6}))?[ ]*+$"
)
_ADDRESSEE_WORDS = ["RUEHC/", "RUEHAB/", "R1/", "RABCDEFG/", "AMEMBASSY", "X", " ", "  ", "PRIORITY", "IMMEDIATE",
                    "NIACT", "ROUTINE", "FLASH", "0014", "1234567", "/", "\n", "R", "SECSTATE WASHDC", "1", "-",
                    "A" * 120, "\u00a0", "\u0663"]


@example("A" * 200)
@example("A" * 201)
@example("RUEHC/" + "A" * 198 + " X 0014")
@example("RUEHC/" + "A" * 200)
@given(st.lists(st.sampled_from(_ADDRESSEE_WORDS), max_size=8).map(" ".join)
       | st.lists(st.sampled_from(_ADDRESSEE_WORDS), max_size=8).map("".join))
def test_an_addressee_splits_where_the_lazy_pattern_does(text: str) -> None:
    m = RECIPIENT.match(" ".join(text.split()))
    expected = None
    if m is not None and m.group("name").strip():
        prec = m.group("prec")
        expected = Recipient(routing_indicator=m.group("ri"), name=m.group("name").strip(),
                             precedence=" ".join(prec.split()) if prec else None, serial=m.group("serial"))
    assert _recipient(text) == expected


def _is_heading_plainly(block: list[str]) -> bool:
    kept = _heading_lines(block)
    text = " ".join(" ".join(kept).split())
    return (bool(text) and len(kept) <= 2 and len(text) <= 100 and text.rstrip(_CLOSERS)[-1:] not in _CLAUSE_ENDS
            and any(c.isalpha() for c in text) and (text[0].isupper() or text[0] in "\"'(\u201c\u2018"))


_HEADING_PIECES = [*"A a.,;:)\"'(-_=*~ \t", "NEXT STEPS", "The minister", "-----", "___", " (", "x" * 60]


@example(["NEXT STEPS:"])
@example(["The minister", "said:"])
@example(["-----", "NEXT STEPS", "-----"])
@example(["NEXT", "STEPS", "-----", "___"])
@example(["NEXT", "STEPS", "AHEAD"])
@example(["(C) NEXT STEPS", "-----."])
@given(st.lists(st.lists(st.sampled_from(_HEADING_PIECES), max_size=6).map("".join), max_size=7))
def test_a_heading_is_what_the_plain_rule_says(block: list[str]) -> None:
    assert _is_heading(block) == _is_heading_plainly(block)


def test_the_kind_constants_are_every_token_kind() -> None:
    from cablekit import _kinds
    from cablekit.tokens import TokenKind

    constants = {name: value for name, value in vars(_kinds).items() if name.isupper()}
    assert constants == dict(TokenKind.__members__)


def test_the_marker_pattern_is_the_paragraph_pattern_without_its_tail() -> None:
    from cablekit.tokens import FIELD_PATTERNS, PARAGRAPH_MARKER, TokenKind

    full = FIELD_PATTERNS[TokenKind.PARAGRAPH].pattern
    assert PARAGRAPH_MARKER.pattern != full and full.startswith(PARAGRAPH_MARKER.pattern)
    line = "\u00b63. (C) The minister spoke."
    m = PARAGRAPH_MARKER.match(line)
    assert m is not None and line[m.end():] == FIELD_PATTERNS[TokenKind.PARAGRAPH].fullmatch(line).group("p_rest")


# Every character a line can start with that means something to a pattern, and a few that do not.
_START_CHARS = [chr(c) for c in range(32, 127)] + ["\t", "\u00a0", "\u2028", "\u00b6", "\u00c2", "\ufffd",
                                                   "\u0663", "\u00e9", "\u00b9"]


def test_a_line_is_tried_against_every_kind_that_can_start_with_its_first_two_characters() -> None:
    from cablekit.tokens import _ALTERNATIVES, TokenKind, _entry

    patterns = [(TokenKind[name], regex.compile(pattern)) for name, pattern in _ALTERNATIVES if name != "BLANK"]
    missing = {}
    for first in _START_CHARS:
        for second in ["", *_START_CHARS]:
            prefix = first + second
            entry = _entry(prefix)
            tried = set(entry[2]) if entry is not None else set()
            possible = {kind for kind, pattern in patterns if pattern.match(prefix, partial=True)}
            if possible - tried:
                missing[prefix] = sorted(kind.name for kind in possible - tried)
    assert missing == {}


def test_the_partial_match_sees_the_labels_it_must() -> None:
    from cablekit.tokens import FIELD_PATTERNS, TokenKind

    subject = regex.compile(FIELD_PATTERNS[TokenKind.SUBJECT].pattern)
    assert subject.match("Su", partial=True) and subject.match(" S", partial=True)
    assert not subject.match("Sx", partial=True)


_GLUE_WORDS = ["TAGS: PREL", "SUBJECT: TALKS", "REF: STATE 1234", "E.O. 12958: DECL: 05/01/2016", "EO 12958 ",
               "Classified By: J. Doe, reasons 1.4 (b)", "classified by: x 1.5 (d)", "CONFIDENTIAL ROME 001234",
               "C O N F I D E N T I A L ROME 001234", "S E C R E T", "UNCLAS", "TO RUEHC/SECSTATE WASHDC",
               "INFORUEHRO/AMEMBASSY ROME", "TO PAGE 02", "ROME 00001234 001.2 OF 003", "SIPDIS", "1. (C) The",
               "(SBU) Poloff", "1. Summary", "___", "A. STATE 12", "PAGE 02 ROME 01234 141530Z", "Monday, 5 May 2008,",
               " ", "  ", "\n", "\n\n", "x", "99", "OF", ":", "(", "\u00b6"]


@given(st.lists(st.sampled_from(_GLUE_WORDS), max_size=40).map("".join))
@example("CONFIDENTIAL ROME 001234 CONFIDENTIAL ROME 001234")  # a banner glued to a banner ends in a serial too
def test_every_line_the_glue_repair_cuts_is_a_candidate(text: str) -> None:
    # The plain rule: the repair tries each line; the fast path tries only the candidates its scans find.
    from cablekit.repairs import _candidate_lines, _zone_candidates, glued_pieces, head_zone_lines

    lines = text.split("\n")
    zone = head_zone_lines(text)
    candidates = _zone_candidates(lines[:zone], "\n".join(lines[:zone])) | _candidate_lines(lines, text)
    cut = {i for i, line in enumerate(lines) if len(line) <= 1500 and glued_pieces(line, i < zone) != [line]}
    assert cut <= candidates


@given(st.lists(st.sampled_from(["TAGS:", "TAGS ", "SUBJ:", "SUBJECT:", "REF:", "REFS:", "E.O. 12345", "E.O.12345",
                                 "EO 12345 ", "CLASSIFIED BY:", "Classified by ", "cLaSsIfIeD bY:", "E.", "EO", "x",
                                 " ", "PREL", "1", "\u00a0"]), max_size=12).map("".join))
def test_a_glued_anchor_is_found_where_the_plain_pattern_finds_one(line: str) -> None:
    from cablekit.repairs import _GLUED_HEAD, _anchor_glued

    assert _anchor_glued(line) == (_GLUED_HEAD.search(line, 1) is not None)


@given(st.lists(st.sampled_from([*" .\n0123", "OF", " OF ", "001.2", "003", "\n\n", "  "]), max_size=40).map("".join))
@example("001.2 OF 003\n 002 OF 003 \nX 001 OF 002\n001 OF 0021")
def test_the_page_numbers_alone_are_the_lines_the_pattern_matches_whole(text: str) -> None:
    plain = [i for i, line in enumerate(text.split("\n")) if _NUMBERS_ALONE.fullmatch(line)]
    assert _page_numbers_alone(text) == plain


@given(st.lists(st.sampled_from(["UNCLAS ROME 000123", "TAGS: PREL", "1234", "12,3", "2009-05-01 1", "<<1", "id: 1",
                                 "This record", "5/1/2009 1", "Cable dated:", "ID: 12", "CLASSIFICATION: X", '"', '",',
                                 "text...", "cut\u2026", "two..", "", " ", "x.", "Tallinn", "1. (C) Text"]),
                max_size=30))
@example(["text...", "", "UNCLAS ROME 000123"])
@example(["two..", "1234"])
@example(["Tallinn", "", "cut\u2026", "", "UNCLAS ROME 000123"])
@example(["text", '"', "1234"])
def test_the_records_and_copies_are_looked_for_only_where_the_cheap_test_says(lines: list[str]) -> None:
    # The plain rule: the full search over the first lines; the cheap test must never skip a text it finds in.
    from cablekit.wrappers import _HEAD_CHARS, _HEAD_LINES, _marks_in, _may_mark

    head = "\n".join(lines[:_HEAD_LINES])[:_HEAD_CHARS]
    if not _may_mark(head):
        assert _marks_in(lines, head) == ([], [])
