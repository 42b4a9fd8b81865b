"""``cablekit convert --to chunks`` as a user runs it, and chunking the real corpus.

The convert tests run the command on the examples with two worker processes
and compare what it wrote with :func:`cablekit.chunking.chunks` run here on
the same cables.  The corpus test chunks every cable of ``shared/corpus``
(skipped, saying why, when it is absent).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cablekit.chunking import Chunker, ChunkKind
from cablekit.io import read
from cablekit.tables import CHUNKS

parquet = pytest.importorskip("pyarrow.parquet", reason="the corpus extra installs pyarrow")
pytest.importorskip("sqlite_utils", reason="the corpus extra installs sqlite-utils")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def cablekit_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cablekit", *args], capture_output=True, text=True, timeout=300,
                          check=False)


def expected(chunker: Chunker, inputs: list[Path]) -> list[dict[str, object]]:
    """What the command should write: each record's chunks, here in this process."""
    return [chunk.as_record(record.key) for record in read([str(p) for p in inputs])
            for chunk in chunker(record.parse())]


def test_chunks_go_to_json_lines_by_default_and_the_options_reach_the_workers(tmp_path: Path) -> None:
    out = tmp_path / "chunks.out"  # a suffix that names no container: JSON lines
    done = cablekit_cli("convert", str(EXAMPLES), "-o", str(out), "--to", "chunks", "--jobs", "2",
                        "--max-chars", "300", "--overlap", "60", "--head", "subject", "--head", "summary",
                        "--marking", "U,SBU", "--marking", "C", "--exclude-heading", "Comment")
    assert done.returncode == 0, done.stderr
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    chunker = Chunker(max_chars=300, overlap=60, head=True, markings={"U", "SBU", "C"}, exclude_headings={"Comment"})
    assert written == expected(chunker, [EXAMPLES])
    kinds = Counter(record["kind"] for record in written)
    assert kinds["subject"] > 0 and kinds["body"] > kinds["subject"]
    assert any(int(str(record["overlap"])) > 0 for record in written)
    assert f"wrote {len(written):,} chunks of 5 cables" in done.stderr


def test_chunks_go_to_a_parquet_file_and_an_sqlite_table_with_full_text_search(tmp_path: Path) -> None:
    records = expected(Chunker(), [EXAMPLES])
    table = tmp_path / "chunks.parquet"
    database = tmp_path / "chunks.sqlite"
    for out in (table, database):
        done = cablekit_cli("convert", str(EXAMPLES), "-o", str(out), "--to", "chunks", "--jobs", "2")
        assert done.returncode == 0, done.stderr
    assert table.is_file()
    rows = parquet.read_table(table).to_pylist()
    assert [list(row) for row in rows[:1]] == [[c.name for c in CHUNKS]]
    assert [(r["key"], r["position"], r["text"]) for r in rows] == [(r["key"], r["position"], r["text"])
                                                                     for r in records]
    assert [r["paragraphs"] for r in rows] == [" ".join(map(str, r["paragraphs"])) or None  # type: ignore[call-overload]
                                               for r in records]
    with sqlite3.connect(database) as db:
        stored = db.execute("SELECT key, position, text FROM chunks ORDER BY rowid").fetchall()
        assert stored == [(r["key"], r["position"], r["text"]) for r in rows]
        word = str(rows[-1]["text"]).split()[0].strip(".,;:()\"'")
        found = db.execute("SELECT chunks.key, chunks.position FROM chunks_fts JOIN chunks "
                           "ON chunks.rowid = chunks_fts.rowid WHERE chunks_fts MATCH ?", (f'"{word}"',)).fetchall()
        assert (rows[-1]["key"], rows[-1]["position"]) in found


@pytest.mark.parametrize(("argv", "message"), [
    (["--max-chars", "100"], "--max-chars is an option of --to chunks"),
    (["--to", "jsonl", "--head", "subject"], "--head is an option of --to chunks"),
    (["--to", "chunks", "--marking", "NOFORN"], "markings= takes levels"),
    (["--to", "chunks", "--max-chars", "100", "--overlap", "60"], "overlap must be between 0 and half"),
    (["--to", "chunks", "--format", "markdown"], "serializer= is for a folder"),
])
def test_chunk_options_misused_exit_2(tmp_path: Path, argv: list[str], message: str) -> None:
    done = cablekit_cli("convert", str(EXAMPLES), "-o", str(tmp_path / "out.jsonl"), *argv)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "out.jsonl").exists()


# --------------------------------------------------------------------------- the real corpus


def body_text(cable: Any) -> str:
    return "\n\n".join(p.text for p in cable.paragraphs if p.text.strip())


def test_every_cable_of_the_corpus_chunks_along_its_paragraphs(corpus_dir: Path) -> None:
    from cablekit import normalize

    inputs = [corpus_dir / name for name in ("text", "html", "json", "csv", "wikileaks/pages.jsonl")]
    chunker = Chunker(max_chars=1000, overlap=100, head=True)
    ends: Counter[str] = Counter()
    cables = 0
    for record in read([str(p) for p in inputs]):
        cable = normalize(record.parse())
        cables += 1
        body = body_text(cable)
        paragraph_ends = {len(body)}
        at = 0
        for paragraph in (p for p in cable.paragraphs if p.text.strip()):
            paragraph_ends.add(at + len(paragraph.text))
            at += len(paragraph.text) + 2
        for chunk in chunker(cable):
            assert len(chunk.text) <= 1000 or len(chunk.text.split()) == 1, (record.key, chunk.position)
            if chunk.kind is ChunkKind.BODY:
                assert body[chunk.start:chunk.end] == chunk.new_text, (record.key, chunk.position)
                ends["paragraph" if chunk.end in paragraph_ends else "inside"] += 1
    assert cables > 1000
    assert ends["paragraph"] > 2 * ends["inside"]  # most chunks end where a paragraph does


def test_open_output_picks_the_chunk_container_from_the_suffix(tmp_path: Path) -> None:
    from cablekit.outputs import ChunkJsonLinesWriter, ChunkParquetWriter, ChunkSqliteWriter, open_output

    chunker = Chunker(max_chars=500)
    for name, kind in (("a.parquet", ChunkParquetWriter), ("a.db", ChunkSqliteWriter),
                       ("a.jsonl", ChunkJsonLinesWriter), ("a", ChunkJsonLinesWriter)):
        with open_output(tmp_path / name, to="chunks", chunker=chunker) as writer:
            assert type(writer) is kind and writer.chunker == chunker and writer.needs <= {"chunks", "chunk_lines"}
    with open_output(tmp_path / "b.sqlite", chunker=chunker) as writer:  # a chunker means chunks
        assert type(writer) is ChunkSqliteWriter
    with open_output(tmp_path / "c.jsonl", to="chunks") as writer:
        assert writer.chunker == Chunker()
    with pytest.raises(ValueError, match="chunker= is for chunk output"):
        open_output(tmp_path / "d.sqlite", to="sqlite", chunker=chunker)
