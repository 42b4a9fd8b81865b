"""``cablekit convert`` and ``cablekit audit`` as a user runs them: real subprocesses, real outputs.

The corpus tests convert the whole real corpus (3,187 cables: the 187 files and the 3,000 WikiLeaks
pages) once per output kind, with two worker processes, and check that the outputs hold the same
cables.  The behaviour tests check each exit status, Ctrl-C, a closed pipe, a terminal that cannot
show the output, and input that is no cable at all.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import cablekit
from cablekit.formats._schema import load_schema

jsonschema = pytest.importorskip("jsonschema", reason="the test extra installs jsonschema")
parquet = pytest.importorskip("pyarrow.parquet", reason="the corpus extra installs pyarrow")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def cablekit_cli(*args: str, timeout: float = 600, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cablekit ARGS`` and return what it did."""
    return subprocess.run([sys.executable, "-m", "cablekit", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, **kwargs)


def corpus_inputs(corpus: Path) -> list[str]:
    return [str(corpus / name) for name in ("text", "html", "json", "csv", "wikileaks/pages.jsonl")]


@pytest.fixture(scope="module")
def converted(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus converted to each output kind (one run each, two workers)."""
    out = tmp_path_factory.mktemp("converted")
    paths = {"jsonl": out / "corpus.jsonl", "parquet": out / "corpus.parquet", "sqlite": out / "corpus.sqlite"}
    for path in paths.values():
        done = cablekit_cli("convert", *corpus_inputs(corpus_dir), "-o", str(path), "--jobs", "2")
        assert done.returncode == 0, done.stderr
        assert done.stderr.startswith("cablekit: 3,187 cables, 0 rejected"), done.stderr
        assert done.stdout == ""
    return paths


def test_the_corpus_converts_to_the_same_cables_in_every_output(converted: dict[str, Path]) -> None:
    validator = jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker())
    lines = converted["jsonl"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3187
    from_json = []
    for line in lines:
        document = json.loads(line)
        assert not list(validator.iter_errors(document))
        from_json.append(cablekit.loads(line, "json"))

    table = parquet.read_table(converted["parquet"] / "cables.parquet").to_pylist()
    with sqlite3.connect(converted["sqlite"]) as db:
        rows = db.execute("SELECT key, reference_id, subject, paragraphs, defects FROM cables "
                          "ORDER BY rowid").fetchall()
    expected = [(c.reference_id, c.subject, len(c.paragraphs), len(c.defects)) for c in from_json]
    assert [(r["reference_id"], r["subject"], r["paragraphs"], r["defects"]) for r in table] == expected
    assert [row[1:] for row in rows] == expected
    assert [r["key"] for r in table] == [row[0] for row in rows]
    assert len(set(row[0] for row in rows)) == 3187
    assert sum(r["key"].endswith(".jsonl#1") for r in table) == 1  # the first page of pages.jsonl


def test_the_pages_keep_the_order_of_their_file(converted: dict[str, Path], corpus_dir: Path) -> None:
    with (corpus_dir / "wikileaks" / "pages.jsonl").open(encoding="utf-8") as pages:
        stated = [json.loads(line) for line in pages]
    table = parquet.read_table(converted["parquet"] / "cables.parquet").to_pylist()
    keyed = [r for r in table if "pages.jsonl#" in r["key"]]
    assert [int(r["key"].rsplit("#", 1)[1]) for r in keyed] == list(range(1, 3001))
    assert [r["origin"] for r in keyed] == [page["origin"] for page in stated]  # each row its page's metadata


def test_a_word_of_one_body_finds_that_cable(converted: dict[str, Path]) -> None:
    with sqlite3.connect(converted["sqlite"]) as db:
        sample = db.execute("SELECT key, body FROM cables WHERE rowid % 400 = 7 AND length(body) > 500").fetchall()
        assert len(sample) >= 5
        for key, body in sample:
            word = max((w for w in body.split() if w.isascii() and w.isalpha()), key=len)
            found = db.execute("SELECT cables.key, coalesce(cables.subject, '') || ' ' || cables.body FROM cables "
                               "JOIN cables_fts "
                               "ON cables_fts.rowid = cables.rowid WHERE cables_fts MATCH ?", (f'"{word}"',)).fetchall()
            assert key in {k for k, _ in found}
            assert all(word.lower() in text.lower() for _, text in found)  # in its subject or body
        assert not db.execute("SELECT rowid FROM cables_fts WHERE cables_fts MATCH 'qqxqzzyqq'").fetchall()


def test_the_corpus_database_opens_in_datasette(converted: dict[str, Path]) -> None:
    datasette_app = pytest.importorskip("datasette.app", reason="the test extra installs datasette")
    import asyncio

    async def ask() -> tuple[Any, Any]:
        site = datasette_app.Datasette([str(converted["sqlite"])])
        tables = await site.client.get("/corpus.json")
        found = await site.client.get("/corpus/cables.json?_search=ulaanbaatar&_shape=array&_col=key")
        return tables, found

    tables, found = asyncio.run(ask())
    assert tables.status_code == 200
    names = {table["name"] for table in tables.json()["tables"]}
    assert {"cables", "paragraphs", "references", "recipients", "tags", "defects", "cables_fts"} <= names
    assert found.status_code == 200 and found.json()


# --------------------------------------------------------------------------- a cables.csv of 5,000 rows


def short_cable(row: int) -> str:
    return (f"UNCLASSIFIED TALLINN {row:06d}\n\nSUBJECT: ROW {row} SAYS \"HELLO\\\\\", AND GOODBYE\n\n"
            f"1. Row {row}, first paragraph;\na second line with a backslash \\ and \"quotes\".\n")


def test_a_cables_csv_of_5000_rows_converts_row_by_row_in_order(tmp_path: Path) -> None:
    source = tmp_path / "cables.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, doublequote=False, escapechar="\\", lineterminator="\n")
        for row in range(1, 5001):
            writer.writerow([row, f"2008-01-{1 + row % 28:02d} 10:00", f"08TALLINN{row}", "Embassy Tallinn",
                             "UNCLASSIFIED", f"08STATE{row} 07TALLINN{row}", "", short_cable(row)])
    out = tmp_path / "out.jsonl"
    done = cablekit_cli("convert", str(source), "-o", str(out), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    cables = [cablekit.loads(line, "json") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(cables) == 5000
    for row, cable in enumerate(cables, start=1):
        assert cable.reference_id == f"08TALLINN{row}"
        assert cable.subject == f'ROW {row} SAYS "HELLO\\\\", AND GOODBYE'
        assert cable.metadata is not None and cable.metadata.references == (f"08STATE{row}", f"07TALLINN{row}")
        assert cable.metadata.created is not None and cable.metadata.created.day == 1 + row % 28


# --------------------------------------------------------------------------- outputs from the examples


@pytest.mark.parametrize(("suffix", "check"), [
    (".jsonl", lambda p: len(p.read_text(encoding="utf-8").splitlines())),
    (".parquet", lambda p: parquet.read_table(p / "cables.parquet").num_rows),
    (".sqlite", lambda p: sqlite3.connect(p).execute("SELECT count(*) FROM cables").fetchone()[0]),
])
def test_the_examples_convert_to_each_output(tmp_path: Path, suffix: str, check: Any) -> None:
    out = tmp_path / f"examples{suffix}"
    done = cablekit_cli("convert", str(EXAMPLES), "-o", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert check(out) == 5
    again = cablekit_cli("convert", str(EXAMPLES), "-o", str(out))
    assert again.returncode == 2 and "--overwrite" in again.stderr and "Traceback" not in again.stderr
    assert cablekit_cli("convert", str(EXAMPLES), "-o", str(out), "--overwrite").returncode == 0


def test_a_serializer_writes_a_folder_of_files(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    done = cablekit_cli("convert", str(EXAMPLES), "--format", "markdown", "-o", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{p.stem}.md" for p in EXAMPLES.glob("*.txt"))
    assert (out / "07MOSCOW4185.md").read_text(encoding="utf-8").startswith("# SCO: NO PLANS")


# --------------------------------------------------------------------------- behaviour


def test_strict_rejections_exit_1_and_go_to_the_errors_file(tmp_path: Path) -> None:
    errors = tmp_path / "rejected.jsonl"
    out = tmp_path / "clean.jsonl"
    done = cablekit_cli("convert", str(EXAMPLES), "--strict", "--errors", str(errors), "-o", str(out))
    assert done.returncode == 1, done.stderr
    rejected = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    kept = out.read_text(encoding="utf-8").splitlines()
    assert len(rejected) + len(kept) == 5 and rejected
    assert all(entry["defects"] and entry["message"] and entry["key"].startswith(str(EXAMPLES))
               for entry in rejected)
    assert f"{len(rejected)} rejected" in done.stderr


def test_an_unreadable_input_exits_2_and_the_rest_is_converted(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = cablekit_cli("convert", str(tmp_path / "missing.txt"), str(EXAMPLES / "07MOSCOW4185.txt"),
                        "-o", str(out))
    assert done.returncode == 2
    assert "missing.txt: cannot open" in done.stderr and "Traceback" not in done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize("argv", [["convert", "x.txt"], ["convert", "x.txt", "-o", "out.unknown"],
                                  ["convert", "x.txt", "-o", "o.jsonl", "--jobs", "0"]])
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    done = cablekit_cli(*argv, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr


def test_input_that_is_no_cable_is_counted_as_such(tmp_path: Path) -> None:
    binary = tmp_path / "program.bin"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    out = tmp_path / "out.jsonl"
    done = cablekit_cli("convert", str(binary), str(EXAMPLES / "07MOSCOW4185.txt"), "-o", str(out))
    assert done.returncode == 0
    assert "2 cables, 0 rejected, 1 not a cable" in done.stderr


def test_audit_prints_the_tables_and_writes_the_page(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    done = cablekit_cli("audit", str(EXAMPLES), "--html", str(page))
    assert done.returncode == 0, done.stderr
    assert "5 cables" in done.stdout and "subject" in done.stdout.lower()
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_a_terminal_cannot_encode_is_escaped(tmp_path: Path) -> None:
    text = "UNCLAS ROME 000123\n\nSUBJECT: CAFÉ ¶ TALKS\n\n¶1. Text.\n"
    source = tmp_path / "cafe.txt"
    source.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = cablekit_cli("audit", str(source), env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr


def big_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, doublequote=False, escapechar="\\", lineterminator="\n")
        text = (EXAMPLES / "07MOSCOW4185.txt").read_text(encoding="utf-8")
        for row in range(1, rows + 1):
            writer.writerow([row, "2007-08-27 14:01", f"07MOSCOW{row}", "Embassy Moscow", "CONFIDENTIAL", "", "",
                             text])


def interrupt_when(path: Path, ready: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """Start ``cablekit convert ARGS``, and press Ctrl-C (SIGINT to its process group) once *ready*(path)."""
    process = subprocess.Popen([sys.executable, "-m", "cablekit", "convert", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not ready(path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_ctrl_c_leaves_complete_json_lines(tmp_path: Path) -> None:
    source = tmp_path / "cables.csv"
    big_csv(source, 4000)
    out = tmp_path / "out.jsonl"
    done = interrupt_when(out, lambda p: p.exists() and p.stat().st_size > 100_000,
                          str(source), "-o", str(out), "--jobs", "2")
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "interrupted" in done.stderr
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # ends with a complete line
    cables = [cablekit.loads(line, "json") for line in lines[:-1]]
    assert 0 < len(cables) < 4000
    assert [c.metadata.identifier for c in cables if c.metadata] == [f"07MOSCOW{n}" for n in range(1, len(cables) + 1)]


def test_ctrl_c_leaves_committed_sqlite_rows(tmp_path: Path) -> None:
    source = tmp_path / "cables.csv"
    big_csv(source, 4000)
    out = tmp_path / "out.sqlite"

    def committed(path: Path) -> bool:
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                return bool(db.execute("SELECT count(*) FROM cables").fetchone()[0])
        except sqlite3.Error:
            return False

    done = interrupt_when(out, committed, str(source), "-o", str(out), "--jobs", "2")
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    with sqlite3.connect(out) as db:
        count = db.execute("SELECT count(*) FROM cables").fetchone()[0]
        found = db.execute("SELECT count(*) FROM cables_fts WHERE cables_fts MATCH 'SCO'").fetchone()[0]
    assert 0 < count < 4000 and found == count


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    source = tmp_path / "cables.csv"
    big_csv(source, 300)
    shell = f"{sys.executable} -m cablekit parse {source} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(f"{source}#1: 07MOSCOW4185  2007-08-27T14:01Z")


def test_an_errors_file_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    done = cablekit_cli("convert", str(EXAMPLES), "-o", str(tmp_path / "out.jsonl"),
                        "--errors", str(tmp_path / "no-such-folder" / "rejected.jsonl"))
    assert done.returncode == 2 and "Traceback" not in done.stderr and "rejected.jsonl" in done.stderr


def test_paths_on_standard_input_convert_in_their_order(tmp_path: Path) -> None:
    paths = sorted(EXAMPLES.glob("*.txt"), reverse=True)
    out = tmp_path / "out.jsonl"
    done = cablekit_cli("convert", "--files-from", "-", "-o", str(out), "--jobs", "2",
                        input="".join(f"{path}\n" for path in paths))
    assert done.returncode == 0, done.stderr
    cables = [cablekit.loads(line, "json") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [c.reference_id for c in cables] == [path.stem for path in paths]


def test_the_readme_converts_the_corpus_this_file_tests() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = ("cablekit convert ../shared/corpus/{text,html,json,csv} ../shared/corpus/wikileaks/pages.jsonl "
               "-o corpus.sqlite --overwrite")
    assert command in readme  # the same inputs as corpus_inputs(), which the tests above convert
    assert [name.split("/")[-1] for name in corpus_inputs(Path("corpus"))] == ["text", "html", "json", "csv",
                                                                              "pages.jsonl"]
