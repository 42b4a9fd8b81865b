"""What :func:`cablekit.io.read` returns, given to :func:`cablekit.job.parse_records` with two workers.

The workers then decode and build the records themselves (from raw CSV rows, JSON lines and whole
files); these tests check that nothing changes for the caller: the same records in the same order,
with the same keys, lines and defects, and the same errors reported to *on_error* at the same places
between the records.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import cable, make_header
from cablekit.io import Record, SourceError, read
from cablekit.job import Parsed, parse_records
from cablekit.model import Cable

CABLE = "UNCLAS ROME 000{n:03d}\n\nSUBJECT: TALKS NUMBER {n}\n\n1. Text of cable {n}.\n"


def several(serials: tuple[int, ...]) -> str:
    """One text of several cables, which the reader cuts (the Tallinn cables of ``test_io``)."""
    return "\n".join(cable(header=make_header(de=f"DE RUEHTL #{serial:04d}/01 0731025"),
                           banner=f"C O N F I D E N T I A L TALLINN {serial:06d}") for serial in serials)


def the_record(record: Record, cable: Cable) -> Record:
    """A *prepare* function handing back the record the worker built."""
    return record


def events(sources: list[str], *, jobs: int) -> list[tuple[Any, ...]]:
    """The records and the errors, in the order the caller sees them."""
    seen: list[tuple[Any, ...]] = []

    def on_error(source: str, error: Exception) -> None:
        assert isinstance(error, SourceError)
        cause = type(error.__cause__).__name__ if error.__cause__ is not None else None
        seen.append(("error", source, str(error), error.line, cause))

    reading = read(sources, on_error=on_error)
    if jobs == 1:  # the plain reader, one record after the other
        for record in reading:
            seen.append(("record", record))
        return seen
    for parsed in parse_records(reading, jobs=jobs, prepare=the_record):
        seen.append(("record", parsed.value))
    return seen


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, doublequote=False, escapechar="\\", lineterminator="\n")
    writer.writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))


@pytest.fixture
def mixed(tmp_path: Path) -> list[str]:
    """Every kind of source, with errors among them."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-three.txt").write_text(several((412, 413, 414)), encoding="utf-8")
    (folder / "b-page.html").write_text("<html><body><pre>" + CABLE.format(n=4) + "</pre></body></html>")
    lines = [json.dumps({"refid": "09ROME5", "text": CABLE.format(n=5)}), "{not json", "",
             json.dumps(["an", "array"]), json.dumps({"text": CABLE.format(n=6), "date": "2009-01-02"})]
    (folder / "c-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_csv(folder / "d-rows.csv", [["id", "date", "refid", "origin", "classification", "references", "header",
                                       "body"],
                                      ["1", "2009-01-02 03:04", "09ROME7", "Embassy Rome", "SECRET", "", "",
                                       CABLE.format(n=7)],
                                      ["2", "too few fields"],
                                      ["3", "2009-01-03 03:04", "09ROME8", "Embassy Rome", "UNCLASSIFIED", "", "",
                                       CABLE.format(n=8) + "DÉMARCHE"]], encoding="cp1252")
    (folder / "e-array.json").write_text(json.dumps([{"text": CABLE.format(n=9)}, {"text": CABLE.format(n=10)}]))
    (tmp_path / "f-bad.json").write_text(json.dumps([{"text": CABLE.format(n=11)}, "not an object"]))
    return [str(folder), str(tmp_path / "missing.txt"), str(tmp_path / "f-bad.json")]


def test_the_workers_build_the_same_records_and_report_the_same_errors_in_place(mixed: list[str]) -> None:
    alone = events(mixed, jobs=1)
    in_workers = events(mixed, jobs=2)
    assert in_workers == alone
    records = [event[1] for event in alone if event[0] == "record"]
    assert [record.key for record in records][:3] == [f"{mixed[0]}/a-three.txt#{n}" for n in (1, 2, 3)]
    assert all(any(d.code == "several-cables" for d in record.defects) for record in records[:3])
    assert any(any(d.code == "encoding-guessed" for d in record.defects) for record in records)
    errors = [event for event in alone if event[0] == "error"]
    assert [(Path(e[1]).name, e[3], e[4]) for e in errors] == [
        ("c-lines.jsonl", 2, "JSONDecodeError"), ("c-lines.jsonl", 4, None),
        ("d-rows.csv", 2 + CABLE.format(n=7).count("\n") + 1, None),  # the header row, the first row's lines
        ("missing.txt", None, "FileNotFoundError"), ("f-bad.json", None, None)]
    kinds = [event[0] for event in alone]
    assert kinds.index("error") > 0 and kinds[-1] == "error"  # between the records, where they were found


def test_without_on_error_the_first_error_is_raised_after_the_records_before_it(tmp_path: Path) -> None:
    source = tmp_path / "lines.jsonl"
    source.write_text(json.dumps({"text": CABLE.format(n=1)}) + "\n[1, 2\n" + json.dumps({"text": "x"}) + "\n")
    seen: list[Parsed[Any]] = []
    with pytest.raises(SourceError) as raised:
        seen.extend(parse_records(read([source]), jobs=2))
    assert [parsed.key for parsed in seen] == [f"{source}#1"]
    assert raised.value.line == 2 and isinstance(raised.value.__cause__, json.JSONDecodeError)


def test_a_source_error_pickles_with_its_place_and_cause() -> None:
    error = SourceError("a.jsonl", "not a JSON object", line=7)
    error.__cause__ = ValueError("bad")
    back = pickle.loads(pickle.dumps(error))
    assert (type(back), str(back), back.source, back.line) == (SourceError, str(error), "a.jsonl", 7)
    assert isinstance(back.__cause__, ValueError) and str(back.__cause__) == "bad"


def test_a_reading_already_started_is_parsed_from_where_it_is(tmp_path: Path) -> None:
    source = tmp_path / "three.txt"
    source.write_text(several((412, 413, 414)), encoding="utf-8")
    reading = read([source])
    first = next(reading)
    rest = [parsed.key for parsed in parse_records(reading, jobs=2)]
    assert [first.key, *rest] == [f"{source}#{n}" for n in (1, 2, 3)]


LINE = st.one_of(
    st.builds(lambda n, title: json.dumps({"text": CABLE.format(n=n), "title": title}),
              st.integers(0, 999), st.text(max_size=20)),
    st.sampled_from(["{", "[]", "3", "   ", '{"html": "<html>' + CABLE.format(n=1) + '</html>"}']),
    st.text(alphabet="{}[]\":, ab\u00e9", max_size=12),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, max_size=12))
def test_any_json_lines_give_the_same_records_and_errors_in_workers(tmp_path: Path, lines: list[str]) -> None:
    source = tmp_path / "any.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert events([str(source)], jobs=2) == events([str(source)], jobs=1)
