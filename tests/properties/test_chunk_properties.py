"""Chunks over generated cables: they give back the body text, keep to the size, and say where they came from.

The body text is what :mod:`cablekit.chunking` defines: the texts of the
normalized cable's kept paragraphs (not blank, let through by the filters),
joined by a blank line.  The checks below recompute it from that definition,
not from the chunker's code.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablekit import Cable, Paragraph, dumps, normalize, parse
from cablekit.chunking import LEVELS, Chunk, ChunkKind, chunks, marking_level
from cablekit.testing.strategies import cables

RANK = {level: rank for rank, level in enumerate(LEVELS)} | {"LOU": LEVELS.index("SBU")}


@st.composite
def options(draw: st.DrawFn) -> tuple[int, int]:
    """A *max_chars* small enough that paragraphs get cut (down to one character), and an overlap."""
    max_chars = draw(st.one_of(st.integers(1, 40), st.integers(41, 600)))
    return max_chars, draw(st.integers(0, max_chars // 2))


def body_of(paragraphs: list[Paragraph]) -> tuple[str, list[tuple[int, int]]]:
    """The body text by its definition, and where each paragraph's text stands in it."""
    spans, at = [], 0
    for paragraph in paragraphs:
        spans.append((at, at + len(paragraph.text)))
        at += len(paragraph.text) + 2
    return "\n\n".join(p.text for p in paragraphs), spans


def check_body(found: list[Chunk], paragraphs: list[Paragraph], max_chars: int) -> None:
    body, spans = body_of(paragraphs)
    rebuilt, at = [], 0
    for chunk in found:
        assert chunk.kind is ChunkKind.BODY
        gap = body[at:chunk.start]
        assert gap.strip() == "" and chunk.start >= at, (gap, chunk)
        assert chunk.text[chunk.overlap:] == chunk.new_text == body[chunk.start:chunk.end]
        assert chunk.text == body[chunk.start - chunk.overlap:chunk.end]
        assert chunk.new_text and chunk.new_text == chunk.new_text.strip()
        rebuilt += [gap, chunk.new_text]
        at = chunk.end
        # The size: only a single word, without overlap, may be longer.
        assert len(chunk.text) <= max_chars or (chunk.overlap == 0 and len(chunk.text.split()) == 1), chunk
        # Where it came from: the paragraphs its text (overlap included) overlaps.
        came_from = [p for p, (a, b) in zip(paragraphs, spans, strict=True)
                     if a < chunk.end and chunk.start - chunk.overlap < b]
        assert came_from
        assert chunk.paragraphs == tuple(p.number for p in came_from if p.number is not None)
        first = spans[paragraphs.index(came_from[0])]
        assert first[0] <= chunk.start - chunk.overlap  # overlap stays within the first paragraph
        check_marking(chunk, came_from)
    assert body[at:].strip() == ""
    assert "".join(rebuilt) + body[at:] == body


def check_marking(chunk: Chunk, came_from: list[Paragraph]) -> None:
    markings = [p.classification for p in came_from if p.classification]
    if not markings:
        assert chunk.marking is None
        return
    assert chunk.marking in markings
    ranks = [RANK.get(marking_level(m) or "", len(LEVELS)) for m in markings]
    assert RANK.get(marking_level(chunk.marking) or "", len(LEVELS)) == max(ranks)


def kept(cable: Cable) -> list[Paragraph]:
    return [p for p in normalize(cable).paragraphs if p.text.strip()]


@given(cables(), options(), st.booleans())
def test_chunks_give_back_the_body_text(cable: Cable, option: tuple[int, int], from_text: bool) -> None:
    max_chars, overlap = option
    if from_text:  # a parsed cable, not yet normalized: chunks() normalizes it
        cable = parse(str(dumps(cable, "text")))
    found = list(chunks(cable, max_chars=max_chars, overlap=overlap))
    check_body(found, kept(cable), max_chars)
    assert [c.position for c in found] == list(range(1, len(found) + 1))
    assert all(c.reference_id == cable.reference_id and c.subject == normalize(cable).subject for c in found)


@given(st.text(max_size=400), options())
def test_chunks_of_any_text_give_back_its_body_text(text: str, option: tuple[int, int]) -> None:
    cable = parse(text)
    check_body(list(chunks(cable, max_chars=option[0], overlap=option[1])), kept(cable), option[0])


@given(cables(min_paragraphs=1), options(), st.sets(st.sampled_from(LEVELS), min_size=1))
def test_a_marking_filter_keeps_the_paragraphs_of_its_levels(cable: Cable, option: tuple[int, int],
                                                              levels: set[str]) -> None:
    cable_level = marking_level(cable.classification.value) if cable.classification else None

    def level(paragraph: Paragraph) -> str | None:
        return marking_level(paragraph.classification) if paragraph.classification else cable_level

    wanted = [p for p in kept(cable) if level(p) in levels]
    found = list(chunks(cable, max_chars=option[0], overlap=option[1], markings=levels))
    check_body(found, wanted, option[0])


@given(cables(min_paragraphs=1), options())
def test_head_chunks_come_first_and_cover_their_field(cable: Cable, option: tuple[int, int]) -> None:
    found = list(chunks(cable, max_chars=option[0], overlap=option[1], head=True))
    kinds = [c.kind for c in found]
    assert kinds == sorted(kinds, key=[ChunkKind.SUBJECT, ChunkKind.SUMMARY, ChunkKind.BODY].index)
    for kind, field in ((ChunkKind.SUBJECT, cable.subject), (ChunkKind.SUMMARY, cable.summary)):
        pieces = [c for c in found if c.kind is kind]
        assert bool(pieces) == bool(field)
        assert " ".join(c.new_text for c in pieces) == (field or "")
        assert all(field and c.text == field[c.start - c.overlap:c.end] for c in pieces)
    check_body([c for c in found if c.kind is ChunkKind.BODY], kept(cable), option[0])
