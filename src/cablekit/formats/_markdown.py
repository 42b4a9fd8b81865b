"""The ``markdown`` serializer: a page for people to read (it is not read back)."""

from __future__ import annotations

from typing import Final

import regex

from ..model import Cable

__all__ = ["MARKDOWN", "MarkdownSerializer"]

_SPECIAL = regex.compile(r"([\\`*_\[\]<>#|])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return _escape(" ".join(text.split()))


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
    | Origin | STATE |
    <BLANKLINE>
    **1.** (U) Hello.
    <BLANKLINE>
    """

    name: Final = "markdown"

    def dumps(self, cable: Cable) -> str:
        """Write *cable* as a Markdown page."""
        out: list[str] = []
        title = cable.subject or cable.reference_id or "Cable"
        out.append(f"# {_escape(title)}")
        rows: list[tuple[str, str]] = []
        if cable.reference_id:
            rows.append(("Reference id", cable.reference_id))
        when = cable.header.dtg if cable.header and cable.header.dtg else (
            cable.metadata.created if cable.metadata else None)
        if when is not None:
            rows.append(("Date", when.strftime("%Y-%m-%d %H:%M UTC")))
        if cable.classification is not None:
            rows.append(("Classification", cable.classification.value))
        if cable.caveats:
            rows.append(("Caveats", ", ".join(cable.caveats)))
        origin = cable.header.origin if cable.header and cable.header.origin else (
            cable.banner.origin if cable.banner else None)
        if origin:
            rows.append(("Origin", origin))
        if cable.header and cable.header.recipients:
            rows.append(("To", "; ".join(r.name for r in cable.header.recipients)))
        if cable.tags:
            rows.append(("Tags", " ".join(t.code for t in cable.tags)))
        if cable.eo is not None:
            rows.append(("E.O.", cable.eo.raw))
        if cable.classified_by is not None:
            who = ", ".join(p for p in (cable.classified_by.name, cable.classified_by.title) if p)
            reasons = ", ".join(cable.classified_by.reasons)
            rows.append(("Classified by", f"{who} ({reasons})" if reasons else who))
        if cable.signers:
            rows.append(("Signed", ", ".join(cable.signers)))
        if rows:
            out.append("\n".join(["| Field | Value |", "| --- | --- |",
                                  *(f"| {key} | {_cell(value)} |" for key, value in rows)]))
        if cable.offices:
            out.append("\n".join(f"> {_escape(office)}  " for office in cable.offices))
        if cable.summary:
            out.append(f"## Summary\n\n{_escape(cable.summary)}")
        if cable.references:
            items = []
            for reference in cable.references:
                label = f"{reference.label}. " if reference.label else ""
                cited = f" ({reference.cable_id})" if reference.cable_id else ""
                items.append(f"- {label}{_escape(reference.text)}{cited}")
            out.append("## References\n\n" + "\n".join(items))
        for paragraph in cable.paragraphs:
            if paragraph.heading:
                out.append(f"## {_escape(paragraph.heading)}")
            lead = f"**{paragraph.number}.** " if paragraph.number is not None else ""
            if paragraph.classification:
                lead += f"({_escape(paragraph.classification)}) "
            blocks = [_escape(block).replace("\n", "  \n") for block in paragraph.text.split("\n\n")]
            blocks[0] = lead + blocks[0]
            out.extend(blocks)
        return "\n\n".join(part for part in out if part) + "\n"


MARKDOWN: Final = MarkdownSerializer()
