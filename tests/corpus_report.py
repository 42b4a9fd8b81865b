"""The corpus report: how well cablekit reads the real family of published cables.

For every page of ``shared/corpus/wikileaks/pages.jsonl`` (3,000 real WikiLeaks
pages) and every file of ``shared/corpus`` (187 cables as published in other
forms), this report compares what cablekit reads with a second opinion that
does not use cablekit: simple patterns over the cable text itself (the
``<pre>`` blocks of a page, tags stripped, entities decoded) and the page's own
metadata table.  Pages are parsed twice: as the cable text alone (the page's
metadata table removed) and as the whole page.

Rates (each over the cables where the second opinion says the fact is there):

* ``subject`` / ``tags`` / ``references`` / ``classifier`` / ``eo`` / ``dtg``: the
  field is found where the text has its label line (SUBJECT, TAGS, REF,
  Classified By, E.O., a date-time group line);
* ``reference_id`` / ``classification`` / ``noforn``: the id and level read from
  the cable text alone equal the page's, and NOFORN is among the caveats when
  the page's classification says NOFORN;
* ``swallowed`` (no subject holds REF, Classified By, a page-break line or a
  paragraph marker; no reference longer than 200 characters without a defect;
  numbered paragraphs in the text give numbered paragraphs; the classifier's
  reasons are written in its field) and ``lost`` (every word of the cable text
  is somewhere in the parsed graph: a field, a paragraph or a defect's text)
  count the cables where nothing went wrong;
* ``strict``: how many cable texts strict mode accepts (reported, not a rate).

A miss that is not cablekit's (the text does not state the fact, or the page's
metadata is wrong) is listed in ``tests/corpus_exceptions.toml`` with its
reason: it is printed with the reason and not counted.

    python tests/corpus_report.py              # every rate, and every miss
    python tests/corpus_report.py --misses 0   # the rates only
    python tests/corpus_report.py --check eo   # the misses of one check

(``PYTHONPATH=src`` when cablekit is not installed.)  ``tests/test_corpus_rates.py``
holds the same rates to the thresholds of :data:`THRESHOLDS`.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cablekit
from cablekit import Cable, CableParseError, Classification

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLEKIT_SHARED", ROOT.parent / "shared"))
EXCEPTIONS = Path(__file__).resolve().parent / "corpus_exceptions.toml"

THRESHOLDS: dict[str, float] = {
    "subject": 0.995, "tags": 0.995, "references": 0.99, "classifier": 0.99, "eo": 0.995, "dtg": 0.995,
    "reference_id": 0.99, "classification": 0.995, "noforn": 0.99, "swallowed": 1.0, "lost": 1.0,
}
"""The least rate each check must reach on the cable text alone (issue 15)."""

# --------------------------------------------------------------------------- the cable text of a page

_TABLE = re.compile(r"<table class='cable'>.*?</table>", re.DOTALL)
_PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,500}>")


def page_text(page_html: str) -> str:
    """The cable text of a page as a reader sees it: its ``<pre>`` blocks, tags stripped, entities decoded."""
    blocks = _PRE.findall(page_html)
    return "\n\n".join(html.unescape(_TAG.sub("", block)).replace("\r\n", "\n") for block in blocks)


# --------------------------------------------------------------------------- the second opinion

_MARKER_LINE = re.compile(r"^[ \t\u2028]*(?:\u00b6|\[\d{1,2}\]\(#\))?[ \t]?\d{1,2}\.[ \t]+\S", re.MULTILINE)
_FIRST_PARAGRAPH = re.compile(r"^[ \t\u2028]*(?:\u00b6|\[\d{1,2}\]\(#\))?[ \t]?1\.[ \t]+\S", re.MULTILINE)
_LABELS: dict[str, re.Pattern[str]] = {
    "subject": re.compile(r"(?:^[ \t\u2028]*|[ \t])(?i:SUBJ(?:ECT)?)[ \t]*:|^[ \t\u2028]*SUBJECT[ \t]+[A-Z(]",
                          re.MULTILINE),
    "tags": re.compile(r"(?:^[ \t\u2028]*|[ \t])(?i:TAGS?)[ \t]*:|^[ \t\u2028]*(?i:TAGS?)[ \t]+[A-Z]{2,5}\b",
                       re.MULTILINE),
    "references": re.compile(r"(?:^[ \t\u2028]*|[ \t])(?i:REF(?:S|TELS?|\(S\))?)[ \t]*(?:[:.]|[ \t][A-Z][:)])",
                             re.MULTILINE),
    "eo": re.compile(r"(?:^[ \t\u2028]*|[ \t])(?i:E\.?[ \t]?O\.?)[ \t]*1[0-3]\d{3}", re.MULTILINE),
    "dtg": re.compile(r"^[ \t]*[RPOZ]{1,2}[ \t]+\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2,4}\b", re.MULTILINE),
}
_CLASSIFIED_BY = re.compile(r"(?i:classified[ \t]+by)\b")
_CLASSIFIED_BY_IN_BODY = re.compile(
    r"^[ \t]*(?:\u00b6?\d{1,2}\.[ \t]*)?(?:\([A-Za-z/ ]{1,12}\)[ \t]*)?(?:[A-Z][A-Z -]{0,40}\.[ \t]*)?"
    r"(?i:classified[ \t]+by)\b", re.MULTILINE)


def head_zone(text: str) -> str:
    """The text before its first paragraph (``1.``): where the head's labels stand."""
    first = _FIRST_PARAGRAPH.search(text)
    return text[:first.start()] if first else text[:4000]


