"""No hang: the structure that keeps every tokenizer pattern linear in the length of its line.

The time taken on adversarial input is measured by ``benchmarks/adversarial.py``
(each pattern at two line lengths); here only the structure is checked:

* every unbounded repetition (``*``, ``+``, ``{n,}``) is possessive, so no
  pattern gives back what it consumed and tries again;
* no repetition is lazy (a lazy ``[^\\r\\n]{0,n}?`` before end-of-line blanks
  tries every length at every position: quadratic in the run of blanks);
* no pattern can run past its line (no ``.``, ``\\s``, and every negated class
  excludes ``\\r`` and ``\\n``);
* the master pattern is anchored at line starts: each alternative is followed
  by the end of its line, and the last one matches any line, so every match
  starts where the one before ended.
"""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from cablekit import tokenize
from cablekit.tokens import _ALTERNATIVES, _EOL, _MASTER


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
    found = {name: _problems(pattern) for name, pattern in _ALTERNATIVES}
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_the_master_pattern_is_anchored_at_line_starts() -> None:
    alternatives = [f"(?P<k{i}>{pattern}{_EOL})" for i, (_, pattern) in enumerate(_ALTERNATIVES)]
    catch_all = rf"(?P<text>[^\r\n]*+{_EOL})"
    assert _MASTER.pattern == "|".join([*alternatives, catch_all])
    assert _problems(catch_all) == []


@given(st.text(st.sampled_from("RUEHAMCSIPD0123 ./:#\u00b6[]()\t\r\n")))
def test_tokens_follow_one_another(text: str) -> None:
    end = 0
    for token in tokenize(text):
        assert text.startswith(token.text, end)
        end += len(token.text)
    assert end == len(text)
