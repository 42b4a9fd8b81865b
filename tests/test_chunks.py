"""Chunks of made-up cables: each option, long paragraphs, markings, headings, and what a chunk carries."""

from __future__ import annotations

import itertools
import pickle
from datetime import UTC, datetime

import pytest

import cablekit
from builders import HEADING, P2_CLEAN, SUBJECT_CLEAN, SUMMARY, TAG_CODES, cable, clean, paras
from cablekit import Cable, Classification, Metadata, Paragraph
from cablekit.chunking import Chunk, Chunker, ChunkKind, chunks, marking_level
from cablekit.tables import CHUNKS, chunk_rows, to_arrow

TALLINN = clean(cable())


def body_chunks(found: list[Chunk]) -> list[Chunk]:
    return [c for c in found if c.kind is ChunkKind.BODY]


def one_paragraph(text: str, marking: str = "U") -> Cable:
    return clean(cable(header=None, head="", body=paras(f"1. ({marking}) {text}"), signer=None))


# --------------------------------------------------------------------------- what a chunk carries


def test_a_chunk_carries_where_it_came_from_and_the_cables_metadata() -> None:
    first, second = chunks(TALLINN)
    assert first.reference_id == "08TALLINN412" and (first.position, second.position) == (1, 2)
    assert first.kind is ChunkKind.BODY and first.paragraphs == (1,) and first.marking == "C"
    assert first.subject == SUBJECT_CLEAN and list(first.tags) == TAG_CODES
    assert first.date == datetime(2008, 3, 13, 10, 25, tzinfo=UTC)
    assert first.classification is Classification.CONFIDENTIAL and first.station == "TALLINN"
    assert first.heading is None and second.heading == HEADING


def test_the_text_is_prose_without_markers_markings_headings_or_head_fields() -> None:
    text = "\n\n".join(c.text for c in chunks(TALLINN))
    assert text.startswith("Summary: Foreign Minister Kask told")
    assert P2_CLEAN in text
    for absent in ("(C)", "(U)", "1.", "2.", "3.", HEADING, "TAGS", "SUBJECT", "E.O.", "12958", "Classified By",
                   "SIPDIS", "REF", "DUNMORE", "TALLINN 000412"):
        assert absent not in text, absent


def test_the_date_falls_back_to_the_publications_and_a_cable_without_body_has_no_chunks() -> None:
    created = datetime(2009, 5, 1, 12, 0, tzinfo=UTC)
    bare = Cable(paragraphs=(Paragraph(text="Only text."),), metadata=Metadata(created=created))
    (only,) = chunks(bare)
    assert only.date == created and only.paragraphs == () and only.marking is None and only.reference_id is None
    assert list(chunks(Cable(subject="HEAD ONLY"))) == []
    assert [c.text for c in chunks(Cable(subject="HEAD ONLY"), head={"subject"})] == ["HEAD ONLY"]


def test_a_raw_cable_is_normalized_first() -> None:
    raw = cablekit.parse(cable())
    assert list(chunks(raw)) == list(chunks(TALLINN))


# --------------------------------------------------------------------------- structure


def test_paragraphs_that_fit_share_a_chunk_and_a_heading_opens_a_new_one() -> None:
    found = list(chunks(TALLINN))
    assert [c.paragraphs for c in found] == [(1,), (2, 3)]  # P2 opens the section under HEADING
    assert found[1].text == P2_CLEAN + "\n\n" + "Comment: Estonia wants visible results. End Comment."
    assert [c.paragraphs for c in chunks(clean(cable(body=paras("1. (C) One.", "2. (C) Two."))))] == [(1, 2)]


def test_a_paragraph_that_does_not_fit_starts_its_own_chunk() -> None:
    text = paras("1. (U) Short one.", "2. (U) " + "A sentence of some length here. " * 4, "3. (U) Tail.")
    found = list(chunks(clean(cable(header=None, head="", body=text, signer=None)), max_chars=80))
    assert found[0].text == "Short one."
    assert all(c.paragraphs == (2,) for c in found[1:-1])
    assert found[-1].text.endswith("Tail.") and 3 in found[-1].paragraphs


def test_a_paragraph_longer_than_max_chars_is_cut_at_sentences() -> None:
    sentences = [f"Sentence number {n} says something about the summit." for n in range(1, 9)]
    found = list(chunks(one_paragraph(" ".join(sentences)), max_chars=120))
    assert len(found) > 1
    assert all(len(c.text) <= 120 and c.text.endswith("summit.") and c.paragraphs == (1,) for c in found)
    assert " ".join(c.text for c in found) == " ".join(sentences)


def test_blocks_and_list_items_are_cut_before_sentences() -> None:
    text = "The Minister raised three points:\n-- first, energy;\n-- second, the border treaty;\n-- third, visas."
    found = list(chunks(one_paragraph(text), max_chars=45))
    assert [c.text for c in found] == ["The Minister raised three points:", "-- first, energy;",
                                       "-- second, the border treaty;", "-- third, visas."]


