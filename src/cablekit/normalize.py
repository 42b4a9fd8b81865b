"""``normalize()``: the clean cable a person would want to read."""

from __future__ import annotations

import re
from typing import Final

import attrs

from .body import ends_sentence, summary_of
from .fields import strip_links
from .model import Cable, Classifier, ExecutiveOrder, Header, Paragraph, Recipient, Reference, Tag, TagKind
from .tags import tag
from .vocabulary import BULLET

__all__ = ["normalize", "normalize_text"]

_BLANKS: Final = re.compile(r"\n[ \t]*+\n\s*+")
# What makes joining a block's lines more than collapsing its whitespace: a list item
# opening a line, or a word hyphenated at the end of one.
_LINE_BULLET: Final = re.compile(r"\n[^\S\n]*+" + BULLET.pattern)
_LINE_HYPHEN: Final = re.compile(r"-[^\S\n]*+\n")


def _collapse(text: str) -> str:
    """``" ".join(text.split())``, without splitting text that has no whitespace but spaces and newlines."""
    flat = text.replace("\n", " ")
    if not flat.isprintable():  # a tab, a no-break space …: every other blank is unprintable
        return " ".join(text.split())
    while "  " in flat:
        flat = flat.replace("  ", " ")
    return flat.strip(" ")


def _line(text: str | None) -> str | None:
    """One clean line: link debris gone, whitespace collapsed."""
    if text is None:
        return None
    if text.isalnum():  # a tag, a marking, a name: nothing to clean
        return text
    cleaned = _collapse(strip_links(text))
    return cleaned or None


def _join_lines(lines: list[str]) -> str:
    out = ""
    for raw in lines:
        line = _collapse(raw)
        if not line:
            continue
        if not out:
            out = line
        elif BULLET.match(line) and not line.startswith("- - -"):  # (a spaced rule is no list item)
            out += "\n" + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[0].isalpha():
            out += line
        else:
            out += " " + line
    return out


