"""Putting a parsed cable together: what the sections found, the fallbacks between them, and the id.

The readers of the header, head and body each find what their lines state.
Some facts are stated in more than one place, or only in a weaker one: the
classification in the banner, else the header's security line, else the
publication's metadata; the classifier in the head, else in one of the first
paragraphs (older traffic); the reference id from the banner, a page line or
the header, checked against the id the caller or the publication gives.
:func:`assemble` settles those and builds the :class:`~cablekit.Cable`.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from . import _kinds as K
from ._context import Context
from .body import CLASSIFIED_BY_OPENING, Body, summary_of
from .cursor import Cursor
from .defects import DefectCode as D
from .fields import classification_of, implied_caveats, parse_classifier, parse_references
from .head import HeadState, dateline_date
from .header import HeaderReading, dtg_datetime, security_level
from .identity import canonical_id, canonical_post, clean_reference_id, id_parts, post_and_serial, year_of
from .model import Cable, Classification, Classifier, Metadata, Paragraph, Reference, Station
from .stations import choose_station

__all__ = ["assemble"]



def assemble(cursor: Cursor, opening: HeaderReading, head: HeadState, body: Body, metadata: Metadata | None,
             given_id: str | None) -> Cable:
    """Build the cable from what the readers found; *given_id* is the caller's reference id hint."""
    ctx = cursor.ctx
    metadata = _dated(metadata, [*opening.datelines, *head.datelines])
    paragraphs = tuple(body.paragraphs)
    classifier = head.classifier or _classifier_in(paragraphs)
    level = _level(head, opening, metadata)
    stated = _stated(metadata, opening, head)
    final_id = _choose_id(ctx, metadata, given_id, stated, cursor)
    parts = id_parts(final_id)
    year = final_id[:2] if final_id and final_id[:2].isdigit() else None
    citing = (parts[1], parts[2]) if parts is not None else None
    blocks = [head.references, *head.more_references] if head.references else []
    references = tuple(ref for block in blocks if block.text
                       for ref in parse_references(block.text, year, citing))
    text_level = _level(head, opening, None) if metadata is not None else level  # the text's, not the page's
    if _nothing_found(opening, head, text_level, references, classifier, paragraphs):
        first = next((i for i, kind in enumerate(cursor.kinds) if kind is not K.BLANK), None)
        ctx.at_line(D.NO_CABLE, "no cable found: no header, banner, head field or numbered paragraph",
                    line=1 if first is None else first + 1, text="" if first is None else cursor.lines[first])
    return Cable(
        reference_id=final_id,
        station=_station(ctx, opening, stated, metadata, final_id),
        header=opening.header,
        banner=head.banner,
        classification=level,
        caveats=_caveats(head, body, paragraphs, metadata),
        offices=tuple(o for o in head.offices if o),
        eo=head.eo,
        tags=head.tags,
        subject=head.subject,
        references=references,
        classified_by=classifier,
        paragraphs=paragraphs,
        summary=summary_of(paragraphs),
        signers=tuple(body.signers),
        metadata=metadata,
        defects=tuple(sorted(ctx.defects, key=lambda d: (d.line, d.column))),
    )


def _caveats(head: HeadState, body: Body, paragraphs: tuple[Paragraph, ...],
             metadata: Metadata | None) -> tuple[str, ...]:
    """The caveats: the head's and body's, then those its markings and publication imply, each once."""
    markings = {p.classification for p in paragraphs if p.classification}
    found = [*head.caveats, *body.caveats, *implied_caveats(markings, metadata.classification if metadata else None)]
    return tuple(dict.fromkeys(c for c in found if c)) if found else ()


def _dated(metadata: Metadata | None, datelines: list[str]) -> Metadata | None:
    """The publication's metadata, with the date of the first valid dateline when it states none."""
    if metadata is not None and metadata.created is not None:
        return metadata
    created = next((when for when in map(dateline_date, datelines) if when is not None), None)
    if created is None:
        return metadata
    return Metadata(created=created) if metadata is None else attrs.evolve(metadata, created=created)


def _classifier_in(paragraphs: tuple[Paragraph, ...]) -> Classifier | None:
    """A Classified By line opening one of the first paragraphs (older traffic puts it there).

    Before the first numbered paragraph it may stand after other lines the head left (a wrapped
    reference, a date, a page-break line's remains): at the start of one of the first blocks, or of one
    of the first lines of such a block (a line it was glued to and cut from).
    """
    for paragraph in paragraphs[:3]:
        blocks = paragraph.text.split("\n\n") if paragraph.number is None else (paragraph.text,)
        for block in blocks[:8]:
            found = _classifier_opening(block)
            if found is not None:
                return found
    return None


def _classifier_opening(block: str) -> Classifier | None:
    """The classifier of a Classified By line opening *block* or one of its first lines."""
    start = 0
    for _ in range(_LINES_BEFORE_CLASSIFIER):
        m = CLASSIFIED_BY_OPENING.match(block, start)
        if m:
            return parse_classifier(block[m.end():])
        start = block.find("\n", start) + 1
        if not start:
            break
    return None


