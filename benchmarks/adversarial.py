"""Adversarial input for each tokenizer pattern, timed against ordinary cable text.

Each case is about 1 MB of lines built to make one pattern of
``cablekit.tokens`` backtrack: a line that almost matches, then fails at its
end.  The script tokenizes (and parses) each case and prints the time next to
the time for 1 MB of real cables (``examples/*.txt``) and a bare
``str.splitlines()`` floor, so the numbers are ratios that hold on a noisy
machine.  A ratio far above the ordinary text's means a pattern went
super-linear.

    python benchmarks/adversarial.py            # tokenize every case
    python benchmarks/adversarial.py --parse    # parse too (slower), and the publication wrappers

Publication wrappers (HTML pages, JSON records, CSV rows) are taken off by
``parse`` only, so their cases are parsed, not tokenized: each is a whole text
of about 1 MB and of 4 MB, timed against parsing 1 MB of real cables and
against parsing the cable text it wraps given bare (what the wrapper itself
costs).

The test suite checks only the structure that keeps the time linear (every
unbounded repetition possessive, every pattern anchored at a line start):
tests/properties/test_tokenizer_patterns.py.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import cablekit

SIZE = 1_000_000
ROOT = Path(__file__).resolve().parent.parent


def _fill(line: str) -> str:
    """Repeat *line* (one line) to about SIZE characters."""
    return (line + "\n") * max(1, SIZE // (len(line) + 1))


# Each case builds one adversarial line from a length n; the line is repeated to 1 MB.
# The time at n and at 4n (same total size) shows how the cost grows with the line:
# about 1x for a linear pattern, 4x for a quadratic one.
CASES: dict[str, Callable[[int], str]] = {
    "blank: blanks then text": lambda n: " " * n + "x",
    "transmission: VZCZC and a long id": lambda n: "VZCZC" + "A" * n + "!",
    "routing: indicators then junk": lambda n: "RR " + " ".join(["RUEHXX"] * (n // 10)) + " x",
    "routing continued: indicators then junk": lambda n: " ".join(["RUEHXXX"] * (n // 10)) + " #",
    "DE: station, # and digits": lambda n: "DE RUEHAM #" + "1" * n + "/",
    "security: Z-line with letters": lambda n: "ZNY " + "C" * n,
    "DTG: precedence and digits": lambda n: "P " + "1" * n + "Z",
    "FM: blanks between words": lambda n: "FM x" + " " * n + "x",
    "TO: words then too many": lambda n: "TO " + "a " * n,
    "INFO: blanks between words": lambda n: "INFO x" + " " * n + "x",
    "recipient: blanks after the slash": lambda n: "RUEHC/x" + " " * n + "x",
    "XMT: blanks between words": lambda n: "XMT x" + " " * n + "x",
    "PAGE: post words then junk": lambda n: "PAGE 02 " + "ROME " * (n // 5) + "x",
    "page break: post words, digits, junk": lambda n: "AMMAN " * (n // 6) + "00000713 002 OF x",
    "banner: level and caveats then junk": lambda n: "C O N F I D E N T I A L " + "SIPDIS " * (n // 7) + "x",
    "banner: spaced letters": lambda n: "C O N F I D E N T I A " * (n // 22),
    "classification: caveats then junk": lambda n: "SECRET" + " // NOFORN" * (n // 10) + " x",
    "caveat: caveats then junk": lambda n: "SIPDIS " * (n // 7) + "x",
    "E.O.: blanks between words": lambda n: "E.O. 12958: x" + " " * n + "x",
    "TAGS: blanks between words": lambda n: "TAGS: x" + " " * n + "x",
    "TAGS: trailing blanks": lambda n: "TAGS: x" + " " * n,
    "SUBJECT: blanks between words": lambda n: "SUBJECT: x" + " " * n + "x",
    "REF: blanks between words": lambda n: "REF: x" + " " * n + "x",
    "Classified By: blanks between words": lambda n: "Classified By: x" + " " * n + "x",
    "paragraph: pilcrows and digits": lambda n: ("\u00b6" * 3 + "1" * 5 + ". ") * (n // 10),
    "paragraph: a link that does not close": lambda n: "[1](#" + ")" * n + "1x",
    "dateline: almost a date": lambda n: "Friday, 23 February 2001, 15:5" + "5" * (n // 10),
    "security: a trailer with blanks": lambda n: "ZNY CCCCC ZZH x" + " " * n + "x",
    "DTG: a trailer with blanks": lambda n: "P 151502Z FEB 08 x" + " " * n + "x",
    "END: a rule of = then junk": lambda n: "=" * n + " CABLE ENDS x",
    "banner: post words in any case then junk": lambda n: "S e c r e t " + "riga " * (n // 5) + "x",
    "banner: uneven spacing, caveats then junk": lambda n: "SE C R E T " + "SIPDIS " * (n // 7) + "x",
    "label after blanks: blanks between words": lambda n: "   Subject: x" + " " * n + "x",
    "REF: one cable named, words then junk": lambda n: "Reftel " + "Ab " * (n // 3) + "1x",
    "REF: REF A, an upper-case line then lower": lambda n: "REF A " + "B" * n + "a",
    "text: a long line": lambda n: "x" * n,
}
N = 450  # 4 x N stays inside the largest bounded repetitions (TAGS, SUBJECT, Classified By: 2000)

# Each wrapper case builds, from a size, a text of about that size and the cable text it wraps
# (None where the wrapper is the whole case).
WRAPPED: dict[str, Callable[[int], tuple[str, str | None]]] = {
    # Each block's line was counted from the start of the page: quadratic in the number of blocks.
    "<pre>: one-line blocks": lambda size: ("<pre>x</pre>\n" * (size // 13), "x\n\n" * (size // 13)),
    # A lazy scan to </table> from every opening tag that has none after it.
    "<table class='cable'> never closed": lambda size: ("<table class='cable'>" * (size // 21) + "<pre>x</pre>",
                                                        None),
    # A lazy scan to </td> from every cell that has none after it (and a </th> for the other kind).
    "metadata cells never closed": lambda size: (
        "<table class='cable'>" + "<td>" * (size // 4) + "</th></table>\n<pre>x</pre>", None),
}


def _ordinary() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    text = "\n".join(texts) or "1. (C) Text.\n"
    return (text * (SIZE // len(text) + 1))[:SIZE]


def _time(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    """Time every case at line lengths n and 4n; print ms and the growth."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parse", action="store_true", help="time cablekit.parse as well as tokenize")
    args = parser.parse_args(argv)
    ordinary = _ordinary()
    floor = _time(lambda: ordinary.splitlines())
    base = _time(lambda: list(cablekit.tokenize(ordinary)))
    print(f"floor (splitlines, 1 MB):          {floor * 1000:8.1f} ms")
    print(f"ordinary cables, tokenize (1 MB):  {base * 1000:8.1f} ms   ({SIZE / base / 1e6:.1f} MB/s)")
    if args.parse:
        print(f"ordinary cables, parse (1 MB):     {_time(lambda: cablekit.parse(ordinary), 1) * 1000:8.1f} ms")
    print(f"\n1 MB of each case; lines of length n={N} and 4n; growth = time(4n) / time(n)\n")
    head = f"{'case':42} {'ms (n)':>8} {'ms (4n)':>8} {'growth':>7} {'x ordinary':>10}"
    print(head + ("  parse ms (4n)" if args.parse else ""))
    worst_growth = worst_ratio = 0.0
    for name, build in CASES.items():
        times = []
        for n in (N, 4 * N):
            text = _fill(build(n))
            times.append(_time(lambda text=text: list(cablekit.tokenize(text)), 1))
        growth = times[1] / times[0]
        ratio = max(times) / base
        worst_growth, worst_ratio = max(worst_growth, growth), max(worst_ratio, ratio)
        line = f"{name:42} {times[0] * 1000:8.1f} {times[1] * 1000:8.1f} {growth:7.1f} {ratio:10.1f}"
        if args.parse:
            line += f"  {_time(lambda text=text: cablekit.parse(text), 1) * 1000:13.1f}"
        print(line)
    print(f"\nworst growth {worst_growth:.1f}x (linear: about 1); worst time {worst_ratio:.1f}x ordinary cables")
    if args.parse:
        _wrapped(_time(lambda: cablekit.parse(ordinary), 1))
    return 0


