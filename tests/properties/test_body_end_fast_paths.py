"""Fast paths of the body reader agree with the plain statement of what they compute.

* The common portion markings (``(C)``, ``(S//NF)`` …) are read without the marking
  pattern; the plain statement is the pattern alone.
* A glued signer's pattern runs only when the last line can end in a name: its last
  character, but blanks and end debris, is a letter, an apostrophe or a hyphen.
* The lines of a heading block are unframed only when they start or end with a rule
  character; the plain statement unframes every line that is not a rule.
* ``End Summary`` is looked for only in a text that holds ``ummary`` or ``UMMARY``;
  the plain statement is the case-insensitive pattern, for the word written in the
  three cases cables use (``Summary``, ``summary``, ``SUMMARY``).
* A name line is split into words only when it is short; the plain statement splits first.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cablekit.body import (
    _GLUED_SIGNER,
    _MARKING,
    _NOT_SIGNER,
    _SIGNER_WORD,
    _SUMMARY_CLOSE,
    _heading_lines,
    _is_rule,
    _may_end_in_name,
    _signer,
    _summary_close,
    _unframed,
    read_marking,
)


def _marking_plainly(rest: str) -> tuple[str | None, str]:
    m = _MARKING.match(rest)
    return (None, rest) if m is None else (" ".join(m.group("mark").split()), rest[m.end():])


_MARKING_PIECES = ["(", ")", "C", "S", "U", "SBU", "TS", "/", "//", "NF", "REL", " TO ", "USA", ",", " ", "\t",
                   "FOUO", "c", "s", "Noforn", "x", "-", "ENTIRE TEXT", "The"]


@example("(C) Text")
@example("(S//NF)\tText")
@example("(C/REL) Text")
@example("(C)(S) Text")
@given(st.lists(st.sampled_from(_MARKING_PIECES), max_size=10).map("".join))
def test_a_marking_is_read_as_the_pattern_reads_it(rest: str) -> None:
    assert read_marking(rest) == _marking_plainly(rest)


_NAME_PIECES = [*"ACHNOSabcx .!?\"')*\\-'", " NNNN", "XXXX", "END COMMENT", "  ", "\t", "KASK", "Kask", "McKask"]


@example("results. KASK")
@example("results. KASK-")
@example("results. O'")
@example("results. KASK NNNN")
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=12).map("".join))
def test_a_glued_name_is_looked_for_wherever_the_pattern_finds_one(line: str) -> None:
    if _GLUED_SIGNER.search(line):
        assert _may_end_in_name(line)


_HEADING_PIECES = [*"A a.-_=*~ \t", "NEXT STEPS", "-----", "--", "***"]


@given(st.lists(st.lists(st.sampled_from(_HEADING_PIECES), max_size=6).map("".join), max_size=5))
def test_heading_lines_are_the_unframed_lines_but_rules(block: list[str]) -> None:
    assert _heading_lines(block) == [_unframed(line.strip()) for line in block if not _is_rule(line.strip())]


_SUMMARY_PIECES = ["End", "END", "end", " ", "\n", "Summary", "summary", "SUMMARY", "of", "OF", "(", ".", ")",
                   "Introduction and ", "x"]


@given(st.lists(st.sampled_from(_SUMMARY_PIECES), max_size=10).map("".join))
def test_the_close_is_found_as_the_pattern_finds_it(text: str) -> None:
    found = _summary_close(text)
    assert (found is not None) == (_SUMMARY_CLOSE.search(text) is not None)


def _signer_plainly(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 4 or len(line.strip()) > 40 or line.rstrip().endswith((".", ":", ",")):
        return False
    if any(w.upper().strip(".") in _NOT_SIGNER for w in words):
        return False
    return all(_SIGNER_WORD.fullmatch(w.rstrip(",")) for w in words) and any(len(w) > 2 for w in words)


@example(" " * 38 + "KASK")
@given(st.lists(st.sampled_from([*"AB .,:", "KASK", "  ", "x" * 30, " " * 20]), max_size=12).map("".join))
def test_a_name_line_is_read_as_the_plain_rule_reads_it(line: str) -> None:
    assert _signer(line) == _signer_plainly(line)
