"""Acceptance: every fact in shared/seeds/expected/<id>.json holds for normalize(parse(text)).

The expected files are read as they are; nothing here knows any seed's content.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

import cablekit
from conftest import seed_names

SEEDS = seed_names() or ["<seeds missing>"]


def _load(seeds_dir: Path, name: str) -> tuple[str, dict[str, Any]]:
    text_path = seeds_dir / f"{name}.txt"
    if not text_path.exists():
        pytest.skip(f"seed {name} not found in {seeds_dir}: the seeds are kept beside the project "
                    "(../shared/seeds); set CABLEKIT_SHARED to the shared/ folder to run this test")
    expected = json.loads((seeds_dir / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    return text_path.read_text(encoding="utf-8"), expected


def _plain(value: Any) -> Any:
    """Model values in the shape the expected JSON uses."""
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _check_text(where: str, actual: str | None, facts: dict[str, Any]) -> list[str]:
    problems = []
    if actual is None:
        return [f"{where}: missing (expected {facts})"]
    if "starts" in facts and not actual.startswith(facts["starts"]):
        problems.append(f"{where}: should start {facts['starts']!r}, starts {actual[:80]!r}")
    if "ends" in facts and not actual.endswith(facts["ends"]):
        problems.append(f"{where}: should end {facts['ends']!r}, ends {actual[-80:]!r}")
    if "contains" in facts and facts["contains"] not in actual:
        problems.append(f"{where}: should contain {facts['contains']!r}")
    return problems


def _check_object(where: str, actual: Any, expected: Any) -> list[str]:
    if expected is None:
        return [] if actual is None else [f"{where}: expected None, got {actual!r}"]
    if actual is None:
        return [f"{where}: expected {expected!r}, got None"]
    problems = []
    for key, want in expected.items():
        got = getattr(actual, key)
        if isinstance(want, list):
            got_list = [_plain(x) for x in got]
            if got_list != want:
                problems.append(f"{where}.{key}: expected {want!r}, got {got_list!r}")
        elif isinstance(want, dict):
            problems.extend(_check_object(f"{where}.{key}", got, want))
        elif _plain(got) != want:
            problems.append(f"{where}.{key}: expected {want!r}, got {_plain(got)!r}")
    return problems


def _check_list(where: str, actual: tuple[Any, ...], expected: list[Any]) -> list[str]:
    problems = []
    if len(actual) != len(expected):
        problems.append(f"{where}: expected {len(expected)} entries, got {len(actual)}")
    for index, (got, want) in enumerate(zip(actual, expected, strict=False)):
        problems.extend(_check_object(f"{where}[{index}]", got, want))
    return problems


@pytest.mark.parametrize("name", SEEDS)
def test_seed_facts(seeds_dir: Path, name: str) -> None:
    text, expected = _load(seeds_dir, name)
    cable = cablekit.normalize(cablekit.parse(text))
    problems: list[str] = []
    for key, want in expected.items():
        if key == "paragraphs":
            if len(cable.paragraphs) != len(want):
                problems.append(f"paragraphs: expected {len(want)}, got {len(cable.paragraphs)}")
            for index, (got, facts) in enumerate(zip(cable.paragraphs, want, strict=False)):
                where = f"paragraphs[{index}]"
                for field in ("number", "classification", "heading"):
                    if field in facts and getattr(got, field) != facts[field]:
                        problems.append(f"{where}.{field}: expected {facts[field]!r}, got {getattr(got, field)!r}")
                problems.extend(_check_text(where, got.text, facts))
        elif key == "summary":
            problems.extend(_check_text("summary", cable.summary, want))
        elif key == "tags":
            got_tags = [t.code for t in cable.tags]
            if got_tags != want:
                problems.append(f"tags: expected {want}, got {got_tags}")
        elif key == "references":
            problems.extend(_check_list("references", cable.references, want))
        elif key in ("header", "banner", "eo", "classified_by", "metadata"):
            got = getattr(cable, key)
            if key == "header" and want is not None and got is not None:
                for list_key in ("recipients", "info_recipients"):
                    if list_key in want:
                        problems.extend(_check_list(f"header.{list_key}", getattr(got, list_key),
                                                    want[list_key]))
                want = {k: v for k, v in want.items() if k not in ("recipients", "info_recipients")}
            problems.extend(_check_object(key, got, want))
        else:
            got = getattr(cable, key)
            got_plain = [_plain(x) for x in got] if isinstance(got, tuple) else _plain(got)
            if got_plain != want:
                problems.append(f"{key}: expected {want!r}, got {got_plain!r}")
    assert not problems, f"{name}: {len(problems)} fact(s) do not hold:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_tokens_are_lossless(seeds_dir: Path, name: str) -> None:
    text, _ = _load(seeds_dir, name)
    assert "".join(t.text for t in cablekit.tokenize(text)) == text


@pytest.mark.parametrize("name", SEEDS)
def test_seed_normalize_is_idempotent(seeds_dir: Path, name: str) -> None:
    text, _ = _load(seeds_dir, name)
    once = cablekit.normalize(text)
    assert cablekit.normalize(once) == once


@pytest.mark.parametrize("name", SEEDS)
def test_seed_strict_rejects_malformed_marker(seeds_dir: Path, name: str) -> None:
    """Strict mode raises on every seed that carries a malformed paragraph marker, at that line."""
    text, _ = _load(seeds_dir, name)
    lenient = cablekit.parse(text)
    marker_defects = [d for d in lenient.defects if d.code.startswith("paragraph-marker-")]
    with pytest.raises(cablekit.CableParseError) as caught:
        cablekit.parse(text, mode="strict")
    error = caught.value
    damage = tuple(d for d in lenient.defects if cablekit.DEFECT_CODES[d.code].damage)  # not the envelope
    assert error.defects == damage
    assert (error.line, error.code) == (damage[0].line, damage[0].code)
    lines = text.splitlines()
    for defect in marker_defects:
        # the defect's line is the line that carries the marker as written
        assert defect.text.strip() and lines[defect.line - 1].strip() == defect.text.strip()
        assert lines[defect.line - 1].lstrip()[:1] in "¶[0123456789"
