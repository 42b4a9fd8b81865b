"""Outputs: JSON lines, Parquet, SQLite and a folder hold the same cables, stay valid when cut short, and refuse
to overwrite."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import cablekit
from builders import cable as make_cable
from builders import make_head, paras
from cablekit import Cable
from cablekit.outputs import (
    FolderWriter,
    Item,
    JsonLinesWriter,
    SqliteWriter,
    Writer,
    file_stem,
    open_output,
    output_kind,
    prepare,
)
from cablekit.tables import TABLES
from test_tables import _corpus_cables

jsonschema = pytest.importorskip("jsonschema", reason="the test extra installs it")
pq = pytest.importorskip("pyarrow.parquet", reason="the test extra installs it")
pytest.importorskip("sqlite_utils", reason="the test extra installs it")

Keyed = list[tuple[str, Cable]]


def _made_up() -> Keyed:
    texts = [
        make_cable(),
        make_cable(head=make_head(subject="SUBJECT: ZANZIBAR PORT VISIT"), body=paras("1. (U) Quokkas abound.")),
        make_cable(header=None, head="", body=paras("1. (U) Plain words only.", "2. (U) And more.")),
        make_cable(),  # the same cable published twice: same id, another key
        "hello, this is no cable at all",
    ]
    return [(f"made-up/{n}.txt", cablekit.parse(text)) for n, text in enumerate(texts, 1)]


def _write(writer: Writer, cables: Keyed) -> Writer:
    with writer:
        for number, (key, cable) in enumerate(cables, 1):
            writer.write(prepare(cable, key=key, needs=writer.needs, format=writer.format, source=key, row=number))
    return writer


@pytest.fixture(scope="module")
def validator() -> Any:
    from cablekit.formats._schema import load_schema

    return jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker())


# --------------------------------------------------------------------------- reading outputs back


def _jsonl(path: Path, validator: Any) -> list[Cable]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") or not text
    lines = text.split("\n")[:-1]
    for line in lines:
        errors = list(validator.iter_errors(json.loads(line)))
        assert not errors, errors[0].message
    return [cablekit.loads(line, "json") for line in lines]


def _summary(cables: Keyed) -> list[tuple[object, ...]]:
    return [(key, c.reference_id, c.subject, len(c.paragraphs), len(c.defects)) for key, c in cables]


_FACTS = ("key", "reference_id", "subject", "paragraphs", "defects")


def _parquet(path: Path) -> dict[str, Any]:
    return {name: pq.read_table(path / f"{name}.parquet") for name in TABLES}


def _sqlite_rows(path: Path, table: str, columns: str = "*") -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT {columns} FROM [{table}] ORDER BY rowid").fetchall()


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z]+", (text or "").lower()))


def _rare_word(cables: Keyed) -> tuple[str, str]:
    """A word of 7 or more letters in the subject or body of exactly one cable, and that cable's key."""
    seen = Counter(w for _, c in cables for w in _words(_body(c)) | _words(c.subject))
    for key, cable in cables:
        rare = sorted(w for w in _words(_body(cable)) if len(w) >= 7 and seen[w] == 1)
        if rare:
            return rare[0], key
    raise AssertionError("no rare word")


def _body(cable: Cable) -> str:
    return cablekit.tables.body_text(cable.paragraphs)


# --------------------------------------------------------------------------- the same cables in every output


def _check_all_outputs(tmp_path: Path, cables: Keyed, validator: Any) -> None:
    _write(open_output(tmp_path / "out.jsonl"), cables)
    _write(open_output(tmp_path / "out.parquet"), cables)
    _write(open_output(tmp_path / "out.sqlite"), cables)

    assert _jsonl(tmp_path / "out.jsonl", validator) == [c for _, c in cables]

    expected = _summary(cables)
    parquet = _parquet(tmp_path / "out.parquet")
    assert list(zip(*parquet["cables"].select(list(_FACTS)).to_pydict().values(), strict=True)) == expected
    assert _sqlite_rows(tmp_path / "out.sqlite", "cables", ", ".join(_FACTS)) == expected
    for name in TABLES:
        assert parquet[name].num_rows == len(_sqlite_rows(tmp_path / "out.sqlite", name)), name
    assert parquet["defects"].num_rows == sum(len(c.defects) for _, c in cables)
    assert parquet["paragraphs"].num_rows == sum(len(c.paragraphs) for _, c in cables)

    word, key = _rare_word(cables)
    with sqlite3.connect(tmp_path / "out.sqlite") as connection:
        found = connection.execute("SELECT cables.key FROM cables JOIN cables_fts ON cables_fts.rowid = cables.rowid"
                                   " WHERE cables_fts MATCH ?", (f'"{word}"',)).fetchall()
    assert found == [(key,)]


def test_outputs_hold_the_same_cables(tmp_path: Path, validator: Any) -> None:
    _check_all_outputs(tmp_path, _made_up(), validator)


