"""Golden snapshots of what cablekit makes of every real cable, to compare two builds.

A refactoring of the parser must not change its output.  This script writes,
for every seed, every file of ``shared/corpus`` and every page of
``shared/corpus/wikileaks/pages.jsonl`` (as published, and with the page's
metadata table removed), the JSON of ``parse()`` and of
``normalize(parse())`` (defects included), one file a cable::

    python tests/snapshot.py write /tmp/before      # on the old build
    python tests/snapshot.py write /tmp/after       # on the new build
    python tests/snapshot.py diff /tmp/before /tmp/after

``diff`` prints every cable whose output changed with the first differing
lines, and a count of the differences by defect code and field, so that a
change can be named and explained.  ``PYTHONPATH=src`` when cablekit is not
installed.  Not a test: the snapshots are not kept in the repository.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import cablekit

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLEKIT_SHARED", ROOT.parent / "shared"))
_TABLE = re.compile(r"<table class='cable'>.*?</table>", re.DOTALL)


def _published(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="surrogateescape")


def inputs(shared: Path = SHARED) -> Iterator[tuple[str, str]]:
    """(name, text) for every seed, corpus file and WikiLeaks page (whole and without its table)."""
    for path in sorted((shared / "seeds").glob("*.txt")):
        yield f"seed-{path.stem}", _published(path)
    corpus = shared / "corpus"
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.parent.name in ("csv", "html", "json", "text"):
            yield f"corpus-{path.parent.name}-{path.name}", _published(path)
    pages = corpus / "wikileaks" / "pages.jsonl"
    with pages.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            page = json.loads(line)
            name = f"page-{number:04d}-{page['reference_id']}"
            yield name, page["html"]
            yield f"{name}-text", _TABLE.sub("", page["html"], count=1)


def _render(text: str) -> str:
    try:
        cable = cablekit.parse(text)
    except Exception as error:  # a snapshot records a crash, it does not stop at one
        return f"parse raised {type(error).__name__}: {error}\n"
    parsed = cablekit.dumps(cable, "json", indent=1)
    clean = cablekit.dumps(cablekit.normalize(cable), "json", indent=1)
    return f"{parsed}\n=== normalize\n{clean}\n"


def write(folder: Path) -> None:
    """Write one snapshot file a cable into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, text in inputs():
        (folder / f"{name}.json").write_text(_render(text), encoding="utf-8")
        count += 1
    print(f"{count} snapshots written to {folder}")


_KEY = re.compile(r'^\s*"(\w+)":')


def diff(before: Path, after: Path, *, show: int) -> int:
    """Print the cables whose snapshots differ; return how many do."""
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    changed = 0
    keys: Counter[str] = Counter()
    for name in names:
        old = (before / name).read_text(encoding="utf-8").splitlines() if (before / name).exists() else []
        new = (after / name).read_text(encoding="utf-8").splitlines() if (after / name).exists() else []
        if old == new:
            continue
        changed += 1
        lines = list(difflib.unified_diff(old, new, f"before/{name}", f"after/{name}", n=2, lineterm=""))
        for line in lines:
            m = _KEY.match(line[1:]) if line[:1] in "+-" and not line.startswith(("+++", "---")) else None
            if m:
                keys[m.group(1)] += 1
        if changed <= show:
            print("\n".join(lines[:60]))
    print(f"\n{changed} of {len(names)} snapshots differ")
    for key, count in keys.most_common():
        print(f"  {count:6d} changed lines with key {key!r}")
    return changed


def main(argv: list[str] | None = None) -> int:
    """The command line: ``write FOLDER`` or ``diff BEFORE AFTER``."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the snapshots of this build")
    w.add_argument("folder", type=Path)
    d = sub.add_parser("diff", help="compare two folders of snapshots")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    d.add_argument("--show", type=int, default=20, help="print the diffs of this many cables (default 20)")
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.folder)
        return 0
    return 1 if diff(args.before, args.after, show=args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
