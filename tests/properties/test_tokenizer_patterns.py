"""No hang: the structure that keeps every tokenizer pattern linear in the length of its line.

The time taken on adversarial input is measured by ``benchmarks/adversarial.py``
(each pattern at two line lengths); here only the structure is checked:

* every unbounded repetition (``*``, ``+``, ``{n,}``) is possessive, so no
  pattern gives back what it consumed and tries again;
* no repetition is lazy (a lazy ``[^\\r\\n]{0,n}?`` before end-of-line blanks
  tries every length at every position: quadratic in the run of blanks);
* no pattern can run past its line (no ``.``, ``\\s``, and every negated class
  excludes ``\\r`` and ``\\n``);
* every line is matched on its own (the tokenizer splits the text first), so
  no pattern can start anywhere but at the start of a line; a line is tried
  only against the kinds its first two characters allow, and the kind found
  that way is the first of the full patterns the line matches (checked against
  a plain loop over all of them; ``test_fast_paths`` checks the tables of first
  characters against the patterns themselves).
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cablekit import TokenKind, tokenize
from cablekit.tokens import _ALTERNATIVES, _KIND_ALTERNATIVES


def _pieces(pattern: str) -> list[tuple[str, str]]:
    """The pattern as (kind, text) pieces: 'escape', 'class', 'quantifier', 'group' or 'char'."""
    pieces: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if pattern[i + 1] == "L":  # a named list: \L<caveat>
                end = pattern.index(">", i) + 1
                pieces.append(("escape", pattern[i:end]))
                i = end
                continue
            pieces.append(("escape", pattern[i:i + 2]))
            i += 2
        elif c == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            pieces.append(("class", pattern[i:j + 1]))
            i = j + 1
        elif c == "(":
            m = regex.match(r"\(\?(?:P<\w+>|[:=!]|<[=!]|[a-zA-Z]+:|)", pattern[i:])
            text = m.group() if m and m.group() != "(?" else "("
            pieces.append(("group", text))
            i += len(text)
        elif c in "*+?":
            mod = pattern[i + 1] if i + 1 < len(pattern) and pattern[i + 1] in "+?" else ""
            pieces.append(("quantifier", c + mod))
            i += 1 + len(mod)
        elif c == "{" and (m := regex.match(r"\{\d*(?:,\d*)?\}[+?]?", pattern[i:])):
            pieces.append(("quantifier", m.group()))
            i += len(m.group())
        else:
            pieces.append(("char", c))
            i += 1
    return pieces


_ANY_LINE_END = {("char", "."), ("escape", "\\s"), ("escape", "\\S"), ("escape", "\\W"), ("escape", "\\D")}


def _problems(pattern: str) -> list[str]:
    problems = []
    for kind, text in _pieces(pattern):
        if kind == "quantifier":
            base, mod = (text[:-1], text[-1]) if len(text) > 1 and text[-1] in "+?" else (text, "")
            bounded = base == "?" or regex.fullmatch(r"\{\d*,\d+\}|\{\d+\}", base) is not None
            if mod == "?":
                problems.append(f"lazy repetition {text!r}")
            elif not bounded and mod != "+":
                problems.append(f"unbounded repetition {text!r} is not possessive")
        elif kind == "class" and text.startswith("[^") and not ("\\r" in text and "\\n" in text):
            problems.append(f"negated class {text!r} can cross a line end")
        elif (kind, text) in _ANY_LINE_END:
            problems.append(f"{text!r} can cross a line end")
    return problems


def test_the_checker_sees_what_it_must() -> None:
    assert _problems(r"TAGS:[^\r\n]{0,2000}?[ ]*+$") == ["lazy repetition '{0,2000}?'"]
    assert _problems(r"(?:a+)+b") == ["unbounded repetition '+' is not possessive"] * 2
    assert _problems(r"[^x]{1,5}") == ["negated class '[^x]' can cross a line end"]
    assert _problems(r"(?P<x>[A-Z]{1,3})\s*+") == ["'\\\\s' can cross a line end"]
    assert _problems(r"(?P<x>[A-Z]{1,3})[ ]*+(?:\L<caveat>){0,4}") == []


def test_every_token_pattern_is_possessive_and_stays_on_its_line() -> None:
    found = {name: _problems(pattern) for name, pattern in (*_ALTERNATIVES, *_KIND_ALTERNATIVES)}
    assert {name: problems for name, problems in found.items() if problems} == {}


_FULL = [(TokenKind[name], re.compile(pattern)) for name, pattern in _ALTERNATIVES]


def _reference_kind(line: str) -> TokenKind:
    """The first kind whose full pattern matches the whole line: what the dispatch must find."""
    return next((kind for kind, pattern in _FULL if pattern.fullmatch(line)), TokenKind.TEXT)


_PIECES = st.sampled_from([
    "TAGS", "TAGS:", "SUBJECT:", "SUBJ:", "REF:", "REFTEL:", "E.O.", "EO", "12958", "DECL:", "Classified",
    "CLASSIFIED BY", "by", "FM", "TO", "INFO", "XMT", "BT", "NNNN", "DE", "RUEHAM", "RUEHC/SECSTATE",
    "WASHDC", "PRIORITY", "#0713/01", "0461502", "ZNY", "CCCCC", "ZZH", "P", "R", "O", "Z", "151502Z",
    "FEB", "08", "2008", "PAGE", "02", "ROME", "01196", "OF", "AMMAN", "00000713", "002", "002.2", "003",
    "C O N F I D E N T I A L", "CONFIDENTIAL", "SECRET", "UNCLAS", "E F T O", "SECTION", "01", "LIMITED",
    "OFFICIAL", "USE", "SIPDIS", "NOFORN", "SENSITIVE", "BUT", "UNCLASSIFIED", "VZCZCXRO9553",
    "1.", "11.", "1,", "\u00b61.", "\u00c2\u00b62.", "\ufffd3.", "[1](#)1.", "(C)", "Friday,", "23",
    "February", "2001,", "15:53", "The", "text", "/", ",", " ", "  ", "\t", "\u00a0", "a", "0",
    # labels in any case, after blanks; banners in any case or spaced unevenly; header trailers; end lines
    "Subject:", "subject", "Subject", "SUBJ", "Tags:", "tags:", "TAG", "Tag", "tag", "PTER,", "Ref:", "Refs:", "REF.",
    "REF.:", "Ref(s):", "Reftel", "reftel", "REF", "A:", "A)", "A", "E.o.", "e.o.", "Eo", "E.O.:", "\u2028",
    "Nnnn", "nnnn", "End", "Cable", "CABLE ENDS", "=====", "S e c r e t", "C o n f i d e n t i a l", "SE C R E T",
    "CO N F I D E N T I A L", "Unclas", "Secret", "state", "San Jose", "00119085", "section", "of", "ZDK", "CCCC",
    "(CCY AD12 MSI3-4)", "ZFR", "Under", "Reports",
])


# One line of every kind, and near misses.
_SAMPLES = [
    "", "  ", "VZCZCXRO9553", "PP RUEHBC RUEHDE", "RUEHKUK RUEHROV", "DE RUEHAM #0713/01 0461502",
    "ZNY CCCCC ZZH", "P 151502Z FEB 08", "FM AMEMBASSY AMMAN", "TO RUEHC/SECSTATE WASHDC PRIORITY 2290",
    "INFO RUEHXK/ARAB ISRAELI COLLECTIVE PRIORITY", "RUEKJCS/SECDEF WASHDC PRIORITY", "XMT AMCONSUL JERUSALEM",
    "BT", "NNNN", "PAGE 02 ROME 01196 01 OF 02 082030Z", "AMMAN 00000713 002 OF 003", "AMMAN 00000713  002.2 OF 003",
    "C O N F I D E N T I A L SECTION 01 OF 03 AMMAN 000713", "CONFIDENTIAL", "UNCLAS E F T O", "SIPDIS",
    "NOFORN SIPDIS", "E.O. 12958: DECL: 02/14/2018", "TAGS: PREL PGOV", "TAGS PREL", "SUBJECT: JORDAN",
    "REF: A. AMMAN 612", "Classified By: Ambassador", "classified by: x", "1. (C) Text.", "11. Text",
    "\u00b616. Text", "[1](#)1. Text", "Friday, 23 February 2001, 15:53", "Fridays, 23 February", "The end.",
    "TOP SECRET", "TO ", "FM", "RUEHC/", "1.5 million", "To the point", "Tuesday, 1 May 2001, 09:00 ",
    "\u0663. Text", " \u0967\u0968. Text", "\u00b9. Text",  # Arabic-Indic and Devanagari digits; a superscript
    "Subject: talks", "subject: talks", "Subject to the approval of the board", " SUBJECT: TALKS", "SUBJECT",
    "SUBJECT TO APPROVAL", "subject.", "Tags: prel, pgov", "TAG PREL, PGOV", " TAG PREL", "TAG: PREL", "tag team",
    "Tags were attached", "\u2028TAGS: PREL", "E.o. 12958: decl: 01/02/2030", "Eocene rocks", " E.O. 12958: N/A",
    "E.O.: 12958: N/A", "EO 12958 DECL: 2016/05/01", "Ref: A) Riga 101", "Refs: A. 06 Riga 7", "REF.: RIGA 12",
    "REF. STATE 1234", "Ref. D says", "REF A: RIGA 1; REF B: RIGA 2", "REF A) 07 Riga 780;", "Ref A), during",
    "REF A POINTS WERE MADE", "REF A points were made", "REF B STATE 12", "Reftel Santo Domingo 410",
    "reftel demarche to the minister", "Ref(s): STATE 1", " Classified By: Jane Doe", "ZNY CCCC ZZH",
    "ZNR UUUUU ZZH (CCY AD12 MSI3-4)", "ZNY CCCCC ZZH ZDK", "ZNY CCCCC ZZHP 011200Z", "ZFR ZFR ZFR ZFR",
    "R 041239Z JUN 08 ZDK - ALL POSTS", "O 121153Z FEB 08 (AD12-34)", "P 151502Z FEB 08\tZDK", " \u00b61. (C) Text",
    "  \u00b62. Text", "  2. Text", "Nnnn", "==== CABLE ENDS ====", "End Cable Text", "End cable talks",
    "S E C R E T   STATE   00119085", "SE C R E T SECTION 01 OF 02 RIGA 000123", "S e c r e t riga 001234",
    "C o n f i d e n t i a l section 01 of 02 san jose 000123", "Unclas riga 000123", "Unclassified e-mail 2",
    "Secret Service agents 2", "SE C R E T", "C ONFIDENTIAL",
]


@pytest.mark.parametrize("line", _SAMPLES)
def test_the_kind_of_each_sample_line_is_the_first_full_pattern_it_matches(line: str) -> None:
    assert next(tokenize(line + "\n")).kind is _reference_kind(line)


@given(st.lists(_PIECES, max_size=12).map(" ".join) | st.lists(_PIECES, max_size=12).map("".join)
       | st.text(st.sampled_from("RUEHAMCSIPDTGOFBN0123\u0663 ./:#\u00b6[]()\t\u00a0a\u2028uebjgsfnl=Z"), max_size=40))
def test_the_kind_of_a_line_is_the_first_full_pattern_it_matches(line: str) -> None:
    assert next(tokenize(line + "\n")).kind is _reference_kind(line)


@given(st.text(st.sampled_from("RUEHAMCSIPD0123 ./:#\u00b6[]()\t\r\n")))
def test_tokens_follow_one_another(text: str) -> None:
    end = 0
    for token in tokenize(text):
        assert text.startswith(token.text, end)
        end += len(token.text)
    assert end == len(text)
