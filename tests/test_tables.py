"""Tables: the declared columns, the rows of a cable, and the notebook API (records, Arrow, pandas)."""

from __future__ import annotations

import itertools
import json
import pickle
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import cablekit
from builders import cable as make_cable
from builders import make_head, paras
from cablekit import DEFECT_CODES, Cable
from cablekit.tables import KINDS, TABLES, arrow, arrow_schema, arrow_tables, dataframe, records, rows, to_arrow

pa = pytest.importorskip("pyarrow", reason="the test extra installs it")
pd = pytest.importorskip("pandas", reason="the test extra installs it")

PLAIN = {"text": (str,), "integer": (int,), "boolean": (bool,), "timestamp": (datetime,), "date": (date,)}


def _held(cable: Cable) -> dict[str, int]:
    """How many rows of each table the cable holds, counted from the cable itself."""
    header = cable.header
    recipients = len(header.recipients) + len(header.info_recipients) if header else 0
    return {"cables": 1, "paragraphs": len(cable.paragraphs), "references": len(cable.references),
            "recipients": recipients, "tags": len(cable.tags), "defects": len(cable.defects)}


def _assert_plain(tables: dict[str, list[dict[str, object]]]) -> None:
    """Every row has exactly the declared columns, each value of its declared kind (or None)."""
    for name, table_rows in tables.items():
        columns = TABLES[name]
        names = [c.name for c in columns]
        for row in table_rows:
            assert list(row) == names, name
            for column in columns:
                value = row[column.name]
                if value is None:
                    continue
                assert isinstance(value, PLAIN[column.type]), (name, column.name, value)
                if column.type == "integer":
                    assert not isinstance(value, bool), (name, column.name)
                if column.type == "timestamp":
                    assert isinstance(value, datetime) and value.utcoffset() is not None
                    assert value.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
                if column.type == "date":
                    assert not isinstance(value, datetime)


@pytest.fixture(scope="module")
def made_up() -> list[Cable]:
    """Made-up cables: a full one, one without header or head, one with a damaged marker, and no cable."""
    return [
        cablekit.parse(make_cable()),
        cablekit.parse(make_cable(header=None, head="", body=paras("1. (U) Plain words only."))),
        cablekit.parse(make_cable(head=make_head(tags="TAGS: PREL, SMITH, JOHN"),
                                  body=paras("[1](#)1. (C) A linked marker.", "2. (C) Second."))),
        cablekit.parse("hello, this is no cable at all"),
    ]


def test_tables_are_declared_consistently() -> None:
    assert list(TABLES) == ["cables", "paragraphs", "references", "recipients", "tags", "defects"]
    for name, columns in TABLES.items():
        names = [c.name for c in columns]
        assert names[:2] == ["key", "reference_id"], name
        assert len(set(names)) == len(names), name
        assert all(c.type in KINDS and c.description for c in columns), name


def test_rows_hold_what_the_cable_holds(made_up: list[Cable]) -> None:
    for position, cable in enumerate(made_up):
        tables = rows(cable, key=f"k{position}", source="made-up.txt", row=position)
        _assert_plain(tables)
        assert {name: len(table_rows) for name, table_rows in tables.items()} == _held(cable)
        assert all(r["key"] == f"k{position}" and r["reference_id"] == cable.reference_id
                   for table_rows in tables.values() for r in table_rows)
        row = tables["cables"][0]
        assert (row["source"], row["row"], row["subject"]) == ("made-up.txt", position, cable.subject)
        assert row["paragraphs"] == len(cable.paragraphs) and row["defects"] == len(cable.defects)
        assert row["damage"] == sum(DEFECT_CODES[d.code].damage for d in cable.defects)
        assert row["not_a_cable"] == any(d.code == "no-cable" for d in cable.defects)
        assert all(p.text in str(row["body"]) for p in cable.paragraphs)
        assert [t["code"] for t in tables["tags"]] == [t.code for t in cable.tags]
        assert [p["position"] for p in tables["paragraphs"]] == list(range(1, len(cable.paragraphs) + 1))


