"""Throughput of every stage, scaling, memory and adversarial inputs.

Run with ``pytest benchmarks --benchmark-only`` (the ``bench`` extra).  No
test here asserts a time: the numbers go to the summary table at the end.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
import pytest
import regex

import cablekit
from conftest import record

FLOOR_PATTERN = regex.compile(r"(?m)^(?P<line>[^\n]*+)\n?")
ROUNDS = 5
STAGES = "stages (1,000 cables, mixed clean/damaged)"


def _size(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def _run(benchmark: Any, name: str, fn: Callable[[], object], texts: list[str], group: str,
         rounds: int = ROUNDS, note: str = "") -> None:
    benchmark.group = group
    benchmark.name = name
    gc.collect()
    benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=1)
    record(name, benchmark, size=_size(texts), cables=len(texts), group=group, note=note)


# --- floors -----------------------------------------------------------------------------------------

def _every_line(texts: list[str], lines: Callable[[str], Iterable[object]]) -> Callable[[], None]:
    """A run that takes every item *lines* gives for each text, and nothing else."""

    def run() -> None:
        for text in texts:
            for _ in lines(text):
                pass

    return run


def test_floor_splitlines(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    _run(benchmark, "floor: str.splitlines", _every_line(texts, str.splitlines), texts, STAGES)


def test_floor_finditer(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    _run(benchmark, "floor: regex.finditer", _every_line(texts, FLOOR_PATTERN.finditer), texts, STAGES)


# --- stages -------------------------------------------------------------------------------------------

def test_tokenize(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    _run(benchmark, "tokenize", _every_line(texts, cablekit.tokenize), texts, STAGES)


def test_parse_lenient(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    _run(benchmark, "parse (lenient)", lambda: [cablekit.parse(t) for t in texts], texts,
         STAGES)


def _graph_builders(cables: list[cablekit.Cable]) -> tuple[list[Callable[[], object]], int]:
    """For each cable, a function that only calls the constructors of its object graph.

    Every value (strings, numbers, enum members) is already decoded and bound as a
    constant: the function does no parsing, just what any pure-Python parser would
    have to do last, build the same frozen ``Cable``, its ``Header``, paragraphs,
    defects and the rest.  Its time is a ceiling on ``parse`` throughput for this
    object model, whatever the parser does before it.  Also returns how many
    objects the functions build in all.
    """
    names: dict[str, object] = {}
    built = [0]

    def expression(value: object) -> str:
        if attrs.has(type(value)):
            built[0] += 1
            kind = f"C{id(type(value))}"
            names[kind] = type(value)
            arguments = ", ".join(f"{field.name}={expression(getattr(value, field.name))}"
                                  for field in attrs.fields(type(value)) if field.init)
            return f"{kind}({arguments})"
        if isinstance(value, tuple):
            return "(" + "".join(f"{expression(item)}, " for item in value) + ")"
        constant = f"K{len(names)}"
        names[constant] = value
        return constant

    # the source holds only generated names (every value is bound in *names*), no text from a cable
    sources = [f"lambda: {expression(cable)}" for cable in cables]
    return [eval(compile(source, "<object graph>", "eval"), names) for source in sources], built[0]


def test_ceiling_object_graph(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    cables = [cablekit.parse(t) for t in texts]
    builders, objects = _graph_builders(cables)
    assert [build() for build in builders] == cables  # the same graph, not a smaller one
    _run(benchmark, "ceiling: object graph only", lambda: [build() for build in builders], texts, STAGES,
         note=f"no parsing: {objects / len(texts):.1f} objects a cable built from decoded values")


def test_parse_strict(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["clean"]
    _run(benchmark, "parse (strict, clean text)", lambda: [cablekit.parse(t, mode="strict") for t in texts],
         texts, STAGES, note="clean corpus")


def test_normalize(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    parsed = [cablekit.parse(t) for t in texts]
    _run(benchmark, "normalize", lambda: [cablekit.normalize(c) for c in parsed], texts,
         STAGES, note="of parsed cables; MB of their source")


@pytest.mark.parametrize(("fmt", "options"), [("json", {}), ("json", {"indent": 2}), ("dict", {}), ("text", {}),
                                             ("markdown", {})])
def test_dumps(benchmark: Any, corpus_1000: dict[str, list[str]], fmt: str, options: dict[str, Any]) -> None:
    texts = corpus_1000["mixed"]
    cables = [cablekit.normalize(t) for t in texts]
    shown = "".join(f", {key}={value!r}" for key, value in options.items())
    _run(benchmark, f"dumps({fmt!r}{shown})", lambda: [cablekit.dumps(c, fmt, **options) for c in cables], texts,
         STAGES, note="of normalized cables; MB of their source")


def test_loads_json(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    texts = corpus_1000["mixed"]
    documents = [cablekit.dumps(cablekit.normalize(t), "json") for t in texts]
    _run(benchmark, "loads('json')", lambda: [cablekit.loads(d, "json") for d in documents], documents,
         STAGES, note="MB of JSON")


# --- scaling and memory --------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [100, 10000])
def test_scaling(benchmark: Any, request: pytest.FixtureRequest, size: int) -> None:
    texts = request.getfixturevalue(f"corpus_{size}")["mixed"][5:]  # generated cables only: same mix at each size
    # 100 cables take a few hundredths of a second: rounds over several seconds, as for 10,000 cables,
    # so that a slow spell of the machine does not decide the comparison
    _run(benchmark, f"parse {size:,} cables", lambda: [cablekit.parse(t) for t in texts], texts,
         "scaling (lenient parse, generated cables only)", rounds=3 if size > 1000 else 100)


def test_streaming_memory(benchmark: Any, corpus_10000: dict[str, list[str]]) -> None:
    texts = corpus_10000["mixed"]
    peak = [0]

    def stream() -> Iterator[str]:
        yield from texts

    def run() -> None:
        gc.collect()
        tracemalloc.start()
        for text in stream():
            cable = cablekit.parse(text)
            del cable
        peak[0] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

    benchmark.group = "memory"
    benchmark.pedantic(run, rounds=1, iterations=1)
    record("stream 10,000 cables (traced)", benchmark, size=_size(texts), cables=len(texts), group="memory",
           note=f"peak {peak[0] / 1e6:.1f} MB allocated while parsing one at a time")
    benchmark.extra_info["peak_bytes"] = peak[0]


# --- adversarial inputs -------------------------------------------------------------------------------

MB = 1_000_000


def _ordinary(corpus_texts: list[str]) -> str:
    out, size = [], 0
    for text in corpus_texts:
        out.append(text)
        size += len(text)
        if size >= MB:
            break
    return "".join(out)[:MB]


ADVERSARIAL: dict[str, Callable[[], str]] = {
    "1 MB without a newline": lambda: "The minister said that " * (MB // 23),
    "1 MB of '¶1.' and digits": lambda: ("¶1. 11. 2, 14.(C) " * (MB // 18))[:MB],
    "1 MB of REF: lines": lambda: ("REF: A. 07 MOSCOW 3996 B. (B) STATE 12345 C. EMAIL 02/10/08\n" * (MB // 60)),
    "1 MB of spaced banner": lambda: "C O N F I D E N T I A L " * (MB // 24),
    "50,000-line TAGS continuation": lambda: "TAGS: PREL\n" + "PGOV KDEM ECON ETRD KZ RS\n" * 50000,
    "1 MB of page numbers cut off their line": lambda: "ROME 00001234\n\n" + "001.2 OF 003\n" * (MB // 13),
    "1 MB of one-line <pre> blocks": lambda: "<pre>x</pre>\n" * (MB // 13),
}


def test_adversarial_baseline(benchmark: Any, corpus_1000: dict[str, list[str]]) -> None:
    text = _ordinary(corpus_1000["mixed"])
    _run(benchmark, "1 MB of ordinary cable text", lambda: cablekit.parse(text), [text],
         "adversarial (lenient parse of one text)", rounds=3)


@pytest.mark.parametrize("case", list(ADVERSARIAL))
def test_adversarial(benchmark: Any, case: str) -> None:
    text = ADVERSARIAL[case]()
    _run(benchmark, case, lambda: cablekit.parse(text), [text], "adversarial (lenient parse of one text)",
         rounds=3)
