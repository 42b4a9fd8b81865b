"""The readers of :mod:`cablekit.io`: one record per cable, in order, with where it came from.

Made-up cables in the shape of real ones (``builders``), and the real corpus
(skipped when ``../shared/corpus`` is absent) made into a ``cables.csv`` of the
release's shape, JSON lines, a directory tree and a list of paths.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import BODY, cable, make_head, make_header
from cablekit import parse
from cablekit.io import SAMPLE_SIZE, Record, SourceError, decode, paths_from, read
from cablekit.wrappers import parse_date

ROOT = Path(__file__).resolve().parent.parent
LINE_END = re.compile(r"\r\n|\r|\n")


def release_csv(rows: list[list[str]]) -> tuple[str, list[int]]:
    """*rows* written as the release's ``cables.csv`` (no header row, backslash escapes), and each row's line.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as the reader counts them.
    """
    written: list[str] = []
    lines = []
    line = 1
    for row in rows:
        out = io.StringIO()
        csv.writer(out, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n").writerow(row)
        lines.append(line)
        line += len(LINE_END.findall(out.getvalue()))
        written.append(out.getvalue())
    return "".join(written), lines


def collect(sources: list[str], **kwargs: object) -> tuple[list[Record], list[tuple[str, Exception]]]:
    errors: list[tuple[str, Exception]] = []
    records = list(read(sources, on_error=lambda source, error: errors.append((source, error)), **kwargs))  # type: ignore[arg-type]
    return records, errors


# --------------------------------------------------------------------------- cables.csv

def corpus_parts(corpus: Path) -> list[tuple[str, str]]:
    """(header, body) of the corpus's CSV rows and JSON records, and ("", text) of its text files."""
    parts = []
    for folder in ("csv", "json"):
        for path in sorted((corpus / folder).glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            parts.append((record.get("header") or "", record.get("body") or record.get("text") or ""))
    for path in sorted((corpus / "text").glob("*.txt")):
        parts.append(("", decode(path.read_bytes())[0].replace("\x00", "")))
    return parts


def test_cables_csv_of_5000_rows_comes_back_row_by_row(corpus_dir: Path, tmp_path: Path) -> None:
    parts = corpus_parts(corpus_dir)
    rows = []
    for i in range(5000):
        header, body = parts[i % len(parts)]
        number = i + 1
        body = f'{body[:3000]}\n\nROW {number}: a \\ backslash, a \\" quote, "" two, a comma,\nand a line'
        if number == 2500:
            body = (body + "\n") * (210_000 // len(body) + 1)
        year = 60 + i % 40
        rows.append([str(number), f"{1 + i % 12}/{1 + i % 28}/19{year} {i % 24:02d}:{i % 60:02d}",
                     f"{year}TESTPOST{number}", f"Embassy Test {number}", ("SECRET", "UNCLASSIFIED")[i % 2],
                     f"{year}STATE{number + 7},{year}TESTPOST{number + 1}" if i % 3 else "", header, body])
    assert max(len(row[7]) for row in rows) > 200_000
    text, lines = release_csv(rows)
    path = tmp_path / "cables.csv"
    path.write_text(text, encoding="utf-8")
    with gzip.open(tmp_path / "copy.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        handle.write(text)

    records, errors = collect([str(path)])
    assert not errors
    assert len(records) == len(rows)
    for record, row, line in zip(records, rows, lines, strict=True):
        number, date, refid, origin, classification, references, header, body = row
        assert (record.row, record.line, record.format) == (int(number), line, "csv")
        assert record.reference_id == refid and record.metadata is not None
        assert record.metadata.identifier == refid
        assert record.metadata.created == parse_date(date)
        assert (record.metadata.origin, record.metadata.classification) == (origin, classification)
        assert record.metadata.references == tuple(references.split(",") if references else ())
        assert record.text == (f"{header}\n\n{body}" if header else body)
    zipped, errors = collect([str(tmp_path / "copy.csv.gz")])
    assert not errors and [r.text for r in zipped] == [r.text for r in records]

    for record in [*records[::50], records[2499]]:
        cable = record.parse()
        assert cable.metadata is not None and cable.metadata.origin == record.metadata.origin  # type: ignore[union-attr]
        assert cable.metadata.references == record.metadata.references  # type: ignore[union-attr]
        alone = parse(record.text)
        assert (cable.subject, cable.paragraphs) == (alone.subject, alone.paragraphs)


def test_csv_fields_with_backslashes_quotes_and_newlines_round_trip(tmp_path: Path) -> None:
    body = 'C:\\TEMP \\ a \\" b "" c, d\ne\r\n"f"\\'
    text, _ = release_csv([["1", "2009-01-02 03:04", "09ROME12", "Embassy Rome", "SECRET", "", "H", body]])
    (tmp_path / "a.csv").write_text(text, encoding="utf-8", newline="")
    plain = 'a "" b, c\n"d"'
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(
        ["2", "2009-01-02", "09ROME13", "Embassy Rome", "SECRET", "", "", plain])
    (tmp_path / "b.csv").write_text(out.getvalue(), encoding="utf-8")
    records, errors = collect([str(tmp_path / "a.csv"), str(tmp_path / "b.csv")])
    assert not errors
    assert [r.text for r in records] == [f"H\n\n{body}", plain]


def test_csv_with_a_header_row_and_a_bad_row_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_text('refid,date,origin,text\n09ROME1,2009-01-02,Embassy Rome,"UNCLAS ROME 000001"\n'
                    '09ROME2,2009-01-03\n09ROME3,2009-01-04,Embassy Rome,"UNCLAS ROME 000003"\n', encoding="utf-8")
    records, errors = collect([str(path)])
    assert [(r.reference_id, r.row, r.line, r.text) for r in records] == [
        ("09ROME1", 1, 2, "UNCLAS ROME 000001"), ("09ROME3", 3, 4, "UNCLAS ROME 000003")]
    assert len(errors) == 1 and isinstance(errors[0][1], SourceError) and errors[0][1].line == 3
    with pytest.raises(SourceError, match="row 2 has 2 fields"):
        list(read([str(path)]))


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
                min_size=1, max_size=8))
def test_any_list_of_bodies_written_as_csv_comes_back_in_order(bodies: list[str]) -> None:
    rows = [[str(i), "2009-01-02", f"09ROME{i}", "Embassy Rome", "SECRET", "", "", body]
            for i, body in enumerate(bodies, start=1)]
    text, lines = release_csv(rows)
    stream = io.BytesIO(text.encode("utf-8"))
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(stream)
    try:
        records = list(read(["-"], format="csv"))
    finally:
        sys.stdin = old
    assert [(r.row, r.line, r.text, r.source) for r in records] == [
        (i, line, body, "<stdin>") for i, (body, line) in enumerate(zip(bodies, lines, strict=True), start=1)]


# --------------------------------------------------------------------------- JSON lines, JSON, directories

def test_json_lines_of_pages_with_a_bad_line(corpus_dir: Path, tmp_path: Path) -> None:
    lines = (corpus_dir / "wikileaks" / "pages.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    lines.insert(150, '{"reference_id": "09ROME1", "html": ')
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, errors = collect([str(path)])
    assert len(records) == 300 and len(errors) == 1 and errors[0][1].line == 151  # type: ignore[attr-defined]
    expected = [json.loads(line) for i, line in enumerate(lines) if i != 150]
    for record, page, line in zip(records, expected, [i + 1 for i in range(len(lines)) if i != 150], strict=True):
        assert (record.format, record.line, record.text) == ("html", line, page["html"])
        assert record.reference_id == page["reference_id"] and record.metadata is not None
        assert record.metadata.created == parse_date(page["created"])
        assert record.metadata.origin == page["origin"]
    for record in records[::60]:
        assert record.parse().reference_id == record.reference_id


def test_a_directory_tree_is_walked_in_order(tmp_path: Path) -> None:
    text = cable()
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / "b" / "08TALLINN412.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a" / ".hidden" / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a" / ".x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a" / "notes.bin").write_bytes(b"\x7fELF")
    (tmp_path / "a" / "c.json").write_text(json.dumps([{"refid": "08TALLINN1", "body": text}] * 2),
                                           encoding="utf-8")
    with gzip.open(tmp_path / "a" / "d.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "08TALLINN2", "text": text}) + "\n\n" + json.dumps({"text": text}) + "\n")
    (tmp_path / "z.html").write_text(f"<html><body><pre>{text}</pre></body></html>", encoding="utf-8")
    records, errors = collect([str(tmp_path)])
    assert not errors
    assert [(Path(r.source).relative_to(tmp_path).as_posix(), r.row, r.format) for r in records] == [
        ("a/b/08TALLINN412.txt", None, "text"), ("a/c.json", 1, "json"), ("a/c.json", 2, "json"),
        ("a/d.jsonl.gz", 1, "jsonl"), ("a/d.jsonl.gz", 2, "jsonl"), ("z.html", None, "html")]
    assert records[0].reference_id == "08TALLINN412" and records[0].key == records[0].source
    assert records[3].line == 1 and records[4].line == 3 and records[3].key.endswith("d.jsonl.gz#1")
    assert {r.parse().subject for r in records} == {parse(text).subject}
    globbed, _ = collect([str(tmp_path / "**" / "*.json*")])
    assert [r.key for r in globbed] == [r.key for r in records[1:5]]


def test_missing_sources_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "08TALLINN412.txt"
    good.write_text(cable(), encoding="utf-8")
    records, errors = collect([str(tmp_path / "missing.txt"), str(tmp_path / "nothing*.csv"), str(good)])
    assert [r.source for r in records] == [str(good)]
    assert [source for source, _ in errors] == [str(tmp_path / "missing.txt"), str(tmp_path / "nothing*.csv")]
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b" + b"not gzip at all")
    with pytest.raises(SourceError):
        list(read([str(tmp_path / "bad.txt.gz")]))


def test_paths_on_standard_input(tmp_path: Path) -> None:
    paths = []
    for number in (412, 413):
        path = tmp_path / f"08TALLINN{number}.txt"
        path.write_text(cable(banner=f"C O N F I D E N T I A L TALLINN 000{number}"), encoding="utf-8")
        paths.append(str(path))
    listing = f"{paths[0]}\n\n  {paths[1]}  \n"
    assert list(paths_from(io.StringIO(listing))) == paths
    assert list(paths_from(io.BytesIO(listing.encode()))) == paths
    code = ("import sys, cablekit.io as i; "
            "print(*[r.parse().reference_id for r in i.read(i.paths_from(sys.stdin.buffer))])")
    result = subprocess.run([sys.executable, "-c", code], input=listing.encode(), capture_output=True,
                            check=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert result.stdout.decode().split() == ["08TALLINN412", "08TALLINN413"]


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_bytes_that_are_not_utf8_are_decoded_with_a_defect(tmp_path: Path, encoding: str) -> None:
    text = cable(body="1. (C) The D\u00e9marche on the caf\u00e9 r\u00e9sum\u00e9 was na\u00efve.\n")
    path = tmp_path / "08TALLINN412.txt"
    path.write_bytes(text.encode(encoding))
    [record] = read([str(path)])
    assert record.text == text
    codes = [d.code for d in record.defects]
    assert codes == ([] if encoding == "utf-8-sig" else ["encoding-guessed"])
    assert record.parse().defects[:len(codes)] == record.defects


def test_a_binary_file_is_no_cable(tmp_path: Path) -> None:
    path = tmp_path / "a.out"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    [record] = read([str(path)])
    assert "not text" in record.defects[0].message
    cable_ = record.parse()
    assert "no-cable" in [d.code for d in cable_.defects] and cable_.reference_id is None


def test_a_csv_in_windows_1252_and_a_stray_byte_after_the_sample(tmp_path: Path) -> None:
    text, _ = release_csv([["1", "2009-01-02", "09ROME1", "Embassy Rome", "SECRET", "", "", "D\u00c9MARCHE"],
                           ["2", "2009-01-02", "09ROME2", "Embassy Rome", "SECRET", "", "", "plain"]])
    (tmp_path / "a.csv").write_bytes(text.encode("cp1252"))
    records, _ = collect([str(tmp_path / "a.csv")])
    assert [r.text for r in records] == ["D\u00c9MARCHE", "plain"]
    assert all([d.code for d in r.defects] == ["encoding-guessed"] for r in records)
    padding = "x" * (SAMPLE_SIZE + 10)
    text, _ = release_csv([["1", "2009-01-02", "09ROME1", "Embassy Rome", "SECRET", "", "", padding],
                           ["2", "2009-01-02", "09ROME2", "Embassy Rome", "SECRET", "", "", "D\u00c9MARCHE"],
                           ["3", "2009-01-02", "09ROME3", "Embassy Rome", "SECRET", "", "", "caf\u00e9"]])
    (tmp_path / "b.csv").write_bytes(text.encode("utf-8").replace("\u00c9".encode(), b"\xc9"))
    records, _ = collect([str(tmp_path / "b.csv")])
    assert [r.text for r in records] == [padding, "D\u00c9MARCHE", "caf\u00e9"]
    assert [[d.code for d in r.defects] for r in records] == [[], ["encoding-guessed"], []]


# --------------------------------------------------------------------------- several cables in one text

def tallinn(serial: int, *, sections: int | None = None, header: bool = True) -> str:
    banner = (f"C O N F I D E N T I A L SECTION 01 OF {sections:02d} TALLINN {serial:06d}" if sections
              else f"C O N F I D E N T I A L TALLINN {serial:06d}")
    head = make_header(de=f"DE RUEHTL #{serial:04d}/01 0731025") if header else None
    return cable(header=head, banner=banner)


@pytest.mark.parametrize("header", [True, False])
def test_three_cables_in_one_text_are_cut(tmp_path: Path, header: bool) -> None:
    texts = [tallinn(serial, header=header) for serial in (412, 413, 414)]
    path = tmp_path / "many.txt"
    path.write_text("\n".join(texts), encoding="utf-8")
    records, errors = collect([str(path)])
    assert not errors and len(records) == 3
    line = 1
    for number, (record, text) in enumerate(zip(records, texts, strict=True), start=1):
        assert (record.row, record.line) == (number, line)
        assert record.text.strip("\n") == text.strip("\n")
        assert [d.code for d in record.defects] == ["several-cables"]
        parsed = record.parse()
        assert parsed.banner is not None and parsed.banner.serial == 411 + number
        line += text.count("\n") + 1


def test_sections_and_a_head_printed_twice_do_not_cut(tmp_path: Path) -> None:
    banner = "C O N F I D E N T I A L SECTION {} OF 03 TALLINN 000412"
    sections = cable(header=make_header(), banner=banner.format("01"), body=BODY, signer=None)
    sections += "\n" + banner.format("02") + "\n\n" + BODY + "\n" + banner.format("03") + "\n\n" + BODY
    twice = cable(header=make_header(), banner=banner.format("01"), head=make_head() + "\n" + banner.format("01")
                  + "\n\n" + make_head())
    resent = sections + "\n" + make_header(de="DE RUEHTL #0412/02 0731025") + "\n" + banner.format("02") + "\n\n"
    for number, text in enumerate((sections, twice, resent)):
        path = tmp_path / f"{number}.txt"
        path.write_text(text, encoding="utf-8")
        [record] = read([str(path)])
        assert record.defects == () and record.row is None


def test_a_text_it_cannot_cut_is_reported_loudly(tmp_path: Path) -> None:
    banners = "\n".join(f"C O N F I D E N T I A L TALLINN {serial:06d}" for serial in (412, 413, 414))
    path = tmp_path / "08TALLINN412.txt"
    path.write_text(banners + "\n\n" + make_head() + "\n" + BODY, encoding="utf-8")
    [record] = read([str(path)])
    assert [d.code for d in record.defects] == ["several-cables"]
    assert "could not separate" in record.defects[0].message and "1 more" in record.defects[0].message
    assert record.parse().defects[0] == record.defects[0]


def test_an_html_file_of_several_pages_is_cut(tmp_path: Path) -> None:
    pages = [f"<html><body><pre>{tallinn(serial)}</pre></body></html>\n" for serial in (412, 413)]
    path = tmp_path / "pages.html"
    path.write_text("".join(pages), encoding="utf-8")
    records = list(read([str(path)]))
    assert [(r.row, r.text) for r in records] == [(1, pages[0]), (2, pages[1])]
    assert [r.parse().reference_id for r in records] == ["08TALLINN412", "08TALLINN413"]


def test_a_header_with_blank_lines_inside_names_its_banner(tmp_path: Path) -> None:
    """VZCZC, a blank line, then the routing and DE lines: one header, whose DE serial is the banner's."""
    spaced = make_header(de="DE RUEHTL #0412/01 0731025").replace("VZCZCXRO5127\n", "\n\nVZCZCXRO5127\n\n", 1)
    text = cable(header=spaced, banner="C O N F I D E N T I A L SECTION 01 OF 02 TALLINN 000412")
    path = tmp_path / "spaced.txt"
    path.write_text(text, encoding="utf-8")
    [record] = read([str(path)])
    assert record.defects == ()


def test_a_tags_line_with_links_and_its_plain_copy_are_one_cable(tmp_path: Path) -> None:
    linked = "TAGS: " + " ".join(f"<a href='/tag/{code}_0.html'>{code}</a>" for code in ("PREL", "PGOV", "EN"))
    text = cable(header=make_header(), banner="C O N F I D E N T I A L TALLINN 000412",
                 head=linked + "\n\n" + make_head().replace("TAGS: PREL PGOV EN RS", "Tags: prel, pgov, en"))
    path = tmp_path / "twice.txt"
    path.write_text(text, encoding="utf-8")
    [record] = read([str(path)])
    assert record.defects == ()
    other = text.replace("Tags: prel, pgov, en", "Tags: econ, etrd")  # a TAGS line of another cable still warns
    path.write_text(other, encoding="utf-8")
    [record] = read([str(path)])
    assert [d.code for d in record.defects] == ["several-cables"]


def test_a_file_that_cannot_be_read_does_not_stop_its_folder(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")  # a bad JSON file first
    (tmp_path / "b.txt").write_text("UNCLAS ROME 000001\n\nSUBJECT: B\n", encoding="utf-8")
    (tmp_path / "c.json").write_bytes(b"\x1f\x8b broken gzip")
    (tmp_path / "d.txt").write_text("UNCLAS ROME 000002\n\nSUBJECT: D\n", encoding="utf-8")
    records, errors = collect([str(tmp_path)])
    assert [Path(r.source).name for r in records] == ["b.txt", "d.txt"]
    assert [Path(source).name for source, _ in errors] == ["a.json", "c.json"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("UNCLAS ROME 000001\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("UNCLAS ROME 000002\n", encoding="utf-8")
    records, errors = collect([str(tmp_path / "b.txt"), str(tmp_path), str(tmp_path / "*.txt")])
    assert not errors
    assert [Path(r.source).name for r in records] == ["b.txt", "a.txt"]


def test_a_record_of_metadata_alone_is_no_cable(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.jsonl"
    path.write_text('{"reference_id": "08TALLINN412", "classification": "CONFIDENTIAL", "origin": "Embassy Tallinn"}\n'
                    '{"reference_id": "08TALLINN413", "text": "C O N F I D E N T I A L TALLINN 000413"}\n',
                    encoding="utf-8")
    first, second = read([str(path)])
    assert first.text == "" and first.metadata is not None and first.metadata.origin == "Embassy Tallinn"
    cable = first.parse()
    assert [d.code for d in cable.defects] == ["no-cable"]
    assert cable.metadata == first.metadata and cable.classification is not None  # what the record states stays
    assert "no-cable" not in [d.code for d in second.parse().defects]


def test_a_csv_written_the_standard_way_keeps_its_backslashes(tmp_path: Path) -> None:
    body = 'UNCLAS ROME 000001\n\nSUBJECT: FILES IN C:\\TEMP\\NEW "AS SENT"\n\n1. A lone \\ stays.\n'
    path = tmp_path / "standard.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:  # doubled quotes, no escape character
        csv.writer(stream).writerow(["1", "2008-01-02 10:00", "08ROME1", "Embassy Rome", "UNCLASSIFIED", "", "",
                                     body])
    [record] = read([str(path)])
    assert record.text == body
