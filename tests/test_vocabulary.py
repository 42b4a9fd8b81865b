"""The words cables are written in (cablekit.vocabulary), and the test vocabularies that must agree with them."""

from __future__ import annotations

import importlib
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given

import cablekit
from cablekit import vocabulary
from cablekit.fields import parse_caveats, parse_tags
from cablekit.model import Cable, Metadata, TagKind
from cablekit.testing import _vocabulary as V
from cablekit.testing.strategies import cables
from cablekit.vocabulary import (
    BULLET,
    CAVEAT_PATTERN,
    CAVEAT_WORDS,
    FRONT_MATTER,
    FRONT_MATTER_KEYS,
    MONTH_NAMES,
    MONTHS,
    PERSON_TAG_CODES,
)

# ---------------------------------------------------------------- the library's vocabulary


def test_months_agree_with_the_calendar() -> None:
    for number, (month, name) in enumerate(zip(MONTHS, MONTH_NAMES, strict=True), start=1):
        assert datetime(2008, number, 1, tzinfo=UTC).strftime("%b %B").upper() == f"{month} {name.upper()}"


def test_the_caveat_pattern_matches_each_caveat_whole() -> None:
    pattern = re.compile(CAVEAT_PATTERN)
    for word in CAVEAT_WORDS:
        assert pattern.fullmatch(word), word
        first = pattern.match(word + " SIPDIS")
        assert first is not None and first.group() == word  # the longest caveat first
    assert pattern.fullmatch("SENSITIVE BUT") is None


@pytest.mark.parametrize("item", ["-- a", "- a", "* a", "\u2022 a", "o a", "A. a", "b) a", "(a) a", "(iii) a",
                                  "(12) a", "1) a", "12) a"])
def test_bullets(item: str) -> None:
    assert BULLET.match(item) is not None


@pytest.mark.parametrize("text", ["--a", "1. a", "123) a", "(abcd) a", "AB. a", "a", "--- a"])
def test_not_bullets(text: str) -> None:
    assert BULLET.match(text) is None


def test_front_matter() -> None:
    for key in FRONT_MATTER_KEYS:
        m = FRONT_MATTER.fullmatch(f"{key}: some value")
        assert m is not None and (m["key"], m["value"]) == (key, "some value")
    assert FRONT_MATTER.fullmatch("Title:TALKS") is None
    assert FRONT_MATTER.fullmatch("Subject: TALKS") is None
    assert FRONT_MATTER.fullmatch("Title: ") is None


def test_the_library_keeps_one_copy() -> None:
    """normalize, the damage transforms and their layout read the patterns of vocabulary itself."""
    from cablekit.testing import _layout, damage

    normalize_module = importlib.import_module("cablekit.normalize")
    assert vars(normalize_module)["BULLET"] is BULLET
    assert vars(_layout)["BULLET"] is BULLET and vars(_layout)["FRONT_MATTER"] is FRONT_MATTER
    assert vars(damage)["FRONT_MATTER"] is FRONT_MATTER
    assert V.PERSON_CODES is PERSON_TAG_CODES
    assert not hasattr(cablekit.fields, "canonical_id")


# ---------------------------------------------------------------- the test vocabulary agrees


def test_every_caveat_the_strategies_draw_is_one_cablekit_reads() -> None:
    assert set(V.CAVEATS) <= set(CAVEAT_WORDS)
    for caveat in V.CAVEATS:
        assert parse_caveats(caveat) == (caveat,)


def test_no_word_of_generated_text_is_a_caveat() -> None:
    for word in (*V.WORDS, *V.SENTENCE_STARTS, *V.HEADING_WORDS):
        assert parse_caveats(word) == (), word


@pytest.mark.parametrize(("codes", "kind"), [(V.SUBJECT_TAGS, TagKind.SUBJECT), (V.PROGRAM_TAGS, TagKind.PROGRAM),
                                             (V.GEOGRAPHIC_TAGS, TagKind.GEOGRAPHIC),
                                             (V.ORGANIZATION_TAGS, TagKind.ORGANIZATION),
                                             (V.KEYWORD_TAGS, TagKind.KEYWORD), (V.UNKNOWN_TAGS, TagKind.UNKNOWN)])
def test_the_strategies_give_tags_the_kinds_cablekit_reads(codes: tuple[str, ...], kind: TagKind) -> None:
    for code in codes:
        assert [(t.code, t.kind) for t in parse_tags(code)] == [(code, kind)]


@pytest.mark.parametrize("code", sorted(PERSON_TAG_CODES))
def test_a_name_may_follow_every_person_code(code: str) -> None:
    """Each person code is a PROGRAM tag: a SUBJECT code in the set (PINR was one) would never take a name."""
    tags = parse_tags(f"PREL {code} SMITH JOHN KZ")
    assert [(t.code, t.kind) for t in tags] == [("PREL", TagKind.SUBJECT), (code, TagKind.PROGRAM),
                                                ("SMITH JOHN", TagKind.PERSON), ("KZ", TagKind.GEOGRAPHIC)]


def test_pinr_is_a_subject_tag_that_takes_no_name() -> None:
    tags = parse_tags("PINR SMITH")
    assert [(t.code, t.kind) for t in tags] == [("PINR", TagKind.SUBJECT), ("SMITH", TagKind.KEYWORD)]


def test_the_text_serializer_writes_front_matter_in_the_order_of_its_keys() -> None:
    cable = Cable(reference_id="08AMMAN713", subject="TALKS",
                  metadata=Metadata(identifier="08AMMAN713", created=datetime(2008, 2, 15, 15, 2, tzinfo=UTC),
                                    classification="SECRET", origin="Embassy Amman", title="TALKS",
                                    references=("08STATE12",)))
    lines = cablekit.dumps(cable, "text").split("\n\n")[0].split("\n")
    keys = [m["key"] for m in map(FRONT_MATTER.fullmatch, lines) if m is not None]
    assert len(keys) == len(lines)
    assert keys == list(FRONT_MATTER_KEYS)


@given(cables())
def test_generated_list_items_open_with_a_bullet(cable: Cable) -> None:
    for paragraph in cable.paragraphs:
        for block in paragraph.text.split("\n\n"):
            for line in block.split("\n")[1:]:
                assert BULLET.match(line), line


def test_the_vocabulary_module_says_what_it_exports() -> None:
    assert sorted(vocabulary.__all__) == sorted(name for name in vars(vocabulary) if name.isupper())
