"""cablekit against the real corpus: 187 cables as they were published.

``shared/corpus`` holds real cables in the shapes they were published in
(WikiLeaks cable-viewer pages, plain-text files of several converters,
``cables.csv`` rows and JSON dump records, each saved as a JSON object) and
``metadata.jsonl``, which says for each file what its source states about it:
reference id, date and classification (``null`` when the source gives none).

* ``test_lenient_parse_returns_a_cable``: lenient :func:`cablekit.parse`
  returns a :class:`cablekit.Cable` for every file, given the file as
  published (the raw page, text file or JSON text; no ``reference_id`` hint).
* ``test_lenient_parse_survives_undecodable_bytes``: the files that are not
  UTF-8, decoded the naive way (``surrogateescape``), parse too.
* ``test_metadata_agreement``: for each of reference id, classification and
  date, cablekit agrees with ``metadata.jsonl`` on at least 95 % of the files
  that state it.  Where a source states the reference id only as its file
  name (``metadata_kind`` "filename-only"), the file name is passed to
  :func:`cablekit.parse` as the ``reference_id`` hint, the way a user with
  such a collection would call it; cablekit then checks the hint against the
  origin and serial the text states, and a ``reference-id-mismatch`` defect
  counts as a disagreement.  Many of those texts state no year at all, so
  the hint is the only source of a full id.  Where the corpus notes say the source's metadata may be
  wrong (``page_metadata_may_not_match_body``, a ``page_anomalies`` note on
  the source metadata, a reference id that is not canonical), the comparison
  is reported apart and not counted.  Dates are compared as calendar dates
  only, which is what ``date_caveat`` ("minutes unreliable") asks for.

For the report the parser is debugged with (per-field rates, every
disagreement), run ``python tests/test_corpus.py`` (``--help`` for options;
``PYTHONPATH=src`` when cablekit is not installed).

How the files are read: as bytes, decoded as UTF-8.  22 text files (written
on Windows by a PDF converter, see their ``encoding_note``) are not UTF-8:
they carry the pilcrow as the single cp1252 byte 0xB6 (and two carry 0xAC); those
are decoded as cp1252, which gives back the text as its author wrote it
(``¶1.``), where ``surrogateescape`` would hand the parser a lone surrogate
instead of a pilcrow.  Bytes are decoded rather than read with
``Path.read_text``, whose universal-newline mode would turn the CRLF of
those files into LF: the parser must see the files exactly as published.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, TextIO

import pytest

import cablekit
from cablekit import Cable, Classification

# The same lookup as conftest.CORPUS.  The tests get the folder from the
# ``corpus_dir`` fixture (which skips when it is absent); this copy only
# builds the parameter list at import time.
ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CABLEKIT_SHARED", ROOT.parent / "shared")) / "corpus"
METADATA = "metadata.jsonl"

THRESHOLD = 0.95
FIELDS = ("reference_id", "classification", "date")

# --------------------------------------------------------------------------- reading


def load_entries(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """The objects of ``metadata.jsonl``, one per corpus file, in file order."""
    with (corpus / METADATA).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_published(path: Path) -> str:
    """The file as published, as a ``str`` (UTF-8, else cp1252; newlines untouched)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined: keep every byte anyway
        return data.decode("utf-8", errors="surrogateescape")


def hint_for(entry: dict[str, Any]) -> str | None:
    """The reference id a user would pass for this file: its name, when the name is all the source states."""
    if str(entry.get("metadata_kind", "")).startswith("filename-only"):
        return Path(entry["file"]).stem
    return None


@functools.cache
def parse_file(path: Path, hint: str | None = None) -> Cable | Exception:
    """Lenient parse of one corpus file; the exception instead when parse raises."""
    try:
        return cablekit.parse(read_published(path), mode="lenient", reference_id=hint)
    except Exception as error:
        return error


def _entry_params() -> list[Any]:
    try:
        entries = load_entries()
    except OSError:
        # One sentinel, never an empty parameter set: the corpus_dir fixture
        # skips with its message, or the test says metadata.jsonl is missing.
        return [pytest.param(None, id="corpus-not-found")]
    return [pytest.param(entry, id=entry["file"]) for entry in entries]


# ------------------------------------------------------------ what the metadata says