def test_corpus_outputs_hold_the_same_cables(tmp_path: Path, corpus_dir: Path, validator: Any) -> None:
    cables = _corpus_cables(corpus_dir, pages=200)
    assert len(cables) > 300
    _check_all_outputs(tmp_path, cables, validator)


def test_datasette_serves_the_database(tmp_path: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app", reason="the test extra installs it")
    cables = _made_up()
    _write(open_output(tmp_path / "corpus.sqlite"), cables)
    word, key = _rare_word(cables)

    async def fetch() -> tuple[list[Any], list[Any], list[Any]]:
        ds = datasette_app.Datasette([str(tmp_path / "corpus.sqlite")])
        every = await ds.client.get("/corpus/cables.json?_shape=array&_size=max")
        found = await ds.client.get(f"/corpus/cables.json?_shape=array&_search={word}")
        tags = await ds.client.get("/corpus/tags.json?_shape=array&_size=max")
        assert every.status_code == found.status_code == tags.status_code == 200
        return every.json(), found.json(), tags.json()

    every, found, tags = asyncio.run(fetch())
    assert [row["key"] for row in every] == [k for k, _ in cables]
    assert [row["key"] for row in found] == [key]
    assert len(tags) == sum(len(c.tags) for _, c in cables)


# --------------------------------------------------------------------------- cut short


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".sqlite"])
def test_interrupted_run_leaves_valid_output(tmp_path: Path, suffix: str, validator: Any) -> None:
    cables = _made_up() * 3
    cables = [(f"{key}#{n}", c) for n, (key, c) in enumerate(cables)]
    path = tmp_path / f"out{suffix}"
    # the SQLite writer commits every 4 cables here, so the run stops in the middle of a batch
    opened = SqliteWriter(path, batch_cables=4) if suffix == ".sqlite" else open_output(path)
    with pytest.raises(KeyboardInterrupt), opened as writer:
        for number, (key, cable) in enumerate(cables):
            if number == 7:
                raise KeyboardInterrupt
            writer.write(prepare(cable, key=key, needs=writer.needs, source=key))
    assert writer.closed and writer.written == 7
    expected = [k for k, _ in cables[:7]]
    if suffix == ".jsonl":
        assert _jsonl(path, validator) == [c for _, c in cables[:7]]
    elif suffix == ".parquet":
        assert _parquet(path)["cables"].column("key").to_pylist() == expected
    else:
        assert [k for (k,) in _sqlite_rows(path, "cables", "key")] == expected
        assert len(_sqlite_rows(path, "cables_fts_docsize")) == 7  # every committed cable is searchable


