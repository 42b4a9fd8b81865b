"""Serializers: round trips on the seeds, the shipped schema, errors, and plugins."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import cablekit
from cablekit import formats as registry
from cablekit.formats._schema import build_schema, load_schema
from conftest import CORPUS, seed_names

SEEDS = seed_names() or ["<seeds missing>"]


def _seed(seeds_dir: Path, name: str) -> str:
    path = seeds_dir / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"seed {name} not found in {seeds_dir}: the seeds are kept beside the project "
                    "(../shared/seeds); set CABLEKIT_SHARED to the shared/ folder to run this test")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _assert_valid(validator: jsonschema.protocols.Validator, document: str) -> None:
    errors = sorted(validator.iter_errors(json.loads(document)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:10])


# --- round trips on the seeds -----------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_json_round_trip(seeds_dir: Path, name: str) -> None:
    cable = cablekit.normalize(cablekit.parse(_seed(seeds_dir, name)))
    assert cablekit.loads(cablekit.dumps(cable, "json"), "json") == cable


@pytest.mark.parametrize("name", SEEDS)
def test_seed_dict_round_trip(seeds_dir: Path, name: str) -> None:
    cable = cablekit.normalize(cablekit.parse(_seed(seeds_dir, name)))
    data = cablekit.dumps(cable, "dict")
    assert isinstance(data, dict)
    assert json.loads(json.dumps(data)) == data  # plain data only
    assert cablekit.loads(data, "dict") == cable


@pytest.mark.parametrize("name", SEEDS)
def test_seed_text_round_trip(seeds_dir: Path, name: str) -> None:
    cable = cablekit.normalize(cablekit.parse(_seed(seeds_dir, name)))
    text = cablekit.dumps(cable, "text")
    strict = cablekit.parse(text, mode="strict")  # canonical text needs no repair
    stated = cablekit.parse(_seed(seeds_dir, name)).defects
    facts = {d.code for d in stated if cablekit.DEFECT_CODES[d.code].consistency}
    assert {d.code for d in strict.defects} == facts  # what it states inconsistently, it states again
    assert cablekit.normalize(strict) == cable


@pytest.mark.parametrize("name", SEEDS)
def test_seed_unnormalized_json_round_trip_keeps_defects(seeds_dir: Path, name: str) -> None:
    cable = cablekit.parse(_seed(seeds_dir, name))
    assert cable.defects
    assert cablekit.loads(cablekit.dumps(cable, "json", compact=True), "json") == cable


# --- the schema -------------------------------------------------------------------------------


def test_shipped_schema_matches_the_model() -> None:
    assert load_schema() == build_schema(), (
        "src/cablekit/schema/cable.schema.json is stale: regenerate it with "
        "`python -m cablekit.formats._schema > src/cablekit/schema/cable.schema.json`"
    )


@pytest.mark.parametrize("name", SEEDS)
def test_seed_dumps_validate_against_schema(seeds_dir: Path, name: str, validator: Any) -> None:
    cable = cablekit.parse(_seed(seeds_dir, name))
    for candidate in (cable, cablekit.normalize(cable)):
        for options in ({}, {"compact": True}, {"indent": None}):
            _assert_valid(validator, cablekit.dumps(candidate, "json", **options))


def test_corpus_dumps_validate_against_schema(corpus_dir: Path, validator: Any) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.suffix in (".html", ".txt", ".json"))
    assert len(files) > 100
    for path in files:
        cable = cablekit.parse(path.read_bytes().decode("utf-8", errors="replace"))
        _assert_valid(validator, cablekit.dumps(cable, "json"))


def test_schema_rejects_what_loads_rejects(validator: Any) -> None:
    document = json.loads(cablekit.dumps(cablekit.Cable(subject="X"), "json"))
    document["classification"] = "SORTA_SECRET"
    assert list(validator.iter_errors(document))
    with pytest.raises(cablekit.CableLoadError):
        cablekit.loads(json.dumps(document))


# --- json options -------------------------------------------------------------------------------


def test_json_options() -> None:
    cable = cablekit.parse("UNCLAS SECTION 01 OF 01 STATE 000123\n\nSUBJECT: OPTIONS\n")
    compact = cablekit.dumps(cable, "json", compact=True)
    assert "\n" not in compact and ", " not in compact and '": ' not in compact
    one_line = cablekit.dumps(cable, "json", indent=None)
    assert "\n" not in one_line and ", " in one_line
    assert "\n    " in cablekit.dumps(cable, "json", indent=4)
    data = json.loads(compact)
    assert data["banner"]["classification"] == "UNCLASSIFIED"  # enums by name
    assert data["tags"] == [] and data["header"] is None


def test_json_schema_conventions() -> None:
    text = ("P 151502Z FEB 08\nFM AMEMBASSY AMMAN\n\nC O N F I D E N T I A L AMMAN 000713\n\n"
            "E.O. 12958: DECL: 02/14/2018\n")
    data = json.loads(cablekit.dumps(cablekit.parse(text), "json"))
    assert data["header"]["dtg"] == "2008-02-15T15:02:00+00:00"
    assert data["header"]["precedence"] == "PRIORITY"
    assert data["eo"]["declassify_on"] == "2018-02-14"
    assert data["classification"] == "CONFIDENTIAL"


# --- markdown -------------------------------------------------------------------------------------


def test_markdown_page(seeds_dir: Path) -> None:
    cable = cablekit.normalize(cablekit.parse(_seed(seeds_dir, SEEDS[0])))
    page = cablekit.dumps(cable, "markdown")
    assert page.startswith(f"# {cable.subject}\n") or page.startswith("# ")
    assert "| Field | Value |" in page
    assert f"| Reference id | {cable.reference_id} |" in page
    for paragraph in cable.paragraphs:
        assert f"**{paragraph.number}.**" in page
        if paragraph.heading:
            assert "## " in page
    for reference in cable.references:
        assert f"- {reference.label}." in page


def test_markdown_escapes_markup() -> None:
    cable = cablekit.Cable(subject="A *B* [C]", paragraphs=(cablekit.Paragraph(number=1, text="x_y | z"),))
    page = cablekit.dumps(cable, "markdown")
    assert "# A \\*B\\* \\[C\\]" in page
    assert "x\\_y \\| z" in page


# --- errors -------------------------------------------------------------------------------------


def test_unknown_format_lists_known_ones() -> None:
    with pytest.raises(cablekit.FormatError) as caught:
        cablekit.dumps(cablekit.Cable(), format="yaml")
    message = str(caught.value)
    for name in ("dict", "json", "markdown", "text"):
        assert name in message
    assert isinstance(caught.value, LookupError) and isinstance(caught.value, cablekit.CableError)


def test_loads_on_a_format_without_reader() -> None:
    with pytest.raises(cablekit.FormatError, match="cannot be read back") as caught:
        cablekit.loads("# page", format="markdown")
    assert "json" in str(caught.value)


def _valid_document() -> dict[str, Any]:
    cable = cablekit.Cable(
        reference_id="08AMMAN713",
        classification=cablekit.Classification.CONFIDENTIAL,
        paragraphs=(cablekit.Paragraph(number=1, marker="1.", text="Text."),),
    )
    data: dict[str, Any] = cablekit.dumps(cable, "dict")
    return data


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["paragraphs"][0].__setitem__("number", "one"), "$.paragraphs[0].number"),
        (lambda d: d.__setitem__("classification", "SORTA_SECRET"), "$.classification"),
        (lambda d: d["paragraphs"][0].pop("text"), "$.paragraphs[0].text"),
        (lambda d: d.__setitem__("tags", "PREL"), "$.tags"),
        (lambda d: d.__setitem__("header", {"dtg": "yesterday"}), "$.header.dtg"),
        (lambda d: d.__setitem__("header", {"dtg": "2008-02-15T15:02:00"}), "$.header.dtg"),
        (lambda d: d.__setitem__("caveats", [1, 2]), "$.caveats[0]"),
    ],
    ids=["wrong-type", "unknown-enum", "missing-required", "not-a-list", "bad-datetime", "naive-datetime",
         "wrong-item-type"],
)
def test_loads_names_the_bad_field(mutate: Any, path: str) -> None:
    document = _valid_document()
    mutate(document)
    for fmt, data in (("dict", document), ("json", json.dumps(document))):
        with pytest.raises(cablekit.CableLoadError) as caught:
            cablekit.loads(data, fmt)
        error = caught.value
        assert error.path == path, error.errors
        assert path in str(error)
        assert not isinstance(error, (KeyError, TypeError))


def test_loads_reports_unknown_fields() -> None:
    document = _valid_document()
    document["subjekt"] = "typo"
    with pytest.raises(cablekit.CableLoadError, match="subjekt"):
        cablekit.loads(document, "dict")


@pytest.mark.parametrize(("key", "path"),
                         [((1,), "$"), ((None, "header"), "$.header"), ((2.5, "tags", 0), "$.tags[0]")])
def test_loads_names_a_key_that_is_no_string(key: tuple[Any, ...], path: str) -> None:
    """A dict built in Python may have keys of any type: they are unknown fields, never a bare TypeError."""
    document = _valid_document()
    document["header"] = {}
    document["tags"] = [{"code": "PREL"}]
    target: Any = document
    for step in key[1:]:
        target = target[step]
    target[key[0]] = "x"
    with pytest.raises(cablekit.CableLoadError) as caught:
        cablekit.loads(document, "dict")
    assert caught.value.path == path and str(key[0]) in str(caught.value)


@pytest.mark.parametrize("data", ['{"reference_id": "08AMMAN713", "tags": [', "", "[1, 2]", "null", "{]"])
def test_loads_malformed_json(data: str) -> None:
    with pytest.raises(cablekit.CableLoadError) as caught:
        cablekit.loads(data, "json")
    assert caught.value.path == "$"


def test_loads_rejects_non_text_json_input() -> None:
    with pytest.raises(cablekit.CableLoadError):
        cablekit.loads(12, "json")  # type: ignore[arg-type]


def test_dumps_needs_a_cable() -> None:
    with pytest.raises(TypeError):
        cablekit.dumps({"subject": "x"}, "json")  # type: ignore[arg-type]


# --- plugins ------------------------------------------------------------------------------------


@attrs.define
class Shout:
    name: str = "shout"

    def dumps(self, cable: cablekit.Cable, *, bang: str = "!") -> str:
        return (cable.subject or "").upper() + bang


@pytest.fixture
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_registered", {})


def test_register_serializer(clean_registry: None) -> None:
    shout = cablekit.register_serializer(Shout())
    assert cablekit.serializers()["shout"] is shout
    assert cablekit.dumps(cablekit.Cable(subject="hello"), "shout", bang="!!") == "HELLO!!"
    with pytest.raises(ValueError, match="already registered"):
        cablekit.register_serializer(Shout())
    cablekit.register_serializer(Shout(), replace=True)
    with pytest.raises(ValueError, match="built-in"):
        cablekit.register_serializer(Shout(name="json"))
    with pytest.raises(TypeError):
        cablekit.register_serializer(object())  # type: ignore[arg-type]
    with pytest.raises(cablekit.FormatError, match="cannot be read back"):
        cablekit.loads("HELLO!", "shout")


def test_entry_point_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_registry: None) -> None:
    """A third-party distribution on sys.path declares a serializer in the entry-point group."""
    (tmp_path / "cable_yelling.py").write_text(textwrap.dedent('''
        class Yell:
            name = "yell"

            def dumps(self, cable, **options):
                return "YELL: " + (cable.subject or "")

            def loads(self, data):
                import cablekit
                return cablekit.Cable(subject=data.removeprefix("YELL: "))
    '''), encoding="utf-8")
    dist = tmp_path / "cable_yelling-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cable-yelling\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        f"[{registry.ENTRY_POINT_GROUP}]\nyell = cable_yelling:Yell\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    assert "yell" in cablekit.serializers()
    cable = cablekit.Cable(subject="quiet please")
    assert cablekit.dumps(cable, "yell") == "YELL: quiet please"
    assert cablekit.loads("YELL: quiet please", "yell") == cable
    monkeypatch.delitem(sys.modules, "cable_yelling", raising=False)


def test_broken_entry_point_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       caplog: pytest.LogCaptureFixture) -> None:
    dist = tmp_path / "cable_broken-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cable-broken\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        f"[{registry.ENTRY_POINT_GROUP}]\nbroken = no_such_module_here:Thing\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    with caplog.at_level("WARNING", logger="cablekit"):
        available = cablekit.serializers()
    assert "broken" not in available and "json" in available
    assert "no_such_module_here" in caplog.text


def test_corpus_is_where_conftest_says() -> None:
    # The schema test over the corpus must not silently pass on an empty folder.
    if CORPUS.is_dir():
        assert any(CORPUS.rglob("*.html"))