_LEVELS = {
    "TOP SECRET": Classification.TOP_SECRET,
    "SECRET": Classification.SECRET,
    "CONFIDENTIAL": Classification.CONFIDENTIAL,
    "UNCLASSIFIED": Classification.UNCLASSIFIED,
    "UNCLAS": Classification.UNCLASSIFIED,
    "LIMITED OFFICIAL USE": Classification.UNCLASSIFIED,
}


def expected_classification(value: str) -> Classification:
    """The level of a metadata classification: ``SECRET//NOFORN`` is SECRET, ``…//FOUO`` unclassified."""
    level = " ".join(value.split("//")[0].upper().split())
    if level not in _LEVELS:
        raise ValueError(f"unknown classification {value!r}")
    return _LEVELS[level]


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1
    )
}
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M",  # WikiLeaks viewer "Created", Nov-2010 dump: 2000-11-29 13:01
    "%Y-%m-%d %H:%M:%S",  # cablesearch JSONP: 2009-11-05 03:45:00
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %H:%M",  # cables.csv: 12/28/1966 18:48, 2/6/2001 6:23
    "%Y-%m-%d",
)
# Ruby's Time#to_s as written by a converter: Fri Feb 23 00:00:00 +0100 2001.
# The calendar date as written counts; the offset is the converter's, not the cable's.
_RUBY_TIME = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) \d{1,2}:\d{2}:\d{2} [+-]\d{4} (\d{4})")


def parse_metadata_date(value: str) -> dt.date:
    """The calendar date of a metadata date, in any of the corpus's formats."""
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    match = _RUBY_TIME.fullmatch(text)
    if match and match[1].upper() in _MONTHS:
        return dt.date(int(match[3]), _MONTHS[match[1].upper()], int(match[2]))
    raise ValueError(f"unknown date format {value!r}")


EXPECTED: dict[str, Callable[[str], object]] = {
    "reference_id": str.strip,
    "classification": expected_classification,
    "date": parse_metadata_date,
}

# ------------------------------------------------------------------ what cablekit says


def found_date(cable: Cable) -> dt.date | None:
    """The UTC calendar date of the header's DTG, else of the publication's creation time."""
    when = cable.header.dtg if cable.header is not None else None
    if when is None and cable.metadata is not None:
        when = cable.metadata.created
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.date()


FOUND: dict[str, Callable[[Cable], object]] = {
    "reference_id": lambda cable: cable.reference_id,
    "classification": lambda cable: cable.classification,
    "date": found_date,
}

# ------------------------------------------------------------------------- comparing

CANONICAL_ID = re.compile(r"\d{2}[A-Z]+[1-9]\d*")

_NOTE_FIELDS = (
    ("reference_id", re.compile(r"reference id|refid", re.IGNORECASE)),
    ("classification", re.compile(r"classification", re.IGNORECASE)),
    ("date", re.compile(r"\bdate\b|created", re.IGNORECASE)),
)


def metadata_doubts(entry: dict[str, Any]) -> dict[str, str]:
    """Fields whose metadata the corpus notes call into doubt, with the reason."""
    doubts: dict[str, str] = {}
    if entry.get("page_metadata_may_not_match_body"):
        for field in FIELDS:
            doubts[field] = "page_metadata_may_not_match_body"
    for note in entry.get("page_anomalies") or ():
        if re.search(r"source metadata", note, re.IGNORECASE):
            for field, words in _NOTE_FIELDS:
                if words.search(note):
                    doubts.setdefault(field, f"page_anomalies: {note}")
    reference_id = entry.get("reference_id")
    if reference_id and not CANONICAL_ID.fullmatch(reference_id):
        doubts.setdefault("reference_id", f"metadata reference id {reference_id!r} is not canonical")
    return doubts


class Comparison(NamedTuple):
    """One field of one file: what metadata.jsonl states against what cablekit found."""

    file: str
    format: str
    field: str
    expected: object
    found: object
    agrees: bool
    doubt: str | None
    """Why the metadata may be wrong; such comparisons are reported apart, not counted."""
    note: str | None
    """A caveat that the comparison already respects (``date_caveat``)."""