def test_a_sentence_longer_than_max_chars_is_cut_between_words_and_a_long_word_stands_alone() -> None:
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    found = list(chunks(one_paragraph(words + "."), max_chars=20))
    assert " ".join(c.text for c in found) == words + "."
    assert all(len(c.text) <= 20 for c in found)
    long_word = "X" * 30
    found = list(chunks(one_paragraph(f"Short {long_word} end."), max_chars=10))
    assert [c.text for c in found] == ["Short", long_word, "end."]


@pytest.mark.parametrize("text", [
    "The U.S. Ambassador met Dr. Smith on Monday. He raised Resolution No. 1441 with Amb. Jones at length.",
    "THE U.S. AMBASSADOR MET DR. SMITH ON MONDAY. HE RAISED RESOLUTION NO. 1441 WITH AMB. JONES AT LENGTH.",
])
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    found = list(chunks(one_paragraph(text), max_chars=60))
    assert [c.text for c in found] == [text[:text.index(" H")], text[text.index(" H") + 1:]]


# --------------------------------------------------------------------------- overlap


def test_overlap_repeats_the_end_of_a_cut_paragraph_from_a_sentence_start() -> None:
    sentences = [f"Point {n} was made." for n in range(1, 13)]
    others = ["Another point was made here."] * 5
    text = paras("1. (U) " + " ".join(sentences), "2. (U) " + " ".join(others))
    plain = list(chunks(clean(cable(header=None, head="", body=text, signer=None)), max_chars=100))
    found = list(chunks(clean(cable(header=None, head="", body=text, signer=None)), max_chars=100, overlap=40))
    assert len(found) > len(plain)  # the overlap takes room
    assert " ".join(c.new_text for c in found) == " ".join(sentences + others)
    for before, after in itertools.pairwise(found):
        if after.paragraphs[0] == before.paragraphs[-1] == 1:
            assert 0 < after.overlap <= 40 and before.text.endswith(after.text[:after.overlap].rstrip())
            assert after.text.startswith("Point ")  # a sentence start
    second = next(c for c in found if c.paragraphs == (2,))
    assert second.overlap == 0 and second.text.startswith("Another")  # no overlap across paragraphs
    assert all(len(c.text) <= 100 for c in found)


def test_overlap_falls_back_to_a_word_start() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    first, second, *_ = chunks(one_paragraph(text), max_chars=30, overlap=12)
    assert second.overlap > 0 and second.text.startswith(first.text[-second.overlap + 1:].split()[0])
    assert second.text[:second.overlap].strip() in first.text


# --------------------------------------------------------------------------- head chunks


def test_head_chunks_come_first_when_asked_for() -> None:
    found = list(chunks(TALLINN, head={"subject", "summary"}))
    assert [c.kind for c in found] == [ChunkKind.SUBJECT, ChunkKind.SUMMARY, ChunkKind.BODY, ChunkKind.BODY]
    subject, summary = found[:2]
    assert subject.text == SUBJECT_CLEAN and subject.paragraphs == () and subject.marking is None
    assert summary.text == SUMMARY and summary.paragraphs == (1,) and summary.marking == "C"
    assert [c.kind for c in chunks(TALLINN, head=True)] == [c.kind for c in found]
    assert next(chunks(TALLINN, head="summary")).kind is ChunkKind.SUMMARY
    assert [c.position for c in found] == [1, 2, 3, 4]


def test_a_long_summary_is_cut_like_a_paragraph() -> None:
    found = [c for c in chunks(TALLINN, head={"summary"}, max_chars=50) if c.kind is ChunkKind.SUMMARY]
    assert len(found) > 1 and " ".join(c.text for c in found) == SUMMARY
    assert all(len(c.text) <= 50 and c.paragraphs == (1,) for c in found)


def test_a_summary_over_two_paragraphs_spans_both() -> None:
    body = paras("1. (U) Summary: The talks went well.", "2. (S) The Minister agreed. End Summary.",
                 "3. (U) Details follow.")
    two = clean(cable(body=body))
    summary = next(c for c in chunks(two, head={"summary"}) if c.kind is ChunkKind.SUMMARY)
    assert summary.paragraphs == (1, 2) and summary.marking == "S"
    assert not [c for c in chunks(two, head={"summary"}, markings={"U"}) if c.kind is ChunkKind.SUMMARY]


@pytest.mark.parametrize("head", [{"body"}, {"signers"}, "everything"])
def test_head_takes_only_head_fields(head: object) -> None:
    with pytest.raises(ValueError, match="head="):
        chunks(TALLINN, head=head)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- filters


def test_a_marking_filter_keeps_the_paragraphs_of_its_levels() -> None:
    assert [c.paragraphs for c in chunks(TALLINN, markings={"U"})] == [(3,)]
    assert [c.paragraphs for c in chunks(TALLINN, markings={"unclassified", "C"})] == [(1,), (2, 3)]
    # The summary's paragraph and the CONFIDENTIAL cable's subject are not U.
    assert [c.kind for c in chunks(TALLINN, markings={"U"}, head=True)] == [ChunkKind.BODY]


