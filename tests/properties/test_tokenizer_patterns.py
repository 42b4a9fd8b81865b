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
  only against the kinds its first character allows, and the kind found that
  way is the first of the full patterns the line matches (checked against a
  plain loop over all of them).
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
]


@pytest.mark.parametrize("line", _SAMPLES)
def test_the_kind_of_each_sample_line_is_the_first_full_pattern_it_matches(line: str) -> None:
    assert next(tokenize(line + "\n")).kind is _reference_kind(line)


@given(st.lists(_PIECES, max_size=12).map(" ".join) | st.lists(_PIECES, max_size=12).map("".join)
       | st.text(st.sampled_from("RUEHAMCSIPDTGOFBN0123\u0663 ./:#\u00b6[]()\t\u00a0a"), max_size=40))
def test_the_kind_of_a_line_is_the_first_full_pattern_it_matches(line: str) -> None:
    assert next(tokenize(line + "\n")).kind is _reference_kind(line)


@given(st.text(st.sampled_from("RUEHAMCSIPD0123 ./:#\u00b6[]()\t\r\n")))
def test_tokens_follow_one_another(text: str) -> None:
    end = 0
    for token in tokenize(text):
        assert text.startswith(token.text, end)
        end += len(token.text)
    assert end == len(text)
