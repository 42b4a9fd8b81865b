"""The ``text`` serializer: canonical cable text that :func:`cablekit.parse` reads back.

The layout is the cable's own: transmission header, banner, caveats, office
lines, E.O., TAGS, SUBJECT, REF, Classified By, numbered paragraphs with
their markings and headings, and the signer.  Paragraphs are written one line
each (no hard wraps).  What a publication stated about the cable
(:class:`~cablekit.Metadata`) and a reference id the text cannot imply are
written first as ``Key: value`` lines, which cablekit reads back without
calling them damage.

>>> import cablekit
>>> cable = cablekit.normalize("S E C R E T SECTION 01 OF 01 ROME 000097\\n\\nSUBJECT: TALKS\\n\\n"
...                            "1. (S) They talked.\\n\\nSMITH\\n")
>>> print(cablekit.dumps(cable, "text"))
S E C R E T SECTION 01 OF 01 ROME 000097
<BLANKLINE>
SUBJECT: TALKS
<BLANKLINE>
1. (S) They talked.
<BLANKLINE>
SMITH
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..body import ends_sentence, reads_as_heading
from ..fields import parse_classifier
from ..identity import implied_reference_id, two_digit_year
from ..model import (
    Cable,
    Classification,
    Classifier,
    ExecutiveOrder,
    Header,
    Paragraph,
    Precedence,
    Recipient,
    Reference,
    TagKind,
)
from ..normalize import normalize_text
from ..repairs import glued_pieces, head_zone_lines
from ..tokens import TokenKind as Kind
from ..tokens import classify
from ..vocabulary import BULLET, MONTHS

__all__ = ["TEXT", "TextSerializer"]

_LETTER: Final = {Precedence.ROUTINE: "R", Precedence.PRIORITY: "P", Precedence.IMMEDIATE: "O",
                  Precedence.FLASH: "Z"}
_SPACED: Final = {
    Classification.UNCLASSIFIED: "UNCLAS",
    Classification.CONFIDENTIAL: "C O N F I D E N T I A L",
    Classification.SECRET: "S E C R E T",
    Classification.TOP_SECRET: "T O P S E C R E T",
}
_PLAIN: Final = {
    Classification.UNCLASSIFIED: "UNCLASSIFIED",
    Classification.CONFIDENTIAL: "CONFIDENTIAL",
    Classification.SECRET: "SECRET",
    Classification.TOP_SECRET: "TOP SECRET",
}


def _recipient(recipient: Recipient) -> list[str]:
    parts = [f"{recipient.routing_indicator}/{recipient.name}" if recipient.routing_indicator else recipient.name]
    if recipient.precedence:
        parts.append(recipient.precedence)
    if recipient.serial:
        parts.append(recipient.serial)
    return [" ".join(parts)] + [f"XMT {name}" for name in recipient.excluded]


_ROUTING_WIDTH: Final = 70  # a routing line's width: a long list of indicators goes on over lines, as cables wrap it


def _routing(lead: str, indicators: Sequence[str]) -> list[str]:
    """The routing line (``OO RUEHAG RUEHAO …``), wrapped onto continuation lines of indicators."""
    lines = [lead]
    for indicator in indicators:
        if len(lines[-1]) + 1 + len(indicator) > _ROUTING_WIDTH and lines[-1] != lead:
            lines.append(indicator)
        else:
            lines[-1] += " " + indicator
    return lines


def _header(header: Header) -> list[str]:
    lines: list[str] = []
    letter = _LETTER.get(header.precedence) if header.precedence else None
    if header.transmission_id:
        lines.append(header.transmission_id)
    if header.routing:
        lines.extend(_routing(f"{(letter or 'R') * 2}", header.routing))
    if header.station and header.station_serial is not None:
        de = f"DE {header.station} #{header.station_serial:04d}"
        if header.section is not None:
            de += f"/{header.section:02d}"
        time = header.de_time or (f"{header.dtg:%H%M}" if header.dtg is not None else None)
        if header.julian_day is not None and time:
            de += f" {header.julian_day:03d}{time}"
        lines.append(de)
    if header.security:
        lines.append(header.security)
    lines.extend(header.other_lines)  # older traffic puts its office-code lines before the date-time group
    if header.dtg is not None:
        dtg = header.dtg
        year = two_digit_year(dtg) if 1950 <= dtg.year < 2050 else f"{dtg.year:04d}"
        trailer = f" {header.dtg_trailer}" if header.dtg_trailer else ""
        lines.append(f"{letter or 'R'} {dtg:%d%H%M}Z {MONTHS[dtg.month - 1]} {year}{trailer}")
    if header.origin:
        lines.append(f"FM {header.origin}")
    for keyword, recipients in (("TO", header.recipients), ("INFO", header.info_recipients)):
        for index, recipient in enumerate(recipients):
            written = _recipient(recipient)
            if index == 0:
                written[0] = f"{keyword} {written[0]}"
            lines.extend(written)
    return lines


def _classifier(classifier: Classifier) -> str:
    reasons = f"Reasons {', '.join(classifier.reasons)}" if classifier.reasons else ""
    name, title = classifier.name, classifier.title
    candidates = []
    if name and title:
        candidates += [f"{title} {name}", f"{name}, {title}"]
    else:
        candidates.append(name or title or "")
    for person in candidates:
        line = f"{person}, {reasons}" if person and reasons else person or reasons
        if parse_classifier(line) == classifier:
            return f"Classified By: {line}"
    person = candidates[0]
    return f"Classified By: {person}, {reasons}" if person and reasons else f"Classified By: {person or reasons}"


def _references(cable: Cable) -> str:
    """The REF lines: one, and another wherever the labels start again (two REF fields in the head)."""
    runs: list[list[Reference]] = []
    for reference in cable.references:
        previous = runs[-1][-1] if runs else None
        if previous is None or (previous.label and reference.label and reference.label <= previous.label):
            runs.append([reference])
        else:
            runs[-1].append(reference)
    return "\n".join(_reference_line(run) for run in runs)


def _reference_line(references: list[Reference]) -> str:
    parts = [f"{reference.label}. {reference.text}" if reference.label else reference.text for reference in references]
    labelled = any(r.label for r in references)
    return "REF: " + (" ".join(parts) if labelled else "; ".join(parts))


def _front_matter(cable: Cable) -> list[str]:
    lines = []
    if cable.reference_id and cable.reference_id != implied_reference_id(cable):
        lines.append(f"Reference-Id: {cable.reference_id}")
    meta = cable.metadata
    if meta is not None:
        for key, value in (("Identifier", meta.identifier),
                           ("Created", meta.created.isoformat() if meta.created else None),
                           ("Classification", meta.classification), ("Origin", meta.origin),
                           ("Title", meta.title), ("References", " ".join(meta.references) or None)):
            if value is not None:
                lines.append(f"{key}: {value}")
    return lines


def _banner(cable: Cable) -> list[str]:
    """The banner line, or the plain classification when the cable has no banner."""
    b = cable.banner
    if b is None:
        return [_PLAIN[cable.classification]] if cable.classification is not None else []
    line = _SPACED[b.classification or cable.classification or Classification.UNCLASSIFIED]
    if b.section is not None and b.sections is not None:
        line += f" SECTION {b.section:02d} OF {b.sections:02d}"
    return [f"{line} {b.origin} {b.serial:06d}"]


def _eo(eo: ExecutiveOrder) -> str:
    if eo.raw:
        return f"E.O. {eo.raw}"
    declassify = eo.declassify_on.strftime("DECL: %m/%d/%Y") if eo.declassify_on else ""
    return f"E.O. {eo.order or ''}: {declassify}{eo.rule or ''}"


def _fields(cable: Cable) -> list[str]:
    """The E.O., TAGS and SUBJECT lines (REF and Classified By stand apart)."""
    fields = []
    if cable.eo is not None:
        fields.append(_eo(cable.eo))
    if cable.tags:
        fields.append("TAGS: " + " ".join(f"({t.code})" if t.kind is TagKind.PERSON else t.code for t in cable.tags))
    if cable.subject:
        fields.append(f"SUBJECT: {cable.subject}")
    return fields


# A paragraph's longest line.  No cable has lines this long; a line of more than 1,500 characters is
# read as text whose line breaks were lost (a whole cable on one line), and cut where a paragraph
# marker or a head field stands in it.
_WIDTH: Final = 1000
_TAIL: Final = 200  # the last line's fewest characters


def _opens_text(line: str, at: int) -> bool:
    """Whether a line break at the blank *at* of *line* leaves a line that is read as text going on.

    The next line must not open as anything but text (a paragraph marker, a
    head field, a caveat, a page line, a list item), and the line must not end
    with a hyphen, which joins the word after it.
    """
    if line[at - 1] == "-" or line[at + 1:at + 2] in ("", " "):
        return False
    rest = line[at + 1:at + 201]
    return BULLET.match(rest) is None and classify([rest])[0] is Kind.TEXT


def _wrapped(line: str) -> list[str]:
    """*line*, when longer than :data:`_WIDTH`, cut at blanks into lines that read back as the one line.

    Normalizing joins the lines with single blanks again.
    """
    if len(line) <= _WIDTH:
        return [line]
    lines = []
    start = 0
    last = len(line) - _TAIL  # no cut after this: a short last line could read as a heading or a name
    while len(line) - start > _WIDTH:
        at = line.rfind(" ", start + _WIDTH // 4, min(start + _WIDTH, last))
        while at > 0 and not _opens_text(line, at):
            at = line.rfind(" ", start + _WIDTH // 4, at)
        if at <= 0:  # no blank to cut at in the width: the first one after it
            at = line.find(" ", start + _WIDTH, last)
            while at > 0 and not _opens_text(line, at):
                at = line.find(" ", at + 1, last)
            if at <= 0:
                break
        lines.append(line[start:at])
        start = at + 1
    lines.append(line[start:])
    return lines


def _not_heading(line: str) -> list[str]:
    """*line* (a paragraph's last block, read as a heading) cut at blanks into three lines, as no heading is.

    Read back before the next paragraph's marker, the lines stay the paragraph's text, which normalizing
    joins into *line* again.  *line* is kept whole when it cannot be cut so.
    """
    end = len(line.rstrip("-=_*~ "))  # no cut in a rule glued to its end: a lone rule is no line of text
    pieces: list[str] = []
    start = 0
    step = max(end // 3, 1)
    while len(pieces) < 2:
        at = line.find(" ", start + step, end)
        while at > 0 and not _opens_text(line, at):
            at = line.find(" ", at + 1, end)
        if at <= 0:
            return [line]
        pieces.append(line[start:at])
        start = at + 1
    pieces.append(line[start:])
    return pieces if normalize_text("\n".join(pieces)) == line and not reads_as_heading(pieces) else [line]


def _paragraphs(paragraphs: Sequence[Paragraph]) -> list[Sequence[str]]:
    """Each paragraph's heading, and its text led by its number and marking (a block a line)."""
    sections: list[Sequence[str]] = []
    before = ""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading:
            # A heading after text that stops mid-sentence would read as the rest of that sentence:
            # a rule under it says it is a heading.
            rule = [] if not before or ends_sentence(before) else ["-" * len(paragraph.heading)]
            sections.append([paragraph.heading, *rule])
        before = paragraph.text
        lead = f"{paragraph.number}." if paragraph.number is not None else ""
        if paragraph.classification and paragraph.number is not None:
            lead += f" ({paragraph.classification})"
        first, _, rest = paragraph.text.partition("\n")
        head = f"{lead} {first}".strip() if lead else first
        lines = [head, *rest.split("\n")] if rest else [head]
        if (len(lines) > 1 or not lead) and index + 1 < len(paragraphs) and not paragraphs[index + 1].heading \
                and reads_as_heading(lines[-1:]):
            lines[-1:] = _not_heading(lines[-1])  # a last block the next paragraph's marker would take as heading
        sections.append([piece for line in lines for piece in _wrapped(line)])
    return sections


def _apart(line: str, head_zone: bool) -> list[str]:
    """*line* cut where the reader would cut it as lines glued together, when a blank stands at each cut.

    Read back, the pieces are the lines of one paragraph, which normalizing
    joins with blanks into *line* again; a cut with no blank to take out
    (text glued without one) or before a list item (which keeps its line) cannot be written so, and
    *line* is kept whole.
    """
    pieces = [line]
    while True:
        cut = [q for piece in pieces for p in glued_pieces(piece, head_zone) if (q := p.strip(" "))]
        if cut == pieces:
            return pieces
        if normalize_text("\n".join(cut)) != line:
            return pieces
        pieces = cut


def _unglued(head: Sequence[Sequence[str]], body: list[Sequence[str]]) -> list[Sequence[str]]:
    """*body* (the paragraphs' blocks) with each line cut where the reader would read lines glued together.

    Text that a lenient reading left in a paragraph may hold what the reader
    takes for a line glued to another: a head label, a banner or a page-break
    line after other text in the head zone, a dateline, a field glued to a
    field.  Written as separate lines of the paragraph, it is read back as
    the same paragraph, and no repair is called for.  *body* itself is
    returned when no line is cut.
    """
    before = [section for section in head if section]
    written = sum(len(section) for section in before) + len(before)  # the lines before the body, blank ones too
    text = "\n\n".join("\n".join(section) for section in [*before, *body] if section)
    zone = head_zone_lines(text)
    out: list[Sequence[str]] = []
    changed = False
    for section in body:
        lines: list[str] = []
        for line in section:
            pieces = _apart(line, written + len(lines) < zone) if line else [line]
            lines.extend(pieces)
            changed = changed or len(pieces) > 1
        written += len(lines) + 1
        out.append(lines)
    return out if changed else body


class TextSerializer:
    """Canonical cable text; ``normalize(parse(dumps(c, "text"))) == c`` for a normalized cable ``c``."""

    name: Final = "text"

    def dumps(self, cable: Cable) -> str:
        """Write *cable* as cable text."""
        sections: list[Sequence[str]] = [_front_matter(cable)]
        if cable.header is not None:
            sections.append(_header(cable.header))
        sections += (_banner(cable), cable.caveats, cable.offices, _fields(cable))
        if cable.references:
            sections.append([_references(cable)])
        if cable.classified_by is not None:
            sections.append([_classifier(cable.classified_by)])
        body = _paragraphs(cable.paragraphs)
        for _ in range(3):  # cutting a line in the head zone may move the zone's end (120 lines)
            cut = _unglued(sections, body)
            if cut is body:
                break
            body = cut
        sections += body
        sections.append(cable.signers)
        return "\n\n".join("\n".join(section) for section in sections if section) + "\n"


TEXT: Final = TextSerializer()