def normalize_text(text: str) -> str:
    """Clean a paragraph's text.

    Hard wraps are joined with single spaces, a blank line that splits a
    sentence is closed up, other blank-line breaks become one empty line,
    list items keep their own lines, and link debris is removed.

    >>> normalize_text("because each\\n\\ncountry has a\\nveto.")
    'because each country has a veto.'
    >>> normalize_text("It was agreed:\\n-- first;\\n-- second.\\n\\nNext point.")
    'It was agreed:\\n-- first;\\n-- second.\\n\\nNext point.'
    """
    text = strip_links(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:  # one line: only its whitespace to collapse
        return _collapse(text)
    text = text.strip()
    blocks: list[str] = []
    for block in _BLANKS.split(text) if "\n\n" in text or "\n " in text or "\n\t" in text else (text,):
        if _LINE_BULLET.search(block) is None and _LINE_HYPHEN.search(block) is None:
            joined = _collapse(block)
        else:
            joined = _join_lines(block.split("\n"))
        if not joined:
            continue
        if blocks and not ends_sentence(blocks[-1]):
            blocks[-1] += " " + joined
        else:
            blocks.append(joined)
    return "\n\n".join(blocks)


# The parts of a cable are frozen, so one that is already clean is kept, not copied; one that is
# not is copied with attrs.evolve, which keeps every field the cleaning does not touch.

def _paragraph(p: Paragraph) -> Paragraph:
    marker = f"{p.number}." if p.number is not None else ""
    classification = _line(p.classification)
    heading = _line(p.heading)
    text = normalize_text(p.text)
    if marker == p.marker and classification == p.classification and heading == p.heading and text == p.text:
        return p
    return attrs.evolve(p, marker=marker, classification=classification, heading=heading, text=text)


def _recipient(r: Recipient) -> Recipient:
    name = _line(r.name) or r.name
    excluded = tuple(x for x in (_line(e) for e in r.excluded) if x) if r.excluded else ()
    if name == r.name and excluded == r.excluded:
        return r
    return attrs.evolve(r, name=name, excluded=excluded)


def _header(header: Header | None) -> Header | None:
    if header is None:
        return None
    origin = _line(header.origin)
    recipients = tuple(_recipient(r) for r in header.recipients)
    info_recipients = tuple(_recipient(r) for r in header.info_recipients)
    if origin == header.origin and recipients == header.recipients and info_recipients == header.info_recipients:
        return header
    return attrs.evolve(header, origin=origin, recipients=recipients, info_recipients=info_recipients)


def _reference(r: Reference) -> Reference:
    text = _line(r.text) or ""
    return r if text == r.text else attrs.evolve(r, text=text)


def _classifier(classifier: Classifier | None) -> Classifier | None:
    if classifier is None:
        return None
    name, title = _line(classifier.name), _line(classifier.title)
    if name == classifier.name and title == classifier.title:
        return classifier
    return attrs.evolve(classifier, name=name, title=title)


def _executive_order(eo: ExecutiveOrder | None) -> ExecutiveOrder | None:
    if eo is None:
        return None
    rule, raw = _line(eo.rule), _line(eo.raw) or ""
    return eo if rule == eo.rule and raw == eo.raw else attrs.evolve(eo, rule=rule, raw=raw)


def _tags(tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
    """The codes cleaned and upper-cased, each once (the first tag of a code is kept); a person's name too."""
    found: dict[str, Tag] = {}
    for one in tags:
        code = _line(one.code)
        if code is not None and (code := code.upper()) not in found:
            if code == one.code:
                found[code] = one
            else:  # the kind stays (a word's depends on its neighbours); a person's name is read again
                found[code] = tag(code, person=True) if one.kind is TagKind.PERSON else attrs.evolve(one, code=code)
    return tuple(found.values())


def _distinct_lines(values: tuple[str, ...]) -> tuple[str, ...]:
    """Each value cleaned, empty ones dropped, each kept once."""
    return tuple(dict.fromkeys(v for v in (_line(v) for v in values) if v))


def _signers(signers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s for s in (_line(s) for s in signers) if s for s in [s.upper()])


def normalize(cable: Cable | str) -> Cable:
    """Return the clean version of *cable* (a :class:`~cablekit.Cable`, or a text to parse leniently).

    Hard wraps are joined, blank-line and page-break splits rejoined, the
    repeated head block is gone, publication artifacts (``[PGOV](#)``,
    ``[1](#)``) are removed from every field, whitespace is collapsed, tags are
    upper-cased and de-duplicated, paragraph markers are rewritten as
    ``"N."`` and signers upper-cased.  The summary is read again from the
    clean paragraphs (as parsing the cable's clean text reads it), so that a
    word hyphenated across a line break comes out whole in both.  The defects of the source text are
    not carried over: the clean cable has none.  ``normalize`` is idempotent.

    >>> import cablekit
    >>> clean = cablekit.normalize("TAGS: [prel](#), pgov, PREL\\n\\n11. (C) Part\\n\\none.\\n\\nSMITH\\n")
    >>> [t.code for t in clean.tags], clean.paragraphs[0].marker, clean.paragraphs[0].text, clean.signers
    (['PREL', 'PGOV'], '1.', 'Part one.', ('SMITH',))
    >>> cablekit.normalize(clean) == clean
    True
    """
    if isinstance(cable, str):
        from .parser import parse

        cable = parse(cable)
    paragraphs = tuple(_paragraph(p) for p in cable.paragraphs)
    return attrs.evolve(
        cable,
        header=_header(cable.header),
        caveats=_distinct_lines(cable.caveats),
        offices=_distinct_lines(cable.offices),
        eo=_executive_order(cable.eo),
        tags=_tags(cable.tags),
        subject=_line(cable.subject),
        references=tuple(_reference(r) for r in cable.references),
        classified_by=_classifier(cable.classified_by),
        paragraphs=paragraphs,
        summary=_line(summary_of(paragraphs)) if paragraphs else _line(cable.summary),
        signers=_signers(cable.signers),
        defects=(),
    )