def stated(text: str) -> set[str]:
    """The head fields whose label the cable text shows."""
    head = head_zone(text)
    found = {name for name, pattern in _LABELS.items() if pattern.search(head)}
    if _CLASSIFIED_BY.search(head) or _CLASSIFIED_BY_IN_BODY.search(text[len(head):len(head) + 6000]):
        found.add("classifier")
    return found


# --------------------------------------------------------------------------- what cablekit found

FOUND: dict[str, Callable[[Cable], object]] = {
    "subject": lambda c: c.subject,
    "tags": lambda c: c.tags,
    "references": lambda c: c.references,
    "classifier": lambda c: c.classified_by,
    "eo": lambda c: c.eo,
    "dtg": lambda c: c.header is not None and c.header.dtg is not None,
}

_LEVELS = {"TOP SECRET": Classification.TOP_SECRET, "SECRET": Classification.SECRET,
           "CONFIDENTIAL": Classification.CONFIDENTIAL, "UNCLASSIFIED": Classification.UNCLASSIFIED}
_PAGE_BREAK = re.compile(r"\d{8}[ ]+\d{3}(?:\.\d)?[ ]+OF[ ]+\d{3}|PAGE[ ]\d\d[ ]")
_MARKER_IN_TEXT = re.compile(r"\u00b6[ ]?\d{1,2}\.|(?:^|[ ])\d{1,2}\.[ ]?\((?:U|C|S|SBU|TS)[)/]")
_REASON_IN_TEXT = re.compile(r"(\d)\s{0,3}[.,]\s{0,3}(\d)")  # the field may wrap inside a reason (1.\\n4)


def swallowed(cable: Cable, text: str) -> list[str]:
    """What landed in the wrong place: a subject holding another field, an overlong reference, lost paragraphs."""
    out = []
    subject = cable.subject or ""
    for what, pattern in (("REF", re.compile(r"\bREF(?:S|TELS?)?\s*:", re.I)),
                          ("Classified By", re.compile(r"classified\s+by", re.I)),
                          ("a page-break line", _PAGE_BREAK), ("a paragraph marker", _MARKER_IN_TEXT)):
        if pattern.search(subject):
            out.append(f"subject holds {what}: {subject[:100]!r}")
    defect_texts = " ".join(d.text + " " + d.message for d in cable.defects)
    for reference in cable.references:
        if len(reference.text) > 200 and reference.text[:40] not in defect_texts:
            out.append(f"reference {reference.label} is {len(reference.text)} characters: {reference.text[:80]!r}")
    body = text[len(head_zone(text)):]
    numbers = {int(m.group().strip().lstrip("\u00b6").split(".")[0].split("]")[-1].lstrip("(#) "))
               for m in re.finditer(r"^[ \t]*\u00b6?[ \t]?\d{1,2}(?=\.[ \t]+\S)", body, re.MULTILINE)}
    if {1, 2} <= numbers and not any(p.number is not None for p in cable.paragraphs):
        out.append("the text has numbered paragraphs, the cable none")
    if cable.classified_by is not None and cable.classified_by.reasons:
        fields = [text[m.start():m.start() + 400] for m in _CLASSIFIED_BY.finditer(text)]  # a preview's, the cable's
        written = {f"{a}.{b}" for field_text in fields for a, b in _REASON_IN_TEXT.findall(field_text)}
        for reason in cable.classified_by.reasons:
            if reason[:3] not in written:
                out.append(f"classifier reason {reason} is not written in the field")
    return out