def compare_entry(corpus: Path, entry: dict[str, Any]) -> list[Comparison]:
    """The comparisons for every field the entry states."""
    hint = hint_for(entry)
    result = parse_file(corpus / entry["file"], hint)
    doubts = metadata_doubts(entry)
    comparisons = []
    for field in FIELDS:
        stated = entry.get(field)
        if stated is None:
            continue
        try:
            expected: object = EXPECTED[field](stated)
        except ValueError as error:  # the test must learn the new form: counts as a disagreement
            expected = f"{stated!r} (not understood by the test: {error})"
        if isinstance(result, Exception):
            found: object = f"parse raised {type(result).__name__}: {result}"
        else:
            found = FOUND[field](result)
            conflicts = [d.message for d in result.defects if d.code == "reference-id-mismatch"]
            if field == "reference_id" and hint is not None and conflicts:
                found = f"{found} (but {conflicts[0]})"
        note = entry.get("date_caveat") if field == "date" else None
        comparisons.append(
            Comparison(
                file=entry["file"],
                format=entry.get("format", "?"),
                field=field,
                expected=expected,
                found=found,
                agrees=found == expected,
                doubt=doubts.get(field),
                note=note,
            )
        )
    return comparisons


@functools.cache
def compare_corpus(corpus: Path = CORPUS) -> tuple[Comparison, ...]:
    """Every comparison over the whole corpus (cached: the corpus is parsed once)."""
    return tuple(c for entry in load_entries(corpus) for c in compare_entry(corpus, entry))


def _show(value: object) -> str:
    if isinstance(value, Classification):
        return value.name
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def _line(c: Comparison, width: int) -> str:
    verdict = "" if c.doubt is None else ("  [agrees]" if c.agrees else "  [disagrees]")
    text = f"    {c.file:<{width}}  expected {_show(c.expected):<22} found {_show(c.found)}{verdict}"
    if c.doubt is not None:
        text += f"\n    {'':<{width}}  ({c.doubt})"
    return text


class FieldResult(NamedTuple):
    """The agreement of one field over the corpus."""

    field: str
    counted: list[Comparison]
    doubted: list[Comparison]

    @property
    def disagreeing(self) -> list[Comparison]:
        return [c for c in self.counted if not c.agrees]

    @property
    def rate(self) -> float:
        return 1 - len(self.disagreeing) / len(self.counted) if self.counted else 0.0

    @property
    def passes(self) -> bool:
        return bool(self.counted) and self.rate >= THRESHOLD

    def headline(self) -> str:
        agreed = len(self.counted) - len(self.disagreeing)
        verdict = "PASS" if self.passes else "FAIL"
        return (
            f"{self.field}: cablekit agrees with {METADATA} on {agreed}/{len(self.counted)} files "
            f"({self.rate:.1%}; needs {THRESHOLD:.0%}: {verdict}); "
            f"{len(self.doubted)} more not counted (metadata in doubt)"
        )

    def details(self) -> str:
        width = max((len(c.file) for c in self.counted + self.doubted), default=0)
        parts = []
        if self.disagreeing:
            parts.append("  disagreements (expected from metadata vs found by cablekit):")
            parts += [_line(c, width) for c in self.disagreeing]
        if self.doubted:
            parts.append("  not counted, the corpus notes say the metadata may be wrong:")
            parts += [_line(c, width) for c in self.doubted]
        noted = [c for c in self.counted if c.note]
        if noted:
            parts.append(f"  {len(noted)} counted files carry a note this comparison respects, e.g.:")
            parts.append(f"    {noted[0].note}")
        return "\n".join(parts)


def field_result(comparisons: Sequence[Comparison], field: str) -> FieldResult:
    """Split one field's comparisons into the counted ones and the doubted ones."""
    mine = [c for c in comparisons if c.field == field]
    return FieldResult(
        field=field,
        counted=[c for c in mine if c.doubt is None],
        doubted=[c for c in mine if c.doubt is not None],
    )


# ------------------------------------------------------------------------------ tests


def _skip_without_corpus(corpus_dir: Path) -> NoReturn:
    """Skip a test that needs the shared corpus, saying where it was looked for and how to point to it."""
    pytest.skip(f"{METADATA} not found in {corpus_dir}: the corpus is kept beside the project "
                "(../shared/corpus); set CABLEKIT_SHARED to the shared/ folder to run this test")