def test_unmarked_paragraphs_count_at_the_cables_classification() -> None:
    body = paras("1. Unmarked text.", "2. (U) Marked text.")
    unclassified = clean(cable(header=None, banner="UNCLAS TALLINN 000412", body=body))
    confidential = clean(cable(header=None, body=body))
    unknown = clean(cable(header=None, banner=None, head="SUBJECT: NO LEVEL\n", body=body))
    assert [c.paragraphs for c in chunks(unclassified, markings={"U"})] == [(1, 2)]
    assert [c.paragraphs for c in chunks(confidential, markings={"U"})] == [(2,)]
    assert unknown.classification is None
    assert [c.paragraphs for c in chunks(unknown, markings={"U", "C", "S", "TS"})] == [(2,)]


def test_markings_must_name_levels() -> None:
    with pytest.raises(ValueError, match="markings="):
        chunks(TALLINN, markings={"U", "NOFORN"})


def test_excluded_headings_leave_out_their_section() -> None:
    assert [c.paragraphs for c in chunks(TALLINN, exclude_headings={"the view from tallinn:"})] == [(1,)]
    body = paras("1. (U) Intro.", "Comment", "2. (U) Our view.", "3. (U) More of it.", "Background",
                 "4. (U) History.")
    found = list(chunks(clean(cable(body=body)), exclude_headings=["COMMENT"]))
    assert [(c.heading, c.paragraphs) for c in found] == [(None, (1,)), ("Background", (4,))]


def test_a_chunk_does_not_cross_into_a_section_whose_heading_was_filtered_out() -> None:
    body = paras("1. (U) Intro.", "Secret Part", "2. (S) Hidden.", "3. (U) Still under the secret part.")
    found = list(chunks(clean(cable(body=body)), markings={"U"}))
    assert [(c.heading, c.paragraphs) for c in found] == [(None, (1,)), ("Secret Part", (3,))]


# --------------------------------------------------------------------------- markings


def test_the_highest_marking_of_a_chunk() -> None:
    body = paras("1. (U) One.", "2. (S//NF) Two.", "3. (C) Three.", "4. (C) Four.", "5. (C//NF) Five.")
    (found,) = chunks(clean(cable(body=body)))
    assert found.marking == "S//NF"
    (found,) = chunks(clean(cable(body=paras("1. (C) One.", "2. (C//NF) Two.", "3. (SBU) Three."))))
    assert found.marking == "C//NF"


@pytest.mark.parametrize(("marking", "level"), [
    ("U", "U"), ("u", "U"), ("UNCLASSIFIED", "U"), ("U//FOUO", "U"), ("FOUO", "SBU"), ("SBU/NF", "SBU"),
    ("LOU", "LOU"), ("C", "C"), ("C NF", "C"), ("C - ENTIRE TEXT", "C"), ("C/REL NATO", "C"), ("S", "S"),
    ("SECRET-ENTIRE TEXT", "S"), ("S//REL TO USA, FVEY", "S"), ("TS", "TS"), ("TOP SECRET", "TS"),
    ("XXXXXXXXXXXX", None), ("Noforn", None), ("", None), (None, None),
])
def test_marking_levels(marking: str | None, level: str | None) -> None:
    assert marking_level(marking) == level


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize(("options", "message"), [
    ({"max_chars": 0}, "max_chars"), ({"overlap": -1}, "overlap"), ({"max_chars": 100, "overlap": 51}, "overlap"),
])
def test_options_out_of_range_raise_at_once(options: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        chunks(TALLINN, **options)  # type: ignore[arg-type]


def test_a_chunker_keeps_its_options_and_pickles() -> None:
    chunker = Chunker(max_chars=60, overlap=10, head=["subject"], markings=["C"], exclude_headings=["Comment"])
    assert pickle.loads(pickle.dumps(chunker)) == chunker
    assert list(chunker(TALLINN)) == list(chunks(TALLINN, max_chars=60, overlap=10, head={"subject"},
                                                  markings={"C"}, exclude_headings={"comment"}))


# --------------------------------------------------------------------------- records and rows


def test_a_record_and_a_row_hold_the_same_chunk() -> None:
    found = list(chunks(TALLINN, head={"subject"}))
    record = found[1].as_record("a.txt")
    assert list(record)[:3] == ["key", "reference_id", "position"]
    assert record["paragraphs"] == [1] and record["tags"] == TAG_CODES and record["kind"] == "body"
    assert record["date"] == "2008-03-13T10:25:00+00:00" and record["classification"] == "CONFIDENTIAL"
    rows = chunk_rows(found, key="a.txt")
    assert [list(row) for row in rows] == [[c.name for c in CHUNKS]] * len(found)
    assert rows[2]["paragraphs"] == "2 3" and rows[0]["paragraphs"] is None and rows[1]["tags"] == "PREL PGOV EN RS"
    assert to_arrow("chunks", rows).num_rows == len(found)
    assert "key" not in found[0].as_record()