_LINES_BEFORE_CLASSIFIER = 4
"""How many lines of a block are searched for a Classified By line opening one."""


def _level(head: HeadState, opening: HeaderReading, metadata: Metadata | None) -> Classification | None:
    """The classification: the head's, else the header's security line, else the publication's."""
    level = head.level
    header = opening.header
    if level is None and header is not None and header.security:
        level, _ = classification_of(security_level(header.security) or "")
    if level is None and metadata is not None and metadata.classification:
        level, _ = classification_of(metadata.classification)
    return level


def _nothing_found(opening: HeaderReading, head: HeadState, level: Classification | None,
                   references: tuple[Reference, ...], classifier: Classifier | None,
                   paragraphs: tuple[Paragraph, ...]) -> bool:
    """Whether the text held nothing of a cable: no header, banner, level, head field or numbered paragraph."""
    return (opening.header is None and head.banner is None and level is None and not head.tags
            and head.subject is None and head.eo is None and not references and classifier is None
            and not any(p.number is not None for p in paragraphs))


class _Stated(NamedTuple):
    """What the text states of the cable's identity."""

    year: str | None
    """Two digits, from the banner, else the DTG, else the publication's date."""
    post: str | None
    """Post and serial as ids write them (``AMMAN713``)."""
    line: int
    """The line that states the post and serial."""
    code: str | None = None
    """The post alone, as the station table writes it (``AMMAN``)."""


def _choose_id(ctx: Context, metadata: Metadata | None, given: str | None, text: _Stated,
               cursor: Cursor) -> str | None:
    """The reference id: the caller's, else the text's, else the publication's; conflicts are reported."""
    given = (_canonical(given.strip()) or None) if given is not None else None
    published = metadata.identifier if metadata is not None else None
    stated = _canonical(published) if published else published
    if published and stated and stated != published:
        ctx.at_line(D.REFERENCE_ID_NONCANONICAL,
                    f"the publication states the reference id {published!r}; canonically it is {stated!r}", line=1,
                    text=published)
    if text.year is None and text.post is not None:
        text = text._replace(year=_later_dtg_year(cursor))
    derived = _canonical(f"{text.year}{text.post}") if text.year and text.post else None
    _check_id(ctx, given, stated, text, derived)
    if given:
        return given
    if derived:
        return derived
    if stated and (text.post is None or stated.upper().endswith(text.post.upper())):
        return stated
    return None


def _canonical(value: str) -> str:
    """*value*'s canonical id (:func:`~cablekit.canonical_id`), else *value* without a publisher's debris."""
    return canonical_id(value) or clean_reference_id(value)


def _later_dtg_year(cursor: Cursor) -> str | None:
    """The year of the first date-time group line after the header (a later section's header states it)."""
    for index, kind in enumerate(cursor.kinds):
        if kind is K.DTG:
            when = dtg_datetime(cursor.token(index))
            if when is not None:
                return f"{when:%y}"
    return None


def _check_id(ctx: Context, given: str | None, stated: str | None, text: _Stated, derived: str | None) -> None:
    """Report a given or published id that disagrees with the text's (the given one only, when both do)."""
    post = text.post
    for other, whose, kept in ((given, "was given", "the given reference id is kept"),
                               (stated, "the publication states", "the text's reference id is kept")):
        if other is None or post is None:
            continue
        agrees = other.upper() == derived.upper() if derived else other.upper().endswith(post.upper())
        if not agrees:
            repair = kept if given is None or other is given else "the given reference id is kept"
            ctx.at_line(D.REFERENCE_ID_MISMATCH, f"the text states {derived or f'…{post}'!r}, but {other!r} {whose}",
                        line=text.line, repair=repair)
            if other is given:
                break


def _stated(metadata: Metadata | None, opening: HeaderReading, head: HeadState) -> _Stated:
    """The year, post and serial the text states, and the line stating them."""
    header, banner, page = opening.header, head.banner, opening.page
    year = year_of(head.year, header.dtg if header is not None else None,
                   metadata.created if metadata is not None else None)
    page_parts = (page.group("pg_origin"), int(page.group("pg_serial") or 0) or None) if page else None
    found = post_and_serial(banner, header, page_parts)
    line = head.banner_line if banner is not None and banner.serial else page.line if page is not None else 1
    if found is None:
        return _Stated(year, None, line)
    code = canonical_post(found[0])
    return _Stated(year, f"{code}{found[1]}", line, code)


def _station(ctx: Context, opening: HeaderReading, text: _Stated, metadata: Metadata | None,
             final_id: str | None) -> Station | None:
    """The post that sent the cable (:func:`~cablekit.stations.choose_station`); a disagreement is reported."""
    header = opening.header
    address = header.origin if header is not None else None
    origin = metadata.origin if metadata is not None else None
    found, disagrees = choose_station(address, text.code, header.station if header is not None else None, origin,
                                      final_id)
    if disagrees and found is not None:
        how = f"FM {address}" if address else f"id {found.code}" if text.code else "DE line"
        ctx.at_line(D.STATION_MISMATCH, f"the text names {found.name or found.code!r} ({how}), but the publication "
                    f"states {origin!r}", line=text.line, text=origin or "")
    return found