def test_cable_row_facts(made_up: list[Cable]) -> None:
    full = rows(made_up[0], key="k")
    cable = made_up[0]
    row = full["cables"][0]
    assert cable.header is not None and cable.header.dtg is not None
    assert row["date"] == cable.header.dtg and row["year"] == cable.header.dtg.year
    assert row["tags"] == " ".join(t.code for t in cable.tags)
    assert [r["role"] for r in full["recipients"]] == ["to"] * len(cable.header.recipients) + \
        ["info"] * len(cable.header.info_recipients)
    assert [r["cited_id"] for r in full["references"]] == [r.cable_id for r in cable.references]
    assert rows(made_up[3], key="k")["cables"][0]["not_a_cable"] is True


def test_date_falls_back_to_the_publication() -> None:
    created = datetime(2009, 5, 4, 3, 2, tzinfo=UTC)
    cable = Cable(subject="X", metadata=cablekit.Metadata(created=created, origin="Embassy Somewhere"))
    row = rows(cable, key="k")["cables"][0]
    assert (row["date"], row["year"], row["origin"]) == (created, 2009, "Embassy Somewhere")


def test_rows_pickle_as_plain_data(made_up: list[Cable]) -> None:
    tables = rows(made_up[0], key="k")
    assert pickle.loads(pickle.dumps(tables)) == tables
    assert "cablekit" not in pickle.dumps(tables).decode("latin-1")  # no cablekit objects inside


def test_records_keys() -> None:
    a, b = Cable(reference_id="08STATE1"), Cable(reference_id="08STATE1")
    assert [r["key"] for r in records([a, b])["cables"]] == ["1", "2"]
    assert [r["key"] for r in records([("x.txt", a), b])["cables"]] == ["x.txt", "2"]
    with pytest.raises(TypeError):
        records(["not a cable"])  # type: ignore[list-item]


def test_arrow_and_dataframe(made_up: list[Cable]) -> None:
    tables = arrow_tables(made_up)
    for name, table in tables.items():
        assert table.schema.equals(arrow_schema(name))
        assert table.num_rows == sum(_held(c)[name] for c in made_up)
    schema = arrow_schema("cables")
    assert schema.field("date").type == pa.timestamp("us", tz="UTC")
    assert schema.field("paragraphs").type == pa.int64() and schema.field("not_a_cable").type == pa.bool_()
    assert arrow(made_up, "paragraphs").equals(tables["paragraphs"])
    frame = dataframe(made_up)
    assert list(frame.columns) == [c.name for c in TABLES["cables"]] and len(frame) == len(made_up)
    assert str(frame["date"].dtype) == "datetime64[us, UTC]"
    assert str(frame["paragraphs"].dtype) == "Int64" and str(frame["not_a_cable"].dtype) == "boolean"
    assert frame["row"].isna().all()  # missing integers stay missing
    assert list(frame["subject"].fillna("")) == [c.subject or "" for c in made_up]
    with pytest.raises(ValueError, match="unknown table"):
        arrow(made_up, "cable")


def _corpus_cables(corpus: Path, pages: int = 300) -> list[tuple[str, Cable]]:
    files = sorted(p for folder in ("text", "html", "json", "csv") for p in (corpus / folder).glob("*")
                   if p.is_file())
    found = [(p.relative_to(corpus).as_posix(), cablekit.parse(p.read_bytes().decode("utf-8", "replace")))
             for p in files]
    with (corpus / "wikileaks" / "pages.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(itertools.islice(lines, pages), 1):
            found.append((f"wikileaks/pages.jsonl#{number}", cablekit.parse(json.loads(line)["html"])))
    return found


def test_corpus_rows_and_arrow(corpus_dir: Path) -> None:
    cables = _corpus_cables(corpus_dir)
    assert len(cables) > 400
    tables = records(cables)
    _assert_plain(tables)
    for name, table_rows in tables.items():
        assert len(table_rows) == sum(_held(c)[name] for _, c in cables), name
        assert to_arrow(name, table_rows).num_rows == len(table_rows)
    assert len({r["key"] for r in tables["cables"]}) == len(cables)