_WORD = re.compile(r"[A-Za-z]+|\d+")
_STRUCTURAL_WORDS = """
    INFO FM TO DE EO REF REFS REFTEL REFTELS TAGS TAG SUBJECT SUBJ CLASSIFIED BY REASON REASONS DECL DECLASSIFY
    SECTION OF NNNN BT ZNY ZNR ZZH CCCCC UUUUU SSSSS EFTO XMT PRIORITY IMMEDIATE ROUTINE NIACT FLASH PAGE
    MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST
    SEPTEMBER OCTOBER NOVEMBER DECEMBER JAN FEB MAR APR JUN JUL AUG SEP OCT NOV DEC FOR AND THE SECTIONS PER
    UNDER UNCLAS UNCLASSIFIED CONFIDENTIAL SECRET RR PP OO ZZ RP OP PR MON TUE WED THU FRI SAT SUN"""
_STRUCTURAL = frozenset(word.lower() for word in _STRUCTURAL_WORDS.split())
"""Label and structural words a reader decodes rather than keeps (``SUBJECT``, ``FEB``, ``ZNY``)."""


def _norm(word: str) -> str:
    return (word.lstrip("0") or "0") if word.isdigit() else word.lower()


def graph_words(cable: Cable) -> set[str]:
    """Every word the parsed cable holds, in any field, paragraph or defect (dates also as the text writes them)."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            words.update(_norm(w) for w in _WORD.findall(value))
        elif isinstance(value, bool):
            return
        elif isinstance(value, int):
            words.add(_norm(str(value)))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(cablekit.dumps(cable, "dict"))
    header = cable.header
    if header is not None and header.dtg is not None:
        dtg = header.dtg
        words.update({_norm(f"{dtg:%d%H%M}"), _norm(f"{dtg:%y}"), _norm(f"{dtg:%Y}")})
        if header.julian_day is not None:
            words.add(_norm(f"{header.julian_day:03d}{dtg:%H%M}"))
    return words


def lost_words(cable: Cable, text: str) -> list[str]:
    """Words of the cable text that are nowhere in the parsed cable.

    A word counts as kept when the graph holds it as a word, or as letters
    of its text with the blanks taken out, or in two parts that each count as
    kept (a label glued to a word, ``HARARETO`` → ``HARARE`` and ``TO``).  Set
    membership: a lower bound, since a word that also stands elsewhere in the
    graph is kept.
    """
    have = graph_words(cable)

    def kept(word: str) -> bool:
        return len(word) < 2 or word.lower() in _STRUCTURAL or _norm(word) in have

    lost = []
    squeezed: str | None = None
    for word in dict.fromkeys(_WORD.findall(text)):
        if kept(word):
            continue
        if squeezed is None:
            squeezed = re.sub(r"\s+", "", json.dumps(cablekit.dumps(cable, "dict"), ensure_ascii=False)).lower()
        # a word the text glued to a label or to another word (HARARETO, PRIORITYRUCNIRA) is kept when both are
        if word.lower() not in squeezed and not any(kept(word[:i]) and kept(word[i:]) for i in range(1, len(word))):
            lost.append(word)
    return lost


# --------------------------------------------------------------------------- the records


@dataclass
class Record:
    """One cable of the corpus, as published, with what its publication states."""

    name: str
    published: str
    text: str
    """The cable text a reader sees (for a page: its ``<pre>`` blocks)."""
    reference_id: str | None = None
    classification: str | None = None
    alone: str | None = None
    """For a page: the page without its metadata table."""


def pages(shared: Path = SHARED) -> Iterator[Record]:
    """The 3,000 WikiLeaks pages."""
    with (shared / "corpus" / "wikileaks" / "pages.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            page = json.loads(line)
            page_html = page["html"]
            yield Record(name=f"{number:04d}-{page['reference_id']}", published=page_html, text=page_text(page_html),
                         reference_id=page["reference_id"], classification=page["classification"],
                         alone=_TABLE.sub("", page_html, count=1))


def _cable_text(form: str, published: str) -> str:
    """The cable text of a corpus file: a page's ``<pre>`` blocks, a record's header and body (or text) fields."""
    if form == "html":
        return page_text(published)
    if form == "text":
        return html.unescape(_TAG.sub("", published))
    if form in ("csv-row", "json-record"):
        record = json.loads(published)
        return "\n\n".join(str(record[key]) for key in ("header", "body", "text") if isinstance(record.get(key), str))
    return published


def corpus_files(shared: Path = SHARED) -> Iterator[Record]:
    """The other 187 real cables of the corpus, as published."""
    corpus = shared / "corpus"
    with (corpus / "metadata.jsonl").open(encoding="utf-8") as lines:
        entries = [json.loads(line) for line in lines if line.strip()]
    for entry in entries:
        data = (corpus / entry["file"]).read_bytes()
        try:
            published = data.decode("utf-8")
        except UnicodeDecodeError:
            published = data.decode("cp1252", errors="replace")
        yield Record(name=entry["file"], published=published, text=_cable_text(entry["format"], published))


# --------------------------------------------------------------------------- the checks


@dataclass
class Result:
    """The counts and misses of one check."""

    total: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    excused: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return 1.0 if self.total == 0 else 1 - len(self.misses) / self.total


@cache
def exceptions() -> dict[tuple[str, str], str]:
    """(record name, check) -> why a miss there is not cablekit's."""
    if not EXCEPTIONS.exists():
        return {}
    with EXCEPTIONS.open("rb") as file:
        data = tomllib.load(file)
    return {(item["page"], item["check"]): item["reason"] for item in data.get("miss", [])}


