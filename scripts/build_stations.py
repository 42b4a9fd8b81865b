"""Build ``src/cablekit/data/stations.tsv``, the station table, from the real corpus.

Run from the repository root with the shared corpus beside it (or ``CABLEKIT_SHARED`` pointing to it)::

    python scripts/build_stations.py

Every row comes from what the corpus states, nothing from memory:

* **pages**: a WikiLeaks page states its cable's post by name (its *Origin*, ``Embassy New Delhi``) and
  by code (its *Reference ID*, ``09NEWDELHI123``); the cable's own ``FM`` line gives the post's address
  (``AMEMBASSY NEW DELHI``) and its ``DE`` line the routing indicator it sent from (``RUEHNE``);
* **addressees**: the ``TO`` and ``INFO`` lines of every corpus cable give more posts, each by address
  and routing indicator (``RUEHLO/AMEMBASSY LONDON``); a post no page names gets the name the archive
  gives posts of its kind (``Embassy …``, ``Consulate …``), and only addresses seen twice or more count.

The table is committed; this script only rebuilds it (``tests/test_stations.py`` checks its rows
against the corpus).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import cablekit  # noqa: E402
import corpus_report  # noqa: E402  (the corpus loaders the tests use)
from cablekit import identity, stations  # noqa: E402
from cablekit.vocabulary import MONTHS  # noqa: E402

OUT = ROOT / "src" / "cablekit" / "data" / "stations.tsv"
_ID = re.compile(r"(?:\d\d)(?P<post>[A-Z]+?)0*(?P<serial>\d+)")


def _code(published_id: str | None) -> str | None:
    """The post's code in a published id, without what a publisher read into it (not through the table)."""
    m = _ID.fullmatch(identity.clean_reference_id(published_id)) if published_id else None
    return m.group("post") if m else None


def main() -> int:
    """Read the corpus, write the table."""
    named: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (code, name) -> addresses
    sent_from: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (code, name) -> DE indicators
    seen: Counter[tuple[str, str]] = Counter()
    addressed: dict[str, Counter[str]] = defaultdict(Counter)  # address -> routing indicators
    for record, origin in _records():
        cable = cablekit.parse(record.text)
        header = cable.header
        for recipient in (*header.recipients, *header.info_recipients) if header else ():
            address = stations.address_of(recipient.name)
            if address is not None:
                addressed[address][recipient.routing_indicator or ""] += 1
        code = _code(record.reference_id)
        if origin is None or code is None:
            continue
        key = (code, origin)
        seen[key] += 1
        fm = stations.address_of(header.origin) if header and header.origin else None
        if fm is not None and identity.post_code(fm).endswith(code):  # (``USEU BRUSSELS`` for BRUSSELS)
            named[key][fm] += 1
            if header and header.station:
                sent_from[key][header.station] += 1
    rows = _rows(seen, named, sent_from, addressed)
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write("# The station table: built by scripts/build_stations.py from the real corpus (see its docstring).\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name", "kind", "address", "routing_indicators", "source"])
        writer.writerows(rows)
    print(f"{len(rows)} stations written to {OUT.relative_to(ROOT)}")
    return 0


def _records() -> list[tuple[corpus_report.Record, str | None]]:
    found: list[tuple[corpus_report.Record, str | None]] = []
    import json

    pages = corpus_report.SHARED / "corpus" / "wikileaks" / "pages.jsonl"
    origins = [json.loads(line)["origin"] for line in pages.open(encoding="utf-8")]
    found.extend(zip(corpus_report.pages(), origins, strict=True))
    entries = [json.loads(line) for line in (corpus_report.SHARED / "corpus" / "metadata.jsonl").open(encoding="utf-8")]
    for record, entry in zip(corpus_report.corpus_files(), entries, strict=True):
        record.reference_id = entry.get("reference_id")
        found.append((record, entry.get("origin")))
    return found


def _rows(seen: Counter[tuple[str, str]], named: dict[tuple[str, str], Counter[str]],
          sent_from: dict[tuple[str, str], Counter[str]],
          addressed: dict[str, Counter[str]]) -> list[list[str]]:
    pages: dict[tuple[str, str], tuple[str, Counter[str]]] = {}
    for key in sorted(seen):
        code, name = key
        same_name = {other: seen[other] for other in seen if other[1] == name and other != key}
        if any(n > seen[key] for n in same_name.values()) and identity._one_letter_off(
                code, {other[0]: n for other, n in same_name.items()}):  # an id's code garbled (``QRIPOLI``)
            continue
        addresses = named.get(key, Counter())
        pages[key] = (addresses.most_common(1)[0][0] if addresses else "", Counter(sent_from.get(key, Counter())))
    known = {code for code, _ in pages}
    extra: dict[str, tuple[str, str, Counter[str]]] = {}  # address -> code, name, indicators
    for address, indicators in sorted(addressed.items()):
        code, kind, name = identity.post_code(address), stations.kind_of_address(address), \
            stations.name_of_address(address)
        if sum(indicators.values()) < 2 or not code or kind is None or name is None \
                or any(word in MONTHS for word in address.split()):  # (a date glued to the name)
            continue
        page = next(((k, v) for k, v in pages.items() if v[0] == address or (not v[0] and k == (code, name))), None)
        longer = next((k for k in known if len(k) >= 4 and code != k and code.startswith(k)), None)
        if page is not None:  # a post a page names: its address and indicators
            pages[page[0]] = (address, page[1][1] + indicators)
        elif longer is None:  # (``USMISSION USNATO BRUSSELS BE`` is USNATO's)
            extra[address] = (code, name, indicators)
    rows = [[code, name, _kind(name, address), address, _indicators(indicators), f"pages ({seen[code, name]})"]
            for (code, name), (address, indicators) in pages.items()]
    rows += [[code, name, _kind(name, address), address, _indicators(indicators),
              f"addressees ({sum(indicators.values())})"] for address, (code, name, indicators) in extra.items()]
    return sorted(rows)


def _kind(name: str, address: str) -> str:
    """The kind of post its address names (its office word), else its name."""
    kind = stations.kind_of_address(address) if address else None
    return (kind or stations.kind_of_name(name)).name


def _indicators(counts: Counter[str]) -> str:
    """The routing indicators seen twice or more (or the most seen one), most seen first."""
    return " ".join(ri for rank, (ri, n) in enumerate(counts.most_common()) if ri and (n >= 2 or rank == 0))


if __name__ == "__main__":
    sys.exit(main())