def _wrapped(ordinary: float) -> None:
    """Parse every wrapper case at 1 MB and 4 MB; print ms, the growth and the ratios."""
    print("\npublication wrappers, parsed: 1 MB and 4 MB; growth = time(4 MB) / (4 x time(1 MB))\n")
    print(f"{'case':42} {'ms (1 MB)':>9} {'ms (4 MB)':>9} {'growth':>7} {'x ordinary':>10} {'x bare':>7}")
    worst_growth = worst_ratio = 0.0
    for name, build in WRAPPED.items():
        text, bare = build(SIZE)
        times = [_time(lambda text=text: cablekit.parse(text), 1)]
        text = build(4 * SIZE)[0]
        times.append(_time(lambda text=text: cablekit.parse(text), 1))
        growth = times[1] / (4 * times[0])
        ratio = times[0] / ordinary
        worst_growth, worst_ratio = max(worst_growth, growth), max(worst_ratio, ratio)
        bare_ratio = "-" if bare is None else f"{times[0] / _time(lambda bare=bare: cablekit.parse(bare), 1):.1f}"
        print(f"{name:42} {times[0] * 1000:9.1f} {times[1] * 1000:9.1f} {growth:7.1f} {ratio:10.1f} {bare_ratio:>7}")
    print(f"\nworst growth {worst_growth:.1f}x (linear: about 1); worst time {worst_ratio:.1f}x ordinary cables "
          "(parsed)")


if __name__ == "__main__":
    raise SystemExit(main())
