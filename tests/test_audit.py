"""The corpus audit (``cablekit.audit``): counts, shares, the worst cables, and the three renderings."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cablekit
from builders import HEADING, P1, P2, P3, cable, make_head, paras
from cablekit import DEFECT_CODES, Cable, CableParseError, Defect
from cablekit.audit import FIELDS, Audit, audit

FULL = cablekit.parse(cable())
"""Every part of a cable: header, banner, head, three paragraphs, signer (no publication metadata)."""
BARE = cablekit.parse("UNCLAS STATE 000012\n\nSUBJECT: TALKS\n\n1. (U) Text.   \n")
"""A banner, a subject, one paragraph; one trailing-whitespace defect (no damage)."""
NOTHING = cablekit.parse("")
"""No cable at all: one no-cable defect."""
BREAKS = cable(body=paras(P1, "TALLINN 00000412 002 OF 003", HEADING, P2, "TALLINN 00000412 003 OF 003", P3))
"""The full cable with two page-break lines in its body."""


def made_up(*codes: str, reference_id: str | None = None) -> Cable:
    """A cable that is nothing but *codes* as defects."""
    return Cable(reference_id=reference_id,
                 defects=tuple(Defect(code=code, message=code, line=1) for code in codes))


# --------------------------------------------------------------------------- counting

def test_fields_are_counted_with_their_share() -> None:
    report = audit([("full", FULL), ("bare", BARE), ("none", NOTHING)])
    assert (report.cables, report.not_cables, report.rejected) == (3, 1, 0)
    got = {f.name: f.cables for f in report.fields}
    assert got == {"reference_id": 1, "station": 2, "date": 1, "header": 1, "banner": 2, "classification": 2,
                   "caveats": 1, "offices": 0, "eo": 1, "tags": 1, "subject": 2, "references": 1,
                   "classified_by": 1, "summary": 1, "paragraphs": 2, "signers": 1, "metadata": 0}
    assert report.field("subject").share == pytest.approx(2 / 3)
    assert report.field("reference_id").share == pytest.approx(1 / 3)  # BARE states no year, so no id
    assert report.field("header").share == pytest.approx(1 / 3)
    assert report.field("offices").share == 0.0
    assert [f.name for f in report.fields] == [name for name, _, _ in FIELDS]
    with pytest.raises(KeyError):
        report.field("nope")


def test_each_field_is_an_attribute_of_a_cable_or_the_date() -> None:
    names = [name for name, _, _ in FIELDS]
    assert len(set(names)) == len(names)
    assert set(names) - {"date"} <= {field.name for field in Cable.__attrs_attrs__}


def test_the_date_comes_from_the_header_or_the_publication() -> None:
    published = cablekit.parse(json.dumps({"reference_id": "08STATE12", "created": "2008-01-02 10:00",
                                           "text": "UNCLAS STATE 000012\n\nSUBJECT: X\n"}))
    assert published.header is None and published.metadata is not None and published.metadata.created
    assert audit([("a", published), ("b", BARE)]).field("date").cables == 1


def test_defects_are_counted_by_code_in_cables_and_occurrences() -> None:
    report = audit([("breaks", cablekit.parse(BREAKS)), ("bare", BARE), ("none", NOTHING),
                    ("two", made_up("page-break", "trailing-whitespace", "trailing-whitespace"))])
    rows = {c.code: (c.cables, c.defects, c.damage) for c in report.defect_counts}
    assert rows == {"page-break": (2, 3, True), "trailing-whitespace": (2, 3, False), "no-cable": (1, 1, True)}
    assert [c.code for c in report.defect_counts] == ["page-break", "trailing-whitespace", "no-cable"]
    assert all(c.summary == DEFECT_CODES[c.code].summary for c in report.defect_counts)
    assert (report.defects, report.damage) == (7, 4)


def test_an_unknown_code_counts_as_damage_without_a_summary() -> None:
    (count,) = audit([("x", made_up("made-up-code"))]).defect_counts
    assert (count.code, count.damage, count.summary) == ("made-up-code", True, "")


# --------------------------------------------------------------------------- the worst cables

def test_worst_by_damage_then_all_defects_then_first_added() -> None:
    cables = [
        ("clean", FULL),
        ("benign", made_up("trailing-whitespace", "inconsistent-date", "indented-text")),
        ("one", made_up("page-break")),
        ("three", made_up("page-break", "mojibake", "mojibake")),
        ("two+1", made_up("html-markup", "html-markup", "inconsistent-date")),
        ("two", made_up("glued-line", "glued-line")),
        ("two again", made_up("page-break", "html-markup")),
        ("three+2", made_up("page-break", "page-break", "page-break", "inconsistent-date", "inconsistent-date")),
    ]
    worst = audit(cables, worst=4).worst
    assert [w.source for w in worst] == ["three+2", "three", "two+1", "two"]
    assert [(w.damage, w.defects) for w in worst] == [(3, 5), (3, 3), (2, 3), (2, 2)]
    assert worst[0].codes == (("page-break", 3), ("inconsistent-date", 2))
    assert worst[1].codes == (("mojibake", 2), ("page-break", 1))
    everything = audit(cables, worst=100).worst
    assert [w.source for w in everything][-2:] == ["two again", "one"]  # no cable without damage
    assert audit(cables, worst=0).worst == ()


def test_the_heap_keeps_the_same_worst_as_sorting_everything() -> None:
    rng = random.Random(17)
    codes = ["page-break", "mojibake", "trailing-whitespace", "inconsistent-date"]
    cables = [(f"c{i}", made_up(*rng.choices(codes, k=rng.randrange(6)), reference_id=f"08X{i}")) for i in range(400)]
    report = audit(cables, worst=7)

    def key(item: tuple[int, tuple[str, Cable]]) -> tuple[int, int, int]:
        number, (_, c) = item
        damage = sum(DEFECT_CODES[d.code].damage for d in c.defects)
        return -damage, -len(c.defects), number

    expected = [src for _, (src, c) in sorted(enumerate(cables), key=key)
                if any(DEFECT_CODES[d.code].damage for d in c.defects)][:7]
    assert [w.source for w in report.worst] == expected
    assert [w.reference_id for w in report.worst] == ["08X" + s[1:] for s in expected]


def test_worst_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="worst"):
        Audit(worst=-1)


# --------------------------------------------------------------------------- strict mode

def test_rejected_texts_are_counted_apart_and_compete_for_worst() -> None:
    with pytest.raises(CableParseError) as caught:
        cablekit.parse(BREAKS, mode="strict")
    report = Audit(worst=5)
    report.add(BARE, source="bare.txt")
    report.add_rejected("breaks.txt", caught.value)
    assert (report.cables, report.rejected, report.defects) == (1, 1, 1)
    assert report.rejected_codes == (("page-break", 1),)
    assert [c.code for c in report.defect_counts] == ["trailing-whitespace"]
    (worst,) = report.worst
    assert (worst.source, worst.reference_id, worst.rejected, worst.damage) == ("breaks.txt", None, True, 2)


# --------------------------------------------------------------------------- to_dict

def test_to_dict_round_trips_through_json() -> None:
    with pytest.raises(CableParseError) as caught:
        cablekit.parse(BREAKS, mode="strict")
    report = audit([("full", FULL), ("breaks", cablekit.parse(BREAKS)), ("none", NOTHING)])
    report.add_rejected("strict", caught.value)
    summary = report.to_dict()
    assert json.loads(json.dumps(summary)) == summary
    assert (summary["cables"], summary["not_cables"], summary["rejected"]) == (3, 1, 1)
    assert summary["fields"][0] == {"name": "reference_id", "label": "reference id", "cables": 2, "share": 2 / 3}
    assert summary["defect_codes"][0] == {"code": "page-break", "summary": DEFECT_CODES["page-break"].summary,
                                          "damage": True, "cables": 1, "defects": 2}
    assert summary["worst"] == [
        {"source": "breaks", "reference_id": "08TALLINN412", "damage": 2, "defects": 2,
         "codes": {"page-break": 2}, "rejected": False},
        {"source": "strict", "reference_id": None, "damage": 2, "defects": 2, "codes": {"page-break": 2},
         "rejected": True},
        {"source": "none", "reference_id": None, "damage": 1, "defects": 1, "codes": {"no-cable": 1},
         "rejected": False},
    ]
    assert summary["rejected_codes"] == {"page-break": 1}


# --------------------------------------------------------------------------- text

def _sample() -> Audit:
    with pytest.raises(CableParseError) as caught:
        cablekit.parse(BREAKS, mode="strict")
    report = audit([("full.txt", FULL), ("bare.txt", BARE), ("empty.txt", NOTHING),
                    ("/a/very/long/path/" + "deep/" * 30 + "cables.csv:1234", cablekit.parse(BREAKS)),
                    ("evil\x1b[31m.txt", made_up("mojibake"))])
    report.add_rejected("strict.txt", caught.value)
    return report


@pytest.mark.parametrize("width", [60, 80, 100, 132])
@pytest.mark.parametrize("ascii", [False, True])
def test_text_fits_the_width_and_has_no_control_characters(width: int, ascii: bool) -> None:
    text = _sample().render_text(width, ascii=ascii)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert max(len(line) for line in lines) >= width - 10  # the bars use the room there is
    assert all(line.isprintable() for line in lines)
    assert all(line == line.rstrip() for line in lines)
    if ascii:
        assert text.isascii() and "#" in text and "█" not in text
    else:
        assert "█" in text


def test_text_a_width_under_60_counts_as_60() -> None:
    assert _sample().render_text(20) == _sample().render_text(60)


def test_text_tables_read_as_they_should() -> None:
    text = _sample().render_text(80)
    lines = text.splitlines()
    assert lines[:2] == ["5 cables, 1 of them holding no cable; 1 rejected by strict mode",
                         "5 defects, 4 of them damage"]
    assert re.search(r"^  SUBJECT +3 +60\.0%  █{22}▎$", text, re.MULTILINE)  # 60 % of 37 cells = 22 2/8
    assert re.search(r"^  publication metadata +0 +0\.0%$", text, re.MULTILINE)
    assert re.search(r"^\* page-break +1 +20\.0% +2  █{5}▍$", text, re.MULTILINE)  # 20 % of 27 cells = 5 3/8
    assert "    " + DEFECT_CODES["page-break"].summary in lines
    worst = lines[lines.index("Worst cables: most damage defects, then most defects"):]
    assert re.fullmatch(r"  1       2        2  08TALLINN412  …ep/(deep/)+cables\.csv:1234", worst[2])
    assert len(worst[2]) == 80
    assert worst[3] == "     page-break ×2"
    assert re.fullmatch(r"  2       2        2  \(rejected\)    strict\.txt", worst[4])
    assert [line for line in worst if "evil" in line] == ["  4       1        1  -             evil?[31m.txt"]


def test_text_of_an_empty_audit() -> None:
    text = Audit().render_text()
    assert text.startswith("0 cables, 0 of them holding no cable; 0 rejected by strict mode\n")
    assert text.count("(none)") == 2 and "Rejected" not in text


# --------------------------------------------------------------------------- HTML

class _Page(HTMLParser):
    """Checks that tags nest and close, and collects tag names, attributes and text."""

    VOID = frozenset({"meta", "br", "img", "link", "input", "hr", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += attrs
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(source: str) -> _Page:
    page = _Page()
    page.feed(source)
    page.close()
    assert page.open == []
    return page


def test_html_escapes_what_the_cables_and_sources_say() -> None:
    hostile = cablekit.parse(cable(head=make_head(subject="SUBJECT: <script>alert(1)</script>")),
                             reference_id="<script>alert(2)</script>")
    assert hostile.reference_id == "<script>alert(2)</script>"  # kept as given, with a mismatch defect
    report = audit([('<img src=x onerror="alert(3)">', hostile), ("x&y", made_up("<b>bold</b>", "page-break"))])
    page = report.render_html(title="<i>audit</i> & co")
    assert "<script" not in page.lower() and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(3)&quot;&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<title>&lt;i&gt;audit&lt;/i&gt; &amp; co</title>" in page
    parsed = _page(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert '<img src=x onerror="alert(3)">' in parsed.text


def test_html_is_one_self_contained_page_with_bars() -> None:
    page = _sample().render_html()
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    parsed = _page(page)
    assert parsed.tags["html"] == parsed.tags["head"] == parsed.tags["body"] == parsed.tags["style"] == 1
    assert not {"script", "link", "img", "iframe", "object"} & parsed.tags.keys()
    assert not re.search(r"https?:|url\(|@import|\bsrc=", page)
    assert all(not name.startswith("on") for name, _ in parsed.attributes)
    widths = [value for name, value in parsed.attributes if name == "style"]
    assert all(re.fullmatch(r"width:\d+\.\d\d%", w or "") for w in widths)
    assert "width:60.00%" in widths  # SUBJECT: 3 cables of 5
    assert parsed.tags["section"] == 6  # figures, fields, defects, consistency checks, rejected, worst
    assert re.search(r'<tr class="damage"><th scope="row"><code>page-break</code>', page)
    assert re.search(r'<tr class="benign"><th scope="row"><code>trailing-whitespace</code>', page)
    assert "holding no cable" in parsed.text and "rejected by strict mode" in parsed.text


def test_html_of_an_empty_audit() -> None:
    page = Audit().render_html()
    parsed = _page(page)
    assert parsed.tags["section"] == 5  # no rejected section
    assert page.count(">none</td>") == 2


# --------------------------------------------------------------------------- the real corpus

@pytest.fixture(scope="module")
def wikileaks(corpus_dir: Path) -> list[tuple[str, Cable]]:
    """The 3,000 WikiLeaks pages, parsed as published."""
    pages = corpus_dir / "wikileaks" / "pages.jsonl"
    if not pages.is_file():
        pytest.skip(f"{pages} not found: the corpus is kept beside the project (../shared/corpus); "
                    "set CABLEKIT_SHARED to the shared/ folder to run this test")
    with pages.open(encoding="utf-8") as lines:
        return [(f"pages.jsonl:{number}", cablekit.parse(json.loads(line)["html"]))
                for number, line in enumerate(lines, start=1)]


def test_the_corpus_audit_agrees_with_counting_directly(wikileaks: list[tuple[str, Cable]]) -> None:
    cables = [c for _, c in wikileaks]
    report = audit(wikileaks, worst=10)
    assert report.cables == len(cables) == 3000
    assert report.field("subject").cables == sum(1 for c in cables if c.subject)
    assert report.field("tags").cables == sum(1 for c in cables if c.tags)
    assert report.field("date").cables == sum(1 for c in cables if (c.header and c.header.dtg)
                                              or (c.metadata and c.metadata.created))
    assert report.field("subject").share > 0.9  # the corpus reads: most pages have a subject
    occurrences = Counter(d.code for c in cables for d in c.defects)
    assert {c.code: c.defects for c in report.defect_counts} == dict(occurrences)
    assert report.not_cables == sum(1 for c in cables if any(d.code == "no-cable" for d in c.defects))
    damage = sorted((-sum(DEFECT_CODES[d.code].damage for d in c.defects), -len(c.defects), n)
                    for n, (_, c) in enumerate(wikileaks))
    assert [w.source for w in report.worst] == [wikileaks[n][0] for _, _, n in damage[:10]]
    assert max(len(line) for line in report.render_text(100).splitlines()) <= 100
    _page(report.render_html())


# --------------------------------------------------------------------------- consistency checks

def test_every_consistency_check_is_counted_even_at_zero() -> None:
    mixed = cablekit.parse(cable().replace("ZNY CCCCC ZZH", "ZNY SSSSS ZZH").replace("#0412/01", "#0413/01"))
    twice = made_up("inconsistent-serial", "inconsistent-serial")
    report = audit([("mixed", mixed), ("clean", FULL), ("twice", twice)])
    counts = {c.code: (c.cables, c.defects) for c in report.consistency}
    checks = [code for code, kind in cablekit.DEFECT_CODES.items() if kind.consistency]
    assert list(counts) == checks and len(checks) == 10
    assert counts["inconsistent-serial"] == (2, 3) and counts["inconsistent-classification"] == (1, 1)
    assert counts["inconsistent-date"] == (0, 0)
    assert not any(c.damage for c in report.consistency)
    assert report.to_dict()["consistency"][checks.index("inconsistent-serial")]["cables"] == 2
    text = report.render_text(120)
    section = text[text.index("Consistency checks"):]
    assert all(code in section for code in checks)
    assert "Consistency checks" in report.render_html()
