"""The ``markdown`` serializer: a page for people to read (it is not read back)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import regex

from ..model import Cable, Tag

__all__ = ["MARKDOWN", "MarkdownSerializer"]

_SPECIAL = regex.compile(r"([\\`*_\[\]<>#|])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return _escape(" ".join(text.split()))


def _date(cable: Cable) -> str | None:
    when = cable.header.dtg if cable.header and cable.header.dtg else (
        cable.metadata.created if cable.metadata else None)
    return when.strftime("%Y-%m-%d %H:%M UTC") if when is not None else None


def _origin(cable: Cable) -> str | None:
    origin = cable.header.origin if cable.header and cable.header.origin else (
        cable.banner.origin if cable.banner else None)
    return origin or None


def _station(cable: Cable) -> str | None:
    station = cable.station
    if station is None:
        return None
    kind = station.kind.name.lower() if station.kind is not None else None
    return f"{station.name or station.code} ({', '.join(p for p in (station.code, kind) if p)})"


def _tag(tag: Tag) -> str:
    return f"{tag.code} ({tag.name})" if tag.name and tag.name != tag.code else tag.code


def _classified_by(cable: Cable) -> str | None:
    classifier = cable.classified_by
    if classifier is None:
        return None
    who = ", ".join(p for p in (classifier.name, classifier.title) if p)
    reasons = ", ".join(classifier.reasons)
    return f"{who} ({reasons})" if reasons else who


# The rows of the metadata table, in order: a row is left out when its value is None.
_ROWS: Final[tuple[tuple[str, Callable[[Cable], str | None]], ...]] = (
    ("Reference id", lambda c: c.reference_id or None),
    ("Date", _date),
    ("Classification", lambda c: c.classification.value if c.classification is not None else None),
    ("Caveats", lambda c: ", ".join(c.caveats) if c.caveats else None),
    ("Station", _station),
    ("Origin", _origin),
    ("To", lambda c: "; ".join(r.name for r in c.header.recipients) if c.header and c.header.recipients else None),
    ("Tags", lambda c: ", ".join(map(_tag, c.tags)) if c.tags else None),
    ("E.O.", lambda c: c.eo.raw if c.eo is not None else None),
    ("Classified by", _classified_by),
    ("Signed", lambda c: ", ".join(c.signers) if c.signers else None),
)


def _table(cable: Cable) -> str:
    rows = [f"| {key} | {_cell(value)} |" for key, row in _ROWS if (value := row(cable)) is not None]
    return "\n".join(["| Field | Value |", "| --- | --- |", *rows]) if rows else ""


def _references(cable: Cable) -> str:
    if not cable.references:
        return ""
    items = []
    for reference in cable.references:
        label = f"{reference.label}. " if reference.label else ""
        cited = f" ({reference.cable_id})" if reference.cable_id else f" ({reference.kind.name.lower()})"
        items.append(f"- {label}{_escape(reference.text)}{cited}")
    return "## References\n\n" + "\n".join(items)


def _paragraphs(cable: Cable) -> list[str]:
    """Each paragraph's heading, then its blocks, the first led by its number and marking."""
    out: list[str] = []
    for paragraph in cable.paragraphs:
        if paragraph.heading:
            out.append(f"## {_escape(paragraph.heading)}")
        lead = f"**{paragraph.number}.** " if paragraph.number is not None else ""
        if paragraph.classification:
            lead += f"({_escape(paragraph.classification)}) "
        blocks = [_escape(block).replace("\n", "  \n") for block in paragraph.text.split("\n\n")]
        blocks[0] = lead + blocks[0]
        out.extend(blocks)
    return out


class MarkdownSerializer:
    """A readable page: the subject as title, a metadata table, headings, paragraphs and references.

    >>> import cablekit
    >>> cable = cablekit.normalize("UNCLAS SECTION 01 OF 01 STATE 000123\\n\\nSUBJECT: TEST\\n\\n1. (U) Hello.\\n")
    >>> print(cablekit.dumps(cable, "markdown"))  # doctest: +NORMALIZE_WHITESPACE
    # TEST
    <BLANKLINE>
    | Field | Value |
    | --- | --- |
    | Classification | UNCLASSIFIED |
    | Station | Secretary of State (STATE, department) |
    | Origin | STATE |
    <BLANKLINE>
    **1.** (U) Hello.
    <BLANKLINE>
    """

    name: Final = "markdown"

    def dumps(self, cable: Cable) -> str:
        """Write *cable* as a Markdown page."""
        out = [
            f"# {_escape(cable.subject or cable.reference_id or 'Cable')}",
            _table(cable),
            "\n".join(f"> {_escape(office)}  " for office in cable.offices),
            f"## Summary\n\n{_escape(cable.summary)}" if cable.summary else "",
            _references(cable),
            *_paragraphs(cable),
        ]
        return "\n\n".join(part for part in out if part) + "\n"


MARKDOWN: Final = MarkdownSerializer()
