"""Round trips over generated cables: the serializers, and normalize's fixed points."""

from __future__ import annotations

from hypothesis import given

import cablekit
from cablekit import Cable, dumps, loads, normalize, parse
from cablekit.testing.strategies import cable_texts, cables


@given(cables())
def test_generated_cables_are_normalized(cable: Cable) -> None:
    assert normalize(cable) == cable


@given(cables())
def test_json_round_trip(cable: Cable) -> None:
    assert loads(dumps(cable, "json"), "json") == cable


@given(cables())
def test_dict_round_trip(cable: Cable) -> None:
    assert loads(dumps(cable, "dict"), "dict") == cable


@given(cables())
def test_text_round_trip(cable: Cable) -> None:
    text = dumps(cable, "text")
    strict = parse(text, mode="strict")  # canonical text needs no repair
    assert normalize(strict) == cable
    assert normalize(parse(text)) == cable


@given(cable_texts())
def test_strict_and_lenient_agree_on_clean_text(text: str) -> None:
    lenient = parse(text)
    assert lenient.defects == ()
    assert parse(text, mode=cablekit.Mode.STRICT) == lenient