class _InterruptedAfterCommit:
    """A connection that raises KeyboardInterrupt once, just after a COMMIT went through (Ctrl-C's worst moment)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection, self.armed = connection, True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)

    def execute(self, sql: str, *args: Any) -> Any:
        result = self.connection.execute(sql, *args)
        if sql == "COMMIT" and self.armed:
            self.armed = False
            raise KeyboardInterrupt
        return result


def test_ctrl_c_just_after_a_commit_stores_each_cable_once(tmp_path: Path) -> None:
    cables = [(f"{key}#{n}", c) for n, (key, c) in enumerate(_made_up() * 2)]
    path = tmp_path / "out.sqlite"
    writer = SqliteWriter(path, batch_cables=3)
    writer._connection = _InterruptedAfterCommit(writer._connection)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt), writer:
        for key, cable in cables:
            writer.write(prepare(cable, key=key, needs=writer.needs, source=key))
    assert [k for (k,) in _sqlite_rows(path, "cables", "key")] == [k for k, _ in cables[:3]]


def test_sqlite_batch_with_a_bad_cable_keeps_the_good_ones(tmp_path: Path) -> None:
    cables = _made_up()
    writer = SqliteWriter(tmp_path / "out.sqlite", batch_cables=3)
    items = [prepare(c, key=k, needs=writer.needs) for k, c in cables]
    assert items[1].rows is not None
    items[1].rows["paragraphs"][0]["text"] = object()  # cannot be stored
    writer.write(items[0])
    writer.write(items[1])
    with pytest.raises(ValueError, match=re.escape(items[1].key)):
        writer.write(items[2])
    with pytest.raises(ValueError, match="written already"):
        writer.write(items[0])
    writer.write(items[3])
    writer.close()
    path = tmp_path / "out.sqlite"
    assert [k for (k,) in _sqlite_rows(path, "cables", "key")] == [items[n].key for n in (0, 2, 3)]
    assert all(k != items[1].key for (k,) in _sqlite_rows(path, "paragraphs", "key"))
    assert writer.written == 3


def test_jsonl_lines_are_single_lines(tmp_path: Path, validator: Any) -> None:
    cable = _made_up()[0][1]
    with JsonLinesWriter(tmp_path / "out.jsonl") as writer:
        writer.write(Item(key="a", json=cablekit.dumps(cable, "json", indent=2)))
        writer.write(Item(key="b", json=cablekit.dumps(Cable(subject="LINE\u2028SEPARATOR"), "json")))
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert _jsonl(tmp_path / "out.jsonl", validator) == [cable, Cable(subject="LINE\u2028SEPARATOR")]


# --------------------------------------------------------------------------- a folder of files


def test_folder_names_and_deduplicates(tmp_path: Path) -> None:
    cable = _made_up()[0][1]
    other_case = Cable(reference_id=(cable.reference_id or "").lower(), subject="X")
    cables: Keyed = [("a", cable), ("b", cable), ("c", other_case), ("cables.csv#17", Cable(subject="Y")),
                     ("../../escape", Cable(subject="Z"))]
    writer = _write(open_output(tmp_path / "md", serializer="markdown"), cables)
    assert isinstance(writer, FolderWriter) and writer.written == len(cables)
    rid = cable.reference_id
    names = sorted(p.name for p in (tmp_path / "md").iterdir())
    assert names == sorted([f"{rid}.md", f"{rid}-2.md", f"{rid.lower()}-3.md" if rid else "",  # type: ignore[union-attr]
                            "cables.csv_17.md", "escape.md"])
    assert (tmp_path / "md" / f"{rid}-2.md").read_text(encoding="utf-8") == cablekit.dumps(cable, "markdown")
    text = _write(open_output(tmp_path / "txt", to="folder", serializer="text"), cables[:1])
    assert [p.name for p in text.path.iterdir()] == [f"{rid}.txt"]
    assert file_stem("CON") == "_CON" and file_stem("...") == "cable" and len(file_stem("x" * 500)) == 120


# --------------------------------------------------------------------------- choosing, refusing, failing early


def test_output_kind() -> None:
    assert output_kind("a.JSONL") == output_kind("a.ndjson") == "jsonl"
    assert output_kind("a.db") == output_kind("a.sqlite3") == output_kind("a.sqlite") == "sqlite"
    assert output_kind("a.parquet") == output_kind("a.txt", to="parquet") == "parquet"
    assert output_kind("out", serializer="text") == "folder"
    with pytest.raises(ValueError, match=r"\.jsonl.*\.parquet.*\.sqlite"):
        output_kind("a.csv")
    with pytest.raises(ValueError, match="jsonl, parquet, sqlite, folder"):
        output_kind("a.jsonl", to="xml")


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet", "out.sqlite", "out"])
def test_overwrite_is_refused_unless_asked(tmp_path: Path, name: str) -> None:
    serializer = "markdown" if name == "out" else None
    cables = _made_up()
    _write(open_output(tmp_path / name, serializer=serializer), cables[:2])
    with pytest.raises(FileExistsError, match="overwrite"):
        open_output(tmp_path / name, serializer=serializer)
    if name == "out.parquet":
        (tmp_path / name / "NOTES.txt").write_text("kept", encoding="utf-8")
    _write(open_output(tmp_path / name, serializer=serializer, overwrite=True), cables[2:3])
    if name == "out.jsonl":
        assert len((tmp_path / name).read_text(encoding="utf-8").splitlines()) == 1
    elif name == "out.sqlite":
        assert len(_sqlite_rows(tmp_path / name, "cables")) == 1
    elif name == "out.parquet":
        assert _parquet(tmp_path / name)["cables"].num_rows == 1
        assert (tmp_path / name / "NOTES.txt").read_text(encoding="utf-8") == "kept"


def test_open_fails_early(tmp_path: Path) -> None:
    for name in ("missing/out.jsonl", "missing/out.parquet", "missing/out.sqlite"):
        with pytest.raises(FileNotFoundError, match="does not exist"):
            open_output(tmp_path / name)
    (tmp_path / "file.parquet").write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        open_output(tmp_path / "file.parquet", overwrite=True)
    with pytest.raises(ValueError, match="needs a serializer"):
        open_output(tmp_path / "out", to="folder")
    with pytest.raises(ValueError, match="markdown"):
        open_output(tmp_path / "out", serializer="nosuchformat")
    with pytest.raises(ValueError, match="formats that can"):
        open_output(tmp_path / "out", serializer="dict")
    with pytest.raises(ValueError, match="folder"):
        open_output(tmp_path / "out.jsonl", serializer="text")


def test_writers_check_their_payload(tmp_path: Path) -> None:
    cable = _made_up()[0][1]
    writer = open_output(tmp_path / "out.sqlite")
    assert writer.needs == {"rows"} and open_output(tmp_path / "o.jsonl").needs == {"json"}
    item = prepare(cable, key="k", needs={"json"})
    assert item.rows is None and item.text is None and item.json is not None
    with pytest.raises(ValueError, match="'rows' payload"):
        writer.write(item)
    writer.close()
    writer.close()  # twice is fine
    with pytest.raises(ValueError, match="closed"):
        writer.write(prepare(cable, key="k", needs={"rows"}))
    with pytest.raises(ValueError, match="format"):
        prepare(cable, key="k", needs={"text"})