@pytest.mark.parametrize("entry", _entry_params())
def test_lenient_parse_returns_a_cable(corpus_dir: Path, entry: dict[str, Any] | None) -> None:
    if entry is None:
        _skip_without_corpus(corpus_dir)
    cable = cablekit.parse(read_published(corpus_dir / entry["file"]), mode="lenient")
    assert isinstance(cable, Cable)


def test_lenient_parse_survives_undecodable_bytes(corpus_dir: Path) -> None:
    """Non-UTF-8 files read the naive way (lone surrogates in the str) still parse.

    Besides the corpus files that are not UTF-8, every file is checked once more
    with bytes that are never UTF-8 spliced into its middle, so the test has
    something to check whatever the corpus holds.
    """
    try:
        entries = load_entries(corpus_dir)
    except OSError:
        _skip_without_corpus(corpus_dir)
    samples: list[tuple[str, bytes]] = []
    for entry in entries:
        data = (corpus_dir / entry["file"]).read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            samples.append((entry["file"], data))
        middle = len(data) // 2
        samples.append((f"{entry['file']} with bytes that are not UTF-8 spliced in",
                        data[:middle] + b"\xff\xfe\x80" + data[middle:]))
    failures = []
    for name, data in samples:
        text = data.decode("utf-8", errors="surrogateescape")
        assert any("\udc80" <= c <= "\udcff" for c in text), f"{name}: no undecodable byte to test"
        try:
            cable = cablekit.parse(text, mode="lenient")
        except Exception as error:
            failures.append(f"{name}: {type(error).__name__}: {error}")
            continue
        if not isinstance(cable, Cable):
            failures.append(f"{name}: returned {type(cable).__name__}")
    assert not failures, "lenient parse failed on surrogate-escaped text:\n" + "\n".join(failures)


@pytest.mark.parametrize("field", FIELDS)
def test_metadata_agreement(corpus_dir: Path, field: str) -> None:
    try:
        comparisons = compare_corpus(corpus_dir)
    except OSError:
        _skip_without_corpus(corpus_dir)
    result = field_result(comparisons, field)
    if not result.counted:
        pytest.fail(f"no corpus file states a {field} that can be compared", pytrace=False)
    if not result.passes:
        pytest.fail(result.headline() + "\n" + result.details(), pytrace=False)


# ----------------------------------------------------------------------------- report


def agreement_report(
    corpus: Path = CORPUS,
    *,
    fields: Sequence[str] = FIELDS,
    out: TextIO | None = None,
    show_agreeing: bool = False,
) -> bool:
    """Print per-field agreement rates and every mismatch; return whether every field passes."""
    out = sys.stdout if out is None else out
    entries = load_entries(corpus)
    comparisons = compare_corpus(corpus)
    print(f"cablekit {cablekit.__version__} against {corpus} ({len(entries)} files)", file=out)

    raised = [e["file"] for e in entries if isinstance(parse_file(corpus / e["file"]), Exception)]
    if raised:
        print(f"\nlenient parse RAISED on {len(raised)} files:", file=out)
        for name in raised:
            error = parse_file(corpus / name)
            print(f"    {name}: {type(error).__name__}: {error}", file=out)

    all_pass = True
    for field in fields:
        result = field_result(comparisons, field)
        all_pass &= result.passes
        print("\n" + result.headline(), file=out)
        totals: Counter[str] = Counter(c.format for c in result.counted)
        agreed: Counter[str] = Counter(c.format for c in result.counted if c.agrees)
        print("  by format: " + ", ".join(f"{k} {agreed[k]}/{n}" for k, n in sorted(totals.items())), file=out)
        details = result.details()
        if details:
            print(details, file=out)
        if show_agreeing:
            width = max((len(c.file) for c in result.counted), default=0)
            print("  agreeing:", file=out)
            for c in result.counted:
                if c.agrees:
                    print(_line(c, width), file=out)
    return all_pass


def main(argv: Sequence[str] | None = None) -> int:
    """``python tests/test_corpus.py``: the agreement report; exit status 1 when a field fails."""
    parser = argparse.ArgumentParser(description=agreement_report.__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"corpus folder (default {CORPUS})")
    parser.add_argument("--field", action="append", choices=FIELDS, help="report only this field (repeatable)")
    parser.add_argument("--agreeing", action="store_true", help="also list the files that agree")
    args = parser.parse_args(argv)
    ok = agreement_report(args.corpus, fields=args.field or FIELDS, show_agreeing=args.agreeing)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
