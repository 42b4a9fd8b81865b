"""Any text at all: lenient parse returns a Cable, and normalize is idempotent on what it returns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablekit import Cable, normalize, parse
from cablekit.testing.strategies import damaged_cables

# Any code point but lone surrogates (a str from a file or a socket has none), control characters included.
_CHARS = st.characters(exclude_categories=("Cs",))
_LINES = [
    "VZCZCXRO4821", "PP RUEHBC RUEHDE", "DE RUEHAM #0713/01 0461502", "ZNY CCCCC ZZH", "P 151502Z FEB 08",
    "FM AMEMBASSY AMMAN", "TO RUEHC/SECSTATE WASHDC PRIORITY 2290", "XMT AMCONSUL JERUSALEM", "BT", "NNNN",
    "C O N F I D E N T I A L SECTION 01 OF 03 AMMAN 000713", "UNCLAS E F T O", "SIPDIS", "NEA/ELA FOR J. SMITH",
    "E.O. 12958: DECL: 02/14/2018", "TAGS: [PREL](#) PGOV (SMITH, JOHN)", "SUBJECT: (C) JORDAN: TALKS",
    "REF: A. AMMAN 612 B. 07 STATE 12345", "[1](#)B. (B) MOSCOW 4141",
    "Classified By: Ambassador David Hale for reasons 1.4 (b) and (d)", "11. (C) Summary: Talks. End Summary.",
    "\u00b616. (S//NF) Six.", "[1](#)2. (SBU) Two.", "2, (C) Two.", "4.(C) Four.", "AMMAN 00000713 002.2 OF 003",
    "PAGE 02 ROME 01196 01 OF 02 082030Z", "Identifier", "Created", "pdf how-to read a cable", "<code><pre>",
    "&#x000A;", "\u00e2\u20ac\u2122", "\u00c2\u00b6", "REGIONAL TALKS", "HALE", "", "   ", "\t",
]
_LINE = st.one_of(st.sampled_from(_LINES), st.text(_CHARS, max_size=40))
cable_like = st.tuples(st.lists(_LINE, max_size=40), st.sampled_from(["\n", "\r\n", "\r"])).map(
    lambda parts: parts[1].join(parts[0]))
long_lines = st.tuples(st.text(_CHARS, min_size=1, max_size=12), st.integers(1_000, 20_000),
                       st.sampled_from(["", "TAGS: ", "REF: ", "1. ", "SUBJECT: ", "C O N F I D E N T I A L "])
                       ).map(lambda parts: parts[2] + parts[0] * parts[1])
any_text = st.one_of(st.text(_CHARS), cable_like, long_lines, damaged_cables().map(lambda case: case[1].text))


@given(any_text)
def test_lenient_parse_of_any_text_returns_a_cable(text: str) -> None:
    cable = parse(text)
    assert isinstance(cable, Cable)
    assert not [d for d in cable.defects if d.code == "parser-error"], "cablekit failed on this text"


@given(any_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(parse(text))
    assert normalize(once) == once
