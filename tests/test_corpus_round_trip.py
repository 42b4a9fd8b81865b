"""The text round trip over the whole real family: every cable of ``shared/corpus``.

For each of the 3,000 WikiLeaks pages (the cable text alone) and the 187
corpus files, ``c = normalize(parse(source))`` is written as text, and that
text must parse in strict mode without a defect and normalize back to ``c``:
``normalize(parse(dumps(c, "text"), mode="strict")) == c``, the promise of the
text format.  Every cable that fails is collected, so one run names them all.

One kind is held to a weaker promise: a published cable whose text ends at a
cut (``…the minister said that...``).  Its clean text keeps the cut, since
nothing can tell what was lost, and strict mode rightly refuses it as
incomplete, as it refuses the source (strict is not weakened for damaged
input).  Such a cable passes when strict mode reports ``text-truncated`` and
nothing else, and the lenient reading of its text normalizes back to ``c``.

Every cable holds it today: :data:`KNOWN`, where a cable the round trip fails for would be listed
with why, is empty, and the test fails on any cable that starts to fail.
"""

from __future__ import annotations

import pytest

import cablekit
from cablekit import Cable
from corpus_report import SHARED, corpus_files, pages

_FIELDS = ("reference_id", "header", "banner", "classification", "caveats", "offices", "eo", "tags", "subject",
           "references", "classified_by", "paragraphs", "summary", "signers", "metadata")


def _round_trip_failure(source: str) -> str | None:
    """Why the text round trip fails for the cable *source* holds, or None when it holds."""
    clean = cablekit.normalize(cablekit.parse(source))
    text = cablekit.dumps(clean, "text")
    try:
        back: Cable = cablekit.normalize(cablekit.parse(text, mode="strict"))
    except cablekit.CableParseError as error:
        codes = sorted({defect.code for defect in error.defects})
        if codes != ["text-truncated"]:
            return "strict: " + ", ".join(codes)
        back = cablekit.normalize(cablekit.parse(text))  # a cut text: strict says so; the rest must hold
    if back != clean:
        return "differs: " + ", ".join(f for f in _FIELDS if getattr(back, f) != getattr(clean, f))
    return None


KNOWN: dict[str, str] = {
}
"""Cables the round trip still fails for, and why: the test fails on any other, and on any of these once it holds."""


def test_every_corpus_cable_round_trips_through_text() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"corpus not found at {SHARED / 'corpus'}: set CABLEKIT_SHARED to the shared/ folder")
    failures = []
    count = 0
    for record in [*pages(), *corpus_files()]:
        count += 1
        reason = _round_trip_failure(record.alone or record.published)
        if reason is not None and record.name not in KNOWN:
            failures.append(f"{record.name}: {reason}")
        elif reason is None and record.name in KNOWN:
            failures.append(f"{record.name}: holds now; take it off KNOWN")
    assert count == 3187
    shown = "\n  ".join(failures[:12])
    assert not failures, f"{len(failures)} of {count} cables fail the text round trip, first:\n  {shown}"