_YEAR_STATED = re.compile(
    r"\b\d{6}Z[ ]?(?i:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Za-z]{0,6}[ ]?\d{2}(?:\d\d)?\b"
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d[ ]\d{1,2}:\d\d")
_NOFORN_STATED = re.compile(r"NOFORN|NO[ ]FOREIGN|\((?:S|C|TS)//?NF\)", re.IGNORECASE)
_NO_YEAR = "the text states no year (no date-time group, no dated record): a real absence"


def _id_absent(cable: Cable, record: Record) -> str | None:
    """Why the cable text cannot give the page's reference id: it states no year, or not the serial."""
    if not year_stated(record.text):
        return _NO_YEAR
    serial = re.search(r"\d+$", record.reference_id)
    if serial and not re.search(rf"(?<!\d)0*{serial.group()}(?!\d)|#{serial.group()[-4:]}\b", record.text):
        return "the text states no serial (no banner, no header's DE line): a real absence"
    return None


def year_stated(text: str) -> bool:
    """Whether *text* states the year of the cable: a date-time group with its year, or a record's date.

    A partial extract without its header and without a record states the post and serial only; the
    year its reference id needs is not in the text (a real absence, excused in the report).
    """
    return _YEAR_STATED.search(text) is not None


def _level_of(classification: str) -> Classification | None:
    return _LEVELS.get(classification.split("//")[0].strip().upper())


def check_record(record: Record, cable: Cable, results: dict[str, Result], *, metadata: bool) -> None:
    """Add one parsed record to *results* (the id, level and NOFORN checks when *metadata*)."""
    def note(check: str, ok: bool, why: str = "", absent: str | None = None) -> None:
        result = results.setdefault(check, Result())
        excuse = exceptions().get((record.name, check), absent)
        if not ok and excuse is not None:
            result.excused.append((record.name, excuse))
            return
        result.total += 1
        if not ok:
            result.misses.append((record.name, why))

    for name in sorted(stated(record.text)):
        note(name, bool(FOUND[name](cable)))
    if metadata and record.reference_id:
        note("reference_id", (cable.reference_id or "").upper() == record.reference_id.upper(),
             f"{cable.reference_id!r} for {record.reference_id!r}",
             _id_absent(cable, record) if cable.reference_id is None else None)
    if metadata and record.classification:
        level = _level_of(record.classification)
        if level is not None:
            note("classification", cable.classification is level, f"{cable.classification} for {record.classification}")
        if "NOFORN" in record.classification.upper():
            note("noforn", "NOFORN" in cable.caveats, f"caveats {cable.caveats}",
                 None if _NOFORN_STATED.search(record.text) else "the cable text does not say NOFORN: a real absence")
    wrong = swallowed(cable, record.text)
    note("swallowed", not wrong, "; ".join(wrong))
    lost = lost_words(cable, record.text)
    note("lost", not lost, " ".join(lost[:12]) + (" …" if len(lost) > 12 else ""))


def strict_accepts(text: str) -> bool:
    """Whether strict mode accepts *text*."""
    try:
        cablekit.parse(text, mode="strict")
    except CableParseError:
        return False
    return True


def run(shared: Path = SHARED, *, strict: bool = True) -> dict[str, dict[str, Result]]:
    """Every check over the corpus: ``{"text": …, "page": …, "files": …}`` (``"strict"`` counts accepted texts)."""
    runs: dict[str, dict[str, Result]] = {"text": {}, "page": {}, "files": {}}
    accepted = Result()
    for record in pages(shared):
        alone = record.alone or record.published
        check_record(record, cablekit.parse(alone), runs["text"], metadata=True)
        check_record(record, cablekit.parse(record.published), runs["page"], metadata=True)
        if strict:
            accepted.total += 1
            if not strict_accepts(alone):
                accepted.misses.append((record.name, ""))
    for record in corpus_files(shared):
        check_record(record, cablekit.parse(record.published), runs["files"], metadata=False)
    runs["strict"] = {"strict": accepted}
    return runs


# --------------------------------------------------------------------------- the report


def report(runs: dict[str, dict[str, Result]], *, misses: int, only: str | None, out: Callable[[str], None]) -> None:
    """Print the rates of every run, then the misses (at most *misses* a check; all of check *only*)."""
    checks = [c for c in THRESHOLDS if only in (None, c)]
    out(f"{'check':14s} {'text alone':>22s} {'whole page':>22s} {'other files':>22s}  threshold")
    for check in checks:
        cells = []
        for name in ("text", "page", "files"):
            result = runs[name].get(check, Result())
            cells.append(f"{100 * result.rate:6.2f}% {result.total - len(result.misses):5d}/{result.total:<5d}")
        out(f"{check:14s} {cells[0]:>22s} {cells[1]:>22s} {cells[2]:>22s}  {100 * THRESHOLDS[check]:.1f}%")
    strict = runs["strict"]["strict"]
    out(f"strict mode accepts {strict.total - len(strict.misses)} of {strict.total} page texts")
    for check in checks:
        for name in ("text", "page", "files"):
            result = runs[name].get(check, Result())
            shown = result.misses if only else result.misses[:misses]
            if shown or result.excused:
                out(f"\n== {check}, {name}: {len(result.misses)} misses, {len(result.excused)} excused")
            for record, why in shown:
                out(f"  {record}: {why}")
            for record, why in result.excused:
                out(f"  (excused) {record}: {why}")


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", type=int, default=1000, help="misses to print a check (default all)")
    parser.add_argument("--check", choices=list(THRESHOLDS), help="print every miss of this check only")
    parser.add_argument("--no-strict", action="store_true", help="skip the strict-mode count (faster)")
    args = parser.parse_args(argv)
    runs = run(strict=not args.no_strict)
    report(runs, misses=args.misses, only=args.check, out=print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
